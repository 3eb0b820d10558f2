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

// chapterScreen sums up a failure mode after its last question.
type chapterScreen struct {
	mode  string
	index int // the chapter's last question
}

func (c *chapterScreen) name() string { return "chapter summary" }

func (c *chapterScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	keys := a.keys
	switch {
	case key.Matches(k, keys.Enter), key.Matches(k, keys.Next):
		if c.index+1 < len(questions(a)) {
			return a.navigate(showQuestion{index: c.index + 1})
		}
		if a.isWorkshop() {
			return leave(a)
		}
		return a.navigate(showResults{})
	case key.Matches(k, keys.Prev):
		return a.navigate(showQuestion{index: c.index})
	case key.Matches(k, keys.Results):
		return resultsIfRevealed(a)
	case key.Matches(k, keys.Chapters):
		return a.navigate(showChapters{at: currentChapter(a)})
	case key.Matches(k, keys.Back):
		return leave(a)
	}
	return nil
}

func (c *chapterScreen) view(a *App) (string, bindings) {
	st := a.st
	res := a.current.Evaluation.Scorecard
	if a.isWorkshop() { // a participant sees the score of their own answers only
		res = a.current.Own(a.who).Scorecard
	}
	ms, _ := res.Mode(c.mode)
	var b strings.Builder
	b.WriteString("\n" + st.Title.Render("Chapter done: "+safetext.Line(ms.Name)) + "\n\n")
	if ms.Status == assessment.ModeNotApplicable {
		wrapped := theme.Wrap("Not applicable: "+safetext.Line(strings.Join(ms.NAReasons, "; "))+
			". This failure mode is left out of the overall index.", a.width-2)
		b.WriteString("  " + strings.ReplaceAll(wrapped, "\n", "\n  ") + "\n\n")
	} else {
		level := ms.LevelName
		switch {
		case ms.Score == nil:
			level = "no score yet (nothing answered)"
		case ms.Status != assessment.Rated:
			level = "provisional: " + ms.Missing
		}
		b.WriteString(fmt.Sprintf("  Score  %s %s  %s   target %d\n", st.Bar(ms.Score, ms.Target, 20), theme.ScoreCell(ms.Score), level, ms.Target))
		b.WriteString(fmt.Sprintf("  Answered %d of %d applicable · %d don't know (counted as %d) · %d unverified (level 3+ without evidence)\n\n",
			ms.Answered, ms.Applicable, ms.DontKnow, assessment.DontKnowCounts, ms.Unverified))
	}
	var risks []string
	for _, r := range ms.Results {
		if r.Risk == assessment.RiskHigh {
			risks = append(risks, r.ID+" "+safetext.Line(r.Title))
		}
	}
	if len(risks) > 0 {
		b.WriteString(st.Bad.Render("  High risks:") + "\n")
		for _, r := range risks {
			b.WriteString("    " + theme.Cut(r, a.width-6) + "\n")
		}
		b.WriteString("\n")
	}
	next := "see the results"
	all := questions(a)
	switch {
	case c.index+1 < len(all):
		nq := all[c.index+1]
		chapter, _, _ := chapterPosition(a, nq)
		mode, _ := a.current.Instrument.Mode(nq.Mode)
		next = fmt.Sprintf("go on to chapter %d: %s", chapter, safetext.Line(mode.Name))
	case a.isWorkshop():
		next = "go back to the participants"
	}
	b.WriteString("  Press enter to " + next + ".\n")
	k := a.keys
	return b.String(), bindings{short: []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue")), k.Prev, k.Results, k.Chapters, k.Back, k.Quit}}
}
