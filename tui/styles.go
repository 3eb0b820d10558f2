package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seam-dev/seam/safetext"
)

// styles is the app's one palette. Adaptive colours read on light and dark
// backgrounds; with NO_COLOR (or no colour support) lipgloss drops them and
// the layout still carries the meaning through text and symbols.
type styles struct {
	title, header, subtle, selected, accent, good, warn, bad, status, err lipgloss.Style
}

func newStyles() styles {
	return styles{
		title:    lipgloss.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#1f4e79", Dark: "#8ec5ff"}),
		header:   lipgloss.NewStyle().Bold(true),
		subtle:   lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#5c5c5c", Dark: "#9a9a9a"}),
		selected: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#7a2e8e", Dark: "#e2a6ff"}),
		accent:   lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#1f4e79", Dark: "#8ec5ff"}),
		good:     lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#2b7a3d", Dark: "#6fd38a"}),
		warn:     lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#8a5a00", Dark: "#ffd479"}),
		bad:      lipgloss.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#a4262c", Dark: "#ff8a80"}),
		status:   lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#2b7a3d", Dark: "#6fd38a"}),
		err:      lipgloss.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#a4262c", Dark: "#ff8a80"}),
	}
}

// clean is user text made safe to draw on one line.
func clean(s string) string { return safetext.Line(s) }

// cut shortens s to n cells with an ellipsis.
func cut(s string, n int) string {
	if n <= 1 {
		return ""
	}
	if lipgloss.Width(s) <= n {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > n {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// wrap breaks text into lines of at most width cells.
func wrap(s string, width int) string {
	if width < 10 {
		width = 10
	}
	lines := strings.Split(lipgloss.NewStyle().Width(width).Render(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// bar draws a 1–5 value in width cells, with the target marked by ┃.
func bar(value *float64, target, width int) string {
	filled := 0
	if value != nil {
		filled = int((*value-1)/4*float64(width) + 0.5)
	}
	mark := -1
	if target > 1 {
		mark = min((target-1)*width/4, width-1)
	}
	var b strings.Builder
	for i := range width {
		switch {
		case i == mark:
			b.WriteString("┃")
		case i < filled:
			b.WriteString("█")
		default:
			b.WriteString("░")
		}
	}
	return b.String()
}
