package assessment

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seam-dev/seam/questionnaire"
)

// ErrUnknownSubject is returned by Explain for a name it cannot explain.
var ErrUnknownSubject = errors.New("nothing to explain by that name")

// Explanation is how one number or plan item came about, down to the answers
// that produced it. Lines are plain text for the terminal, the TUI and the
// report alike.
type Explanation struct {
	Subject string   `json:"subject"`
	Title   string   `json:"title"`
	Lines   []string `json:"lines"`
}

// String renders the explanation as a title and indented lines.
func (e Explanation) String() string {
	var b strings.Builder
	b.WriteString(e.Title + "\n")
	for _, l := range e.Lines {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

// Explain tells how a number or plan item was computed. what is "overall"
// (the index and staged level), a mode id (m3), a principle id (data), a
// question id (m3.q2) or an action id (m3.q2.a1). For a workshop, a
// question's explanation also shows how the room answered it.
func (ev Evaluation) Explain(what string) (Explanation, error) {
	e, err := explain(ev.Instrument, ev.Scorecard, ev.Plan, what)
	if err == nil && ev.Agreement != nil {
		addAgreement(&e, *ev.Agreement)
	}
	return e, err
}

func explain(inst *questionnaire.Instrument, res Result, plan Plan, what string) (Explanation, error) {
	what = strings.TrimSpace(what)
	switch {
	case what == "overall" || what == "index" || what == "staged":
		return explainOverall(res), nil
	}
	if ms, ok := res.Mode(what); ok {
		return explainMode(ms), nil
	}
	for _, ps := range res.Principles {
		if ps.ID == what {
			return explainPrinciple(inst, res, ps), nil
		}
	}
	if qr, ok := res.Question(what); ok {
		return explainQuestion(inst, qr, plan), nil
	}
	if it, ok := plan.Find(what); ok {
		if it.Kind == FindOut {
			return explainItem(*it), nil
		}
		qr, _ := res.Question(it.Question)
		return explainQuestion(inst, qr, plan), nil
	}
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			for _, a := range q.Actions {
				if a.ID == what {
					qr, _ := res.Question(q.ID)
					e := explainQuestion(inst, qr, plan)
					e.Lines = append(e.Lines, fmt.Sprintf("Action %s is not in the plan: it starts from level %s, and the answer is %s.", a.ID, levelList(a.From), qr.Answer))
					return e, nil
				}
			}
		}
	}
	return Explanation{}, fmt.Errorf("%w: %q (use overall, a mode such as m3, a principle such as %s, a question such as m3.q2, or an action id)",
		ErrUnknownSubject, what, firstPrinciple(inst))
}

func firstPrinciple(inst *questionnaire.Instrument) string {
	if len(inst.Principles) == 0 {
		return "outcomes"
	}
	return inst.Principles[0].ID
}

func levelList(levels []int) string {
	parts := make([]string, len(levels))
	for i, l := range levels {
		parts[i] = fmt.Sprint(l)
	}
	return strings.Join(parts, " or ")
}

func explainOverall(res Result) Explanation {
	e := Explanation{Subject: "overall", Title: "Overall index: mean of the failure-mode scores"}
	var terms []string
	for _, ms := range res.Modes {
		switch {
		case ms.Status == ModeNotApplicable:
			e.Lines = append(e.Lines, fmt.Sprintf("%s %s: not applicable (%s), left out of the mean", ms.ID, ms.Name, strings.Join(ms.NAReasons, "; ")))
			continue
		case ms.Score == nil:
			e.Lines = append(e.Lines, fmt.Sprintf("%s %s: no score (nothing answered), left out of the mean", ms.ID, ms.Name))
			continue
		}
		terms = append(terms, fmt.Sprintf("%.2f", *ms.Score))
		line := fmt.Sprintf("%s %s: %.2f", ms.ID, ms.Name, *ms.Score)
		if ms.Status != Rated {
			line += " (provisional: " + ms.Missing + ")"
		}
		e.Lines = append(e.Lines, line)
	}
	switch {
	case res.Overall == nil:
		e.Lines = append(e.Lines, "No mode has a score yet, so there is no overall index.")
	case res.Rated:
		e.Lines = append(e.Lines, fmt.Sprintf("Overall index = (%s) ÷ %d = %.2f (%s), rated: every applicable mode has at least %.0f %% of its questions answered with a level",
			strings.Join(terms, " + "), len(terms), *res.Overall, res.OverallLevelName, RatedFrom*100))
	default:
		e.Lines = append(e.Lines, fmt.Sprintf("Overall index = (%s) ÷ %d = %.2f, provisional: not rated yet, as %s (a mode is rated from %.0f %% of its questions answered with a level)",
			strings.Join(terms, " + "), len(terms), *res.Overall, strings.Join(res.NotRated, "; "), RatedFrom*100))
	}
	if res.Staged > 0 {
		weakest, _ := res.Mode(res.Weakest)
		e.Lines = append(e.Lines, fmt.Sprintf("Staged level = the highest whole level every rated mode reaches = %d %s, set by the weakest mode %s at %.2f",
			res.Staged, res.StagedName, weakest.ID, *weakest.Score))
	}
	e.Lines = append(e.Lines, fmt.Sprintf("Coverage: %d of %d applicable questions answered with a level (%.0f %%); %d don't know (each counted as level %d); %d unverified (level 3 or more without evidence).",
		res.Answered, res.Applicable, res.Coverage*100, res.DontKnow, DontKnowCounts, res.Unverified))
	return e
}

func explainMode(ms *ModeScore) Explanation {
	e := Explanation{Subject: ms.ID, Title: fmt.Sprintf("%s %s: importance-weighted mean of its answered levels", ms.ID, ms.Name)}
	var num, den []string
	for _, qr := range ms.Results {
		line := fmt.Sprintf("%s %s: %s", qr.ID, qr.Title, answerPhrase(qr))
		if qr.Counted > 0 {
			num = append(num, fmt.Sprintf("%d×%d", qr.Importance, qr.Counted))
			den = append(den, fmt.Sprint(qr.Importance))
			line += fmt.Sprintf(", weight %d", qr.Importance)
		} else {
			line += ", not counted"
		}
		e.Lines = append(e.Lines, line)
	}
	switch {
	case ms.Status == ModeNotApplicable:
		e.Lines = append(e.Lines, "Every question is not applicable ("+strings.Join(ms.NAReasons, "; ")+"), so the mode is left out of the overall index.")
	case ms.Score == nil:
		e.Lines = append(e.Lines, "No question is answered, so the mode has no score.")
	default:
		e.Lines = append(e.Lines, fmt.Sprintf("Score = (%s) ÷ (%s) = %.2f (%s); target %d, gap %.2f",
			strings.Join(num, " + "), strings.Join(den, " + "), *ms.Score, ms.LevelName, ms.Target, *ms.Gap))
	}
	e.Lines = append(e.Lines, fmt.Sprintf("Coverage = answered %d ÷ applicable %d (%d questions, %d not applicable) = %.0f %%",
		ms.Answered, ms.Applicable, ms.Questions, ms.NotApplicable, ms.Coverage*100))
	if ms.Status == Rated {
		e.Lines = append(e.Lines, fmt.Sprintf("Rated: at least %.0f %% of its applicable questions have a level.", RatedFrom*100))
	} else if ms.Status != ModeNotApplicable {
		e.Lines = append(e.Lines, fmt.Sprintf("Not rated yet (provisional): %s; a mode is rated from %.0f %%.", ms.Missing, RatedFrom*100))
	}
	return e
}

func explainPrinciple(inst *questionnaire.Instrument, res Result, ps PrincipleScore) Explanation {
	e := Explanation{Subject: ps.ID, Title: fmt.Sprintf("Principle %q: weighted mean of (level − 1) ÷ 4 over the questions that feed it", ps.Name)}
	var num, den []string
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			w := q.Weight(ps.ID)
			if w == 0 {
				continue
			}
			qr, _ := res.Question(q.ID)
			line := fmt.Sprintf("%s %s: %s, weight %g", q.ID, q.Title, answerPhrase(*qr), w)
			if qr.Counted > 0 {
				num = append(num, fmt.Sprintf("%g×%g%%", w, percentOf(qr.Counted)))
				den = append(den, fmt.Sprintf("%g", w))
			} else {
				line += ", not counted"
			}
			e.Lines = append(e.Lines, line)
		}
	}
	if ps.Alignment == nil {
		e.Lines = append(e.Lines, "No question feeding it has a level, so it has no alignment.")
	} else {
		e.Lines = append(e.Lines, fmt.Sprintf("Alignment = (%s) ÷ (%s) = %.1f %%", strings.Join(num, " + "), strings.Join(den, " + "), *ps.Alignment))
	}
	return e
}

func explainQuestion(inst *questionnaire.Instrument, qr *QuestionResult, plan Plan) Explanation {
	q, _ := inst.Question(qr.ID)
	e := Explanation{Subject: qr.ID, Title: fmt.Sprintf("%s %s", q.ID, q.Title)}
	e.Lines = append(e.Lines, "Question: "+q.Text, "Answer: "+answerPhrase(*qr))
	if qr.Given.Kind == Level && qr.Level >= 1 && qr.Level <= questionnaire.Levels {
		e.Lines = append(e.Lines, fmt.Sprintf("Level %d means: %s", qr.Level, q.Levels[qr.Level-1]))
	}
	e.Lines = append(e.Lines, fmt.Sprintf("Risk: %s (importance %d, target %d, gap %d; high when gap × importance ≥ %d)",
		qr.Risk, qr.Importance, qr.Target, qr.Gap, HighRiskSeverity))
	it, ok := plan.Find(qr.ID)
	if !ok {
		e.Lines = append(e.Lines, "Not in the plan: "+notPlannedReason(*qr))
		return e
	}
	e.Lines = append(e.Lines, itemLines(*it)...)
	return e
}

// explainItem explains a plan item that is not one question's: a mode's
// find-out item.
func explainItem(it PlanItem) Explanation {
	return Explanation{Subject: it.ID, Title: fmt.Sprintf("%s %s", it.ID, it.Title), Lines: itemLines(it)}
}

// itemLines are a plan item's rank, terms and placement.
func itemLines(it PlanItem) []string {
	lines := []string{
		fmt.Sprintf("Plan item #%d in %s (%s, action %s): %s", it.Rank, it.Bucket.Label(), it.Kind, it.Action, it.Do),
		"Why it ranks there: " + it.Why,
		"Why in this horizon: " + it.Placement,
	}
	if it.DoneWhen != "" {
		lines = append(lines, "Done when: "+it.DoneWhen)
	}
	lines = append(lines, fmt.Sprintf("Owners: %s; effort %s", questionnaire.RoleLabels(it.Owners), it.Effort), "KPI: "+it.KPI)
	if it.Baseline != "" {
		lines = append(lines, "Your baseline: "+it.Baseline)
	}
	if it.Decision != "" {
		lines = append(lines, "Decision needed: "+it.Decision)
	}
	return lines
}

func notPlannedReason(qr QuestionResult) string {
	switch qr.Given.Kind {
	case Level:
		return fmt.Sprintf("level %d is at or above the target %d.", qr.Level, qr.Target)
	case NotApplicable:
		return "marked not applicable."
	case DontKnow:
		return fmt.Sprintf("don't know, but importance %d is below the %d that raises a find-out item.", qr.Importance, FindOutFrom)
	}
	return "not answered yet."
}

// answerPhrase says an answer in words, with its note and evidence.
func answerPhrase(qr QuestionResult) string {
	var s string
	switch qr.Given.Kind {
	case Level:
		s = fmt.Sprintf("level %d %s", qr.Level, qr.LevelName)
		if qr.Unverified {
			s += " (unverified: no evidence)"
		}
	case DontKnow:
		s = fmt.Sprintf("don't know (counted as %d)", DontKnowCounts)
	case NotApplicable:
		s = "not applicable (" + qr.Reason + ")"
	default:
		s = "not answered"
	}
	if qr.Note != "" {
		s += "; note: " + qr.Note
	}
	if qr.Evidence != "" {
		s += "; evidence: " + qr.Evidence
	}
	return s
}

// addAgreement adds to a question's explanation how a workshop answered
// it: the votes by function, the statistics, and whether the scored answer
// is the recorded consensus or the median.
func addAgreement(e *Explanation, w Agreement) {
	for _, ag := range w.Questions {
		if ag.Question != e.Subject {
			continue
		}
		var parts []string
		for _, fa := range ag.ByFunctionInOrder() {
			parts = append(parts, fa.Function+" "+strings.Join(fa.Given(), ", "))
		}
		if len(parts) == 0 {
			e.Lines = append(e.Lines, "Workshop: no participant has answered yet.")
			return
		}
		e.Lines = append(e.Lines, "Workshop votes: "+strings.Join(parts, "; "))
		if ag.AD != nil {
			line := fmt.Sprintf("Median %.2f, mean %.2f, spread %d, AD %.2f, rwg %.2f", *ag.Median, *ag.Mean, ag.Spread, *ag.AD, *ag.RWG)
			if ag.Scored != nil {
				line = fmt.Sprintf("Scored %d; ", *ag.Scored) + line
			}
			if ag.Disagreement {
				line += fmt.Sprintf("; a disagreement (AD > %.1f)", DisagreementAD)
			}
			if ag.PerceptionGap {
				line += fmt.Sprintf("; business %.2f against IT %.2f, a perception gap", *ag.BusinessMean, *ag.ITMean)
			}
			e.Lines = append(e.Lines, line)
		}
		if ag.Consensus != nil {
			e.Lines = append(e.Lines, "Scored on the consensus the workshop recorded: "+ag.Consensus.Value()+"; confidence 1.00, as the room agreed")
		} else if len(ag.Levels) > 0 {
			e.Lines = append(e.Lines, "Scored on the median (for an even count, the lower middle level); confidence = rwg floored at 0.5")
		}
		return
	}
}
