package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/store"
)

// Run opens the app full screen and returns when the user quits. Answers
// are saved as they are confirmed, so leaving at any point loses nothing
// confirmed.
func Run(s *store.Store) error {
	_, err := tea.NewProgram(New(s), tea.WithAltScreen()).Run()
	return err
}
