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

// queueScreen lists the disputed questions, the most disputed first, for
// the room to discuss and agree on; refreshed while it is shown.
type queueScreen struct{ cursor int }

func (q *queueScreen) name() string { return "discussion queue" }

// disputed is the queue as the open workshop stands.
func disputed(a *App) []assessment.QuestionAgreement {
	if ag := a.current.Evaluation.Agreement; ag != nil {
		return ag.Disputed()
	}
	return nil
}

func (q *queueScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	keys, queue := a.keys, disputed(a)
	q.cursor = max(0, min(q.cursor, len(queue)-1))
	if moveCursor(keys, k, &q.cursor, len(queue)) {
		return nil
	}
	switch {
	case key.Matches(k, keys.Enter):
		if len(queue) > 0 {
			return openConsensus(a, queue[q.cursor])
		}
	case isRoomKey(keys, k):
		return openRoom(a, k)
	case key.Matches(k, keys.Back):
		return a.navigate(showWorkshop{})
	}
	return nil
}

func (q *queueScreen) view(a *App) (string, bindings) {
	k, st, queue := a.keys, a.st, disputed(a)
	keys := bindings{short: []key.Binding{k.Up, k.Down, short(k.Enter, "enter", "record consensus"), k.Heatmap, k.Back, k.Help}}
	var b strings.Builder
	b.WriteString(st.Bold.Render("Discussion queue: the most disputed questions first") + "\n\n")
	if len(queue) == 0 {
		b.WriteString("Everyone agrees so far: no question has a spread of answers.\n")
		return b.String(), keys
	}
	cursor := max(0, min(q.cursor, len(queue)-1))
	for i, ag := range queue {
		question, _ := a.current.Instrument.Question(ag.Question)
		flags := ""
		if ag.Disagreement {
			flags += " disputed"
		}
		if ag.PerceptionGap {
			flags += " · business/IT gap"
		}
		if ag.Consensus != nil {
			flags += " · agreed " + ag.Consensus.Value()
		}
		row := fmt.Sprintf("%-6s AD %.2f  %s%s", ag.Question, *ag.AD, theme.Cut(safetext.Line(question.Title), max(10, a.width-50)), st.Warn.Render(flags))
		if i == cursor {
			b.WriteString(st.Selected.Render("▸ "+row) + "\n")
			b.WriteString("    " + st.Subtle.Render(theme.Cut(plainDistribution(ag), a.width-6)) + "\n")
		} else {
			b.WriteString("  " + row + "\n")
		}
	}
	return b.String(), keys
}

// plainDistribution lists the answers per function for the screen.
func plainDistribution(ag assessment.QuestionAgreement) string {
	var parts []string
	for _, fa := range ag.ByFunctionInOrder() {
		parts = append(parts, safetext.Line(fa.Function)+": "+strings.Join(fa.Given(), " "))
	}
	return fmt.Sprintf("scored %s · spread %d · %s", report.ScoredPhrase(ag), ag.Spread, strings.Join(parts, " · "))
}
