package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/theme"
)

// Page one names the plan's Now items, at least minFirst and at most
// maxFirst of the first ones, and fits one printed A4 page: at most
// pageOneWords words.
const (
	minFirst     = 3
	maxFirst     = 5
	pageOneWords = 400
)

// firstCount is how many of the plan's first items page one names.
func firstCount(plan assessment.Plan) int {
	n := max(minFirst, min(maxFirst, len(plan.In(assessment.Now))))
	return min(n, len(plan.Items))
}

// decisionPage is page one: what the assessment found in one sentence, the
// one number, for a workshop where business and IT differ, the first
// actions with their owners and when each is done, and the decisions
// leadership is asked to take for Now to start. It is written to fit one
// printed A4 page (at most 400 words); the method stays in the appendix.
// The line on overdue actions is written last, naming as many of them as
// the page has room for.
func (r *builder) decisionPage() {
	r.decisionSummary()
	r.overdueLine()
}

// decisionSummary is page one but for the words of its overdue line.
func (r *builder) decisionSummary() {
	res := r.in.Scorecard
	r.heading(2, "Decision summary")
	r.add(para{text: strong(r.headlineSentence())})
	bullets := []item{{text: r.headline()}}
	if since := r.sinceLast(); since != nil {
		bullets = append(bullets, item{text: since})
	}
	overdue := -1
	if r.hasOverdue() { // written by overdueLine once the rest of the page is known
		overdue = len(bullets)
		bullets = append(bullets, item{})
	}
	if gap := r.businessITFinding(); gap != nil {
		bullets = append(bullets, item{text: gap})
	}
	if len(res.NotApplicable) > 0 {
		t := line(strong("Left out as not applicable:"), " ")
		for i, id := range res.NotApplicable {
			ms, _ := res.Mode(id)
			if i > 0 {
				t = append(t, words("; "))
			}
			t = append(t, their(ms.ID), words(" "), their(ms.Name), words(" ("), their(strings.Join(ms.NAReasons, "; ")), words(")"))
		}
		bullets = append(bullets, item{text: append(t, words(". These failure modes do not count in the overall index."))})
	}
	bullets = append(bullets, item{text: r.trust()})
	r.add(list{items: bullets})
	if overdue >= 0 {
		r.overdueAt = &[2]int{len(r.doc) - 1, overdue}
	}
	r.sinceChart()

	items := r.in.Plan.Items
	if len(items) == 0 {
		r.para(strong("Plan:"), " ", EmptyPlanPhrase(res))
		return
	}
	r.heading(3, "First actions")
	var first list
	n := firstCount(r.in.Plan)
	if r.in.Previous != nil {
		// What moved since last time takes the room of the fourth and
		// fifth actions: page one stays one printed page. The roadmap
		// lists them all.
		n = min(n, minFirst)
	}
	for _, it := range items[:n] {
		where := ""
		if it.Bucket != assessment.Now {
			where = ", " + it.Bucket.Label()
		}
		t := line(strong(their(it.Title)), " (", their(ItemSubject(it)), where, "). Owners: ", their(questionnaire.RoleLabels(it.Owners)), ".")
		if it.DoneWhen != "" {
			t = append(t, line(" Done when: ", their(it.DoneWhen))...)
		}
		first.items = append(first.items, item{number: it.Rank, text: t})
	}
	r.add(first)
	r.heading(3, "Decisions requested")
	if decisions := r.decisions(); len(decisions.items) > 0 {
		r.add(decisions)
	} else {
		r.para("None: the first actions need no approval, funding or appointment beyond the owners named.")
	}
}

// headlineSentence says what the assessment found, in one sentence.
func (r *builder) headlineSentence() text {
	res, org := r.in.Scorecard, r.in.Organization
	weakest, ok := res.Mode(res.Weakest)
	switch {
	case res.Overall == nil:
		return line(their(org), "'s integration strategy cannot be scored yet: ", NotRatedPhrase(res), ".")
	case !ok || weakest.Score == nil:
		return line(their(org), fmt.Sprintf("'s integration strategy stands at %s of 5.", theme.Score(res.Overall)))
	}
	standing := fmt.Sprintf("is %s (%s of 5)", res.OverallLevelName, theme.Score(res.Overall))
	if !res.Rated {
		standing = fmt.Sprintf("scores %s of 5 so far (provisional: %s)", theme.Score(res.Overall), NotRatedPhrase(res))
	}
	t := line(their(org), "'s integration strategy ", standing, fmt.Sprintf(" against a target of %s", targetPhrase(res)))
	return append(t, line("; its weakest point is “", their(weakest.Name), fmt.Sprintf("” (%s).", theme.Score(weakest.Score)))...)
}

// targetPhrase is the target the modes share ("4"), or their range.
func targetPhrase(res assessment.Result) string {
	lo, hi := 6, 0
	for _, ms := range res.Modes {
		lo, hi = min(lo, ms.Target), max(hi, ms.Target)
	}
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d to %d", lo, hi)
}

// businessITFinding says, for a workshop, on how many questions business
// and IT see things a level or more apart, and which side sees more
// maturity overall; nil for a self-assessment.
func (r *builder) businessITFinding() text {
	w := r.in.Agreement
	if w == nil {
		return nil
	}
	gaps, both := 0, 0
	var business, it float64
	for _, ag := range w.Questions {
		if ag.BusinessMean == nil || ag.ITMean == nil {
			continue
		}
		both++
		business += *ag.BusinessMean
		it += *ag.ITMean
		if ag.PerceptionGap {
			gaps++
		}
	}
	if both == 0 {
		return line(strong("Business and IT:"), " no question has answers from both, so their views cannot be compared.")
	}
	business, it = business/float64(both), it/float64(both)
	higher, lower := "IT", "the business"
	if business > it {
		higher, lower = "the business", "IT"
	}
	return line(strong("Business and IT:"), fmt.Sprintf(" they see %d of %d questions differently by a level or more; on average %s rates the strategy %.1f levels higher than %s (business %.1f, IT %.1f).",
		gaps, both, higher, math.Abs(business-it), lower, business, it))
}

// trust says how far the numbers can be trusted, in one line.
func (r *builder) trust() text {
	res := r.in.Scorecard
	dontKnow := res.DontKnow
	if w := r.in.Agreement; w != nil {
		dontKnow = 0
		for _, ag := range w.Questions {
			dontKnow += ag.DontKnow
		}
	}
	t := line(strong("How far to trust this:"), fmt.Sprintf(" %d of %d applicable questions answered with a level (%.0f %%); %s; %d answers at level 3 or above cite no evidence.",
		res.Answered, res.Applicable, res.Coverage*100, dontKnowAnswers(dontKnow, r.in.Agreement != nil), res.Unverified))
	if !res.Rated {
		t = append(t, words(" A failure mode is rated from %.0f %% of its applicable questions answered; until every one is, treat the scores as provisional.", assessment.RatedFrom*100))
	}
	return t
}

func dontKnowAnswers(n int, workshop bool) string {
	one, many := "answer", "answers"
	if workshop {
		one, many = "participant's answer", "participants' answers"
	}
	switch n {
	case 0:
		return "no \"don't know\""
	case 1:
		return fmt.Sprintf("1 %s was \"don't know\" (counted as level %d)", one, assessment.DontKnowCounts)
	}
	return fmt.Sprintf("%d %s were \"don't know\" (counted as level %d)", n, many, assessment.DontKnowCounts)
}

// decisions lists what leadership must approve, fund or appoint: the
// decisions the instrument names for the plan's Now items, then, if Now
// asks none, for the first items that do.
func (r *builder) decisions() list {
	var out list
	var seen []string
	add := func(it assessment.PlanItem) {
		if it.Decision == "" || slices.Contains(seen, it.Decision) {
			return
		}
		seen = append(seen, it.Decision)
		out.items = append(out.items, item{number: len(out.items) + 1, text: line(their(strings.TrimSuffix(it.Decision, ".")), " (for ", their(ItemSubject(it)), ", ", it.Bucket.Label(), ").")})
	}
	for _, it := range r.in.Plan.In(assessment.Now) {
		add(it)
	}
	// Nothing to decide for Now: the next decisions the plan will need.
	for _, it := range r.in.Plan.Items {
		if len(out.items) > 0 {
			break
		}
		add(it)
	}
	return out
}
