package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// compareScreen shows what moved since the previous assessment of the
// open one's chain, as seam compare prints it: the sentence, each failure
// mode then and now with the change (or why it is not compared), for
// workshops the room's agreement, the questions that moved the most each
// way, coverage and what the instruments leave out. The comparison is
// read once, in a job, when the screen opens; the text is laid out on
// open and on resize, and scrolls.
type compareScreen struct {
	c *backend.Compared
	scroller
}

func (s *compareScreen) name() string { return "since last time" }

// errNoPrevious: the open assessment follows up none.
var errNoPrevious = errors.New("has no previous assessment to compare with")

// openCompare reads the comparison with the previous assessment in a job,
// then shows it.
func (a *App) openCompare(to showCompare) tea.Cmd {
	if to.c != nil {
		s := &compareScreen{c: to.c}
		s.resize(a)
		a.screen = s
		return nil
	}
	ev := a.current
	if !a.hasPrevious() {
		a.fail(fmt.Errorf("%s %w: it is not a follow-up (R on home starts one, or seam reassess %s)", ev.ID, errNoPrevious, ev.ID))
		return nil
	}
	be, before, after := a.be, ev.Previous, ev.ID
	return a.start(func() tea.Msg {
		c, err := be.Compare(before, after)
		if err != nil {
			return failed{err: fmt.Errorf("the comparison with %s cannot be shown: %w", before, err)}
		}
		return changed{then: showCompare{c: c}}
	})
}

func (s *compareScreen) resize(a *App) { s.set(a, compareText(s.c, a.st, min(a.width, 110))) }

func (s *compareScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, a.keys.Report):
		return a.navigate(showPreview{})
	case key.Matches(k, a.keys.Back):
		return a.navigate(showResults{})
	}
	return s.message(a, k)
}

func (s *compareScreen) view(a *App) (string, bindings) {
	k := a.keys
	keys := bindings{
		short: []key.Binding{k.Up, k.Down, short(k.Report, "p", "report"), k.Back, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down}, {k.Report, k.Back}, {k.Quit, k.Help}},
	}
	return s.scroller.view(a), keys
}

// compareText lays the comparison out in width columns.
func compareText(c *backend.Compared, st theme.Palette, width int) string {
	cmp := c.Comparison
	var b strings.Builder
	// at spaces only: "(-0.21)" stays whole
	wrap := func(s string) { b.WriteString(strings.Join(wrapAtSpaces(safetext.Line(s), width), "\n") + "\n") }
	side := func(label string, e *backend.Evaluated) string {
		return fmt.Sprintf("%s %s  %s · %s · %s", label, e.ID, e.AnsweredAt().Local().Format("2006-01-02"), e.Kind, theme.Cut(safetext.Line(e.Title), max(10, width-40)))
	}
	b.WriteString(st.Bold.Render("What moved since the last assessment") + "\n")
	b.WriteString(st.Subtle.Render(side("then", c.Before)) + "\n")
	b.WriteString(st.Subtle.Render(side("now ", c.After)) + "\n\n")
	wrap(report.MovedSentence(cmp))
	b.WriteString("\n")

	// The failure modes: then, now, the change with its arrow, and for two
	// workshops the room's agreement.
	head := []string{"Failure mode", "Then", "Now", "Change"}
	if cmp.Workshops {
		head = append(head, "Agreement (rwg)")
	}
	rows := [][]string{}
	var why []string
	for _, md := range cmp.Modes {
		row := []string{md.ID + " " + safetext.Line(md.Name), theme.Score(md.Before), theme.Score(md.After), changeCell(md.Change)}
		if cmp.Workshops {
			row = append(row, report.AgreementPhrase(md.Agreement))
		}
		rows = append(rows, row)
		if !md.Compared {
			why = append(why, fmt.Sprintf("%s not compared: %s.", md.ID, md.Why))
		}
	}
	o := cmp.Overall
	overall := []string{"Overall index", theme.Score(o.Before), theme.Score(o.After), changeCell(o.Change)}
	if cmp.Workshops {
		overall = append(overall, "")
	}
	rows = append(rows, overall)
	b.WriteString(columns(st, head, rows, width))
	if len(o.LeftOut) > 0 && o.Change != nil {
		why = append(why, fmt.Sprintf("The overall index here is the mean of the %d of %d failure modes that compare; each assessment's own results show its full index.",
			len(o.Modes), len(o.Modes)+len(o.LeftOut)))
	}
	for _, s := range why {
		for _, l := range wrapAtSpaces(safetext.Line(s), width) {
			b.WriteString(st.Subtle.Render(l) + "\n")
		}
	}

	// The questions that moved the most, their moves in one column.
	moves := func(qd assessment.QuestionDelta) string {
		move := fmt.Sprintf("%s → %s", report.AnswerWord(qd.Before), report.AnswerWord(qd.After))
		if qd.Change != 0 {
			move += fmt.Sprintf(" (%+d)", qd.Change)
		}
		return move
	}
	nameW, moveW := 0, 0
	for _, qd := range append(slices.Clone(cmp.TopUp), cmp.TopDown...) {
		nameW = max(nameW, lipgloss.Width(qd.ID+" "+safetext.Line(qd.Title)))
		moveW = max(moveW, lipgloss.Width(moves(qd)))
	}
	nameW = max(10, min(nameW, width-moveW-4))
	for _, movers := range []struct {
		title string
		qs    []assessment.QuestionDelta
	}{{"Moved up the most", cmp.TopUp}, {"Moved down the most", cmp.TopDown}} {
		b.WriteString("\n" + st.Accent.Render(movers.title) + "\n")
		if len(movers.qs) == 0 {
			b.WriteString("  none\n")
			continue
		}
		for _, qd := range movers.qs {
			name := theme.Cut(qd.ID+" "+safetext.Line(qd.Title), nameW)
			b.WriteString("  " + name + strings.Repeat(" ", nameW-lipgloss.Width(name)+2) + arrowStyle(st, qd.Change).Render(moves(qd)) + "\n")
		}
	}
	b.WriteString("\n")
	wrap("Questions: " + report.MovesPhrase(cmp.Moves) + ".")
	wrap("Coverage: " + report.CoverageChangePhrase(cmp.Coverage) + ".")
	if cmp.Note != "" {
		wrap(cmp.Note)
	}
	return strings.TrimRight(b.String(), "\n")
}

// changeCell is a change with its sign and arrow: "+0.55 ↑", "–".
func changeCell(v *float64) string {
	return strings.TrimSpace(report.SignedChange(v) + " " + report.Arrow(v))
}

// arrowStyle colours a move: up is good, down is bad.
func arrowStyle(st theme.Palette, change int) lipgloss.Style {
	switch {
	case change > 0:
		return st.Good
	case change < 0:
		return st.Bad
	}
	return lipgloss.NewStyle()
}

// columns lays out a table: the first column left-aligned and cut to fit,
// the others right-aligned at their widest; the header subtle, the last
// row (a total) bold, the change column coloured by its arrow.
func columns(st theme.Palette, head []string, rows [][]string, width int) string {
	widths := make([]int, len(head))
	for i, h := range head {
		widths[i] = lipgloss.Width(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], lipgloss.Width(c))
		}
	}
	rest := 0
	for _, w := range widths[1:] {
		rest += w + 2
	}
	widths[0] = max(12, min(widths[0], width-rest))
	line := func(cells []string, style func(i int, s string) string) string {
		var parts []string
		for i, c := range cells {
			c = theme.Cut(c, widths[i])
			pad := strings.Repeat(" ", widths[i]-lipgloss.Width(c))
			if i == 0 {
				parts = append(parts, style(i, c)+pad)
			} else {
				parts = append(parts, pad+style(i, c))
			}
		}
		return strings.TrimRight(strings.Join(parts, "  "), " ") + "\n"
	}
	var b strings.Builder
	b.WriteString(line(head, func(_ int, s string) string { return st.Subtle.Render(s) }))
	for n, r := range rows {
		b.WriteString(line(r, func(i int, s string) string {
			switch {
			case n == len(rows)-1:
				return st.Bold.Render(s)
			case i == 3 && strings.HasSuffix(s, "↑"):
				return st.Good.Render(s)
			case i == 3 && strings.HasSuffix(s, "↓"):
				return st.Bad.Render(s)
			}
			return s
		}))
	}
	return b.String()
}

// hasPrevious reports whether the open assessment follows up another, so
// that it can be compared with it.
func (s *session) hasPrevious() bool { return s.current != nil && s.current.Previous != "" }
