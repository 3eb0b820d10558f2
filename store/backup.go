package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/seam-dev/seam/files"
)

// partialSuffix ends the name of a backup being written: a hidden file
// beside the destination, ".NAME.seam-backup-PID.partial", renamed to NAME
// only once complete and checked. A backup killed midway leaves only such a
// file (and its -journal), which no seam command opens, and which seam
// doctor finds once the process that wrote it is gone.
const partialSuffix = ".partial"

func partialName(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".seam-backup-"+strconv.Itoa(os.Getpid())+partialSuffix)
}

// ErrBackupExists is returned by Backup when its destination is already
// there; BackupReplacing replaces it.
var ErrBackupExists = errors.New("already exists")

// Backup writes a consistent copy of the whole database to dest (created
// 0600) while other processes may be reading and writing it. dest must be
// a new path. The copy is written beside it under a partial name, checked
// with PRAGMA integrity_check, and only then given its name; on any error,
// or when ctx is cancelled (Ctrl-C), nothing is left behind. Errors name
// dest.
func (s *Store) Backup(ctx context.Context, dest string) error {
	return s.backup(ctx, dest, false)
}

// BackupReplacing is Backup to a dest that may exist: once the copy is
// checked it is renamed over dest in one step, so dest is the old file
// until then and the new backup after, never half of either. A directory
// or special file is refused as by Backup, and so are the database itself
// and the files SQLite keeps beside it.
func (s *Store) BackupReplacing(ctx context.Context, dest string) error {
	return s.backup(ctx, dest, true)
}

func (s *Store) backup(ctx context.Context, dest string, replace bool) error {
	if err := files.CheckOutput(dest); err != nil {
		return err
	}
	if info, err := os.Lstat(dest); err == nil {
		if !replace {
			return fmt.Errorf("%s: %w", dest, ErrBackupExists)
		}
		if err := s.notOwnFile(dest, info); err != nil {
			return err
		}
	}
	tmp := partialName(dest)
	removePartial(tmp)
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return files.At(dest, err)
	}
	f.Close()
	// VACUUM INTO reads one snapshot of the database and writes a compact
	// copy; the empty file made above fixes its permissions.
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		removePartial(tmp)
		if ctx.Err() != nil {
			return fmt.Errorf("%s: interrupted; no backup was written", dest)
		}
		return describeBackup(dest, err)
	}
	if err := checkCopy(tmp); err != nil {
		removePartial(tmp)
		return fmt.Errorf("%s: the copy failed its check (%v); no backup was written", dest, err)
	}
	if replace {
		// A rename replaces a file in one step, and refuses a directory
		// that appeared meanwhile.
		err = os.Rename(tmp, dest)
	} else {
		// A link, not a rename: it refuses a dest that appeared meanwhile.
		err = os.Link(tmp, dest)
	}
	if err != nil {
		removePartial(tmp)
		if errors.Is(err, os.ErrExist) && !replace {
			return fmt.Errorf("%s: %w", dest, ErrBackupExists)
		}
		return files.At(dest, err)
	}
	removePartial(tmp)
	return syncDir(filepath.Dir(dest))
}

// notOwnFile refuses to replace the database with its own backup, or one
// of the files SQLite keeps beside it: other seams would go on writing to
// the file replaced, and their changes would be lost. info is dest's own
// (a symbolic link is replaced, not what it points to).
func (s *Store) notOwnFile(dest string, info os.FileInfo) error {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		own, err := os.Stat(s.path + suffix)
		if err == nil && os.SameFile(own, info) {
			if suffix == "" {
				return fmt.Errorf("%s: is the database being backed up; choose another file", dest)
			}
			return fmt.Errorf("%s: is a file SQLite keeps beside the database (%s); choose another file", dest, suffix)
		}
	}
	return nil
}

// checkCopy opens a written copy read-only and runs integrity_check.
func checkCopy(path string) error {
	db, err := sql.Open("sqlite3", dsn(path, "mode=ro"))
	if err != nil {
		return err
	}
	defer db.Close()
	var result string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return errors.New(result)
	}
	return nil
}

// describeBackup says why a backup failed, naming the backup: a full disk
// there is not a problem of the database being copied.
func describeBackup(dest string, err error) error {
	d := describe(dest, err)
	var dbe *DBError
	if errors.As(d, &dbe) {
		what := strings.TrimSuffix(dbe.What, "; nothing was saved")
		return &DBError{Path: dest, What: what + "; no backup was written", Err: err}
	}
	return d
}

func removePartial(tmp string) {
	os.Remove(tmp)
	os.Remove(tmp + "-journal")
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // the copy is there; a directory that cannot be opened cannot be synced either
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return files.At(dir, err)
	}
	return nil
}

// Orphan is a file a killed seam left behind.
type Orphan struct {
	Path string
	What string
	// Removable says seam doctor --fix may remove it.
	Removable bool
}

// Orphans lists what killed seams left in dir: backups never finished
// (whose process is gone) and their journals.
func Orphans(dir string) ([]Orphan, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, files.At(dir, err)
	}
	var out []Orphan
	for _, e := range entries {
		name := e.Name()
		base, journal := strings.CutSuffix(name, "-journal")
		rest, ok := strings.CutSuffix(base, partialSuffix)
		if !ok || !strings.Contains(rest, ".seam-backup-") {
			continue
		}
		if pid, err := strconv.Atoi(rest[strings.LastIndex(rest, "-")+1:]); err == nil && alive(pid) {
			continue // a backup being written now
		}
		what := "a backup that was never finished"
		if journal {
			what = "the journal of " + what
		}
		out = append(out, Orphan{Path: filepath.Join(dir, name), What: what, Removable: true})
	}
	return out, nil
}

// alive reports whether a process with the id exists.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
