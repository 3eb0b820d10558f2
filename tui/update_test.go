package tui

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// onQuestion is an app showing the second question of a fresh assessment,
// the first answered with 3.
func onQuestion(t *testing.T) (*App, string) {
	t.Helper()
	s := openStore(t)
	id := create(t, s, "Acme")
	a := newApp(t, s, 80, 24)
	press(a, "enter", "3")
	require.Equal(t, 1, on[*questionScreen](t, a).index)
	return a, id
}

func TestQuestionKeys(t *testing.T) {
	tests := []struct {
		keys   []string
		screen string
		index  int // of the question shown, or under the form
		choice int
		why    bool
		saved  map[string]assessment.Answer // answers to m1.q2 expected on disk
	}{
		{keys: []string{"4"}, screen: "question", index: 2, saved: map[string]assessment.Answer{"m1.q2": {Kind: assessment.Level, Level: 4}}},
		{keys: []string{"down", "down", "enter"}, screen: "question", index: 2, saved: map[string]assessment.Answer{"m1.q2": {Kind: assessment.Level, Level: 3}}},
		{keys: []string{"j", "k", "k"}, screen: "question", index: 1, choice: choiceDontKnow}, // m1.q2 offers no n/a
		{keys: []string{"d"}, screen: "question", index: 2, saved: map[string]assessment.Answer{"m1.q2": {Kind: assessment.DontKnow}}},
		{keys: []string{"a"}, screen: "question", index: 1}, // refused: see TestNotApplicableIsOfferedOnlyWhereAllowed
		{keys: []string{"w"}, screen: "question", index: 1, why: true},
		{keys: []string{"w", "w"}, screen: "question", index: 1},
		{keys: []string{"left"}, screen: "question", index: 0, choice: 2},
		{keys: []string{"left", "left"}, screen: "question", index: 0, choice: 2},
		{keys: []string{"right"}, screen: "question", index: 2},
		{keys: []string{"l", "h"}, screen: "question", index: 1},
		{keys: []string{"n"}, screen: "form", index: 1},
		{keys: []string{"r"}, screen: "results", index: 1},
		{keys: []string{"esc"}, screen: "home", index: 1},
		{keys: []string{"z"}, screen: "question", index: 1},
	}
	for _, tc := range tests {
		t.Run(fmtKeys(tc.keys), func(t *testing.T) {
			a, id := onQuestion(t)
			press(a, tc.keys...)
			require.Equal(t, tc.screen, kind(a), "screen")
			q, ok := a.screen.(*questionScreen)
			if f, isForm := a.screen.(*formScreen); isForm {
				q, ok = f.back.(*questionScreen)
			}
			if ok {
				assert.Equal(t, tc.index, q.index, "question")
			}
			if tc.screen == "question" {
				assert.Equal(t, tc.choice, q.choice, "highlighted choice")
				assert.Equal(t, tc.why, q.why, "why it matters shown")
			}
			got := answersOf(t, a.be.Store(), id)
			delete(got, "m1.q1")
			if tc.saved == nil {
				tc.saved = map[string]assessment.Answer{}
			}
			assert.Equal(t, tc.saved, got, "answers on disk")
		})
	}
}

func fmtKeys(keys []string) string {
	s := ""
	for _, k := range keys {
		s += k + " "
	}
	return s
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		a, _ := onQuestion(t)
		cmd := press(a, k)
		require.NotNil(t, cmd, k)
		assert.IsType(t, tea.QuitMsg{}, cmd(), k)
	}
}

func TestEscCancelsAFormAndChangesNothing(t *testing.T) {
	a, id := onQuestion(t)
	press(a, "n")
	for _, r := range "half a note" {
		a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	press(a, "esc")
	assert.Empty(t, on[*questionScreen](t, a).pendingNote)
	assert.Equal(t, assessment.Answer{Kind: assessment.Level, Level: 3}, answersOf(t, a.be.Store(), id)["m1.q1"])
}

func TestResumeGoesToTheFirstUnansweredQuestion(t *testing.T) {
	s := openStore(t)
	id := create(t, s, "Acme")
	require.NoError(t, saved(s.SaveAnswers(id, "", map[string]assessment.Answer{
		"m1.q1": {Kind: assessment.Level, Level: 2}, "m1.q2": {Kind: assessment.DontKnow}, "m1.q4": {Kind: assessment.Level, Level: 3},
	})))
	a := newApp(t, s, 80, 24)
	press(a, "enter")
	assert.Equal(t, "m1.q3", questions(a)[on[*questionScreen](t, a).index].ID)
}

func TestHomeKeys(t *testing.T) {
	a := newApp(t, openStore(t), 80, 24)
	press(a, "enter", "r", "p", "D", "down", "up")
	assert.Equal(t, "home", kind(a), "with nothing listed, these keys do nothing")
	press(a, "n")
	assert.Equal(t, "form", kind(a))
	press(a, "esc")
	assert.Equal(t, "home", kind(a))

	create(t, a.be.Store(), "First")
	second := create(t, a.be.Store(), "Second")
	goHome(a)
	require.Len(t, a.home.list, 2)
	press(a, "down", "down", "up")
	assert.Equal(t, 0, a.home.cursor)
	press(a, "down", "D", "n")
	assert.Equal(t, "home", kind(a))
	require.Len(t, a.home.list, 2, "n keeps the assessment")
	press(a, "D", "y")
	assert.Equal(t, "home", kind(a))
	require.Len(t, a.home.list, 1, "the list is read again after deleting")
	assert.Equal(t, second, a.home.list[0].ID, "the selected row (the older one, listed second) was deleted")
}

func TestResultsExplainTheSelectedRow(t *testing.T) {
	a, _ := onQuestion(t)
	press(a, "r")
	r := on[*resultsScreen](t, a)
	require.Equal(t, "overall", r.rows[r.cursor].Subject)
	press(a, "down", "x")
	require.NotNil(t, r.explain)
	assert.Equal(t, "m1", r.explain.Subject)
	press(a, "x")
	assert.Nil(t, r.explain, "x again closes it")
	press(a, "up", "up")
	assert.Equal(t, "overall", r.rows[r.cursor].Subject, "the cursor skips headings and stops at the top")
}

func TestUserTextIsDrawnWithoutEscapes(t *testing.T) {
	s := openStore(t)
	create(t, s, "Evil\x1b[2J\x1b]0;pwned\x07Corp")
	a := newApp(t, s, 100, 30)
	view := a.View()
	assert.NotContains(t, view, "\x1b")
	assert.NotContains(t, view, "\x07")
	assert.Contains(t, view, "EvilCorp")
}

// TestTheWorkshopRefreshStopsWithItsScreen delivers a refresh asked for by
// a screen the user has left, and one older than what a save returned.
func TestTheWorkshopRefreshStopsWithItsScreen(t *testing.T) {
	s := openStore(t)
	a := newApp(t, s, 80, 24)
	workshopFixture(t, a)
	a.refreshEvery = time.Hour // ticks are not run here; the refresh they ask for is
	press(a, "enter")
	require.Equal(t, "participants", kind(a))
	cmd := a.refreshLoop() // as entering the screen did
	require.NotNil(t, cmd)
	due := cmd().(refreshDue)

	a.Update(due)
	require.Len(t, a.queued, 1, "the participants screen reads the workshop again")
	j := a.queued[0]
	a.queued = nil
	press(a, "esc")
	require.Equal(t, "home", kind(a))
	a.Update(j())
	assert.Nil(t, a.current, "a reading for a screen left is dropped")
	a.Update(due)
	assert.Empty(t, a.queued, "a refresh asked for by a screen left reads nothing")

	press(a, "enter")
	newer := a.current
	older, err := a.be.Load(newer.ID)
	require.NoError(t, err)
	_, err = a.be.RecordConsensus(newer.ID, "m1.q1", assessment.Answer{Kind: assessment.Level, Level: 2})
	require.NoError(t, err)
	newer, err = a.be.Load(newer.ID)
	require.NoError(t, err)
	a.current = newer
	a.Update(refreshed{ev: older, gen: a.refreshGen})
	assert.Same(t, newer, a.current, "a reading older than the one shown does not replace it")
}

// TestAnInvalidDatabaseRowIsAnErrorOnScreen opens an assessment whose
// answer was edited to a level of 9: the app says so and stays on home.
func TestAnInvalidDatabaseRowIsAnErrorOnScreen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seam.db")
	s, err := store.Open(path)
	require.NoError(t, err)
	id := create(t, s, "Acme")
	require.NoError(t, saved(s.SaveAnswers(id, "", map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 3}})))
	require.NoError(t, s.Close())
	db, err := sql.Open("sqlite3", "file:"+path)
	require.NoError(t, err)
	db.SetMaxOpenConns(1)
	for _, stmt := range []string{"PRAGMA ignore_check_constraints = ON", "UPDATE answer_log SET level = 9"} {
		_, err := db.Exec(stmt)
		require.NoError(t, err)
	}
	require.NoError(t, db.Close())
	s, err = store.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })

	a := newApp(t, s, 80, 24)
	for _, k := range []string{"enter", "r", "p"} {
		press(a, k)
		assert.Equal(t, "home", kind(a), "key %s", k)
		assert.Equal(t, "the database has an invalid answer for "+id+"/m1.q1 (level 9); restore a backup or fix it with seam doctor", a.err)
	}
	assert.NotContains(t, a.View(), "9.00")
}

// TestBackToTheQuestionsFromTheResults: ← on the results of an assessment
// whose every question has an answer opens the questions (the first
// don't-know, the answer still to find out), not the results again.
func TestBackToTheQuestionsFromTheResults(t *testing.T) {
	s := openStore(t)
	id := create(t, s, "Acme")
	a := newApp(t, s, 80, 24)
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	all := map[string]assessment.Answer{}
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			all[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 2}
		}
	}
	all["m2.q3"] = assessment.Answer{Kind: assessment.DontKnow}
	require.NoError(t, saved(s.SaveAnswers(id, "", all)))
	goHome(a)
	press(a, "enter")
	on[*resultsScreen](t, a)
	press(a, "left")
	assert.Equal(t, "m2.q3", questions(a)[on[*questionScreen](t, a).index].ID)

	all["m2.q3"] = assessment.Answer{Kind: assessment.Level, Level: 3}
	require.NoError(t, saved(s.SaveAnswers(id, "", all)))
	goHome(a)
	press(a, "enter", "left")
	assert.Equal(t, 0, on[*questionScreen](t, a).index, "with nothing left to find out, the first question")
}

// TestAParticipantNeverReachesTheFacilitatorsScreens passes the keyboard
// to a participant: no key of theirs offers the reveal or opens the
// participants, the heatmap, the queue or home; finishing, leaving or
// going back ends on the thank-you screen, and only its enter (the
// facilitator's) leads on to the workshop.
func TestAParticipantNeverReachesTheFacilitatorsScreens(t *testing.T) {
	s := openStore(t)
	a := newApp(t, s, 80, 24)
	workshopFixture(t, a)
	press(a, "enter", "enter")
	require.Equal(t, "question", kind(a))
	assert.Equal(t, "Ann", a.who)
	facilitators := []string{"participants", "reveal", "heatmap", "queue", "home", "delete"}
	for _, k := range []string{"m", "c", "r", "p", "D", "g", "esc", "m", "c", "r", "p", "y", "esc", "left", "right", "7", "esc", "esc", "q"} {
		if k == "q" {
			continue // quits; nothing to see
		}
		press(a, k)
		assert.NotContains(t, facilitators, strings.TrimPrefix(kind(a), "tui."), "after %s", k)
		assert.NotContains(t, a.View(), "Reveal the results", "after %s", k)
	}
	press(a, "esc")
	require.Equal(t, "thanks", kind(a))
	view := a.View()
	assert.Contains(t, view, "Thank you, Ann.")
	assert.Contains(t, view, "Please hand the keyboard back to the facilitator.")
	assert.NotContains(t, view, "heatmap")

	// Every question answered: resuming thanks, it does not show the workshop.
	press(a, "left")
	require.Equal(t, "question", kind(a))
	all := map[string]assessment.Answer{}
	for _, q := range questions(a) {
		all[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 2}
	}
	require.NoError(t, saved(s.SaveAnswers(a.current.ID, "Ann", all)))
	ev, err := a.be.Load(a.current.ID)
	require.NoError(t, err)
	a.Update(refreshed{ev: ev, gen: a.refreshGen})
	a.Update(showQuestion{resume: true})
	assert.Equal(t, "thanks", kind(a))
	a.Update(showRoom{view: roomHeatmap})
	assert.Equal(t, "thanks", kind(a), "not even a navigation asked for elsewhere opens the room's views")

	press(a, "enter") // the facilitator takes the keyboard back
	assert.Equal(t, "participants", kind(a))
	press(a, "m")
	assert.Equal(t, "tui.reveal", kind(a), "the facilitator is offered the reveal")
}

// TestTheConsensusFormOpensOnTheScoredLevel: with no consensus recorded,
// the form opens on the level the votes score, not on 3, and offers n/a
// only where the instrument allows it (m1.q1 does not), and no clearing.
func TestTheConsensusFormOpensOnTheScoredLevel(t *testing.T) {
	s := openStore(t)
	a := newApp(t, s, 120, 40)
	workshopFixture(t, a)
	press(a, "enter", "c", "y")
	queue := disputed(a)
	require.NotEmpty(t, queue)
	at := slices.IndexFunc(queue, func(ag assessment.QuestionAgreement) bool { return ag.Scored != nil && *ag.Scored != 3 })
	require.GreaterOrEqual(t, at, 0, "a disputed question of the fixture scores other than 3")
	ag := queue[at]
	for range at {
		press(a, "down")
	}
	a.Update(keyMsg("enter"))
	require.Equal(t, "queue", kind(a), "the consensus history is read in a job, off the key's path")
	require.Len(t, a.queued, 1)
	drain(a)
	require.Equal(t, "form", kind(a))
	view := a.View()
	assert.Contains(t, view, fmt.Sprintf("> %d ", *ag.Scored))
	question, _ := a.current.Instrument.Question(ag.Question)
	require.False(t, question.AllowsNA())
	assert.NotContains(t, view, "Not applicable")
	assert.NotContains(t, view, "Clear the consensus")
}
