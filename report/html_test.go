package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chartSVG is an SVG as a chart package writes it: an XML declaration,
// shapes, styled text with an escaped label.
const chartSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 60" width="200" height="60" role="img">
<title>Scores</title>
<defs><linearGradient id="g"><stop offset="0" stop-color="#0b4f8a"/></linearGradient></defs>
<g font-family="sans-serif" font-size="10" style="fill: url(#g)">
<rect x="0" y="10" width="90" height="14" fill="url(#g)"/>
<use xlink:href="#g"/>
<text x="95" y="21">m1 &lt;script&gt; 2.25</text>
</g>
</svg>
`

// blocksDoc is a document with every kind of block, others' text in
// every place it can stand, and a decision page ending in a page break.
func blocksDoc(svg string) doc {
	hostile := "<b>Acme</b> & \"Co\" [x](javascript:alert(1)) \x1b[31m"
	return doc{
		heading{level: 1, text: line("Decision page: ", their(hostile))},
		table{align: "ll", head: cells("", ""), rows: [][]text{
			{line("Organization"), line(their(hostile))},
			{line("Assessment"), line(literal("k3f9q2"), " (self)")},
		}},
		para{text: line(strong("Decision needed: "), "approve ", emphasis("the plan"), " by ", literal("2026-12-01"), ". ", their("<script>alert(1)</script>"))},
		list{items: []item{
			{number: 1, text: line(strong(their("Tested rollback")), " (m6.q2)"), sub: []block{
				list{items: []item{{text: line("Do: ", their("*this* <img src=x onerror=alert(1)>"))}, {text: line("Owners: ", their("Ops"))}}},
			}},
			{number: 2, text: line(strong("Second"))},
		}},
		figure{name: "scores", alt: "Scores: m1 2.25 <of 5>.", drawn: &drawing{svg: []byte(svg)}},
		pageBreak{},
		heading{level: 2, text: line("Scorecard")},
		table{align: "lrl", head: cells("Failure mode", "Score", "Note"), rows: [][]text{
			{line(their("m1"), " ", their("Name | pipe")), line("2.25"), line(their(hostile))},
			{line(strong("Overall index")), line(strong("2.08")), nil},
		}},
		figure{name: "quadrant", alt: "Plan items by impact and effort: " + hostile},
		heading{level: 3, text: line("Source")},
		code{lang: "text", lines: []string{"  indented", "<tag> & \x1b[0m"}},
	}
}

func htmlOfDoc(t testing.TB, d doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, writeHTML(&buf, d))
	return buf.Bytes()
}

func TestHTMLBlocksGolden(t *testing.T) {
	src := htmlOfDoc(t, blocksDoc(chartSVG))
	golden(t, "blocks.html", src)
	page := parseHTML(t, src)
	safeHTML(t, page)

	assert.Equal(t, "Decision page: <b>Acme</b> & \"Co\" [x](javascript:alert(1)) ␛[31m", textOf(find(page, atom.Title)[0]))
	assert.Len(t, find(page, atom.H1), 1)
	assert.Len(t, find(page, atom.H2), 1)
	assert.Len(t, find(page, atom.H3), 1)

	tables := find(page, atom.Table)
	require.Len(t, tables, 2)
	assert.Empty(t, find(tables[0], atom.Thead), "a table without a header row has no thead")
	assert.Equal(t, []string{"Organization", "Assessment"}, texts(find(tables[0], atom.Th)), "its first column labels the rows")
	heads := find(tables[1], atom.Th)
	require.Len(t, heads, 3)
	assert.Equal(t, []string{"", "num", ""}, []string{attr(heads[0], "class"), attr(heads[1], "class"), attr(heads[2], "class")}, "numeric columns align right")
	for _, row := range find(find(tables[1], atom.Tbody)[0], atom.Tr) {
		cells := find(row, atom.Td)
		require.Len(t, cells, 3, "the pipe did not add a cell")
		assert.Equal(t, "num", attr(cells[1], "class"))
	}

	lists := find(page, atom.Ol)
	require.Len(t, lists, 1)
	items := children(lists[0], atom.Li)
	require.Len(t, items, 2)
	assert.Equal(t, "1", attr(items[0], "value"))
	require.Len(t, find(items[0], atom.Ul), 1, "the item's details are a nested list")
	assert.Equal(t, "Do: *this* <img src=x onerror=alert(1)>", textOf(find(items[0], atom.Li)[0]))

	figures := find(page, atom.Figure)
	require.Len(t, figures, 2)
	svgs := find(figures[0], atom.Svg)
	require.Len(t, svgs, 1, "the chart is inline SVG")
	labels := named(svgs[0], "text")
	require.Len(t, labels, 1)
	assert.Equal(t, "m1 <script> 2.25", textOf(labels[0]), "the SVG's label stays text")
	assert.Equal(t, "Scores: m1 2.25 <of 5>.", textOf(find(figures[0], atom.Figcaption)[0]))
	assert.Equal(t, "no-chart", attr(figures[1], "class"))
	assert.Empty(t, find(figures[1], atom.Svg), "a chart that is not drawn shows its alt text")
	assert.Contains(t, textOf(find(figures[1], atom.Figcaption)[0]), "Plan items by impact and effort: <b>Acme</b>")

	breaks := find(page, atom.Hr)
	require.Len(t, breaks, 1)
	assert.Equal(t, "page-break", attr(breaks[0], "class"))
	assert.Equal(t, "  indented\n<tag> & ␛[0m", textOf(find(page, atom.Pre)[0]), "code keeps its indent; controls show as pictures")
	assert.NotContains(t, string(src), "<?xml", "the SVG's XML declaration is left out")
}

func TestHTMLHasTheDocumentsText(t *testing.T) {
	in := fixture(t)
	page := parseHTML(t, render(t, in, formats["report.html"]))
	safeHTML(t, page)
	var h2 []string
	for _, h := range find(page, atom.H2) {
		h2 = append(h2, textOf(h))
	}
	assert.Equal(t, []string{"Decision summary", "Scorecard", "Remediation roadmap", "Baseline figures", "Findings by failure mode", "Appendix: method and every answer"}, h2)
	tables := find(page, atom.Table)
	require.Len(t, tables, 14, "the same tables as the Markdown report")
	assert.Len(t, find(tables[1], atom.Th), 9, "scorecard")
	assert.Equal(t, "num", attr(find(tables[1], atom.Td)[1], "class"), "the score column aligns right")
	figures := find(page, atom.Figure)
	require.Len(t, figures, 2, "the scores and alignment charts")
	for _, f := range figures {
		assert.Len(t, find(f, atom.Svg), 1, "drawn inline as SVG")
	}
}

func TestHostileUserTextStaysLiteralInHTML(t *testing.T) {
	for _, h := range hostile {
		t.Run(h, func(t *testing.T) {
			in := hostileInput(t, h)
			src := render(t, in, formats["report.html"])
			assert.NotContains(t, string(src), "\x1b", "no raw escape character")
			page := parseHTML(t, src)
			safeHTML(t, page)
			want := expected(h)

			assert.Equal(t, "Integration strategy assessment: "+want, textOf(find(page, atom.Title)[0]))
			h1 := find(page, atom.H1)
			require.Len(t, h1, 1)
			assert.Equal(t, "Integration strategy assessment: "+want, textOf(h1[0]))
			onlyTextNodes(t, h1[0])

			tables := find(page, atom.Table)
			rows := find(tables[0], atom.Tr)
			for i, label := range []string{"Organization", "Title", "Scope"} {
				require.Equal(t, label, textOf(find(rows[i], atom.Th)[0]))
				cell := find(rows[i], atom.Td)[0]
				assert.Equal(t, want, textOf(cell))
				onlyTextNodes(t, cell)
			}
			cells := 0
			for _, tb := range tables {
				if len(find(tb, atom.Th)) != 6 {
					continue
				}
				for _, row := range find(find(tb, atom.Tbody)[0], atom.Tr) {
					tds := find(row, atom.Td)
					require.Len(t, tds, 6, "the text did not add or remove cells")
					for _, cell := range tds[4:] {
						assert.Equal(t, want, textOf(cell), "note and evidence")
						onlyTextNodes(t, cell)
						cells++
					}
				}
			}
			assert.Equal(t, 2*in.Instrument.QuestionCount(), cells, "every question's note and evidence cells are intact")
		})
	}
}

func TestLongWordsMayBreak(t *testing.T) {
	url := "https://wiki.example.com/runbooks/rollback"
	got := htmlSpans(line(strong("Evidence: "), their("see "+url+" and\tthe minutes"), " ", literal("k3f9q2-and-a-long-hash")))
	assert.Equal(t, []htmlSpan{
		{S: "Evidence: ", Strong: true},
		{S: "see "},
		{S: url, Long: true},
		{S: " and the minutes "},
		{S: "k3f9q2-and-a-long-hash", IsCode: true},
	}, got, "only others' words of 20 characters or more; code stays as it is")
	assert.Equal(t, []htmlSpan{{S: strings.Repeat("é", 20), Long: true}}, htmlSpans(line(their(strings.Repeat("é", 20)))))
	assert.Equal(t, []htmlSpan{{S: strings.Repeat("é", 19)}}, htmlSpans(line(their(strings.Repeat("é", 19)))))
}

func TestInlineSVGTakesCharts(t *testing.T) {
	got, err := inlineSVG([]byte(chartSVG))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(got), "<svg "), "the XML declaration is left out")
	assert.True(t, strings.HasSuffix(string(got), "</svg>"))
	_, err = inlineSVG([]byte(`<!DOCTYPE svg><!-- made by a chart --><svg xmlns="http://www.w3.org/2000/svg"/>`))
	assert.NoError(t, err, "a doctype and comments before the svg element are left out")
}

func TestInlineSVGRefusesWhatCouldActOrFetch(t *testing.T) {
	for name, svg := range map[string]string{
		"script":              `<svg><script>alert(1)</script></svg>`,
		"event attribute":     `<svg onload="alert(1)"><rect/></svg>`,
		"foreignObject":       `<svg><foreignObject><div>x</div></foreignObject></svg>`,
		"link":                `<svg><a href="https://example.com"><text>x</text></a></svg>`,
		"image":               `<svg><image href="https://example.com/x.png"/></svg>`,
		"style element":       `<svg><style>@import url(https://example.com/x.css);</style></svg>`,
		"external use":        `<svg><use href="https://example.com/s.svg#a"/></svg>`,
		"encoded javascript":  `<svg><use xlink:href="&#x6a;avascript:alert(1)"/></svg>`,
		"javascript value":    `<svg><rect fill="javascript:alert(1)"/></svg>`,
		"external url()":      `<svg><rect style="fill: url('https://example.com/p.svg#x')"/></svg>`,
		"an HTML element":     `<svg><p>breaks out of the SVG</p></svg>`,
		"comment inside":      `<svg><!-- --!><script>alert(1)</script> --></svg>`,
		"CDATA":               `<svg><text><![CDATA[</text><script>alert(1)</script>]]></text></svg>`,
		"processing inside":   `<svg><?x a="><script>alert(1)</script>"?></svg>`,
		"not svg":             `<html><body/></html>`,
		"something after":     `<svg/><script>alert(1)</script>`,
		"unclosed":            `<svg><g>`,
		"mismatched":          `<svg><g></svg></g>`,
		"entity from the DTD": `<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]><svg><text>&x;</text></svg>`,
		"empty":               ``,
	} {
		t.Run(name, func(t *testing.T) {
			got, err := inlineSVG([]byte(svg))
			assert.ErrorIs(t, err, errUnsafeSVG)
			assert.Empty(t, got)
		})
	}
}

func TestHTMLStopsAtAChartThatCannotBeDrawn(t *testing.T) {
	var buf bytes.Buffer
	err := writeHTML(&buf, blocksDoc(`<svg><script>alert(1)</script></svg>`))
	require.ErrorIs(t, err, errUnsafeSVG)
	assert.Contains(t, err.Error(), "the chart scores")
	assert.Zero(t, buf.Len(), "nothing is written")
}

// parseHTML parses a page as a browser does.
func parseHTML(t *testing.T, src []byte) *html.Node {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(src))
	require.NoError(t, err)
	return n
}

// safeHTML fails on anything in a page that could run, fetch or link:
// scripts, embedded content, links, event attributes, URLs other than
// in-page anchors, and style attributes outside a chart. The page must say so to the
// browser too, with its Content-Security-Policy.
func safeHTML(t *testing.T, page *html.Node) {
	t.Helper()
	csp := ""
	walk(page, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Script, atom.Iframe, atom.Object, atom.Embed, atom.Img, atom.Link, atom.Base, atom.Form, atom.Input,
			atom.Audio, atom.Video, atom.Source, atom.Frame, atom.Noscript, atom.Template:
			t.Errorf("the page has a <%s> element", n.Data)
		case atom.A:
			if href := attr(n, "href"); !strings.HasPrefix(href, "#") {
				t.Errorf("the page links to %q", href)
			}
		case atom.Meta:
			if attr(n, "http-equiv") == "Content-Security-Policy" {
				csp = attr(n, "content")
			}
		}
		for _, a := range n.Attr {
			key, val := strings.ToLower(a.Key), strings.ToLower(a.Val)
			switch {
			case strings.HasPrefix(key, "on"):
				t.Errorf("<%s> has the event attribute %s=%q", n.Data, a.Key, a.Val)
			case key == "style" && n.Namespace == "":
				t.Errorf("<%s> has a style attribute", n.Data) // only a chart's SVG may
			case (key == "href" || key == "src" || key == "action" || key == "srcset") && !strings.HasPrefix(val, "#"):
				t.Errorf("<%s> refers to %s=%q", n.Data, a.Key, a.Val)
			case strings.Contains(val, "javascript:"):
				t.Errorf("<%s %s=%q> holds a javascript: URL", n.Data, a.Key, a.Val)
			}
		}
	})
	assert.Equal(t, "default-src 'none'; style-src 'unsafe-inline'; img-src data:", csp)
}

// onlyTextNodes fails when others' text inside n became anything but
// text: an element of any kind but the span that lets a long word break.
func onlyTextNodes(t *testing.T, n *html.Node) {
	t.Helper()
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
		case c.DataAtom == atom.Span && len(c.Attr) == 1 && attr(c, "class") == "long":
			onlyTextNodes(t, c)
		default:
			t.Errorf("user text became <%s> in <%s>", c.Data, n.Data)
		}
	}
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

// find lists the elements of a kind under n, in document order.
func find(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	walk(n, func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == a && c != n {
			out = append(out, c)
		}
	})
	return out
}

// named lists the elements of a name under n: SVG's have no atom.
func named(n *html.Node, name string) []*html.Node {
	var out []*html.Node
	walk(n, func(c *html.Node) {
		if c.Type == html.ElementNode && c.Data == name && c != n {
			out = append(out, c)
		}
	})
	return out
}

// children lists n's own child elements of a kind.
func children(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			out = append(out, c)
		}
	}
	return out
}

// textOf is what a reader sees of n: its text nodes.
func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func texts(ns []*html.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = textOf(n)
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
