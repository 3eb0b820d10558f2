package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// thanksScreen is where a workshop participant who answered on the shared
// terminal ends: their answers are saved, and the keyboard goes back to
// the facilitator. It offers nothing of the room's: no reveal, no
// heatmap, no participants; only the facilitator's enter leads on.
type thanksScreen struct{}

func (*thanksScreen) name() string { return "thank you" }

func (*thanksScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, a.keys.Enter):
		a.answering = false
		return a.navigate(showWorkshop{selecting: a.who})
	case key.Matches(k, a.keys.Prev):
		return a.navigate(showQuestion{index: revisitIndex(a)})
	}
	return nil
}

func (*thanksScreen) view(a *App) (string, bindings) {
	st := a.st
	n, total := len(given(a)), a.current.Instrument.QuestionCount()
	width := min(a.width, 90)
	saved := fmt.Sprintf("Your %d answers of %d are saved.", n, total)
	if !a.revealed() {
		saved += " The others cannot see them until the facilitator reveals the room's results."
	}
	body := "\n" + st.Bold.Render("Thank you, "+theme.Cut(safetext.Line(a.who), 40)+".") + "\n\n" + theme.Wrap(saved, width) + "\n\n"
	if n < total {
		body += theme.Wrap("Press ← to go back to your questions.", width) + "\n\n"
	}
	body += st.Bold.Render("Please hand the keyboard back to the facilitator.") + "\n\n" +
		st.Subtle.Render(theme.Wrap("Facilitator: press enter to go on to the workshop.", width)) + "\n"
	return body, bindings{short: []key.Binding{short(a.keys.Prev, "←", "my questions"), short(a.keys.Enter, "enter", "facilitator: go on")}}
}
