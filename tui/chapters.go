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

// chaptersScreen lists the open assessment's chapters with how far each
// is answered. Where the instrument has a baseline chapter it comes first,
// before chapter 1: optional, not scored, and never where the cursor
// starts, so that skipping it costs nothing.
type chaptersScreen struct {
	cursor int // 0 is the baseline chapter; 1 and on the failure modes
	// progress says how far each failure mode is answered by the one
	// answering: worked out when the list opens and when the assessment
	// changes (reload), not at every frame, since a workshop
	// participant's takes scoring their own answers.
	progress []string
}

func (c *chaptersScreen) name() string { return "chapters" }

// newChapters opens the list with the cursor on chapter at (1 for the
// first failure mode), or with at 0 on the baseline chapter if there is
// one.
func newChapters(a *App, at int) *chaptersScreen {
	c := &chaptersScreen{cursor: at}
	c.clamp(a)
	c.reload(a)
	return c
}

// reload works out each failure mode's progress again.
func (c *chaptersScreen) reload(a *App) {
	res := a.current.Evaluation.Scorecard
	if a.isWorkshop() { // a participant sees their own answers only
		res = a.current.Own(a.who).Scorecard
	}
	answers := given(a)
	c.progress = c.progress[:0]
	for _, m := range a.current.Instrument.Modes {
		if ms, _ := res.Mode(m.ID); ms.Status == assessment.ModeNotApplicable {
			c.progress = append(c.progress, "not applicable")
			continue
		}
		n := 0
		for _, q := range m.Questions {
			if _, ok := answers[q.ID]; ok {
				n++
			}
		}
		c.progress = append(c.progress, fmt.Sprintf("%d of %d answered", n, len(m.Questions)))
	}
}

// hasBaseline reports whether the open assessment's instrument has a
// baseline chapter.
func hasBaseline(a *App) bool { return len(a.current.Instrument.Baseline) > 0 }

// clamp keeps the cursor on a chapter the list shows.
func (c *chaptersScreen) clamp(a *App) {
	first := 1
	if hasBaseline(a) {
		first = 0
	}
	c.cursor = max(first, min(c.cursor, len(a.current.Instrument.Modes)))
}

// currentChapter is the chapter a question screen is in, or the one to
// resume (the first with a question unanswered), for the list's cursor.
func currentChapter(a *App) int {
	if q, ok := a.screen.(*questionScreen); ok {
		return a.current.Instrument.ModeNumber(questions(a)[q.index].Mode)
	}
	if c, ok := a.screen.(*chapterScreen); ok {
		return a.current.Instrument.ModeNumber(c.mode)
	}
	answers := given(a)
	for _, q := range questions(a) {
		if _, ok := answers[q.ID]; !ok {
			return a.current.Instrument.ModeNumber(q.Mode)
		}
	}
	return 1
}

func (c *chaptersScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	keys := a.keys
	first := 1
	if hasBaseline(a) {
		first = 0
	}
	n := len(a.current.Instrument.Modes) + 1
	switch {
	case key.Matches(k, keys.Up):
		c.cursor = max(first, c.cursor-1)
	case key.Matches(k, keys.Down):
		c.cursor = min(n-1, c.cursor+1)
	case key.Matches(k, keys.Enter), key.Matches(k, keys.Next):
		if c.cursor == 0 {
			return a.navigate(showBaseline{})
		}
		return a.navigate(showQuestion{index: chapterStart(a, c.cursor)})
	case key.Matches(k, keys.Results):
		return resultsIfRevealed(a)
	case key.Matches(k, keys.Back):
		return leave(a)
	}
	return nil
}

// chapterStart is where opening chapter n (1 for the first failure mode)
// lands: its first question the participant has not answered, else its
// first question.
func chapterStart(a *App, n int) int {
	mode := a.current.Instrument.Modes[n-1].ID
	answers := given(a)
	first := -1
	for i, q := range questions(a) {
		if q.Mode != mode {
			continue
		}
		if first < 0 {
			first = i
		}
		if _, ok := answers[q.ID]; !ok {
			return i
		}
	}
	return max(0, first)
}

func (c *chaptersScreen) view(a *App) (string, bindings) {
	st, inst := a.st, a.current.Instrument
	k := a.keys
	keys := bindings{
		short: []key.Binding{k.Up, k.Down, short(k.Enter, "enter", "open"), k.Results, short(k.Back, "esc", "home"), k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter}, {k.Results, k.Back, k.Quit, k.Help}},
	}
	c.clamp(a)
	width := min(a.width, 100)
	var b []string
	b = append(b, st.Title.Render("Chapters"), "")
	row := func(i int, label, progress string) {
		labelW := max(10, width-4-len(progress)-2)
		line := fmt.Sprintf("%-*s  %s", labelW, theme.Cut(label, labelW), progress)
		if i == c.cursor {
			b = append(b, st.Selected.Render("▸ "+line))
		} else {
			b = append(b, "  "+line)
		}
	}
	if hasBaseline(a) {
		n, of := a.current.Recorded()
		row(0, "Baseline (optional, not scored)", fmt.Sprintf("%d of %d recorded", n, of))
	}
	for i, m := range inst.Modes {
		row(i+1, fmt.Sprintf("%d  %s", i+1, safetext.Line(m.Name)), c.progress[i])
	}
	b = append(b, "")
	if c.cursor == 0 {
		for _, l := range strings.Split(theme.Wrap("Your organisation's own figures, where the plan's KPIs start from. "+
			"Optional: nothing is scored, and skipping them costs nothing.", width), "\n") {
			b = append(b, st.Subtle.Render(l))
		}
	} else {
		b = append(b, st.Subtle.Render(theme.Cut(safetext.Line(inst.Modes[c.cursor-1].Summary), width)))
	}
	return join(b), keys
}
