package report

import (
	"fmt"
	"strings"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/safetext"
)

// The phrases every rendering uses for the new method's states, so that
// the terminal, the app, the Markdown report and the CSV say the same: an
// index that is not rated never shows a level name alone, a provisional
// mode says what is missing, a mode left out says why, and "nothing to
// remediate" is said only when nothing is left unknown.

// IndexPhrase is the overall index in words: "2.08 Developing" when it is
// rated, else "2.25 (provisional; not rated yet: m6 has 2 of 6
// answered)", or "– (…)" when there is no index at all.
func IndexPhrase(res assessment.Result) string {
	switch {
	case res.Overall == nil:
		return "– (" + NotRatedPhrase(res) + ")"
	case !res.Rated:
		return fmt.Sprintf("%.2f (provisional; %s)", *res.Overall, NotRatedPhrase(res))
	}
	return fmt.Sprintf("%.2f %s", *res.Overall, res.OverallLevelName)
}

// NotRatedPhrase says why the index is not rated: "not rated yet: m6 has 2
// of 6 answered; m3 has 4 of 7 answered", or with more than two modes
// short of answers "not rated yet: m1, m2 and m3 have too few answers"
// (each mode's line says what it lacks).
func NotRatedPhrase(res assessment.Result) string {
	switch {
	case allNotApplicable(res):
		return "not rated: every failure mode is marked not applicable, so nothing was assessed"
	case res.Answered == 0 && res.DontKnow == 0:
		return "not rated yet: no question is answered"
	case len(res.NotRated) == 0:
		return "not rated yet"
	case len(res.NotRated) <= 2:
		return "not rated yet: " + safetext.Line(strings.Join(res.NotRated, "; "))
	}
	var ids []string
	for _, ms := range res.Modes {
		if ms.Status != assessment.Rated && ms.Status != assessment.ModeNotApplicable {
			ids = append(ids, safetext.Line(ms.ID))
		}
	}
	return "not rated yet: " + strings.Join(ids[:len(ids)-1], ", ") + " and " + ids[len(ids)-1] + " have too few answers"
}

// allNotApplicable reports a scorecard whose every mode is left out.
func allNotApplicable(res assessment.Result) bool {
	return len(res.Modes) > 0 && len(res.NotApplicable) == len(res.Modes)
}

// CoveragePhrase is "coverage 94 %", or "" when nothing applies.
func CoveragePhrase(res assessment.Result) string {
	if res.Applicable == 0 {
		return ""
	}
	return fmt.Sprintf("coverage %.0f %%", res.Coverage*100)
}

// WeakestPhrase names the weakest mode with its score, "m6 (1.33)", or "".
func WeakestPhrase(res assessment.Result) string {
	ms, ok := res.Mode(res.Weakest)
	if !ok || ms.Score == nil {
		return ""
	}
	return fmt.Sprintf("%s (%.2f)", safetext.Line(ms.ID), *ms.Score)
}

// Headline is the one headline number with its coverage and the weakest
// mode beside it: "Overall index 2.08 Developing · coverage 94 % ·
// weakest: m6 (1.33)".
func Headline(res assessment.Result) string {
	parts := []string{"Overall index " + IndexPhrase(res)}
	if c := CoveragePhrase(res); c != "" {
		parts = append(parts, c)
	}
	if w := WeakestPhrase(res); w != "" {
		parts = append(parts, "weakest: "+w)
	}
	return strings.Join(parts, " · ")
}

// ModeStatusPhrase says what a mode's score is worth when it is not rated:
// "provisional: 2 of 6 answered, 5 needed to rate it", "not rated: …",
// "not applicable: REASON (left out of the index)"; "" when rated.
func ModeStatusPhrase(ms assessment.ModeScore) string {
	switch ms.Status {
	case assessment.ModeNotApplicable:
		reasons := "no reason given"
		if len(ms.NAReasons) > 0 {
			reasons = strings.Join(ms.NAReasons, "; ")
		}
		return "not applicable: " + safetext.Line(reasons) + " (left out of the index)"
	case assessment.Provisional:
		return "provisional: " + ms.Missing
	case assessment.ModeUnanswered:
		return "not rated: " + ms.Missing
	}
	return ""
}

// ModeLevelWord is what stands in a mode's level column: its level name
// when rated, else what it is instead.
func ModeLevelWord(ms assessment.ModeScore) string {
	switch ms.Status {
	case assessment.ModeNotApplicable:
		return "n/a"
	case assessment.Provisional:
		return "provisional"
	case assessment.ModeUnanswered:
		return "unanswered"
	}
	return ms.LevelName
}

// DontKnowPhrase is how a don't-know answer reads: "don't know (counted
// as 1)".
func DontKnowPhrase() string {
	return fmt.Sprintf("don't know (counted as %d)", assessment.DontKnowCounts)
}

// dontKnows counts don't-know answers: "2 don't know (counted as 1)".
func dontKnows(n int) string {
	if n == 0 {
		return "0 don't know"
	}
	return fmt.Sprintf("%d %s", n, DontKnowPhrase())
}

// unknowns counts the applicable questions without a level: unanswered,
// and don't know.
func unknowns(res assessment.Result) (unanswered, dontKnow int) {
	for _, ms := range res.Modes {
		unanswered += ms.Unanswered
		dontKnow += ms.DontKnow
	}
	return unanswered, dontKnow
}

// EmptyPlanPhrase says why a plan has no item: nothing is left to do only
// when every applicable question has a level at its target; otherwise it
// says what is missing.
func EmptyPlanPhrase(res assessment.Result) string {
	unanswered, dontKnow := unknowns(res)
	switch {
	case allNotApplicable(res) || res.Applicable == 0:
		return "No plan: every question is marked not applicable, so nothing was assessed."
	case unanswered > 0 || dontKnow > 0:
		var missing []string
		if unanswered > 0 {
			missing = append(missing, fmt.Sprintf("%d %s unanswered", unanswered, plural(unanswered, "question is", "questions are")))
		}
		if dontKnow > 0 {
			missing = append(missing, fmt.Sprintf("%d %s \"don't know\"", dontKnow, plural(dontKnow, "is", "are")))
		}
		return "No plan item yet, but the assessment is not complete: " + strings.Join(missing, " and ") +
			"; answer them to see the gaps."
	}
	return "Every applicable question meets its target: nothing to remediate."
}

// CapacityPhrase is a horizon's use of its capacity: "6 of 6 effort
// points"; the Waiting horizon has no capacity, only its points.
func CapacityPhrase(plan assessment.Plan, b assessment.Bucket) string {
	used := plan.Used[b]
	if b == assessment.Waiting || plan.Capacity == 0 {
		return fmt.Sprintf("%d effort %s", used, plural(used, "point", "points"))
	}
	if used > plan.Capacity {
		return fmt.Sprintf("%d of %d effort points (one item larger than the capacity)", used, plan.Capacity)
	}
	return fmt.Sprintf("%d of %d effort points", used, plan.Capacity)
}

// DeferredPhrase is "12 items wait for capacity (moved to a later horizon
// than their priority gives; 5 of them after 12 months)", "" when none
// does.
func DeferredPhrase(plan assessment.Plan) string {
	if plan.Deferred == 0 {
		return ""
	}
	s := fmt.Sprintf("%d %s for capacity (moved to a later horizon than their priority gives", plan.Deferred,
		plural(plan.Deferred, "item waits", "items wait"))
	if n := len(plan.In(assessment.Waiting)); n > 0 {
		s += fmt.Sprintf("; %d of them after 12 months", n)
	}
	return s + ")"
}

// ItemSubject is what names a plan item: its question, or MODE.find-out.
func ItemSubject(it assessment.PlanItem) string {
	if it.ID != "" {
		return it.ID
	}
	return it.Question
}

// whyAndPlacement splits an item's reasons in two: the terms of its
// priority, and why it sits in its horizon (capacity used, moved on for
// capacity, placed before the item that needs it).
func whyAndPlacement(it assessment.PlanItem) (why, placement string) {
	if it.Placement == "" {
		return it.Why, ""
	}
	return strings.TrimSuffix(it.Why, "; "+it.Placement), it.Placement
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ScoredPhrase is a workshop question's value: the level scored (the
// consensus, else the lower median), "–" when no level was given.
func ScoredPhrase(ag assessment.QuestionAgreement) string {
	if ag.Scored == nil {
		return "–"
	}
	return fmt.Sprint(*ag.Scored)
}
