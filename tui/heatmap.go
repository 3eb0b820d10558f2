package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// heatmapScreen shows every participant's answer to every question, with
// the level scored (the consensus, else the lower median), the spread and
// the average deviation, refreshed while it is shown.
type heatmapScreen struct{ cursor int }

func (h *heatmapScreen) name() string { return "heatmap" }

func (h *heatmapScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	keys := a.keys
	if moveCursor(keys, k, &h.cursor, len(questions(a))) {
		return nil
	}
	switch {
	case isRoomKey(keys, k):
		return openRoom(a, k)
	case key.Matches(k, keys.Names):
		a.toggleNames()
	case key.Matches(k, keys.Back):
		return a.navigate(showWorkshop{})
	}
	return nil
}

// levelMark is a heatmap cell: the level, ? for don't know, - for n/a, ·
// for no answer; colour repeats what the character says.
func levelMark(st theme.Palette, ans assessment.Answer, ok bool) string {
	if !ok {
		return st.Subtle.Render("·")
	}
	switch ans.Kind {
	case assessment.DontKnow:
		return st.Warn.Render("?")
	case assessment.NotApplicable:
		return st.Subtle.Render("-")
	}
	s := fmt.Sprint(ans.Level)
	switch {
	case ans.Level <= 2:
		return st.Bad.Render(s)
	case ans.Level == 3:
		return st.Warn.Render(s)
	}
	return st.Good.Render(s)
}

// scoredCell is the level scored for a question, "=2" when it is the
// consensus the room recorded, "–" with no level.
func scoredCell(ag assessment.QuestionAgreement) string {
	switch {
	case ag.Scored == nil:
		return "–"
	case ag.Consensus != nil:
		return fmt.Sprintf("=%d", *ag.Scored)
	}
	return fmt.Sprint(*ag.Scored)
}

func (h *heatmapScreen) view(a *App) (string, bindings) {
	k, l, st := a.keys, a.current, a.st
	keys := bindings{short: []key.Binding{k.Up, k.Down, k.Queue, a.namesKey(), k.Back, k.Help}}
	byPerson := map[string]map[string]assessment.Answer{}
	for _, p := range l.Participants {
		byPerson[p.Name] = l.AnswersOf(p.Name)
	}
	var b strings.Builder
	b.WriteString(st.Bold.Render("Heatmap") + st.Subtle.Render(theme.Cut("  1-5 level · ? don't know · - n/a · · none · * disputed · =N consensus", a.width-7)) + "\n")
	head := "          "
	for i := range l.Participants {
		head += fmt.Sprintf("%-3s", fmt.Sprint(i+1))
	}
	b.WriteString(st.Subtle.Render(head+"scored spread  AD") + "\n")
	agreements := map[string]assessment.QuestionAgreement{}
	if ag := l.Evaluation.Agreement; ag != nil {
		for _, q := range ag.Questions {
			agreements[q.Question] = q
		}
	}
	all := questions(a)
	rows := a.bodyHeight() - 4
	top := max(0, min(h.cursor-rows/2, len(all)-rows))
	for i := top; i < len(all) && i < top+rows; i++ {
		q := all[i]
		row := fmt.Sprintf("%-8s ", q.ID)
		for _, p := range l.Participants {
			ans, ok := byPerson[p.Name][q.ID]
			row += levelMark(st, ans, ok) + "  "
		}
		if ag := agreements[q.ID]; ag.AD != nil {
			flag := " "
			if ag.Disagreement {
				flag = "*"
			}
			row += fmt.Sprintf("%6s %6d  %.2f%s", scoredCell(ag), ag.Spread, *ag.AD, flag)
		}
		if i == h.cursor {
			row = st.Selected.Render("▸") + row + " " + st.Subtle.Render(theme.Cut(safetext.Line(q.Title), max(0, a.width-len(l.Participants)*3-30)))
		} else {
			row = " " + row
		}
		b.WriteString(row + "\n")
	}
	b.WriteString(st.Subtle.Render(theme.Cut(strings.Join(a.participantLegend(), " · "), a.width)) + "\n")
	return b.String(), keys
}
