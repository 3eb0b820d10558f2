package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeShellBlocks are the README's ```sh blocks, in order.
var readmeShellBlocks = regexp.MustCompile("(?s)```sh\n(.*?)```")

// TestTheREADMECommandsWorkWhenCopiedInOrder runs every command the README
// shows, in the order it shows them, in one shell on a fresh home
// directory, as a newcomer copies them: `go run .` stands for the seam
// binary, and the set-up lines (the app itself, the tests, go install) are
// left out. A command the README shows that fails, or a file it names
// that does not exist, fails this test.
func TestTheREADMECommandsWorkWhenCopiedInOrder(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	var script []string
	for _, m := range readmeShellBlocks.FindAllStringSubmatch(string(readme), -1) {
		for line := range strings.Lines(m[1]) {
			cmd := strings.TrimSpace(line)
			switch {
			case cmd == "", strings.HasPrefix(cmd, "#"):
				continue
			case strings.HasPrefix(cmd, "go run . ") && !strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(cmd, "go run . ")), "#"):
				cmd = "seam " + strings.TrimPrefix(cmd, "go run . ")
			case strings.HasPrefix(cmd, "go "), strings.HasPrefix(cmd, "export PATH="):
				continue // set-up: the app needs a terminal, the tests are this test
			}
			script = append(script, cmd)
		}
	}
	require.Greater(t, len(script), 20, "the README should show the commands")

	bin := buildSeam(t)
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	work := filepath.Join(dir, "work")
	require.NoError(t, os.MkdirAll(filepath.Join(work, "examples"), 0o700))
	require.NoError(t, os.MkdirAll(filepath.Join(home, "bin"), 0o700))
	require.NoError(t, os.Symlink(bin, filepath.Join(home, "bin", "seam")))
	examples, err := filepath.Glob("examples/*")
	require.NoError(t, err)
	for _, f := range examples {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(work, f), b, 0o600))
	}

	sh := exec.Command("bash", "-e", "-o", "pipefail", "-x", "-c", strings.Join(script, "\n"))
	sh.Dir = work
	sh.Env = []string{"HOME=" + home, "PATH=" + filepath.Join(home, "bin") + ":/usr/bin:/bin", "NO_COLOR=1", "LANG=C.UTF-8"}
	out, err := sh.CombinedOutput()
	require.NoError(t, err, "a README command failed:\n%s", out)
	assert.FileExists(t, filepath.Join(home, ".local", "share", "seam", "seam.db"), "the README's commands use the default database")
	assert.FileExists(t, filepath.Join(work, "acme-report.md"))
	assert.FileExists(t, filepath.Join(work, "seam-backup.db"))
}

// TestTheREADMEPicturesExistAndAreSmall: every picture and local link the
// README shows is there, and no picture weighs more than 300 KB (a clone
// and a README page load carry them all).
func TestTheREADMEPicturesExistAndAreSmall(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	// Markdown links and images, and HTML images (a phone's picture is
	// drawn narrower than it is).
	links := regexp.MustCompile(`\]\(([^)#:]+)\)|<img src="([^"#:]+)"`).FindAllStringSubmatch(string(readme), -1)
	require.NotEmpty(t, links)
	pictures := 0
	for _, m := range links {
		path := m[1] + m[2]
		info, err := os.Stat(path)
		if !assert.NoError(t, err, "the README links %s", path) {
			continue
		}
		if strings.HasSuffix(path, ".png") {
			pictures++
			assert.LessOrEqual(t, info.Size(), int64(300_000), "%s is %d bytes", path, info.Size())
		}
	}
	assert.GreaterOrEqual(t, pictures, 4)
}
