package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// Saving the report: the prompt shows the whole path, in the user's
// documents directory unless they choose another; a directory inside a
// git work tree is confirmed first, so that a report (which names people
// and weaknesses) is not committed by accident.

// userDocuments is the documents directory the XDG user dirs name (a
// variable, for tests).
var userDocuments = func() string { return xdg.UserDirs.Documents }

// defaultReportDir is where reports go unless the user says otherwise:
// the documents directory (XDG_DOCUMENTS_DIR, the XDG user dirs, or
// ~/Documents) if it exists, else the home directory, else the current
// one.
func defaultReportDir() string {
	home, _ := os.UserHomeDir()
	candidates := []string{os.Getenv("XDG_DOCUMENTS_DIR"), userDocuments()}
	if home != "" {
		candidates = append(candidates, filepath.Join(home, "Documents"), home)
	}
	for _, c := range candidates {
		c = expandHome(c, home)
		if c != "" && filepath.IsAbs(c) && isDir(c) {
			return filepath.Clean(c)
		}
	}
	wd, _ := os.Getwd()
	return wd
}

// expandHome turns a leading ~ or $HOME into the home directory.
func expandHome(path, home string) string {
	if home == "" {
		return path
	}
	for _, prefix := range []string{"~", "$HOME", "${HOME}"} {
		if path == prefix {
			return home
		}
		if rest, ok := strings.CutPrefix(path, prefix+"/"); ok {
			return filepath.Join(home, rest)
		}
	}
	return path
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// gitWorkTree finds the git work tree that holds dir: the nearest
// directory at or above it with a .git (a directory, or a file in a linked
// work tree or submodule).
func gitWorkTree(dir string) (string, bool) {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// reportFileName says whose report it is and of when.
func reportFileName(org, id string) string {
	org = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, org)
	org = strings.Trim(strings.Join(strings.FieldsFunc(org, func(r rune) bool { return r == '-' }), "-"), "-")
	if org == "" {
		org = id
	}
	return fmt.Sprintf("seam-report-%s-%s.md", theme.Cut(org, 40), time.Now().Format("2006-01-02"))
}

// askPath asks where to save the report, showing the whole path.
func (p *previewScreen) askPath(a *App) tea.Cmd {
	name := reportFileName(p.in.Organization, p.in.ID)
	path := p.path
	if path == "" {
		if a.reportDir == "" {
			a.reportDir = defaultReportDir()
		}
		path = filepath.Join(a.reportDir, name)
	}
	naming := ""
	switch {
	case p.in.Anonymous:
		naming = " Participants are named by function, as shown."
	case a.isWorkshop():
		naming = " It names the participants, as shown."
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Save the report as").
			Description("A Markdown file in " + safetext.Line(filepath.Dir(path)) +
				". Edit the path to save it elsewhere; an existing file is replaced. Enter saves, esc cancels." + naming).
			Value(&path),
	))
	return a.openForm(form, func(a *App) tea.Cmd {
		home, _ := os.UserHomeDir()
		typed := expandHome(strings.TrimSpace(path), home)
		if typed == "" {
			a.fail(errors.New("not saved: the file name is empty"))
			return nil
		}
		abs, err := filepath.Abs(typed)
		if err != nil {
			a.fail(fmt.Errorf("not saved: %w", err))
			return nil
		}
		if isDir(abs) {
			abs = filepath.Join(abs, name)
		}
		p.path = abs
		if tree, ok := gitWorkTree(filepath.Dir(abs)); ok {
			return p.confirmInGit(a, abs, tree)
		}
		return p.save(a, abs)
	})
}

// confirmInGit asks before saving into a git work tree; no goes back to
// the path.
func (p *previewScreen) confirmInGit(a *App, path, tree string) tea.Cmd {
	yes := false
	form := huh.NewForm(huh.NewGroup(
		huh.NewConfirm().Title("Save the report inside a git work tree?").
			Description(safetext.Line(path) + "\nis inside the git work tree " + safetext.Line(tree) +
				".\nA report names people and weaknesses; there it is easily committed by mistake.").
			Affirmative("Save it there").Negative("Choose another place").Value(&yes),
	))
	return a.openForm(form, func(a *App) tea.Cmd {
		if !yes {
			return p.askPath(a)
		}
		return p.save(a, path)
	})
}

// save writes the report's Markdown (0600, replacing the file at once)
// with its charts as images in the folder beside it, as seam report -o
// does, and says where.
func (p *previewScreen) save(a *App, path string) tea.Cmd {
	in := p.in
	return a.start(func() tea.Msg {
		if err := backend.WriteMarkdownReport(path, in, report.ChartImages); err != nil {
			return failed{err: fmt.Errorf("not saved: %w", err)}
		}
		return reportSaved{path: path}
	})
}
