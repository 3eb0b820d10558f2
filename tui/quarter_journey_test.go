package tui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// TestJourneyQuarterAfterQuarter: a CIO who assessed last quarter follows
// the assessment up from home, answers a question with last time's answer
// in view, adopts the plan item it leaves, and names its owner, due date
// and status on the register, then filters the register.
func TestJourneyQuarterAfterQuarter(t *testing.T) {
	t.Chdir(t.TempDir())
	s := openStore(t)
	prev := createOn(t, s, "Acme Logistics", defaultInstrument(t))
	require.NoError(t, saved(s.SaveAnswers(prev, "", map[string]assessment.Answer{
		"m1.q1": {Kind: assessment.Level, Level: 2, Note: "owners named for two domains"},
	})))

	j := start(t, s)
	j.waitFor("Acme Logistics")
	j.keys("R")
	j.waitForAll("Follow up "+prev, "┃ Title")
	j.keys("ctrl+u")
	j.typeText("Q4 check")
	j.next("Start the follow-up?")
	j.keys("enter")
	j.waitForAll("follow-up 2 of 2 · questionnaire", "Last time: 2 Developing, note “owners named for two domains”")

	j.keys("3")
	j.waitFor("Saved m1.q1: level 3 Defined")
	j.keys("r")
	j.waitFor("follow-up 2 of 2 · results")
	for range 40 { // down to the plan's one item, the last line that moves the cursor
		j.keys("down")
	}
	j.waitForAll("Remediation plan (1 items)", "▸    1. m1.q1")
	j.keys("a")
	j.waitFor("Adopted m1.q1 as action m1.q1.")
	j.keys("A")
	j.waitForAll("Action register", "1 adopted", "follow-up 2 of 2 · actions")
	j.keys("enter")
	j.waitFor("┃ Owner")
	j.paste("Ann \u202eLee\u2066") // pasted with bidi controls, which turn text around
	j.next("Due date")
	j.typeText("2020-01-31")
	j.next("Status")
	j.keys("right") // not started → in progress
	j.next("Notes")
	j.typeText("kick-off booked")
	j.keys("enter")
	j.waitForAll("Saved m1.q1.", "owner Ann Lee, due 2020-01-31, in progress", "1 overdue")

	j.keys("s")
	j.waitFor("Showing status open · owner all")
	j.keys("s")
	j.waitFor("No action is status not started · owner all")
	j.keys("s")
	j.waitFor("Showing status in progress · owner all")
	j.keys("o")
	j.waitFor("Showing status in progress · owner Ann Lee")
	app := j.quit()

	assert.Equal(t, "actions", kind(app))
	next := app.current.ID
	l, err := s.Load(next)
	require.NoError(t, err)
	assert.Equal(t, prev, l.Previous)
	assert.Equal(t, "Q4 check", l.Title)
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 3}}, l.AnswersOf("Jo"),
		"last time's answer was shown, only the new one given")
	register, err := s.Actions(next)
	require.NoError(t, err)
	require.Len(t, register, 1)
	assert.Equal(t, "m1.q1", register[0].Question)
	assert.Equal(t, assessment.ActionState{Owner: "Ann Lee", Due: "2020-01-31", Status: assessment.ActionInProgress, Notes: "kick-off booked"},
		register[0].ActionState, "the owner is saved without the characters that act")
	history, err := s.ActionHistory(next)
	require.NoError(t, err)
	assert.Len(t, history, 2, "adopted, then changed once")
	old, err := s.Actions(prev)
	require.NoError(t, err)
	assert.Empty(t, old, "the action belongs to the follow-up that adopted it")
	chain, err := s.Chain(prev)
	require.NoError(t, err)
	assert.Equal(t, []string{prev, next}, []string{chain[0].ID, chain[1].ID})
}
