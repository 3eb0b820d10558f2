package tui

import (
	"errors"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
)

// followUp is the assessment a follow-up is asked for, as the screen that
// asks knows it.
type followUp struct {
	id, title             string
	instrumentID, version string
	followedBy            string // its follow-up, if it has one already
	workshop              bool
}

// reassessValues are the fields of the follow-up form.
type reassessValues struct {
	title       string
	same, start bool
}

// reassess asks how to follow up the assessment highlighted on home, or
// says in one line which follow-up it has already.
func (h *homeScreen) reassess(a *App, sel store.Summary) tea.Cmd {
	of := followUp{id: sel.ID, title: sel.Title, instrumentID: sel.InstrumentID, version: sel.InstrumentVersion, workshop: sel.Kind == store.Workshop}
	for _, sm := range h.list {
		if sm.Previous == sel.ID {
			of.followedBy = sm.ID
		}
	}
	return askReassess(a, of)
}

// reassessOpen asks how to follow up the open assessment.
func reassessOpen(a *App) tea.Cmd {
	if a.answering {
		a.fail(errors.New("only the facilitator starts a follow-up: hand the keyboard back first"))
		return nil
	}
	l := a.current
	of := followUp{id: l.ID, title: l.Title, instrumentID: l.Instrument.ID, version: l.Instrument.Version, workshop: a.isWorkshop()}
	for i, link := range a.chain {
		if link.ID == l.ID && i+1 < len(a.chain) {
			of.followedBy = a.chain[i+1].ID
		}
	}
	return askReassess(a, of)
}

// askReassess confirms a follow-up: its title (kept unless changed) and,
// where a newer version of the instrument may be there, which version it
// is answered on. It then starts it (backend.Reassess) and opens it: a
// self-assessment at its first question, a workshop at its participants.
func askReassess(a *App, of followUp) tea.Cmd {
	if of.followedBy != "" {
		a.fail(fmt.Errorf("%s already has a follow-up, %s: follow up that one (R on it)", of.id, of.followedBy))
		return nil
	}
	v := &reassessValues{title: safetext.Line(of.title), start: true}
	fields := []huh.Field{
		huh.NewInput().Title("Title").Description("Kept from " + of.id + " unless you change it; the chain and the date tell the two apart.").
			CharLimit(store.MaxTitleLen).Value(&v.title),
	}
	instrument := safetext.Line(of.instrumentID + " " + of.version)
	if inst, err := builtin(); err != nil || inst.ID != of.instrumentID || inst.Version != of.version {
		fields = append(fields, huh.NewSelect[bool]().Title("Instrument").
			Description("Questions that changed between versions are marked, and left out of like-for-like comparisons.").
			Options(huh.NewOption("The newest version seam has of "+safetext.Line(of.instrumentID), false),
				huh.NewOption("The same as last time, "+instrument, true)).Value(&v.same))
	}
	fields = append(fields, huh.NewConfirm().Title("Start the follow-up?").Affirmative("Start").Negative("Cancel").Value(&v.start))
	form := huh.NewForm(huh.NewGroup(fields...).Title("Follow up " + of.id).
		Description("Same organisation, scope, targets and participants; nothing answered yet. Each question shows last time's answer without choosing it."))
	defer a.bound(v)
	return a.openFittedForm(form, func(a *App) tea.Cmd {
		if !v.start {
			a.say("Cancelled: nothing changed.")
			return nil
		}
		be, id := a.be, of.id
		opts := store.ReassessOptions{SameInstrument: v.same, Title: typedLine(v.title)}
		return a.start(func() tea.Msg {
			r, err := be.Reassess(id, opts)
			if err != nil {
				return failed{err: fmt.Errorf("not followed up: %w", err)}
			}
			// What was carried over, as seam reassess says it; the
			// question shown is what comes next, or for a workshop whom
			// it is answered by.
			status := "Started " + safetext.Line(r.CarriedOver("")) + "."
			var then any = showQuestion{resume: true}
			if of.workshop {
				then, status = showWorkshop{}, status+" Choose who answers (enter)."
			}
			return openedWith(be, r.FollowUp, thenSay{status: status, then: then})
		})
	})
}
