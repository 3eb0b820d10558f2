// Package tui is seam's interactive terminal app: home, a new-assessment
// form, the questionnaire, results with explanations, and the report. One
// top model holds the screen being shown; each screen has its own update
// and view. Every confirmed answer is written to the store before the
// screen says it was saved.
package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// screen is what the app shows.
type screen int

const (
	screenHome screen = iota
	screenNew
	screenQuestion
	screenChapter
	screenResults
	screenPreview
	screenForm
	screenDelete
	screenParticipants
	screenHeatmap
	screenQueue
	screenReveal
)

func (s screen) String() string {
	return [...]string{"home", "new assessment", "questionnaire", "chapter summary", "results", "report", "form", "delete",
		"workshop", "heatmap", "discussion queue", "reveal"}[s]
}

// App is the top model.
type App struct {
	be     *backend.Backend
	keys   keyMap
	st     theme.Palette
	help   help.Model
	width  int
	height int
	screen screen
	status string
	err    string

	home     homeState
	quest    questState
	workshop workshopState
	// revealNext is the screen to open once the facilitator reveals.
	revealNext string
	results    resultsState
	preview    viewport.Model
	report     string // the Markdown of the report being previewed
	form       *huh.Form
	formDone   func(a *App) tea.Cmd // runs when the form completes
	formBack   screen               // where esc or completion returns
}

// New builds the app over the use cases of an open store.
func New(b *backend.Backend) *App {
	a := &App{be: b, keys: newKeyMap(), st: theme.Default(), help: help.New(), width: 80, height: 24}
	a.reloadHome()
	return a
}

// Init implements tea.Model.
func (a *App) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.Width = msg.Width
		a.preview.Width, a.preview.Height = msg.Width, a.bodyHeight()
		if a.form != nil {
			a.form = a.form.WithWidth(min(msg.Width, 100)).WithHeight(a.bodyHeight())
		}
		return a, nil
	case refreshMsg:
		return a, a.onRefresh()
	case tea.KeyMsg:
		if msg.String() == "ctrl+c" {
			return a, tea.Quit
		}
		if a.screen == screenForm {
			return a, a.updateForm(msg)
		}
		a.err = ""
		if key.Matches(msg, a.keys.Help) {
			a.help.ShowAll = !a.help.ShowAll
			return a, nil
		}
		if key.Matches(msg, a.keys.Quit) {
			return a, tea.Quit
		}
		return a, a.updateScreen(msg)
	}
	if a.screen == screenForm {
		return a, a.updateForm(msg)
	}
	return a, nil
}

func (a *App) updateScreen(msg tea.KeyMsg) tea.Cmd {
	switch a.screen {
	case screenHome:
		return a.updateHome(msg)
	case screenQuestion:
		return a.updateQuestion(msg)
	case screenChapter:
		return a.updateChapter(msg)
	case screenResults:
		return a.updateResults(msg)
	case screenPreview:
		return a.updatePreview(msg)
	case screenDelete:
		return a.updateDelete(msg)
	case screenParticipants:
		return a.updateParticipants(msg)
	case screenHeatmap:
		return a.updateHeatmap(msg)
	case screenQueue:
		return a.updateQueue(msg)
	case screenReveal:
		return a.updateReveal(msg)
	}
	return nil
}

// View implements tea.Model.
func (a *App) View() string {
	var body string
	var keys bindings
	switch a.screen {
	case screenHome:
		body, keys = a.viewHome()
	case screenQuestion:
		body, keys = a.viewQuestion()
	case screenChapter:
		body, keys = a.viewChapter()
	case screenResults:
		body, keys = a.viewResults()
	case screenPreview:
		body, keys = a.preview.View(), a.previewKeys()
	case screenForm:
		body, keys = a.form.View(), bindings{short: []key.Binding{a.keys.Back}}
	case screenDelete:
		body, keys = a.viewDelete()
	case screenParticipants:
		body, keys = a.viewParticipants()
	case screenHeatmap:
		body, keys = a.viewHeatmap()
	case screenQueue:
		body, keys = a.viewQueue()
	case screenReveal:
		body, keys = a.viewReveal()
	}
	return a.frame(body, keys)
}

// bodyHeight is what is left for a screen between the title bar and the
// status and help lines.
func (a *App) bodyHeight() int { return max(5, a.height-3) }

// frame lays a screen out: title bar, body clipped to the window, status,
// help built from the screen's bindings.
func (a *App) frame(body string, keys bindings) string {
	title := a.st.Title.Render("seam") + a.st.Subtle.Render(" · "+a.context())
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	h := a.bodyHeight()
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
	status := ""
	switch {
	case a.err != "":
		status = a.st.Bad.Render(theme.Cut(a.err, a.width))
	case a.status != "":
		status = a.st.Good.Render(theme.Cut(a.status, a.width))
	}
	helpView := a.help.View(keys)
	if a.help.ShowAll {
		// full help may need several lines: take them from the body
		extra := strings.Count(helpView, "\n")
		if extra > 0 && extra < len(lines) {
			lines = lines[:len(lines)-extra]
		}
	}
	return title + "\n" + strings.Join(lines, "\n") + "\n" + status + "\n" + helpView
}

func (a *App) context() string {
	if a.quest.l != nil && a.screen != screenHome && a.screen != screenNew {
		ctx := theme.Cut(safetext.Line(a.quest.l.Organization), 40) + " · " + a.screen.String()
		if a.isWorkshop() && (a.screen == screenQuestion || a.screen == screenChapter) {
			ctx += " · answering as " + theme.Cut(safetext.Line(a.quest.who), 30)
		}
		return ctx
	}
	return a.screen.String()
}

// fail shows an error on the status line.
func (a *App) fail(err error) {
	a.err = strings.Join(strings.Fields(err.Error()), " ")
	a.status = ""
}

func (a *App) say(format string, args ...any) {
	a.status = fmt.Sprintf(format, args...)
	a.err = ""
}
