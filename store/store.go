// Package store keeps assessments in a SQLite file: instruments by content
// hash, assessments with a revision that every change raises, participants,
// and the log of every answer given (the current answer being the latest). Every write is one immediate transaction with
// synchronous=FULL, so an answer reported saved is on disk, and a database
// is never left half-migrated or half-imported.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/adrg/xdg"

	"github.com/seam-dev/seam/files"
	"github.com/seam-dev/seam/questionnaire"
)

// EnvDB names the environment variable that overrides the default location.
const EnvDB = "SEAM_DB"

// appID marks a SQLite file as seam's (PRAGMA application_id): "SEAM".
const appID = 0x5345414d

// Sentinel errors callers test for (and add their own advice to).
var (
	ErrNotFound    = errors.New("no such assessment")
	ErrAmbiguous   = errors.New("ambiguous assessment id")
	ErrNewerSchema = errors.New("database was written by a newer seam")
	ErrNotSeam     = errors.New("not a seam database")
	// ErrWhoAnswers: answers to an assessment with several participants
	// must say whose they are.
	ErrWhoAnswers = errors.New("say which one answers")
	// ErrNotWorkshop: participants and a consensus belong to workshops.
	ErrNotWorkshop = errors.New("not a workshop")
	// ErrNoSQLite: this seam was built without cgo, which happens quietly
	// when Go finds no C compiler, so it has no SQLite.
	ErrNoSQLite = errors.New("this seam was built without a C compiler, so it cannot open a database: " +
		"install gcc or clang (apt-get install gcc; xcode-select --install on macOS), then build or run it again")
)

// SQLite's primary result codes that seam explains (sqlite.org/rescode.html).
const (
	codePerm     = 3
	codeBusy     = 5
	codeLocked   = 6
	codeReadonly = 8
	codeIOErr    = 10
	codeCorrupt  = 11
	codeFull     = 13
	codeCantOpen = 14
	codeAuth     = 23
	codeNotADB   = 26
)

// refusal is the store declining a request on the assessment's own terms
// (an unknown id, a question the instrument lacks, a consensus for a
// self-assessment). Its message is a whole sentence about the assessment,
// so no database path goes in front of it; only file and database
// failures are named by the file.
type refusal struct{ err error }

func (r refusal) Error() string { return r.err.Error() }
func (r refusal) Unwrap() error { return r.err }

func refuse(format string, args ...any) error { return refusal{fmt.Errorf(format, args...)} }

// Store is an open database.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time

	mu          sync.Mutex
	instruments map[string]*questionnaire.Instrument // parsed bodies by hash
	snapshots   map[string]*Loaded                   // by assessment id, see snapshot.go

	// saving is held by a save of answers from its transaction until it
	// has kept what it left, so that Current can wait for a save under way
	// instead of reading the assessment whole.
	saving sync.Mutex
}

// DefaultPath is where the database lives unless --db or SEAM_DB says
// otherwise: seam/seam.db under the user's XDG data directory.
func DefaultPath() string {
	if p := os.Getenv(EnvDB); p != "" {
		return p
	}
	return filepath.Join(xdg.DataHome, "seam", "seam.db")
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Open opens the database at path, creating it (directory 0700, file 0600)
// and bringing its schema up to date. A file that is not a seam database, a
// corrupt one, or one from a newer seam is refused and left untouched.
func Open(path string) (*Store, error) {
	if err := checkDriver(); err != nil {
		return nil, err
	}
	fresh, err := prepareFile(path)
	if err != nil {
		return nil, err
	}
	if !fresh {
		if err := precheck(path); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open("sqlite3", writeDSN(path))
	if err != nil {
		return nil, describe(path, err)
	}
	s := &Store{db: db, path: path, now: time.Now, instruments: map[string]*questionnaire.Instrument{}, snapshots: map[string]*Loaded{}}
	if err := ensureWAL(db); err != nil {
		db.Close()
		return nil, describe(path, err)
	}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, describe(path, err)
	}
	return s, nil
}

// busyTimeout is how long a seam waits for another one to finish writing.
const busyTimeout = 10 * time.Second

// ensureWAL switches the file to write-ahead logging, once for good. The
// switch takes an exclusive lock and SQLite reports a busy file at once
// rather than waiting, so several seams opening a new file together would
// fail: this retries until the busy timeout.
func ensureWAL(db *sql.DB) error {
	deadline := time.Now().Add(busyTimeout)
	for {
		var mode string
		err := db.QueryRow("PRAGMA journal_mode = WAL").Scan(&mode)
		if code, ok := sqliteCode(err); ok && (code == codeBusy || code == codeLocked) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		if err != nil {
			return err
		}
		if mode != "wal" {
			return fmt.Errorf("cannot switch the database to write-ahead logging (journal mode %q)", mode)
		}
		return nil
	}
}

// prepareFile creates the directory and an empty 0600 file for a new
// database, and checks that an existing path is a SQLite file.
func prepareFile(path string) (fresh bool, err error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return false, fmt.Errorf("%s: cannot create the directory: %w", path, files.Reason(err))
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if errors.Is(err, os.ErrExist) { // another seam created it just now
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("%s: cannot create the database: %w", path, files.Reason(err))
		}
		return true, f.Close()
	case err != nil:
		return false, files.At(path, err)
	case !info.Mode().IsRegular():
		return false, fmt.Errorf("%s: %s, not a database file", path, files.KindOf(info.Mode()))
	case info.Size() == 0:
		return true, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, files.At(path, err)
	}
	defer f.Close()
	header := make([]byte, 16)
	if _, err := io.ReadFull(f, header); err != nil || !bytes.Equal(header, []byte("SQLite format 3\x00")) {
		return false, fmt.Errorf("%s: %w: the file is not an SQLite database", path, ErrNotSeam)
	}
	return false, nil
}

// precheck reads an existing file without writing to it: a newer schema or
// a foreign application's database must be refused before the read-write
// open switches its journal mode.
func precheck(path string) error {
	db, err := sql.Open("sqlite3", dsn(path, "mode=ro&_busy_timeout="+fmt.Sprint(busyTimeout.Milliseconds())))
	if err != nil {
		return describe(path, err)
	}
	defer db.Close()
	var app, version, tables int
	err = db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_master)`).Scan(&app, &version, &tables)
	if err != nil {
		return describe(path, err)
	}
	switch {
	case app == appID && version > len(migrations):
		return fmt.Errorf("%s: %w: its schema is version %d, this seam knows up to version %d; upgrade seam to open it",
			path, ErrNewerSchema, version, len(migrations))
	case app == appID, app == 0 && tables == 0:
		return nil
	}
	return fmt.Errorf("%s: %w: it is an SQLite database of another application", path, ErrNotSeam)
}

// writeDSN is how seam opens a database to read and write it: wait for
// another writer up to busyTimeout, enforce foreign keys, take the write
// lock when a transaction begins (so a read never has to turn into a
// write), and sync every commit to disk.
func writeDSN(path string) string {
	return dsn(path, "_busy_timeout="+fmt.Sprint(busyTimeout.Milliseconds())+"&_foreign_keys=on&_txlock=immediate&_synchronous=FULL&_stmt_cache_size=32")
}

// dsn builds a URI filename; characters that URIs reserve are escaped so
// that any path works.
func dsn(path, params string) string {
	escaped := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + escaped + "?" + params
}

// describe turns a driver error into one line that says what is wrong with
// the file and what to do. A refusal passes as it is.
func describe(path string, err error) error {
	var rf refusal
	if errors.As(err, &rf) {
		return err
	}
	code, ok := sqliteCode(err)
	if !ok {
		if strings.HasPrefix(err.Error(), path+":") {
			return err
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	var what string
	switch code {
	case codeCorrupt:
		what = "the database is corrupt (restore it from a backup)"
	case codeNotADB:
		what = "the file is not an SQLite database, or it is corrupt"
	case codeReadonly:
		what = "the database is read-only (check the permissions of the file and its directory)"
	case codeCantOpen, codePerm, codeAuth:
		what = "cannot open the database (check that the file and its directory are readable and writable)"
	case codeFull:
		what = "the disk is full; nothing was saved"
	case codeBusy, codeLocked:
		what = "the database is busy with another seam; nothing was saved, try again"
	case codeIOErr:
		what = "a disk I/O error occurred; nothing was saved"
		if diskFull(path) {
			what = "the disk is full; nothing was saved"
		}
	default:
		return fmt.Errorf("%s: %w", path, err)
	}
	return &DBError{Path: path, What: what, Err: err}
}

// DBError is a database failure explained for the user.
type DBError struct {
	Path string
	What string
	Err  error
}

func (e *DBError) Error() string { return e.Path + ": " + e.What }
func (e *DBError) Unwrap() error { return e.Err }

// read runs fn on one snapshot of the database, so that reads which must
// agree (an assessment and its answers, the answers and their history, an
// action and its log) see the same commits even while another seam
// writes. It is a deferred transaction on one connection: with the
// write-ahead log it takes no lock a writer waits for. (BeginTx would
// begin an immediate one, which takes the write lock: see writeDSN.) Its
// errors are the driver's, for the caller to describe.
func (s *Store) read(fn func(q querier) error) error {
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return err
	}
	err = fn(connReader{conn})
	if _, rerr := conn.ExecContext(ctx, "ROLLBACK"); rerr != nil {
		// A connection left in the transaction must not serve others.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		if err == nil {
			err = rerr
		}
	}
	return err
}

// connReader is a querier on one connection.
type connReader struct{ c *sql.Conn }

func (r connReader) Query(query string, args ...any) (*sql.Rows, error) {
	return r.c.QueryContext(context.Background(), query, args...)
}

func (r connReader) QueryRow(query string, args ...any) *sql.Row {
	return r.c.QueryRowContext(context.Background(), query, args...)
}

// write runs fn in one immediate transaction and commits it; any error
// rolls everything back.
func (s *Store) write(fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		return describe(s.path, err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return describe(s.path, err)
	}
	if err := tx.Commit(); err != nil {
		_ = tx.Rollback()
		return describe(s.path, err)
	}
	return nil
}

// timestamp formats times with a fixed width so that text order is time order.
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }
