package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
	"github.com/seam-dev/seam/theme"
)

// homeScreen lists the assessments.
type homeScreen struct {
	list   []store.Summary
	loaded bool
	cursor int
	// orgWidth and titleWidth are the widest organization and title in
	// list, measured when the list is set rather than on every frame.
	orgWidth, titleWidth int
}

func (h *homeScreen) name() string { return "home" }

// set takes a fresh list, keeping the cursor in it.
func (h *homeScreen) set(list []store.Summary) {
	h.list, h.loaded = list, true
	h.orgWidth, h.titleWidth = 0, 0
	for _, sm := range list {
		h.orgWidth = max(h.orgWidth, lipgloss.Width(safetext.Line(sm.Organization)))
		h.titleWidth = max(h.titleWidth, lipgloss.Width(safetext.Line(sm.Title)))
	}
	h.cursor = min(h.cursor, max(0, len(list)-1))
}

func (h *homeScreen) selected() (store.Summary, bool) {
	if len(h.list) == 0 {
		return store.Summary{}, false
	}
	return h.list[h.cursor], true
}

func (h *homeScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	keys := a.keys
	if moveCursor(keys, k, &h.cursor, len(h.list)) {
		return nil
	}
	switch {
	case key.Matches(k, keys.New):
		return a.openNewForm()
	case key.Matches(k, keys.Demo):
		return a.demoJob()
	case key.Matches(k, keys.Reassess):
		if sel, ok := h.selected(); ok {
			return h.reassess(a, sel)
		}
		return nil
	case key.Matches(k, keys.Actions):
		if sel, ok := h.selected(); ok {
			return a.openJob(sel.ID, showActions{back: showHome{}})
		}
		return nil
	case key.Matches(k, keys.Enter), key.Matches(k, keys.Results), key.Matches(k, keys.Report), key.Matches(k, keys.Delete):
		sel, ok := h.selected()
		if !ok {
			return nil
		}
		var then any
		switch {
		case key.Matches(k, keys.Delete):
			then = showDelete{}
		case sel.Kind == store.Workshop:
			then = showWorkshop{}
		case key.Matches(k, keys.Enter):
			then = showQuestion{resume: true}
		case key.Matches(k, keys.Results):
			then = showResults{}
		default:
			then = showPreview{}
		}
		return a.openJob(sel.ID, then)
	}
	return nil
}

// demoJob adds the demo's two samples (both or neither) and shows the
// list with them.
func (a *App) demoJob() tea.Cmd {
	be := a.be
	return a.start(func() tea.Msg {
		samples, err := be.AddDemo()
		if err != nil {
			return failed{err: fmt.Errorf("the demo was not added: %w", err), then: showHome{}}
		}
		return changed{status: demoStatus(samples), then: showHome{}}
	})
}

// demoStatus says what adding the demo did, in one line.
func demoStatus(samples []backend.DemoSample) string {
	var added, there []string
	for _, s := range samples {
		if s.Added {
			added = append(added, s.ID)
		} else {
			there = append(there, s.ID)
		}
	}
	switch {
	case len(added) == 0:
		return "The demo is already there: " + strings.Join(there, " and ") + "."
	case len(there) == 0:
		return "Added the demo: " + strings.Join(added, " and ") + ". Press enter to open one."
	}
	return "Added " + strings.Join(added, " and ") + "; " + strings.Join(there, " and ") + " was already there."
}

// openJob loads an assessment, makes it the open one and then shows then.
func (a *App) openJob(id string, then any) tea.Cmd {
	be := a.be
	return a.start(func() tea.Msg {
		ev, err := be.Load(id)
		if err != nil {
			return failed{err: err}
		}
		return openedWith(be, ev, then)
	})
}

func (h *homeScreen) view(a *App) (string, bindings) {
	k := a.keys
	keys := bindings{
		// delete and quit are in the full help: the line fits 80 columns
		short: []key.Binding{k.New, short(k.Enter, "enter", "resume"), k.Results, k.Report, k.Reassess, k.Actions, k.Help},
		full: [][]key.Binding{{k.Up, k.Down, k.Enter}, {k.New, k.Results, k.Report, k.Delete}, {k.Reassess, k.Actions},
			{k.Demo, k.Help, k.Quit}},
	}
	st := a.st
	var b strings.Builder
	if !h.loaded {
		return "\nReading the assessments…", keys
	}
	if len(h.list) == 0 {
		// With nothing listed, only these keys do something.
		keys = bindings{short: []key.Binding{k.New, k.Demo, k.Quit, k.Help}, full: [][]key.Binding{{k.New, k.Demo}, {k.Help, k.Quit}}}
		b.WriteString("\n")
		b.WriteString(st.Bold.Render("Welcome to seam.") + "\n\n")
		b.WriteString(theme.Wrap("seam walks you through six ways an integration strategy fails, scores where you stand on each, "+
			"and turns the gaps into a plan: what to fix first, who owns it and how you will know it worked. "+
			"It takes 15 to 25 minutes; every answer is saved the moment you give it, so you can stop and resume any time.", min(a.width, 90)) + "\n\n")
		b.WriteString("Press " + st.Selected.Render("n") + " to start your first assessment.\n")
		b.WriteString(theme.Wrap("Or press "+st.Selected.Render("d")+" to look around first: it adds two samples of a fictional freight "+
			"company, a self-assessment and a five-person workshop, with their results, plans and reports.", min(a.width, 90)) + "\n\n")
		b.WriteString(st.Subtle.Render("Assessments are kept in " + safetext.Line(a.be.Store().Path())))
		return b.String(), keys
	}
	b.WriteString(st.Bold.Render("Assessments") + "\n\n")
	// The marker, ID, kind, progress and index take 41 cells with their
	// gaps, the date 12 more: below 100 columns the date is left out.
	// The organization is shown whole where it can be (it tells the
	// assessments apart), the title takes the rest.
	fixed, dated := 42, a.width >= 100
	if dated {
		fixed += 12
	}
	avail := max(14, a.width-fixed)
	orgW := max(8, min(30, max(len("ORGANIZATION"), h.orgWidth), avail-12))
	titleW := max(6, min(40, max(len("TITLE"), h.titleWidth), avail-orgW))
	header := fmt.Sprintf("  %-6s  %-*s  %-*s  %-8s  %-8s  %-6s", "ID", orgW, "ORGANIZATION", titleW, "TITLE", "KIND", "PROGRESS", "INDEX")
	if dated {
		header += "  UPDATED"
	}
	b.WriteString(st.Subtle.Render(header) + "\n")
	top := max(0, h.cursor-(a.bodyHeight()-6))
	for i := top; i < min(len(h.list), top+a.bodyHeight()); i++ { // rows below the screen are cut anyway
		sm := h.list[i]
		// A workshop's index is the room's until the facilitator reveals
		// it: home may be on the projector.
		index := theme.Score(sm.Overall)
		if sm.Hidden() {
			index = "hidden"
		}
		row := fmt.Sprintf("%-6s  %-*s  %-*s  %-8s  %-8s  %-6s", sm.ID, orgW, theme.Cut(safetext.Line(sm.Organization), orgW), titleW,
			theme.Cut(safetext.Line(sm.Title), titleW), sm.Kind, fmt.Sprintf("%d/%d", sm.Answered, sm.Questions), index)
		if dated {
			row += "  " + sm.UpdatedAt.Local().Format("2006-01-02")
		}
		if i == h.cursor {
			b.WriteString(st.Selected.Render("▸ "+row) + "\n")
		} else {
			b.WriteString("  " + row + "\n")
		}
	}
	return b.String(), keys
}
