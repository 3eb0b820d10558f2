package assessment

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScoreHandComputed(t *testing.T) {
	inst := tiny(t)
	res := Score(ScoreInput{Instrument: inst, Answers: map[string]Answer{
		"a.q1": lvl(2),
		"a.q2": lvl(4),
		"b.q1": dontKnow,
		"b.q2": lvl(3),
	}})

	a, _ := res.Mode("a")
	// (3×2 + 3×4) ÷ (3 + 3) = 3.0
	require.NotNil(t, a.Score)
	assert.Equal(t, 3.0, *a.Score)
	assert.Equal(t, "Defined", a.LevelName)
	assert.Equal(t, 1.0, *a.Gap)
	assert.Equal(t, 1.0, a.Coverage)
	assert.Equal(t, 1, a.HighRisks)

	assert.Equal(t, Rated, a.Status)

	b, _ := res.Mode("b")
	// the don't-know on b.q1 (importance 2) counts as 1: (2×1 + 3×3) ÷ 5 = 2.2;
	// coverage 1 of 2, below the 80 % that rates a mode
	assert.Equal(t, 2.2, *b.Score)
	assert.Equal(t, 0.5, b.Coverage)
	assert.Equal(t, 1, b.DontKnow)
	assert.Equal(t, Provisional, b.Status)
	assert.Equal(t, "1 of 2 answered, 2 needed to rate it", b.Missing)
	q, _ := res.Question("b.q1")
	assert.Equal(t, 1, q.Counted)
	assert.Zero(t, q.Level)

	assert.Equal(t, 2.6, *res.Overall)
	assert.False(t, res.Rated, "b is not rated, so neither is the index")
	assert.Equal(t, []string{"b has 1 of 2 answered"}, res.NotRated)
	assert.Equal(t, 0, res.Staged)
	assert.Equal(t, "b", res.Weakest)
	assert.Equal(t, 3, res.Answered)
	assert.Equal(t, 4, res.Applicable)
	assert.Equal(t, 0.75, res.Coverage)
	assert.Equal(t, 2, res.Unverified, "a.q2 at 4 and b.q2 at 3 carry no evidence")

	// alpha: a.q1 w1 25 %, a.q2 w0.5 75 %, b.q2 w0.5 50 % → 87.5 ÷ 2 = 43.75
	// beta: a.q2 w1 75 %, b.q2 w0.5 50 %, b.q1 w1 don't know as 1 → 0 % → 100 ÷ 2.5 = 40
	require.Len(t, res.Principles, 2)
	assert.Equal(t, 43.8, *res.Principles[0].Alignment)
	assert.Equal(t, 40.0, *res.Principles[1].Alignment)
	assert.Equal(t, 3, res.Principles[1].FedBy)
	assert.Equal(t, 2, res.Principles[1].Answered)

	risks := map[string]Risk{}
	for _, m := range res.Modes {
		for _, q := range m.Results {
			risks[q.ID] = q.Risk
		}
	}
	assert.Equal(t, map[string]Risk{"a.q1": RiskHigh, "a.q2": RiskNone, "b.q1": RiskUnknown, "b.q2": RiskMedium}, risks)
}

func TestScoreCases(t *testing.T) {
	inst := tiny(t)
	tests := []struct {
		name     string
		answers  map[string]Answer
		targets  map[string]int
		modeB    *float64
		coverB   float64
		staged   int
		overall  *float64
		riskOfB2 Risk
		statusB  ModeStatus
	}{
		{
			name:    "nothing answered has no scores",
			answers: map[string]Answer{},
			coverB:  0, staged: 0, riskOfB2: RiskUnknown, statusB: ModeUnanswered,
		},
		{
			name:    "n/a leaves the denominator",
			answers: map[string]Answer{"b.q1": na("no deployments"), "b.q2": lvl(5)},
			modeB:   ptr(5), coverB: 1, staged: 0, overall: ptr(5), riskOfB2: RiskNone, statusB: Rated,
		},
		{
			name:    "a lower target turns a gap into no risk",
			answers: map[string]Answer{"a.q1": lvl(1), "a.q2": lvl(2), "b.q1": lvl(2), "b.q2": lvl(3)},
			targets: map[string]int{"b": 3},
			// a: (3+6)/6 = 1.5; b: (2×2 + 3×3)/5 = 2.6; staged floor(1.5) = 1
			modeB: ptr(2.6), coverB: 1, staged: 1, overall: ptr(2.05), riskOfB2: RiskNone, statusB: Rated,
		},
		{
			name:    "all n/a: the mode is not applicable, left out, not covered",
			answers: map[string]Answer{"b.q1": na("x"), "b.q2": na("y")},
			coverB:  0, staged: 0, riskOfB2: RiskNone, statusB: ModeNotApplicable,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Score(ScoreInput{Instrument: inst, Answers: tc.answers, Targets: tc.targets})
			b, _ := res.Mode("b")
			assert.Equal(t, tc.modeB, b.Score)
			assert.Equal(t, tc.coverB, b.Coverage)
			assert.Equal(t, tc.staged, res.Staged)
			assert.Equal(t, tc.overall, res.Overall)
			q, _ := res.Question("b.q2")
			assert.Equal(t, tc.riskOfB2, q.Risk)
			assert.Equal(t, tc.statusB, b.Status)
		})
	}
}

func TestAModeAllNotApplicableIsLeftOutVisibly(t *testing.T) {
	res := Score(ScoreInput{Instrument: tiny(t), Answers: map[string]Answer{
		"a.q1": lvl(2), "a.q2": lvl(3), "b.q1": na("no deployments"), "b.q2": na("no deployments"),
	}})
	b, _ := res.Mode("b")
	assert.Equal(t, ModeNotApplicable, b.Status)
	assert.Nil(t, b.Score)
	assert.Equal(t, []string{"no deployments"}, b.NAReasons)
	assert.Equal(t, []string{"b"}, res.NotApplicable)
	assert.True(t, res.Rated, "a is rated and b is out")
	assert.Equal(t, 2.5, *res.Overall, "the index is a's alone")
	assert.Equal(t, "a", res.Weakest)
}

func TestRiskGrades(t *testing.T) {
	tests := []struct {
		answer     Answer
		importance int
		target     int
		want       Risk
		gap        int
	}{
		{lvl(2), 3, 4, RiskHigh, 2},   // 2 × 3 = 6
		{lvl(3), 3, 4, RiskMedium, 1}, // 1 × 3 = 3
		{lvl(2), 2, 4, RiskHigh, 2},   // 2 × 2 = 4
		{lvl(1), 1, 4, RiskMedium, 3}, // 3 × 1 = 3
		{lvl(4), 3, 4, RiskNone, 0},
		{lvl(5), 3, 4, RiskNone, 0},
		{dontKnow, 3, 4, RiskUnknown, 0},
		{Answer{}, 3, 4, RiskUnknown, 0},
		{na("r"), 3, 4, RiskNone, 0},
	}
	for _, tc := range tests {
		got, gap := riskOf(tc.answer, tc.importance, tc.target)
		assert.Equal(t, tc.want, got, "%+v imp %d target %d", tc.answer, tc.importance, tc.target)
		assert.Equal(t, tc.gap, gap)
	}
}

func TestConfidenceIsFlooredAtHalf(t *testing.T) {
	in := ScoreInput{Confidence: map[string]float64{"x": 0.2, "y": 0.7, "z": 3}}
	assert.Equal(t, 0.5, in.ConfidenceFor("x"))
	assert.Equal(t, 0.7, in.ConfidenceFor("y"))
	assert.Equal(t, 1.0, in.ConfidenceFor("z"))
	assert.Equal(t, 1.0, in.ConfidenceFor("missing"))
}

func TestAnswerValidate(t *testing.T) {
	assert.NoError(t, lvl(5).Validate())
	assert.ErrorContains(t, lvl(6).Validate(), "from 1 to 5")
	assert.ErrorContains(t, Answer{Kind: NotApplicable}.Validate(), "needs a reason")
	assert.ErrorContains(t, Answer{Kind: Level, Level: 3, Reason: "x"}.Validate(), "only for n/a")
	long := make([]rune, MaxNoteLen+1)
	for i := range long {
		long[i] = 'x'
	}
	assert.ErrorContains(t, Answer{Kind: DontKnow, Note: string(long)}.Validate(), "note is 2001 characters")
}

func ptr(v float64) *float64 { return &v }
