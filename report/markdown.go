package report

import (
	"fmt"
	"io"
	"strings"
)

// Markdown writes the leadership report: title block, a one-page executive
// summary, the scorecard and principle tables with Mermaid charts, the
// roadmap, findings per failure mode and a method appendix. The output
// depends only on the input.
func Markdown(w io.Writer, in Input) error {
	_, err := io.WriteString(w, markdown(build(in)))
	return err
}

// markdown writes a document as CommonMark with GFM tables: blocks apart
// by a blank line, list items tight, a nested block indented by its item's
// marker, so that "10." takes four spaces.
func markdown(d doc) string {
	var b strings.Builder
	for i, bl := range d {
		if i > 0 {
			b.WriteString("\n")
		}
		mdBlock(&b, bl, "")
	}
	return b.String()
}

func mdBlock(b *strings.Builder, bl block, indent string) {
	switch bl := bl.(type) {
	case heading:
		fmt.Fprintf(b, "%s%s %s\n", indent, strings.Repeat("#", bl.level), mdText(bl.text))
	case para:
		fmt.Fprintf(b, "%s%s\n", indent, mdText(bl.text))
	case list:
		for _, it := range bl.items {
			marker := "-"
			if it.number > 0 {
				marker = fmt.Sprintf("%d.", it.number)
			}
			fmt.Fprintf(b, "%s%s %s\n", indent, marker, mdText(it.text))
			for _, sub := range it.sub {
				mdBlock(b, sub, indent+strings.Repeat(" ", len(marker)+1))
			}
		}
	case table:
		mdRow(b, indent, bl.head)
		b.WriteString(indent + "|")
		for _, a := range bl.align {
			if a == 'r' {
				b.WriteString("---:|")
			} else {
				b.WriteString("---|")
			}
		}
		b.WriteString("\n")
		for _, row := range bl.rows {
			mdRow(b, indent, row)
		}
	case code:
		fmt.Fprintf(b, "%s```%s\n", indent, bl.lang)
		for _, l := range bl.lines {
			fmt.Fprintf(b, "%s%s\n", indent, l)
		}
		fmt.Fprintf(b, "%s```\n", indent)
	}
}

// mdRow writes a table row; an empty cell is "| |".
func mdRow(b *strings.Builder, indent string, row []text) {
	b.WriteString(indent + "|")
	for _, c := range row {
		if s := mdText(c); s != "" {
			b.WriteString(" " + s + " |")
		} else {
			b.WriteString(" |")
		}
	}
	b.WriteString("\n")
}

// mdText writes inline spans: bold and italic runs marked once around
// their spans, code in backticks, others' text escaped.
func mdText(t text) string {
	var b strings.Builder
	bold, em := false, false
	for _, s := range t {
		if em && !s.em {
			b.WriteString("*")
			em = false
		}
		if bold != s.strong {
			b.WriteString("**")
			bold = s.strong
		}
		if s.em && !em {
			b.WriteString("*")
			em = true
		}
		switch {
		case s.isCode:
			b.WriteString("`" + s.s + "`")
		case s.user:
			b.WriteString(md(s.s))
		default:
			b.WriteString(s.s)
		}
	}
	if em {
		b.WriteString("*")
	}
	if bold {
		b.WriteString("**")
	}
	return b.String()
}
