package report

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// Preview draws the leadership report for a terminal of the given width:
// the same blocks as the Markdown file, as styled text wrapped to the
// window. Tables too wide for it are drawn as one record per row.
func Preview(in Input, p theme.Palette, width int) string {
	t := terminal{p: p, width: max(40, width)}
	var b strings.Builder
	for i, bl := range build(in) {
		if i > 0 {
			b.WriteString("\n")
		}
		t.block(&b, bl, "")
	}
	return b.String()
}

type terminal struct {
	p     theme.Palette
	width int
}

func (t terminal) block(b *strings.Builder, bl block, indent string) {
	room := t.width - lipgloss.Width(indent)
	switch bl := bl.(type) {
	case heading:
		style := t.p.Title
		if bl.level > 2 {
			style = t.p.Bold
		}
		title := t.inline(bl.text)
		if bl.level == 1 {
			title = strings.ToUpper(title)
		}
		t.wrapped(b, indent, "", style.Render(title), room)
		if bl.level <= 2 {
			b.WriteString(indent + t.p.Subtle.Render(strings.Repeat("─", min(room, lipgloss.Width(title)))) + "\n")
		}
	case para:
		t.wrapped(b, indent, "", t.inline(bl.text), room)
	case list:
		for _, it := range bl.items {
			marker := "•"
			if it.number > 0 {
				marker = fmt.Sprintf("%d.", it.number)
			}
			t.wrapped(b, indent, marker+" ", t.inline(it.text), room)
			for _, sub := range it.sub {
				t.block(b, sub, indent+strings.Repeat(" ", lipgloss.Width(marker)+1))
			}
		}
	case table:
		t.table(b, bl, indent, room)
	case figure:
		t.wrapped(b, indent, "", t.p.Subtle.Render("Chart: "+safetext.Line(bl.alt)), room)
	case code:
		for _, l := range bl.lines {
			b.WriteString(indent + "  " + t.p.Subtle.Render(theme.Cut(safetext.Line(l), room-2)) + "\n")
		}
	}
}

// wrapped writes text wrapped to room cells after a first-line marker, the
// following lines indented under the text.
func (t terminal) wrapped(b *strings.Builder, indent, marker, s string, room int) {
	hang := strings.Repeat(" ", lipgloss.Width(marker))
	for i, l := range strings.Split(theme.Wrap(s, room-len(hang)), "\n") {
		if i == 0 {
			b.WriteString(indent + marker + l + "\n")
		} else {
			b.WriteString(indent + hang + l + "\n")
		}
	}
}

// table draws aligned columns when they fit, else each row as a record:
// its first cell in bold, then "Header: value" for the others.
func (t terminal) table(b *strings.Builder, tb table, indent string, room int) {
	head := make([]string, len(tb.head))
	for i, h := range tb.head {
		head[i] = t.inline(h)
	}
	rows := make([][]string, len(tb.rows))
	widths := make([]int, len(head))
	for i, h := range head {
		widths[i] = lipgloss.Width(h)
	}
	for r, row := range tb.rows {
		rows[r] = make([]string, len(head))
		for c := range head {
			if c < len(row) {
				rows[r][c] = t.inline(row[c])
			}
			widths[c] = max(widths[c], lipgloss.Width(rows[r][c]))
		}
	}
	total := 2 * (len(widths) - 1)
	for _, w := range widths {
		total += w
	}
	if total <= room {
		cell := func(s string, c int) string {
			pad := strings.Repeat(" ", widths[c]-lipgloss.Width(s))
			if c < len(tb.align) && tb.align[c] == 'r' {
				return pad + s
			}
			return s + pad
		}
		line := func(row []string, style func(...string) string) {
			parts := make([]string, len(row))
			for c, s := range row {
				parts[c] = cell(s, c)
			}
			b.WriteString(indent + strings.TrimRight(style(strings.Join(parts, "  ")), " ") + "\n")
		}
		if strings.TrimSpace(strings.Join(head, "")) != "" {
			line(head, t.p.Bold.Render)
			b.WriteString(indent + t.p.Subtle.Render(strings.Repeat("─", total)) + "\n")
		}
		for _, row := range rows {
			line(row, func(s ...string) string { return strings.Join(s, "") })
		}
		return
	}
	for r, row := range rows {
		if r > 0 {
			b.WriteString("\n")
		}
		t.wrapped(b, indent, "", t.p.Bold.Render(row[0]), room)
		for c := 1; c < len(row); c++ {
			if strings.TrimSpace(row[c]) == "" {
				continue
			}
			label := ""
			if head[c] != "" {
				label = t.p.Subtle.Render(head[c]+":") + " "
			}
			t.wrapped(b, indent+"  ", "", label+row[c], room-2)
		}
	}
}

// inline draws spans as styled text; others' text is made inert.
func (t terminal) inline(x text) string {
	var b strings.Builder
	for _, s := range x {
		str := s.s
		if s.user {
			str = safetext.Line(str)
		}
		switch {
		case s.strong:
			str = t.p.Bold.Render(str)
		case s.em:
			str = t.p.Bold.UnsetBold().Italic(true).Render(str)
		case s.isCode:
			str = t.p.Accent.Render(str)
		}
		b.WriteString(str)
	}
	return b.String()
}
