package assessment

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func votes(fn string, answers ...Answer) []Vote {
	var out []Vote
	for i, a := range answers {
		out = append(out, Vote{Participant: fn + string(rune('A'+i)), Function: fn, Answer: a})
	}
	return out
}

func f(v float64) *float64 { return &v }

func TestAggregateHandComputed(t *testing.T) {
	tests := []struct {
		name   string
		votes  []Vote
		want   QuestionAgreement
		answer Answer
		conf   float64
	}{
		{
			name:  "business and IT one level apart each way",
			votes: append(votes("business", lvl(2)), votes("it", lvl(4))...),
			// mean 3; AD (1+1)/2 = 1; s² = 2/1 = 2, rwg = 1 − 2/2 = 0
			want: QuestionAgreement{Levels: []int{2, 4}, Median: f(3), Scored: ip(2), Mean: f(3), Spread: 2, AD: f(1), RWG: f(0), Disagreement: true,
				BusinessMean: f(2), ITMean: f(4), PerceptionGap: true},
			answer: lvl(2), conf: 0.5,
		},
		{
			name:   "one participant",
			votes:  votes("it", lvl(3)),
			want:   QuestionAgreement{Levels: []int{3}, Median: f(3), Scored: ip(3), Mean: f(3), AD: f(0), RWG: f(1), ITMean: f(3)},
			answer: lvl(3), conf: 1,
		},
		{
			name:   "all tied",
			votes:  votes("data", lvl(4), lvl(4), lvl(4)),
			want:   QuestionAgreement{Levels: []int{4, 4, 4}, Median: f(4), Scored: ip(4), Mean: f(4), AD: f(0), RWG: f(1)},
			answer: lvl(4), conf: 1,
		},
		{
			name:  "split to the extremes",
			votes: votes("other", lvl(1), lvl(5), lvl(1), lvl(5)),
			// mean 3; AD 2; s² = 16/3, rwg = 1 − 2.67 < 0 → 0
			want:   QuestionAgreement{Levels: []int{1, 1, 5, 5}, Median: f(3), Scored: ip(1), Mean: f(3), Spread: 4, AD: f(2), RWG: f(0), Disagreement: true},
			answer: lvl(1), conf: 0.5,
		},
		{
			name:  "close but not unanimous",
			votes: append(votes("business", lvl(2), lvl(3)), votes("it", lvl(3), lvl(4))...),
			// mean 3; AD (1+0+0+1)/4 = 0.5; s² = 2/3, rwg = 1 − 1/3 = 0.67; business 2.5, IT 3.5: a gap of 1
			want: QuestionAgreement{Levels: []int{2, 3, 3, 4}, Median: f(3), Scored: ip(3), Mean: f(3), Spread: 2, AD: f(0.5), RWG: f(0.67),
				BusinessMean: f(2.5), ITMean: f(3.5), PerceptionGap: true},
			answer: lvl(3), conf: 0.67,
		},
		{
			name:   "all don't know",
			votes:  votes("it", dontKnow, dontKnow, dontKnow),
			want:   QuestionAgreement{Levels: []int{}, DontKnow: 3},
			answer: dontKnow, conf: 1,
		},
		{
			name:   "don't know and n/a stay out of the statistics",
			votes:  votes("security", dontKnow, lvl(4), na("no APIs")),
			want:   QuestionAgreement{Levels: []int{4}, DontKnow: 1, NotApplicable: 1, Median: f(4), Scored: ip(4), Mean: f(4), AD: f(0), RWG: f(1)},
			answer: lvl(4), conf: 1,
		},
		{
			name:   "n/a from everyone keeps the reasons",
			votes:  votes("it", na("b"), na("a"), na("b")),
			want:   QuestionAgreement{Levels: []int{}, NotApplicable: 3},
			answer: na("a; b"), conf: 1,
		},
	}
	inst := tiny(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := Aggregate(inst, map[string][]Vote{"a.q1": tc.votes}, nil)
			require.NotEmpty(t, w.Questions)
			got := w.Questions[0]
			tc.want.Question = "a.q1"
			tc.want.ByFunction = got.ByFunction
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.answer, w.Answers["a.q1"])
			assert.Equal(t, tc.conf, ScoreInput{Confidence: w.Confidence}.ConfidenceFor("a.q1"))
		})
	}
}

func TestAggregateCountsByFunction(t *testing.T) {
	w := Aggregate(tiny(t), map[string][]Vote{"a.q1": append(votes("business", lvl(2), lvl(2), dontKnow), votes("it", lvl(5), na("x"))...)}, nil)
	assert.Equal(t, map[string][7]int{"business": {0, 2, 0, 0, 0, 1, 0}, "it": {0, 0, 0, 0, 1, 0, 1}}, w.Questions[0].ByFunction)
}

func TestConsensusWinsOverTheMedianButKeepsTheSpread(t *testing.T) {
	v := map[string][]Vote{"a.q1": append(votes("business", lvl(1)), votes("it", lvl(5))...)}
	w := Aggregate(tiny(t), v, map[string]Answer{"a.q1": {Kind: Level, Level: 3, Note: "agreed after discussion"}})
	assert.Equal(t, Answer{Kind: Level, Level: 3, Note: "agreed after discussion"}, w.Answers["a.q1"])
	assert.True(t, w.Questions[0].Disagreement, "the recorded spread stays visible")
	assert.Equal(t, 1.0, w.Confidence["a.q1"], "the room agreed: full confidence")
	assert.Equal(t, 3, *w.Questions[0].Scored, "the value shown is the consensus scored, not the median 3.0 by chance")
}

func ip(n int) *int { return &n }

func TestDisputedQuestionsComeFirst(t *testing.T) {
	v := map[string][]Vote{
		"a.q1": votes("it", lvl(3), lvl(3)),                                       // unanimous: not listed
		"a.q2": append(votes("business", lvl(2)), votes("it", lvl(3))...),         // AD 0.5, gap 1
		"b.q1": votes("it", lvl(1), lvl(5)),                                       // AD 2, disagreement
		"b.q2": append(votes("business", lvl(3), lvl(4)), votes("it", lvl(3))...), // AD 0.44
	}
	var order []string
	for _, ag := range Aggregate(tiny(t), v, nil).Disputed() {
		order = append(order, ag.Question)
	}
	assert.Equal(t, []string{"b.q1", "a.q2", "b.q2"}, order)
}

func TestWorkshopScoringUsesAgreementAsConfidence(t *testing.T) {
	inst := tiny(t)
	v := map[string][]Vote{
		"a.q1": append(votes("business", lvl(1)), votes("it", lvl(3))...), // median 1 (lower middle), rwg 0 → 0.5
		"b.q2": votes("it", lvl(2), lvl(2)),                               // rwg 1
	}
	w := Aggregate(inst, v, nil)
	res := Score(ScoreInput{Instrument: inst, Answers: w.Answers, Confidence: w.Confidence})
	plan := BuildPlan(inst, res, 0)
	// a.q1: 3 × 3 × 0.5 ÷ S1 = 4.5; b.q2: 3 × 2 × 1 ÷ M2 = 3
	require.Len(t, plan.Items, 2)
	assert.Equal(t, "a.q1", plan.Items[0].Question)
	assert.Equal(t, 4.5, plan.Items[0].Priority)
	assert.Equal(t, 3.0, plan.Items[1].Priority)
}

// BenchmarkWorkshopScoring aggregates, scores and plans a 50-participant
// workshop on the default instrument (budget 1 ms).
func BenchmarkWorkshopScoring(b *testing.B) {
	inst := defaultInstrument(b)
	v := map[string][]Vote{}
	functions := []string{"business", "it", "data", "security", "other"}
	for p := range 50 {
		n := 0
		for _, m := range inst.Modes {
			for _, q := range m.Questions {
				n++
				v[q.ID] = append(v[q.ID], Vote{Participant: string(rune('A' + p)), Function: functions[p%5], Answer: lvl(1 + (p+n)%5)})
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		w := Aggregate(inst, v, nil)
		res := Score(ScoreInput{Instrument: inst, Answers: w.Answers, Confidence: w.Confidence})
		BuildPlan(inst, res, 0)
	}
}

func TestModeRollUps(t *testing.T) {
	v := map[string][]Vote{
		"a.q1": append(votes("business", lvl(1)), votes("it", lvl(3))...), // AD 1, rwg 0, gap
		"a.q2": append(votes("business", lvl(2)), votes("it", lvl(2))...), // AD 0, rwg 1
		"b.q1": votes("it", dontKnow),                                     // not rated
	}
	w := Aggregate(tiny(t), v, nil)
	require.Len(t, w.Modes, 2)
	a := w.Modes[0]
	assert.Equal(t, ModeAgreement{Mode: "a", Rated: 2, AD: f(0.5), RWG: f(0.5), Disagreements: 1, PerceptionGaps: 1,
		BusinessMean: f(1.5), ITMean: f(2.5), PerceptionGap: true}, a, "business (1+2)/2 = 1.5, IT (3+2)/2 = 2.5")
	assert.Equal(t, ModeAgreement{Mode: "b"}, w.Modes[1])
}

func TestAWorkshopExplanationShowsHowTheRoomAnswered(t *testing.T) {
	inst := tiny(t)
	ev := Evaluate(Responses{Instrument: inst, Workshop: true,
		Votes: map[string][]Vote{"a.q1": append(votes("business", lvl(1)), votes("it", lvl(5))...)}})
	e, err := ev.Explain("a.q1")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(e.Lines), 3)
	assert.Equal(t, []string{
		"Workshop votes: business 1; it 5",
		"Scored 1; Median 3.00, mean 3.00, spread 4, AD 2.00, rwg 0.00; a disagreement (AD > 0.8); business 1.00 against IT 5.00, a perception gap",
		"Scored on the median (for an even count, the lower middle level); confidence = rwg floored at 0.5",
	}, e.Lines[len(e.Lines)-3:])
	assert.Contains(t, e.Lines, "Answer: level 1 Initial", "the lower median is what was scored")
	mode, err := ev.Explain("a")
	require.NoError(t, err)
	for _, l := range mode.Lines {
		assert.NotContains(t, l, "Workshop votes", "only questions get the votes")
	}
	self, err := Evaluate(Responses{Instrument: inst, Answers: map[string]Answer{"a.q1": lvl(1)}}).Explain("a.q1")
	require.NoError(t, err)
	assert.NotContains(t, self.Lines, "Workshop votes: business 1; it 5", "a self-assessment has no room")
}

// TestARoomsEvidenceBacksTheLevelScored: a workshop's level is not
// unverified when a participant who gave it, or more, cited evidence; a
// citation behind a lower level does not count.
func TestARoomsEvidenceBacksTheLevelScored(t *testing.T) {
	backed := Answer{Kind: Level, Level: 4, Evidence: "strategy-2026.pdf"}
	v := map[string][]Vote{"a.q1": append(votes("business", lvl(3), lvl(3)), votes("it", backed)...)}
	w := Aggregate(tiny(t), v, nil)
	assert.Equal(t, 3, w.Answers["a.q1"].Level)
	assert.Equal(t, "strategy-2026.pdf", w.Answers["a.q1"].Evidence, "the CIO's citation backs the 3 the room scored")
	assert.False(t, w.Answers["a.q1"].Unverified())

	low := Answer{Kind: Level, Level: 2, Evidence: "old-deck.pptx"}
	v = map[string][]Vote{"a.q1": append(votes("business", lvl(3), lvl(3)), votes("it", low)...)}
	w = Aggregate(tiny(t), v, nil)
	assert.Empty(t, w.Answers["a.q1"].Evidence, "evidence for a 2 does not prove a 3")
	assert.True(t, w.Answers["a.q1"].Unverified())
}
