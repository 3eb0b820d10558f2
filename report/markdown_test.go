package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
)

// parse reads a report the way GitHub does: CommonMark with GFM tables,
// strikethrough, autolinks and task lists.
func parse(t *testing.T, src []byte) ast.Node {
	t.Helper()
	return goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(gmtext.NewReader(src))
}

// plainText is what a reader sees of a node: the text of its descendants.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(util.UnescapePunctuations(t.Segment.Value(src)))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func TestMarkdownParsesAsIntended(t *testing.T) {
	src := render(t, fixture(t), formats["report.md"])
	doc := parse(t, src)
	var h2 []string
	var tables []*east.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 {
				h2 = append(h2, plainText(n, src))
			}
			if n.Level == 1 {
				assert.Equal(t, "Integration strategy assessment: Acme Logistics", plainText(n, src))
			}
		case *east.Table:
			tables = append(tables, n)
		case *ast.HTMLBlock, *ast.RawHTML:
			t.Errorf("the report contains raw HTML: %q", plainText(n, src))
		}
		return ast.WalkContinue, nil
	})
	assert.Equal(t, []string{"Decision summary", "Scorecard", "Remediation roadmap", "Baseline figures", "Findings by failure mode", "Appendix: method and every answer"}, h2,
		"page one decides, the body explains, the appendix holds the method")

	// Tables by their first header cell: each with its columns, every row
	// whole.
	columns := func(tb *east.Table) int { return tb.FirstChild().ChildCount() }
	byHead := map[string][]*east.Table{}
	for _, tb := range tables {
		head := plainText(tb.FirstChild().FirstChild(), src)
		byHead[head] = append(byHead[head], tb)
		for row := tb.FirstChild(); row != nil; row = row.NextSibling() {
			assert.Equal(t, columns(tb), row.ChildCount(), "a row of the %q table has every cell", head)
		}
	}
	require.Len(t, byHead["Failure mode"], 1)
	assert.Equal(t, 9, columns(byHead["Failure mode"][0]), "scorecard")
	assert.Equal(t, 7, byHead["Failure mode"][0].ChildCount()-1, "a header and seven rows: six modes and the overall index")
	require.Len(t, byHead["Principle"], 1)
	require.Len(t, byHead["Figure"], 1, "baseline figures")
	assert.Len(t, byHead["Question"], 6, "every answer: one table per failure mode, in the appendix")
	for _, tb := range byHead["Question"] {
		assert.Equal(t, 6, columns(tb))
	}
	assert.Len(t, byHead["#"], 3, "Next and Later as compact tables, and the ranks in the appendix")
	assert.Contains(t, string(src), "```mermaid\nxychart-beta")
	assert.NotContains(t, string(src), "quadrantChart", "no chart that puts most first actions in Fill-ins")
	body := string(src[:strings.Index(string(src), "## Appendix")])
	for _, method := range []string{"rwg", "priority =", "importance ×", "SHA-256"} {
		assert.NotContains(t, body, method, "the method is in the appendix only")
	}
}

// TestRoadmapItemsKeepTheirDetailsPastTen: the roadmap's Now list is one
// ordered list with one item per action, each with its details nested,
// also past item 10, whose marker needs four spaces of indentation.
func TestRoadmapItemsKeepTheirDetailsPastTen(t *testing.T) {
	inst := defaultInstrument(t)
	targets := map[string]int{}
	for _, m := range inst.Modes {
		targets[m.ID] = 5
	}
	// Everything at level 1 against targets of 5, and room for it all:
	// Now holds more than ten items.
	in := selfInput(t, assessment.Responses{Instrument: inst, Targets: targets, Capacity: 60,
		Answers: answered(inst, func(*questionnaire.Question) assessment.Answer { return at(1) })})
	now := in.Plan.In(assessment.Now)
	require.Greater(t, len(now), 10, "the fixture's Now runs past item 10")
	src := render(t, in, formats["report.md"])
	doc := parse(t, src)
	var lists []*ast.List
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || !strings.HasPrefix(plainText(h, src), "Now (0-90 days)") {
			continue
		}
		for m := h.NextSibling(); m != nil; m = m.NextSibling() {
			if _, next := m.(*ast.Heading); next {
				break
			}
			if l, ok := m.(*ast.List); ok {
				lists = append(lists, l)
			}
		}
	}
	require.Len(t, lists, 1, "one numbered list for Now, not one per item")
	assert.True(t, lists[0].IsOrdered())
	assert.Equal(t, len(now), lists[0].ChildCount(), "one item per action")
	for it := lists[0].FirstChild(); it != nil; it = it.NextSibling() {
		details, ok := it.LastChild().(*ast.List)
		require.True(t, ok, "item %q has its details as a nested list", plainText(it.FirstChild(), src))
		assert.GreaterOrEqual(t, details.ChildCount(), 3, "do, owners, KPI under %q", plainText(it.FirstChild(), src))
		assert.True(t, strings.HasPrefix(plainText(details.FirstChild(), src), "Do: "))
	}
}

// hostile is user text that would break a naive Markdown document.
var hostile = []string{
	"pipe | in | cell",
	"line one\nline two\r\nline three",
	"<script>alert('x')</script>",
	"`code` and ``more``",
	"# heading?",
	"[x](javascript:alert(1))",
	"<!-- hidden -->",
	"\x1b[31mred\x1b[0m and \x1b]0;title\x07",
	"*bold* _em_ ~~strike~~ $x^2$ &amp; \\ backslash",
	"https://example.com/evidence?a=1",
	"c1 \u009b31m and bidi \u202egnp.exe\u2028next",
}

func hostileInput(t *testing.T, text string) Input {
	in := fixture(t)
	in.Organization, in.Title, in.Scope = text, text, text
	in.Participants = []Participant{{Name: text, Role: text, Function: "it"}}
	for mi := range in.Scorecard.Modes {
		for qi := range in.Scorecard.Modes[mi].Results {
			qr := &in.Scorecard.Modes[mi].Results[qi]
			qr.Note, qr.Evidence = text, text
			if qr.Given.Kind == assessment.NotApplicable {
				qr.Reason = text
			}
		}
	}
	return in
}

// expected is what a reader must see of the hostile text: the same
// characters, line breaks as spaces, control characters as their pictures.
func expected(text string) string { return safetext.Inert(text) }

// onlyText fails when user text inside n became anything but text: a
// link, emphasis, code, HTML or a line break.
func onlyText(t *testing.T, n ast.Node, src []byte) {
	t.Helper()
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c == n {
			return ast.WalkContinue, nil
		}
		switch c.(type) {
		case *ast.Text, *ast.String:
		default:
			t.Errorf("user text became %s: %q", c.Kind(), plainText(c, src))
		}
		return ast.WalkContinue, nil
	})
}

func TestHostileUserTextStaysLiteral(t *testing.T) {
	for _, h := range hostile {
		t.Run(h, func(t *testing.T) {
			in := hostileInput(t, h)
			src := render(t, in, formats["report.md"])
			doc := parse(t, src)
			want := expected(h)
			var cells, tables int
			_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering {
					return ast.WalkContinue, nil
				}
				switch n := n.(type) {
				case *ast.HTMLBlock, *ast.RawHTML:
					t.Errorf("user text became HTML: %q", plainText(n, src))
				case *ast.Link, *ast.AutoLink, *ast.Image:
					t.Errorf("user text became a link: %q", plainText(n, src))
				case *ast.Heading:
					if n.Level == 1 {
						assert.Equal(t, "Integration strategy assessment: "+want, plainText(n, src))
						onlyText(t, n, src)
					}
				case *east.Table:
					tables++
					if tables == 1 { // the title block: organization, title and scope cells
						row := n.FirstChild().NextSibling()
						for _, label := range []string{"Organization", "Title", "Scope"} {
							require.Equal(t, label, plainText(row.FirstChild(), src))
							assert.Equal(t, want, plainText(row.FirstChild().NextSibling(), src))
							onlyText(t, row.FirstChild().NextSibling(), src)
							row = row.NextSibling()
						}
					}
					if n.FirstChild().ChildCount() != 6 {
						break
					}
					for row := n.FirstChild().NextSibling(); row != nil; row = row.NextSibling() {
						require.Equal(t, 6, row.ChildCount(), "the text did not add or remove cells")
						note := row.FirstChild().NextSibling().NextSibling().NextSibling().NextSibling()
						for _, cell := range []ast.Node{note, note.NextSibling()} {
							assert.Equal(t, want, plainText(cell, src))
							onlyText(t, cell, src)
							cells++
						}
					}
				}
				return ast.WalkContinue, nil
			})
			assert.Equal(t, 2*in.Instrument.QuestionCount(), cells, "every question's note and evidence cells are intact")
			assert.NotContains(t, string(src), "\x1b", "no raw escape character")

			// CSV and JSON carry the text with only the characters that act changed.
			var buf bytes.Buffer
			require.NoError(t, CSVQuestions(&buf, in))
			rows, err := csv.NewReader(&buf).ReadAll()
			require.NoError(t, err)
			require.Len(t, rows, 1+in.Instrument.QuestionCount())
			for _, row := range rows[1:] {
				require.Len(t, row, 11)
				assert.Equal(t, cellText(h), row[7], "note")
			}
			buf.Reset()
			require.NoError(t, JSON(&buf, in))
			var jd Document
			require.NoError(t, json.Unmarshal(buf.Bytes(), &jd))
			assert.Equal(t, safetext.Display(h), jd.Assessment.Organization, "JSON shows controls as pictures")
			for _, r := range buf.String() {
				require.False(t, safetext.Hazard(r) && r != '\n', "raw %U in the JSON report", r)
			}
		})
	}
}

func TestCSVCellsCannotRunFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+1":                       "'+1",
		"-2":                       "'-2",
		"@SUM(A1)":                 "'@SUM(A1)",
		"plain = text":             "plain = text",
		"bell\a":                   "bell",
		"two\nlines":               "two\nlines",
		"c1 \u009b bidi \u202eexe": "c1  bidi exe",
	} {
		assert.Equal(t, want, cellText(in), "%q", in)
	}
}

func BenchmarkMarkdownReport(b *testing.B) {
	in := fixture(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Markdown(&buf, in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRunsNeverEndOnASpace: CommonMark does not take "**Plan: **x" as
// bold, so a run's edge spaces go outside its delimiters.
func TestRunsNeverEndOnASpace(t *testing.T) {
	assert.Equal(t, "**Decision needed:** Approve it.", mdText(line(strong("Decision needed: "), "Approve it.")))
	assert.Equal(t, "a *Proven by:* the minutes", mdText(line("a", emphasis(" Proven by: "), "the minutes")))
	assert.Equal(t, "**Plan:** ", mdText(line(strong("Plan: "))))
	src := []byte(mdText(line(strong("Decision needed: "), "Approve it.")))
	doc := parse(t, src)
	var strongs []string
	require.NoError(t, ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if e, ok := n.(*ast.Emphasis); ok && entering && e.Level == 2 {
			strongs = append(strongs, plainText(n, src))
		}
		return ast.WalkContinue, nil
	}))
	assert.Equal(t, []string{"Decision needed:"}, strongs, "goldmark reads it as bold")
}
