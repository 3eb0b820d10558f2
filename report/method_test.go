package report

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// The renderings of the method's states: an index that is not rated, a
// provisional mode, a mode left out as not applicable, the horizons'
// capacity, a workshop's scored level. Each is drawn from answers on the
// built-in instrument, as a user would give them.

func defaultInstrument(t testing.TB) *questionnaire.Instrument {
	t.Helper()
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	return inst
}

// answered gives every question of the instrument the level level(q),
// leaving it out where level returns 0.
func answered(inst *questionnaire.Instrument, level func(q *questionnaire.Question) assessment.Answer) map[string]assessment.Answer {
	out := map[string]assessment.Answer{}
	for _, m := range inst.Modes {
		for i := range m.Questions {
			q := &m.Questions[i]
			if a := level(q); a.Kind != assessment.Unanswered {
				out[q.ID] = a
			}
		}
	}
	return out
}

func at(l int) assessment.Answer { return assessment.Answer{Kind: assessment.Level, Level: l} }

func selfInput(t testing.TB, r assessment.Responses) Input {
	t.Helper()
	return Input{ID: "k3f9q2", Organization: "Acme", Kind: "self", Status: "in-progress",
		Date: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Evaluation: assessment.Evaluate(r)}
}

// outputs draws the input every way a person reads it: the command line's
// results, the Markdown report and the app's preview of it.
func outputs(t testing.TB, in Input) (terminal, markdown, preview string) {
	t.Helper()
	var b strings.Builder
	require.NoError(t, Results(&b, plainPalette(), nil, in.Evaluation, true, true, 0))
	return b.String(), string(render(t, in, formats["report.md"])), Preview(in, plainPalette(), 100)
}

func TestAnIndexNotRatedSaysWhatIsMissingNeverALevelNameAlone(t *testing.T) {
	inst := defaultInstrument(t)
	answers := answered(inst, func(q *questionnaire.Question) assessment.Answer {
		if q.Mode == "m6" && q.ID != "m6.q1" && q.ID != "m6.q2" {
			return assessment.Answer{}
		}
		return at(2)
	})
	in := selfInput(t, assessment.Responses{Instrument: inst, Answers: answers})
	res := in.Scorecard
	require.False(t, res.Rated)
	term, md, _ := outputs(t, in)

	assert.Contains(t, term, "Overall index 2.00 (provisional; not rated yet: m6 has 2 of 7 answered) · coverage 88 % · weakest: m1 (2.00)\n")
	assert.NotContains(t, term, "Overall index 2.00 Developing")
	assert.Regexp(t, `\n  m6  No plan for integration failure +[█░┃]+ 2\.00 provisional +2/7  2 high\n      2 of 7 answered, 6 needed to rate it\n`, term)
	assert.Contains(t, md, "- **Overall index 2.00, provisional** (not rated yet: m6 has 2 of 7 answered), of 5; coverage 88 %")
	assert.Contains(t, md, "| m6 No plan for integration failure | 2.00 | provisional: 2 of 7 answered, 6 needed to rate it |")
	assert.Contains(t, md, "| **Overall index** | **2.00** | provisional; not rated yet: m6 has 2 of 7 answered |")
	assert.Contains(t, md, "### m6 No plan for integration failure: 2.00 (provisional: 2 of 7 answered, 6 needed to rate it)\n")
	assert.Contains(t, md, "until every one is, treat the scores as provisional")
	for _, out := range []string{term, md} {
		assert.NotContains(t, strings.ToLower(out), "staged level", "one headline number")
	}

	// Nothing answered: no number, and what is missing.
	empty := selfInput(t, assessment.Responses{Instrument: inst})
	term, md, _ = outputs(t, empty)
	assert.Contains(t, term, "Overall index – (not rated yet: no question is answered) · coverage 0 %\n")
	assert.Contains(t, md, "- **Overall index: not rated** (not rated yet: no question is answered); coverage 0 %")
}

func TestAModeNotApplicableIsLeftOutVisibly(t *testing.T) {
	inst := defaultInstrument(t)
	const reason = "no executive technology mandate is in force"
	answers := answered(inst, func(q *questionnaire.Question) assessment.Answer {
		if q.Mode == "m4" {
			return assessment.Answer{Kind: assessment.NotApplicable, Reason: reason}
		}
		return at(3)
	})
	in := selfInput(t, assessment.Responses{Instrument: inst, Answers: answers})
	require.Equal(t, []string{"m4"}, in.Scorecard.NotApplicable)
	term, md, preview := outputs(t, in)

	assert.Contains(t, term, "Overall index 3.00 Defined · coverage 100 % · weakest: m1 (3.00)\n")
	assert.Contains(t, term, " · left out as not applicable: m4\n")
	assert.Regexp(t, `\n  m4  Executive mandates in place of st… +not applicable: left out of the index\n      Reason: `+reason+`\n`, term)
	assert.Contains(t, md, "- **Left out as not applicable:** m4 Executive mandates in place of strategy (no executive technology mandate is in force). These failure modes do not count in the overall index.")
	assert.Contains(t, md, "| m4 Executive mandates in place of strategy | – | not applicable: no executive technology mandate is in force (left out of the index) | 4 | | | | n/a | |")
	assert.Contains(t, md, "### m4 Executive mandates in place of strategy: not applicable\n")
	assert.Contains(t, md, "Left out of the overall index as not applicable: no executive technology mandate is in force.")
	assert.Contains(t, preview, "Left out as not applicable: m4 Executive mandates in place of strategy")

	// Every mode not applicable (an instrument from before n/a flags
	// allows it everywhere): no number, no clean bill of health.
	all := answered(inst, func(*questionnaire.Question) assessment.Answer {
		return assessment.Answer{Kind: assessment.NotApplicable, Reason: "not us"}
	})
	in = selfInput(t, assessment.Responses{Instrument: inst, Answers: all})
	term, md, _ = outputs(t, in)
	assert.Contains(t, term, "Overall index – (not rated: every failure mode is marked not applicable, so nothing was assessed)\n")
	assert.Contains(t, term, "  No plan: every question is marked not applicable, so nothing was assessed.\n")
	assert.NotContains(t, term, "100 %")
	assert.NotContains(t, md, "nothing to remediate")
}

func TestDontKnowIsShownCountedAsOne(t *testing.T) {
	inst := defaultInstrument(t)
	answers := answered(inst, func(q *questionnaire.Question) assessment.Answer {
		if q.ID == "m3.q6" {
			return assessment.Answer{Kind: assessment.DontKnow}
		}
		return at(2)
	})
	in := selfInput(t, assessment.Responses{Instrument: inst, Answers: answers})
	term, md, _ := outputs(t, in)
	assert.Contains(t, term, "1 don't know (counted as 1)")
	assert.Contains(t, md, "| m3.q6 Quality checks inside integrations | **don't know** (counted as 1) |")
	assert.Contains(t, md, "1 answer was \"don't know\" (counted as level 1)")
	var csv bytes.Buffer
	require.NoError(t, CSVQuestions(&csv, in))
	assert.Contains(t, csv.String(), "m3,m3.q6,Quality checks inside integrations,dont-know,,unknown,false,,,,1\r\n")
}

func TestThePlanShowsEachHorizonsCapacityAndWhatWaits(t *testing.T) {
	inst := defaultInstrument(t)
	answers := answered(inst, func(*questionnaire.Question) assessment.Answer { return at(1) })
	targets := map[string]int{}
	for _, m := range inst.Modes {
		targets[m.ID] = 5
	}
	in := selfInput(t, assessment.Responses{Instrument: inst, Answers: answers, Targets: targets})
	plan := in.Plan
	require.Positive(t, plan.Deferred)
	waiting := plan.In(assessment.Waiting)
	require.NotEmpty(t, waiting)
	term, md, _ := outputs(t, in)

	assert.Contains(t, term, fmt.Sprintf("Remediation plan (%d items) · 6 effort points per horizon\n  %d items wait for capacity (moved to a later horizon than their priority gives; %d of them after 12 months)\n",
		len(plan.Items), plan.Deferred, len(waiting)))
	for _, b := range []assessment.Bucket{assessment.Now, assessment.Next, assessment.Later} {
		assert.Regexp(t, fmt.Sprintf(`\n%s · [1-6] of 6 effort points\n`, regexp.QuoteMeta(b.Label())), term)
		assert.LessOrEqual(t, plan.Used[b], 6)
	}
	assert.Contains(t, term, fmt.Sprintf("\nWaiting for capacity (after 12 months) · %d effort points\n", plan.Used[assessment.Waiting]))
	assert.Contains(t, term, "      Horizon: Waiting for capacity (after 12 months), not ")
	assert.Contains(t, md, fmt.Sprintf("### Waiting for capacity (after 12 months): %d effort points\n", plan.Used[assessment.Waiting]))
	assert.Contains(t, md, "Now, Next and Later each hold at most 6 effort points (S = 1, M = 2, L = 3); ")
	assert.Contains(t, md, "| Waiting for capacity (after 12 months), not ", "why an item waits, in the appendix")

	// Another capacity for one run.
	r := assessment.Responses{Instrument: inst, Answers: answers, Targets: targets, Capacity: 2}
	term, md, _ = outputs(t, selfInput(t, r))
	assert.Contains(t, term, " · 2 effort points per horizon\n")
	assert.Regexp(t, `\nNow \(0-90 days\) · [12] of 2 effort points`, term)
	assert.Contains(t, md, "Now, Next and Later each hold at most 2 effort points")
}

func TestAModesFindOutItemListsItsQuestions(t *testing.T) {
	inst := defaultInstrument(t)
	answers := answered(inst, func(q *questionnaire.Question) assessment.Answer {
		if q.Mode == "m3" && q.Importance >= assessment.FindOutFrom {
			return assessment.Answer{Kind: assessment.DontKnow}
		}
		return at(4)
	})
	in := selfInput(t, assessment.Responses{Instrument: inst, Answers: answers})
	it, ok := in.Plan.Find("m3.find-out")
	require.True(t, ok)
	require.Greater(t, len(it.Questions), 1)
	short := PlanLines(in.Plan, in.Scorecard, plainPalette(), 80, false)
	assert.Contains(t, joined(short), "      Find out: "+strings.Join(it.Questions, ", ")+"\n")
	_, md, _ := outputs(t, in)
	assert.Contains(t, md, "   - Questions not known: "+strings.Join(it.Questions, ", ")+"\n")
	assert.Contains(t, md, fmt.Sprintf("%d. **m3.find-out ", it.Rank))
}

func TestAWorkshopShowsTheLevelScoredWithTheSpreadNotTheMedian(t *testing.T) {
	inst := defaultInstrument(t)
	votes := map[string][]assessment.Vote{}
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			// Two people a level apart on every question, three apart on
			// m1.q2: the lower median is scored, not 2.5.
			hi := 3
			if q.ID == "m1.q2" {
				hi = 4
			}
			votes[q.ID] = []assessment.Vote{
				{Participant: "Ann", Function: "business", Answer: at(1)},
				{Participant: "Bo", Function: "it", Answer: at(hi)},
			}
		}
	}
	in := Input{ID: "w0rk5h", Organization: "Acme", Kind: "workshop", Status: "in-progress",
		Participants: []Participant{{Name: "Ann", Function: "business"}, {Name: "Bo", Function: "it"}},
		Evaluation: assessment.Evaluate(assessment.Responses{Instrument: inst, Workshop: true, Votes: votes,
			Consensus: map[string]assessment.Answer{"m1.q3": {Kind: assessment.Level, Level: 3, Note: "agreed"}}})}
	ag := in.Agreement
	require.NotNil(t, ag)
	md := string(render(t, in, formats["report.md"]))
	assert.Contains(t, md, "| Question | Answers by function | Scored | Spread | AD | rwg | Consensus |")
	assert.Contains(t, md, "| m1.q2 Cross-functional governance body with decision rights (disputed) | business 1 · it 4 | 1 | 3 | 1.50 | 0.00 | – |",
		"the lower median, 1, is shown: the level scored")
	assert.Contains(t, md, "| m1.q3 Outcome-driven roadmap (disputed) | business 1 · it 3 | 3 | 2 | 1.00 | 0.00 | 3: agreed |",
		"a consensus is the level scored")
	assert.NotContains(t, md, "| 2.50 |", "never the median")
	assert.NotRegexp(t, `\| Median|Median \|`, md, "no median column")
	it, ok := in.Plan.Find("m1.q3")
	require.True(t, ok)
	assert.Equal(t, 1.0, it.Confidence, "the room agreed")
}

// TestNothingToRemediateOnlyWhenNothingIsUnknown: over random answer sets
// on the real instrument, no rendering says there is nothing to remediate
// while an applicable question is unanswered or don't know, and an index
// shown with a level name alone is always rated.
func TestNothingToRemediateOnlyWhenNothingIsUnknown(t *testing.T) {
	inst := defaultInstrument(t)
	rng := rand.New(rand.NewPCG(13, 13))
	levelName := regexp.MustCompile(`Overall index \d\.\d\d (Initial|Developing|Defined|Managed|Optimizing)`)
	for range 150 {
		high := 3 + rng.IntN(3)
		answers := answered(inst, func(q *questionnaire.Question) assessment.Answer {
			switch rng.IntN(12) {
			case 0:
				return assessment.Answer{}
			case 1:
				return assessment.Answer{Kind: assessment.DontKnow}
			}
			return at(high - rng.IntN(2)*rng.IntN(high))
		})
		in := selfInput(t, assessment.Responses{Instrument: inst, Answers: answers})
		res := in.Scorecard
		unanswered, dontKnow := unknowns(res)
		term, md, preview := outputs(t, in)
		for _, out := range []string{term, md, preview} {
			if unanswered+dontKnow > 0 {
				assert.NotContains(t, out, "nothing to remediate", "%d unanswered, %d don't know", unanswered, dontKnow)
				assert.NotContains(t, out, "No remediation is needed")
			}
			if !res.Rated {
				assert.NotRegexp(t, levelName, out, "an index not rated shows no level name alone")
			}
		}
	}
}
