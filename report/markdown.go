package report

import (
	"fmt"
	"io"
	"net/url"
	"strings"
)

// Charts is how a Markdown report carries its charts.
type Charts string

// The ways to carry charts.
const (
	// ChartImages writes each chart as SVG and PNG files into a folder
	// beside the report and links the PNG, with alt text stating its
	// numbers: it renders in Word, PDF, e-mail and every viewer.
	ChartImages Charts = "images"
	// ChartMermaid writes Mermaid blocks, for wikis that draw them.
	ChartMermaid Charts = "mermaid"
	// ChartNone writes each chart's alt text only.
	ChartNone Charts = "none"
)

// ChartModes lists the ways, for messages.
var ChartModes = []Charts{ChartImages, ChartMermaid, ChartNone}

// File is a file a report links to, to be written into its folder.
type File struct {
	Name string
	Data []byte
}

// MarkdownOptions says how to write the charts: Folder is the folder the
// images go in, as linked from the report (a name beside it, such as
// "acme-report-files").
type MarkdownOptions struct {
	Charts Charts
	Folder string
}

// Markdown writes the leadership report with its charts as Mermaid
// blocks; MarkdownWith writes them another way.
func Markdown(w io.Writer, in Input) error {
	_, err := MarkdownWith(w, in, MarkdownOptions{Charts: ChartMermaid})
	return err
}

// MarkdownWith writes the leadership report (the decision page, the body
// and the appendix) and returns the chart files it links to, which the
// caller writes into opt.Folder. The output depends only on the input.
func MarkdownWith(w io.Writer, in Input, opt MarkdownOptions) ([]File, error) {
	m := &mdWriter{opt: opt}
	d := build(in)
	if opt.Charts == ChartImages {
		d = drawAll(d, true)
	}
	text := m.doc(d)
	if m.err != nil {
		return nil, m.err
	}
	if _, err := io.WriteString(w, text); err != nil {
		return nil, err
	}
	return m.files, nil
}

// mdWriter writes a document as CommonMark with GFM tables: blocks apart
// by a blank line, list items tight, a nested block indented by its item's
// marker, so that "10." takes four spaces. It collects the chart files.
type mdWriter struct {
	opt   MarkdownOptions
	files []File
	err   error
}

func (m *mdWriter) doc(d doc) string {
	var b strings.Builder
	first := true
	for _, bl := range d {
		if _, ok := bl.(pageBreak); ok {
			continue
		}
		if !first {
			b.WriteString("\n")
		}
		first = false
		m.block(&b, bl, "")
	}
	return b.String()
}

// figure writes a chart the way the options ask.
func (m *mdWriter) figure(b *strings.Builder, f figure, indent string) {
	switch {
	case m.opt.Charts == ChartMermaid && f.mermaid != nil:
		m.block(b, code{lang: "mermaid", lines: f.mermaid}, indent)
	case m.opt.Charts == ChartImages && f.drawn != nil:
		if f.drawn.err != nil {
			m.err = fmt.Errorf("drawing the chart %s: %w", f.name, f.drawn.err)
			return
		}
		m.files = append(m.files, File{Name: f.name + ".svg", Data: f.drawn.svg}, File{Name: f.name + ".png", Data: f.drawn.png})
		// md escapes the brackets that would end the alt text
		fmt.Fprintf(b, "%s![%s](%s/%s.png)\n", indent, md(f.alt), linkPath(m.opt.Folder), f.name)
	default:
		fmt.Fprintf(b, "%s%s\n", indent, md(f.alt))
	}
}

// linkPath makes a folder name safe in a link destination: spaces and
// parentheses would end it.
func linkPath(s string) string {
	return strings.NewReplacer("(", "%28", ")", "%29").Replace(url.PathEscape(s))
}

func (m *mdWriter) block(b *strings.Builder, bl block, indent string) {
	switch bl := bl.(type) {
	case figure:
		m.figure(b, bl, indent)
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
				m.block(b, sub, indent+strings.Repeat(" ", len(marker)+1))
			}
		}
	case table:
		mdRow(b, indent, bl.head)
		b.WriteString(indent + "|")
		for _, a := range bl.align {
			if a == 'r' {
				b.WriteString(" ---: |")
			} else {
				b.WriteString(" --- |")
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
