package assessment

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/seam-dev/seam/questionnaire"
)

// Bucket is a time horizon of the plan.
type Bucket string

// The plan's horizons, in order.
const (
	Now   Bucket = "now"   // 0–90 days
	Next  Bucket = "next"  // 3–6 months
	Later Bucket = "later" // 6–12 months
	// Waiting holds what does not fit the capacity of the three horizons.
	Waiting Bucket = "waiting"
)

// Buckets lists the horizons in order.
var Buckets = []Bucket{Now, Next, Later, Waiting}

// DefaultCapacity is how many effort points (S=1, M=2, L=3) a horizon holds
// unless the assessment sets its own.
const DefaultCapacity = 6

// Label is the bucket's name with its horizon, for people.
func (b Bucket) Label() string {
	switch b {
	case Now:
		return "Now (0-90 days)"
	case Next:
		return "Next (3-6 months)"
	case Later:
		return "Later (6-12 months)"
	}
	return "Waiting for capacity (after 12 months)"
}

func (b Bucket) order() int { return slices.Index(Buckets, b) }

// Priority thresholds: an item ranks Now from NowFrom, Next from NextFrom,
// Later below. A critical question one level short with a small action
// (3 × 1 × 1 ÷ 1) is Now; the same with a medium action (1.5) is Next.
const (
	NowFrom  = 3.0
	NextFrom = 1.5
)

// ItemKind tells an improvement from a find-out item.
type ItemKind string

// The kinds of plan item.
const (
	Improve ItemKind = "improve"
	// FindOut is raised by a don't-know on an important question: not
	// knowing is itself a risk, so establishing the facts comes first.
	FindOut ItemKind = "find-out"
)

// FindOutFrom is the importance from which a don't-know raises a find-out item.
const FindOutFrom = 2

// PlanItem is one step of the remediation plan with the terms of its rank.
type PlanItem struct {
	// ID names the item: the question id for an improvement, MODE.find-out
	// for a mode's find-out item.
	ID     string   `json:"id"`
	Rank   int      `json:"rank"`
	Bucket Bucket   `json:"bucket"`
	Kind   ItemKind `json:"kind"`
	// Question is the question improved ("" for a find-out item, whose
	// unknown questions are in Questions).
	Question  string   `json:"question"`
	Questions []string `json:"questions,omitempty"`
	Mode      string   `json:"mode"`
	Action    string   `json:"action"`
	Title     string   `json:"title"`
	Do        string   `json:"do"`
	// DoneWhen is what is true when the action itself is finished.
	DoneWhen string `json:"done_when,omitempty"`
	Effort   string `json:"effort"`
	// Owners are the roles that answer for the item, business and IT
	// together.
	Owners []questionnaire.Role `json:"owners"`
	// KPI is the outcome measure in one sentence; KPIParts its parts in an
	// instrument that names them.
	KPI      string             `json:"kpi"`
	KPIParts *questionnaire.KPI `json:"kpi_parts,omitempty"`
	// Baseline is the organisation's own starting figure for the KPI, as
	// recorded in the baseline chapter ("62 %", "don't know"); "" when the
	// KPI names no figure or none is recorded.
	Baseline string `json:"baseline,omitempty"`
	// Decision is what leadership must approve, fund or appoint before the
	// item can start ("" if nothing).
	Decision string `json:"decision,omitempty"`
	// Level is the current level (0 for a find-out item), Toward the level
	// the action aims at: always the next one, levels are not skipped.
	Level  int `json:"level"`
	Toward int `json:"toward"`
	Target int `json:"target"`
	// The terms of priority = importance × gap × confidence ÷ effort.
	Importance int     `json:"importance"`
	Gap        int     `json:"gap"`
	Confidence float64 `json:"confidence"`
	EffortCost int     `json:"effort_cost"`
	Priority   float64 `json:"priority"`
	// Requires lists the items that must come first: unmet prerequisites.
	Requires []string `json:"requires"`
	// PulledBy names the highest-ranked item that needs this one first,
	// which placed it just before itself ("" if none).
	PulledBy string `json:"pulled_by"`
	// Placement says why the item sits in its horizon: capacity used, or
	// moved on for capacity, or placed before the item that needs it.
	Placement string `json:"placement"`
	// Why states the terms of the rank in words.
	Why string `json:"why"`
}

// Plan is the ordered remediation plan.
type Plan struct {
	Items []PlanItem `json:"items"`
	// Capacity is the effort points each of Now, Next and Later holds.
	Capacity int `json:"capacity"`
	// Used is the effort points used per horizon.
	Used map[Bucket]int `json:"used"`
	// Deferred counts the items placed in a later horizon than their
	// priority alone gives, for lack of capacity.
	Deferred int `json:"deferred"`
}

// In returns the items of one bucket, in plan order.
func (p Plan) In(b Bucket) []PlanItem {
	var out []PlanItem
	for _, it := range p.Items {
		if it.Bucket == b {
			out = append(out, it)
		}
	}
	return out
}

// Find returns the item for an item id, a question id (also one a
// find-out item lists) or an action id.
func (p Plan) Find(id string) (*PlanItem, bool) {
	for i := range p.Items {
		it := &p.Items[i]
		if it.ID == id || it.Question == id || it.Action == id || slices.Contains(it.Questions, id) {
			return it, true
		}
	}
	return nil, false
}

// ItemFor is the plan's item for an action id, if the plan holds it.
// Unlike Find, it matches the action only: an adopted action whose
// question now needs another of its actions is not in the plan.
func (p Plan) ItemFor(action string) (*PlanItem, bool) {
	for i := range p.Items {
		if p.Items[i].Action == action {
			return &p.Items[i], true
		}
	}
	return nil, false
}

// BuildPlan turns a scorecard's gaps into the plan, with capacity effort
// points per horizon (0 means DefaultCapacity):
//   - for each question below its mode's target, the action toward the
//     next level; for each mode with don't-knows on important questions,
//     one find-out item listing them;
//   - an unmet prerequisite (a required question below the level its
//     dependent needs) adds or moves the item that lifts it, and only an
//     unmet one does;
//   - items are ranked by priority (ties: importance, then id); an unmet
//     prerequisite is placed immediately before the highest-ranked item
//     that needs it, so no dependent is ever moved down for it;
//   - horizons are filled in that order, each up to its capacity and never
//     earlier than an item's priority gives; what does not fit waits.
func BuildPlan(inst *questionnaire.Instrument, res Result, capacity int) Plan {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	b := planBuilder{inst: inst, res: res, byID: map[string]*PlanItem{}}
	for _, ms := range res.Modes {
		for _, qr := range ms.Results {
			q, _ := inst.Question(qr.ID)
			switch {
			case qr.Given.Kind == Level && qr.Given.Level < qr.Target:
				b.improve(q, qr, qr.Target)
			case qr.Given.Kind == DontKnow && q.Importance >= FindOutFrom:
				b.findOut(q, qr)
			}
		}
	}
	b.linkPrerequisites()
	ordered := b.order()
	plan := Plan{Capacity: capacity, Used: map[Bucket]int{}}
	plan.Items = place(ordered, capacity, plan.Used, &plan.Deferred)
	for i := range plan.Items {
		plan.Items[i].Rank = i + 1
		plan.Items[i].Why = whyText(plan.Items[i])
	}
	if plan.Items == nil {
		plan.Items = []PlanItem{}
	}
	return plan
}

// planBuilder gathers the plan's items before they are ordered.
type planBuilder struct {
	inst  *questionnaire.Instrument
	res   Result
	items []*PlanItem
	byID  map[string]*PlanItem
}

func (b *planBuilder) add(it *PlanItem) {
	it.Bucket = naturalBucket(*it)
	if it.Requires == nil {
		it.Requires = []string{}
	}
	b.items = append(b.items, it)
	b.byID[it.ID] = it
}

// improve adds the action lifting q from its level toward the next one,
// aiming at target; false when the instrument has no action from there.
func (b *planBuilder) improve(q *questionnaire.Question, qr QuestionResult, target int) (*PlanItem, bool) {
	act, ok := q.ActionFor(qr.Given.Level)
	if !ok {
		return nil, false
	}
	it := &PlanItem{ID: q.ID, Kind: Improve, Question: q.ID, Mode: q.Mode, Title: q.Title, Action: act.ID,
		Do: act.Do, DoneWhen: act.DoneWhen, KPI: act.KPI.String(), Decision: act.Decision,
		Level: qr.Given.Level, Toward: qr.Given.Level + 1, Target: target,
		Importance: q.Importance, Gap: target - qr.Given.Level, Confidence: qr.Confidence}
	it.Owners = b.inst.OwnersOf(act)
	if act.KPI.Measure != "" {
		kpi := act.KPI
		it.KPIParts = &kpi
	}
	it.Effort, it.EffortCost = string(act.Effort), act.Effort.Cost()
	it.Priority = *round(float64(it.Importance*it.Gap)*it.Confidence/float64(it.EffortCost), 2)
	b.add(it)
	return it, true
}

// findOut puts a don't-know question into its mode's find-out item, which
// it makes on the first: one item per mode, effort S, ranked by the most
// important question it lists.
func (b *planBuilder) findOut(q *questionnaire.Question, qr QuestionResult) *PlanItem {
	id := q.Mode + ".find-out"
	it, ok := b.byID[id]
	if !ok {
		ms, _ := b.res.Mode(q.Mode)
		act, _ := q.ActionFor(1) // the owners who would act are the ones who can find out
		it = &PlanItem{ID: id, Kind: FindOut, Mode: q.Mode, Title: "Unknowns to establish: " + ms.Name,
			Action: id, Confidence: 1, Effort: string(questionnaire.EffortS), EffortCost: questionnaire.EffortS.Cost()}
		if act != nil {
			it.Owners = b.inst.OwnersOf(act)
		}
		it.DoneWhen = "Each question listed has a level with its evidence recorded, or a reason why it does not apply."
		b.add(it)
	}
	if slices.Contains(it.Questions, q.ID) {
		return it
	}
	it.Questions = append(it.Questions, q.ID)
	// An unknown counts as DontKnowCounts, so its gap is as large as that
	// level's: the item ranks as its most pressing question would.
	gap := max(1, qr.Target-DontKnowCounts)
	if p := float64(q.Importance * gap); p > it.Priority {
		it.Priority, it.Importance, it.Gap, it.Target = p, q.Importance, gap, qr.Target
	}
	titles := make([]string, len(it.Questions))
	for i, id := range it.Questions {
		qq, _ := b.inst.Question(id)
		titles[i] = id + " " + qq.Title
	}
	it.Do = "Find out where these stand and record each level with its evidence: " + strings.Join(titles, "; ") + "."
	it.KPI = fmt.Sprintf("The state of %d %s is known and evidenced, so the gaps can be sized and acted on.",
		len(it.Questions), plural(len(it.Questions), "question", "questions"))
	it.Bucket = naturalBucket(*it)
	return it
}

// linkPrerequisites gives every item the items that must come first: for
// each prerequisite of its action that is not met, the item lifting that
// question (added when the question is at its target but below the level
// needed) or the find-out item of a question nobody knows. A met
// prerequisite, an n/a and an unanswered question add nothing.
func (b *planBuilder) linkPrerequisites() {
	for i := 0; i < len(b.items); i++ { // items may be added while walking
		it := b.items[i]
		if it.Kind != Improve {
			continue
		}
		q, _ := b.inst.Question(it.Question)
		act, _ := q.ActionFor(it.Level)
		for _, r := range act.Requires {
			qr, ok := b.res.Question(r.Question)
			if !ok {
				continue
			}
			var pre *PlanItem
			switch qr.Given.Kind {
			case Level:
				if qr.Given.Level >= r.MinLevel() {
					continue
				}
				if pre, ok = b.byID[r.Question]; !ok {
					rq, _ := b.inst.Question(r.Question)
					if pre, ok = b.improve(rq, *qr, r.MinLevel()); !ok {
						continue
					}
				}
			case DontKnow:
				rq, _ := b.inst.Question(r.Question)
				pre = b.findOut(rq, *qr)
			default:
				continue
			}
			if !slices.Contains(it.Requires, pre.ID) {
				it.Requires = append(it.Requires, pre.ID)
			}
		}
	}
}

// order ranks the items by priority (ties: importance, then id) and places
// each unmet prerequisite immediately before the highest-ranked item that
// needs it. It returns the items in plan order, each prerequisite marked
// with the item that placed it.
func (b *planBuilder) order() []PlanItem {
	byRank := slices.Clone(b.items)
	slices.SortStableFunc(byRank, func(x, y *PlanItem) int {
		return cmp.Or(cmp.Compare(y.Priority, x.Priority), cmp.Compare(y.Importance, x.Importance), cmp.Compare(x.ID, y.ID))
	})
	rank := map[string]int{}
	for i, it := range byRank {
		rank[it.ID] = i
	}
	out := make([]PlanItem, 0, len(byRank))
	placed := map[string]bool{}
	// emit places it after its prerequisites. root is the item whose own
	// rank placed the chain: a prerequisite of a prerequisite stands where
	// root stands, so it is pulled when it ranks below root, even if it
	// ranks above the item that needs it directly.
	var emit func(it, by, root *PlanItem)
	emit = func(it, by, root *PlanItem) {
		if placed[it.ID] {
			return
		}
		placed[it.ID] = true // before its prerequisites: a cycle cannot loop
		for _, req := range it.Requires {
			emit(b.byID[req], it, root)
		}
		if by != nil && rank[it.ID] > rank[root.ID] {
			it.PulledBy = by.ID
		}
		out = append(out, *it)
	}
	for _, it := range byRank {
		emit(it, nil, it)
	}
	return out
}

// place fills the horizons in plan order. Each holds up to capacity effort
// points (Waiting holds the rest); an item never goes earlier than its
// priority gives. An item and the prerequisites placed just before it go
// into one horizon together when they fit in one; a single item larger
// than the capacity stands alone. used collects the points per horizon,
// deferred the items capacity moved on.
func place(items []PlanItem, capacity int, used map[Bucket]int, deferred *int) []PlanItem {
	cursor := 0
	horizon := func() Bucket { return Buckets[cursor] }
	fits := func(cost int) bool {
		return horizon() == Waiting || used[horizon()]+cost <= capacity || used[horizon()] == 0
	}
	for start := 0; start < len(items); {
		// A unit is an item with the prerequisites it pulled in before it.
		end := start
		for end < len(items) && items[end].PulledBy != "" {
			end++
		}
		end = min(end+1, len(items))
		unit := items[start:end]
		natural := unit[len(unit)-1].Bucket // the item that pulled the others, last
		cursor = max(cursor, natural.order())
		cost := 0
		for _, it := range unit {
			cost += it.EffortCost
		}
		together := cost <= capacity
		if together {
			for !fits(cost) {
				cursor++
			}
		}
		for i := range unit {
			if !together {
				for !fits(unit[i].EffortCost) {
					cursor++
				}
			}
			it := &unit[i]
			it.Bucket = horizon()
			used[it.Bucket] += it.EffortCost
			if it.Bucket.order() > natural.order() {
				*deferred++
				it.Placement = fmt.Sprintf("%s, not %s: the capacity of %d effort points per horizon is taken by items ranked higher",
					it.Bucket.Label(), natural.Label(), capacity)
			}
		}
		start = end
	}
	for i := range items {
		it := &items[i]
		switch {
		case it.Placement != "":
		case it.Bucket == naturalBucket(*it):
			it.Placement = fmt.Sprintf("%s: %s", it.Bucket.Label(), naturalReason(*it))
		default:
			it.Placement = it.Bucket.Label()
		}
		if it.PulledBy != "" {
			it.Placement += fmt.Sprintf("; placed just before %s, which needs it first", it.PulledBy)
		}
		if it.Bucket != Waiting {
			it.Placement += fmt.Sprintf(" (%s holds %d of %d effort points)", it.Bucket.short(), used[it.Bucket], capacity)
		}
	}
	return items
}

// naturalBucket is the earliest horizon an item's priority gives it.
func naturalBucket(it PlanItem) Bucket {
	switch {
	case it.Kind == FindOut || it.Priority >= NowFrom:
		return Now
	case it.Priority >= NextFrom:
		return Next
	}
	return Later
}

func naturalReason(it PlanItem) string {
	switch {
	case it.Kind == FindOut:
		return "not knowing is a risk, so finding out starts first"
	case it.Priority >= NowFrom:
		return fmt.Sprintf("priority %.2f ≥ %.1f", it.Priority, NowFrom)
	case it.Priority >= NextFrom:
		return fmt.Sprintf("%.1f ≤ priority %.2f < %.1f", NextFrom, it.Priority, NowFrom)
	}
	return fmt.Sprintf("priority %.2f < %.1f", it.Priority, NextFrom)
}

// short is the horizon's name without its span.
func (b Bucket) short() string {
	l := b.Label()
	if i := strings.Index(l, " ("); i > 0 {
		return l[:i]
	}
	return l
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func whyText(it PlanItem) string {
	var s string
	if it.Kind == FindOut {
		s = fmt.Sprintf("don't know on %d %s; not knowing counts as level %d, so the most pressing ranks the item: "+
			"priority = importance %d × gap %d (unknown, counted as %d; target %d) × confidence 1.00 ÷ effort S 1 = %.2f",
			len(it.Questions), plural(len(it.Questions), "question", "questions"), DontKnowCounts,
			it.Importance, it.Gap, DontKnowCounts, it.Target, it.Priority)
	} else {
		s = fmt.Sprintf("priority = importance %d × gap %d (level %d, target %d) × confidence %.2f ÷ effort %s %d = %.2f",
			it.Importance, it.Gap, it.Level, it.Target, it.Confidence, it.Effort, it.EffortCost, it.Priority)
	}
	if len(it.Requires) > 0 {
		s += fmt.Sprintf("; comes after %s, its unmet prerequisite", strings.Join(it.Requires, ", "))
	}
	return s
}
