package tui

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// Closing the loop on the register's screen: a follow-up shows, below its
// own register, what the previous assessment's actions came to, in the
// words seam actions uses (backend.Register's Review).

// reviewLines lays out what the previous assessment's actions came to in
// the open follow-up: a heading, then each action marked done (and each
// question that improved without one) with what became of it, then how
// many were not marked done. Nil when the open assessment follows none
// up, or the one it follows up is no longer in the database.
func reviewLines(a *App) []string {
	reg := a.register
	prev := reg.Previous
	if prev == nil {
		return nil
	}
	st, w := a.st, min(a.width, 100)
	wrap := func(style func(...string) string, indent int, s string) []string {
		var out []string
		for _, l := range wrapAtSpaces(safetext.Line(s), max(10, w-indent)) {
			out = append(out, strings.Repeat(" ", indent)+style(l))
		}
		return out
	}
	out := wrap(st.Accent.Render, 0, fmt.Sprintf("Since the previous assessment %s (%s): what its actions came to",
		prev.ID, prev.AnsweredAt().Local().Format("2006-01-02")))
	if a.isWorkshop() && !a.revealed() {
		// It reads the room's answers, which are secret until the reveal.
		return append(out, wrap(st.Subtle.Render, 0, "It shows once the results are revealed.")...)
	}
	if len(reg.Review) == 0 {
		out = append(out, wrap(lipgloss.NewStyle().Render, 0, "No action of it is marked done, and no answer improved without one.")...)
	}
	for _, r := range reg.Review {
		mark, style := reviewMark(a, r.Kind)
		item := cmp.Or(r.Action, r.Question)
		out = append(out, theme.Cut(mark+" "+item+" · "+safetext.Line(r.Title), w))
		out = append(out, wrap(style, 4, r.Words())...)
	}
	switch n := reg.PreviousOpen; {
	case n == 1:
		out = append(out, wrap(st.Subtle.Render, 0, fmt.Sprintf("1 action of %s is not marked done: A on %s at home lists it, and the plan here can adopt it again.", prev.ID, prev.ID))...)
	case n > 1:
		out = append(out, wrap(st.Subtle.Render, 0, fmt.Sprintf("%d actions of %s are not marked done: A on %s at home lists them, and the plan here can adopt them again.", n, prev.ID, prev.ID))...)
	}
	return out
}

// reviewMark marks what became of an action as the register marks its
// own: ! what needs looking at, ✓ what moved, ? not measured yet.
func reviewMark(a *App, k assessment.ReviewKind) (string, func(...string) string) {
	st := a.st
	switch k {
	case assessment.ReviewNotMoved:
		return st.Bad.Render("!"), st.Bad.Render
	case assessment.ReviewUnmeasured:
		return "?", st.Subtle.Render
	}
	return st.Good.Render("✓"), st.Good.Render
}
