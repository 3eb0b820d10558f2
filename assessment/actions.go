package assessment

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seam-dev/seam/questionnaire"
)

// The action register: a plan item adopted as an action gets an owner, a
// due date, a status and notes, so that the plan can be followed. This
// file holds the rules; the store keeps every change.

// ActionStatus is where an adopted action stands.
type ActionStatus string

// The statuses of an action. Any status may follow any other (work is
// reopened, a dropped action taken up again); accepting the risk or
// dropping the action needs a reason.
const (
	ActionNotStarted   ActionStatus = "not-started"
	ActionInProgress   ActionStatus = "in-progress"
	ActionDone         ActionStatus = "done"
	ActionRiskAccepted ActionStatus = "risk-accepted"
	ActionDropped      ActionStatus = "dropped"
)

// ActionStatuses lists the statuses in the order of a piece of work.
var ActionStatuses = []ActionStatus{ActionNotStarted, ActionInProgress, ActionDone, ActionRiskAccepted, ActionDropped}

// ParseActionStatus reads a status as people type it: "in-progress",
// "in progress", "In_Progress". The written form is the constant's.
func ParseActionStatus(s string) (ActionStatus, error) {
	v := strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "-"))
	if st := ActionStatus(v); slices.Contains(ActionStatuses, st) {
		return st, nil
	}
	return "", fmt.Errorf("status must be one of %s, not %q", statusList(), s)
}

func statusList() string {
	names := make([]string, len(ActionStatuses))
	for i, st := range ActionStatuses {
		names[i] = string(st)
	}
	return strings.Join(names, ", ")
}

// ErrNeedsReason is wrapped by the errors for a status that needs a reason
// (risk-accepted, dropped) given without one, so that a front end can say
// how to give it.
var ErrNeedsReason = errors.New("needs a reason")

// Valid reports a status seam knows.
func (st ActionStatus) Valid() bool { return slices.Contains(ActionStatuses, st) }

// NeedsReason reports a status that is a decision to be explained:
// accepting the risk, or dropping the action.
func (st ActionStatus) NeedsReason() bool { return st == ActionRiskAccepted || st == ActionDropped }

// Open reports an action still to be done: not started or in progress.
// Only an open action can be overdue.
func (st ActionStatus) Open() bool { return st == ActionNotStarted || st == ActionInProgress }

// Words is the status for people: "not started", "risk accepted".
func (st ActionStatus) Words() string { return strings.ReplaceAll(string(st), "-", " ") }

// Date is a calendar day with no time or zone, written YYYY-MM-DD: a due
// date. "" is no date. Written so, dates sort as text.
type Date string

// ParseDate reads a date written YYYY-MM-DD, from 1970 on; spaces around
// are ignored. "" stays no date.
func ParseDate(s string) (Date, error) {
	v := strings.TrimSpace(s)
	if v == "" {
		return "", nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil || t.Format(time.DateOnly) != v {
		return "", fmt.Errorf("%q is not a date written YYYY-MM-DD, such as 2027-03-31", s)
	}
	if t.Year() < 1970 {
		return "", fmt.Errorf("%q is before 1970", s)
	}
	return Date(v), nil
}

// DateOf is the calendar day of t in t's own zone: DateOf(time.Now()) is
// today where the user is.
func DateOf(t time.Time) Date { return Date(t.Format(time.DateOnly)) }

// Check refuses a date ParseDate would not give back as it is.
func (d Date) Check() error {
	p, err := ParseDate(string(d))
	if err != nil {
		return err
	}
	if p != d {
		return fmt.Errorf("%q is not a date written YYYY-MM-DD, such as 2027-03-31", string(d))
	}
	return nil
}

// Text limits of an action: an owner is a name or a role, a reason is
// bounded as an n/a answer's, notes as an answer's note.
const (
	MaxOwnerLen        = 200
	MaxActionReasonLen = MaxReasonLen
	MaxActionNotesLen  = MaxNoteLen
)

// ActionState is an adopted action as it stands: who owns it, when it is
// due, its status (with the reason a decision needs) and notes.
type ActionState struct {
	// Owner is free text: a person, a role, or a participant's name.
	Owner  string       `json:"owner"`
	Due    Date         `json:"due,omitempty"`
	Status ActionStatus `json:"status"`
	// Reason explains a risk accepted or an action dropped; it is empty
	// with any other status.
	Reason string `json:"reason,omitempty"`
	Notes  string `json:"notes,omitempty"`
}

// Validate checks a state on its own terms: a known status, a reason
// exactly when the status needs one, a date, texts within their limits.
func (s ActionState) Validate() error {
	if !s.Status.Valid() {
		return fmt.Errorf("status must be one of %s, not %q", statusList(), s.Status)
	}
	switch {
	case s.Status.NeedsReason() && strings.TrimSpace(s.Reason) == "":
		return fmt.Errorf("status %s %w: say why", s.Status, ErrNeedsReason)
	case !s.Status.NeedsReason() && s.Reason != "":
		return fmt.Errorf("a reason is only for %s or %s, not for %s", ActionRiskAccepted, ActionDropped, s.Status)
	}
	if err := s.Due.Check(); err != nil {
		return fmt.Errorf("due date %w", err)
	}
	for _, f := range []struct {
		name  string
		text  string
		limit int
	}{{"owner", s.Owner, MaxOwnerLen}, {"reason", s.Reason, MaxActionReasonLen}, {"notes", s.Notes, MaxActionNotesLen}} {
		if n := len([]rune(f.text)); n > f.limit {
			return fmt.Errorf("%s is %d characters, more than the %d allowed", f.name, n, f.limit)
		}
	}
	return nil
}

// Overdue reports an open action whose due date is before today.
func (s ActionState) Overdue(today Date) bool {
	return s.Status.Open() && s.Due != "" && s.Due < today
}

// ActionUpdate is a change to an action: the fields set change, the nil
// ones stay. A Due of "" clears the date.
type ActionUpdate struct {
	Owner  *string
	Due    *Date
	Status *ActionStatus
	Reason *string
	Notes  *string
}

// NewAction is the state of an action just adopted: not started, then the
// update applied.
func NewAction(u ActionUpdate) (ActionState, error) {
	next, _, err := ActionState{Status: ActionNotStarted}.Apply(u)
	return next, err
}

// Apply returns the state after the update, and whether it changed. The
// owner, reason and notes lose spaces around them. A status changed to
// risk-accepted or dropped needs a reason in the same update (the reason
// of an earlier decision does not carry over); one changed to any other
// status drops the reason. A reason alone replaces the reason of the
// current decision. Nothing is applied when the result is not valid.
func (s ActionState) Apply(u ActionUpdate) (ActionState, bool, error) {
	next := s
	if u.Owner != nil {
		next.Owner = strings.TrimSpace(*u.Owner)
	}
	if u.Due != nil {
		d, err := ParseDate(string(*u.Due))
		if err != nil {
			return s, false, fmt.Errorf("due date %w", err)
		}
		next.Due = d
	}
	if u.Notes != nil {
		next.Notes = strings.TrimSpace(*u.Notes)
	}
	if u.Status != nil {
		if !u.Status.Valid() {
			return s, false, fmt.Errorf("status must be one of %s, not %q", statusList(), *u.Status)
		}
		next.Status = *u.Status
	}
	reason := ""
	if u.Reason != nil {
		reason = strings.TrimSpace(*u.Reason)
	}
	switch {
	case reason != "" && !next.Status.NeedsReason():
		return s, false, fmt.Errorf("a reason is only for %s or %s, not for %s", ActionRiskAccepted, ActionDropped, next.Status)
	case next.Status != s.Status && next.Status.NeedsReason() && reason == "":
		return s, false, fmt.Errorf("status %s %w: say why", next.Status, ErrNeedsReason)
	case u.Reason != nil && next.Status.NeedsReason() && reason == "":
		return s, false, fmt.Errorf("status %s %w: it cannot be cleared", next.Status, ErrNeedsReason)
	case next.Status.NeedsReason() && u.Reason != nil:
		next.Reason = reason
	case !next.Status.NeedsReason():
		next.Reason = ""
	}
	if err := next.Validate(); err != nil {
		return s, false, err
	}
	return next, next != s, nil
}

// FindOutSuffix ends the action id of a mode's find-out item, which no
// question's action has: "m3.find-out".
const FindOutSuffix = ".find-out"

// ErrUnknownAction is wrapped by the errors for an action the instrument
// does not have.
var ErrUnknownAction = errors.New("no such action")

// CheckActionKey checks that the instrument has the action a plan item
// names: the question and one of its actions (m1.q1, m1.q1.a1), or for a
// mode's find-out item no question and MODE.find-out (as PlanItem.Question
// and PlanItem.Action say). The action need not be in the current plan:
// an adopted action stays when the answers change.
func CheckActionKey(inst *questionnaire.Instrument, question, action string) error {
	if question == "" {
		mode, ok := strings.CutSuffix(action, FindOutSuffix)
		if !ok {
			return fmt.Errorf("%w %q: name its question too (only a find-out item has none)", ErrUnknownAction, action)
		}
		if _, ok := inst.Mode(mode); !ok {
			return fmt.Errorf("%w %q: instrument %s has no failure mode %q", ErrUnknownAction, action, inst.ID, mode)
		}
		return nil
	}
	q, ok := inst.Question(question)
	if !ok {
		return fmt.Errorf("%w: instrument %s has no question %q", ErrUnknownAction, inst.ID, question)
	}
	if _, ok := q.Action(action); ok {
		return nil
	}
	ids := make([]string, len(q.Actions))
	for i, a := range q.Actions {
		ids[i] = a.ID
	}
	return fmt.Errorf("%w %q for %s: its actions are %s", ErrUnknownAction, action, question, strings.Join(ids, ", "))
}

// RegisterOrder numbers the actions an instrument offers, by action id,
// in the instrument's order: each failure mode's questions with their
// actions, then the mode's find-out item. A register lists its actions so,
// grouped as the report's chapters are.
func RegisterOrder(inst *questionnaire.Instrument) map[string]int {
	order := map[string]int{}
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			for _, a := range q.Actions {
				order[a.ID] = len(order)
			}
		}
		order[m.ID+FindOutSuffix] = len(order)
	}
	return order
}

// ItemKey finds the question and action an item names, as people name
// one: a plan item's id (a question id, or MODE.find-out), its number in
// the plan as shown (the rank: "3"), a question id (the plan's item for
// it, a find-out item when nobody knows its answer) or an action id of the
// instrument (m1.q1.a2), which names the action whether or not it is in
// the plan. A number names the item of the plan as it is now: the action
// it resolves to is what is kept.
func ItemKey(inst *questionnaire.Instrument, plan Plan, item string) (question, action string, err error) {
	item = strings.TrimSpace(item)
	if n, err := strconv.Atoi(item); err == nil {
		if n < 1 || n > len(plan.Items) {
			return "", "", fmt.Errorf("%w: the plan has no item %d (its items are numbered 1 to %d)", ErrUnknownAction, n, len(plan.Items))
		}
		it := plan.Items[n-1]
		return it.Question, it.Action, nil
	}
	if it, ok := plan.Find(item); ok {
		return it.Question, it.Action, nil
	}
	if strings.HasSuffix(item, FindOutSuffix) {
		if err := CheckActionKey(inst, "", item); err != nil {
			return "", "", err
		}
		return "", item, nil
	}
	for _, q := range inst.Questions() {
		if q.ID == item {
			return "", "", fmt.Errorf("%s is not in the plan (no action is due for it now): name one of its actions, such as %s", item, q.Actions[0].ID)
		}
		for _, a := range q.Actions {
			if a.ID == item {
				return q.ID, a.ID, nil
			}
		}
	}
	return "", "", fmt.Errorf("%w %q: name a plan item, a question or an action id of instrument %s", ErrUnknownAction, item, inst.ID)
}
