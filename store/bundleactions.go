package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// Bundle version 2 adds the chain link and the action register. The link
// is a reference: assessment.previous names the assessment the bundle's
// follows up, by its id. Import links the two when that one is in the
// database (or comes in the same ImportAll) and has no follow-up yet;
// otherwise the assessment is stored without it (ImportAll's Unlinked
// says so), so that a link always names an assessment in the database.

// BundleAction is an adopted action in a bundle: as it stands in
// "actions" (at: when it last changed), or one state of it in
// "action_history" (at: when it was recorded).
type BundleAction struct {
	// Question and Action name the plan item as the store does: "" and
	// MODE.find-out for a mode's find-out item.
	Question string `json:"question"`
	Action   string `json:"action"`
	Owner    string `json:"owner,omitempty"`
	Due      string `json:"due,omitempty"` // YYYY-MM-DD
	Status   string `json:"status"`
	Reason   string `json:"reason,omitempty"`
	Notes    string `json:"notes,omitempty"`
	At       string `json:"at"`
}

func bundleAction(question, action string, st assessment.ActionState, at string) BundleAction {
	return BundleAction{Question: question, Action: action, Owner: st.Owner, Due: string(st.Due), Status: string(st.Status),
		Reason: st.Reason, Notes: st.Notes, At: at}
}

func (a BundleAction) state() assessment.ActionState {
	return assessment.ActionState{Owner: a.Owner, Due: assessment.Date(a.Due), Status: assessment.ActionStatus(a.Status), Reason: a.Reason, Notes: a.Notes}
}

func (a BundleAction) key() [2]string { return [2]string{a.Question, a.Action} }

// check validates an action against the bundle's instrument, as the
// store would take it, and writes its time as seam stores it.
func (a *BundleAction) check(inst *questionnaire.Instrument) error {
	if err := assessment.CheckActionKey(inst, a.Question, a.Action); err != nil {
		return err
	}
	if err := a.state().Validate(); err != nil {
		return fmt.Errorf("%s: %w", a.Action, err)
	}
	if err := normalTime(&a.At); err != nil {
		return fmt.Errorf("%s: at: %w", a.Action, err)
	}
	return nil
}

// checkBundleChain checks what version 2 adds: the link and the register.
// A bundle of version 1 carries neither.
func checkBundleChain(b *Bundle, inst *questionnaire.Instrument) error {
	a := b.Assessment
	if b.Version < 2 && (a.Previous != "" || len(b.Actions) > 0 || len(b.ActionHistory) > 0) {
		return errors.New("inconsistent: assessment.previous, actions and action_history are new in bundle version 2, and this bundle says version 1")
	}
	if a.Previous != "" && !validID(a.Previous) {
		return fmt.Errorf("assessment.previous %q is not a seam id (%d characters from %s)", a.Previous, IDLength, idAlphabet)
	}
	if a.Previous == a.ID {
		return fmt.Errorf("inconsistent: assessment %s names itself as its previous assessment", a.ID)
	}
	adopted := map[[2]string]bool{}
	for i := range b.Actions {
		r := &b.Actions[i]
		if err := r.check(inst); err != nil {
			return fmt.Errorf("actions[%d]: %w", i, err)
		}
		if adopted[r.key()] {
			return fmt.Errorf("actions[%d]: %s is in the register twice", i, r.Action)
		}
		adopted[r.key()] = true
	}
	for i := range b.ActionHistory {
		r := &b.ActionHistory[i]
		if err := r.check(inst); err != nil {
			return fmt.Errorf("action_history[%d]: %w", i, err)
		}
		if !adopted[r.key()] {
			return fmt.Errorf("action_history[%d]: %s is not in actions (an action with a history is adopted)", i, r.Action)
		}
	}
	return nil
}

// importActions logs a checked bundle's register for assessment id, each
// state at the next revision: the history in its order, then any action
// whose history does not end with it as it stands (a bundle edited by
// hand, or one without a history). It returns the last revision used.
func importActions(tx *sql.Tx, id string, b *Bundle, revision int64) (int64, error) {
	last := map[[2]string]BundleAction{}
	log := func(r BundleAction) error {
		revision++
		last[r.key()] = r
		return logAction(tx, id, r.Question, r.Action, r.state(), r.At, revision)
	}
	for _, r := range b.ActionHistory {
		if err := log(r); err != nil {
			return 0, err
		}
	}
	for _, r := range b.Actions {
		if l, ok := last[r.key()]; ok && l.state() == r.state() {
			continue
		}
		if err := log(r); err != nil {
			return 0, err
		}
	}
	return revision, nil
}

// exportActions adds assessment id's register and its history to b.
func exportActions(q querier, inst *questionnaire.Instrument, id string, b *Bundle) error {
	actions, err := readActions(q, inst, id, "")
	if err != nil {
		return err
	}
	for _, a := range actions {
		b.Actions = append(b.Actions, bundleAction(a.Question, a.Action, a.ActionState, timestamp(a.UpdatedAt)))
	}
	history, err := actionHistory(q, inst, id)
	if err != nil {
		return err
	}
	for _, h := range history {
		b.ActionHistory = append(b.ActionHistory, bundleAction(h.Question, h.Action, h.ActionState, timestamp(h.At)))
	}
	return nil
}

// link is a follow-up just imported and the id of the assessment its
// bundle names as previous.
type link struct{ id, previous string }

// linkImported links follow-ups just imported to their previous
// assessments where it can (see linkable), in order: stored maps the ids
// bundles carry to those they were stored under in this import, so that
// a chain imported as a copy links its copies. It returns, by index, the
// previous ids it could not link.
func linkImported(tx *sql.Tx, links []link, stored map[string]string) (map[int]string, error) {
	unlinked := map[int]string{}
	for i, l := range links {
		if l.previous == "" {
			continue
		}
		target := l.previous
		if s, ok := stored[target]; ok {
			target = s
		}
		ok, err := linkable(tx, l.id, target)
		if err != nil {
			return nil, err
		}
		if !ok {
			unlinked[i] = l.previous
			continue
		}
		if _, err := tx.Exec("UPDATE assessments SET previous_id = ? WHERE id = ?", target, l.id); err != nil {
			return nil, err
		}
		if _, err := tx.Exec("UPDATE assessments SET revision = revision + 1 WHERE id = ?", target); err != nil {
			return nil, err
		}
	}
	return unlinked, nil
}
