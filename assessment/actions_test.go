package assessment

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseActionStatusTakesWhatPeopleType(t *testing.T) {
	for in, want := range map[string]ActionStatus{
		"not-started": ActionNotStarted, "in progress": ActionInProgress, " Done ": ActionDone,
		"RISK_ACCEPTED": ActionRiskAccepted, "dropped": ActionDropped,
	} {
		got, err := ParseActionStatus(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := ParseActionStatus("finished")
	assert.EqualError(t, err, `status must be one of not-started, in-progress, done, risk-accepted, dropped, not "finished"`)
	assert.Equal(t, "risk accepted", ActionRiskAccepted.Words())
}

func TestParseDateTakesOnlyACalendarDay(t *testing.T) {
	d, err := ParseDate(" 2027-03-31 ")
	require.NoError(t, err)
	assert.Equal(t, Date("2027-03-31"), d)
	d, err = ParseDate("")
	require.NoError(t, err)
	assert.Equal(t, Date(""), d, "no date")
	for in, want := range map[string]string{
		"2027-02-30":           `"2027-02-30" is not a date written YYYY-MM-DD, such as 2027-03-31`,
		"31/03/2027":           `"31/03/2027" is not a date`,
		"2027-3-31":            `"2027-3-31" is not a date`,
		"2027-03-31T10:00:00Z": `is not a date`,
		"1969-12-31":           `"1969-12-31" is before 1970`,
	} {
		_, err := ParseDate(in)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), want, in)
	}
	assert.Equal(t, Date("2027-01-02"), DateOf(time.Date(2027, 1, 2, 23, 59, 0, 0, time.FixedZone("x", -8*3600))),
		"the day where the time was read, not in UTC")
}

func TestApplyChangesOnlyWhatTheUpdateSets(t *testing.T) {
	a, err := NewAction(ActionUpdate{Owner: new("  Ann (COO) "), Due: new(Date("2027-03-31"))})
	require.NoError(t, err)
	assert.Equal(t, ActionState{Owner: "Ann (COO)", Due: "2027-03-31", Status: ActionNotStarted}, a)

	b, changed, err := a.Apply(ActionUpdate{Status: new(ActionInProgress), Notes: new("kick-off on Monday")})
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Equal(t, ActionState{Owner: "Ann (COO)", Due: "2027-03-31", Status: ActionInProgress, Notes: "kick-off on Monday"}, b)

	c, changed, err := b.Apply(ActionUpdate{Owner: new("Ann (COO)"), Due: new(Date("2027-03-31"))})
	require.NoError(t, err)
	assert.False(t, changed, "the same values again change nothing")
	assert.Equal(t, b, c)

	c, _, err = b.Apply(ActionUpdate{Due: new(Date(""))})
	require.NoError(t, err)
	assert.Equal(t, Date(""), c.Due, "an empty due date clears it")
}

func TestADecisionNeedsItsOwnReason(t *testing.T) {
	open, err := NewAction(ActionUpdate{Status: new(ActionInProgress)})
	require.NoError(t, err)

	_, _, err = open.Apply(ActionUpdate{Status: new(ActionDropped)})
	assert.EqualError(t, err, "status dropped needs a reason: say why")
	_, _, err = open.Apply(ActionUpdate{Status: new(ActionRiskAccepted), Reason: new("   ")})
	assert.EqualError(t, err, "status risk-accepted needs a reason: say why")
	_, _, err = open.Apply(ActionUpdate{Reason: new("budget cut")})
	assert.EqualError(t, err, "a reason is only for risk-accepted or dropped, not for in-progress")

	dropped, _, err := open.Apply(ActionUpdate{Status: new(ActionDropped), Reason: new("budget cut")})
	require.NoError(t, err)
	assert.Equal(t, "budget cut", dropped.Reason)

	same, changed, err := dropped.Apply(ActionUpdate{Status: new(ActionDropped), Notes: new("see board minutes")})
	require.NoError(t, err)
	assert.True(t, changed)
	assert.Equal(t, "budget cut", same.Reason, "the same decision keeps its reason")

	_, _, err = dropped.Apply(ActionUpdate{Status: new(ActionRiskAccepted)})
	assert.EqualError(t, err, "status risk-accepted needs a reason: say why", "another decision needs its own reason")
	_, _, err = dropped.Apply(ActionUpdate{Reason: new("")})
	assert.EqualError(t, err, "status dropped needs a reason: it cannot be cleared")
	reworded, _, err := dropped.Apply(ActionUpdate{Reason: new("budget moved to 2028")})
	require.NoError(t, err)
	assert.Equal(t, "budget moved to 2028", reworded.Reason)

	reopened, _, err := dropped.Apply(ActionUpdate{Status: new(ActionNotStarted)})
	require.NoError(t, err, "a dropped action may be taken up again")
	assert.Empty(t, reopened.Reason, "and its reason goes with the decision")
	done, _, err := reopened.Apply(ActionUpdate{Status: new(ActionDone)})
	require.NoError(t, err)
	back, _, err := done.Apply(ActionUpdate{Status: new(ActionInProgress)})
	require.NoError(t, err, "done work may be reopened")
	assert.Equal(t, ActionInProgress, back.Status)
}

func TestApplyRefusesAndKeepsTheState(t *testing.T) {
	a, err := NewAction(ActionUpdate{Owner: new("Bo")})
	require.NoError(t, err)
	for _, tc := range []struct {
		u    ActionUpdate
		want string
	}{
		{ActionUpdate{Status: new(ActionStatus("finished"))}, `status must be one of not-started, in-progress, done, risk-accepted, dropped, not "finished"`},
		{ActionUpdate{Due: new(Date("2027-13-01")), Owner: new("Cy")}, `due date "2027-13-01" is not a date written YYYY-MM-DD`},
		{ActionUpdate{Owner: new(strings.Repeat("o", MaxOwnerLen+1))}, "owner is 201 characters, more than the 200 allowed"},
		{ActionUpdate{Notes: new(strings.Repeat("n", MaxActionNotesLen+1))}, "notes is 2001 characters, more than the 2000 allowed"},
		{ActionUpdate{Status: new(ActionDropped), Reason: new(strings.Repeat("r", MaxActionReasonLen+1))}, "reason is 501 characters, more than the 500 allowed"},
	} {
		got, changed, err := a.Apply(tc.u)
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
		assert.NotContains(t, err.Error(), "\n")
		assert.False(t, changed)
		assert.Equal(t, a, got, "refused: the state as it was")
	}
}

func TestValidateChecksAStateFromElsewhere(t *testing.T) {
	assert.NoError(t, ActionState{Status: ActionRiskAccepted, Reason: "vendor exit in 2028", Due: "2027-06-30"}.Validate())
	assert.EqualError(t, ActionState{Status: "later"}.Validate(), `status must be one of not-started, in-progress, done, risk-accepted, dropped, not "later"`)
	assert.EqualError(t, ActionState{Status: ActionDropped}.Validate(), "status dropped needs a reason: say why")
	assert.EqualError(t, ActionState{Status: ActionDone, Reason: "x"}.Validate(), "a reason is only for risk-accepted or dropped, not for done")
	assert.EqualError(t, ActionState{Status: ActionDone, Due: " 2027-06-30"}.Validate(), `due date " 2027-06-30" is not a date written YYYY-MM-DD, such as 2027-03-31`)
}

func TestOnlyAnOpenActionPastItsDateIsOverdue(t *testing.T) {
	today := Date("2027-04-01")
	assert.True(t, ActionState{Status: ActionInProgress, Due: "2027-03-31"}.Overdue(today))
	assert.True(t, ActionState{Status: ActionNotStarted, Due: "2026-12-31"}.Overdue(today))
	assert.False(t, ActionState{Status: ActionInProgress, Due: "2027-04-01"}.Overdue(today), "due today is not late yet")
	assert.False(t, ActionState{Status: ActionDone, Due: "2027-03-31"}.Overdue(today))
	assert.False(t, ActionState{Status: ActionDropped, Reason: "x", Due: "2027-03-31"}.Overdue(today))
	assert.False(t, ActionState{Status: ActionNotStarted}.Overdue(today), "no date, never late")
}

func TestCheckActionKeyKnowsTheInstrumentsActions(t *testing.T) {
	inst := tiny(t)
	assert.NoError(t, CheckActionKey(inst, "a.q1", "a.q1.a2"), "any action of the question, in the plan or not")
	assert.NoError(t, CheckActionKey(inst, "", "b.find-out"))
	assert.EqualError(t, CheckActionKey(inst, "a.q9", "a.q9.a1"), `no such action: instrument tiny has no question "a.q9"`)
	assert.EqualError(t, CheckActionKey(inst, "a.q1", "a.q2.a1"), `no such action "a.q2.a1" for a.q1: its actions are a.q1.a1, a.q1.a2`)
	assert.EqualError(t, CheckActionKey(inst, "", "z.find-out"), `no such action "z.find-out": instrument tiny has no failure mode "z"`)
	assert.EqualError(t, CheckActionKey(inst, "", "a.q1.a1"), `no such action "a.q1.a1": name its question too (only a find-out item has none)`)
	assert.ErrorIs(t, CheckActionKey(inst, "a.q1", "x"), ErrUnknownAction)
}

func TestItemKeyNamesAPlanItemAsPeopleDo(t *testing.T) {
	inst := tiny(t)
	plan := planFor(t, map[string]Answer{"a.q1": lvl(1), "a.q2": dontKnow, "b.q1": lvl(3)}, map[string]int{"a": 4, "b": 4}, nil)
	for item, want := range map[string][2]string{
		"a.q1":       {"a.q1", "a.q1.a1"}, // the plan's action for the question
		"a.q1.a1":    {"a.q1", "a.q1.a1"},
		"a.q1.a2":    {"a.q1", "a.q1.a2"}, // not the plan's, but the instrument's
		"a.find-out": {"", "a.find-out"},
		"a.q2":       {"", "a.find-out"}, // nobody knows: its find-out item
		"b.q1":       {"b.q1", "b.q1.a2"},
		"b.find-out": {"", "b.find-out"}, // no such item in the plan now, but a mode's
	} {
		q, a, err := ItemKey(inst, plan, item)
		require.NoError(t, err, item)
		assert.Equal(t, want, [2]string{q, a}, item)
		assert.NoError(t, CheckActionKey(inst, q, a), item)
	}
	_, _, err := ItemKey(inst, plan, "b.q2")
	assert.EqualError(t, err, "b.q2 is not in the plan (no action is due for it now): name one of its actions, such as b.q2.a1")
	_, _, err = ItemKey(inst, plan, "nope")
	assert.EqualError(t, err, `no such action "nope": name a plan item, a question or an action id of instrument tiny`)
}

func TestRegisterOrderFollowsTheInstrument(t *testing.T) {
	order := RegisterOrder(tiny(t))
	var ids []string
	for id := range order {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return order[a] - order[b] })
	assert.Equal(t, []string{"a.q1.a1", "a.q1.a2", "a.q2.a1", "a.q2.a2", "a.find-out", "b.q1.a1", "b.q1.a2", "b.q2.a1", "b.q2.a2", "b.find-out"}, ids)
}
