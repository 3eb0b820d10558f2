package assessment

import "github.com/seam-dev/seam/questionnaire"

// Responses is everything an assessment holds that evaluation reads: the
// instrument, the targets, and either one respondent's answers or a
// workshop's votes with the consensus it recorded.
type Responses struct {
	Instrument *questionnaire.Instrument
	// Targets by mode id, 1–5; a missing mode aims at DefaultTarget.
	Targets map[string]int
	// Capacity is the effort points each horizon of the plan holds; 0
	// means DefaultCapacity.
	Capacity int
	// Answers are a self-assessment's, by question id; a missing question
	// is unanswered.
	Answers map[string]Answer
	// Workshop says the responses are votes: Votes per question id and the
	// Consensus recorded per question. Answers is then not used.
	Workshop  bool
	Votes     map[string][]Vote
	Consensus map[string]Answer
	// Baseline holds the organisation's own figures recorded in the
	// baseline chapter, by figure id; unscored, shown beside the KPIs.
	Baseline map[string]BaselineValue
}

// Evaluation is an assessment as evaluated: the scorecard with its risks,
// the remediation plan and, for a workshop, how far the room agrees.
// Every screen, command and report reads its numbers from one of these,
// made by Evaluate.
type Evaluation struct {
	Instrument *questionnaire.Instrument
	Scorecard  Result
	Plan       Plan
	// Agreement is set for a workshop: the statistics per question and
	// mode, and what was scored (the consensus, else the median).
	Agreement *Agreement
	// Baseline is the baseline chapter as recorded, by figure id.
	Baseline map[string]BaselineValue
}

// Evaluate scores the responses and builds the plan. A workshop's votes
// are aggregated first: each question is scored on its consensus or its
// median, and the plan's confidence follows the room's agreement.
func Evaluate(r Responses) Evaluation {
	in, agreement := r.scoreInput()
	res := Score(in)
	ev := Evaluation{Instrument: r.Instrument, Scorecard: res, Agreement: agreement, Baseline: r.Baseline}
	ev.Plan = ev.plan(r.Capacity)
	return ev
}

// plan builds the plan for a capacity and shows each KPI's recorded
// baseline beside it.
func (ev Evaluation) plan(capacity int) Plan {
	p := BuildPlan(ev.Instrument, ev.Scorecard, capacity)
	for i := range p.Items {
		it := &p.Items[i]
		if it.KPIParts == nil || it.KPIParts.Figure == "" {
			continue
		}
		fg, ok := ev.Instrument.Figure(it.KPIParts.Figure)
		v, recorded := ev.Baseline[it.KPIParts.Figure]
		if ok && recorded {
			it.Baseline = v.Format(fg.Unit)
		}
	}
	return p
}

// WithCapacity is the evaluation with its plan built for another capacity
// (effort points per horizon); 0 keeps it as it is. Scores do not depend on
// capacity, so only the plan is built again.
func (ev Evaluation) WithCapacity(capacity int) Evaluation {
	if capacity > 0 {
		ev.Plan = ev.plan(capacity)
	}
	return ev
}

// scoreInput turns responses into one scored answer per question.
func (r Responses) scoreInput() (ScoreInput, *Agreement) {
	in := ScoreInput{Instrument: r.Instrument, Targets: r.Targets, Answers: usableAnswers(r.Answers)}
	if !r.Workshop {
		return in, nil
	}
	votes := make(map[string][]Vote, len(r.Votes))
	for q, vs := range r.Votes {
		for _, v := range vs {
			if v.Answer.usable() {
				votes[q] = append(votes[q], v)
			}
		}
	}
	w := Aggregate(r.Instrument, votes, usableAnswers(r.Consensus))
	in.Answers, in.Confidence = w.Answers, w.Confidence
	return in, &w
}

// usableAnswers leaves out answers scoring cannot count.
func usableAnswers(in map[string]Answer) map[string]Answer {
	for _, a := range in {
		if !a.usable() {
			out := make(map[string]Answer, len(in))
			for q, a := range in {
				if a.usable() {
					out[q] = a
				}
			}
			return out
		}
	}
	return in // nearly always: no copy
}
