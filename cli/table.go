package cli

import (
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seam-dev/seam/theme"
)

// A table is fitted to the output's width by steps taken in order until it
// fits: a column cut (down to some width, with "…"; never wrapped), or a
// column left out.
type fitStep struct {
	col   int
	drop  bool
	least int // a cut column's narrowest
}

func cutTo(col, least int) fitStep { return fitStep{col: col, least: least} }
func leaveOut(col int) fitStep     { return fitStep{col: col, drop: true} }

// tableGap is the space between two columns; minCut is the narrowest a
// column is cut to when all the steps do not make the table fit.
const (
	tableGap = 2
	minCut   = 5
)

// writeTable writes rows under the headers in columns two spaces apart, no
// wider than width. Steps are taken one more at a time until the table
// fits: the columns they leave out are left out, and the ones they cut
// are cut in turn, each only as far as needed. If all the steps are not
// enough, the cut columns are cut further, down to minCut. Cells are one
// line of safe text already (see cell).
func writeTable(w io.Writer, width int, headers []string, rows [][]string, steps ...fitStep) error {
	natural := make([]int, len(headers))
	for c, h := range headers {
		natural[c] = lipgloss.Width(h)
		for _, row := range rows {
			natural[c] = max(natural[c], lipgloss.Width(row[c]))
		}
	}
	shown := make([]bool, len(headers))
	widths := make([]int, len(headers))
	fit := func(steps []fitStep, floor int) bool {
		copy(widths, natural)
		for c := range shown {
			shown[c] = true
		}
		for _, st := range steps {
			if st.drop {
				shown[st.col] = false
			}
		}
		total := -tableGap
		for c, ok := range shown {
			if ok {
				total += widths[c] + tableGap
			}
		}
		for _, st := range steps {
			if !st.drop && shown[st.col] && total > width { // a column left out later is not cut
				less := max(0, min(total-width, widths[st.col]-min(st.least, floor)))
				widths[st.col] -= less
				total -= less
			}
		}
		return total <= width
	}
	fits := false
	for n := 0; n <= len(steps) && !fits; n++ {
		fits = fit(steps[:n], width)
	}
	if !fits {
		fit(steps, minCut)
	}
	var b strings.Builder
	line := func(cells []string) {
		var parts []string
		for c, s := range cells {
			if !shown[c] {
				continue
			}
			if lipgloss.Width(s) > widths[c] {
				s = theme.Cut(s, widths[c])
			}
			parts = append(parts, s+strings.Repeat(" ", widths[c]-lipgloss.Width(s)))
		}
		b.WriteString(strings.TrimRight(strings.Join(parts, strings.Repeat(" ", tableGap)), " ") + "\n")
	}
	line(headers)
	for _, row := range rows {
		line(row)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
