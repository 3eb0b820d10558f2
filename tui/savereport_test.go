package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

func TestDefaultReportDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	xdgDocs := filepath.Join(t.TempDir(), "Dokumente")
	defer func(f func() string) { userDocuments = f }(userDocuments)
	userDocuments = func() string { return xdgDocs }

	envDocs := filepath.Join(home, "Papers")
	t.Setenv("XDG_DOCUMENTS_DIR", "$HOME/Papers")
	assert.Equal(t, home, defaultReportDir(), "no documents directory exists: home")

	require.NoError(t, os.Mkdir(filepath.Join(home, "Documents"), 0o700))
	assert.Equal(t, filepath.Join(home, "Documents"), defaultReportDir(), "~/Documents")
	require.NoError(t, os.Mkdir(xdgDocs, 0o700))
	assert.Equal(t, xdgDocs, defaultReportDir(), "the XDG user dirs' documents directory")
	require.NoError(t, os.Mkdir(envDocs, 0o700))
	assert.Equal(t, envDocs, defaultReportDir(), "XDG_DOCUMENTS_DIR, $HOME expanded")
	t.Setenv("XDG_DOCUMENTS_DIR", "relative/docs")
	assert.Equal(t, xdgDocs, defaultReportDir(), "a relative XDG_DOCUMENTS_DIR is ignored")
}

func TestGitWorkTree(t *testing.T) {
	repo := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(repo, ".git"), 0o700))
	deep := filepath.Join(repo, "docs", "reports", "not-yet-made")
	require.NoError(t, os.MkdirAll(filepath.Join(repo, "docs", "reports"), 0o700))
	tree, ok := gitWorkTree(deep)
	assert.True(t, ok)
	assert.Equal(t, repo, tree)

	linked := t.TempDir() // a linked work tree or submodule has a .git file
	require.NoError(t, os.WriteFile(filepath.Join(linked, ".git"), []byte("gitdir: /elsewhere\n"), 0o600))
	tree, ok = gitWorkTree(linked)
	assert.True(t, ok)
	assert.Equal(t, linked, tree)

	_, ok = gitWorkTree(t.TempDir())
	assert.False(t, ok)
}

func TestExpandHome(t *testing.T) {
	for in, want := range map[string]string{"~": "/h", "~/r.md": "/h/r.md", "$HOME/x/r.md": "/h/x/r.md", "${HOME}/r.md": "/h/r.md",
		"/abs/r.md": "/abs/r.md", "~other/r.md": "~other/r.md", "r.md": "r.md"} {
		assert.Equal(t, want, expandHome(in, "/h"), in)
	}
}

// TestJourneySavingAReportIntoAGitWorkTreeIsConfirmed saves the report
// when the documents directory lies in a git work tree: the prompt shows
// the whole path, no goes back to it, esc saves nothing, another directory
// saves there at once, and yes saves into the work tree.
func TestJourneySavingAReportIntoAGitWorkTreeIsConfirmed(t *testing.T) {
	cwd := t.TempDir()
	t.Chdir(cwd)
	repo := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(repo, ".git"), 0o700))
	docs := filepath.Join(repo, "docs")
	require.NoError(t, os.Mkdir(docs, 0o700))
	t.Setenv("XDG_DOCUMENTS_DIR", docs)
	s := openStore(t)
	id := create(t, s, "Acme Logistics")
	require.NoError(t, saved(s.SaveAnswers(id, "", map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 2}})))

	j := start(t, s)
	j.waitFor("Acme Logistics")
	j.keys("p")
	j.waitFor("Decision summary")
	j.keys("s")
	j.waitForAll("Save the report as", "A Markdown file in", docs+".")
	j.keys("enter")
	j.waitForAll("Save the report inside a git work tree?", "Choose another place")
	j.keys("n")
	j.waitFor("Save the report as")
	j.keys("esc")
	j.waitFor("Cancelled: nothing changed.")

	other := t.TempDir()
	j.keys("s")
	j.waitFor("Save the report as")
	j.keys("ctrl+u")
	j.paste(other) // a directory: the report goes into it under its default name
	j.keys("enter")
	j.waitFor("Saved the report to") // and the path, wrapped

	j.keys("s")
	j.waitFor(other + ".")
	j.keys("ctrl+u")
	j.paste(filepath.Join(docs, "board.md"))
	j.keys("enter")
	j.waitFor("Save the report inside a git work tree?")
	j.keys("y")
	j.waitFor("Saved the report to")
	app := j.quit()
	assert.Equal(t, "✓ Saved the report to "+filepath.Join(docs, "board.md")+", its charts in board-files", app.status)
	unwrapped := strings.NewReplacer(" ", "", "\n", "").Replace(app.View())
	assert.Contains(t, unwrapped, "Savedthereportto"+filepath.Join(docs, "board.md"), "the whole path is on the screen")

	saved, err := filepath.Glob(filepath.Join(other, "seam-report-acme-logistics-*.md"))
	require.NoError(t, err)
	require.Len(t, saved, 1)
	info, err := os.Stat(saved[0])
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	data, err := os.ReadFile(filepath.Join(docs, "board.md"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), "# Integration strategy assessment: Acme Logistics"))
	entries, err := os.ReadDir(docs)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "only the report confirmed (and its charts' folder) is in the work tree")
	entries, err = os.ReadDir(cwd)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing is saved into the current directory")
}
