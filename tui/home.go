package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
	"github.com/seam-dev/seam/theme"
)

// homeState is the list of assessments.
type homeState struct {
	list   []store.Summary
	cursor int
}

func (a *App) reloadHome() {
	list, err := a.be.Store().List()
	if err != nil {
		a.fail(err)
		return
	}
	a.home.list = list
	a.home.cursor = min(a.home.cursor, max(0, len(list)-1))
}

func (a *App) selected() (store.Summary, bool) {
	if len(a.home.list) == 0 {
		return store.Summary{}, false
	}
	return a.home.list[a.home.cursor], true
}

func (a *App) updateHome(msg tea.KeyMsg) tea.Cmd {
	k := a.keys
	switch {
	case key.Matches(msg, k.Up):
		a.home.cursor = max(0, a.home.cursor-1)
	case key.Matches(msg, k.Down):
		a.home.cursor = min(len(a.home.list)-1, a.home.cursor+1)
	case key.Matches(msg, k.New):
		return a.openNewForm()
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Results), key.Matches(msg, k.Report), key.Matches(msg, k.Delete):
		sel, ok := a.selected()
		if !ok {
			return nil
		}
		if err := a.open(sel.ID); err != nil {
			a.fail(err)
			return nil
		}
		switch {
		case a.isWorkshop() && !key.Matches(msg, k.Delete):
			return a.showParticipants()
		case key.Matches(msg, k.Enter):
			a.resume()
		case key.Matches(msg, k.Results):
			a.showResults()
		case key.Matches(msg, k.Report):
			return a.showPreview()
		default:
			a.screen = screenDelete
		}
	}
	return nil
}

func (a *App) viewHome() (string, bindings) {
	k := a.keys
	keys := bindings{
		short: []key.Binding{k.New, k.Enter, k.Results, k.Report, k.Delete, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter}, {k.New, k.Results, k.Report, k.Delete}, {k.Help, k.Quit}},
	}
	keys.short[1] = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "resume"))
	var b strings.Builder
	if len(a.home.list) == 0 {
		b.WriteString("\n")
		b.WriteString(a.st.Bold.Render("Welcome to seam.") + "\n\n")
		b.WriteString(theme.Wrap("seam walks you through six ways an integration strategy fails, scores where you stand on each, "+
			"and turns the gaps into a plan: what to fix first, who owns it and how you will know it worked. "+
			"It takes 15 to 25 minutes; every answer is saved the moment you give it, so you can stop and resume any time.", min(a.width, 90)) + "\n\n")
		b.WriteString("Press " + a.st.Selected.Render("n") + " to start your first assessment.\n\n")
		b.WriteString(a.st.Subtle.Render("Assessments are kept in " + safetext.Line(a.be.Store().Path())))
		return b.String(), keys
	}
	b.WriteString(a.st.Bold.Render("Assessments") + "\n\n")
	// The marker, ID, kind, progress, index and date take 53 cells with
	// their gaps; organization and title share the rest.
	avail := max(14, a.width-53)
	orgW := min(30, max(8, avail*3/5))
	titleW := min(30, max(6, avail-orgW))
	b.WriteString(a.st.Subtle.Render(fmt.Sprintf("  %-6s  %-*s  %-*s  %-8s  %-8s  %-5s  %s", "ID", orgW, "ORGANIZATION", titleW, "TITLE", "KIND", "PROGRESS", "INDEX", "UPDATED")) + "\n")
	top := max(0, a.home.cursor-(a.bodyHeight()-6))
	for i := top; i < len(a.home.list); i++ {
		sm := a.home.list[i]
		index := "–"
		if sm.Overall != nil {
			index = fmt.Sprintf("%.2f", *sm.Overall)
		}
		row := fmt.Sprintf("%-6s  %-*s  %-*s  %-8s  %-8s  %-5s  %s", sm.ID, orgW, theme.Cut(safetext.Line(sm.Organization), orgW), titleW, theme.Cut(safetext.Line(sm.Title), titleW),
			sm.Kind, fmt.Sprintf("%d/%d", sm.Answered, sm.Questions), index, sm.UpdatedAt.Local().Format("2006-01-02"))
		if i == a.home.cursor {
			b.WriteString(a.st.Selected.Render("▸ "+row) + "\n")
		} else {
			b.WriteString("  " + row + "\n")
		}
	}
	return b.String(), keys
}

// open loads an assessment as the current one.
func (a *App) open(id string) error {
	l, err := a.be.Load(id)
	if err != nil {
		return err
	}
	a.quest = newQuestState(l)
	return nil
}

func (a *App) updateDelete(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, a.keys.Yes):
		id := a.quest.l.ID
		if err := a.be.Store().Delete(id); err != nil {
			a.fail(err)
		} else {
			a.say("Deleted %s.", id)
		}
		a.quest = questState{}
		a.reloadHome()
		a.screen = screenHome
	case key.Matches(msg, a.keys.No):
		a.screen = screenHome
	}
	return nil
}

func (a *App) viewDelete() (string, bindings) {
	l := a.quest.l
	body := "\n" + a.st.Bad.Render("Delete this assessment for good?") + "\n\n" +
		fmt.Sprintf("  %s · %s · %s\n  %d answers and their history will be removed.\n\n", l.ID, safetext.Line(l.Organization), safetext.Line(l.Title), len(l.Answers)) +
		"Press " + a.st.Selected.Render("y") + " to delete, " + a.st.Selected.Render("n") + " or esc to keep it."
	return body, bindings{short: []key.Binding{a.keys.Yes, a.keys.No}}
}
