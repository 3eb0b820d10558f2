package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/safetext"
)

// resultsState is the scorecard and plan of the current assessment, as
// rows the cursor moves over; each row can be explained.
type resultsState struct {
	res     assessment.Result
	plan    assessment.Plan
	rows    []resultRow
	cursor  int
	explain *assessment.Explanation
}

// resultRow is one line of the results; subject is what x explains ("" for
// headings).
type resultRow struct {
	text    string
	subject string
}

func (a *App) showResults() {
	l := a.quest.l
	r := resultsState{res: l.Evaluation.Scorecard, plan: l.Evaluation.Plan}
	r.rows = a.resultRows(r)
	for i, row := range r.rows {
		if row.subject != "" {
			r.cursor = i
			break
		}
	}
	a.results = r
	a.screen = screenResults
}

func (a *App) resultRows(r resultsState) []resultRow {
	res, st := r.res, a.st
	var rows []resultRow
	head := func(s string) { rows = append(rows, resultRow{text: st.header.Render(s)}) }
	staged := "not rated until every mode has a score"
	if res.Staged > 0 {
		staged = fmt.Sprintf("%d %s", res.Staged, res.StagedName)
	}
	rows = append(rows, resultRow{subject: "overall", text: fmt.Sprintf("Overall index %s %s · staged level %s", scoreText(res.Overall), res.OverallLevelName, staged)})
	rows = append(rows, resultRow{text: st.subtle.Render(fmt.Sprintf("Coverage %d/%d (%.0f %%) · %d don't know · %d unverified",
		res.Answered, res.Applicable, res.Coverage*100, res.DontKnow, res.Unverified))})
	rows = append(rows, resultRow{})
	head("Failure modes  (┃ marks the target)")
	nameW := max(12, min(36, a.width-50))
	for _, ms := range res.Modes {
		risk := ""
		if ms.HighRisks > 0 {
			risk = st.bad.Render(fmt.Sprintf(" %d high", ms.HighRisks))
		}
		rows = append(rows, resultRow{subject: ms.ID, text: fmt.Sprintf("%-3s %-*s %s %s %-10s%s", ms.ID, nameW, cut(clean(ms.Name), nameW),
			bar(ms.Score, ms.Target, 16), scoreText(ms.Score), ms.LevelName, risk)})
	}
	rows = append(rows, resultRow{})
	head("Principle alignment")
	for _, ps := range res.Principles {
		pct, v := "  – ", (*float64)(nil)
		if ps.Alignment != nil {
			pct = fmt.Sprintf("%3.0f %%", *ps.Alignment)
			lvl := 1 + *ps.Alignment/25
			v = &lvl
		}
		rows = append(rows, resultRow{subject: ps.ID, text: fmt.Sprintf("%-*s %s %s", nameW+4, cut(clean(ps.Name), nameW+4), bar(v, 0, 16), pct)})
	}
	rows = append(rows, resultRow{})
	head(fmt.Sprintf("Remediation plan (%d items)", len(r.plan.Items)))
	if len(r.plan.Items) == 0 {
		rows = append(rows, resultRow{text: "Every answered question is at or above its target."})
	}
	for _, b := range assessment.Buckets {
		items := r.plan.In(b)
		if len(items) == 0 {
			continue
		}
		rows = append(rows, resultRow{text: st.accent.Render(b.Label())})
		for _, it := range items {
			step := fmt.Sprintf("%d→%d", it.Level, it.Toward)
			if it.Kind == assessment.FindOut {
				step = "find out"
			}
			rows = append(rows, resultRow{subject: it.Question, text: fmt.Sprintf("%2d. %-6s %-8s %s", it.Rank, it.Question, step, clean(it.Title))},
				resultRow{text: st.subtle.Render("      " + cut(planReason(it), max(20, a.width-10)))})
		}
	}
	return rows
}

func (a *App) updateResults(msg tea.KeyMsg) tea.Cmd {
	k, r := a.keys, &a.results
	move := func(step int) {
		for i := r.cursor + step; i >= 0 && i < len(r.rows); i += step {
			if r.rows[i].subject != "" {
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
		e, err := a.quest.l.Evaluation.Explain(r.rows[r.cursor].subject)
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
		body := strings.Split(wrap(safetext.Block(strings.Join(r.explain.Lines, "\n")), w), "\n")
		room := max(1, h-3-2)
		if len(body) > room {
			body = append(body[:room-1], st.subtle.Render(fmt.Sprintf("… %d more lines: seam explain %s %s", len(body)-room+1, a.quest.l.ID, r.explain.Subject)))
		}
		explain = append(explain, st.accent.Render("── "+cut(clean(r.explain.Title), w)))
		for _, l := range body {
			explain = append(explain, "   "+l)
		}
		explain = append(explain, st.subtle.Render("── x or esc closes"))
		h -= len(explain)
	}
	top := max(0, r.cursor-h/2)
	top = min(top, max(0, len(r.rows)-h))
	var lines []string
	for i := top; i < len(r.rows) && len(lines) < h; i++ {
		row := r.rows[i]
		if i == r.cursor {
			lines = append(lines, st.selected.Render("▸ "+cut(row.text, a.width-2)))
		} else {
			lines = append(lines, "  "+row.text)
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, explain...), "\n"), keys
}

// planReason is the short form of an item's rank: its priority terms.
func planReason(it assessment.PlanItem) string {
	if it.Kind == assessment.FindOut {
		return fmt.Sprintf("don't know on an importance-%d question: find out first · %s + %s", it.Importance, clean(it.Owners.Business), clean(it.Owners.IT))
	}
	return fmt.Sprintf("priority %.2f = importance %d × gap %d × confidence %.2f ÷ effort %s · %s + %s",
		it.Priority, it.Importance, it.Gap, it.Confidence, it.Effort, clean(it.Owners.Business), clean(it.Owners.IT))
}
