package assessment

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evaluateTiny evaluates answers on the tiny instrument, every mode aiming
// at 4.
func evaluateTiny(t *testing.T, answers map[string]Answer) Evaluation {
	t.Helper()
	return Evaluate(Responses{Instrument: tiny(t), Targets: map[string]int{"a": 4, "b": 4}, Answers: answers})
}

func adopted(question, action string, st ActionState) Adopted {
	if st.Status == "" {
		st.Status = ActionNotStarted
	}
	return Adopted{Question: question, Action: action, ActionState: st}
}

func TestRegisterListsOverdueFirstThenByDueDateThenTheInstrumentsOrder(t *testing.T) {
	ev := evaluateTiny(t, map[string]Answer{"a.q1": lvl(1), "a.q2": lvl(2), "b.q1": lvl(1), "b.q2": lvl(2)})
	reg := Register(ev, []Adopted{
		adopted("a.q1", "a.q1.a1", ActionState{}),                                      // undated
		adopted("a.q2", "a.q2.a1", ActionState{Due: "2027-06-30"}),                     // later
		adopted("b.q1", "b.q1.a1", ActionState{Due: "2027-01-31"}),                     // sooner
		adopted("b.q2", "b.q2.a1", ActionState{Due: "2026-12-01", Status: ActionDone}), // past, but done: not overdue
		adopted("", "a.find-out", ActionState{Due: "2026-11-01", Status: ActionInProgress}),
	}, "2027-02-15")
	var order []string
	for _, e := range reg {
		order = append(order, e.Action)
	}
	assert.Equal(t, []string{"a.find-out", "b.q1.a1", "b.q2.a1", "a.q2.a1", "a.q1.a1"}, order)
	assert.True(t, reg[0].Overdue)
	assert.True(t, reg[1].Overdue, "due 31 Jan, open on 15 Feb")
	assert.False(t, reg[2].Overdue, "done is never overdue")
	assert.False(t, reg[3].Overdue)

	a := reg[3]
	assert.Equal(t, "Registry", a.Title)
	assert.Equal(t, "Build a registry.", a.Do)
	assert.Equal(t, "level 2 Developing", a.Answer)
	assert.Equal(t, 2, a.Level)
	assert.Equal(t, 4, a.Target)
	assert.Equal(t, "a", a.Mode)
	assert.NotEmpty(t, a.Bucket, "the plan holds it")
	assert.False(t, a.Met)

	f := reg[0]
	assert.Equal(t, "Unknowns to establish: Mode A", f.Title)
	assert.True(t, f.Met, "no question of mode a is a don't-know")
	assert.Empty(t, f.Bucket)
}

func TestAnAdoptedActionWhoseQuestionReachedItsTargetIsMetNotDropped(t *testing.T) {
	acts := []Adopted{adopted("a.q1", "a.q1.a1", ActionState{Owner: "Ann"}), adopted("", "a.find-out", ActionState{})}
	before := Register(evaluateTiny(t, map[string]Answer{"a.q1": lvl(2), "a.q2": dontKnow}), acts, "2027-01-01")
	require.Len(t, before, 2)
	for _, e := range before {
		assert.False(t, e.Met, e.Action)
		assert.NotEmpty(t, e.Bucket, e.Action)
	}

	// The answers change: a.q1 is at its target, a.q2 is known.
	after := Register(evaluateTiny(t, map[string]Answer{"a.q1": lvl(4), "a.q2": lvl(3)}), acts, "2027-01-01")
	require.Len(t, after, 2, "both stay in the register")
	for _, e := range after {
		assert.True(t, e.Met, e.Action)
		assert.Empty(t, e.Bucket, "the plan no longer holds it")
		assert.Equal(t, ActionNotStarted, e.Status, "its status is what was decided")
	}
	assert.Equal(t, "Ann", after[0].Owner)
	assert.Equal(t, 4, after[0].Level)
}

func TestUnadoptedListsThePlanItemsStillToDecide(t *testing.T) {
	ev := evaluateTiny(t, map[string]Answer{"a.q1": lvl(1), "a.q2": dontKnow, "b.q1": lvl(3)})
	all := Unadopted(ev.Plan, nil)
	require.Len(t, all, len(ev.Plan.Items))
	left := Unadopted(ev.Plan, []Adopted{adopted("a.q1", "a.q1.a1", ActionState{}), adopted("", "a.find-out", ActionState{})})
	var ids []string
	for _, it := range left {
		ids = append(ids, it.ID)
	}
	assert.Equal(t, []string{"b.q1"}, ids)
}

func TestItemKeyTakesThePlansNumber(t *testing.T) {
	ev := evaluateTiny(t, map[string]Answer{"a.q1": lvl(1), "a.q2": dontKnow, "b.q1": lvl(3)})
	for n, it := range ev.Plan.Items {
		q, a, err := ItemKey(tiny(t), ev.Plan, []string{"1", "2", "3"}[n])
		require.NoError(t, err)
		assert.Equal(t, [2]string{it.Question, it.Action}, [2]string{q, a})
	}
	_, _, err := ItemKey(tiny(t), ev.Plan, "4")
	assert.EqualError(t, err, "no such action: the plan has no item 4 (its items are numbered 1 to 3)")
	assert.ErrorIs(t, err, ErrUnknownAction)
	_, _, err = ItemKey(tiny(t), ev.Plan, "0")
	assert.ErrorIs(t, err, ErrUnknownAction)
}

func TestReviewFlagsDoneActionsWhoseAnswerDidNotMoveAndCreditsImprovements(t *testing.T) {
	prev := evaluateTiny(t, map[string]Answer{"a.q1": lvl(1), "a.q2": lvl(2), "b.q1": lvl(2), "b.q2": lvl(1)})
	acts := []Adopted{
		adopted("a.q1", "a.q1.a1", ActionState{Status: ActionDone}),       // 1 → 1: did not move
		adopted("a.q2", "a.q2.a1", ActionState{Status: ActionDone}),       // 2 → 3: moved
		adopted("b.q1", "b.q1.a1", ActionState{Status: ActionInProgress}), // 2 → 3, but not done: left out
	}
	next := evaluateTiny(t, map[string]Answer{"a.q1": lvl(1), "a.q2": lvl(3), "b.q1": lvl(3), "b.q2": lvl(3)})
	got := Review(prev, acts, next)
	require.Len(t, got, 3)

	assert.Equal(t, ReviewNotMoved, got[0].Kind)
	assert.Equal(t, "a.q1.a1", got[0].Action)
	assert.Equal(t, 2, got[0].Aim)
	assert.Equal(t, "done, but the answer did not move (level 1 Initial then, level 1 Initial now; it aimed at 2)", got[0].Words())

	assert.Equal(t, ReviewMoved, got[1].Kind)
	assert.Equal(t, "a.q2.a1", got[1].Action)
	assert.Equal(t, "done, and the answer moved (level 2 Developing then, level 3 Defined now)", got[1].Words())

	assert.Equal(t, ReviewImprovedWithout, got[2].Kind)
	assert.Equal(t, "b.q2", got[2].Question, "b.q1 had an action, so it is not credited as without one")
	assert.Empty(t, got[2].Action)
	assert.Equal(t, "improved without an action (level 1 Initial then, level 3 Defined now): credited", got[2].Words())
}

func TestReviewSaysWhatTheFollowUpHasNotMeasuredAndWhatWentDown(t *testing.T) {
	prev := evaluateTiny(t, map[string]Answer{"a.q1": lvl(2), "a.q2": lvl(3), "b.q1": lvl(2)})
	acts := []Adopted{
		adopted("a.q1", "a.q1.a1", ActionState{Status: ActionDone}), // not answered yet
		adopted("a.q2", "a.q2.a2", ActionState{Status: ActionDone}), // 3 → 2: went down
		adopted("b.q1", "b.q1.a1", ActionState{Status: ActionDone}), // don't know now
	}
	next := evaluateTiny(t, map[string]Answer{"a.q2": lvl(2), "b.q1": dontKnow})
	got := Review(prev, acts, next)
	require.Len(t, got, 3)
	assert.Equal(t, "done, but the answer went down (level 3 Defined then, level 2 Developing now; it aimed at 4)", got[0].Words())
	assert.Equal(t, ReviewUnmeasured, got[1].Kind)
	assert.Equal(t, "done; not measured again yet (not answered now)", got[1].Words())
	assert.Equal(t, "done; not measured again yet (don't know now)", got[2].Words())
}

func TestReviewOfAFindOutItemNamesTheQuestionsStillUnknown(t *testing.T) {
	prev := evaluateTiny(t, map[string]Answer{"a.q1": dontKnow, "a.q2": dontKnow})
	acts := []Adopted{adopted("", "a.find-out", ActionState{Status: ActionDone})}

	got := Review(prev, acts, evaluateTiny(t, map[string]Answer{"a.q1": lvl(2), "a.q2": dontKnow}))
	require.Len(t, got, 1)
	assert.Equal(t, ReviewNotMoved, got[0].Kind)
	assert.Equal(t, "done, but still not known: a.q2", got[0].Words())

	got = Review(prev, acts, evaluateTiny(t, map[string]Answer{"a.q1": lvl(2), "a.q2": lvl(1)}))
	require.Len(t, got, 1)
	assert.Equal(t, ReviewMoved, got[0].Kind)
	assert.Equal(t, "Unknowns to establish: Mode A", got[0].Title)
}

func TestReviewOfAnActionTakenBelowTheLevelsItStartsFromAimsAtItsFirstStep(t *testing.T) {
	// a.q1.a2 starts from 3; adopted while a.q1 was a don't-know, it aims at 4.
	prev := evaluateTiny(t, map[string]Answer{"a.q1": dontKnow})
	got := Review(prev, []Adopted{adopted("a.q1", "a.q1.a2", ActionState{Status: ActionDone})}, evaluateTiny(t, map[string]Answer{"a.q1": lvl(3)}))
	require.Len(t, got, 1)
	assert.Equal(t, 4, got[0].Aim)
	assert.Equal(t, ReviewNotMoved, got[0].Kind)
}

// An action whose question the instrument does not have (a bundle edited
// by hand) is still named, by its question's id, and never met.
func TestAnActionOfAQuestionTheInstrumentLacksIsNamedByItsID(t *testing.T) {
	reg := Register(evaluateTiny(t, map[string]Answer{"a.q1": lvl(4)}), []Adopted{adopted("z.q9", "z.q9.a1", ActionState{})}, "2027-01-01")
	require.Len(t, reg, 1)
	assert.Equal(t, "z.q9", reg[0].Title)
	assert.False(t, reg[0].Met)
	assert.Empty(t, reg[0].Bucket)
}
