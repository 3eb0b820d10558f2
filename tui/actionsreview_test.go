package tui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/store"
)

// Closing the loop in the app: a follow-up's register says what the
// previous assessment's actions came to, as seam actions does.

// reviewFixture stores a self-assessment whose actions were worked on and
// its follow-up, answered, with one action adopted again, and lists both
// on home. Chapter 1 then → now: q1 2 → 2 (done), q2 1 → 2 (done), q3 2 →
// not answered (done), q4 1 → 3 (no action), q5 2 → 2 (in progress), q6
// don't know → don't know (its find-out item done).
func reviewFixture(t testing.TB, a *App) (prev, next string) {
	t.Helper()
	s, inst := a.be.Store(), defaultInstrument(t)
	qs := inst.Modes[0].Questions
	lv := func(n int) assessment.Answer { return assessment.Answer{Kind: assessment.Level, Level: n} }
	unknown := assessment.Answer{Kind: assessment.DontKnow}
	prev = createOn(t, s, "Acme Logistics", inst)
	require.NoError(t, saved(s.SaveAnswers(prev, "", map[string]assessment.Answer{
		qs[0].ID: lv(2), qs[1].ID: lv(1), qs[2].ID: lv(2), qs[3].ID: lv(1), qs[4].ID: lv(2), qs[5].ID: unknown,
	})))
	adopt := func(id string, q int, level int, st assessment.ActionStatus) {
		t.Helper()
		act, ok := qs[q].ActionFor(level)
		require.True(t, ok)
		_, err := s.AdoptAction(id, qs[q].ID, act.ID, assessment.ActionUpdate{Status: &st})
		require.NoError(t, err)
	}
	adopt(prev, 0, 2, assessment.ActionDone)
	adopt(prev, 1, 1, assessment.ActionDone)
	adopt(prev, 2, 2, assessment.ActionDone)
	adopt(prev, 4, 2, assessment.ActionInProgress)
	_, err := s.AdoptAction(prev, "", "m1"+assessment.FindOutSuffix, assessment.ActionUpdate{Status: ptr(assessment.ActionDone)})
	require.NoError(t, err)

	f, err := s.Reassess(prev, store.ReassessOptions{})
	require.NoError(t, err)
	require.NoError(t, saved(s.SaveAnswers(f.ID, "", map[string]assessment.Answer{
		qs[0].ID: lv(2), qs[1].ID: lv(2), qs[3].ID: lv(3), qs[4].ID: lv(2), qs[5].ID: unknown,
	})))
	adopt(f.ID, 0, 2, assessment.ActionInProgress)
	goHome(a)
	return prev, f.ID
}

// flat is a view's words on one line, however they wrap.
func flat(view string) string { return strings.Join(strings.Fields(view), " ") }

func TestAFollowUpsRegisterSaysWhatThePreviousActionsCameTo(t *testing.T) {
	a := newApp(t, openStore(t), 120, 60)
	prev, next := reviewFixture(t, a)
	highlight(t, a, next)
	press(a, "A")
	on[*actionsScreen](t, a)
	view := a.View()
	assert.Contains(t, view, "Since the previous assessment "+prev+" (")
	words := flat(view)
	inst := defaultInstrument(t)
	qs := inst.Modes[0].Questions
	action := func(q, level int) string {
		act, ok := qs[q].ActionFor(level)
		require.True(t, ok)
		return act.ID
	}
	tests := []struct {
		name, item, says string
	}{
		{"done, not moved", "! " + action(0, 2) + " · " + qs[0].Title, "done, but the answer did not move (level 2 Developing then, level 2 Developing now; it aimed at 3)"},
		{"done, still unknown", "! m1.find-out · Unknowns to establish: " + inst.Modes[0].Name, "done, but still not known: " + qs[5].ID},
		{"done, not measured again", "? " + action(2, 2) + " · " + qs[2].Title, "done; not measured again yet (not answered now)"},
		{"done, moved", "✓ " + action(1, 1) + " · " + qs[1].Title, "done, and the answer moved (level 1 Initial then, level 2 Developing now)"},
		{"improved without an action", "✓ " + qs[3].ID + " · " + qs[3].Title, "improved without an action (level 1 Initial then, level 3 Defined now): credited"},
	}
	at := -1
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := strings.Index(words, tc.item)
			require.GreaterOrEqual(t, i, 0, "%q is listed", tc.item)
			assert.Greater(t, i, at, "what needs looking at comes first")
			at = i
			assert.Contains(t, words[i:], tc.item+" "+tc.says, "what it came to, below it")
		})
	}
	assert.Contains(t, words, "1 action of "+prev+" is not marked done: A on "+prev+" at home lists it, and the plan here can adopt it again.")
	assert.Less(t, strings.Index(view, "Action register"), strings.Index(view, "Since the previous assessment"), "below the follow-up's own register")

	// The previous assessment's own register has nothing to look back on.
	press(a, "esc")
	highlight(t, a, prev)
	press(a, "A")
	assert.NotContains(t, a.View(), "Since the previous assessment")
}

// What the actions came to follows the follow-up's answers, saved after
// the register was read.
func TestTheReviewFollowsAnAnswerSavedSince(t *testing.T) {
	a := newApp(t, openStore(t), 120, 60)
	_, next := reviewFixture(t, a)
	highlight(t, a, next)
	press(a, "A")
	qs := defaultInstrument(t).Modes[0].Questions
	assert.Contains(t, flat(a.View()), "done; not measured again yet (not answered now)")
	press(a, "esc", "enter") // its questions
	a.Update(showQuestion{index: 2})
	press(a, "4")
	require.Empty(t, a.err)
	a.Update(showActions{})
	drain(a)
	words := flat(a.View())
	assert.NotContains(t, words, "not measured again yet")
	assert.Contains(t, words, qs[2].Title+" done, and the answer moved (level 2 Developing then, level 4 Managed now)")
}

// A workshop's follow-up says nothing of what the room answered before
// the reveal.
func TestAWorkshopsReviewWaitsForTheReveal(t *testing.T) {
	a := newApp(t, openStore(t), 120, 40)
	workshopFixture(t, a)
	w := a.home.list[0].ID
	_, err := a.be.Store().AdoptAction(w, "", "m1"+assessment.FindOutSuffix, assessment.ActionUpdate{Status: ptr(assessment.ActionDone)})
	require.NoError(t, err)
	f, err := a.be.Store().Reassess(w, store.ReassessOptions{})
	require.NoError(t, err)
	goHome(a)
	highlight(t, a, f.ID)
	press(a, "A")
	words := flat(a.View())
	assert.Contains(t, words, "Since the previous assessment "+w)
	assert.Contains(t, words, "It shows once the results are revealed.")
	assert.NotContains(t, words, "m1.find-out")
}

// Past the last action ↓ scrolls the page on to the end of what the
// previous actions came to, and ↑ back; the view keeps to the window.
func TestTheReviewScrollsWithTheRegister(t *testing.T) {
	a := newApp(t, openStore(t), 80, 24)
	_, next := reviewFixture(t, a)
	highlight(t, a, next)
	press(a, "A")
	s := on[*actionsScreen](t, a)
	view := a.View()
	require.Len(t, strings.Split(view, "\n"), 24)
	assert.Contains(t, view, "Since the previous assessment", "the section starts within the window")
	assert.Regexp(t, `↓ \d+ more lines`, view, "and says there is more")
	assert.NotContains(t, view, "credited")

	for range 40 {
		press(a, "down")
	}
	view = a.View()
	require.Len(t, strings.Split(view, "\n"), 24)
	assert.Contains(t, flat(view), "the plan here can adopt it again.", "the end of the page is shown")
	assert.NotContains(t, view, "more lines")
	assert.NotContains(t, view, "Action register", "the top scrolled out")
	assert.Equal(t, 0, s.cursor)

	for range 40 {
		press(a, "up")
	}
	assert.Contains(t, a.View(), "Action register")
	assert.Zero(t, s.scroll)
}
