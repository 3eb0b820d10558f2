package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// Choices below the five levels.
const (
	choiceDontKnow = questionnaire.Levels     // index 5
	choiceNA       = questionnaire.Levels + 1 // index 6
	choices        = questionnaire.Levels + 2
)

// questState is the questionnaire over the current assessment.
type questState struct {
	l         *backend.Evaluated
	who       string // the participant answering
	questions []*questionnaire.Question
	index     int // the question shown
	choice    int // the highlighted choice
	why       bool
	// A note and evidence typed before the question was answered; they are
	// saved with the answer.
	pendingNote, pendingEvidence string
	chapterMode                  string // the mode the chapter summary shows
}

func newQuestState(l *backend.Evaluated) questState {
	q := questState{l: l}
	if len(l.Participants) > 0 {
		q.who = l.Participants[0].Name
	}
	for mi := range l.Instrument.Modes {
		for qi := range l.Instrument.Modes[mi].Questions {
			q.questions = append(q.questions, &l.Instrument.Modes[mi].Questions[qi])
		}
	}
	return q
}

func (q *questState) current() *questionnaire.Question { return q.questions[q.index] }

func (q *questState) answers() map[string]assessment.Answer { return q.l.AnswersOf(q.who) }

// answered reports how many questions have an answer.
func (q *questState) answered() int { return len(q.answers()) }

// resume shows the first unanswered question, or the results when all are.
func (a *App) resume() {
	q := &a.quest
	given := q.answers()
	for i, question := range q.questions {
		if _, ok := given[question.ID]; !ok {
			a.showQuestion(i)
			return
		}
	}
	if a.isWorkshop() {
		a.say("%s has answered every question.", safetext.Line(q.who))
		a.showParticipants()
		return
	}
	a.say("Every question is answered: here are the results.")
	a.showResults()
}

func (a *App) showQuestion(i int) {
	q := &a.quest
	q.index, q.why = i, false
	q.pendingNote, q.pendingEvidence = "", ""
	q.choice = 0
	if ans, ok := q.answers()[q.current().ID]; ok {
		switch ans.Kind {
		case assessment.Level:
			q.choice = ans.Level - 1
		case assessment.DontKnow:
			q.choice = choiceDontKnow
		case assessment.NotApplicable:
			q.choice = choiceNA
		}
	}
	a.screen = screenQuestion
}

func (a *App) updateQuestion(msg tea.KeyMsg) tea.Cmd {
	k, q := a.keys, &a.quest
	for i, b := range k.Level {
		if key.Matches(msg, b) {
			q.choice = i
			return a.confirm(assessment.Answer{Kind: assessment.Level, Level: i + 1})
		}
	}
	switch {
	case key.Matches(msg, k.Up):
		q.choice = (q.choice + choices - 1) % choices
	case key.Matches(msg, k.Down):
		q.choice = (q.choice + 1) % choices
	case key.Matches(msg, k.Prev):
		if q.index > 0 {
			a.showQuestion(q.index - 1)
		}
	case key.Matches(msg, k.Next):
		if q.index < len(q.questions)-1 {
			a.showQuestion(q.index + 1)
		}
	case key.Matches(msg, k.Why):
		q.why = !q.why
	case key.Matches(msg, k.DontKnow):
		q.choice = choiceDontKnow
		return a.confirm(assessment.Answer{Kind: assessment.DontKnow})
	case key.Matches(msg, k.NotApplicable):
		q.choice = choiceNA
		return a.askReason()
	case key.Matches(msg, k.Note):
		return a.askNote()
	case key.Matches(msg, k.Results):
		a.showResultsIfRevealed()
	case key.Matches(msg, k.Back):
		return a.leaveToHome()
	case key.Matches(msg, k.Enter):
		switch q.choice {
		case choiceDontKnow:
			return a.confirm(assessment.Answer{Kind: assessment.DontKnow})
		case choiceNA:
			return a.askReason()
		default:
			return a.confirm(assessment.Answer{Kind: assessment.Level, Level: q.choice + 1})
		}
	}
	return nil
}

// leaveToHome goes back to the list of assessments, or for a workshop to
// its participants.
func (a *App) leaveToHome() tea.Cmd {
	if a.isWorkshop() && a.screen != screenParticipants {
		a.reload()
		a.say("Every confirmed answer is saved.")
		return a.showParticipants()
	}
	a.reloadHome()
	a.screen = screenHome
	a.say("Every confirmed answer is saved. Press enter on an assessment to resume.")
	return nil
}

// showResultsIfRevealed shows the results, except to a workshop participant
// before the facilitator has revealed them.
func (a *App) showResultsIfRevealed() {
	if a.isWorkshop() && a.quest.l.RevealedAt == nil {
		a.fail(fmt.Errorf("results stay hidden until the facilitator reveals them"))
		return
	}
	a.showResults()
}

// confirm saves an answer to the current question, keeping its note and
// evidence, and moves on. The screen says "saved" only after the commit.
func (a *App) confirm(ans assessment.Answer) tea.Cmd {
	q := &a.quest
	question := q.current()
	old, had := q.answers()[question.ID]
	if had {
		ans.Note, ans.Evidence = old.Note, old.Evidence
	}
	if q.pendingNote != "" || q.pendingEvidence != "" {
		ans.Note, ans.Evidence = q.pendingNote, q.pendingEvidence
	}
	if err := a.save(question.ID, ans); err != nil {
		a.fail(err)
		return nil
	}
	a.say("✓ Saved %s: %s.", question.ID, answerWords(ans))
	a.advance()
	return nil
}

// save writes one answer and keeps the assessment as the store left it.
func (a *App) save(qid string, ans assessment.Answer) error {
	q := &a.quest
	l, err := a.be.Answer(q.l.ID, q.who, map[string]assessment.Answer{qid: ans})
	if err != nil {
		return err
	}
	q.l = l
	q.pendingNote, q.pendingEvidence = "", ""
	return nil
}

// advance goes to the next question, or to the chapter summary after the
// last question of a failure mode.
func (a *App) advance() {
	q := &a.quest
	cur := q.current()
	if q.index+1 < len(q.questions) && q.questions[q.index+1].Mode == cur.Mode {
		a.showQuestion(q.index + 1)
		return
	}
	q.chapterMode = cur.Mode
	a.screen = screenChapter
}

func answerWords(ans assessment.Answer) string {
	switch ans.Kind {
	case assessment.Level:
		return fmt.Sprintf("level %d %s", ans.Level, questionnaire.LevelName(ans.Level))
	case assessment.DontKnow:
		return "don't know"
	case assessment.NotApplicable:
		return "not applicable"
	}
	return "no answer"
}

func (a *App) questionKeys() bindings {
	k := a.keys
	return bindings{
		short: []key.Binding{k.Level[0], k.DontKnow, k.NotApplicable, short(k.Prev, "←/→", "move"), k.Why, k.Note, short(k.Back, "esc", "home"), k.Help},
		full: [][]key.Binding{
			{k.Level[0], k.DontKnow, k.NotApplicable, k.Enter},
			{k.Up, k.Down, k.Prev, k.Next},
			{k.Why, k.Note, k.Results},
			{k.Back, k.Quit, k.Help},
		},
	}
}

func (a *App) viewQuestion() (string, bindings) {
	q, st := &a.quest, a.st
	question := q.current()
	mode, _ := q.l.Instrument.Mode(question.Mode)
	chapter, inChapter, ofChapter := a.quest.chapterPosition(question)
	width := min(a.width, 100)
	var b strings.Builder
	b.WriteString(st.Title.Render(fmt.Sprintf("Chapter %d of %d · %s", chapter, len(q.l.Instrument.Modes), safetext.Line(mode.Name))) +
		st.Subtle.Render(" · "+safetext.Line(mode.Group)) + "\n")
	b.WriteString(st.Subtle.Render(theme.Cut(safetext.Line(mode.Summary), width)) + "\n")
	answered := q.answered()
	total := len(q.questions)
	filled := 0.0
	if total > 0 {
		filled = 1 + 4*float64(answered)/float64(total)
	}
	b.WriteString(theme.BarCells(&filled, 0, min(30, width/3)) + fmt.Sprintf(" %d/%d answered · question %d of %d in this chapter\n\n", answered, total, inChapter, ofChapter))
	b.WriteString(st.Bold.Render(question.ID+"  "+safetext.Line(question.Title)) + "\n")
	b.WriteString(theme.Wrap(safetext.Line(question.Text), width) + "\n")
	if q.why {
		b.WriteString(st.Accent.Render(theme.Wrap("Why it matters: "+safetext.Line(question.Why), width)) + "\n")
	}
	b.WriteString("\n")
	given, has := q.answers()[question.ID]
	// One line per choice; the highlighted level shows its whole description.
	textW := max(20, width-19)
	for i := range choices {
		label, text := "", ""
		switch {
		case i < questionnaire.Levels:
			label = fmt.Sprintf("%d %-10s", i+1, questionnaire.LevelName(i+1))
			text = safetext.Line(question.Levels[i])
		case i == choiceDontKnow:
			label = "d Don't know"
		default:
			label = "a Not applicable"
			if has && given.Kind == assessment.NotApplicable {
				text = "(" + safetext.Line(given.Reason) + ")"
			}
		}
		mark := "  "
		if has && choiceOf(given) == i {
			mark = "● "
		}
		if i != q.choice {
			b.WriteString(" " + fmt.Sprintf("%s%-14s %s", mark, label, theme.Cut(text, textW)) + "\n")
			continue
		}
		lines := strings.Split(theme.Wrap(text, textW), "\n")
		b.WriteString(st.Selected.Render("▸"+fmt.Sprintf("%s%-14s %s", mark, label, lines[0])) + "\n")
		for _, l := range lines[1:] {
			b.WriteString(st.Selected.Render(strings.Repeat(" ", 18)+l) + "\n")
		}
	}
	note, evidence := given.Note, given.Evidence
	if q.pendingNote != "" || q.pendingEvidence != "" {
		note, evidence = q.pendingNote+" (saved with your answer)", q.pendingEvidence
	}
	if note != "" || evidence != "" {
		b.WriteString(st.Subtle.Render(theme.Cut("Note: "+safetext.Line(note)+"  Evidence: "+safetext.Line(evidence), width)) + "\n")
	}
	return b.String(), a.questionKeys()
}

func choiceOf(ans assessment.Answer) int {
	switch ans.Kind {
	case assessment.Level:
		return ans.Level - 1
	case assessment.DontKnow:
		return choiceDontKnow
	case assessment.NotApplicable:
		return choiceNA
	}
	return -1
}

// chapterPosition says which chapter a question is in and where in it.
func (q *questState) chapterPosition(question *questionnaire.Question) (chapter, n, of int) {
	for i, m := range q.l.Instrument.Modes {
		if m.ID != question.Mode {
			continue
		}
		for j, mq := range m.Questions {
			if mq.ID == question.ID {
				return i + 1, j + 1, len(m.Questions)
			}
		}
	}
	return 0, 0, 0
}

func (a *App) updateChapter(msg tea.KeyMsg) tea.Cmd {
	k, q := a.keys, &a.quest
	switch {
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Next):
		next := q.index + 1
		if next >= len(q.questions) {
			if a.isWorkshop() {
				return a.leaveToHome()
			}
			a.showResults()
			return nil
		}
		a.showQuestion(next)
	case key.Matches(msg, k.Prev):
		a.showQuestion(q.index)
	case key.Matches(msg, k.Results):
		a.showResultsIfRevealed()
	case key.Matches(msg, k.Back):
		return a.leaveToHome()
	}
	return nil
}

func (a *App) viewChapter() (string, bindings) {
	q, st := &a.quest, a.st
	res := q.l.Evaluation.Scorecard
	if a.isWorkshop() { // a participant sees the score of their own answers only
		res = q.l.Own(q.who).Scorecard
	}
	ms, _ := res.Mode(q.chapterMode)
	var b strings.Builder
	b.WriteString("\n" + st.Title.Render("Chapter done: "+safetext.Line(ms.Name)) + "\n\n")
	level := ms.LevelName
	if ms.Score == nil {
		level = "no score yet (no question answered with a level)"
	}
	b.WriteString(fmt.Sprintf("  Score  %s %s  %s   target %d\n", theme.BarCells(ms.Score, ms.Target, 20), theme.ScoreCell(ms.Score), level, ms.Target))
	b.WriteString(fmt.Sprintf("  Answered %d of %d applicable · %d don't know · %d unverified (level 3+ without evidence)\n\n",
		ms.Answered, ms.Applicable, ms.DontKnow, ms.Unverified))
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
	if q.index+1 < len(q.questions) {
		nq := q.questions[q.index+1]
		chapter, _, _ := a.quest.chapterPosition(nq)
		mode, _ := q.l.Instrument.Mode(nq.Mode)
		next = fmt.Sprintf("go on to chapter %d: %s", chapter, safetext.Line(mode.Name))
	}
	b.WriteString("  Press enter to " + next + ".\n")
	k := a.keys
	return b.String(), bindings{short: []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue")), k.Prev, k.Results, k.Back, k.Quit}}
}

// askReason opens the form for a not-applicable reason.
func (a *App) askReason() tea.Cmd {
	question := a.quest.current()
	var reason string
	if ans, ok := a.quest.answers()[question.ID]; ok && ans.Kind == assessment.NotApplicable {
		reason = ans.Reason
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Why does " + question.ID + " not apply?").
			Description("A reason is required: the report shows it beside the answer.").
			CharLimit(assessment.MaxReasonLen).Value(&reason),
	))
	return a.openForm(form, screenQuestion, func(a *App) tea.Cmd {
		reason = strings.TrimSpace(reason)
		if reason == "" {
			a.fail(fmt.Errorf("not saved: not applicable needs a reason"))
			return nil
		}
		return a.confirm(assessment.Answer{Kind: assessment.NotApplicable, Reason: reason})
	})
}

// askNote opens the form for a note and evidence on the current question.
func (a *App) askNote() tea.Cmd {
	q := &a.quest
	question := q.current()
	ans, has := q.answers()[question.ID]
	note, evidence := ans.Note, ans.Evidence
	if !has {
		note, evidence = q.pendingNote, q.pendingEvidence
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewText().Title("Note on "+question.ID).Description("Context for the report.").
			CharLimit(assessment.MaxNoteLen).Lines(4).ExternalEditor(false).Value(&note),
		huh.NewInput().Title("Evidence").Description("A link or document name that shows the level; answers at 3 or above without it are unverified.").
			CharLimit(assessment.MaxEvidenceLen).Value(&evidence),
	))
	return a.openForm(form, screenQuestion, func(a *App) tea.Cmd {
		note, evidence = strings.TrimSpace(note), strings.TrimSpace(evidence)
		if !has {
			q.pendingNote, q.pendingEvidence = note, evidence
			a.say("Note kept: it is saved with your answer to %s.", question.ID)
			return nil
		}
		ans.Note, ans.Evidence = note, evidence
		if err := a.save(question.ID, ans); err != nil {
			a.fail(err)
			return nil
		}
		a.say("✓ Saved the note and evidence of %s.", question.ID)
		return nil
	})
}
