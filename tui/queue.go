package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/assessment"
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
			return askConsensus(a, queue[q.cursor].Question)
		}
	case key.Matches(k, keys.Heatmap):
		return a.navigate(showRoom{view: roomHeatmap})
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
	return fmt.Sprintf("median %s · %s", theme.ScoreCell(ag.Median), strings.Join(parts, " · "))
}

// askConsensus records the level the room agreed on for a question.
func askConsensus(a *App, qid string) tea.Cmd {
	question, _ := a.current.Instrument.Question(qid)
	pick := 3
	var note string
	var options []huh.Option[int]
	for i, text := range question.Levels {
		options = append(options, huh.NewOption(fmt.Sprintf("%d %s", i+1, theme.Cut(safetext.Line(text), 70)), i+1))
	}
	options = append(options, huh.NewOption("Don't know", 6))
	form := huh.NewForm(huh.NewGroup(
		huh.NewSelect[int]().Title("What did the room agree for "+qid+"?").Description(safetext.Line(question.Text)).Options(options...).Value(&pick),
		huh.NewInput().Title("Note").Description("What the discussion concluded (shown in the report).").CharLimit(assessment.MaxNoteLen).Value(&note),
	))
	return a.openForm(form, func(a *App) tea.Cmd {
		ans := assessment.Answer{Kind: assessment.Level, Level: pick, Note: note}
		if pick == 6 {
			ans = assessment.Answer{Kind: assessment.DontKnow, Note: note}
		}
		be, id := a.be, a.current.ID
		return a.start(func() tea.Msg {
			ev, err := be.RecordConsensus(id, qid, ans)
			if err != nil {
				return failed{err: err}
			}
			return changed{ev: ev, status: fmt.Sprintf("✓ Recorded the consensus on %s: %s. The votes stay as they were.", qid, ans.Words())}
		})
	})
}
