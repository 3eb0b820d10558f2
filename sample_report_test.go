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
