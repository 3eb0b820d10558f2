package tui

import (
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// Changes to the action register: a plan item adopted from the results,
// an action edited on the register. Each is one store call in a job; the
// register and the assessment are read again after it, and the screen
// shown works its rows out again.

// actionValues are the fields of the action form; they outlive a refused
// form, which opens again with what was typed.
type actionValues struct {
	owner, due, reason, notes string
	status                    assessment.ActionStatus
}

// errOnlyFacilitator refuses a change to the register while a workshop
// participant has the keyboard.
var errOnlyFacilitator = errors.New("only the facilitator changes the action register: hand the keyboard back first")

// adopt adopts the plan item a results row names, not started and with
// no owner yet: the register is where those are set.
func adopt(a *App, subject string) tea.Cmd {
	if a.answering {
		a.fail(errOnlyFacilitator)
		return nil
	}
	it, ok := a.current.Evaluation.Plan.Find(subject)
	if !ok || it.ID != subject {
		a.fail(errors.New("only an item of the remediation plan can be adopted: move to one below the scorecard"))
		return nil
	}
	for _, act := range a.register.Actions {
		if act.Question == it.Question && act.Action == it.Action {
			a.say("%s is in the register already (%s, %s): A opens it.", it.ID, it.Action, act.Status.Words())
			return nil
		}
	}
	be, e, item := a.be, a.current, *it
	return a.start(func() tea.Msg {
		if _, err := be.SetAction(e, item.Action, assessment.ActionUpdate{}); err != nil {
			return registerChanged{err: fmt.Errorf("not adopted: %w", err)}
		}
		return registerAfter(be, e.ID, fmt.Sprintf("✓ Adopted %s as action %s: A opens the register to name its owner.", item.ID, item.Action))
	})
}

// registerAfter reads the assessment and its register after a change.
func registerAfter(be *backend.Backend, id, status string) tea.Msg {
	ev, err := be.Load(id)
	if err != nil {
		return registerChanged{err: err}
	}
	register, err := readRegister(be, ev)
	if err != nil {
		return registerChanged{err: err}
	}
	return registerChanged{ev: ev, register: register, status: status}
}

// registerChanged takes a change to the register: the screen shown draws
// it.
func (a *App) registerChanged(msg registerChanged) tea.Cmd {
	if msg.err != nil {
		a.fail(msg.err)
		return a.navigate(msg.then)
	}
	a.current, a.register, a.registerRev = msg.ev, msg.register, msg.ev.Revision()
	if msg.status != "" {
		a.say("%s", msg.status)
	}
	if r, ok := a.screen.(reloader); ok {
		r.reload(a)
	}
	return a.navigate(msg.then)
}

// ownerChoices are the names the owner field completes: the participants
// (a workshop's; a self-assessment's respondent), then the owners already
// in the register.
func ownerChoices(a *App) []string {
	var out []string
	seen := map[string]bool{"": true}
	addName := func(n string) {
		n = safetext.Line(n)
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, p := range a.current.Participants {
		addName(p.Name)
	}
	for _, act := range a.register.Actions {
		addName(act.Owner)
	}
	return out
}

// editAction opens the form of an adopted action: owner (free text; the
// participants are offered), due date, status, notes, and a reason when
// the status needs one. v is what a refused form had; nil starts from the
// action as it stands.
func editAction(a *App, row actionRow, v *actionValues) tea.Cmd {
	act := row.Action
	if a.answering {
		a.fail(errOnlyFacilitator)
		return nil
	}
	if v == nil {
		v = &actionValues{owner: safetext.Line(act.Owner), due: string(act.Due), reason: safetext.Line(act.Reason),
			notes: safetext.Block(act.Notes), status: act.Status}
	}
	ownerHelp, names := "A person or a role, in your words.", ownerChoices(a)
	if len(names) > 0 {
		shown := names[:min(len(names), 6)]
		more := ""
		if len(names) > len(shown) {
			more = ", …"
		}
		ownerHelp += " Offered: " + strings.Join(shown, ", ") + more + " (ctrl+e completes the one shown)."
	}
	var statuses []huh.Option[assessment.ActionStatus]
	for _, st := range assessment.ActionStatuses {
		statuses = append(statuses, huh.NewOption(st.Words(), st))
	}
	main := huh.NewGroup(
		huh.NewInput().Title("Owner").Description(ownerHelp).Suggestions(names).
			CharLimit(assessment.MaxOwnerLen).Value(&v.owner),
		huh.NewInput().Title("Due date").Description("YYYY-MM-DD, such as 2027-03-31; empty for none.").
			CharLimit(len("2027-03-31")+2).Value(&v.due),
		huh.NewSelect[assessment.ActionStatus]().Title("Status").Options(statuses...).Inline(true).Value(&v.status),
		huh.NewText().Title("Notes").CharLimit(assessment.MaxActionNotesLen).Lines(3).ExternalEditor(false).Value(&v.notes),
	).Title(theme.Cut("Action "+act.Action+" · "+safetext.Line(row.title), formWidth(a, false)-4))
	reason := huh.NewGroup(
		huh.NewInput().Title("Reason").
			Description("Accepting the risk or dropping the action is a decision: say why (the register and the report show it).").
			CharLimit(assessment.MaxActionReasonLen).Value(&v.reason),
	).WithHideFunc(func() bool { return !v.status.NeedsReason() })
	defer a.bound(v)
	return a.openForm(huh.NewForm(main, reason), func(a *App) tea.Cmd {
		v.owner, v.due, v.reason, v.notes = typedLine(v.owner), strings.TrimSpace(v.due), typedLine(v.reason), typedBlock(v.notes)
		due, err := assessment.ParseDate(v.due)
		if err != nil {
			a.fail(fmt.Errorf("not saved: due date %w", err))
			return editAction(a, row, v)
		}
		u := assessment.ActionUpdate{Owner: &v.owner, Due: &due, Status: &v.status, Notes: &v.notes}
		if v.status.NeedsReason() {
			if v.reason == "" {
				a.fail(fmt.Errorf("not saved: %s needs a reason: say why", v.status.Words()))
				return editAction(a, row, v)
			}
			u.Reason = &v.reason
		}
		be, e := a.be, a.current
		return a.start(func() tea.Msg { // as seam action does: an owner who is a participant is written as named
			set, err := be.SetAction(e, act.Action, u)
			if err != nil {
				return registerChanged{err: fmt.Errorf("not saved: %w", err)}
			}
			if !set.Changed {
				return registerAfter(be, e.ID, fmt.Sprintf("Nothing changed for %s.", act.Action))
			}
			return registerAfter(be, e.ID, "✓ Saved "+act.Action+": "+stateWords(set.ActionState)+".")
		})
	})
}

// stateWords says an action's state in one line: "owner Ann, due
// 2027-03-31, in progress".
func stateWords(s assessment.ActionState) string {
	owner, due := "no owner", "no due date"
	if s.Owner != "" {
		owner = "owner " + safetext.Line(s.Owner)
	}
	if s.Due != "" {
		due = "due " + string(s.Due)
	}
	w := owner + ", " + due + ", " + s.Status.Words()
	if s.Reason != "" {
		w += " (" + safetext.Line(s.Reason) + ")"
	}
	return w
}
