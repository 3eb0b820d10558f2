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

func TestABackupRefusesAnExistingFileUnlessToldToReplaceIt(t *testing.T) {
	s := open(t)
	newSelf(t, s, "Acme")
	dest := filepath.Join(t.TempDir(), "backup.db")
	require.NoError(t, s.Backup(context.Background(), dest))
	err := s.Backup(context.Background(), dest)
	assert.ErrorIs(t, err, ErrBackupExists)
	assert.EqualError(t, err, dest+": already exists")

	b := newSelf(t, s, "Beta")
	require.NoError(t, s.BackupReplacing(context.Background(), dest))
	info, err := os.Stat(dest)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	entries, err := os.ReadDir(filepath.Dir(dest))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no partial copy left beside it")
	copyStore, err := Open(dest)
	require.NoError(t, err)
	defer copyStore.Close()
	_, err = copyStore.Load(b.ID)
	assert.NoError(t, err, "the replaced backup holds what was added since")

	fresh := filepath.Join(t.TempDir(), "new.db")
	require.NoError(t, s.BackupReplacing(context.Background(), fresh), "replacing allows a new path too")
}

func TestReplacingABackupRefusesWhatIsNotABackup(t *testing.T) {
	s := open(t)
	newSelf(t, s, "Acme")
	dir := t.TempDir()
	assert.EqualError(t, s.BackupReplacing(context.Background(), dir), dir+": is a directory, not a file; nothing was written")

	assert.EqualError(t, s.BackupReplacing(context.Background(), s.Path()), s.Path()+": is the database being backed up; choose another file")
	link := filepath.Join(t.TempDir(), "hardlink.db")
	require.NoError(t, os.Link(s.Path(), link))
	assert.EqualError(t, s.BackupReplacing(context.Background(), link), link+": is the database being backed up; choose another file")
	_, err := os.Stat(s.Path() + "-wal")
	require.NoError(t, err, "an open database in WAL mode has its -wal file")
	assert.ErrorContains(t, s.BackupReplacing(context.Background(), s.Path()+"-wal"), "is a file SQLite keeps beside the database (-wal)")
	l, err := s.Load(newSelf(t, s, "Still here").ID)
	require.NoError(t, err, "the database is untouched")
	assert.Equal(t, "Still here", l.Organization)
}
