package report

import (
	"fmt"
	"strings"

	"github.com/seam-dev/seam/chart"
)

// doc is a report as blocks: the one structure that the Markdown writer and
// the terminal preview both draw, so the preview shows what the file says
// without reading Markdown back.
type doc []block

// block is a heading, a paragraph, a list, a table or a code block.
type block interface{ isBlock() }

type heading struct {
	level int
	text  text
}

type para struct{ text text }

// list is a bulleted list, or a numbered one when its items have numbers.
// An item may hold blocks of its own (a nested list).
type list struct{ items []item }

type item struct {
	number int // 0 for a bullet
	text   text
	sub    []block
}

// table has a header row (empty cells allowed) and a column alignment per
// column: 'l' or 'r'.
type table struct {
	align string
	head  []text
	rows  [][]text
}

// code is preformatted text, such as a chart's source.
type code struct {
	lang  string
	lines []string
}

// figure is a chart drawn from the report's numbers: an image file beside
// the Markdown (or a Mermaid block, or nothing but its alt text, as the
// reader asks), an inline SVG in HTML, its alt text on a screen.
type figure struct {
	// name is the file name without extension: "scores".
	name string
	// alt states what the chart shows, with its numbers, for readers who
	// cannot see it.
	alt string
	// mermaid is the same chart as a Mermaid block, for wikis that draw
	// them; nil where Mermaid has no fitting chart.
	mermaid []string
	// draw makes the chart: its SVG, its PNG when asked. drawAll runs it
	// only when an image is written, so screens and text-only reports
	// never draw.
	draw func() (chart.Chart, error)
	// drawn is what drawAll drew; nil before.
	drawn *drawing
	// compact marks a chart on page one: HTML keeps its caption for
	// screen readers only, its numbers being on its bars.
	compact bool
}

// pageBreak ends the decision page when the report is printed; only the
// HTML report marks it.
type pageBreak struct{}

func (heading) isBlock()   {}
func (para) isBlock()      {}
func (list) isBlock()      {}
func (table) isBlock()     {}
func (code) isBlock()      {}
func (figure) isBlock()    {}
func (pageBreak) isBlock() {}

// text is a run of inline spans.
type text []span

// span is a piece of inline text. user marks text that seam did not write
// (names, notes, evidence, a custom instrument's wording): Markdown escapes
// it and screens make it inert, so it always shows as the literal
// characters typed.
type span struct {
	s                  string
	strong, em, isCode bool
	user               bool
}

// words is seam's own text, formatted like fmt.Sprintf.
func words(format string, args ...any) span { return span{s: fmt.Sprintf(format, args...)} }

// their is text someone else wrote.
func their(s string) span { return span{s: s, user: true} }

// theirOr is their text, or a dash when there is none.
func theirOr(s string) span {
	if strings.TrimSpace(s) == "" {
		return words("–")
	}
	return their(s)
}

// literal is seam's own text set in code type: ids, hashes, bars.
func literal(s string) span { return span{s: s, isCode: true} }

// strong sets the spans in bold.
func strong(parts ...any) []span {
	out := spans(parts)
	for i := range out {
		out[i].strong = true
	}
	return out
}

// emphasis sets the spans in italics.
func emphasis(parts ...any) []span {
	out := spans(parts)
	for i := range out {
		out[i].em = true
	}
	return out
}

// line builds text from spans, slices of spans and plain strings (seam's
// own words).
func line(parts ...any) text { return spans(parts) }

func spans(parts []any) []span {
	var out []span
	for _, p := range parts {
		switch p := p.(type) {
		case span:
			out = append(out, p)
		case []span:
			out = append(out, p...)
		case text:
			out = append(out, p...)
		case string:
			out = append(out, span{s: p})
		default:
			out = append(out, span{s: fmt.Sprint(p)})
		}
	}
	return out
}

// cells builds a table row of seam's own words.
func cells(ss ...string) []text {
	out := make([]text, len(ss))
	for i, s := range ss {
		out[i] = line(s)
	}
	return out
}
