package assessment

import (
	"cmp"
	"slices"
	"strings"
)

// The register as people read it: each adopted action beside what the
// plan and the scorecard say of it now (overdue, met, its horizon). The
// store keeps the actions; this file reads them against an evaluation.

// Adopted is an adopted action as the store keeps it: the plan item's
// question and action (as PlanItem names them: no question for a mode's
// find-out item) and its state.
type Adopted struct {
	Question string
	Action   string
	ActionState
}

// RegisterEntry is an adopted action as a register shows it.
type RegisterEntry struct {
	// Question and Action name it as PlanItem does.
	Question string `json:"question"`
	Action   string `json:"action"`
	ActionState
	Mode string `json:"mode"`
	// Title is what the action improves: the question's title (its id
	// when the instrument has no such question), or for a find-out item
	// "Unknowns to establish: " and the mode's name.
	Title    string `json:"title"`
	Do       string `json:"do"`
	DoneWhen string `json:"done_when,omitempty"`
	KPI      string `json:"kpi,omitempty"`
	// Answer is the question's answer now in words ("level 2 Developing",
	// "not answered"); "" for a find-out item. Level is its level (0 when
	// it has none), Target its mode's target.
	Answer string `json:"answer,omitempty"`
	Level  int    `json:"level"`
	Target int    `json:"target"`
	// Bucket is the plan's horizon for the action now; "" when the plan
	// does not hold it (it is met, or the answer moved to another action).
	Bucket  Bucket `json:"bucket,omitempty"`
	Overdue bool   `json:"overdue"`
	// Met: the question is at or above its target now (for a find-out item:
	// no important question of its mode is a don't-know any more). A met
	// action stays in the register, whatever its status: answers that
	// change do not delete what was decided.
	Met bool `json:"met"`
}

// Register reads the adopted actions against the evaluation, on the day
// today: overdue ones first, then by due date (undated last), then in the
// instrument's order (RegisterOrder).
func Register(ev Evaluation, adopted []Adopted, today Date) []RegisterEntry {
	out := make([]RegisterEntry, 0, len(adopted))
	for _, a := range adopted {
		out = append(out, ev.registerEntry(a, today))
	}
	order := RegisterOrder(ev.Instrument)
	slices.SortStableFunc(out, func(x, y RegisterEntry) int {
		return cmp.Or(compareTrueFirst(x.Overdue, y.Overdue), compareDue(x.Due, y.Due), cmp.Compare(order[x.Action], order[y.Action]))
	})
	return out
}

// compareTrueFirst orders true before false.
func compareTrueFirst(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return -1
	}
	return 1
}

// compareDue orders dates, no date last.
func compareDue(x, y Date) int {
	switch {
	case x == y:
		return 0
	case x == "":
		return 1
	case y == "":
		return -1
	}
	return cmp.Compare(x, y)
}

func (ev Evaluation) registerEntry(a Adopted, today Date) RegisterEntry {
	e := RegisterEntry{Question: a.Question, Action: a.Action, ActionState: a.ActionState, Overdue: a.Overdue(today)}
	it, inPlan := ev.Plan.ItemFor(a.Action)
	if inPlan {
		e.Bucket = it.Bucket
	}
	if a.Question == "" { // a mode's find-out item
		e.Mode = strings.TrimSuffix(a.Action, FindOutSuffix)
		name := e.Mode
		if m, ok := ev.Instrument.Mode(e.Mode); ok {
			name = m.Name
		}
		e.Title = "Unknowns to establish: " + name
		e.Do = "Find out where the questions nobody knows the answer to stand, and record each level with its evidence."
		if inPlan {
			e.Do, e.DoneWhen, e.KPI = it.Do, it.DoneWhen, it.KPI
		}
		e.Met = !inPlan
		return e
	}
	e.Title = a.Question
	if q, ok := ev.Instrument.Question(a.Question); ok {
		e.Mode, e.Title = q.Mode, q.Title
		if act, ok := q.Action(a.Action); ok {
			e.Do, e.DoneWhen, e.KPI = act.Do, act.DoneWhen, act.KPI.String()
		}
	}
	if qr, ok := ev.Scorecard.Question(a.Question); ok {
		e.Answer, e.Target = qr.Given.Words(), qr.Target
		if qr.Given.Kind == Level {
			e.Level = qr.Given.Level
			e.Met = e.Level >= e.Target
		}
	}
	return e
}

// Unadopted lists the plan's items whose action is not adopted, in plan
// order: what is still to be decided.
func Unadopted(plan Plan, adopted []Adopted) []PlanItem {
	have := make(map[string]bool, len(adopted))
	for _, a := range adopted {
		have[a.Action] = true
	}
	out := []PlanItem{}
	for _, it := range plan.Items {
		if !have[it.Action] {
			out = append(out, it)
		}
	}
	return out
}
