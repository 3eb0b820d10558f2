package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// formScreen shows an embedded huh form over the screen it came from.
// Completing it runs done; esc goes back with nothing changed.
type formScreen struct {
	form *huh.Form
	back screen
	done func(a *App) tea.Cmd
}

func (f *formScreen) name() string { return f.back.name() }

// openForm shows a form; done runs when it completes, esc returns to the
// screen shown now without running it.
func (a *App) openForm(form *huh.Form, done func(a *App) tea.Cmd) tea.Cmd {
	f := &formScreen{form: form.WithShowHelp(true), back: a.screen, done: done}
	f.resize(a)
	a.screen = f
	return f.form.Init()
}

func (f *formScreen) resize(a *App) {
	f.form = f.form.WithWidth(min(a.width, 100)).WithHeight(a.bodyHeight())
}

func (f *formScreen) key(a *App, k tea.KeyMsg) tea.Cmd { return f.message(a, k) }

// message hands everything to the form but esc, which cancels it.
func (f *formScreen) message(a *App, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "esc" {
		a.screen = f.back
		a.say("Cancelled: nothing changed.")
		return nil
	}
	m, cmd := f.form.Update(msg)
	if form, ok := m.(*huh.Form); ok {
		f.form = form
	}
	switch f.form.State {
	case huh.StateCompleted:
		a.screen = f.back
		return tea.Batch(cmd, f.done(a))
	case huh.StateAborted:
		a.screen = f.back
		return nil
	}
	return cmd
}

func (f *formScreen) view(a *App) (string, bindings) {
	return f.form.View(), bindings{short: []key.Binding{a.keys.Back}}
}
