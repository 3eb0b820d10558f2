package tui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/atomicfile"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/theme"
)

// showPreview draws the report of the current assessment for the window,
// from the same blocks as the Markdown it saves.
func (a *App) showPreview() tea.Cmd {
	in := a.quest.l.Report()
	var md bytes.Buffer
	if err := report.Markdown(&md, in); err != nil {
		a.fail(err)
		return nil
	}
	a.report = md.String()
	a.preview = viewport.New(a.width, a.bodyHeight())
	a.preview.SetContent(report.Preview(in, a.st, min(a.width, 110)-2))
	a.screen = screenPreview
	a.say("The report of %s. Press s to save it as Markdown.", a.quest.l.ID)
	return nil
}

func (a *App) previewKeys() bindings {
	k := a.keys
	return bindings{short: []key.Binding{k.Up, k.Down, k.Save, k.Back, k.Quit}}
}

func (a *App) updatePreview(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, a.keys.Save):
		return a.askReportPath()
	case key.Matches(msg, a.keys.Back):
		a.showResults()
		return nil
	}
	var cmd tea.Cmd
	a.preview, cmd = a.preview.Update(msg)
	return cmd
}

// defaultReportPath is a file name in the current directory that says
// whose report it is and of when.
func defaultReportPath(l *backend.Evaluated) string {
	org := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, l.Organization)
	org = strings.Trim(strings.Join(strings.FieldsFunc(org, func(r rune) bool { return r == '-' }), "-"), "-")
	if org == "" {
		org = l.ID
	}
	return fmt.Sprintf("seam-report-%s-%s.md", theme.Cut(org, 40), time.Now().Format("2006-01-02"))
}

func (a *App) askReportPath() tea.Cmd {
	path := defaultReportPath(a.quest.l)
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Save the report as").Description("A Markdown file; an existing file is replaced.").Value(&path),
	))
	return a.openForm(form, screenPreview, func(a *App) tea.Cmd {
		path = strings.TrimSpace(path)
		if path == "" {
			a.fail(fmt.Errorf("not saved: the file name is empty"))
			return nil
		}
		if err := atomicfile.Write(path, []byte(a.report)); err != nil {
			a.fail(fmt.Errorf("not saved: %w", err))
			return nil
		}
		abs, _ := filepath.Abs(path)
		a.say("✓ Saved the report to %s", abs)
		return nil
	})
}
