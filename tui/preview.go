package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/report"
)

// previewScreen shows the leadership report of the open assessment, drawn
// from the same blocks as the Markdown it saves: as seam report writes it,
// comparing a follow-up with the assessment it follows up and with the
// action register (backend.Report, read once when it opens).
type previewScreen struct {
	in report.Input
	scroller
	// path is where the report was last asked to be saved; the prompt
	// opens with it again.
	path string
}

func (p *previewScreen) name() string { return "report" }

// openPreview reads the report's input in a job, then shows it.
func (a *App) openPreview(to showPreview) tea.Cmd {
	if to.in == nil {
		be, ev := a.be, a.current
		return a.start(func() tea.Msg {
			in, err := be.Report(ev, backend.ReportOptions{})
			if err != nil {
				return failed{err: fmt.Errorf("the report cannot be shown: %w", err)}
			}
			return changed{then: showPreview{in: &in}}
		})
	}
	p := &previewScreen{in: *to.in}
	p.in.Anonymous = a.anonymous()
	p.resize(a)
	a.screen = p
	a.say("The report of %s. Press s to save it as Markdown.%s", a.current.ID, namesHint(a, p.in))
	return nil
}

func (p *previewScreen) resize(a *App) { p.set(a, report.Preview(p.in, a.st, min(a.width, 110)-2)) }

func (p *previewScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, a.keys.Save):
		return p.askPath(a)
	case key.Matches(k, a.keys.Names) && a.isWorkshop():
		a.toggleNames()
		p.in.Anonymous = a.anonymous()
		p.resize(a) // drawn again, scrolled where it was
		a.say("%s%s", a.status, notesWarning(p.in))
		return nil
	case key.Matches(k, a.keys.Back):
		return a.navigate(showResults{})
	}
	return p.message(a, k)
}

func (p *previewScreen) view(a *App) (string, bindings) {
	k := a.keys
	keys := bindings{short: []key.Binding{k.Up, k.Down, k.Save, k.Back, k.Quit}}
	if a.isWorkshop() {
		keys.short = append(keys.short[:3], append([]key.Binding{a.namesKey()}, keys.short[3:]...)...)
	}
	return p.scroller.view(a), keys
}
