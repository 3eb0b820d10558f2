package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestABuildWithoutACCompilerSaysSoInOneLine builds seam as Go does on a
// machine without gcc or clang (cgo quietly off): it must still build, and
// every command that needs the database must say in one line what to
// install, exit 1 and create no file. Scoring an answers file needs no
// database and still works.
func TestABuildWithoutACCompilerSaysSoInOneLine(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "seam-nocgo")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	start := time.Now()
	out, err := build.CombinedOutput()
	require.NoError(t, err, "a build without cgo must compile: %s", out)
	t.Logf("built without cgo in %s", time.Since(start).Round(time.Millisecond))

	db := filepath.Join(dir, "seam.db")
	for _, args := range [][]string{{"list"}, {"demo"}, {"new", "--org", "Acme"}} {
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "seam %v", args)
		assert.Equal(t, 1, exit.ExitCode(), "seam %v", args)
		assert.Equal(t, "seam: this seam was built without a C compiler, so it cannot open a database: "+
			"install gcc or clang (apt-get install gcc; xcode-select --install on macOS), then build or run it again\n", stderr.String(), "seam %v", args)
		assert.Empty(t, stdout.String(), "seam %v", args)
	}
	assert.NoFileExists(t, db)

	score, err := exec.Command(bin, "score", "--answers", "examples/answers.yaml").Output()
	require.NoError(t, err)
	assert.Contains(t, string(score), "Overall")
}
