// Package tui is seam's interactive terminal app: home, a new-assessment
// form, the questionnaire, results with explanations, the report, and a
// workshop's participants, heatmap and discussion queue; quarter after
// quarter, a follow-up with last time's answers and the action register;
// also the plain accessible prompts.
//
// One App holds the session the screens share (the use cases, the open
// assessment, who is answering) and the screen being shown. Each screen
// is a type of its own in a file of its own; screens change by typed
// navigation messages handled in one place (App.navigate). Database work
// runs as jobs off the UI's goroutine and reports back as messages, so a
// busy database never freezes the app, and an answer is drawn as saved
// only once its commit has returned.
package tui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
	"github.com/seam-dev/seam/theme"
)

// screen is one screen of the app.
type screen interface {
	// name is what the title bar calls the screen.
	name() string
	// key handles a key the user pressed on the screen.
	key(a *App, k tea.KeyMsg) tea.Cmd
	// view draws the body and says which keys the help line shows.
	view(a *App) (string, bindings)
}

// listener is a screen that takes other messages too: a form's own, the
// viewport's, its answer saved.
type listener interface {
	message(a *App, msg tea.Msg) tea.Cmd
}

// toScreen hands a message other than a key to the screen, if it listens.
func (a *App) toScreen(msg tea.Msg) tea.Cmd {
	if l, ok := a.screen.(listener); ok {
		return l.message(a, msg)
	}
	return nil
}

// resizer is a screen that lays itself out again when the window changes.
type resizer interface{ resize(a *App) }

// reloader is a screen that draws from the open assessment what it works
// out once (the results' lines, the register's rows): it works them out
// again when another terminal has changed the assessment.
type reloader interface{ reload(a *App) }

// App is the top model.
type App struct {
	*session
	screen screen
	home   *homeScreen // kept, so the cursor stays where it was
	help   help.Model
	status string
	err    string
	// said counts what say and fail have set, so that Update can tell a
	// status set for the screen it opens from one left over.
	said int
	// replaying is set while keys typed during a job are handed on: they
	// were typed before its status was shown, so they do not clear it.
	replaying bool
}

// refreshEvery is how often the facilitator's screens read the workshop
// again.
const refreshEvery = 2 * time.Second

// New builds the app over the use cases of an open store.
func New(b *backend.Backend) *App {
	a := &App{session: &session{be: b, keys: newKeyMap(), st: theme.Default(), width: 80, height: 24, refreshEvery: refreshEvery, rooms: &rooms{}},
		home: &homeScreen{}, help: help.New()}
	a.screen = a.home
	return a
}

// Init implements tea.Model: it reads the list of assessments, and again
// every refreshEvery while home is shown.
func (a *App) Init() tea.Cmd { return tea.Batch(a.listJob(), a.nextRefresh()) }

// Update implements tea.Model. A status or error left from an earlier
// screen is cleared when the screen changes; one said while changing it
// (a saved answer, a deletion, where the user is taken and why) stays.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	before, said := a.screen, a.said
	m, cmd := a.update(msg)
	if a.screen != before && a.said == said && !a.replaying {
		a.status, a.err = "", ""
	}
	return m, cmd
}

func (a *App) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.Width = msg.Width
		if r, ok := a.screen.(resizer); ok {
			r.resize(a)
		}
		return a, nil
	case tea.KeyMsg:
		if msg.String() == "ctrl+c" {
			return a, a.quit()
		}
		if a.busy {
			a.typeAhead = append(a.typeAhead, msg)
			return a, nil
		}
		if _, typing := a.screen.(*formScreen); typing {
			return a, a.screen.key(a, msg)
		}
		a.err = ""
		switch {
		case key.Matches(msg, a.keys.Help):
			a.help.ShowAll = !a.help.ShowAll
			return a, nil
		case key.Matches(msg, a.keys.Quit):
			return a, a.quit()
		}
		return a, a.screen.key(a, msg)
	case listed:
		if msg.tick && (msg.gen != a.refreshGen || a.current != nil) {
			return a, nil // home was left since
		}
		var next tea.Cmd
		if msg.tick {
			next = a.nextRefresh()
		}
		if msg.err != nil {
			if !msg.tick || a.err == "" {
				a.fail(msg.err)
			}
			return a, next
		}
		a.home.set(msg.list)
		return a, next
	case reportSaved:
		a.busy = false
		a.reportDir = filepath.Dir(msg.path) // the next report goes there too
		a.say("✓ Saved the report to %s, its charts in %s", safetext.Line(msg.path), safetext.Line(filepath.Base(backend.ChartFolder(msg.path))))
		return a, a.replay()
	case opened, changed, failed, answerSaved:
		a.busy = false
		cmd := a.outcome(msg)
		return a, tea.Batch(cmd, a.replay())
	case registerChanged:
		a.busy = false
		cmd := a.registerChanged(msg)
		return a, tea.Batch(cmd, a.replay())
	case refreshDue:
		if msg.gen != a.refreshGen {
			return a, nil // the screen that asked is gone
		}
		if a.current == nil { // home: the list again
			s := a.be.Store()
			return a, a.background(func() tea.Msg {
				list, err := s.List()
				return listed{list: list, err: err, gen: msg.gen, tick: true}
			})
		}
		id, be, rev, last := a.current.ID, a.be, a.current.Revision(), a.last
		return a, a.background(func() tea.Msg {
			ev, err := be.Changed(id, rev) // nil while nothing changed
			if ev == nil || err != nil {
				return refreshed{ev: ev, err: err, gen: msg.gen}
			}
			// A change may be a follow-up started or an action changed
			// on another terminal: what goes with it is read again too.
			ar, err := readAround(be, ev, last)
			return refreshed{ev: ev, around: ar, err: err, gen: msg.gen}
		})
	case refreshed:
		if msg.gen != a.refreshGen || a.current == nil {
			return a, nil
		}
		switch {
		case msg.err != nil:
			a.fail(msg.err) // and try again at the next tick
		case msg.ev == nil:
			// unchanged since the last look
		case msg.ev.Revision() >= a.current.Revision():
			a.current = msg.ev // not a reading older than what a save just returned
			a.around = msg.around
			if r, ok := a.screen.(reloader); ok {
				r.reload(a)
			}
			if r, ok := a.screen.(revealScreen); ok && a.revealed() {
				// revealed on another terminal meanwhile: nothing to ask
				a.say("The results were revealed on another terminal.")
				return a, a.navigate(showRoom{view: r.then})
			}
		}
		return a, a.nextRefresh()
	case showHome, showQuestion, showChapter, showChapters, showBaseline, showResults, showPreview, showDelete, showWorkshop, showRoom,
		showLive, showRoomForm, showActions, showCompare:
		return a, a.navigate(msg)
	case roomStarted, roomProgress, roomAsked, roomClosed:
		return a, a.liveMessage(msg)
	}
	return a, a.toScreen(msg)
}

// outcome takes a job's report.
func (a *App) outcome(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case opened:
		a.current, a.around, a.who, a.answering = msg.ev, msg.around, "", false
		if len(msg.ev.Participants) > 0 {
			a.who = msg.ev.Participants[0].Name
		}
		cmd := a.navigate(msg.then)
		if msg.err != nil {
			a.fail(msg.err)
		}
		return cmd
	case changed:
		if msg.ev != nil {
			a.current = msg.ev
		}
		if msg.status != "" {
			a.say("%s", msg.status)
		}
		return a.navigate(msg.then)
	case failed:
		a.fail(msg.err)
		return a.navigate(msg.then)
	}
	return a.toScreen(msg) // an answer saved goes to its question
}

// replay hands the keys typed during a job to the screen now shown, until
// one of them starts another job.
func (a *App) replay() tea.Cmd {
	var cmds []tea.Cmd
	a.replaying = true
	defer func() { a.replaying = false }()
	for len(a.typeAhead) > 0 && !a.busy {
		k := a.typeAhead[0]
		a.typeAhead = a.typeAhead[1:]
		_, cmd := a.Update(k)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// navigate opens the screen a navigation message names; nil stays. Every
// screen reached reads the database again every refreshEvery (the open
// workshop, or home's list), so what another terminal changed, a reveal
// above all, shows within that time; the screen left stops its loop.
func (a *App) navigate(to any) tea.Cmd {
	if to == nil {
		return nil
	}
	a.refreshGen++ // the screen left stops refreshing
	gen := a.refreshGen
	cmd := a.open(to)
	if a.refreshGen != gen { // a navigation inside opened another screen, which started its own loop
		return cmd
	}
	if _, live := a.screen.(*liveScreen); live {
		return cmd // the room's server pushes its progress: no reading the database
	}
	return tea.Batch(cmd, a.refreshLoop())
}

// open shows the screen a navigation message names. A participant who
// has the keyboard never reaches the facilitator's screens: where one
// would be opened, the thank-you screen asks to hand the keyboard back.
func (a *App) open(to any) tea.Cmd {
	if a.answering {
		switch to.(type) {
		case showWorkshop, showRoom, showHome, showDelete, showLive, showRoomForm, showActions:
			a.screen = &thanksScreen{}
			return nil
		}
	}
	switch to := to.(type) {
	case thenSay:
		a.say("%s", to.status)
		return a.navigate(to.then)
	case showNewForm:
		return a.newForm(to.values)
	case showConsensus:
		return askConsensus(a, to)
	case showHome:
		a.current, a.around, a.screen = nil, around{}, a.home
		return a.listJob()
	case showQuestion:
		return a.openQuestion(to)
	case showChapter:
		a.screen = &chapterScreen{mode: to.mode, index: to.index}
	case showChapters:
		a.screen = newChapters(a, to.at)
	case showBaseline:
		a.screen = &baselineScreen{}
	case showResults:
		a.screen = newResults(a)
	case showPreview:
		return a.openPreview(to)
	case showCompare:
		return a.openCompare(to)
	case showDelete:
		if a.openHere() { // its room would answer with errors
			a.fail(fmt.Errorf("the room of %s is open: close it first on its room screen (o, then X)", safetext.Line(a.current.Organization)))
			return nil
		}
		a.screen = deleteScreen{}
	case showActions:
		return a.openActions(to)
	case showWorkshop:
		a.screen = newParticipants(a, to.selecting)
	case showLive:
		a.screen = &liveScreen{}
	case showRoomForm:
		return askRoom(a)
	case showRoom:
		if !a.revealed() {
			a.screen = revealScreen{then: to.view}
			return nil
		}
		switch to.view {
		case roomHeatmap:
			a.screen = &heatmapScreen{}
			return nil
		case roomQueue:
			a.screen = &queueScreen{}
			return nil
		case roomReport:
			return a.openPreview(showPreview{})
		case roomLive:
			a.screen = &liveScreen{}
			return nil
		}
		a.screen = newResults(a)
	}
	return nil
}

// listJob reads the assessments for home.
func (a *App) listJob() tea.Cmd {
	s := a.be.Store()
	return a.background(func() tea.Msg {
		list, err := s.List()
		return listed{list: list, err: err}
	})
}

// View implements tea.Model.
func (a *App) View() string {
	body, keys := a.screen.view(a)
	return a.frame(body, keys)
}

// frame lays a screen out: title bar, body clipped to the window, status,
// help built from the screen's bindings.
func (a *App) frame(body string, keys bindings) string {
	title := a.st.Title.Render("seam") + a.st.Subtle.Render(" · "+a.context())
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	// A status too long for one line (a path written) wraps onto up to
	// three, taken from the body.
	status := a.statusView()
	h := a.bodyHeight() - strings.Count(status, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > a.width {
			lines[i] = theme.Cut(l, a.width)
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	helpView := a.help.View(keys)
	if !a.help.ShowAll {
		// help leaves the last key whole where its "…" would not fit
		helpView = theme.Cut(helpView, a.width)
	} else {
		// full help may need several lines: take them from the body
		extra := strings.Count(helpView, "\n")
		if extra > 0 && extra < len(lines) {
			lines = lines[:len(lines)-extra]
		}
	}
	return theme.Cut(title, a.width) + "\n" + strings.Join(lines, "\n") + "\n" + status + "\n" + helpView
}

// statusView is the status line, or the error, wrapped.
func (a *App) statusView() string {
	switch {
	case a.err != "":
		return a.st.Bad.Render(a.statusText(a.err))
	case a.status != "":
		return a.st.Good.Render(a.statusText(a.status))
	}
	return ""
}

// roomLeft is the height left for a screen's body below the title and
// above a status (however many lines it wraps onto) and the help line.
func (a *App) roomLeft() int {
	return a.bodyHeight() - strings.Count(a.statusView(), "\n")
}

// statusLines is the most lines a status takes: what a follow-up carried
// over (backend.Reassessed.CarriedOver) takes four at 80 columns.
const statusLines = 4

// statusText wraps a status to the window, on at most statusLines lines.
func (a *App) statusText(s string) string {
	lines := wrapAtSpaces(s, a.width)
	if len(lines) > statusLines {
		lines = lines[:statusLines]
		lines[statusLines-1] = theme.Cut(lines[statusLines-1]+" …", a.width)
	}
	return strings.Join(lines, "\n")
}

// wrapAtSpaces breaks a line of text at spaces only, so that a path
// stays whole on a line of its own when it fits one (a word wider than
// the line is broken where the line ends).
func wrapAtSpaces(s string, width int) []string {
	width = max(10, width)
	var lines []string
	cur := ""
	for _, w := range strings.Split(s, " ") {
		switch {
		case cur == "":
			cur = w
		case ansi.StringWidth(cur)+1+ansi.StringWidth(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
		for ansi.StringWidth(cur) > width {
			lines = append(lines, ansi.Truncate(cur, width, ""))
			cur = ansi.TruncateLeft(cur, width, "")
		}
	}
	return append(lines, cur)
}

// context names where the user is: the screen, and the open assessment's
// organization (and who is answering, in a workshop's questionnaire).
func (a *App) context() string {
	if a.current == nil || a.screen == a.home {
		return a.screen.name()
	}
	ctx := theme.Cut(safetext.Line(a.current.Organization), 40)
	if place := chainPlace(a.chain, a.current.ID); place != "" {
		ctx = theme.Cut(safetext.Line(a.current.Organization), 30) + " · " + place
	}
	ctx += " · " + a.screen.name()
	switch a.screen.(type) {
	case *questionScreen, *chapterScreen, *chaptersScreen:
		if a.isWorkshop() {
			ctx += " · answering as " + theme.Cut(safetext.Line(a.who), 30)
		}
	}
	return ctx
}

// fail shows an error on the status line.
func (a *App) fail(err error) {
	if errors.Is(err, store.ErrInvalidData) {
		err = fmt.Errorf("%w; restore a backup or fix it with seam doctor", err)
	}
	a.err = safetext.Line(strings.Join(strings.Fields(err.Error()), " "))
	a.status = ""
	a.said++
}

func (a *App) say(format string, args ...any) {
	a.status = fmt.Sprintf(format, args...)
	a.err = ""
	a.said++
}
