package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
	"github.com/seam-dev/seam/theme"
)

// refreshEvery is how often the facilitator's screens reload the store, so
// answers given on other terminals appear.
const refreshEvery = 2 * time.Second

// refreshMsg asks the workshop screens to reload.
type refreshMsg struct{}

func refreshTick() tea.Cmd {
	return tea.Tick(refreshEvery, func(time.Time) tea.Msg { return refreshMsg{} })
}

// workshopState is the facilitator's view of a workshop.
type workshopState struct {
	cursor int // participant, heatmap row or queue item
	queue  []assessment.QuestionAgreement
}

// isWorkshop reports whether the current assessment is a workshop.
func (a *App) isWorkshop() bool { return a.quest.l != nil && a.quest.l.Kind == store.Workshop }

// showParticipants opens the facilitator's home of a workshop and starts
// the live refresh.
func (a *App) showParticipants() tea.Cmd {
	a.workshop.cursor = min(a.workshop.cursor, max(0, len(a.quest.l.Participants)-1))
	a.screen = screenParticipants
	return refreshTick()
}

// reload reads the current assessment again, keeping the questionnaire's
// participant.
func (a *App) reload() {
	l, err := a.be.Load(a.quest.l.ID)
	if err != nil {
		a.fail(err)
		return
	}
	who := a.quest.who
	a.quest.l = l
	a.quest.who = who
}

func (a *App) onRefresh() tea.Cmd {
	switch a.screen {
	case screenParticipants, screenHeatmap, screenQueue:
		a.reload()
		if a.screen == screenQueue {
			a.workshop.queue = a.quest.l.Evaluation.Agreement.Disputed()
		}
		return refreshTick()
	}
	return nil
}

func (a *App) answeredBy(name string) int {
	n := 0
	for _, r := range a.quest.l.Answers {
		if r.Participant == name {
			n++
		}
	}
	return n
}

func (a *App) updateParticipants(msg tea.KeyMsg) tea.Cmd {
	k, w, l := a.keys, &a.workshop, a.quest.l
	switch {
	case key.Matches(msg, k.Up):
		w.cursor = max(0, w.cursor-1)
	case key.Matches(msg, k.Down):
		w.cursor = min(len(l.Participants)-1, w.cursor+1)
	case key.Matches(msg, k.New):
		return a.askParticipant()
	case key.Matches(msg, k.Enter):
		if len(l.Participants) == 0 {
			return nil
		}
		a.quest.who = l.Participants[w.cursor].Name
		a.say("Answering as %s. The others' answers stay hidden.", safetext.Line(a.quest.who))
		a.resume()
	case key.Matches(msg, k.Heatmap), key.Matches(msg, k.Queue), key.Matches(msg, k.Results), key.Matches(msg, k.Report):
		if l.RevealedAt == nil {
			a.screen = screenReveal
			a.revealNext = msg.String()
			return nil
		}
		return a.openRevealed(msg.String())
	case key.Matches(msg, k.Back):
		a.leaveToHome()
	}
	return nil
}

// openRevealed opens a screen that shows everyone's answers: m the heatmap,
// c the discussion queue, p the report, else the results.
func (a *App) openRevealed(keyName string) tea.Cmd {
	switch keyName {
	case "m":
		a.workshop.cursor = 0
		a.screen = screenHeatmap
		return refreshTick()
	case "c":
		a.workshop.cursor = 0
		a.workshop.queue = a.quest.l.Evaluation.Agreement.Disputed()
		a.screen = screenQueue
		return refreshTick()
	case "p":
		return a.showPreview()
	}
	a.showResults()
	return nil
}

func (a *App) updateReveal(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, a.keys.Yes):
		if err := a.be.Store().Reveal(a.quest.l.ID); err != nil {
			a.fail(err)
			a.screen = screenParticipants
			return nil
		}
		a.reload()
		a.say("Results revealed to the room.")
		return a.openRevealed(a.revealNext)
	case key.Matches(msg, a.keys.No):
		a.screen = screenParticipants
	}
	return nil
}

func (a *App) viewReveal() (string, bindings) {
	body := "\n" + a.st.Bold.Render("Reveal the results to the room?") + "\n\n" +
		theme.Wrap("Until now each participant saw only their own answers. Revealing shows everyone's answers, the heatmap and the disagreements. "+
			"Do it once everyone has answered.", min(a.width, 90)) + "\n\n" +
		"Press " + a.st.Selected.Render("y") + " to reveal, " + a.st.Selected.Render("n") + " or esc to wait."
	return body, bindings{short: []key.Binding{a.keys.Yes, a.keys.No}}
}

func (a *App) viewParticipants() (string, bindings) {
	k, l, st := a.keys, a.quest.l, a.st
	keys := bindings{
		short: []key.Binding{short(k.Enter, "enter", "answer as"), short(k.New, "n", "add participant"), k.Heatmap, k.Queue, k.Results, k.Report, k.Back, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter, k.New}, {k.Heatmap, k.Queue, k.Results, k.Report}, {k.Back, k.Quit, k.Help}},
	}
	var b strings.Builder
	b.WriteString(st.Title.Render("Workshop · "+safetext.Line(l.Organization)+" · "+safetext.Line(l.Title)) + "\n")
	state := "results hidden until you reveal them"
	if l.RevealedAt != nil {
		state = "results revealed"
	}
	b.WriteString(st.Subtle.Render(fmt.Sprintf("%d participants · %s · refreshes every %s", len(l.Participants), state, refreshEvery)) + "\n\n")
	if len(l.Participants) == 0 {
		b.WriteString("No participants yet. Press " + st.Selected.Render("n") + " to add the first; each then answers on their own.\n")
		return b.String(), keys
	}
	// Role, function and progress take 50 cells with their gaps.
	nameW := max(10, min(30, a.width-52))
	b.WriteString(st.Subtle.Render(fmt.Sprintf("  %-*s  %-16s  %-9s  %s", nameW, "PARTICIPANT", "ROLE", "FUNCTION", "PROGRESS")) + "\n")
	total := l.Instrument.QuestionCount()
	for i, p := range l.Participants {
		n := a.answeredBy(p.Name)
		v := 1 + 4*float64(n)/float64(total)
		row := fmt.Sprintf("%-*s  %-16s  %-9s  %s %d/%d", nameW, theme.Cut(safetext.Line(p.Name), nameW), theme.Cut(safetext.Line(p.Role), 16), p.Function, theme.BarCells(&v, 0, 12), n, total)
		if i == a.workshop.cursor {
			b.WriteString(st.Selected.Render("▸ "+row) + "\n")
		} else {
			b.WriteString("  " + row + "\n")
		}
	}
	return b.String(), keys
}

// askParticipant adds a participant through a form.
func (a *App) askParticipant() tea.Cmd {
	var name, role string
	function := "business"
	var options []huh.Option[string]
	for _, f := range assessment.Functions {
		options = append(options, huh.NewOption(f, f))
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Name").Description("Unique in this workshop.").CharLimit(store.MaxNameLen).Value(&name),
		huh.NewInput().Title("Role").Description("For example COO or Head of Integration (optional).").CharLimit(store.MaxNameLen).Value(&role),
		huh.NewSelect[string]().Title("Function").Options(options...).Value(&function),
	).Title("Add a participant"))
	return a.openForm(form, screenParticipants, func(a *App) tea.Cmd {
		p, _, err := a.be.AddParticipant(a.quest.l.ID, store.Participant{Name: name, Role: role, Function: function})
		if err != nil {
			a.fail(fmt.Errorf("not added: %w", err))
			return nil
		}
		a.reload()
		a.workshop.cursor = len(a.quest.l.Participants) - 1
		a.say("Added %s (%s).", safetext.Line(p.Name), p.Function)
		return nil
	})
}

// levelMark is a heatmap cell: the level, ? for don't know, - for n/a, ·
// for no answer; colour repeats what the character says.
func (a *App) levelMark(ans assessment.Answer, ok bool) string {
	if !ok {
		return a.st.Subtle.Render("·")
	}
	switch ans.Kind {
	case assessment.DontKnow:
		return a.st.Warn.Render("?")
	case assessment.NotApplicable:
		return a.st.Subtle.Render("-")
	}
	s := fmt.Sprint(ans.Level)
	switch {
	case ans.Level <= 2:
		return a.st.Bad.Render(s)
	case ans.Level == 3:
		return a.st.Warn.Render(s)
	}
	return a.st.Good.Render(s)
}

func (a *App) updateHeatmap(msg tea.KeyMsg) tea.Cmd {
	k, w := a.keys, &a.workshop
	switch {
	case key.Matches(msg, k.Up):
		w.cursor = max(0, w.cursor-1)
	case key.Matches(msg, k.Down):
		w.cursor = min(len(a.quest.questions)-1, w.cursor+1)
	case key.Matches(msg, k.Queue):
		return a.openRevealed("c")
	case key.Matches(msg, k.Back):
		return a.showParticipants()
	}
	return nil
}

func (a *App) viewHeatmap() (string, bindings) {
	k, l, st := a.keys, a.quest.l, a.st
	keys := bindings{short: []key.Binding{k.Up, k.Down, k.Queue, k.Back, k.Help}}
	byPerson := map[string]map[string]assessment.Answer{}
	for _, p := range l.Participants {
		byPerson[p.Name] = l.AnswersOf(p.Name)
	}
	var b strings.Builder
	b.WriteString(st.Bold.Render("Heatmap: questions × participants") + st.Subtle.Render("  (1-5 level · ? don't know · - n/a · · no answer · * disputed)") + "\n")
	head := "         "
	for i := range l.Participants {
		head += fmt.Sprintf("%-3s", fmt.Sprint(i+1))
	}
	b.WriteString(st.Subtle.Render(head+"  median  AD") + "\n")
	agreements := map[string]assessment.QuestionAgreement{}
	for _, ag := range l.Evaluation.Agreement.Questions {
		agreements[ag.Question] = ag
	}
	h := a.bodyHeight() - 4
	top := max(0, min(a.workshop.cursor-h/2, len(a.quest.questions)-h))
	for i := top; i < len(a.quest.questions) && i < top+h; i++ {
		q := a.quest.questions[i]
		row := fmt.Sprintf("%-8s ", q.ID)
		for _, p := range l.Participants {
			ans, ok := byPerson[p.Name][q.ID]
			row += a.levelMark(ans, ok) + "  "
		}
		ag := agreements[q.ID]
		if ag.AD != nil {
			flag := " "
			if ag.Disagreement {
				flag = "*"
			}
			row += fmt.Sprintf("%5s  %.2f%s", theme.ScoreCell(ag.Median), *ag.AD, flag)
		}
		if i == a.workshop.cursor {
			row = st.Selected.Render("▸") + row + " " + st.Subtle.Render(theme.Cut(safetext.Line(q.Title), max(0, a.width-len(l.Participants)*3-30)))
		} else {
			row = " " + row
		}
		b.WriteString(row + "\n")
	}
	var legend []string
	for i, p := range l.Participants {
		legend = append(legend, fmt.Sprintf("%d %s (%s)", i+1, safetext.Line(p.Name), p.Function))
	}
	b.WriteString(st.Subtle.Render(theme.Cut(strings.Join(legend, " · "), a.width)) + "\n")
	return b.String(), keys
}

func (a *App) updateQueue(msg tea.KeyMsg) tea.Cmd {
	k, w := a.keys, &a.workshop
	switch {
	case key.Matches(msg, k.Up):
		w.cursor = max(0, w.cursor-1)
	case key.Matches(msg, k.Down):
		w.cursor = min(len(w.queue)-1, w.cursor+1)
	case key.Matches(msg, k.Enter):
		if len(w.queue) > 0 {
			return a.askConsensus(w.queue[w.cursor].Question)
		}
	case key.Matches(msg, k.Heatmap):
		return a.openRevealed("m")
	case key.Matches(msg, k.Back):
		return a.showParticipants()
	}
	return nil
}

func (a *App) viewQueue() (string, bindings) {
	k, st, w := a.keys, a.st, &a.workshop
	keys := bindings{short: []key.Binding{k.Up, k.Down, short(k.Enter, "enter", "record consensus"), k.Heatmap, k.Back, k.Help}}
	var b strings.Builder
	b.WriteString(st.Bold.Render("Discussion queue: the most disputed questions first") + "\n\n")
	if len(w.queue) == 0 {
		b.WriteString("Everyone agrees so far: no question has a spread of answers.\n")
		return b.String(), keys
	}
	for i, ag := range w.queue {
		q, _ := a.quest.l.Instrument.Question(ag.Question)
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
		row := fmt.Sprintf("%-6s AD %.2f  %s%s", ag.Question, *ag.AD, theme.Cut(safetext.Line(q.Title), max(10, a.width-50)), st.Warn.Render(flags))
		if i == w.cursor {
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
func (a *App) askConsensus(qid string) tea.Cmd {
	q, _ := a.quest.l.Instrument.Question(qid)
	pick := 3
	var note string
	var options []huh.Option[int]
	for i, text := range q.Levels {
		options = append(options, huh.NewOption(fmt.Sprintf("%d %s", i+1, theme.Cut(safetext.Line(text), 70)), i+1))
	}
	options = append(options, huh.NewOption("Don't know", 6))
	form := huh.NewForm(huh.NewGroup(
		huh.NewSelect[int]().Title("What did the room agree for "+qid+"?").Description(safetext.Line(q.Text)).Options(options...).Value(&pick),
		huh.NewInput().Title("Note").Description("What the discussion concluded (shown in the report).").CharLimit(assessment.MaxNoteLen).Value(&note),
	))
	return a.openForm(form, screenQueue, func(a *App) tea.Cmd {
		ans := assessment.Answer{Kind: assessment.Level, Level: pick, Note: strings.TrimSpace(note)}
		if pick == 6 {
			ans = assessment.Answer{Kind: assessment.DontKnow, Note: strings.TrimSpace(note)}
		}
		if _, err := a.be.RecordConsensus(a.quest.l.ID, qid, ans); err != nil {
			a.fail(err)
			return nil
		}
		a.reload()
		a.workshop.queue = a.quest.l.Evaluation.Agreement.Disputed()
		a.say("✓ Recorded the consensus on %s: %s. The votes stay as they were.", qid, answerWords(ans))
		return nil
	})
}
