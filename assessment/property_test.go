package assessment

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/questionnaire"
)

// randomAnswers gives every question of the default instrument a level,
// don't know, n/a or nothing, mostly levels.
func randomAnswers(rng *rand.Rand, inst *questionnaire.Instrument) map[string]Answer {
	out := map[string]Answer{}
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			switch r := rng.IntN(10); {
			case r < 7:
				out[q.ID] = lvl(1 + rng.IntN(5))
			case r == 7:
				out[q.ID] = dontKnow
			case r == 8:
				out[q.ID] = na("not in scope")
			}
		}
	}
	return out
}

func randomTargets(rng *rand.Rand, inst *questionnaire.Instrument) map[string]int {
	out := map[string]int{}
	for _, m := range inst.Modes {
		out[m.ID] = 2 + rng.IntN(4)
	}
	return out
}

// atLeast and atMost require a score that existed before to exist after,
// no lower (no higher) than it was.
func atLeast(t *testing.T, before, after *float64, what string) {
	t.Helper()
	compareAfter(t, before, after, what, assert.GreaterOrEqual)
}

func atMost(t *testing.T, before, after *float64, what string) {
	t.Helper()
	compareAfter(t, before, after, what, assert.LessOrEqual)
}

func compareAfter(t *testing.T, before, after *float64, what string, cmp func(assert.TestingT, any, any, ...any) bool) {
	t.Helper()
	if before == nil {
		return
	}
	require.NotNil(t, after, what)
	cmp(t, *after, *before, what)
}

func TestRaisingAnAnswerNeverHurts(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		answers := randomAnswers(rng, inst)
		targets := randomTargets(rng, inst)
		var raisable []string
		for id, a := range answers {
			if a.Kind == Level && a.Level < 5 {
				raisable = append(raisable, id)
			}
		}
		if len(raisable) == 0 {
			continue
		}
		id := raisable[rng.IntN(len(raisable))]
		before := Score(ScoreInput{Instrument: inst, Answers: answers, Targets: targets})
		beforePlan := BuildPlan(inst, before, 0)

		raised := map[string]Answer{}
		for k, v := range answers {
			raised[k] = v
		}
		raised[id] = lvl(answers[id].Level + 1)
		after := Score(ScoreInput{Instrument: inst, Answers: raised, Targets: targets})
		afterPlan := BuildPlan(inst, after, 0)

		q, _ := inst.Question(id)
		mb, _ := before.Mode(q.Mode)
		ma, _ := after.Mode(q.Mode)
		atLeast(t, mb.Score, ma.Score, "mode score")
		atLeast(t, before.Overall, after.Overall, "overall index")
		assert.GreaterOrEqual(t, after.Staged, before.Staged, "trial %d: staged level", trial)
		for i := range before.Principles {
			atLeast(t, before.Principles[i].Alignment, after.Principles[i].Alignment, "alignment of "+before.Principles[i].ID)
		}
		assert.LessOrEqual(t, len(afterPlan.Items), len(beforePlan.Items), "trial %d: raising %s added a plan item", trial, id)
		for _, it := range afterPlan.Items {
			_, was := beforePlan.Find(it.ID)
			assert.True(t, was, "trial %d: %s appeared after raising %s", trial, it.ID, id)
		}
	}
}

func uniform(inst *questionnaire.Instrument, level int) map[string]Answer {
	out := map[string]Answer{}
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			out[q.ID] = lvl(level)
		}
	}
	return out
}

func TestAllFivesGiveAnEmptyPlan(t *testing.T) {
	inst := defaultInstrument(t)
	targets := map[string]int{}
	for _, m := range inst.Modes {
		targets[m.ID] = 5
	}
	res := Score(ScoreInput{Instrument: inst, Answers: uniform(inst, 5), Targets: targets})
	assert.Empty(t, BuildPlan(inst, res, 0).Items)
	assert.Equal(t, 5.0, *res.Overall)
	assert.Equal(t, 5, res.Staged)
}

func TestAllOnesPutEveryQuestionInThePlan(t *testing.T) {
	inst := defaultInstrument(t)
	res := Score(ScoreInput{Instrument: inst, Answers: uniform(inst, 1)})
	plan := BuildPlan(inst, res, 0)
	require.Len(t, plan.Items, inst.QuestionCount())
	for _, it := range plan.Items {
		assert.Equal(t, 1, it.Level)
		assert.Equal(t, 2, it.Toward)
		assert.Equal(t, 3, it.Gap)
	}
	assert.Equal(t, 1, res.Staged)
	for _, p := range res.Principles {
		assert.Equal(t, 0.0, *p.Alignment)
	}
}

// randomPlan is a random self-assessment's scorecard and plan on the
// default instrument, with a random capacity of 1 to 8 points.
func randomPlan(rng *rand.Rand, inst *questionnaire.Instrument) (Result, Plan) {
	res := Score(ScoreInput{Instrument: inst, Answers: randomAnswers(rng, inst), Targets: randomTargets(rng, inst)})
	return res, BuildPlan(inst, res, 1+rng.IntN(8))
}

func TestPlanOrderRespectsPrerequisitesAndBuckets(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(7, 7))
	for range 300 {
		_, plan := randomPlan(rng, inst)
		pos := map[string]int{}
		for i, it := range plan.Items {
			pos[it.ID] = i
			if i > 0 {
				assert.LessOrEqual(t, plan.Items[i-1].Bucket.order(), it.Bucket.order(), "buckets in order")
			}
		}
		for i, it := range plan.Items {
			assert.Equal(t, i+1, it.Rank)
			for _, req := range it.Requires {
				require.Contains(t, pos, req, "an unmet prerequisite of %s is in the plan", it.ID)
				assert.Less(t, pos[req], i, "%s must come after its prerequisite %s", it.ID, req)
			}
		}
	}
}

// requiresTransitively says whether item a needs item b first, directly or
// through other items.
func requiresTransitively(plan Plan, a, b string) bool {
	seen := map[string]bool{}
	var walk func(id string) bool
	walk = func(id string) bool {
		it, _ := plan.Find(id)
		for _, r := range it.Requires {
			if r == b || (!seen[r] && func() bool { seen[r] = true; return walk(r) }()) {
				return true
			}
		}
		return false
	}
	return walk(a)
}

// TestHigherPriorityRanksHigher: for two items A and B where A does not
// need B first, a higher priority ranks A above B, unless B was placed
// early as the unmet prerequisite of an item ranked above A (B is then
// marked PulledBy, and everything between B and that item is needed by it
// too). So no item is ever moved down because of its prerequisites.
func TestHigherPriorityRanksHigher(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := range 300 {
		_, plan := randomPlan(rng, inst)
		for i, a := range plan.Items {
			for j, b := range plan.Items {
				if a.Priority > b.Priority && b.PulledBy == "" && !requiresTransitively(plan, a.ID, b.ID) {
					assert.Less(t, i, j, "trial %d: %s (%.2f) ranks below %s (%.2f)", trial, a.ID, a.Priority, b.ID, b.Priority)
				}
			}
			if a.PulledBy != "" {
				by, ok := plan.Find(a.PulledBy)
				require.True(t, ok)
				assert.Less(t, a.Rank, by.Rank)
				for _, between := range plan.Items[i+1 : by.Rank-1] {
					assert.True(t, requiresTransitively(plan, by.ID, between.ID),
						"trial %d: %s sits between %s and %s, which pulled it, without being needed by it", trial, between.ID, a.ID, by.ID)
				}
			}
		}
	}
}

// TestOnlyUnmetPrerequisitesCount: every prerequisite an item lists is a
// question below the level its action needs (or unknown), and every
// unmet one is listed; a met prerequisite adds and moves nothing.
func TestOnlyUnmetPrerequisitesCount(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(13, 14))
	for trial := range 300 {
		res, plan := randomPlan(rng, inst)
		for _, it := range plan.Items {
			if it.Kind != Improve {
				continue
			}
			q, _ := inst.Question(it.Question)
			act, _ := q.ActionFor(it.Level)
			want := []string{}
			for _, r := range act.Requires {
				qr, _ := res.Question(r.Question)
				switch {
				case qr.Given.Kind == Level && qr.Given.Level < r.MinLevel():
					want = append(want, r.Question)
				case qr.Given.Kind == DontKnow:
					want = append(want, inst.Questions()[slices.IndexFunc(inst.Questions(), func(x *questionnaire.Question) bool { return x.ID == r.Question })].Mode+".find-out")
				}
			}
			assert.ElementsMatch(t, want, it.Requires, "trial %d: %s", trial, it.ID)
		}
		// An item that is in the plan only as a prerequisite exists because
		// something needs it.
		for _, it := range plan.Items {
			if it.Kind == Improve {
				qr, _ := res.Question(it.Question)
				if qr.Given.Level >= qr.Target {
					needed := false
					for _, other := range plan.Items {
						needed = needed || slices.Contains(other.Requires, it.ID)
					}
					assert.True(t, needed, "trial %d: %s at its target is in the plan with nothing needing it", trial, it.ID)
				}
			}
		}
	}
}

// TestHorizonsHoldTheirCapacity: the effort in Now, Next and Later never
// exceeds the capacity, except one item larger than the capacity, alone.
func TestHorizonsHoldTheirCapacity(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(15, 16))
	for trial := range 300 {
		_, plan := randomPlan(rng, inst)
		used := map[Bucket]int{}
		count := map[Bucket]int{}
		for _, it := range plan.Items {
			used[it.Bucket] += it.EffortCost
			count[it.Bucket]++
		}
		assert.Equal(t, used, plan.Used, "trial %d", trial)
		for _, b := range []Bucket{Now, Next, Later} {
			if used[b] > plan.Capacity {
				assert.Equal(t, 1, count[b], "trial %d: %s holds %d of %d points in %d items", trial, b, used[b], plan.Capacity, count[b])
			}
		}
	}
}

// TestNotKnowingNeverHelps: turning any level into don't-know never raises
// a mode score, a principle's alignment or the index.
func TestNotKnowingNeverHelps(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(17, 18))
	for trial := range 300 {
		answers := randomAnswers(rng, inst)
		var levels []string
		for id, a := range answers {
			if a.Kind == Level {
				levels = append(levels, id)
			}
		}
		if len(levels) == 0 {
			continue
		}
		slices.Sort(levels)
		id := levels[rng.IntN(len(levels))]
		before := Score(ScoreInput{Instrument: inst, Answers: answers})
		unknown := maps.Clone(answers)
		unknown[id] = dontKnow
		after := Score(ScoreInput{Instrument: inst, Answers: unknown})
		for i := range before.Modes {
			atMost(t, before.Modes[i].Score, after.Modes[i].Score, fmt.Sprintf("trial %d: %s after %s became don't know", trial, before.Modes[i].ID, id))
		}
		for i := range before.Principles {
			atMost(t, before.Principles[i].Alignment, after.Principles[i].Alignment, fmt.Sprintf("trial %d: alignment of %s", trial, before.Principles[i].ID))
		}
		atMost(t, before.Overall, after.Overall, fmt.Sprintf("trial %d: index after %s became don't know", trial, id))
	}
}

// TestRemovingAnswersNeverRatesAnUnderCoveredIndex: whatever answers are
// taken away, a rated index means every applicable mode has at least
// RatedFrom of its questions answered with a level.
func TestRemovingAnswersNeverRatesAnUnderCoveredIndex(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(19, 20))
	for trial := range 300 {
		answers := randomAnswers(rng, inst)
		for id := range answers {
			if rng.IntN(3) == 0 {
				delete(answers, id)
			}
		}
		res := Score(ScoreInput{Instrument: inst, Answers: answers})
		for _, ms := range res.Modes {
			if ms.Status == ModeNotApplicable {
				continue
			}
			covered := float64(ms.Answered) >= RatedFrom*float64(ms.Applicable)-1e-9
			assert.Equal(t, covered, ms.Status == Rated, "trial %d: %s %d of %d", trial, ms.ID, ms.Answered, ms.Applicable)
			if res.Rated {
				assert.True(t, covered, "trial %d: a rated index with %s at %d of %d", trial, ms.ID, ms.Answered, ms.Applicable)
			}
		}
		if !res.Rated && res.Overall != nil {
			assert.NotEmpty(t, res.NotRated, "trial %d: an unrated index says what is missing", trial)
		}
	}
}

func TestSameInputSameBytes(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(3, 4))
	answers, targets := randomAnswers(rng, inst), randomTargets(rng, inst)
	render := func() []byte {
		res := Score(ScoreInput{Instrument: inst, Answers: answers, Targets: targets})
		out, err := json.Marshal(struct {
			R Result
			P Plan
		}{res, BuildPlan(inst, res, 0)})
		require.NoError(t, err)
		return out
	}
	first := render()
	for range 20 {
		assert.Equal(t, first, render())
	}
}

// BenchmarkScoreAndPlan measures scoring plus planning one self-assessment
// on the default instrument.
func BenchmarkScoreAndPlan(b *testing.B) {
	inst := defaultInstrument(b)
	answers := randomAnswers(rand.New(rand.NewPCG(5, 6)), inst)
	b.ReportAllocs()
	for b.Loop() {
		res := Score(ScoreInput{Instrument: inst, Answers: answers})
		BuildPlan(inst, res, 0)
	}
}

func TestOverallIndexIsTheScorecardsIndex(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 300 {
		self := Responses{Instrument: inst, Answers: randomAnswers(rng, inst), Targets: randomTargets(rng, inst)}
		assert.Equal(t, ratedIndex(Evaluate(self).Scorecard), OverallIndex(self), "self-assessment, trial %d", trial)

		room := Responses{Instrument: inst, Workshop: true, Votes: map[string][]Vote{}, Consensus: map[string]Answer{}}
		for p := range 1 + rng.IntN(6) {
			for id, a := range randomAnswers(rng, inst) {
				room.Votes[id] = append(room.Votes[id], Vote{Participant: string(rune('A' + p)), Function: Functions[p%len(Functions)], Answer: a})
			}
		}
		room.Consensus["m1.q1"] = lvl(1 + rng.IntN(5))
		assert.Equal(t, ratedIndex(Evaluate(room).Scorecard), OverallIndex(room), "workshop, trial %d", trial)
	}
	assert.Nil(t, OverallIndex(Responses{Instrument: inst}), "nothing answered, no index")
}

// ratedIndex is the index a list may show: the scorecard's, when rated.
func ratedIndex(r Result) *float64 {
	if !r.Rated {
		return nil
	}
	return r.Overall
}

func TestAnswersOffTheScaleAreNotCounted(t *testing.T) {
	inst := defaultInstrument(t)
	bad := map[string]Answer{"m1.q1": lvl(9), "m1.q2": lvl(-3), "m1.q3": lvl(0), "m1.q4": {Kind: AnswerKind(42)}, "m1.q5": lvl(2)}
	ev := Evaluate(Responses{Instrument: inst, Answers: bad})
	m1, _ := ev.Scorecard.Mode("m1")
	require.NotNil(t, m1.Score)
	assert.Equal(t, 2.0, *m1.Score, "only the level 2 counts")
	assert.Equal(t, 1, m1.Answered)
	for _, id := range []string{"m1.q1", "m1.q2", "m1.q3", "m1.q4"} {
		e, err := ev.Explain(id)
		require.NoError(t, err)
		assert.Contains(t, e.Lines, "Answer: not answered", id)
	}
	room := Evaluate(Responses{Instrument: inst, Workshop: true, Votes: map[string][]Vote{"m1.q1": {{Function: "it", Answer: lvl(9)}, {Function: "business", Answer: lvl(3)}}},
		Consensus: map[string]Answer{"m1.q2": lvl(7)}})
	q1, _ := room.Scorecard.Question("m1.q1")
	assert.Equal(t, 3, q1.Level, "the vote off the scale is left out")
	q2, _ := room.Scorecard.Question("m1.q2")
	assert.Equal(t, Unanswered, q2.Given.Kind, "so is a consensus off the scale")
}
