package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnInterruptedBackupLeavesNothing(t *testing.T) {
	s := open(t)
	newSelf(t, s, "Acme")
	dir := t.TempDir()
	dest := filepath.Join(dir, "backup.db")
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as Ctrl-C before the copy ends
	assert.EqualError(t, s.Backup(ctx, dest), dest+": interrupted; no backup was written")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "no backup, no partial copy, no journal")
	require.NoError(t, s.Backup(context.Background(), dest), "a retry is not told the file exists")
}

func TestABackupErrorNamesTheBackup(t *testing.T) {
	s := open(t)
	dest := filepath.Join(t.TempDir(), "missing", "backup.db")
	assert.EqualError(t, s.Backup(context.Background(), dest), dest+": no such file or directory")
	dir := t.TempDir()
	assert.EqualError(t, s.Backup(context.Background(), dir), dir+": is a directory, not a file; nothing was written")
}

func TestOrphansAreBackupsWhoseWriterIsGone(t *testing.T) {
	dir := t.TempDir()
	dead := filepath.Join(dir, ".b.db.seam-backup-999999999.partial") // no process has that id
	live := partialName(filepath.Join(dir, "c.db"))                   // this process's own, in progress
	for _, f := range []string{dead, dead + "-journal", live, filepath.Join(dir, "seam.db"), filepath.Join(dir, "notes.partial")} {
		require.NoError(t, os.WriteFile(f, []byte("x"), 0o600))
	}
	got, err := Orphans(dir)
	require.NoError(t, err)
	assert.Equal(t, []Orphan{
		{Path: dead, What: "a backup that was never finished", Removable: true},
		{Path: dead + "-journal", What: "the journal of a backup that was never finished", Removable: true},
	}, got)
}
