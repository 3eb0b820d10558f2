package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/backend"
)

// Run opens the app full screen and returns when the user quits. Answers
// are saved as they are confirmed, so leaving at any point loses nothing
// confirmed.
func Run(b *backend.Backend) error {
	a := New(b)
	defer a.Close() // the room, if the program ended without quitting
	_, err := tea.NewProgram(a, tea.WithAltScreen()).Run()
	return err
}
