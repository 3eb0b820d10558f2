package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/seam-dev/seam/cli"
)

// pandoc finds pandoc. The README's test command must pass with Go and a
// C compiler only, so without pandoc the test says what it left out; CI
// installs pandoc and sets SEAM_REQUIRE_PANDOC=1, so there it runs.
func pandoc(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("pandoc")
	if err == nil {
		return path
	}
	msg := "pandoc is not on PATH: install it (Debian: apt-get install pandoc) to check the report converts to HTML and Word"
	if os.Getenv("SEAM_REQUIRE_PANDOC") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// TestTheReportConvertsWithPandoc: the demo workshop's report, converted
// as leadership would (pandoc to HTML and to Word), keeps its roadmap's
// Now list whole (one numbered list, each action's details nested under
// it) and embeds its charts as pictures.
func TestTheReportConvertsWithPandoc(t *testing.T) {
	bin := pandoc(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "seam.db")
	var out, errs bytes.Buffer
	require.Equal(t, cli.ExitOK, cli.Main([]string{"--db", db, "demo"}, strings.NewReader(""), &out, &errs), errs.String())
	require.Equal(t, cli.ExitOK, cli.Main([]string{"--db", db, "report", "dem2ws", "-o", filepath.Join(dir, "r.md")}, strings.NewReader(""), &out, &errs), errs.String())
	md, err := os.ReadFile(filepath.Join(dir, "r.md"))
	require.NoError(t, err)
	now := regexp.MustCompile(`(?m)^### Now \(0-90 days\)`).FindIndex(md)
	require.NotNil(t, now)
	actions := len(regexp.MustCompile(`(?m)^\d+\. \*\*`).FindAll(md[now[1]:bytes.Index(md[now[1]:], []byte("\n### "))+now[1]], -1))
	require.Positive(t, actions)

	run := func(args ...string) []byte {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		got, err := cmd.Output()
		require.NoError(t, err, "pandoc %s", strings.Join(args, " "))
		return got
	}

	// HTML: after the Now heading, one ordered list with an item per
	// action, each holding its details as a nested list; every chart an img.
	page, err := html.Parse(bytes.NewReader(run("-f", "gfm", "-t", "html", "r.md")))
	require.NoError(t, err)
	var imgs []string
	var nowList *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.DataAtom == atom.Img {
			for _, a := range n.Attr {
				if a.Key == "src" {
					imgs = append(imgs, a.Val)
				}
			}
		}
		if n.DataAtom == atom.H3 && strings.HasPrefix(text(n), "Now (0-90 days)") {
			for s := n.NextSibling; s != nil && nowList == nil; s = s.NextSibling {
				if s.DataAtom == atom.Ol {
					nowList = s
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(page)
	assert.ElementsMatch(t, []string{"r-files/scores.png", "r-files/alignment.png", "r-files/business-it.png", "r-files/agreement.png"}, imgs)
	require.NotNil(t, nowList, "the Now actions are a numbered list")
	items := 0
	for li := nowList.FirstChild; li != nil; li = li.NextSibling {
		if li.DataAtom != atom.Li {
			continue
		}
		items++
		nested := false
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			nested = nested || c.DataAtom == atom.Ul
		}
		assert.True(t, nested, "action %d keeps its details nested", items)
	}
	assert.Equal(t, actions, items, "one list item per action")

	// Word: the charts embedded as pictures, and the Now actions' details
	// at the nested list level.
	run("-f", "gfm", "-t", "docx", "-o", "r.docx", "r.md")
	zr, err := zip.OpenReader(filepath.Join(dir, "r.docx"))
	require.NoError(t, err)
	defer zr.Close()
	pngs := 0
	var document []byte
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "word/media/") && strings.HasSuffix(f.Name, ".png") {
			pngs++
		}
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			require.NoError(t, err)
			document, err = io.ReadAll(rc)
			require.NoError(t, err)
			rc.Close()
		}
	}
	assert.Equal(t, 4, pngs, "the four charts are in the Word file")
	nestedDo := regexp.MustCompile(`<w:ilvl w:val="1" />(?s:.){0,600}?Do: `).FindAll(document, -1)
	assert.GreaterOrEqual(t, len(nestedDo), actions, "each Now action's \"Do:\" sits at the nested list level in Word")
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
