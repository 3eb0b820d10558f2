package tui

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// Following an assessment up: the form, the chain on the title bar, last
// time's answers on each question.

func defaultInstrument(t testing.TB) *questionnaire.Instrument {
	t.Helper()
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	return inst
}

func legacyInstrument(t testing.TB) *questionnaire.Instrument {
	t.Helper()
	// testdata is absolute: the golden views run in a directory of their own
	inst, err := questionnaire.Load(filepath.Join(testdata, "..", "..", "questionnaire", "testdata", "default-1.0.1.yaml"))
	require.NoError(t, err)
	return inst
}

// followUpFixture stores a self-assessment on inst, m1.q1 answered 2 with
// a note and m1.q2 don't know, and its follow-up on the newest version
// of the instrument; home lists both.
func followUpFixture(t testing.TB, a *App, inst *questionnaire.Instrument) (prev, next string) {
	t.Helper()
	s := a.be.Store()
	prev = createOn(t, s, "Acme Logistics", inst)
	require.NoError(t, saved(s.SaveAnswers(prev, "", map[string]assessment.Answer{
		"m1.q1": {Kind: assessment.Level, Level: 2, Note: "owners named for two domains"},
		"m1.q2": {Kind: assessment.DontKnow},
	})))
	f, err := s.Reassess(prev, store.ReassessOptions{})
	require.NoError(t, err)
	goHome(a)
	return prev, f.ID
}

// highlight moves home's cursor onto assessment id.
func highlight(t testing.TB, a *App, id string) {
	t.Helper()
	at := slices.IndexFunc(a.home.list, func(sm store.Summary) bool { return sm.ID == id })
	require.GreaterOrEqual(t, at, 0, "%s is listed", id)
	for a.home.cursor < at {
		press(a, "down")
	}
	for a.home.cursor > at {
		press(a, "up")
	}
}

func ptr[T any](v T) *T { return &v }

func TestFollowingUpFromHome(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	prev := create101(t, a.be.Store(), "Acme Logistics")
	goHome(a)
	press(a, "R")
	f := on[*formScreen](t, a)
	assert.Contains(t, a.View(), "The same as last time, seam-integration-strategy 1.0.1", "a newer version is there: which one is asked")
	v := f.values.(*reassessValues)
	assert.Equal(t, reassessValues{title: "Q3 check", start: true}, *v, "the title is kept")

	v.title = "Q4 check"
	submit(a, f)
	require.Empty(t, a.err)
	q := on[*questionScreen](t, a)
	assert.Equal(t, 0, q.index)
	next := a.current.ID
	assert.NotEqual(t, prev, next)
	assert.Equal(t, prev, a.current.Previous)
	assert.Equal(t, "Q4 check", a.current.Title)
	assert.Equal(t, "1.1.0", a.current.Instrument.Version, "the newest version")
	assert.Equal(t, "Started follow-up "+next+" of "+prev+", on seam-integration-strategy 1.1.0 (was 1.0.1): carried over the organisation, scope, targets, capacity "+
		"and the respondent; not carried over: answers (0 questions answered), baseline figures (0) and actions (0, which stay with "+prev+").", a.status,
		"what was carried over, as seam reassess says it; the title was changed")
	assert.Contains(t, strings.Split(a.View(), "\n")[0], "Acme Logistics · follow-up 2 of 2 · questionnaire")

	// The one followed up already: one line naming its follow-up.
	press(a, "esc")
	highlight(t, a, prev)
	press(a, "R")
	assert.Equal(t, "home", kind(a))
	assert.Equal(t, prev+" already has a follow-up, "+next+": follow up that one (R on it)", a.err)

	// Cancelled: nothing created.
	highlight(t, a, next)
	press(a, "R")
	f = on[*formScreen](t, a)
	assert.NotContains(t, a.View(), "Instrument", "on the newest version: nothing to ask")
	f.values.(*reassessValues).start = false
	submit(a, f)
	assert.Equal(t, "Cancelled: nothing changed.", a.status)
	list, err := a.be.Store().List()
	require.NoError(t, err)
	assert.Len(t, list, 2)
}

func TestAFollowUpOnTheSameInstrumentAndOfAWorkshop(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	prev := create101(t, a.be.Store(), "Acme Logistics")
	goHome(a)
	press(a, "R")
	f := on[*formScreen](t, a)
	f.values.(*reassessValues).same = true
	submit(a, f)
	require.Empty(t, a.err)
	assert.Equal(t, "1.0.1", a.current.Instrument.Version)
	assert.Equal(t, prev, a.current.Previous)

	workshopFixture(t, a)
	w := a.home.list[0].ID
	highlight(t, a, w)
	press(a, "enter", "R")
	submit(a, on[*formScreen](t, a))
	require.Empty(t, a.err)
	assert.Equal(t, "participants", kind(a), "a workshop's follow-up opens on its participants")
	assert.Len(t, a.current.Participants, 3)
	assert.Contains(t, a.status, "carried over the organisation, title, scope, targets, capacity and 3 participants;")
	assert.Contains(t, a.status, "Choose who answers")
}

// At 80 columns the status says all that was carried over, as seam
// reassess does, and the question keeps its levels.
func TestAFollowUpSaysWhatWasCarriedOverWithinTheWindow(t *testing.T) {
	a := newApp(t, openStore(t), 80, 24)
	_, err := a.be.AddDemo()
	require.NoError(t, err)
	goHome(a)
	highlight(t, a, "dem2se")
	press(a, "R")
	submit(a, on[*formScreen](t, a))
	require.Empty(t, a.err)
	view := a.View()
	assert.Contains(t, strings.Join(strings.Fields(view), " "), "Started follow-up "+a.current.ID+" of dem2se, on seam-integration-strategy 1.1.0: "+
		"carried over the organisation, title, scope, targets, capacity and the respondent; not carried over: answers (41 questions answered), "+
		"baseline figures (6) and actions (0, which stay with dem2se).")
	assert.Contains(t, view, "5 Optimizing", "the last level still shows")
	assert.Len(t, strings.Split(view, "\n"), 24)
}

func TestTheChainIsOnEveryScreenAndFollowsAnotherTerminal(t *testing.T) {
	a := newApp(t, openStore(t), 120, 40)
	prev, next := followUpFixture(t, a, defaultInstrument(t))
	title := func() string { return strings.Split(a.View(), "\n")[0] }

	highlight(t, a, prev)
	press(a, "r")
	assert.Equal(t, "seam · Acme Logistics · 1 of 2 · followed up by "+next+" · results", title())
	press(a, "A")
	assert.Contains(t, title(), "1 of 2 · followed up by "+next+" · actions")
	press(a, "esc")
	press(a, "p")
	assert.Contains(t, title(), "1 of 2 · followed up by "+next+" · report")

	goHome(a)
	highlight(t, a, next)
	press(a, "enter")
	assert.Contains(t, title(), "follow-up 2 of 2 · questionnaire")

	// A third, started on another terminal, shows within the app's look.
	third, err := a.be.Store().Reassess(next, store.ReassessOptions{})
	require.NoError(t, err)
	a.Update(refreshDue{gen: a.refreshGen})
	drain(a)
	assert.Contains(t, title(), "follow-up 2 of 3 · followed up by "+third.ID+" · questionnaire")

	// An assessment on its own says nothing of a chain.
	goHome(a)
	alone := create(t, a.be.Store(), "Other Org")
	goHome(a)
	highlight(t, a, alone)
	press(a, "r")
	assert.Equal(t, "seam · Other Org · results", title())
}

func TestLastTimesAnswerIsShownButNotChosen(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	_, next := followUpFixture(t, a, defaultInstrument(t))
	highlight(t, a, next)
	press(a, "enter")
	q := on[*questionScreen](t, a)
	view := a.View()
	assert.Contains(t, view, "Last time: 2 Developing, note “owners named for two domains”")
	assert.NotContains(t, view, "●", "nothing is marked as given")
	assert.Equal(t, 0, q.choice, "the cursor is where it is on any new question, not on last time's level")
	press(a, "4")
	assert.Contains(t, a.View(), "Last time: don't know", "m1.q2")
	press(a, "right")
	assert.Contains(t, a.View(), "Last time: not answered.", "m1.q3")
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 4}}, answersOf(t, a.be.Store(), next),
		"only what was answered now is saved")
}

func TestAQuestionChangedOrNewSinceLastTimeSaysSo(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	_, next := followUpFixture(t, a, legacyInstrument(t)) // 1.0.1, followed up on 1.1.0
	highlight(t, a, next)
	press(a, "enter")
	view := a.View()
	assert.Contains(t, view, "Changed since last time: its text or levels were reworded")
	assert.NotContains(t, view, "Last time: 2", "a reworded question's old answer would not mean the same")
	i := slices.IndexFunc(questions(a), func(q *questionnaire.Question) bool { return q.ID == "m1.q7" })
	a.Update(showQuestion{index: i})
	assert.Contains(t, a.View(), "New since last time")
}

func TestAWorkshopParticipantSeesTheirOwnAnswerOfLastTime(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	workshopFixture(t, a) // Ann, Bo and Cy answered chapter 1
	prev := a.home.list[0].ID
	s := a.be.Store()
	f, err := s.Reassess(prev, store.ReassessOptions{})
	require.NoError(t, err)
	_, err = s.AddParticipant(f.ID, store.Participant{Name: "Dee", Function: "it"})
	require.NoError(t, err)
	l, err := s.Load(prev)
	require.NoError(t, err)
	bo := l.AnswersOf("Bo")["m1.q1"]
	goHome(a)
	highlight(t, a, f.ID)
	press(a, "enter", "down", "enter") // Bo answers
	require.Equal(t, "Bo", a.who)
	assert.Contains(t, a.View(), "Last time: "+answerWords(bo))
	press(a, "esc", "enter")
	a.Update(showWorkshop{selecting: "Dee"})
	press(a, "enter")
	require.Equal(t, "Dee", a.who)
	assert.NotContains(t, a.View(), "Last time", "Dee took no part last time")
}

func TestLastTimeKeepsTheQuestionWithinTheWindow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {80, 18}, {200, 60}} {
		a := newApp(t, openStore(t), size[0], size[1])
		id := createOn(t, a.be.Store(), "Acme", defaultInstrument(t))
		require.NoError(t, saved(a.be.Store().SaveAnswers(id, "", map[string]assessment.Answer{
			"m5.q2": {Kind: assessment.Level, Level: 3, Note: strings.Repeat("a long note that goes on ", 20)},
		})))
		f, err := a.be.Store().Reassess(id, store.ReassessOptions{})
		require.NoError(t, err)
		goHome(a)
		highlight(t, a, f.ID)
		press(a, "enter")
		i := slices.IndexFunc(questions(a), func(q *questionnaire.Question) bool { return q.ID == "m5.q2" })
		a.Update(showQuestion{index: i}) // the longest level texts
		press(a, "w", "f")
		view := a.View()
		lines := strings.Split(view, "\n")
		assert.Len(t, lines, size[1], "%v: the view fills the window exactly", size)
		for i, l := range lines {
			assert.LessOrEqual(t, lipgloss.Width(l), size[0], "%v line %d", size, i)
		}
		assert.Contains(t, view, "Last time: 3 Defined, note “a long note", "%v: never dropped", size)
	}
}

func TestAccessibleFollowUpSaysLastTime(t *testing.T) {
	s := openStore(t)
	a := newApp(t, s, 80, 24)
	_, next := followUpFixture(t, a, defaultInstrument(t))
	var out strings.Builder
	// Choose the follow-up (after "Start a new assessment"), skip the
	// baseline (an empty line), stop at the first question (8).
	list, err := s.List()
	require.NoError(t, err)
	at := slices.IndexFunc(list, func(sm store.Summary) bool { return sm.ID == next })
	err = RunAccessible(a.be, strings.NewReader(strconv.Itoa(at+2)+"\n\n8\n"), &out)
	require.NoError(t, err, out.String())
	assert.Contains(t, out.String(), "Question m1.q1")
	assert.Contains(t, out.String(), "Last time: 2 Developing, note “owners named for two domains”")
	assert.Empty(t, answersOf(t, s, next), "last time's answer is not given for them")
}
