package assessment

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/questionnaire"
)

func self(inst *questionnaire.Instrument, answers map[string]Answer) Evaluation {
	return Evaluate(Responses{Instrument: inst, Answers: answers})
}

func TestCompareHandComputed(t *testing.T) {
	inst := tiny(t)
	before := self(inst, map[string]Answer{"a.q1": lvl(2), "a.q2": lvl(2), "b.q1": lvl(3), "b.q2": lvl(3)})
	after := self(inst, map[string]Answer{"a.q1": lvl(4), "a.q2": lvl(1), "b.q1": lvl(3), "b.q2": lvl(5)})
	c := Compare(before, after)

	assert.True(t, c.Instruments.Same)
	assert.Empty(t, c.Note, "one instrument: nothing to say about versions")
	require.Len(t, c.Modes, 2)
	a, b := c.Modes[0], c.Modes[1]
	// a: (3×2 + 3×2) ÷ 6 = 2.00 → (3×4 + 3×1) ÷ 6 = 2.50
	assert.True(t, a.Compared)
	assert.Equal(t, 2.0, *a.Before)
	assert.Equal(t, 2.5, *a.After)
	assert.Equal(t, 0.5, *a.Change)
	assert.Equal(t, Tally{Up: 1, Down: 1}, a.Moves)
	// b: (2×3 + 3×3) ÷ 5 = 3.00 → (2×3 + 3×5) ÷ 5 = 4.20
	assert.Equal(t, 1.2, *b.Change)
	assert.Equal(t, Tally{Up: 1, Unchanged: 1}, b.Moves)
	// overall: (2 + 3) ÷ 2 = 2.50 → (2.5 + 4.2) ÷ 2 = 3.35
	assert.Equal(t, 2.5, *c.Overall.Before)
	assert.Equal(t, 3.35, *c.Overall.After)
	assert.Equal(t, 0.85, *c.Overall.Change)
	assert.Equal(t, []string{"a", "b"}, c.Overall.Modes)
	assert.Empty(t, c.Overall.LeftOut)
	// alpha: a.q1 w1, a.q2 w½, b.q2 w½ → (25 + 12.5 + 25) ÷ 2 = 31.3 → (75 + 0 + 50) ÷ 2 = 62.5
	// beta: a.q2 w1, b.q1 w1, b.q2 w½ → (25 + 50 + 25) ÷ 2.5 = 40 → (0 + 50 + 50) ÷ 2.5 = 40
	require.Len(t, c.Principles, 2)
	assert.Equal(t, 31.3, *c.Principles[0].Before)
	assert.Equal(t, 62.5, *c.Principles[0].After)
	assert.Equal(t, 31.2, *c.Principles[0].Change)
	assert.Equal(t, 0.0, *c.Principles[1].Change)
	assert.Equal(t, "0.0", fmt.Sprintf("%.1f", *c.Principles[1].Change), "no minus zero")

	moves := map[string]Movement{}
	for _, q := range c.Questions {
		moves[q.ID] = q.Move
	}
	assert.Equal(t, map[string]Movement{"a.q1": MovedUp, "a.q2": MovedDown, "b.q1": Unmoved, "b.q2": MovedUp}, moves)
	assert.Equal(t, Tally{Up: 2, Down: 1, Unchanged: 1}, c.Moves)
	// a.q1 and b.q2 both rose two levels at importance 3: the instrument's order
	require.Len(t, c.TopUp, 2)
	assert.Equal(t, "a.q1", c.TopUp[0].ID)
	assert.Equal(t, "2", c.TopUp[0].Before)
	assert.Equal(t, "4", c.TopUp[0].After)
	assert.Equal(t, 2, c.TopUp[0].Change)
	assert.Equal(t, "b.q2", c.TopUp[1].ID)
	require.Len(t, c.TopDown, 1)
	assert.Equal(t, -1, c.TopDown[0].Change)

	up, ok := c.MostImproved()
	assert.True(t, ok)
	assert.Equal(t, "b", up.ID)
	_, ok = c.MostFallen()
	assert.False(t, ok, "no mode fell")
	assert.Equal(t, CoverageChange{Before: 1, After: 1, AnsweredBefore: 4, ApplicableBefore: 4, AnsweredAfter: 4, ApplicableAfter: 4}, c.Coverage)
}

// Within one instrument the like-for-like numbers are the scorecards' own,
// and an assessment compared with itself has moved nowhere.
func TestCompareWithinOneInstrumentUsesTheScorecardsNumbers(t *testing.T) {
	inst := defaultInstrument(t)
	answers := map[string]Answer{}
	for i, q := range inst.Questions() {
		answers[q.ID] = lvl(1 + i%5)
	}
	answers["m2.q1"] = dontKnow
	ev := self(inst, answers)
	require.True(t, ev.Scorecard.Rated)
	c := Compare(ev, ev)
	assert.Equal(t, *ev.Scorecard.Overall, *c.Overall.Before)
	assert.Equal(t, 0.0, *c.Overall.Change)
	for i, md := range c.Modes {
		assert.True(t, md.Compared, md.ID)
		assert.Equal(t, *ev.Scorecard.Modes[i].Score, *md.After, md.ID)
		assert.Equal(t, 0.0, *md.Change, md.ID)
	}
	for i, pd := range c.Principles {
		assert.Equal(t, *ev.Scorecard.Principles[i].Alignment, *pd.Before, pd.ID)
	}
	assert.Equal(t, inst.QuestionCount(), c.Moves.Unchanged)
	assert.Empty(t, c.TopUp)
	assert.Empty(t, c.TopDown)
	_, improved := c.MostImproved()
	assert.False(t, improved)
}

// Within one instrument Compare takes the scorecards as they are; scoring
// both sides again on the instrument, as it does across versions, gives the
// same numbers: modes (one not applicable, one provisional), principles, the
// index and each mode's agreement in the room.
func TestCompareWithinOneInstrumentAsIfScoredAgain(t *testing.T) {
	inst := defaultInstrument(t)
	body := strings.Replace(string(inst.Body()), `version: "1.1.0"`, `version: "1.1.0-again"`, 1)
	again, err := questionnaire.Parse("again.yaml", []byte(body))
	require.NoError(t, err)
	require.NotEqual(t, inst.Hash(), again.Hash())
	room := func(on *questionnaire.Instrument, shift int) Evaluation {
		votes := map[string][]Vote{}
		for p := range 4 {
			for i, q := range on.Questions() {
				a := lvl(1 + (i+p*shift)%5)
				switch {
				case q.Mode == "m4":
					a = na("no mandate in force")
				case q.Mode == "m2" && i%2 == 0:
					continue // m2 provisional
				case i%7 == 0:
					a = dontKnow
				}
				votes[q.ID] = append(votes[q.ID], Vote{Participant: fmt.Sprint("P", p), Function: Functions[p%2], Answer: a})
			}
		}
		return Evaluate(Responses{Instrument: on, Workshop: true, Votes: votes, Targets: map[string]int{"m6": 5}})
	}
	before := room(inst, 1)
	one, two := Compare(before, room(inst, 2)), Compare(before, room(again, 2))
	require.True(t, one.Instruments.Same)
	require.False(t, two.Instruments.Same)
	require.Empty(t, two.Instruments.Changed)
	assert.Equal(t, two.Overall, one.Overall)
	assert.Equal(t, two.Modes, one.Modes)
	assert.Equal(t, two.Principles, one.Principles)
	assert.Equal(t, two.Questions, one.Questions)
	m2, _ := before.Scorecard.Mode("m2")
	assert.Equal(t, Provisional, m2.Status, "the room left m2 short")
	assert.Equal(t, "not applicable either time", one.Modes[3].Why)
	assert.NotNil(t, one.Modes[0].Agreement.Change)
}

func TestCompareNewlyAndNoLongerAnswered(t *testing.T) {
	inst := tiny(t)
	before := self(inst, map[string]Answer{"a.q1": lvl(2), "a.q2": dontKnow, "b.q1": lvl(3)})
	after := self(inst, map[string]Answer{"a.q1": dontKnow, "a.q2": lvl(3), "b.q1": lvl(3), "b.q2": lvl(4)})
	c := Compare(before, after)
	moves := map[string]QuestionDelta{}
	for _, q := range c.Questions {
		moves[q.ID] = q
	}
	assert.Equal(t, NoLongerAnswered, moves["a.q1"].Move)
	assert.Equal(t, "dont-know", moves["a.q1"].After)
	assert.Equal(t, NewlyAnswered, moves["a.q2"].Move)
	assert.Equal(t, NewlyAnswered, moves["b.q2"].Move)
	assert.Equal(t, "unanswered", moves["b.q2"].Before)
	assert.Zero(t, moves["b.q2"].Change, "no level before: no number of levels moved")
	assert.Equal(t, Tally{NewlyAnswered: 2, NoLongerAnswered: 1, Unchanged: 1}, c.Moves)
	assert.Empty(t, c.TopUp, "an answer newly given did not move up a number of levels")
}

// A mode is compared only where the like-for-like answers rate it on both
// sides; the index is then the mean of the modes compared, and says which
// it left out.
func TestCompareSaysWhyAModeIsNotCompared(t *testing.T) {
	inst := tiny(t)
	before := self(inst, map[string]Answer{"a.q1": lvl(2), "a.q2": lvl(2), "b.q1": lvl(3)})
	after := self(inst, map[string]Answer{"a.q1": lvl(3), "a.q2": lvl(3), "b.q1": lvl(3), "b.q2": lvl(4)})
	c := Compare(before, after)
	b := c.Modes[1]
	assert.False(t, b.Compared)
	assert.Nil(t, b.Change, "no number for a mode not compared")
	assert.Equal(t, "too few answers to compare: 1 of 2 applicable questions answered with a level before, 2 of 2 now; 80 % needed each time", b.Why)
	assert.Equal(t, []string{"a"}, c.Overall.Modes)
	assert.Equal(t, []string{"b"}, c.Overall.LeftOut)
	assert.Equal(t, 1.0, *c.Overall.Change, "the index over a alone: 2 → 3")
	assert.False(t, c.Principles[1].Compared)
	assert.Contains(t, c.Principles[1].Why, "too few comparable answers: 2 of 3 feeding questions answered with a level before, 3 of 3 now")
}

func TestCompareLeavesOutAModeNotApplicableBothTimes(t *testing.T) {
	inst := tiny(t)
	na := na("no such systems")
	before := self(inst, map[string]Answer{"a.q1": lvl(2), "a.q2": lvl(2), "b.q1": na, "b.q2": na})
	after := self(inst, map[string]Answer{"a.q1": lvl(3), "a.q2": lvl(3), "b.q1": na, "b.q2": na})
	c := Compare(before, after)
	assert.Equal(t, "not applicable either time", c.Modes[1].Why)
	assert.Empty(t, c.Overall.LeftOut, "the index leaves it out anyway")
	now := self(inst, map[string]Answer{"a.q1": lvl(3), "a.q2": lvl(3), "b.q1": lvl(2), "b.q2": lvl(2)})
	c = Compare(before, now)
	assert.Equal(t, "not applicable before", c.Modes[1].Why)
	assert.Equal(t, []string{"b"}, c.Overall.LeftOut)
}

// edited is the built-in instrument with one question reworded, one
// renamed (m6.q8 dropped, m6.q9 new) and a new version.
func edited(t testing.TB) *questionnaire.Instrument {
	t.Helper()
	body := string(defaultInstrument(t).Body())
	for old, new := range map[string]string{
		`version: "1.1.0"`:                    `version: "1.2.0-test"`,
		"who sits on it, and which decisions": "who sits on it, which decisions",
		"m6.q8":                               "m6.q9",
	} {
		require.Contains(t, body, old)
		body = strings.ReplaceAll(body, old, new)
	}
	inst, err := questionnaire.Parse("edited.yaml", []byte(body))
	require.NoError(t, err)
	return inst
}

func everyQuestionAt(inst *questionnaire.Instrument, level int) map[string]Answer {
	out := map[string]Answer{}
	for _, q := range inst.Questions() {
		out[q.ID] = lvl(level)
	}
	return out
}

func TestCompareAcrossInstrumentVersionsLeavesOutWhatChanged(t *testing.T) {
	old, now := defaultInstrument(t), edited(t)
	before := everyQuestionAt(old, 2)
	before["m1.q2"] = lvl(5) // on the old wording: not compared
	after := everyQuestionAt(now, 3)
	c := Compare(self(old, before), self(now, after))

	assert.False(t, c.Instruments.Same)
	assert.Equal(t, []string{"m1.q2"}, c.Instruments.Changed)
	assert.Equal(t, []string{"m6.q9"}, c.Instruments.New)
	assert.Equal(t, []string{"m6.q8"}, c.Instruments.Dropped)
	assert.Equal(t, "1 question changed between instrument 1.1.0 and 1.2.0-test and is left out; 1 is new and 1 was dropped.", c.Note)
	assert.Equal(t, Tally{Up: now.QuestionCount() - 2, Changed: 1, New: 1, Dropped: 1}, c.Moves)
	last := c.Questions[len(c.Questions)-1]
	assert.Equal(t, QuestionDelta{ID: "m6.q8", Mode: "m6", Title: last.Title, Importance: last.Importance, Move: QuestionDropped,
		Before: "2", BeforeAnswer: lvl(2)}, last, "a dropped question comes last, with its earlier answer")

	// m1 keeps 6 of its 7 questions, enough to rate it: its delta is on
	// those 6, so m1.q2's 5 before does not count.
	m1 := c.Modes[0]
	assert.True(t, m1.Compared, m1.Why)
	assert.Equal(t, 2.0, *m1.Before)
	assert.Equal(t, 1.0, *m1.Change)
	assert.Equal(t, Tally{Up: 6, Changed: 1}, m1.Moves)
	assert.Equal(t, 1.0, *c.Overall.Change)
	assert.Len(t, c.Overall.Modes, len(now.Modes))
}

func TestCompareAcrossTheBuiltInInstrumentsSaysSoInWords(t *testing.T) {
	data, err := os.ReadFile("../questionnaire/testdata/default-1.0.1.yaml")
	require.NoError(t, err)
	old, err := questionnaire.Parse("default-1.0.1.yaml", data)
	require.NoError(t, err)
	now := defaultInstrument(t)
	c := Compare(self(old, everyQuestionAt(old, 2)), self(now, everyQuestionAt(now, 3)))
	assert.Equal(t, "35 questions changed between instrument 1.0.1 and 1.1.0 and are left out; 6 are new and 1 was dropped.", c.Note)
	for _, md := range c.Modes {
		assert.False(t, md.Compared, md.ID)
		assert.Nil(t, md.Change, md.ID)
		assert.Regexp(t, `^too few comparable questions: 0 of \d+ unchanged between the instruments, \d+ needed$`, md.Why)
	}
	assert.Nil(t, c.Overall.Change, "nothing is compared, so no index moves")
	assert.Empty(t, c.TopUp)
}

func TestCompareInstrumentNamesWhenOnlyTheHashDiffers(t *testing.T) {
	inst := defaultInstrument(t)
	body := strings.ReplaceAll(string(inst.Body()), "who sits on it, and which decisions", "who sits on it, which decisions")
	other, err := questionnaire.Parse("same-version.yaml", []byte(body))
	require.NoError(t, err)
	c := Compare(self(inst, nil), self(other, nil))
	assert.Equal(t, fmt.Sprintf("1 question changed between instrument 1.1.0 (hash %s) and 1.1.0 (hash %s) and is left out.",
		inst.ShortHash(), other.ShortHash()), c.Note)
	assert.Equal(t, "No question changed between instrument 1.1.0 and 1.2.0-test: every question is compared, both scored with the weights of 1.2.0-test.",
		InstrumentChange{Before: InstrumentRef{ID: "x", Version: "1.1.0"}, After: InstrumentRef{ID: "x", Version: "1.2.0-test"}}.Note())
}

func TestCompareWorkshopsShowsTheChangeInAgreement(t *testing.T) {
	inst := tiny(t)
	room := func(levels map[string][2]int) Evaluation {
		votes := map[string][]Vote{}
		for q, ls := range levels {
			votes[q] = []Vote{{Participant: "Ann", Function: "business", Answer: lvl(ls[0])}, {Participant: "Bo", Function: "it", Answer: lvl(ls[1])}}
		}
		return Evaluate(Responses{Instrument: inst, Workshop: true, Votes: votes})
	}
	// a.q1: 1 and 5 (rwg 0, disputed), a.q2: 2 and 2 (rwg 1) → 3 and 3, 2 and 2
	before := room(map[string][2]int{"a.q1": {1, 5}, "a.q2": {2, 2}, "b.q1": {3, 3}, "b.q2": {3, 3}})
	after := room(map[string][2]int{"a.q1": {3, 3}, "a.q2": {2, 2}, "b.q1": {3, 3}, "b.q2": {3, 3}})
	c := Compare(before, after)
	require.True(t, c.Workshops)
	ag := c.Modes[0].Agreement
	require.NotNil(t, ag)
	assert.Equal(t, 0.5, *ag.Before)
	assert.Equal(t, 1.0, *ag.After)
	assert.Equal(t, 0.5, *ag.Change)
	assert.Equal(t, 1, ag.DisagreementsBefore)
	assert.Equal(t, 0, ag.DisagreementsAfter)
	assert.Equal(t, 0.0, *c.Modes[1].Agreement.Change)

	c = Compare(before, self(inst, nil))
	assert.False(t, c.Workshops, "a self-assessment has no room to agree")
	assert.Nil(t, c.Modes[0].Agreement)
}

// Across versions a mode's agreement is rolled up over the questions
// compared: a changed question the room split on counts on neither side.
func TestCompareWorkshopsAgreementLeavesOutAChangedQuestion(t *testing.T) {
	room := func(inst *questionnaire.Instrument) Evaluation {
		votes := map[string][]Vote{}
		for _, q := range inst.Questions() {
			ann, bo := lvl(3), lvl(3)
			if q.ID == "m1.q2" {
				ann, bo = lvl(1), lvl(5)
			}
			votes[q.ID] = []Vote{{Participant: "Ann", Function: "business", Answer: ann}, {Participant: "Bo", Function: "it", Answer: bo}}
		}
		return Evaluate(Responses{Instrument: inst, Workshop: true, Votes: votes})
	}
	old, now := defaultInstrument(t), edited(t)
	before, after := room(old), room(now)
	require.Equal(t, 1, before.Agreement.Modes[0].Disagreements, "the room split on m1.q2")
	ag := Compare(before, after).Modes[0].Agreement
	require.NotNil(t, ag)
	assert.Equal(t, 1.0, *ag.Before)
	assert.Equal(t, 1.0, *ag.After)
	assert.Zero(t, ag.DisagreementsBefore)
	assert.Zero(t, ag.DisagreementsAfter)
	same := Compare(before, room(old)).Modes[0].Agreement
	assert.Equal(t, 1, same.DisagreementsBefore, "on one instrument m1.q2 is compared")
	assert.Equal(t, *before.Agreement.Modes[0].RWG, *same.Before, "and the mode's agreement is the room's own")
}

func TestCompareOfNothingDoesNotPanic(t *testing.T) {
	c := Compare(Evaluation{}, Evaluation{})
	assert.Empty(t, c.Modes)
	assert.Nil(t, c.Overall.Change)
}

// BenchmarkCompareWorkshops20 evaluates two 20-participant workshops on
// the built-in instrument and compares them: what seam compare does once
// it has read both from the database (budget 5 ms).
func BenchmarkCompareWorkshops20(b *testing.B) {
	inst := defaultInstrument(b)
	room := func(shift int) Responses {
		votes := map[string][]Vote{}
		for p := range 20 {
			for i, q := range inst.Questions() {
				votes[q.ID] = append(votes[q.ID], Vote{Participant: fmt.Sprint("P", p), Function: Functions[p%len(Functions)],
					Answer: lvl(1 + (i+p+shift)%5)})
			}
		}
		return Responses{Instrument: inst, Workshop: true, Votes: votes}
	}
	before, after := room(0), room(2)
	b.ReportAllocs()
	for b.Loop() {
		c := Compare(Evaluate(before), Evaluate(after))
		if len(c.Modes) != len(inst.Modes) {
			b.Fatal("modes missing")
		}
	}
}
