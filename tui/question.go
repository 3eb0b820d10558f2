package tui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// Choices below the five levels.
const (
	choiceDontKnow = questionnaire.Levels     // index 5
	choiceNA       = questionnaire.Levels + 1 // index 6, where the instrument allows n/a
	choices        = questionnaire.Levels + 2
)

// choiceCount is how many choices a question offers: the five levels,
// don't know, and not applicable only where the instrument allows it (or
// where an n/a given before, say in an imported bundle, is to be shown).
func choiceCount(q *questionnaire.Question, given assessment.Answer) int {
	if q.AllowsNA() || given.Kind == assessment.NotApplicable {
		return choices
	}
	return choices - 1
}

// answeringRule is the rule the question screen and the accessible
// prompts state under every question: levels are cumulative.
const answeringRule = "Pick the highest level that is fully true today."

// errNANotOffered says why a not applicable is refused, and what to do.
func errNANotOffered(q *questionnaire.Question) error {
	//lint:ignore ST1005 it is shown on its own as a sentence on the screen
	return fmt.Errorf("Not applicable is not offered for %s: pick a level 1-5, or d if you don't know", q.ID)
}

// errHidden is said to a workshop participant asking for results early.
var errHidden = errors.New("results stay hidden until the facilitator reveals them")

// questionScreen shows one question of the open assessment.
type questionScreen struct {
	index  int // in questions(a)
	choice int // the highlighted choice
	why    bool
	// evidence shows what would prove a level under it (e).
	evidence bool
	// A note and evidence typed before the question was answered; they
	// are saved with the answer.
	pendingNote, pendingEvidence string
	// saving is set while an answer is being committed; keys typed
	// meanwhile wait (see session.busy).
	saving bool
}

func (q *questionScreen) name() string { return "questionnaire" }

// questions lists the open assessment's questions in the instrument's order.
func questions(a *App) []*questionnaire.Question { return a.current.Instrument.Questions() }

// given is the participant's answers by question id.
func given(a *App) map[string]assessment.Answer { return a.current.AnswersOf(a.who) }

// revisitIndex is where going back to the questions from the results
// lands: the first unanswered question, else the first don't-know (the
// answers still to find out), else the first question.
func revisitIndex(a *App) int {
	answers := given(a)
	dontKnow := -1
	for n, q := range questions(a) {
		ans, ok := answers[q.ID]
		if !ok {
			return n
		}
		if ans.Kind == assessment.DontKnow && dontKnow < 0 {
			dontKnow = n
		}
	}
	return max(0, dontKnow)
}

// openQuestion shows a question, or with resume the first one the
// participant has not answered; with every question answered, the results
// (a workshop participant goes back to the participants).
func (a *App) openQuestion(to showQuestion) tea.Cmd {
	all := questions(a)
	i := to.index
	if to.resume {
		answers := given(a)
		i = -1
		for n, q := range all {
			if _, ok := answers[q.ID]; !ok {
				i = n
				break
			}
		}
		if i < 0 {
			if a.isWorkshop() {
				a.say("%s has answered every question.", safetext.Line(a.who))
				return a.navigate(showWorkshop{})
			}
			a.say("Every question is answered: here are the results.")
			return a.navigate(showResults{})
		}
	}
	i = max(0, min(i, len(all)-1))
	q := &questionScreen{index: i}
	if ans, ok := given(a)[all[i].ID]; ok {
		q.choice = max(0, choiceOf(ans))
	}
	a.screen = q
	return nil
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

// message takes the answer the database has saved.
func (q *questionScreen) message(a *App, msg tea.Msg) tea.Cmd {
	if saved, ok := msg.(answerSaved); ok {
		return q.saved(a, saved)
	}
	return nil
}

func (q *questionScreen) key(a *App, msg tea.KeyMsg) tea.Cmd {
	k, all := a.keys, questions(a)
	for i, b := range k.Level {
		if key.Matches(msg, b) {
			q.choice = i
			return q.confirm(a, assessment.Answer{Kind: assessment.Level, Level: i + 1})
		}
	}
	question := all[q.index]
	n := choiceCount(question, given(a)[question.ID])
	switch {
	case key.Matches(msg, k.Up):
		q.choice = (q.choice + n - 1) % n
	case key.Matches(msg, k.Down):
		q.choice = (q.choice + 1) % n
	case key.Matches(msg, k.Prev):
		if q.index > 0 {
			return a.navigate(showQuestion{index: q.index - 1})
		}
	case key.Matches(msg, k.Next):
		if q.index < len(all)-1 {
			return a.navigate(showQuestion{index: q.index + 1})
		}
	case key.Matches(msg, k.Why):
		q.why = !q.why
	case key.Matches(msg, k.Evidence):
		q.evidence = !q.evidence
	case key.Matches(msg, k.FullLevels):
		a.fullLevels = !a.fullLevels
	case key.Matches(msg, k.DontKnow):
		q.choice = choiceDontKnow
		return q.confirm(a, assessment.Answer{Kind: assessment.DontKnow})
	case key.Matches(msg, k.NotApplicable):
		if !question.AllowsNA() {
			a.fail(errNANotOffered(question))
			return nil
		}
		q.choice = choiceNA
		return q.askReason(a)
	case key.Matches(msg, k.Note):
		return q.askNote(a)
	case key.Matches(msg, k.Results):
		return resultsIfRevealed(a)
	case key.Matches(msg, k.Chapters):
		return a.navigate(showChapters{at: currentChapter(a)})
	case key.Matches(msg, k.Back):
		return leave(a)
	case key.Matches(msg, k.Enter):
		switch q.choice {
		case choiceDontKnow:
			return q.confirm(a, assessment.Answer{Kind: assessment.DontKnow})
		case choiceNA:
			return q.askReason(a)
		default:
			return q.confirm(a, assessment.Answer{Kind: assessment.Level, Level: q.choice + 1})
		}
	}
	return nil
}

// leave goes back to the list of assessments, or for a workshop to its
// participants.
func leave(a *App) tea.Cmd {
	if a.isWorkshop() {
		a.say("Every confirmed answer is saved.")
		return a.navigate(showWorkshop{selecting: a.who})
	}
	a.say("Every confirmed answer is saved. Press enter on an assessment to resume.")
	return a.navigate(showHome{})
}

// resultsIfRevealed shows the results, except to a workshop participant
// before the facilitator has revealed them.
func resultsIfRevealed(a *App) tea.Cmd {
	if a.isWorkshop() && !a.revealed() {
		a.fail(errHidden)
		return nil
	}
	return a.navigate(showResults{})
}

// confirm saves an answer to the current question, keeping its note and
// evidence, and moves on once the database has committed it.
func (q *questionScreen) confirm(a *App, ans assessment.Answer) tea.Cmd {
	question := questions(a)[q.index]
	if old, had := given(a)[question.ID]; had {
		ans.Note, ans.Evidence = old.Note, old.Evidence
	}
	if q.pendingNote != "" || q.pendingEvidence != "" {
		ans.Note, ans.Evidence = q.pendingNote, q.pendingEvidence
	}
	return q.save(a, question.ID, ans, true)
}

// save starts committing one answer.
func (q *questionScreen) save(a *App, qid string, ans assessment.Answer, advance bool) tea.Cmd {
	q.saving = true
	be, id, who := a.be, a.current.ID, a.who
	return a.start(func() tea.Msg {
		ev, err := be.Answer(id, who, map[string]assessment.Answer{qid: ans})
		return answerSaved{ev: ev, err: err, question: qid, answer: ans, advance: advance}
	})
}

// saved takes the committed answer: only now does the screen say so.
func (q *questionScreen) saved(a *App, msg answerSaved) tea.Cmd {
	q.saving = false
	if msg.err != nil {
		a.fail(msg.err)
		return nil
	}
	a.current = msg.ev
	q.pendingNote, q.pendingEvidence = "", ""
	if !msg.advance {
		a.say("✓ Saved the note and evidence of %s.", msg.question)
		return nil
	}
	a.say("✓ Saved %s: %s.", msg.question, msg.answer.Words())
	all := questions(a)
	cur := all[q.index]
	if q.index+1 < len(all) && all[q.index+1].Mode == cur.Mode {
		return a.navigate(showQuestion{index: q.index + 1})
	}
	return a.navigate(showChapter{mode: cur.Mode, index: q.index})
}

func (q *questionScreen) keys(a *App) bindings {
	k := a.keys
	na := k.NotApplicable // offered only where the instrument allows n/a
	na.SetEnabled(questions(a)[q.index].AllowsNA())
	ev := k.Evidence // offered where the instrument names evidence
	ev.SetEnabled(len(questions(a)[q.index].Evidence) > 0)
	return bindings{
		// esc goes home on every screen; its place here is taken by the
		// evidence key, so that the line fits 80 columns.
		short: []key.Binding{k.Level[0], k.DontKnow, na, short(k.Prev, "←/→", "move"), k.Why, short(ev, "e", "proof"), k.Note, k.Help},
		full: [][]key.Binding{
			{k.Level[0], k.DontKnow, na, k.Enter},
			{k.Up, k.Down, k.Prev, k.Next},
			{k.Why, ev, k.FullLevels, k.Note, k.Results, k.Chapters},
			{short(k.Back, "esc", "home"), k.Quit, k.Help},
		},
	}
}

// line is a line of a screen's body; a screen too short for all of them
// drops those with the lowest drop first (0: never dropped).
type line struct {
	text string
	drop int
}

func (q *questionScreen) view(a *App) (string, bindings) {
	st, all := a.st, questions(a)
	question := all[q.index]
	inst := a.current.Instrument
	mode, _ := inst.Mode(question.Mode)
	chapter, inChapter, ofChapter := chapterPosition(a, question)
	width := min(a.width, 100)
	var head []line
	add := func(lines *[]line, drop int, text string) {
		for _, l := range strings.Split(text, "\n") {
			*lines = append(*lines, line{l, drop})
		}
	}
	add(&head, 0, st.Title.Render(fmt.Sprintf("Chapter %d of %d · %s", chapter, len(inst.Modes), safetext.Line(mode.Name)))+
		st.Subtle.Render(" · "+safetext.Line(mode.Group)))
	add(&head, 1, st.Subtle.Render(theme.Cut(safetext.Line(mode.Summary), width)))
	answers := given(a)
	answered, total := len(answers), len(all)
	filled := 0.0
	if total > 0 {
		filled = 1 + 4*float64(answered)/float64(total)
	}
	add(&head, 6, theme.BarCells(&filled, 0, min(30, width/3))+fmt.Sprintf(" %d/%d answered · question %d of %d in this chapter", answered, total, inChapter, ofChapter))
	add(&head, 4, "")
	add(&head, 0, st.Bold.Render(question.ID+"  "+safetext.Line(question.Title)))
	add(&head, 0, theme.Wrap(safetext.Line(question.Text), width))
	if q.why {
		add(&head, 0, st.Accent.Render(theme.Wrap("Why it matters: "+safetext.Line(question.Why), width)))
	}
	for _, t := range question.Terms() {
		add(&head, 2, st.Subtle.Render(theme.Wrap("“"+safetext.Line(t.Term)+"”: "+safetext.Line(t.Meaning), width)))
	}
	// Last time's answer is never dropped: a follow-up is answered
	// against it.
	if l := a.last.line(question, a.who); l != "" {
		add(&head, 0, st.Accent.Render(theme.Cut(l, width)))
	}
	add(&head, 5, st.Subtle.Render(answeringRule))
	if n, of := a.current.Recorded(); q.index == 0 && of > 0 && n == 0 {
		add(&head, 2, st.Subtle.Render(theme.Cut("Optional: g lists the chapters, with a baseline of your own figures first.", width)))
	}
	add(&head, 3, "")

	ans, has := answers[question.ID]
	// One line per choice, cut to the width; the highlighted level, or
	// with f every level, shows its whole description.
	const indent = 18 // the cursor, the mark and the label before a text
	// The levels take the whole window: they are what is read and
	// compared (the prose above keeps a readable measure).
	textW := max(20, a.width-indent-1)
	var choiceLines []string
	top, bottom, cut := 0, 0, false
	for i := range choiceCount(question, ans) {
		label, text := "", ""
		switch {
		case i < questionnaire.Levels:
			label = fmt.Sprintf("%d %-10s", i+1, questionnaire.LevelName(i+1))
			text = safetext.Line(question.Levels[i])
		case i == choiceDontKnow:
			label = "d Don't know"
		default:
			label = "a Not applicable"
			if has && ans.Kind == assessment.NotApplicable {
				text = "(" + safetext.Line(ans.Reason) + ")"
			}
		}
		mark := "  "
		if has && choiceOf(ans) == i {
			mark = "● "
		}
		cursor, style := " ", func(s string) string { return s }
		if i == q.choice {
			cursor, style = "▸", func(s string) string { return st.Selected.Render(s) }
			top = len(choiceLines)
		}
		if i != q.choice && !a.fullLevels {
			cut = cut || lipgloss.Width(text) > textW
			choiceLines = append(choiceLines, style(fmt.Sprintf("%s%s%-14s %s", cursor, mark, label, theme.Cut(text, textW))))
		} else {
			wrapped := strings.Split(theme.Wrap(text, textW), "\n")
			choiceLines = append(choiceLines, style(fmt.Sprintf("%s%s%-14s %s", cursor, mark, label, wrapped[0])))
			for _, l := range wrapped[1:] {
				choiceLines = append(choiceLines, style(strings.Repeat(" ", indent)+l))
			}
		}
		if ev := question.EvidenceFor(i + 1); q.evidence && ev != "" && (i == q.choice || a.fullLevels) {
			for _, l := range strings.Split(theme.Wrap("Evidence: "+safetext.Line(ev), textW), "\n") {
				choiceLines = append(choiceLines, st.Accent.Render(strings.Repeat(" ", indent)+l))
			}
		}
		if i == q.choice {
			bottom = len(choiceLines)
		}
	}

	var foot []line
	note, evidence := ans.Note, ans.Evidence
	if q.pendingNote != "" || q.pendingEvidence != "" {
		note, evidence = q.pendingNote+" (saved with your answer)", q.pendingEvidence
	}
	if note != "" || evidence != "" {
		add(&foot, 0, st.Subtle.Render(theme.Cut("Note: "+safetext.Line(note)+"  Evidence: "+safetext.Line(evidence), width)))
	}
	switch {
	case q.saving:
		add(&foot, 0, st.Subtle.Render("Saving…"))
	case cut:
		add(&foot, 2, st.Subtle.Render("   f shows every level in full"))
	case a.fullLevels:
		add(&foot, 2, st.Subtle.Render("   f shows one line per level"))
	case !q.evidence && len(question.Evidence) > 0:
		add(&foot, 2, st.Subtle.Render("   e shows the evidence that would prove a level"))
	}

	// Too tall for the window: drop what can go, then show the part of
	// the choices around the highlighted one.
	height := a.roomLeft()
	for drop := 1; len(head)+len(choiceLines)+len(foot) > height && drop <= 6; drop++ {
		head, foot = keep(head, drop), keep(foot, drop)
	}
	choiceLines = window(choiceLines, top, bottom, height-len(head)-len(foot), st)

	var b strings.Builder
	for _, l := range head {
		b.WriteString(l.text + "\n")
	}
	for _, l := range choiceLines {
		b.WriteString(l + "\n")
	}
	for _, l := range foot {
		b.WriteString(l.text + "\n")
	}
	return b.String(), q.keys(a)
}

// keep drops the lines of drop level drop.
func keep(lines []line, drop int) []line {
	var out []line
	for _, l := range lines {
		if l.drop != drop {
			out = append(out, l)
		}
	}
	return out
}

// window shows at most height of lines, with lines[top:bottom] (the
// highlighted choice) among them and a mark where lines are left out
// above or below.
func window(lines []string, top, bottom, height int, st theme.Palette) []string {
	height = max(3, height)
	if len(lines) <= height {
		return lines
	}
	place := func(n int) int {
		start := max(0, bottom-n)
		start = min(start, top)
		return max(0, min(start, len(lines)-n))
	}
	n := height - 1
	start := place(n)
	if start > 0 && start+n < len(lines) {
		n = height - 2
		start = place(n)
	}
	var out []string
	if start > 0 {
		out = append(out, st.Subtle.Render(fmt.Sprintf("   ↑ %d more lines above", start)))
	}
	out = append(out, lines[start:start+n]...)
	if rest := len(lines) - start - n; rest > 0 {
		out = append(out, st.Subtle.Render(fmt.Sprintf("   ↓ %d more lines below", rest)))
	}
	return out
}

// chapterPosition says which chapter a question is in and where in it.
func chapterPosition(a *App, question *questionnaire.Question) (chapter, n, of int) {
	inst := a.current.Instrument
	chapter = inst.ModeNumber(question.Mode)
	m, _ := inst.Mode(question.Mode)
	for j, mq := range m.Questions {
		if mq.ID == question.ID {
			return chapter, j + 1, len(m.Questions)
		}
	}
	return chapter, 0, len(m.Questions)
}
