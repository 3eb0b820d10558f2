package tui

import (
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// scroller is a screen's body of text that scrolls (the report, the
// comparison). Its text is laid out when the screen opens and when the
// window changes; its height is the room the status leaves, taken again
// at every key and frame, so that a status wrapping onto several lines
// never hides the text's last lines (scrolled to the foot, it stays
// there when a status comes).
type scroller struct{ vp viewport.Model }

// set lays text out for the window, scrolled where it was.
func (s *scroller) set(a *App, text string) {
	offset := s.vp.YOffset
	s.vp = viewport.New(a.width, a.roomLeft())
	s.vp.SetContent(text)
	s.vp.SetYOffset(offset)
}

// message scrolls: the screens that embed a scroller hand it the keys
// they do not take, and it listens for the rest (see listener).
func (s *scroller) message(a *App, msg tea.Msg) tea.Cmd {
	s.fit(a)
	var cmd tea.Cmd
	s.vp, cmd = s.vp.Update(msg)
	return cmd
}

// view draws the part of the text scrolled to.
func (s *scroller) view(a *App) string {
	s.fit(a)
	return s.vp.View()
}

// fit takes the height the status leaves.
func (s *scroller) fit(a *App) {
	foot := s.vp.AtBottom()
	s.vp.Height = a.roomLeft()
	if foot {
		s.vp.GotoBottom()
	}
}
