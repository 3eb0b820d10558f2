// Package theme is seam's one look: the palette of colours that adapt to
// light and dark terminals, the bar that draws a value from 1 to 5, and how
// scores, levels and plan steps are written. The command line, the app and
// the reports all draw with it, so a number reads the same everywhere.
//
// Colour only repeats what the text says: with NO_COLOR, or no colour
// support, lipgloss drops it and the characters still carry the meaning.
package theme

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/seam-dev/seam/assessment"
)

// Palette holds seam's styles for one output.
type Palette struct {
	// Title is a screen's or section's name; Bold a heading or an id.
	Title, Bold lipgloss.Style
	// Subtle is secondary text; Faint the empty cells of a bar.
	Subtle, Faint lipgloss.Style
	// Selected is the row under the cursor; Accent a sub-heading.
	Selected, Accent lipgloss.Style
	// Good, Warn and Bad grade: a filled bar and "saved", a medium risk or
	// a middling level, a high risk, an error and a bar's target mark.
	Good, Warn, Bad lipgloss.Style
}

// The colours, light background first.
var (
	blue   = lipgloss.AdaptiveColor{Light: "#1f4e79", Dark: "#8ec5ff"}
	grey   = lipgloss.AdaptiveColor{Light: "#5c5c5c", Dark: "#9a9a9a"}
	faint  = lipgloss.AdaptiveColor{Light: "#b5b5b5", Dark: "#4a4a4a"}
	purple = lipgloss.AdaptiveColor{Light: "#7a2e8e", Dark: "#e2a6ff"}
	green  = lipgloss.AdaptiveColor{Light: "#2b7a3d", Dark: "#6fd38a"}
	amber  = lipgloss.AdaptiveColor{Light: "#8a5a00", Dark: "#ffd479"}
	red    = lipgloss.AdaptiveColor{Light: "#a4262c", Dark: "#ff8a80"}
)

// New builds the palette for one output: the renderer decides, from that
// output and the environment (NO_COLOR, CLICOLOR), whether colours show.
func New(r *lipgloss.Renderer) Palette {
	return Palette{
		Title:    r.NewStyle().Bold(true).Foreground(blue),
		Bold:     r.NewStyle().Bold(true),
		Subtle:   r.NewStyle().Foreground(grey),
		Faint:    r.NewStyle().Foreground(faint),
		Selected: r.NewStyle().Bold(true).Foreground(purple),
		Accent:   r.NewStyle().Foreground(blue),
		Good:     r.NewStyle().Foreground(green),
		Warn:     r.NewStyle().Foreground(amber),
		Bad:      r.NewStyle().Bold(true).Foreground(red),
	}
}

// Default is the palette of the process's standard output.
func Default() Palette { return New(lipgloss.DefaultRenderer()) }

// BarCells draws a value from 1 to 5 in width cells: █ filled, ░ empty,
// and ┃ where the target lies (no mark for a target of 0 or 1). A nil value
// is an empty bar.
func BarCells(value *float64, target, width int) string {
	var b strings.Builder
	for _, r := range barRuns(value, target, width) {
		b.WriteString(strings.Repeat(r.cell, r.n))
	}
	return b.String()
}

// Bar is BarCells in the palette's colours.
func (p Palette) Bar(value *float64, target, width int) string {
	var b strings.Builder
	for _, r := range barRuns(value, target, width) {
		style := p.Faint
		switch r.cell {
		case "█":
			style = p.Good
		case "┃":
			style = p.Bad
		}
		b.WriteString(style.Render(strings.Repeat(r.cell, r.n)))
	}
	return b.String()
}

// run is n cells alike in a row.
type run struct {
	cell string
	n    int
}

func barRuns(value *float64, target, width int) []run {
	filled := 0
	if value != nil {
		filled = max(0, min(width, int((*value-1)/4*float64(width)+0.5)))
	}
	at := -1
	if target > 1 {
		at = min((target-1)*width/4, width-1)
	}
	var runs []run
	for i := range width {
		cell := "░"
		switch {
		case i == at:
			cell = "┃"
		case i < filled:
			cell = "█"
		}
		if n := len(runs); n > 0 && runs[n-1].cell == cell {
			runs[n-1].n++
		} else {
			runs = append(runs, run{cell, 1})
		}
	}
	return runs
}

// AsLevel places an alignment of 0–100 % on the 1–5 scale of a bar.
func AsLevel(percent *float64) *float64 {
	if percent == nil {
		return nil
	}
	l := 1 + *percent/25
	return &l
}

// Score writes a score with two decimals, or "–" when there is none.
func Score(v *float64) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", *v)
}

// ScoreCell is Score in a column four cells wide.
func ScoreCell(v *float64) string {
	if v == nil {
		return "  – "
	}
	return Score(v)
}

// Percent writes an alignment as "17 %", or "–".
func Percent(v *float64) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f %%", *v)
}

// Level writes a whole level with its name: "3 Defined".
func Level(level int, name string) string { return fmt.Sprintf("%d %s", level, name) }

// Step says what a plan item moves: "level 2 → 3", or "find out".
func Step(it assessment.PlanItem) string {
	if it.Kind == assessment.FindOut {
		return "find out"
	}
	return fmt.Sprintf("level %d → %d", it.Level, it.Toward)
}

// Cut shortens s to n cells with an ellipsis; styled text keeps its styles.
func Cut(s string, n int) string {
	if n <= 1 {
		return ""
	}
	return ansi.Truncate(s, n, "…")
}

// Wrap breaks text into lines of at most width cells (10 at least) at
// spaces, and within a word longer than a line.
func Wrap(s string, width int) string {
	// A number keeps its unit: "61 %" is not broken after the number. The
	// space is held by a one-column stand-in while the text is wrapped.
	s = strings.ReplaceAll(s, " %", unitJoin+"%")
	lines := strings.Split(lipgloss.NewStyle().Width(max(10, width)).Render(s), "\n")
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(strings.TrimRight(l, " "), unitJoin, " ")
	}
	return strings.Join(lines, "\n")
}

// unitJoin stands in for the space between a number and its unit while a
// text is wrapped: one column wide, and not a space, so no line breaks there.
const unitJoin = "\uE000"
