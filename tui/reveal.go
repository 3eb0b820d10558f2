package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/theme"
)

// revealScreen asks the facilitator before everyone's answers are shown,
// then opens the view asked for.
type revealScreen struct{ then roomView }

func (revealScreen) name() string { return "reveal" }

func (r revealScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, a.keys.Yes):
		be, id, then := a.be, a.current.ID, r.then
		return a.start(func() tea.Msg {
			if err := be.Store().Reveal(id); err != nil {
				return failed{err: err, then: showWorkshop{}}
			}
			ev, err := be.Load(id)
			if err != nil {
				return failed{err: err, then: showWorkshop{}}
			}
			return changed{ev: ev, status: "Results revealed to the room.", then: showRoom{view: then}}
		})
	case key.Matches(k, a.keys.No):
		if r.then == roomLive {
			return a.navigate(showLive{})
		}
		return a.navigate(showWorkshop{})
	}
	return nil
}

func (revealScreen) view(a *App) (string, bindings) {
	st := a.st
	body := "\n" + st.Bold.Render("Reveal the results to the room?") + "\n\n" +
		theme.Wrap("Until now each participant saw only their own answers. Revealing shows everyone's answers, the heatmap and the disagreements. "+
			"Do it once everyone has answered.", min(a.width, 90)) + "\n\n" +
		"Press " + st.Selected.Render("y") + " to reveal, " + st.Selected.Render("n") + " or esc to wait."
	return body, bindings{short: []key.Binding{a.keys.Yes, a.keys.No}}
}
