package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
	"github.com/seam-dev/seam/theme"
)

// The forms the screens open (huh): each hands what was typed to a job or
// back to its screen when it completes; esc leaves it with nothing changed
// (see formScreen).

// newValues are the fields of the new-assessment form; they outlive a
// refused form, which opens again with what was typed.
type newValues struct {
	org, title, scope, instrument string
	workshop                      bool
	targets                       []int
}

// builtin is the built-in instrument, parsed once (some 25 ms) the first
// time a form needs it, not at every key that opens one. The forms only
// read it.
var builtin = sync.OnceValues(questionnaire.Default)

// openNewForm asks for a new assessment.
func (a *App) openNewForm() tea.Cmd {
	inst, err := builtin()
	if err != nil {
		a.fail(err)
		return nil
	}
	v := &newValues{targets: make([]int, len(inst.Modes))}
	for i := range v.targets {
		v.targets[i] = assessment.DefaultTarget
	}
	return a.newForm(v)
}

// newForm asks for the organization, title, kind, scope, instrument and a
// target per failure mode of the built-in instrument (a custom instrument
// with other modes keeps the default target for those).
func (a *App) newForm(v *newValues) tea.Cmd {
	inst, err := builtin()
	if err != nil {
		a.fail(err)
		return nil
	}
	about := huh.NewGroup(
		huh.NewInput().Title("Organization").Description("Whose integration strategy is assessed (required).").
			CharLimit(store.MaxNameLen).Value(&v.org),
		huh.NewInput().Title("Title").Description("For example \"Q3 self-check\" (optional).").CharLimit(store.MaxTitleLen).Value(&v.title),
		huh.NewSelect[bool]().Title("Kind").Options(huh.NewOption("Self-assessment: you answer alone", false),
			huh.NewOption("Workshop: several participants answer apart", true)).Inline(true).Value(&v.workshop),
		huh.NewText().Title("Scope").Description("What the assessment covers (optional).").CharLimit(store.MaxScopeLen).
			Lines(2).ExternalEditor(false).Value(&v.scope),
		huh.NewInput().Title("Custom instrument file").Description("Leave empty for the built-in questionnaire.").Value(&v.instrument),
	).Title("New assessment")
	var fields []huh.Field
	for i, m := range inst.Modes {
		var options []huh.Option[int]
		for l := 1; l <= questionnaire.Levels; l++ {
			options = append(options, huh.NewOption(fmt.Sprintf("%d %s", l, questionnaire.LevelName(l)), l))
		}
		fields = append(fields, huh.NewSelect[int]().Title(fmt.Sprintf("Target for %s %s", m.ID, safetext.Line(m.Name))).
			Options(options...).Inline(true).Value(&v.targets[i]))
	}
	targets := huh.NewGroup(fields...).Title("Targets").Description("The level each failure mode should reach; 4 Managed is the vanguard profile.")
	return a.openForm(huh.NewForm(about, targets), func(a *App) tea.Cmd {
		v.org, v.title, v.scope = typedLine(v.org), typedLine(v.title), typedBlock(v.scope)
		if v.org == "" {
			a.fail(errors.New("not created: the organization is required"))
			return a.newForm(v)
		}
		byMode := map[string]int{}
		for i, m := range inst.Modes {
			byMode[m.ID] = v.targets[i]
		}
		be := a.be
		n := backend.NewAssessment{Organization: v.org, Title: v.title, Scope: v.scope, Workshop: v.workshop,
			InstrumentFile: v.instrument, Targets: byMode}
		return a.start(func() tea.Msg {
			created, err := be.Create(n)
			if err != nil {
				return failed{err: fmt.Errorf("not created: %w", err), then: showNewForm{values: v}}
			}
			ev, err := be.Load(created.ID)
			if err != nil {
				return failed{err: err, then: showHome{}}
			}
			if n.Workshop {
				return openedWith(be, ev, thenSay{fmt.Sprintf("Created workshop %s. Add its participants with n.", created.ID), showWorkshop{}})
			}
			return openedWith(be, ev, thenSay{fmt.Sprintf("Created %s. Answer with 1-5; every answer is saved at once.", created.ID), showQuestion{}})
		})
	})
}

// typedLine and typedBlock clean what a person typed or pasted into a
// form: the characters that act on a terminal (see safetext) are dropped
// before the text is saved, so it reads the same on every screen and in
// every report.
func typedLine(s string) string  { return strings.TrimSpace(safetext.Line(s)) }
func typedBlock(s string) string { return strings.TrimSpace(safetext.Block(s)) }

// askReason asks why the current question does not apply, where the
// instrument allows n/a: a choice of the reasons it offers and another
// reason typed, and in a gated mode the whole chapter at once. An
// instrument that offers no reasons (one written before they existed)
// asks for the reason typed.
func (q *questionScreen) askReason(a *App) tea.Cmd {
	question := questions(a)[q.index]
	if !question.AllowsNA() {
		a.fail(errNANotOffered(question))
		return nil
	}
	var before string
	if ans, ok := given(a)[question.ID]; ok && ans.Kind == assessment.NotApplicable {
		before = safetext.Line(ans.Reason)
	}
	mode, _ := a.current.Instrument.Mode(question.Mode)
	reasons := question.NAReasons()
	if len(reasons) == 0 && !mode.Gated() {
		return q.typeReason(a, before)
	}
	// The values of the choices that are not a reason itself start with
	// a NUL, which no reason can hold (safetext drops it).
	const another, wholeChapter = "\x00another", "\x00chapter"
	var options []huh.Option[string]
	if mode.Gated() {
		options = append(options, huh.NewOption(fmt.Sprintf("The whole chapter does not apply (its %d questions): %s",
			len(mode.Questions), safetext.Line(mode.Gate)), wholeChapter))
	}
	for _, r := range reasons {
		label := safetext.Line(r)
		if mode.Gated() { // set apart from the whole chapter
			label = "Only " + question.ID + ": " + label
		}
		options = append(options, huh.NewOption(label, r))
	}
	options = append(options, huh.NewOption("Another reason…", another))
	pick := options[0].Value // the reason given before, if any, is preselected
	switch {
	case slices.Contains(reasons, before):
		pick = before
	case before != "":
		pick = another
	}
	// huh sizes a select to its options as written, before they wrap to
	// the window: give it the lines they take once wrapped.
	height := 2
	for _, o := range options {
		height += strings.Count(theme.Wrap(o.Key, max(20, min(a.width, 100)-4)), "\n") + 1
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Title("Why does " + question.ID + " not apply?").
			Description("The report shows the reason beside the answer.").Options(options...).Value(&pick).
			Height(min(height, max(5, a.bodyHeight()-2))),
	))
	return a.openForm(form, func(a *App) tea.Cmd {
		switch pick {
		case another:
			if slices.Contains(reasons, before) {
				before = ""
			}
			return q.typeReason(a, before)
		case wholeChapter:
			return q.chapterNotApplicable(a, mode)
		}
		return q.confirm(a, assessment.Answer{Kind: assessment.NotApplicable, Reason: pick})
	})
}

// typeReason asks for a not-applicable reason in the respondent's words.
func (q *questionScreen) typeReason(a *App, reason string) tea.Cmd {
	return askTypedReason(a, questions(a)[q.index].ID, reason, "the answer", func(a *App, reason string) tea.Cmd {
		return q.confirm(a, assessment.Answer{Kind: assessment.NotApplicable, Reason: reason})
	})
}

// askTypedReason asks why question qid does not apply, in the words of
// whoever answers (reason: what they gave before), and hands a reason on
// to done; an empty one is refused. beside is what the report shows it
// beside.
func askTypedReason(a *App, qid, reason, beside string, done func(a *App, reason string) tea.Cmd) tea.Cmd {
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Why does " + qid + " not apply?").
			Description("A reason is required: the report shows it beside " + beside + ".").
			CharLimit(assessment.MaxReasonLen).Value(&reason),
	))
	return a.openForm(form, func(a *App) tea.Cmd {
		reason = typedLine(reason)
		if reason == "" {
			a.fail(errors.New("not saved: not applicable needs a reason"))
			return nil
		}
		return done(a, reason)
	})
}

// chapterNotApplicable answers every question of a gated mode n/a with
// the gate as the reason, in one save, then sums up the chapter.
func (q *questionScreen) chapterNotApplicable(a *App, mode *questionnaire.Mode) tea.Cmd {
	last := q.index
	for i, question := range questions(a) {
		if question.Mode == mode.ID {
			last = i
		}
	}
	answers, err := assessment.GatedModeAnswers(a.current.Instrument, mode.ID, "")
	if err != nil {
		a.fail(fmt.Errorf("not saved: %w", err))
		return nil
	}
	// Each question keeps its note and evidence; a note typed on this
	// one before it was answered is saved with it.
	had, current := given(a), questions(a)[q.index].ID
	for qid, ans := range answers {
		ans.Note, ans.Evidence = had[qid].Note, had[qid].Evidence
		if qid == current && (q.pendingNote != "" || q.pendingEvidence != "") {
			ans.Note, ans.Evidence = q.pendingNote, q.pendingEvidence
		}
		answers[qid] = ans
	}
	be, id, who, m := a.be, a.current.ID, a.who, mode.ID
	n, gate := len(mode.Questions), safetext.Line(mode.Gate)
	return a.start(func() tea.Msg {
		ev, err := be.Answer(id, who, answers)
		if err != nil {
			return failed{err: fmt.Errorf("not saved: %w", err)}
		}
		return changed{ev: ev, status: fmt.Sprintf("✓ Saved %s as not applicable, all %d questions: %s.", m, n, gate),
			then: showChapter{mode: m, index: last}}
	})
}

// askNote opens the form for a note and evidence on the current question.
func (q *questionScreen) askNote(a *App) tea.Cmd {
	question := questions(a)[q.index]
	ans, has := given(a)[question.ID]
	note, evidence := safetext.Block(ans.Note), safetext.Line(ans.Evidence)
	if !has {
		note, evidence = q.pendingNote, q.pendingEvidence
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewText().Title("Note on "+question.ID).Description("Context for the report.").
			CharLimit(assessment.MaxNoteLen).Lines(4).ExternalEditor(false).Value(&note),
		huh.NewInput().Title("Evidence").Description("A link or document name that shows the level; answers at 3 or above without it are unverified.").
			CharLimit(assessment.MaxEvidenceLen).Value(&evidence),
	))
	return a.openForm(form, func(a *App) tea.Cmd {
		note, evidence = typedBlock(note), typedLine(evidence)
		if !has {
			q.pendingNote, q.pendingEvidence = note, evidence
			a.say("Note kept: it is saved with your answer to %s.", question.ID)
			return nil
		}
		ans.Note, ans.Evidence = note, evidence
		return q.save(a, question.ID, ans, false)
	})
}

// askParticipant adds a participant through a form.
func askParticipant(a *App) tea.Cmd {
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
	return a.openForm(form, func(a *App) tea.Cmd {
		be, id := a.be, a.current.ID
		name, role := typedLine(name), typedLine(role)
		return a.start(func() tea.Msg {
			p, ev, err := be.AddParticipant(id, store.Participant{Name: name, Role: role, Function: function})
			if err != nil {
				return failed{err: fmt.Errorf("not added: %w", err)}
			}
			return changed{ev: ev, status: fmt.Sprintf("Added %s (%s).", safetext.Line(p.Name), p.Function), then: showWorkshop{selecting: p.Name}}
		})
	})
}

// The consensus form's choices beyond the five levels.
const (
	consensusDontKnow = 6
	consensusNA       = 7
	consensusClear    = 8
)

// consensusChoice is the choice an answer is in the consensus form.
func consensusChoice(ans assessment.Answer) int {
	switch ans.Kind {
	case assessment.DontKnow:
		return consensusDontKnow
	case assessment.NotApplicable:
		return consensusNA
	}
	return ans.Level
}

// consensusWords says a consensus with its reason and note, for the
// confirmation and the status.
func consensusWords(ans assessment.Answer) string {
	w := ans.Words()
	if ans.Reason != "" {
		w += " (" + safetext.Line(ans.Reason) + ")"
	}
	if ans.Note != "" {
		return w + ", note “" + safetext.Line(ans.Note) + "”"
	}
	return w + ", no note"
}

// shownChanges is how many earlier consensus changes the form lists.
const shownChanges = 3

// openConsensus reads what the room agreed on a question before, in a
// job (the whole workshop is read for it), then opens the consensus form;
// a history that cannot be read leaves the form without it.
func openConsensus(a *App, ag assessment.QuestionAgreement) tea.Cmd {
	s, id := a.be.Store(), a.current.ID
	return a.start(func() tea.Msg {
		all, _ := s.ConsensusHistory(id)
		var history []store.ConsensusChange
		for _, c := range all {
			if c.Question == ag.Question {
				history = append(history, c)
			}
		}
		return changed{then: showConsensus{ag: ag, history: history}}
	})
}

// earlierConsensus says what the room agreed on a question before the
// consensus recorded now, latest first ("Earlier: 2 Developing, no note
// (26 Nov 14:02); cleared (26 Nov 14:05)."), or "" when nothing was;
// history is the question's, oldest first.
func earlierConsensus(history []store.ConsensusChange, had bool) string {
	mine := history
	if had && len(mine) > 0 {
		mine = mine[:len(mine)-1] // the last is the consensus recorded now
	}
	if len(mine) == 0 {
		return ""
	}
	var parts []string
	for i := len(mine) - 1; i >= 0 && len(parts) < shownChanges; i-- {
		c, when := mine[i], mine[i].At.Local().Format("2 Jan 15:04")
		if c.Cleared {
			parts = append(parts, "cleared ("+when+")")
			continue
		}
		parts = append(parts, consensusWords(c.Answer)+" ("+when+")")
	}
	more := ""
	if len(mine) > shownChanges {
		more = fmt.Sprintf("; %d before", len(mine)-shownChanges)
	}
	return "Earlier: " + strings.Join(parts, "; ") + more + "."
}

// askConsensus records what the room agreed on for a question. The form
// opens on the consensus recorded, with its note, or else on the level
// the votes score; it offers n/a (with a reason) where the instrument
// allows it, and clearing a consensus recorded. Changing or clearing one
// shows what it replaces and asks first; the history keeps every change,
// and the form says the last few (to.history, read by openConsensus).
func askConsensus(a *App, to showConsensus) tea.Cmd {
	ag := to.ag
	qid := ag.Question
	question, _ := a.current.Instrument.Question(qid)
	before, had := a.current.Consensus[qid]
	pick := 3
	var note, reason string
	switch {
	case had:
		pick, note, reason = consensusChoice(before), safetext.Line(before.Note), safetext.Line(before.Reason)
	case ag.Scored != nil:
		pick = *ag.Scored
	}
	// Each level's text takes the form's width, less huh's border and
	// cursor and the level's number.
	textW := max(20, formWidth(a, true)-8)
	var options []huh.Option[int]
	for i, text := range question.Levels {
		options = append(options, huh.NewOption(fmt.Sprintf("%d %s", i+1, theme.Cut(safetext.Line(text), textW)), i+1))
	}
	options = append(options, huh.NewOption("Don't know", consensusDontKnow))
	if question.AllowsNA() || (had && before.Kind == assessment.NotApplicable) {
		options = append(options, huh.NewOption("Not applicable (a reason is asked next)", consensusNA))
	}
	description := safetext.Line(question.Text)
	if earlier := earlierConsensus(to.history, had); earlier != "" {
		description = earlier + "\n" + description
	}
	if had {
		options = append(options, huh.NewOption("Clear the consensus: score the votes again", consensusClear))
		description = "Recorded now: " + consensusWords(before) + ".\n" + description
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewSelect[int]().Title("What did the room agree for "+qid+"?").Description(description).Options(options...).Value(&pick),
		huh.NewInput().Title("Note").Description("What the discussion concluded (shown in the report).").CharLimit(assessment.MaxNoteLen).Value(&note),
	))
	return a.openWideForm(form, func(a *App) tea.Cmd {
		note = typedLine(note)
		switch pick {
		case consensusClear:
			return confirmConsensus(a, qid, before, had, nil)
		case consensusNA:
			return askTypedReason(a, qid, reason, "the consensus", func(a *App, reason string) tea.Cmd {
				return confirmConsensus(a, qid, before, had, &assessment.Answer{Kind: assessment.NotApplicable, Reason: reason, Note: note})
			})
		case consensusDontKnow:
			return confirmConsensus(a, qid, before, had, &assessment.Answer{Kind: assessment.DontKnow, Note: note})
		}
		return confirmConsensus(a, qid, before, had, &assessment.Answer{Kind: assessment.Level, Level: pick, Note: note})
	})
}

// confirmConsensus saves a consensus (nil: clears it). Replacing or
// clearing one recorded asks first, showing both; keeping it as it was
// saves nothing.
func confirmConsensus(a *App, qid string, before assessment.Answer, had bool, ans *assessment.Answer) tea.Cmd {
	switch {
	case ans == nil && !had:
		a.say("No consensus on %s to clear: nothing changed.", qid)
		return nil
	case ans != nil && had && *ans == before:
		a.say("The consensus on %s stays %s: nothing changed.", qid, consensusWords(before))
		return nil
	case ans != nil && !had:
		return saveConsensus(a, qid, ans)
	}
	title, then := "Replace the consensus on "+qid+"?", ""
	if ans == nil {
		title, then = "Clear the consensus on "+qid+"?", "The votes score the question again."
	} else {
		then = "New: " + consensusWords(*ans) + "."
	}
	replace := false
	form := huh.NewForm(huh.NewGroup(
		huh.NewConfirm().Title(title).
			Description("Recorded now: " + consensusWords(before) + ".\n" + then + "\nThe history keeps the one replaced.").
			Affirmative("Yes, replace").Negative("No, keep it").Value(&replace),
	))
	return a.openFittedForm(form, func(a *App) tea.Cmd {
		if !replace {
			a.say("Kept the consensus on %s: %s.", qid, consensusWords(before))
			return nil
		}
		return saveConsensus(a, qid, ans)
	})
}

// saveConsensus records a consensus, or clears it when ans is nil.
func saveConsensus(a *App, qid string, ans *assessment.Answer) tea.Cmd {
	be, id := a.be, a.current.ID
	return a.start(func() tea.Msg {
		if ans == nil {
			ev, err := be.ClearConsensus(id, qid)
			if err != nil {
				return failed{err: fmt.Errorf("not cleared: %w", err)}
			}
			return changed{ev: ev, status: fmt.Sprintf("✓ Cleared the consensus on %s: the votes score it again.", qid)}
		}
		ev, err := be.RecordConsensus(id, qid, *ans)
		if err != nil {
			return failed{err: fmt.Errorf("not saved: %w", err)}
		}
		return changed{ev: ev, status: fmt.Sprintf("✓ Recorded the consensus on %s: %s. The votes stay as they were.", qid, ans.Words())}
	})
}
