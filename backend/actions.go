package backend

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/store"
)

// Re-assessment and the action register, as the front ends use them: the
// store keeps the chain and the actions, package assessment reads them
// against an evaluation, and this file puts the two together once.

// Reassessed is a follow-up just started, with what it took from the
// assessment it follows up and what it left there.
type Reassessed struct {
	// FollowUp is the new assessment, evaluated (nothing answered yet).
	FollowUp *Evaluated
	// Previous is the assessment it follows up, as it was.
	Previous *Evaluated
	// Actions counts the previous assessment's adopted actions, which stay
	// with it (seam actions on the follow-up reviews them).
	Actions int
}

// Reassess starts the follow-up of the assessment a unique id prefix
// names (store.Reassess: same organisation, scope, targets, capacity and
// participants; no answers, baseline figures or actions).
func (b *Backend) Reassess(prefix string, opts store.ReassessOptions) (Reassessed, error) {
	prev, err := b.Open(prefix)
	if err != nil {
		return Reassessed{}, err
	}
	a, err := b.store.Reassess(prev.ID, opts)
	if err != nil {
		return Reassessed{}, err
	}
	next, err := b.Load(a.ID)
	if err != nil {
		return Reassessed{}, err
	}
	acts, err := b.store.Actions(prev.ID)
	if err != nil {
		return Reassessed{}, err
	}
	return Reassessed{FollowUp: next, Previous: prev, Actions: len(acts)}, nil
}

// CarriedOver says in one line what the follow-up took from the
// assessment it follows up, and what it left there, as every front end
// says it: "follow-up p7q2x4 of k3f9q2, on seam-integration-strategy 1.1.0
// (was 1.0.1): carried over the organisation, title, scope, targets,
// capacity and the respondent; not carried over: answers (41 questions
// answered), baseline figures (6) and actions (4, which stay with
// k3f9q2)". see, when not "", is how this front end shows those actions,
// written after the id: "seam actions k3f9q2". The title counts as
// carried over when the follow-up kept it.
func (r Reassessed) CarriedOver(see string) string {
	prev, next := r.Previous, r.FollowUp
	inst := next.Instrument.ID + " " + next.Instrument.Version
	if next.Instrument.Version != prev.Instrument.Version {
		inst += " (was " + prev.Instrument.Version + ")"
	}
	people := fmt.Sprintf("%d participants", len(prev.Participants))
	switch {
	case prev.Kind == store.Self:
		people = "the respondent"
	case len(prev.Participants) == 1:
		people = "1 participant"
	}
	carried := "the organisation, scope, targets, capacity and " + people
	if next.Title == prev.Title {
		carried = "the organisation, title, scope, targets, capacity and " + people
	}
	if see != "" {
		see = ": " + see
	}
	return fmt.Sprintf("follow-up %s of %s, on %s: carried over %s; not carried over: answers (%d questions answered), baseline figures (%d) and actions (%d, which stay with %s%s)",
		next.ID, prev.ID, inst, carried, prev.AnsweredQuestions(), len(prev.Baseline), r.Actions, prev.ID, see)
}

// Register is an assessment's action register as a front end shows it.
type Register struct {
	// Entries are the adopted actions, overdue first (assessment.Register).
	Entries []assessment.RegisterEntry
	// Actions are the same actions as the store keeps them, in the
	// instrument's order, with when each last changed.
	Actions []store.Action
	// Unadopted are the plan's items no action is adopted for yet.
	Unadopted []assessment.PlanItem
	// Previous is the assessment this one follows up, nil for none (or
	// when it is no longer in the database); Review is what its actions
	// came to in this one (assessment.Review).
	Previous *Evaluated
	Review   []assessment.ActionReview
	// PreviousOpen counts the previous assessment's actions not marked
	// done (open, risk accepted or dropped), which Review leaves out.
	PreviousOpen int
}

// Register reads the action register of an evaluated assessment on the
// day today, and for a follow-up reviews the previous assessment's.
func (b *Backend) Register(e *Evaluated, today assessment.Date) (Register, error) {
	acts, err := b.store.Actions(e.ID)
	if err != nil {
		return Register{}, err
	}
	adopted := Adopted(acts)
	r := Register{Entries: assessment.Register(e.Evaluation, adopted, today), Actions: acts, Unadopted: assessment.Unadopted(e.Evaluation.Plan, adopted)}
	if e.Previous == "" {
		return r, nil
	}
	prev, err := b.Load(e.Previous)
	if errors.Is(err, store.ErrNotFound) {
		return r, nil
	}
	if err != nil {
		return Register{}, err
	}
	prevActs, err := b.store.Actions(prev.ID)
	if err != nil {
		return Register{}, err
	}
	r.Previous, r.Review = prev, assessment.Review(prev.Evaluation, Adopted(prevActs), e.Evaluation)
	for _, a := range prevActs {
		if a.Status != assessment.ActionDone {
			r.PreviousOpen++
		}
	}
	return r, nil
}

// Adopted is the register as package assessment reads it.
func Adopted(acts []store.Action) []assessment.Adopted {
	out := make([]assessment.Adopted, len(acts))
	for i, a := range acts {
		out[i] = assessment.Adopted{Question: a.Question, Action: a.Action, ActionState: a.ActionState}
	}
	return out
}

// ActionSet is what SetAction did.
type ActionSet struct {
	store.Action
	// Adopted: the plan item was adopted by this change; Changed: the
	// change changed something (an update that sets what is already set
	// changes nothing and writes nothing).
	Adopted, Changed bool
	// Participant is the participant the owner names ("" when the owner
	// is not one of them).
	Participant string
}

// SetAction adopts the plan item item names (assessment.ItemKey: a plan
// item's id or number, a question, an action id) with update u, or changes
// it by u when it is adopted already. An owner that names a participant
// whatever the case ("ann" for Ann) is written as the participant's name.
//
// A question the plan no longer holds (it reached its target) names the
// action adopted for it, when there is one: a met action is still changed
// by the name it was adopted under.
func (b *Backend) SetAction(e *Evaluated, item string, u assessment.ActionUpdate) (ActionSet, error) {
	acts, err := b.store.Actions(e.ID)
	if err != nil {
		return ActionSet{}, err
	}
	question, action, err := assessment.ItemKey(e.Instrument, e.Evaluation.Plan, item)
	if err != nil {
		var adopted []store.Action
		for _, a := range acts {
			if a.Question != "" && a.Question == strings.TrimSpace(item) {
				adopted = append(adopted, a)
			}
		}
		if len(adopted) != 1 {
			return ActionSet{}, err
		}
		question, action = adopted[0].Question, adopted[0].Action
	}
	var set ActionSet
	if u.Owner != nil {
		owner := strings.TrimSpace(*u.Owner)
		for _, p := range e.Participants {
			if strings.EqualFold(p.Name, owner) {
				owner, set.Participant = p.Name, p.Name
				break
			}
		}
		u.Owner = &owner
	}
	var current *store.Action
	for i := range acts {
		if acts[i].Question == question && acts[i].Action == action {
			current = &acts[i]
		}
	}
	if current == nil {
		got, err := b.store.AdoptAction(e.ID, question, action, u)
		if !errors.Is(err, store.ErrAdopted) { // else adopted meanwhile by another seam: change it
			set.Action, set.Adopted, set.Changed = got, err == nil, err == nil
			return set, err
		}
	}
	got, err := b.store.UpdateAction(e.ID, question, action, u)
	if err != nil {
		return ActionSet{}, err
	}
	set.Action, set.Changed = got, current == nil || got.ActionState != current.ActionState
	return set, nil
}
