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
)

// Buckets lists the horizons in order.
var Buckets = []Bucket{Now, Next, Later}

// Label is the bucket's name with its horizon, for people.
func (b Bucket) Label() string {
	switch b {
	case Now:
		return "Now (0-90 days)"
	case Next:
		return "Next (3-6 months)"
	}
	return "Later (6-12 months)"
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
	Rank     int      `json:"rank"`
	Bucket   Bucket   `json:"bucket"`
	Kind     ItemKind `json:"kind"`
	Question string   `json:"question"`
	Mode     string   `json:"mode"`
	Action   string   `json:"action"`
	Title    string   `json:"title"`
	Do       string   `json:"do"`
	Effort   string   `json:"effort"`
	Owners   struct {
		Business string `json:"business"`
		IT       string `json:"it"`
	} `json:"owners"`
	KPI string `json:"kpi"`
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
	// Requires lists the questions whose items must come first.
	Requires []string `json:"requires"`
	// PulledBy names the item whose prerequisite pulled this one into an
	// earlier bucket than its priority alone gives ("" if none).
	PulledBy string `json:"pulled_by"`
	// Why states the terms of the rank in words.
	Why string `json:"why"`
}

// Plan is the ordered remediation plan.
type Plan struct {
	Items []PlanItem `json:"items"`
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

// Find returns the item for a question id or an action id.
func (p Plan) Find(id string) (*PlanItem, bool) {
	for i := range p.Items {
		if p.Items[i].Question == id || p.Items[i].Action == id {
			return &p.Items[i], true
		}
	}
	return nil, false
}

// BuildPlan turns a scorecard's gaps into the plan: for each question below
// its mode's target, the action toward the next level; for each don't-know
// on an important question, a find-out item in Now. Items are ranked by
// priority, bucketed by thresholds, prerequisites are pulled into the bucket
// of what needs them and ordered before it.
func BuildPlan(inst *questionnaire.Instrument, res Result) Plan {
	var items []PlanItem
	order := map[string]int{} // question id → position in the instrument
	for _, ms := range res.Modes {
		for _, qr := range ms.Results {
			order[qr.ID] = len(order)
			q, _ := inst.Question(qr.ID)
			if it, ok := planItem(q, qr); ok {
				items = append(items, it)
			}
		}
	}
	index := map[string]int{}
	for i, it := range items {
		index[it.Question] = i
	}
	// Keep only prerequisites that are themselves in the plan: the others
	// are already at their target, not applicable, or unknown but minor.
	for i := range items {
		items[i].Requires = slices.DeleteFunc(items[i].Requires, func(q string) bool { _, ok := index[q]; return !ok })
		if items[i].Requires == nil {
			items[i].Requires = []string{}
		}
	}
	pullPrerequisitesForward(items, index)
	items = orderItems(items, index, order)
	for i := range items {
		items[i].Rank = i + 1
		items[i].Why = whyText(items[i])
	}
	return Plan{Items: items}
}

func planItem(q *questionnaire.Question, qr QuestionResult) (PlanItem, bool) {
	it := PlanItem{
		Question: q.ID, Mode: q.Mode, Title: q.Title, Target: qr.Target,
		Importance: q.Importance, Confidence: qr.Confidence,
	}
	var act *questionnaire.Action
	switch {
	case qr.Given.Kind == Level && qr.Given.Level < qr.Target:
		if act, _ = q.ActionFor(qr.Given.Level); act == nil {
			return PlanItem{}, false
		}
		it.Kind, it.Level, it.Toward, it.Gap = Improve, qr.Given.Level, qr.Given.Level+1, qr.Target-qr.Given.Level
		it.Do, it.KPI = act.Do, act.KPI
		it.Requires = slices.Clone(act.Requires)
	case qr.Given.Kind == DontKnow && q.Importance >= FindOutFrom:
		// The owners who would act are the ones who can find out.
		act, _ = q.ActionFor(1)
		it.Kind, it.Gap = FindOut, 1
		it.Do = fmt.Sprintf("Find out where this stands and record the level with evidence: %s", q.Text)
		it.KPI = fmt.Sprintf("The state of %q is known and evidenced, so its gap can be sized and acted on.", q.Title)
	default:
		return PlanItem{}, false
	}
	if act == nil { // an instrument validated by the loader always covers levels 1–4
		return PlanItem{}, false
	}
	it.Action = act.ID
	it.Owners.Business, it.Owners.IT = act.Owners.Business, act.Owners.IT
	effort := act.Effort
	if it.Kind == FindOut {
		effort = questionnaire.EffortS
	}
	it.Effort, it.EffortCost = string(effort), effort.Cost()
	it.Priority = *round(float64(it.Importance*it.Gap)*it.Confidence/float64(it.EffortCost), 2)
	it.Bucket = bucketFor(it)
	return it, true
}

func bucketFor(it PlanItem) Bucket {
	switch {
	case it.Kind == FindOut || it.Priority >= NowFrom:
		return Now
	case it.Priority >= NextFrom:
		return Next
	}
	return Later
}

// pullPrerequisitesForward moves a prerequisite into the bucket of the item
// that needs it when it would otherwise come later: the dependent item
// cannot start before it.
func pullPrerequisitesForward(items []PlanItem, index map[string]int) {
	for changed := true; changed; {
		changed = false
		for _, it := range items {
			for _, req := range it.Requires {
				pre := &items[index[req]]
				if pre.Bucket.order() > it.Bucket.order() {
					pre.Bucket, pre.PulledBy = it.Bucket, it.Question
					changed = true
				}
			}
		}
	}
}

// orderItems sorts by bucket, then priority (highest first), then the
// instrument's order, while never placing an item before its prerequisites
// (Kahn's algorithm, always taking the best ready item).
func orderItems(items []PlanItem, index map[string]int, order map[string]int) []PlanItem {
	less := func(x, y int) int {
		a, b := &items[x], &items[y]
		return cmp.Or(
			cmp.Compare(a.Bucket.order(), b.Bucket.order()),
			cmp.Compare(b.Priority, a.Priority),
			cmp.Compare(order[a.Question], order[b.Question]),
		)
	}
	waiting := make([]int, len(items)) // unplaced prerequisites per item
	dependents := make([][]int, len(items))
	ready := make([]int, 0, len(items))
	for i, it := range items {
		waiting[i] = len(it.Requires)
		for _, req := range it.Requires {
			dependents[index[req]] = append(dependents[index[req]], i)
		}
		if waiting[i] == 0 {
			ready = append(ready, i)
		}
	}
	out := make([]PlanItem, 0, len(items))
	for len(ready) > 0 {
		best := 0
		for k := 1; k < len(ready); k++ {
			if less(ready[k], ready[best]) < 0 {
				best = k
			}
		}
		next := ready[best]
		ready = slices.Delete(ready, best, best+1)
		out = append(out, items[next])
		for _, d := range dependents[next] {
			if waiting[d]--; waiting[d] == 0 {
				ready = append(ready, d)
			}
		}
	}
	return out
}

func whyText(it PlanItem) string {
	var s string
	if it.Kind == FindOut {
		s = fmt.Sprintf("don't know on an importance-%d question, and not knowing is a risk, so finding out goes into Now: "+
			"priority = importance %d × gap 1 (unknown) × confidence %.2f ÷ effort S 1 = %.2f",
			it.Importance, it.Importance, it.Confidence, it.Priority)
	} else {
		s = fmt.Sprintf("priority = importance %d × gap %d (level %d, target %d) × confidence %.2f ÷ effort %s %d = %.2f",
			it.Importance, it.Gap, it.Level, it.Target, it.Confidence, it.Effort, it.EffortCost, it.Priority)
		switch natural := bucketFor(it); natural {
		case Now:
			s += fmt.Sprintf("; Now as %.2f ≥ %.1f", it.Priority, NowFrom)
		case Next:
			s += fmt.Sprintf("; Next as %.1f ≤ %.2f < %.1f", NextFrom, it.Priority, NowFrom)
		default:
			s += fmt.Sprintf("; Later as %.2f < %.1f", it.Priority, NextFrom)
		}
	}
	if it.PulledBy != "" {
		s += fmt.Sprintf("; pulled into %s because %s needs it first", it.Bucket.Label(), it.PulledBy)
	}
	if len(it.Requires) > 0 {
		s += fmt.Sprintf("; comes after %s, its prerequisite", strings.Join(it.Requires, ", "))
	}
	return s
}
