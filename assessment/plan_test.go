package assessment

import (
	"testing"

	"github.com/seam-dev/seam/questionnaire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func planFor(t *testing.T, answers map[string]Answer, targets map[string]int, confidence map[string]float64) Plan {
	t.Helper()
	inst := tiny(t)
	res := Score(ScoreInput{Instrument: inst, Answers: answers, Targets: targets, Confidence: confidence})
	return BuildPlan(inst, res, 0)
}

func planWith(t *testing.T, answers map[string]Answer, targets map[string]int, confidence map[string]float64, capacity int) Plan {
	t.Helper()
	inst := tiny(t)
	res := Score(ScoreInput{Instrument: inst, Answers: answers, Targets: targets, Confidence: confidence})
	return BuildPlan(inst, res, capacity)
}

// row is a plan item as "id action bucket priority".
type row struct {
	ID       string
	Action   string
	Bucket   Bucket
	Priority float64
}

func rows(p Plan) []row {
	var out []row
	for _, it := range p.Items {
		out = append(out, row{it.ID, it.Action, it.Bucket, it.Priority})
	}
	return out
}

func TestPlanHandComputed(t *testing.T) {
	p := planFor(t, map[string]Answer{
		"a.q1": lvl(2),   // 3 × 2 × 1 ÷ S1 = 6 → Now
		"a.q2": lvl(4),   // at target: no item
		"b.q1": dontKnow, // importance 2, counted as 1: b's find-out item, 2 × 3 × 1 ÷ S1 = 6 → Now, after a.q1 (importance 3)
		"b.q2": lvl(3),   // 3 × 1 × 1 ÷ L3 = 1 → Later
	}, nil, nil)
	assert.Equal(t, []row{
		{"a.q1", "a.q1.a1", Now, 6},
		{"b.find-out", "b.find-out", Now, 6},
		{"b.q2", "b.q2.a2", Later, 1},
	}, rows(p))

	first := p.Items[0]
	assert.Equal(t, 1, first.Rank)
	assert.Equal(t, Improve, first.Kind)
	assert.Equal(t, 2, first.Level)
	assert.Equal(t, 3, first.Toward, "the action aims at the next level only")
	assert.Equal(t, "Name owners.", first.Do)
	assert.Equal(t, []questionnaire.Role{{Name: "COO", Function: "business"}, {Name: "CIO", Function: "it"}}, first.Owners,
		"free-text owners of an instrument before 1.1 stand as a business and an IT role")
	assert.Equal(t, "priority = importance 3 × gap 2 (level 2, target 4) × confidence 1.00 ÷ effort S 1 = 6.00", first.Why)
	assert.Equal(t, "Now (0-90 days): priority 6.00 ≥ 3.0 (Now holds 2 of 6 effort points)", first.Placement)

	findOut := p.Items[1]
	assert.Equal(t, FindOut, findOut.Kind)
	assert.Equal(t, "S", findOut.Effort)
	assert.Equal(t, []string{"b.q1"}, findOut.Questions)
	assert.Empty(t, findOut.Question)
	assert.Contains(t, findOut.Do, "b.q1 Rollback")
	assert.Contains(t, findOut.Why, "don't know")
	it, ok := p.Find("b.q1")
	require.True(t, ok, "a question a find-out item lists finds it")
	assert.Equal(t, "b.find-out", it.ID)
	assert.Equal(t, map[Bucket]int{Now: 2, Later: 3}, p.Used)
	assert.Equal(t, DefaultCapacity, p.Capacity)
}

// TestPlanPlacesAnUnmetPrerequisiteJustBeforeWhatNeedsIt: a.q2's action
// needs a.q1 at level 3 (the tiny instrument names it without a level).
// a.q1 ranks lower, so it is placed just before a.q2, in a.q2's horizon;
// b.q2, ranked above both, stays first.
func TestPlanPlacesAnUnmetPrerequisiteJustBeforeWhatNeedsIt(t *testing.T) {
	p := planFor(t, map[string]Answer{
		"a.q1": lvl(2), // target 3: 3 × 1 × 0.5 ÷ S1 = 1.5 → Next
		"a.q2": lvl(1), // target 3: 3 × 2 × 1 ÷ L3 = 2 → Next; needs a.q1 at 3
		"b.q2": lvl(2), // 3 × 2 × 1 ÷ M2 = 3 → Now
	}, map[string]int{"a": 3}, map[string]float64{"a.q1": 0.5})
	assert.Equal(t, []row{
		{"b.q2", "b.q2.a1", Now, 3},
		{"a.q1", "a.q1.a1", Next, 1.5},
		{"a.q2", "a.q2.a1", Next, 2},
	}, rows(p))
	assert.Equal(t, "a.q2", p.Items[1].PulledBy)
	assert.Contains(t, p.Items[1].Placement, "placed just before a.q2, which needs it first")
	assert.Equal(t, []string{"a.q1"}, p.Items[2].Requires)
	assert.Contains(t, p.Items[2].Why, "comes after a.q1, its unmet prerequisite")
}

func TestPlanAMetPrerequisiteAddsAndMovesNothing(t *testing.T) {
	p := planFor(t, map[string]Answer{"a.q1": lvl(3), "a.q2": lvl(1)}, nil, nil)
	require.Len(t, p.Items, 2)
	assert.Equal(t, "a.q2", p.Items[0].ID, "3 × 3 ÷ L3 = 3 ranks above a.q1's 3 × 1 ÷ M2 = 1.5")
	assert.Empty(t, p.Items[0].Requires, "a.q1 at 3 meets the level a.q2 needs")
	assert.Empty(t, p.Items[1].PulledBy)

	p = planFor(t, map[string]Answer{"a.q1": lvl(5), "a.q2": lvl(1)}, nil, nil)
	require.Len(t, p.Items, 1)
	assert.Empty(t, p.Items[0].Requires)
}

func TestPlanAnUnmetPrerequisiteAtItsTargetIsAdded(t *testing.T) {
	// a.q1 at 2 meets a target of 2, but a.q2 needs it at 3.
	p := planFor(t, map[string]Answer{"a.q1": lvl(2), "a.q2": lvl(1)}, map[string]int{"a": 2}, nil)
	assert.Equal(t, []row{
		{"a.q1", "a.q1.a1", Now, 3},
		{"a.q2", "a.q2.a1", Later, 1},
	}, rows(p))
	assert.Equal(t, 3, p.Items[0].Target, "aimed at the level a.q2 needs")
	assert.Equal(t, []string{"a.q1"}, p.Items[1].Requires)
}

func TestPlanAPrerequisiteNobodyKnowsIsFoundOutFirst(t *testing.T) {
	p := planFor(t, map[string]Answer{"a.q1": dontKnow, "a.q2": lvl(1)}, nil, nil)
	require.Len(t, p.Items, 2)
	assert.Equal(t, "a.find-out", p.Items[0].ID)
	assert.Equal(t, []string{"a.find-out"}, p.Items[1].Requires)
}

func TestPlanFillsHorizonsUpToTheCapacity(t *testing.T) {
	p := planWith(t, map[string]Answer{
		"a.q1": lvl(2), // 6, S1 → Now
		"b.q2": lvl(2), // 3, M2 → Now by priority, but Now has 1 of 2 left → Next
		"b.q1": lvl(2), // 2 × 2 ÷ M2 = 2, Next by priority, Next is full → Later
		"a.q2": lvl(4),
	}, nil, nil, 2)
	assert.Equal(t, []row{
		{"a.q1", "a.q1.a1", Now, 6},
		{"b.q2", "b.q2.a1", Next, 3},
		{"b.q1", "b.q1.a1", Later, 2},
	}, rows(p))
	assert.Equal(t, 2, p.Deferred)
	assert.Equal(t, map[Bucket]int{Now: 1, Next: 2, Later: 2}, p.Used)
	assert.Contains(t, p.Items[1].Placement, "Next (3-6 months), not Now (0-90 days): the capacity of 2 effort points per horizon is taken by items ranked higher")

	p = planWith(t, map[string]Answer{"a.q1": lvl(2), "a.q2": lvl(1), "b.q1": lvl(4), "b.q2": lvl(4)}, nil, nil, 2)
	assert.Equal(t, []row{
		{"a.q1", "a.q1.a1", Now, 6},
		{"a.q2", "a.q2.a1", Next, 3},
	}, rows(p), "an L item larger than the capacity stands alone in the next horizon")
}

func TestPlanConfidenceLowersPriority(t *testing.T) {
	p := planFor(t, map[string]Answer{"a.q1": lvl(2), "b.q2": lvl(2)}, nil, map[string]float64{"a.q1": 0.5})
	// a.q1: 3 × 2 × 0.5 ÷ 1 = 3; b.q2: 3 × 2 × 1 ÷ M2 = 3: tie, instrument order decides
	assert.Equal(t, []row{
		{"a.q1", "a.q1.a1", Now, 3},
		{"b.q2", "b.q2.a1", Now, 3},
	}, rows(p), "a tie of priority and importance: the id decides")
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
	_, found := BuildPlan(inst, res, 0).Find(minor)
	assert.False(t, found)
}
