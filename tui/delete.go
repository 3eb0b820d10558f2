package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/safetext"
)

// deleteScreen asks before deleting the open assessment.
type deleteScreen struct{}

func (deleteScreen) name() string { return "delete" }

func (deleteScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, a.keys.Yes):
		id, s := a.current.ID, a.be.Store()
		return a.start(func() tea.Msg {
			if err := s.Delete(id); err != nil {
				return failed{err: err, then: showHome{}}
			}
			return changed{status: fmt.Sprintf("Deleted %s.", id), then: showHome{}}
		})
	case key.Matches(k, a.keys.No):
		return a.navigate(showHome{})
	}
	return nil
}

func (deleteScreen) view(a *App) (string, bindings) {
	l, st := a.current, a.st
	body := "\n" + st.Bad.Render("Delete this assessment for good?") + "\n\n" +
		fmt.Sprintf("  %s · %s · %s\n  %d answers and their history will be removed.\n\n", l.ID, safetext.Line(l.Organization), safetext.Line(l.Title), len(l.Answers)) +
		"Press " + st.Selected.Render("y") + " to delete, " + st.Selected.Render("n") + " or esc to keep it."
	return body, bindings{short: []key.Binding{a.keys.Yes, a.keys.No}}
}
