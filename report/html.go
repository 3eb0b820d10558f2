package report

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/seam-dev/seam/safetext"
)

// The page's template and stylesheet, built into the binary: the HTML
// report is one file that fetches nothing.
var (
	//go:embed html.tmpl
	htmlTemplate string
	//go:embed html.css
	htmlCSS string
)

// htmlPage is parsed on first use, not when the package is initialised:
// every seam command would pay for it otherwise.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Parse(htmlTemplate))
})

// HTML writes the leadership report as one self-contained HTML page: its
// stylesheet inline (with a print stylesheet for A4 that ends the
// decision page on page one), charts as inline SVG, and no scripts, fonts,
// images or links to fetch; a Content-Security-Policy says so to the
// browser too. Text that users typed is escaped by html/template and shows
// as the literal characters. The output depends only on the input.
func HTML(w io.Writer, in Input) error {
	return writeHTML(w, drawAll(build(in), false))
}

// writeHTML writes a document as the HTML page.
func writeHTML(w io.Writer, d doc) error {
	page := htmlView{CSS: template.CSS(htmlCSS)}
	for _, bl := range d {
		if h, ok := bl.(heading); ok && h.level == 1 && page.Title == "" {
			page.Title = plain(h.text)
		}
	}
	var err error
	if page.Blocks, err = htmlBlocks(d); err != nil {
		return err
	}
	for _, bl := range page.Blocks {
		if bl.Compact {
			page.CSS += compactCSS
			break
		}
	}
	var buf bytes.Buffer
	if err := htmlPage().Execute(&buf, page); err != nil {
		return fmt.Errorf("writing the HTML report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// htmlView is what the template draws: the document's blocks as plain
// values, each text already made inert. Only SVG (checked by inlineSVG)
// and the embedded stylesheet are trusted as they are; everything else
// is escaped by html/template.
type htmlView struct {
	Title  string
	CSS    template.CSS
	Blocks []htmlBlock
}

type htmlBlock struct {
	// Kind is h1…h6, p, list, table, pre, figure or break.
	Kind    string
	Text    []htmlSpan
	Ordered bool
	Items   []htmlItem
	Head    []htmlCell // nil when every header cell is empty
	Rows    [][]htmlCell
	Lang    string
	Code    string
	SVG     template.HTML
	Caption string
	// Compact marks a chart on page one, whose caption only screen
	// readers read (see compactCSS).
	Compact bool
}

// compactCSS is added to the stylesheet of a page with a compact chart
// only, so that the pages without one stay as they were: the chart's
// numbers stand on its bars, so its caption (the same numbers in words)
// is kept for screen readers and takes no room on the printed page one.
const compactCSS = `
/* A chart on the decision page: its caption is for screen readers. */
figure.compact figcaption { position: absolute; width: 1px; height: 1px; margin: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`

type htmlItem struct {
	Number int
	Text   []htmlSpan
	Sub    []htmlBlock
}

// htmlCell is a table cell; Header marks a row's first cell in a table
// without a header row (a two-column list of labels and values).
type htmlCell struct {
	Num, Header bool
	Text        []htmlSpan
}

// htmlSpan is inline text; Long marks a word too long for a narrow table
// column (a URL, a path), which may break anywhere.
type htmlSpan struct {
	S                        string
	Strong, Em, IsCode, Long bool
}

func htmlBlocks(bs []block) ([]htmlBlock, error) {
	out := make([]htmlBlock, 0, len(bs))
	for _, bl := range bs {
		hb, err := htmlOf(bl)
		if err != nil {
			return nil, err
		}
		out = append(out, hb)
	}
	return out, nil
}

func htmlOf(bl block) (htmlBlock, error) {
	switch bl := bl.(type) {
	case heading:
		return htmlBlock{Kind: fmt.Sprintf("h%d", min(max(bl.level, 1), 6)), Text: htmlSpans(bl.text)}, nil
	case para:
		return htmlBlock{Kind: "p", Text: htmlSpans(bl.text)}, nil
	case list:
		hb := htmlBlock{Kind: "list", Ordered: len(bl.items) > 0 && bl.items[0].number > 0}
		for _, it := range bl.items {
			sub, err := htmlBlocks(it.sub)
			if err != nil {
				return htmlBlock{}, err
			}
			hb.Items = append(hb.Items, htmlItem{Number: it.number, Text: htmlSpans(it.text), Sub: sub})
		}
		return hb, nil
	case table:
		return htmlTable(bl), nil
	case code:
		lines := make([]string, len(bl.lines))
		for i, l := range bl.lines {
			lines[i] = safetext.Display(l)
		}
		return htmlBlock{Kind: "pre", Lang: bl.lang, Code: strings.Join(lines, "\n")}, nil
	case figure:
		hb := htmlBlock{Kind: "figure", Caption: safetext.Inert(bl.alt), Compact: bl.compact}
		if bl.drawn != nil {
			if bl.drawn.err != nil {
				return htmlBlock{}, fmt.Errorf("drawing the chart %s: %w", bl.name, bl.drawn.err)
			}
			var err error
			if hb.SVG, err = inlineSVG(bl.drawn.svg); err != nil {
				return htmlBlock{}, fmt.Errorf("the chart %s: %w", bl.name, err)
			}
		}
		return hb, nil
	case pageBreak:
		return htmlBlock{Kind: "break"}, nil
	}
	return htmlBlock{}, fmt.Errorf("the HTML report cannot draw a %T", bl)
}

func htmlTable(t table) htmlBlock {
	hb := htmlBlock{Kind: "table"}
	num := func(col int) bool { return col < len(t.align) && t.align[col] == 'r' }
	labels := true // no header: the first column labels the rows
	for _, h := range t.head {
		if plain(h) != "" {
			labels = false
		}
	}
	if !labels {
		for i, h := range t.head {
			hb.Head = append(hb.Head, htmlCell{Num: num(i), Text: htmlSpans(h)})
		}
	}
	for _, row := range t.rows {
		cs := make([]htmlCell, len(row))
		for i, c := range row {
			cs[i] = htmlCell{Num: num(i), Header: labels && i == 0, Text: htmlSpans(c)}
		}
		hb.Rows = append(hb.Rows, cs)
	}
	return hb
}

// longWord is the length from which a word in others' text may break
// anywhere, so that it cannot widen a table past the page.
const longWord = 20

// htmlSpans makes others' text inert (control characters as their
// pictures, bidirectional overrides dropped, as in Markdown), marks its
// long words, and joins neighbours of the same style into one span.
// Escaping is html/template's.
func htmlSpans(t text) []htmlSpan {
	var out []htmlSpan
	add := func(hs htmlSpan) {
		if n := len(out); n > 0 && !hs.IsCode && !hs.Long && !out[n-1].IsCode && !out[n-1].Long && out[n-1].Strong == hs.Strong && out[n-1].Em == hs.Em {
			out[n-1].S += hs.S
			return
		}
		out = append(out, hs)
	}
	for _, s := range t {
		hs := htmlSpan{S: s.s, Strong: s.strong, Em: s.em, IsCode: s.isCode}
		if !s.user || s.isCode {
			add(hs)
			continue
		}
		str := safetext.Inert(s.s)
		for str != "" {
			start := longWordAt(str)
			if start < 0 {
				hs.S = str
				add(hs)
				break
			}
			end := len(str)
			if i := strings.IndexFunc(str[start:], unicode.IsSpace); i >= 0 {
				end = start + i
			}
			if start > 0 {
				hs.S = str[:start]
				add(hs)
			}
			long := hs
			long.S, long.Long = str[start:end], true
			add(long)
			str = str[end:]
		}
	}
	return out
}

// longWordAt is where the first word of longWord or more characters
// starts in s, or -1.
func longWordAt(s string) int {
	start, n := 0, 0
	for i, r := range s {
		if unicode.IsSpace(r) {
			start, n = i+utf8.RuneLen(r), 0
			continue
		}
		if n++; n == longWord {
			return start
		}
	}
	return -1
}

// plain is the text of spans as a reader sees it, others' text inert.
func plain(t text) string {
	var b strings.Builder
	for _, s := range htmlSpans(t) {
		b.WriteString(s.S)
	}
	return b.String()
}

// svgElements are the SVG elements a chart may use inline: shapes, text,
// groups and paint servers. Anything else (script, style, foreignObject,
// a, image, animation, or an HTML element that would end the SVG) is
// refused.
var svgElements = map[string]bool{
	"svg": true, "g": true, "defs": true, "title": true, "desc": true, "symbol": true, "use": true,
	"rect": true, "circle": true, "ellipse": true, "line": true, "polyline": true, "polygon": true, "path": true,
	"text": true, "tspan": true, "textPath": true, "clipPath": true, "mask": true, "pattern": true, "marker": true,
	"linearGradient": true, "radialGradient": true, "stop": true,
}

var errUnsafeSVG = errors.New("the SVG is not safe to inline")

// inlineSVG checks a chart's SVG before the page trusts it as markup: one
// svg element of listed elements, text and attributes only (no comments,
// processing instructions or CDATA, which HTML reads differently from
// XML), no event attributes, and references (href, url()) only to
// anchors in the chart itself. It returns the svg element without the XML
// declaration before it.
func inlineSVG(data []byte) (template.HTML, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	start, end, depth := -1, -1, 0
	for {
		before := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%w: %v", errUnsafeSVG, err)
		}
		if end >= 0 {
			switch tok := tok.(type) {
			case xml.Comment, xml.ProcInst:
				continue // left out with the rest
			case xml.CharData:
				if len(bytes.TrimSpace(tok)) == 0 {
					continue
				}
			}
			return "", fmt.Errorf("%w: something after the svg element", errUnsafeSVG)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if start < 0 {
				if tok.Name.Local != "svg" {
					return "", fmt.Errorf("%w: it starts with <%s>, not <svg>", errUnsafeSVG, tok.Name.Local)
				}
				start = before
			}
			if !svgElements[tok.Name.Local] {
				return "", fmt.Errorf("%w: <%s> is not allowed", errUnsafeSVG, tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if err := svgAttr(a); err != nil {
					return "", err
				}
			}
			depth++
		case xml.EndElement:
			depth--
			if depth == 0 {
				end = int(dec.InputOffset())
			}
		case xml.CharData:
			if start >= 0 && bytes.Contains(data[before:dec.InputOffset()], []byte("<")) {
				return "", fmt.Errorf("%w: CDATA", errUnsafeSVG)
			}
		default:
			if start >= 0 {
				return "", fmt.Errorf("%w: a comment, processing instruction or directive inside it", errUnsafeSVG)
			}
		}
	}
	if end < 0 {
		return "", fmt.Errorf("%w: no complete svg element", errUnsafeSVG)
	}
	return template.HTML(data[start:end]), nil
}

// svgAttr refuses event handlers and references outside the chart.
func svgAttr(a xml.Attr) error {
	name := strings.ToLower(a.Name.Local)
	value := strings.ToLower(strings.Join(strings.Fields(a.Value), ""))
	switch {
	case strings.HasPrefix(name, "on"):
		return fmt.Errorf("%w: the event attribute %s", errUnsafeSVG, a.Name.Local)
	case (name == "href" || name == "src") && !strings.HasPrefix(value, "#"):
		return fmt.Errorf("%w: %s=%q", errUnsafeSVG, a.Name.Local, a.Value)
	case strings.Contains(value, "javascript:") || strings.Contains(value, "@import") || strings.Contains(value, "expression("):
		return fmt.Errorf("%w: %s=%q", errUnsafeSVG, a.Name.Local, a.Value)
	}
	for rest := value; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return nil
		}
		rest = strings.TrimLeft(rest[i+len("url("):], `'"`)
		if !strings.HasPrefix(rest, "#") {
			return fmt.Errorf("%w: %s=%q refers outside the chart", errUnsafeSVG, a.Name.Local, a.Value)
		}
	}
}
