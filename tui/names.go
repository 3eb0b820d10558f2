package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/safetext"
)

// A workshop's heatmap and report preview name participants by function
// ("Business 1", "IT 2") until the facilitator presses i: those screens are
// the ones put on the projector, where a name beside a vote cannot be
// taken back once the room has seen it, while showing names costs one key.
// The choice holds for the rest of the session, on both screens, and the
// report saved from the preview is the one shown.

// anonymous reports whether the open workshop's participants are shown by
// function; a self-assessment's one respondent is the user, always named.
func (a *App) anonymous() bool { return a.isWorkshop() && !a.showNames }

// toggleNames shows or hides the participants' names and says which.
func (a *App) toggleNames() {
	a.showNames = !a.showNames
	if a.showNames {
		a.say("Participants are shown by name on the heatmap and in the report; i hides the names.")
		return
	}
	a.say("Participants are shown by function (Business 1, IT 1 …) on the heatmap and in the report; i shows the names.")
}

// namesKey is i with what it does now.
func (a *App) namesKey() key.Binding {
	if a.showNames {
		return short(a.keys.Names, "i", "hide names")
	}
	return short(a.keys.Names, "i", "show names")
}

// participantLegend names the heatmap's columns: "1 Ann (business)", or
// "1 Business 1" while names are hidden.
func (a *App) participantLegend() []string {
	people := a.current.Participants
	functions := make([]string, len(people))
	for i, p := range people {
		functions[i] = p.Function
	}
	labels := assessment.FunctionLabels(functions)
	out := make([]string, len(people))
	for i, p := range people {
		if a.anonymous() {
			out[i] = fmt.Sprintf("%d %s", i+1, labels[i])
		} else {
			out[i] = fmt.Sprintf("%d %s (%s)", i+1, safetext.Line(p.Name), p.Function)
		}
	}
	return out
}

// namesHint says on the preview how participants are named and which
// notes may still name someone; "" for a self-assessment.
func namesHint(a *App, in report.Input) string {
	if !a.isWorkshop() {
		return ""
	}
	if !in.Anonymous {
		return " It names the participants; i shows them by function."
	}
	return " Participants are shown by function; i shows their names." + notesWarning(in)
}

// notesWarning names the questions whose notes may name a participant in
// an anonymous report, which shows notes as written; "" otherwise.
func notesWarning(in report.Input) string {
	if !in.Anonymous {
		return ""
	}
	if qs := report.NamesInNotes(in); len(qs) > 0 {
		return " Notes on " + strings.Join(qs, ", ") + " may name someone: they are shown as written."
	}
	return ""
}
