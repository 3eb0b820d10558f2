package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// resultsState is the scorecard and plan of the current assessment, as
// lines the cursor moves over; each line with a subject can be explained.
type resultsState struct {
	res     assessment.Result
	plan    assessment.Plan
	rows    []report.Line
	cursor  int
	explain *assessment.Explanation
}

func (a *App) showResults() {
	l := a.quest.l
	r := resultsState{res: l.Evaluation.Scorecard, plan: l.Evaluation.Plan}
	r.rows = a.resultRows(r)
	for i, row := range r.rows {
		if row.Subject != "" {
			r.cursor = i
			break
		}
	}
	a.results = r
	a.screen = screenResults
}

// resultRows are the command line's lines of results, the plan in short,
// fitted to the window beside the cursor's two cells.
func (a *App) resultRows(r resultsState) []report.Line {
	rows := report.ScorecardLines(r.res, a.st, a.width-2)
	rows = append(rows, report.Line{})
	return append(rows, report.PlanLines(r.plan, a.st, a.width-2, false)...)
}

func (a *App) updateResults(msg tea.KeyMsg) tea.Cmd {
	k, r := a.keys, &a.results
	move := func(step int) {
		for i := r.cursor + step; i >= 0 && i < len(r.rows); i += step {
			if r.rows[i].Subject != "" {
				r.cursor = i
				return
			}
		}
	}
	switch {
	case key.Matches(msg, k.Up):
		move(-1)
		r.explain = nil
	case key.Matches(msg, k.Down):
		move(1)
		r.explain = nil
	case key.Matches(msg, k.Explain), key.Matches(msg, k.Enter):
		if r.explain != nil {
			r.explain = nil
			return nil
		}
		e, err := a.quest.l.Evaluation.Explain(r.rows[r.cursor].Subject)
		if err != nil {
			a.fail(err)
			return nil
		}
		r.explain = &e
	case key.Matches(msg, k.Report):
		return a.showPreview()
	case key.Matches(msg, k.Back):
		if r.explain != nil {
			r.explain = nil
			return nil
		}
		return a.leaveToHome()
	case key.Matches(msg, k.Prev):
		if a.isWorkshop() {
			return a.showParticipants()
		}
		a.resume()
	}
	return nil
}

func (a *App) viewResults() (string, bindings) {
	r, st := &a.results, a.st
	k := a.keys
	keys := bindings{
		short: []key.Binding{k.Up, k.Down, k.Explain, k.Report, k.Prev, k.Back, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Explain}, {k.Report, k.Prev}, {k.Back, k.Quit, k.Help}},
	}
	keys.short[4] = key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←", "answer more"))
	h := a.bodyHeight()
	var explain []string
	if r.explain != nil {
		// The explanation takes what the window has below three rows of
		// results; what does not fit is cut with a pointer to seam explain.
		w := min(a.width, 100) - 4
		body := strings.Split(theme.Wrap(safetext.Block(strings.Join(r.explain.Lines, "\n")), w), "\n")
		room := max(1, h-3-2)
		if len(body) > room {
			body = append(body[:room-1], st.Subtle.Render(fmt.Sprintf("… %d more lines: seam explain %s %s", len(body)-room+1, a.quest.l.ID, r.explain.Subject)))
		}
		explain = append(explain, st.Accent.Render("── "+theme.Cut(safetext.Line(r.explain.Title), w)))
		for _, l := range body {
			explain = append(explain, "   "+l)
		}
		explain = append(explain, st.Subtle.Render("── x or esc closes"))
		h -= len(explain)
	}
	top := max(0, r.cursor-h/2)
	top = min(top, max(0, len(r.rows)-h))
	var lines []string
	for i := top; i < len(r.rows) && len(lines) < h; i++ {
		row := r.rows[i]
		if i == r.cursor {
			lines = append(lines, st.Selected.Render("▸ "+theme.Cut(row.Text, a.width-2)))
		} else {
			lines = append(lines, "  "+row.Text)
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, explain...), "\n"), keys
}
