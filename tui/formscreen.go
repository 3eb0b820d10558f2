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
	// fit sizes the form to what it shows (up to the body), so that the
	// help and a field's error stand right under the field rather than at
	// the foot of the window.
	fit bool
	// wide takes the window's whole width (a form that lists level
	// texts), not at most 100 columns.
	wide bool
	// values, where set, are what the form fills (a pointer): a test
	// fills them as a user would and runs done.
	values any
}

func (f *formScreen) name() string { return f.back.name() }

// openForm shows a form; done runs when it completes, esc returns to the
// screen shown now without running it.
func (a *App) openForm(form *huh.Form, done func(a *App) tea.Cmd) tea.Cmd {
	return a.showForm(&formScreen{form: form, done: done})
}

// openFittedForm is openForm for a short form sized to its content.
func (a *App) openFittedForm(form *huh.Form, done func(a *App) tea.Cmd) tea.Cmd {
	return a.showForm(&formScreen{form: form, done: done, fit: true})
}

// openWideForm is openForm for a form as wide as the window.
func (a *App) openWideForm(form *huh.Form, done func(a *App) tea.Cmd) tea.Cmd {
	return a.showForm(&formScreen{form: form, done: done, wide: true})
}

// formWidth is the width a form is drawn at.
func formWidth(a *App, wide bool) int {
	if wide {
		return a.width
	}
	return min(a.width, 100)
}

// bound records the values the form just opened fills (see
// formScreen.values).
func (a *App) bound(values any) {
	if f, ok := a.screen.(*formScreen); ok {
		f.values = values
	}
}

func (a *App) showForm(f *formScreen) tea.Cmd {
	f.form, f.back = f.form.WithShowHelp(true), a.screen
	f.resize(a)
	a.screen = f
	return f.form.Init()
}

// resize fits the form to the body. huh sizes a group's fields to the
// height less its footer (the help, or a field's error), then draws a
// blank line above the footer that it did not count: one line less keeps
// the footer, and so the error under a field, on the screen.
func (f *formScreen) resize(a *App) {
	f.form = f.form.WithWidth(formWidth(a, f.wide))
	if !f.fit {
		f.form = f.form.WithHeight(a.bodyHeight() - 1)
		return
	}
	// A form without a height of its own takes what its groups need, up
	// to the window it is told of.
	if m, _ := f.form.Update(tea.WindowSizeMsg{Width: formWidth(a, f.wide), Height: a.bodyHeight() - 1}); m != nil {
		if form, ok := m.(*huh.Form); ok {
			f.form = form
		}
	}
}

func (f *formScreen) key(a *App, k tea.KeyMsg) tea.Cmd { return f.message(a, k) }

// reload has the screen under the form work out its lines again, so that
// it is current when the form closes.
func (f *formScreen) reload(a *App) {
	if r, ok := f.back.(reloader); ok {
		r.reload(a)
	}
}

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
