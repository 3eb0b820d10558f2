package assessment

import (
	"encoding/json"
	"math/rand/v2"
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

func atLeast(t *testing.T, before, after *float64, what string) {
	t.Helper()
	if before == nil {
		return
	}
	require.NotNil(t, after, what)
	assert.GreaterOrEqual(t, *after, *before, what)
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
		beforePlan := BuildPlan(inst, before)

		raised := map[string]Answer{}
		for k, v := range answers {
			raised[k] = v
		}
		raised[id] = lvl(answers[id].Level + 1)
		after := Score(ScoreInput{Instrument: inst, Answers: raised, Targets: targets})
		afterPlan := BuildPlan(inst, after)

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
			_, was := beforePlan.Find(it.Question)
			assert.True(t, was, "trial %d: %s appeared after raising %s", trial, it.Question, id)
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
	assert.Empty(t, BuildPlan(inst, res).Items)
	assert.Equal(t, 5.0, *res.Overall)
	assert.Equal(t, 5, res.Staged)
}

func TestAllOnesPutEveryQuestionInThePlan(t *testing.T) {
	inst := defaultInstrument(t)
	res := Score(ScoreInput{Instrument: inst, Answers: uniform(inst, 1)})
	plan := BuildPlan(inst, res)
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

func TestPlanOrderRespectsPrerequisitesAndBuckets(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		res := Score(ScoreInput{Instrument: inst, Answers: randomAnswers(rng, inst), Targets: randomTargets(rng, inst)})
		plan := BuildPlan(inst, res)
		pos := map[string]int{}
		for i, it := range plan.Items {
			pos[it.Question] = i
			if i > 0 {
				assert.LessOrEqual(t, plan.Items[i-1].Bucket.order(), it.Bucket.order(), "buckets in order")
			}
		}
		for i, it := range plan.Items {
			assert.Equal(t, i+1, it.Rank)
			for _, req := range it.Requires {
				assert.Less(t, pos[req], i, "%s must come after its prerequisite %s", it.Question, req)
			}
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
		}{res, BuildPlan(inst, res)})
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
		BuildPlan(inst, res)
	}
}

func TestOverallIndexIsTheScorecardsIndex(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 300 {
		self := Responses{Instrument: inst, Answers: randomAnswers(rng, inst), Targets: randomTargets(rng, inst)}
		assert.Equal(t, Evaluate(self).Scorecard.Overall, OverallIndex(self), "self-assessment, trial %d", trial)

		room := Responses{Instrument: inst, Workshop: true, Votes: map[string][]Vote{}, Consensus: map[string]Answer{}}
		for p := range 1 + rng.IntN(6) {
			for id, a := range randomAnswers(rng, inst) {
				room.Votes[id] = append(room.Votes[id], Vote{Participant: string(rune('A' + p)), Function: Functions[p%len(Functions)], Answer: a})
			}
		}
		room.Consensus["m1.q1"] = lvl(1 + rng.IntN(5))
		assert.Equal(t, Evaluate(room).Scorecard.Overall, OverallIndex(room), "workshop, trial %d", trial)
	}
	assert.Nil(t, OverallIndex(Responses{Instrument: inst}), "nothing answered, no index")
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
