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
//
// A delimiter never stands next to a space inside its run ("**Plan: **"
// is not bold in CommonMark): spaces at a run's end go after its closing
// delimiter, spaces at its start before its opening one.
func mdText(t text) string {
	var out []byte
	closeRun := func(delim string) {
		n := len(out)
		for n > 0 && out[n-1] == ' ' {
			n--
		}
		spaces := string(out[n:])
		out = append(append(out[:n], delim...), spaces...)
	}
	bold, em := false, false
	for _, s := range t {
		if em && !s.em {
			closeRun("*")
			em = false
		}
		content := s.s
		if (bold != s.strong || (s.em && !em)) && !s.isCode {
			lead := len(content) - len(strings.TrimLeft(content, " "))
			out, content = append(out, content[:lead]...), content[lead:]
		}
		if bold != s.strong {
			if bold {
				closeRun("**")
			} else {
				out = append(out, "**"...)
			}
			bold = s.strong
		}
		if s.em && !em {
			out = append(out, '*')
			em = true
		}
		switch {
		case s.isCode:
			out = append(out, "`"+content+"`"...)
		case s.user:
			out = append(out, md(content)...)
		default:
			out = append(out, content...)
		}
	}
	if em {
		closeRun("*")
	}
	if bold {
		closeRun("**")
	}
	return string(out)
}
