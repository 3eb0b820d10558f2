package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmtext "github.com/yuin/goldmark/text"

	"github.com/seam-dev/seam/cli"
)

var updateSample = flag.Bool("update-sample", false, "rewrite docs/sample-report.md and its charts from the demo workshop")

// TestTheSampleReportIsWhatSeamWritesToday keeps the README's sample,
// docs/sample-report.md with its charts in docs/sample-report-files (the
// demo workshop as seam report -o writes it), from
// drifting: when the report changes, this fails until the sample is made
// again with go test . -run TestTheSampleReport -update-sample.
func TestTheSampleReportIsWhatSeamWritesToday(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seam.db")
	var out, errs bytes.Buffer
	require.Equal(t, cli.ExitOK, cli.Main([]string{"--db", db, "demo"}, strings.NewReader(""), &out, &errs), errs.String())
	dir := t.TempDir()
	written := filepath.Join(dir, "sample-report.md")
	require.Equal(t, cli.ExitOK, cli.Main([]string{"--db", db, "report", "dem2ws", "-o", written}, strings.NewReader(""), &out, &errs), errs.String())
	names, err := filepath.Glob(filepath.Join(dir, "sample-report-files", "*"))
	require.NoError(t, err)
	require.Len(t, names, 8, "four charts, each as SVG and PNG")
	for _, name := range append([]string{written}, names...) {
		rel, err := filepath.Rel(dir, name)
		require.NoError(t, err)
		got, err := os.ReadFile(name)
		require.NoError(t, err)
		keep := filepath.Join("docs", rel)
		if *updateSample {
			require.NoError(t, os.MkdirAll(filepath.Dir(keep), 0o755))
			require.NoError(t, os.WriteFile(keep, got, 0o644))
		}
		want, err := os.ReadFile(keep)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got),
			"%s differs from what seam report writes; if the change is intended, run go test . -run TestTheSampleReport -update-sample and review the diff", keep)
	}
}

// visibleWords counts the words a reader of the Markdown sees: text, not
// link targets or image alt text (an image is seen, not read).
func visibleWords(t *testing.T, src []byte) int {
	t.Helper()
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(gmtext.NewReader(src))
	words := 0
	require.NoError(t, ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				words += len(strings.Fields(string(n.Segment.Value(src))))
			}
		case *ast.FencedCodeBlock:
			if entering {
				for i := 0; i < n.Lines().Len(); i++ {
					seg := n.Lines().At(i)
					words += len(strings.Fields(string(seg.Value(src))))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	}))
	return words
}

// TestTheDemoWorkshopsReportIsShort: leadership reads page one (at most
// 400 words) and the body (at most 2,500 with page one); the method and
// every answer are in the appendix, after "## Appendix".
func TestTheDemoWorkshopsReportIsShort(t *testing.T) {
	src, err := os.ReadFile("docs/sample-report.md")
	require.NoError(t, err)
	body := bytes.Index(src, []byte("\n## Scorecard"))
	appendix := bytes.Index(src, []byte("\n## Appendix"))
	require.True(t, body > 0 && appendix > body)
	assert.LessOrEqual(t, visibleWords(t, src[:body]), 400, "page one")
	assert.LessOrEqual(t, visibleWords(t, src[:appendix]), 2500, "page one and the body")
	assert.Greater(t, visibleWords(t, src), 2500, "the appendix holds the rest")
}
