package assessment

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func planFor(t *testing.T, answers map[string]Answer, targets map[string]int, confidence map[string]float64) Plan {
	t.Helper()
	inst := tiny(t)
	res := Score(ScoreInput{Instrument: inst, Answers: answers, Targets: targets, Confidence: confidence})
	return BuildPlan(inst, res)
}

// summary is the plan as "rank question bucket priority" rows.
type row struct {
	Question string
	Action   string
	Bucket   Bucket
	Priority float64
}

func rows(p Plan) []row {
	var out []row
	for _, it := range p.Items {
		out = append(out, row{it.Question, it.Action, it.Bucket, it.Priority})
	}
	return out
}

func TestPlanHandComputed(t *testing.T) {
	p := planFor(t, map[string]Answer{
		"a.q1": lvl(2),   // 3 × 2 × 1 ÷ S1 = 6 → Now
		"a.q2": lvl(4),   // at target: no item
		"b.q1": dontKnow, // importance 2: find-out, 2 × 1 × 1 ÷ 1 = 2 → Now
		"b.q2": lvl(3),   // 3 × 1 × 1 ÷ L3 = 1 → Later
	}, nil, nil)
	assert.Equal(t, []row{
		{"a.q1", "a.q1.a1", Now, 6},
		{"b.q1", "b.q1.a1", Now, 2},
		{"b.q2", "b.q2.a2", Later, 1},
	}, rows(p))

	first := p.Items[0]
	assert.Equal(t, 1, first.Rank)
	assert.Equal(t, Improve, first.Kind)
	assert.Equal(t, 2, first.Level)
	assert.Equal(t, 3, first.Toward, "the action aims at the next level only")
	assert.Equal(t, "Name owners.", first.Do)
	assert.Equal(t, "COO", first.Owners.Business)
	assert.Equal(t, "CIO", first.Owners.IT)
	assert.Equal(t, "priority = importance 3 × gap 2 (level 2, target 4) × confidence 1.00 ÷ effort S 1 = 6.00; Now as 6.00 ≥ 3.0", first.Why)

	findOut := p.Items[1]
	assert.Equal(t, FindOut, findOut.Kind)
	assert.Equal(t, "S", findOut.Effort)
	assert.Contains(t, findOut.Do, "Can you roll back?")
	assert.Contains(t, findOut.Why, "don't know")
}

func TestPlanPullsPrerequisitesForward(t *testing.T) {
	p := planFor(t, map[string]Answer{
		"a.q1": lvl(3), // 3 × 1 ÷ M2 = 1.5 → Next, but a.q2 needs it
		"a.q2": lvl(1), // 3 × 3 ÷ L3 = 3 → Now; its action requires a.q1
		"b.q1": lvl(4),
		"b.q2": lvl(4),
	}, nil, nil)
	assert.Equal(t, []row{
		{"a.q1", "a.q1.a2", Now, 1.5},
		{"a.q2", "a.q2.a1", Now, 3},
	}, rows(p))
	assert.Equal(t, "a.q2", p.Items[0].PulledBy)
	assert.Contains(t, p.Items[0].Why, "pulled into Now (0-90 days) because a.q2 needs it first")
	assert.Equal(t, []string{"a.q1"}, p.Items[1].Requires)
	assert.Contains(t, p.Items[1].Why, "comes after a.q1, its prerequisite")
}

func TestPlanDropsPrerequisitesAlreadyMet(t *testing.T) {
	p := planFor(t, map[string]Answer{"a.q1": lvl(5), "a.q2": lvl(1)}, nil, nil)
	require.Len(t, p.Items, 1)
	assert.Empty(t, p.Items[0].Requires)
}

func TestPlanConfidenceLowersPriority(t *testing.T) {
	p := planFor(t, map[string]Answer{"a.q1": lvl(2), "b.q2": lvl(2)}, nil, map[string]float64{"a.q1": 0.5})
	// a.q1: 3 × 2 × 0.5 ÷ 1 = 3; b.q2: 3 × 2 × 1 ÷ M2 = 3: tie, instrument order decides
	assert.Equal(t, []row{
		{"a.q1", "a.q1.a1", Now, 3},
		{"b.q2", "b.q2.a1", Now, 3},
	}, rows(p))
}

func TestPlanTargets(t *testing.T) {
	answers := map[string]Answer{"a.q1": lvl(4), "b.q1": lvl(4)}
	assert.Empty(t, planFor(t, answers, nil, nil).Items, "level 4 meets the default target")
	p := planFor(t, answers, map[string]int{"b": 5}, nil)
	// b.q1 at 4 toward 5: action a2 (from 3-4), 2 × 1 ÷ S1 = 2 → Next
	assert.Equal(t, []row{{"b.q1", "b.q1.a2", Next, 2}}, rows(p))
	assert.Equal(t, 5, p.Items[0].Toward)
}

func TestPlanMinorDontKnowRaisesNoItem(t *testing.T) {
	inst := defaultInstrument(t)
	var minor string
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			if q.Importance < FindOutFrom {
				minor = q.ID
			}
		}
	}
	require.NotEmpty(t, minor, "the default instrument has a question of importance 1")
	res := Score(ScoreInput{Instrument: inst, Answers: map[string]Answer{minor: dontKnow}})
	_, found := BuildPlan(inst, res).Find(minor)
	assert.False(t, found)
}
