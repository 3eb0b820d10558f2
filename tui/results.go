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

// resultsScreen is the scorecard and plan of the open assessment, as the
// command line draws them, with a cursor over the lines that can be
// explained.
type resultsScreen struct {
	rows    []report.Line
	cursor  int
	explain *assessment.Explanation
	// adopted marks the plan's items in the action register, by subject.
	adopted map[string]bool
}

func (r *resultsScreen) name() string { return "results" }

func newResults(a *App) *resultsScreen {
	r := &resultsScreen{}
	r.resize(a)
	for i, row := range r.rows {
		if row.Subject != "" {
			r.cursor = i
			break
		}
	}
	return r
}

// resize draws the lines again for the window, beside the cursor's two
// cells; the plan shows what to do, explain the rest.
func (r *resultsScreen) resize(a *App) {
	ev := a.current.Evaluation
	rows := report.ScorecardLines(ev.Scorecard, a.st, a.width-2)
	rows = append(rows, report.Line{})
	r.rows = append(rows, report.PlanLines(ev.Plan, ev.Scorecard, a.st, a.width-2, false)...)
	r.cursor = min(r.cursor, len(r.rows)-1)
	r.adopted = map[string]bool{}
	for _, it := range ev.Plan.Items {
		for _, act := range a.register.Actions {
			if act.Question == it.Question && act.Action == it.Action {
				r.adopted[it.ID] = true
			}
		}
	}
}

// reload draws the lines again from the assessment as another terminal
// (or an adoption) left it.
func (r *resultsScreen) reload(a *App) { r.resize(a) }

func (r *resultsScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	keys := a.keys
	move := func(step int) {
		for i := r.cursor + step; i >= 0 && i < len(r.rows); i += step {
			if r.rows[i].Subject != "" {
				r.cursor = i
				return
			}
		}
	}
	switch {
	case key.Matches(k, keys.Up):
		move(-1)
		r.explain = nil
	case key.Matches(k, keys.Down):
		move(1)
		r.explain = nil
	case key.Matches(k, keys.Explain), key.Matches(k, keys.Enter):
		if r.explain != nil {
			r.explain = nil
			return nil
		}
		e, err := a.current.Evaluation.Explain(r.rows[r.cursor].Subject)
		if err != nil {
			a.fail(err)
			return nil
		}
		r.explain = &e
	case key.Matches(k, keys.Report):
		return a.navigate(showPreview{})
	case key.Matches(k, keys.Adopt):
		return adopt(a, r.rows[r.cursor].Subject)
	case key.Matches(k, keys.Actions):
		return a.navigate(showActions{back: showResults{}})
	case key.Matches(k, keys.Reassess):
		return reassessOpen(a)
	case key.Matches(k, keys.Compare):
		return a.navigate(showCompare{})
	case key.Matches(k, keys.Back):
		if r.explain != nil {
			r.explain = nil
			return nil
		}
		return leave(a)
	case key.Matches(k, keys.Prev):
		if a.isWorkshop() {
			return a.navigate(showWorkshop{})
		}
		return a.navigate(showQuestion{index: revisitIndex(a)})
	}
	return nil
}

func (r *resultsScreen) view(a *App) (string, bindings) {
	st, k := a.st, a.keys
	keys := bindings{
		// esc is in the full help: the line fits 80 columns
		short: []key.Binding{short(k.Up, "↑/↓", "move"), k.Explain, k.Adopt, k.Actions, k.Report, short(k.Prev, "←", "questions"), k.Help},
		full: [][]key.Binding{{k.Up, k.Down, k.Explain}, {k.Adopt, k.Actions, k.Reassess}, {k.Report, k.Prev},
			{k.Back, k.Quit, k.Help}},
	}
	if a.hasPrevious() { // a follow-up: what moved since
		keys.short = append(keys.short[:4], append([]key.Binding{k.Compare}, keys.short[4:]...)...)
		keys.full[1] = append(keys.full[1], k.Compare)
	}
	h := a.bodyHeight()
	var explain []string
	if r.explain != nil {
		// The explanation takes what the window has below three rows of
		// results; what does not fit is cut with a pointer to seam explain.
		w := min(a.width, 100) - 4
		body := strings.Split(theme.Wrap(safetext.Block(strings.Join(r.explain.Lines, "\n")), w), "\n")
		room := max(1, h-3-2)
		if len(body) > room {
			body = append(body[:room-1], st.Subtle.Render(fmt.Sprintf("… %d more lines: seam explain %s %s", len(body)-room+1, a.current.ID, r.explain.Subject)))
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
		// ✓ before a plan item: it is in the action register
		mark := " "
		if r.adopted[row.Subject] {
			mark = "✓"
		}
		if i == r.cursor {
			lines = append(lines, st.Selected.Render("▸"+mark+theme.Cut(row.Text, a.width-2)))
		} else {
			lines = append(lines, " "+mark+row.Text)
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, explain...), "\n"), keys
}
