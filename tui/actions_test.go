package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/store"
)

// The action register: adopting from the results, the register's
// screen, its filters and its form.

// actionsFixture stores a self-assessment with chapter 1 answered and
// five actions adopted: two overdue (one without an owner), one met (its
// question at target), one with hostile text in its owner and notes, one
// risk accepted. Home lists it.
func actionsFixture(t testing.TB, a *App) string {
	t.Helper()
	s, inst := a.be.Store(), defaultInstrument(t)
	id := createOn(t, s, "Acme Logistics", inst)
	qs := inst.Modes[0].Questions
	require.NoError(t, saved(s.SaveAnswers(id, "", map[string]assessment.Answer{
		qs[0].ID: {Kind: assessment.Level, Level: 2}, qs[1].ID: {Kind: assessment.Level, Level: 1},
		qs[2].ID: {Kind: assessment.Level, Level: 4}, qs[3].ID: {Kind: assessment.Level, Level: 3},
		qs[4].ID: {Kind: assessment.DontKnow},
	})))
	adopt := func(question, action string, u assessment.ActionUpdate) {
		_, err := s.AdoptAction(id, question, action, u)
		require.NoError(t, err)
	}
	adopt(qs[0].ID, qs[0].Actions[0].ID, assessment.ActionUpdate{Owner: ptr("Ann Lee"), Due: ptr(assessment.Date("2020-01-31")),
		Status: ptr(assessment.ActionInProgress)})
	adopt(qs[1].ID, qs[1].Actions[0].ID, assessment.ActionUpdate{Owner: ptr("Bo\x1b[31m Marsh\x07"), Due: ptr(assessment.Date("2099-06-30")),
		Notes: ptr("call the vendor\x1b[2J\nthen decide")})
	adopt(qs[2].ID, qs[2].Actions[0].ID, assessment.ActionUpdate{Owner: ptr("Ann Lee"), Status: ptr(assessment.ActionDone)})
	adopt(qs[3].ID, qs[3].Actions[0].ID, assessment.ActionUpdate{Owner: ptr("Cy"), Status: ptr(assessment.ActionRiskAccepted),
		Reason: ptr("budget frozen until Q3")})
	adopt("", "m1"+assessment.FindOutSuffix, assessment.ActionUpdate{Due: ptr(assessment.Date("2020-03-01"))})
	goHome(a)
	highlight(t, a, id)
	return id
}

// shownActions lists the action ids the register shows, top down.
func shownActions(s *actionsScreen) []string {
	var out []string
	for _, r := range s.rows {
		out = append(out, r.Action.Action)
	}
	return out
}

func TestTheRegisterShowsTheOverdueFirstAndCyclesItsFilters(t *testing.T) {
	inst := defaultInstrument(t)
	qs := inst.Modes[0].Questions
	a1 := func(i int) string { return qs[i].Actions[0].ID }
	tests := []struct {
		keys    []string
		shown   []string
		filters string
	}{
		{nil, []string{a1(0), "m1.find-out", a1(1), a1(2), a1(3)}, "status all · owner all"},
		{[]string{"s"}, []string{a1(0), "m1.find-out", a1(1)}, "status open · owner all"},
		{[]string{"s", "s", "s", "s"}, []string{a1(2)}, "status done · owner all"},
		{[]string{"s", "s", "s", "s", "s"}, []string{a1(3)}, "status risk accepted · owner all"},
		{[]string{"s", "s", "s", "s", "s", "s"}, nil, "status dropped · owner all"},
		{[]string{"s", "s", "s", "s", "s", "s", "s"}, []string{a1(0), "m1.find-out", a1(1), a1(2), a1(3)}, "status all · owner all"},
		{[]string{"o"}, []string{"m1.find-out"}, "status all · owner none"},
		{[]string{"o", "o"}, []string{a1(0), a1(2)}, "status all · owner Ann Lee"},
		{[]string{"o", "o", "s"}, []string{a1(0)}, "status open · owner Ann Lee"},
		{[]string{"o", "o", "o", "o", "o"}, []string{a1(0), "m1.find-out", a1(1), a1(2), a1(3)}, "status all · owner all"},
	}
	for _, tc := range tests {
		t.Run(fmtKeys(tc.keys), func(t *testing.T) {
			a := newApp(t, openStore(t), 100, 30)
			actionsFixture(t, a)
			press(a, "A")
			press(a, tc.keys...)
			s := on[*actionsScreen](t, a)
			assert.Equal(t, tc.shown, shownActions(s))
			assert.Equal(t, tc.filters, s.filterWords())
			view := a.View()
			assert.Contains(t, view, "Showing "+tc.filters)
			assert.Contains(t, view, "5 adopted · 2 overdue", "the counts are the whole register's")
			if tc.shown == nil {
				assert.Contains(t, view, "No action is status dropped")
			}
		})
	}
}

func TestTheRegisterMarksOverdueAndMetAndDrawsHostileTextInert(t *testing.T) {
	a := newApp(t, openStore(t), 120, 40)
	actionsFixture(t, a)
	press(a, "A")
	view := a.View()
	lines := strings.Split(view, "\n")
	row := func(id string) string {
		for _, l := range lines {
			if strings.Contains(l, id+" ") {
				return l
			}
		}
		return ""
	}
	inst := defaultInstrument(t)
	qs := inst.Modes[0].Questions
	assert.Contains(t, row(qs[0].Actions[0].ID), "! "+qs[0].Actions[0].ID, "overdue is marked")
	assert.Contains(t, row("m1.find-out"), "! m1.find-out")
	assert.Contains(t, row(qs[2].Actions[0].ID), "✓ "+qs[2].Actions[0].ID, "m1.q3 at 4 reached its target")
	assert.Contains(t, row(qs[1].Actions[0].ID), "Bo Marsh")
	assert.NotContains(t, view, "\x1b", "no escape sequence from the owner or notes reaches the terminal")
	assert.NotContains(t, view, "\x07")
	assert.Contains(t, view, "overdue since 2020-01-31", "the highlighted action is the longest overdue")

	press(a, "down", "down")
	view = a.View()
	assert.Contains(t, view, "Notes: call the vendor then decide", "the notes are on one line, without the escape")
	assert.NotContains(t, view, "\x1b")
	press(a, "down", "down")
	assert.Contains(t, a.View(), "risk accepted: budget frozen until Q3")
}

func TestAnEmptyRegisterSaysHowToAdopt(t *testing.T) {
	a := newApp(t, openStore(t), 80, 24)
	create(t, a.be.Store(), "Acme")
	goHome(a)
	press(a, "A")
	on[*actionsScreen](t, a)
	assert.Contains(t, a.View(), "Nothing adopted yet. On the results (r)")
	press(a, "enter")
	assert.Equal(t, "actions", kind(a), "nothing to edit")
	press(a, "esc")
	assert.Equal(t, "home", kind(a), "esc goes back where the register was opened from")
}

// editForm opens the form of the highlighted action and returns it with
// the values it fills.
func editForm(t *testing.T, a *App) (*formScreen, *actionValues) {
	t.Helper()
	press(a, "enter")
	f := on[*formScreen](t, a)
	v, ok := f.values.(*actionValues)
	require.True(t, ok, "the form fills actionValues")
	return f, v
}

// submit completes a form with the values filled, as the form screen
// does when huh reports it completed, and runs the job it starts.
func submit(a *App, f *formScreen) {
	a.screen = f.back
	f.done(a)
	drain(a)
}

func TestEditingAnActionSavesItAndRefusesABadDateOrAMissingReason(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	id := actionsFixture(t, a)
	press(a, "A")
	first := on[*actionsScreen](t, a).rows[0].Action

	f, v := editForm(t, a)
	assert.Equal(t, actionValues{owner: "Ann Lee", due: "2020-01-31", status: assessment.ActionInProgress}, *v, "the form opens on the action as it stands")
	v.due = "31/03/2027"
	submit(a, f)
	assert.Contains(t, a.err, `not saved: due date "31/03/2027" is not a date written YYYY-MM-DD`)
	f, v = on[*formScreen](t, a), on[*formScreen](t, a).values.(*actionValues)
	assert.Equal(t, "31/03/2027", v.due, "the form opens again with what was typed")

	v.due, v.status = "2027-03-31", assessment.ActionDropped
	submit(a, f)
	assert.Contains(t, a.err, "not saved: dropped needs a reason")
	f, v = on[*formScreen](t, a), on[*formScreen](t, a).values.(*actionValues)

	v.reason, v.owner, v.notes = "merged into m1.q2's work", "Dee\x1b[31m Ray", "see\x07 the board minutes"
	submit(a, f)
	require.Empty(t, a.err)
	assert.Equal(t, "actions", kind(a))
	assert.Contains(t, a.status, "✓ Saved "+first.Action+": owner Dee Ray, due 2027-03-31, dropped (merged into m1.q2's work).")
	register, err := a.be.Store().Actions(id)
	require.NoError(t, err)
	i := slices.IndexFunc(register, func(x store.Action) bool { return x.Action == first.Action })
	assert.Equal(t, assessment.ActionState{Owner: "Dee Ray", Due: "2027-03-31", Status: assessment.ActionDropped,
		Reason: "merged into m1.q2's work", Notes: "see the board minutes"}, register[i].ActionState, "typed text is saved without the characters that act")
	s := on[*actionsScreen](t, a)
	assert.NotEqual(t, first.Action, s.rows[0].Action.Action, "no longer overdue: the screen works its rows out again")
	assert.Contains(t, a.View(), "1 overdue")

	// Saving the form as it opened changes nothing.
	for s.rows[s.cursor].Action.Action != first.Action {
		press(a, "down")
	}
	f, _ = editForm(t, a)
	submit(a, f)
	assert.Equal(t, "Nothing changed for "+first.Action+".", a.status)
	history, err := a.be.Store().ActionHistory(id)
	require.NoError(t, err)
	assert.Len(t, history, 5+1, "five adoptions and one change")
}

func TestTheOwnerFieldOffersTheParticipants(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	workshopFixture(t, a)
	w := a.home.list[0].ID
	_, err := a.be.Store().AdoptAction(w, "", "m2"+assessment.FindOutSuffix, assessment.ActionUpdate{Owner: ptr("Head of Data")})
	require.NoError(t, err)
	press(a, "A")
	on[*actionsScreen](t, a)
	press(a, "enter")
	assert.Contains(t, a.View(), "Offered: Ann, Bo, Cy, Head of Data")
}

func TestAPlanItemIsAdoptedFromTheResults(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	id := create(t, a.be.Store(), "Acme")
	goHome(a)
	press(a, "enter", "3", "2", "r")
	r := on[*resultsScreen](t, a)
	press(a, "a")
	assert.Contains(t, a.err, "only an item of the remediation plan can be adopted", "the overall index is no plan item")

	for r.rows[r.cursor].Subject != "m1.q2" {
		require.Less(t, r.cursor, len(r.rows)-1, "m1.q2 is in the plan")
		press(a, "down")
	}
	press(a, "a")
	require.Empty(t, a.err)
	assert.Contains(t, a.status, "✓ Adopted m1.q2 as action m1.q2.")
	register, err := a.be.Store().Actions(id)
	require.NoError(t, err)
	require.Len(t, register, 1)
	assert.Equal(t, "m1.q2", register[0].Question)
	assert.Equal(t, assessment.ActionNotStarted, register[0].Status)
	assert.Contains(t, a.View(), "▸✓", "the adopted item is marked")

	press(a, "a")
	assert.Contains(t, a.status, "m1.q2 is in the register already")
	register, err = a.be.Store().Actions(id)
	require.NoError(t, err)
	assert.Len(t, register, 1)

	press(a, "A")
	s := on[*actionsScreen](t, a)
	assert.Equal(t, []string{register[0].Action}, shownActions(s))
	press(a, "esc")
	assert.Equal(t, "results", kind(a), "esc goes back to the results")
}

func TestAnotherTerminalsChangeReachesTheRegister(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	id := actionsFixture(t, a)
	press(a, "A")
	s := on[*actionsScreen](t, a)
	act := s.rows[0].Action
	_, err := a.be.Store().UpdateAction(id, act.Question, act.Action, assessment.ActionUpdate{Owner: ptr("Eve Stone"), Status: ptr(assessment.ActionDone)})
	require.NoError(t, err)
	a.Update(refreshDue{gen: a.refreshGen}) // the app's two-second look
	drain(a)
	assert.Contains(t, a.View(), "Eve Stone")
	assert.Contains(t, a.View(), "1 overdue", "done is no longer overdue")
}

func TestAParticipantCannotChangeTheRegister(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	workshopFixture(t, a)
	press(a, "enter", "enter") // Ann has the keyboard
	require.True(t, a.answering)
	press(a, "A")
	assert.Equal(t, "question", kind(a), "A is no key of the questions")
	a.Update(showActions{})
	assert.Equal(t, "thanks", kind(a), "the register is the facilitator's")
}

// TestAnOwnerTypedInAnyCaseIsTheParticipant: the app saves through the
// backend as seam action does, so "ann" in a workshop of Ann is Ann.
func TestAnOwnerTypedInAnyCaseIsTheParticipant(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	workshopFixture(t, a)
	w := a.home.list[0].ID
	_, err := a.be.Store().AdoptAction(w, "", "m2"+assessment.FindOutSuffix, assessment.ActionUpdate{})
	require.NoError(t, err)
	press(a, "A")
	f, v := editForm(t, a)
	v.owner = "ann"
	submit(a, f)
	require.Empty(t, a.err)
	register, err := a.be.Store().Actions(w)
	require.NoError(t, err)
	require.Len(t, register, 1)
	assert.Equal(t, "Ann", register[0].Owner)
}
