package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/store"
	"github.com/seam-dev/seam/theme"
)

// session is what the screens share: the use cases, the assessment that
// is open and who is answering it, the keys, the palette and the window.
// Screens keep only their own state (a cursor, a question's index).
type session struct {
	be   *backend.Backend
	keys keyMap
	st   theme.Palette

	// current is the open assessment as the database last gave it; nil on
	// home. Every write returns the new one, so it is never stale after
	// this process's own changes.
	current *backend.Evaluated
	// around is what goes with it: its chain, last time's answers, its
	// action register (see chain.go), read when it is opened and when it
	// changes.
	around
	// who is the participant answering (a workshop's, or a
	// self-assessment's one respondent).
	who string
	// answering is set while a workshop participant has the keyboard
	// (chosen on the participants screen): the facilitator's screens,
	// which offer the reveal, are not shown until the facilitator takes
	// it back on the thank-you screen.
	answering bool

	width, height int

	// fullLevels shows every level's whole text on the question screen,
	// not only the highlighted one's (toggled with f).
	fullLevels bool
	// showNames shows a workshop's participants by name on the heatmap
	// and in the report preview, not by function (toggled with i; see
	// names.go).
	showNames bool
	// reportDir is where the report prompt proposes to save: the user's
	// documents directory at first, then where the last report went.
	reportDir string

	// refreshEvery is how often every screen reads the open assessment
	// (or home's list) again, so answers given and a reveal made on other
	// terminals appear;
	// refreshGen tells the current screen's refreshes from those of a
	// screen left since.
	refreshEvery time.Duration
	refreshGen   int
	// busy is set while a job the user waits for (a save, an open) runs;
	// keys typed meanwhile wait in typeAhead and are replayed in order
	// once it reports, so typing ahead loses nothing and never acts on a
	// screen the job is about to replace.
	busy      bool
	typeAhead []tea.KeyMsg

	// live is the room served from the app (see live.go), the last one
	// even once closed, so that its screen can say so; rooms keeps it
	// where quitting finds it; roomValues are what its form was last given.
	live       *liveRoom
	rooms      *rooms
	roomValues *roomValues

	// inline, for tests, queues jobs to run one by one instead of
	// handing them to Bubble Tea's goroutines.
	inline bool
	queued []job
}

// job is database work. It runs off the UI's goroutine, so a busy database
// never freezes the screen, and reports its outcome as a message; nothing
// is drawn as saved before that message arrives.
type job func() tea.Msg

// start runs a job the user waits for: keys wait until it reports.
func (s *session) start(j job) tea.Cmd {
	s.busy = true
	return s.background(j)
}

// background runs a job that the user does not wait for (reading the
// list, a workshop's refresh).
func (s *session) background(j job) tea.Cmd {
	if s.inline {
		s.queued = append(s.queued, j)
		return nil
	}
	return tea.Cmd(j)
}

// bodyHeight is what is left for a screen between the title bar and the
// status and help lines.
func (s *session) bodyHeight() int { return max(5, s.height-3) }

// isWorkshop reports whether the open assessment is a workshop.
func (s *session) isWorkshop() bool { return s.current != nil && s.current.Kind == store.Workshop }

// revealed reports whether the facilitator has shown the room's results.
func (s *session) revealed() bool { return s.current != nil && s.current.RevealedAt != nil }

// refreshLoop starts reading the open assessment (on home, the list) now
// and then every refreshEvery, for the screen just entered. Every navigation
// raises refreshGen, which stops the loop of the screen left.
func (s *session) refreshLoop() tea.Cmd {
	if s.refreshEvery <= 0 {
		return nil
	}
	gen := s.refreshGen
	return func() tea.Msg { return refreshDue{gen: gen} }
}

func (s *session) nextRefresh() tea.Cmd {
	if s.refreshEvery <= 0 {
		return nil
	}
	gen := s.refreshGen
	return tea.Tick(s.refreshEvery, func(time.Time) tea.Msg { return refreshDue{gen: gen} })
}
