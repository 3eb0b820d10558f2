package store

import (
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mattn/go-sqlite3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// helperEnv makes the test binary open a database and write to it, then
// exit: the read-only tests run it as an unprivileged user, because root
// ignores file permissions.
const helperEnv = "SEAM_STORE_TEST_WRITE"

func TestMain(m *testing.M) {
	if path := os.Getenv(helperEnv); path != "" {
		if err := openAndWrite(path); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func openAndWrite(path string) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	inst, err := questionnaire.Default()
	if err != nil {
		return err
	}
	_, err = s.Create(NewAssessment{Organization: "X", Kind: Self, Instrument: inst, Respondent: Participant{Name: "Jo", Function: "it"}})
	return err
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return sha256.Sum256(data)
}

// seeded makes a closed seam database with one answered assessment.
func seeded(t *testing.T, dir string) (path, id string) {
	t.Helper()
	path = filepath.Join(dir, "seam.db")
	s, err := Open(path)
	require.NoError(t, err)
	a := newSelf(t, s, "Acme")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(3), "m2.q2": lvl(1)})))
	require.NoError(t, s.Close())
	return path, a.ID
}

func TestOpenRefusesAFileThatIsNotSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	require.NoError(t, os.WriteFile(path, []byte("these are my notes, not a database\n"), 0o600))
	before := fileHash(t, path)
	_, err := Open(path)
	assert.ErrorIs(t, err, ErrNotSeam)
	assert.EqualError(t, err, path+": not a seam database: the file is not an SQLite database")
	assert.Equal(t, before, fileHash(t, path), "left untouched")
}

func TestOpenRefusesAnotherApplicationsDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	_, err = db.Exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')")
	require.NoError(t, err)
	require.NoError(t, db.Close())
	before := fileHash(t, path)
	_, err = Open(path)
	assert.ErrorIs(t, err, ErrNotSeam)
	assert.ErrorContains(t, err, "an SQLite database of another application")
	assert.Equal(t, before, fileHash(t, path))
	_, err = os.Stat(path + "-wal")
	assert.True(t, os.IsNotExist(err), "its journal mode was not switched")
}

func TestOpenRefusesADatabaseFromANewerSeam(t *testing.T) {
	path, _ := seeded(t, t.TempDir())
	db, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	_, err = db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+3))
	require.NoError(t, err)
	require.NoError(t, db.Close())
	before := fileHash(t, path)
	_, err = Open(path)
	assert.ErrorIs(t, err, ErrNewerSchema)
	assert.EqualError(t, err, fmt.Sprintf("%s: database was written by a newer seam: its schema is version %d, this seam knows up to version %d; upgrade seam to open it",
		path, SchemaVersion()+3, SchemaVersion()))
	assert.Equal(t, before, fileHash(t, path))
}

func TestCorruptDatabaseGivesAClearError(t *testing.T) {
	path, id := seeded(t, t.TempDir())
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	info, err := f.Stat()
	require.NoError(t, err)
	// Keep the header page, scribble over every other page.
	garbage := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
	for off := int64(4096); off < info.Size(); off += int64(len(garbage)) {
		_, err := f.WriteAt(garbage, off)
		require.NoError(t, err)
	}
	require.NoError(t, f.Close())

	s, err := Open(path)
	if err == nil {
		defer s.Close()
		_, err = s.Load(id)
		if err == nil {
			_, err = s.List()
		}
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), path+": ")
	assert.Regexp(t, "corrupt|not an SQLite database", err.Error())
	assert.NotContains(t, err.Error(), "\n")
}

func TestDiskFullSavesNothing(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(2)})))
	// One connection, capped at its current size: the next page it needs
	// fails exactly as a full disk does (SQLITE_FULL).
	s.db.SetMaxOpenConns(1)
	var pages int
	require.NoError(t, s.db.QueryRow("PRAGMA page_count").Scan(&pages))
	_, err := s.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages))
	require.NoError(t, err)

	big := map[string]assessment.Answer{}
	for _, m := range defaultInstrument(t).Modes {
		for _, q := range m.Questions {
			big[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 4, Note: strings.Repeat("n", assessment.MaxNoteLen)}
		}
	}
	_, err = s.SaveAnswers(a.ID, "", big)
	require.Error(t, err)
	assert.EqualError(t, err, s.Path()+": the disk is full; nothing was saved")

	l, err := s.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": lvl(2)}, l.AnswersOf("Jo"), "the earlier answer stays, none of the batch is there")
	var check string
	require.NoError(t, s.db.QueryRow("PRAGMA integrity_check").Scan(&check))
	assert.Equal(t, "ok", check)
}

// runUnprivileged runs the test binary's write helper against path as the
// user nobody when the tests run as root, else in this process.
func runUnprivileged(t *testing.T, path string) (string, error) {
	t.Helper()
	if os.Geteuid() != 0 {
		err := openAndWrite(path)
		if err != nil {
			return err.Error(), err
		}
		return "", nil
	}
	self, err := os.Executable()
	require.NoError(t, err)
	binDir, err := os.MkdirTemp("", "seam-helper-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(binDir) })
	require.NoError(t, os.Chmod(binDir, 0o755))
	bin := filepath.Join(binDir, "store.test")
	copyFile(t, self, bin, 0o755)
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), helperEnv+"="+path, "HOME=/")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	in, err := os.Open(from)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	require.NoError(t, err)
	_, err = io.Copy(out, in)
	require.NoError(t, err)
	require.NoError(t, out.Close())
}

// readOnlyFixture makes a seeded database in a directory the helper's user
// owns, then applies the permissions.
func readOnlyFixture(t *testing.T, dirMode, fileMode os.FileMode) string {
	t.Helper()
	base, err := os.MkdirTemp("", "seam-ro-")
	require.NoError(t, err)
	t.Cleanup(func() { os.Chmod(filepath.Join(base, "db"), 0o700); os.RemoveAll(base) })
	require.NoError(t, os.Chmod(base, 0o755))
	dir := filepath.Join(base, "db")
	require.NoError(t, os.Mkdir(dir, 0o700))
	path, _ := seeded(t, dir)
	if os.Geteuid() == 0 {
		require.NoError(t, os.Chown(dir, 65534, 65534))
		require.NoError(t, os.Chown(path, 65534, 65534))
	}
	require.NoError(t, os.Chmod(path, fileMode))
	require.NoError(t, os.Chmod(dir, dirMode))
	return path
}

func TestReadOnlyDatabaseFile(t *testing.T) {
	path := readOnlyFixture(t, 0o700, 0o400)
	before := fileHash(t, path)
	msg, err := runUnprivileged(t, path)
	require.Error(t, err, "writing to a read-only file must fail")
	assert.Contains(t, msg, path+": ")
	assert.Regexp(t, "read-only|cannot open", msg)
	assert.NotContains(t, msg, "\n")
	assert.Equal(t, before, fileHash(t, path))
}

func TestReadOnlyDatabaseDirectory(t *testing.T) {
	path := readOnlyFixture(t, 0o500, 0o600)
	before := fileHash(t, path)
	msg, err := runUnprivileged(t, path)
	require.Error(t, err, "a database in a read-only directory cannot be written")
	assert.Contains(t, msg, path+": ")
	assert.Regexp(t, "read-only|cannot open", msg)
	assert.Equal(t, before, fileHash(t, path))
}

func TestOpenRefusesADirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir)
	assert.EqualError(t, err, dir+": is a directory, not a database file")
}

// TestAnIOErrorOnAFullDiskSaysTheDiskIsFull: SQLite reports a disk that
// filled up before the database was opened (no room for its -wal and -shm
// files) as a plain I/O error; seam looks at the free space and says which.
func TestAnIOErrorOnAFullDiskSaysTheDiskIsFull(t *testing.T) {
	ioErr := sqlite3.Error{Code: sqlite3.ErrIoErr}
	defer func(f func(string) bool) { diskFull = f }(diskFull)
	for full, want := range map[bool]string{
		true:  "/data/seam.db: the disk is full; nothing was saved",
		false: "/data/seam.db: a disk I/O error occurred; nothing was saved",
	} {
		diskFull = func(path string) bool {
			assert.Equal(t, "/data/seam.db", path)
			return full
		}
		assert.EqualError(t, describe("/data/seam.db", ioErr), want)
	}
}
