//go:build linux

package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestARealFullDisk fills a 2 MiB tmpfs holding a database that is not
// open, as a user's disk fills between two sessions: every command says
// the disk is full (SQLite says only "disk I/O error" when it cannot
// create the -wal file), a backup or report onto it names its own file and
// leaves nothing, and once space is freed everything is there.
func TestARealFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root; the message itself is tested in store (TestAnIOErrorOnAFullDiskSaysTheDiskIsFull)")
	}
	dir := t.TempDir()
	tiny := filepath.Join(dir, "tiny")
	require.NoError(t, os.Mkdir(tiny, 0o700))
	if err := syscall.Mount("tmpfs", tiny, "tmpfs", 0, "size=2m"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v); the message itself is tested in store", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(tiny, 0) })

	bin := buildSeam(t)
	db := filepath.Join(tiny, "seam.db")
	runSeam(t, bin, db, "demo")
	before := runSeam(t, bin, db, "show", "dem2se")
	fill, err := os.Create(filepath.Join(tiny, "fill"))
	require.NoError(t, err)
	for {
		if _, err := fill.Write(make([]byte, 4096)); err != nil {
			break
		}
	}
	require.NoError(t, fill.Close())

	run := func(db string, args ...string) (string, int) {
		c := newSeamCmd(context.Background(), bin, db, args...)
		_ = c.Run()
		return c.stderr.String(), c.ProcessState.ExitCode()
	}
	for _, args := range [][]string{{"list"}, {"show", "dem2se"}, {"answer", "dem2se", "m1.q1", "3"}, {"backup", filepath.Join(dir, "b.db")}} {
		stderr, code := run(db, args...)
		assert.Equal(t, "seam: "+db+": the disk is full; nothing was saved\n", stderr, "%q", args)
		assert.Equal(t, 1, code, "%q", args)
	}
	assert.NoFileExists(t, filepath.Join(dir, "b.db"))

	// Writing onto the full disk from a database elsewhere.
	other := filepath.Join(dir, "other.db")
	runSeam(t, bin, other, "demo")
	stderr, code := run(other, "backup", filepath.Join(tiny, "b.db"))
	assert.Equal(t, "seam: "+filepath.Join(tiny, "b.db")+": the disk is full; no backup was written\n", stderr)
	assert.Equal(t, 1, code)
	stderr, code = run(other, "report", "dem2ws", "-o", filepath.Join(tiny, "r.md"))
	assert.Regexp(t, "^seam: "+regexp.QuoteMeta(tiny)+"/r(\\.md|-files/[a-z-]+\\.(svg|png)): the disk is full", stderr, "the report or one of its charts, by name")
	assert.Equal(t, 1, code)
	entries, err := os.ReadDir(tiny)
	require.NoError(t, err)
	for _, e := range entries {
		assert.Contains(t, []string{"seam.db", "seam.db-wal", "seam.db-shm", "fill"}, e.Name(), "nothing half-written is left")
	}

	require.NoError(t, os.Remove(filepath.Join(tiny, "fill")))
	assert.Equal(t, before, runSeam(t, bin, db, "show", "dem2se"), "with room again, all is as it was")
}
