package main

// Process-level tests of the real seam binary: answers survive a process
// killed at any moment (SIGKILL), and several seam processes writing to one
// database at once neither lose answers nor fail with "database is locked".

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/questionnaire"
)

// allQuestions lists the question ids of the built-in instrument.
func allQuestions() []string {
	inst, err := questionnaire.Default()
	if err != nil {
		panic(err) // the questionnaire's own tests fail first
	}
	var qs []string
	for _, q := range inst.Questions() {
		qs = append(qs, q.ID)
	}
	return qs
}

// buildSeam builds the real binary into a temporary directory of the test.
// The go build cache makes the second build cheap. SEAM_TEST_BIN names a
// binary to test instead (an older release, to see a test fail on it).
func buildSeam(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "seam")
	start := time.Now()
	if b := os.Getenv("SEAM_TEST_BIN"); b != "" {
		return b
	}
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	t.Logf("built %s in %s", bin, time.Since(start).Round(time.Millisecond))
	return bin
}

// seamCmd is a seam process with its output captured.
type seamCmd struct {
	*exec.Cmd
	stdout, stderr bytes.Buffer
}

func newSeamCmd(ctx context.Context, bin, db string, args ...string) *seamCmd {
	c := &seamCmd{Cmd: exec.CommandContext(ctx, bin, append([]string{"--db", db}, args...)...)}
	c.Env = append(os.Environ(), "NO_COLOR=1")
	c.Stdout, c.Stderr = &c.stdout, &c.stderr
	return c
}

// runSeam runs seam to completion and requires success; it returns stdout.
func runSeam(t *testing.T, bin, db string, args ...string) string {
	t.Helper()
	c := newSeamCmd(context.Background(), bin, db, args...)
	err := c.Run()
	require.NoError(t, err, "seam %s\nstderr: %s", strings.Join(args, " "), c.stderr.String())
	return c.stdout.String()
}

// newAssessment creates a database with one self-assessment and returns its id.
func newAssessment(t *testing.T, bin, db string) string {
	t.Helper()
	id := strings.TrimSpace(runSeam(t, bin, db, "new", "--org", "Process Test"))
	require.NotEmpty(t, id)
	return id
}

// stored is one answer as the answers table holds it.
type stored struct {
	Level int    // 0 unless kind is level
	Note  string // the trial that wrote it
}

// dbState is what a database holds after a process ended.
type dbState struct {
	answers map[string]stored // by question id
	history map[string]int    // number of history rows by note
}

// readDB opens the database as a separate client, checks its integrity and
// reads the answers and history of assessment id.
func readDB(t *testing.T, path, id string) dbState {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	require.NoError(t, err)
	defer db.Close()

	var check []string
	rows, err := db.Query("PRAGMA integrity_check")
	require.NoError(t, err)
	for rows.Next() {
		var line string
		require.NoError(t, rows.Scan(&line))
		check = append(check, line)
	}
	require.NoError(t, rows.Err())
	rows.Close()
	require.Equal(t, []string{"ok"}, check, "integrity_check of %s", path)

	st := dbState{answers: map[string]stored{}, history: map[string]int{}}
	rows, err = db.Query("SELECT question_id, kind, coalesce(level, 0), note FROM answers WHERE assessment_id = ?", id)
	require.NoError(t, err)
	for rows.Next() {
		var q, kind string
		var a stored
		require.NoError(t, rows.Scan(&q, &kind, &a.Level, &a.Note))
		require.Equal(t, "level", kind, "answer to %s", q)
		st.answers[q] = a
	}
	require.NoError(t, rows.Err())
	rows.Close()

	rows, err = db.Query("SELECT note, count(*) FROM answer_log WHERE assessment_id = ? GROUP BY note", id)
	require.NoError(t, err)
	for rows.Next() {
		var note string
		var n int
		require.NoError(t, rows.Scan(&note, &n))
		st.history[note] = n
	}
	require.NoError(t, rows.Err())
	rows.Close()
	return st
}

// writeAnswersFile writes an answers file giving each question its level
// with the same note, and returns its path.
func writeAnswersFile(t *testing.T, dir, name string, levels map[string]int, note string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("answers:\n")
	for _, q := range slices.Sorted(maps.Keys(levels)) {
		fmt.Fprintf(&b, "  %s: {level: %d, note: %q}\n", q, levels[q], note)
	}
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
	return path
}

// trialArgs draws a random write: one answer, or an answers file of ten
// questions. It returns the arguments after "answer ID" and the levels
// written, all with the given note.
func trialArgs(t *testing.T, rng *rand.Rand, dir, note string, file bool) ([]string, map[string]int) {
	qs := allQuestions()
	if !file {
		q, level := qs[rng.Intn(len(qs))], 1+rng.Intn(5)
		return []string{q, fmt.Sprint(level), "--note", note}, map[string]int{q: level}
	}
	levels := map[string]int{}
	for _, i := range rng.Perm(len(qs))[:10] {
		levels[qs[i]] = 1 + rng.Intn(5)
	}
	return []string{"--answers", writeAnswersFile(t, dir, note+".yaml", levels, note)}, levels
}

// TestCrashSafety kills seam answer with SIGKILL at random moments and checks
// after every kill that the database is intact, that every answer reported
// saved is there, that an unreported answer is either fully there or not at
// all, and that nothing else changed.
func TestCrashSafety(t *testing.T) {
	const trials = 40
	const seed = 20260203
	bin := buildSeam(t)
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(seed))

	// How long does an answer process take when left alone? Measured on a
	// scratch database so that the one under test starts empty.
	scratch := filepath.Join(dir, "scratch.db")
	scratchID := newAssessment(t, bin, scratch)
	typical := map[bool]time.Duration{} // by whole-file or not
	for _, file := range []bool{false, true} {
		var runs []time.Duration
		for i := range 5 {
			args, _ := trialArgs(t, rng, dir, fmt.Sprintf("measure-%v-%d", file, i), file)
			c := newSeamCmd(context.Background(), bin, scratch, append([]string{"answer", scratchID}, args...)...)
			start := time.Now()
			require.NoError(t, c.Run(), "stderr: %s", c.stderr.String())
			runs = append(runs, time.Since(start))
		}
		slices.Sort(runs)
		typical[file] = runs[len(runs)/2]
	}
	t.Logf("typical run: single answer %s, answers file %s", typical[false].Round(time.Microsecond), typical[true].Round(time.Microsecond))

	db := filepath.Join(dir, "crash.db")
	id := newAssessment(t, bin, db)
	prev := readDB(t, db, id) // the answers after the previous trial
	require.Empty(t, prev.answers)

	var reported, completed, killedAfterCommit, killedBeforeCommit int
	for n := 1; n <= trials; n++ {
		file := n%2 == 0 // odd trials save one answer, even ones a file
		note := fmt.Sprintf("trial-%d", n)
		args, levels := trialArgs(t, rng, dir, note, file)
		// From 0 to 1.3 times the typical run time: kills land before the
		// database is opened, inside the transaction, between the commit
		// and the report, and after the process ended.
		delay := time.Duration(rng.Int63n(int64(typical[file]) * 13 / 10))

		c := newSeamCmd(context.Background(), bin, db, append([]string{"answer", id}, args...)...)
		require.NoError(t, c.Start())
		time.Sleep(delay)
		_ = c.Process.Kill() // the process may have ended already; Wait says
		err := c.Wait()

		var exitErr *exec.ExitError
		switch {
		case err == nil:
			completed++
			require.Contains(t, c.stdout.String(), "saved", "trial %d exited 0 without reporting", n)
		case errors.As(err, &exitErr) && exitErr.Sys().(syscall.WaitStatus).Signaled():
		default:
			require.FailNow(t, "seam failed instead of being killed", "trial %d: %v\nstderr: %s", n, err, c.stderr.String())
		}
		isReported := strings.Contains(c.stdout.String(), "saved")
		if isReported {
			reported++
			require.Contains(t, c.stdout.String(), fmt.Sprintf("saved %d answer(s) to %s", len(levels), id), "trial %d", n)
		}

		cur := readDB(t, db, id)
		written := 0 // questions of this trial that hold its answer
		for _, q := range allQuestions() {
			got, ok := cur.answers[q]
			was, wasOK := prev.answers[q]
			level, mine := levels[q]
			if mine && ok && got.Note == note {
				written++
				assert.Equal(t, level, got.Level, "trial %d: %s has the note of this trial but not its level", n, q)
				continue
			}
			if mine && isReported {
				assert.Failf(t, "reported answer lost", "trial %d (reported %q): %s holds %+v (present %v), want level %d note %s",
					n, strings.TrimSpace(c.stdout.String()), q, got, ok, level, note)
				continue
			}
			// Not written by this trial: unchanged from before.
			assert.Equal(t, wasOK, ok, "trial %d: %s appeared or vanished", n, q)
			assert.Equal(t, was, got, "trial %d: %s changed although the trial did not write it", n, q)
		}
		// All or nothing, in the answers and in the history alike.
		assert.Contains(t, []int{0, len(levels)}, written, "trial %d: %d of its %d answers are stored (not atomic)", n, written, len(levels))
		assert.Equal(t, written, cur.history[note], "trial %d: %d current answers but %d history rows", n, written, cur.history[note])
		if written > 0 && !isReported {
			killedAfterCommit++
		}
		if written == 0 {
			killedBeforeCommit++
		}
		if t.Failed() {
			t.Fatalf("trial %d (delay %s, file %v): stdout %q stderr %q", n, delay, file, c.stdout.String(), c.stderr.String())
		}
		prev = cur
	}
	t.Logf("%d trials: %d reported saved (%d ran to the end), %d committed but killed before reporting, %d killed before the commit",
		trials, reported, completed, killedAfterCommit, killedBeforeCommit)

	// seam itself still works on the database and sees the same answers.
	runSeam(t, bin, db, "answer", id, "m1.q1", "5", "--note", "after")
	prev.answers["m1.q1"] = stored{Level: 5, Note: "after"}
	var bundle struct {
		Answers []struct {
			Question, Answer, Note string
		} `json:"answers"`
	}
	require.NoError(t, json.Unmarshal([]byte(runSeam(t, bin, db, "export", id)), &bundle))
	exported := map[string]stored{}
	for _, a := range bundle.Answers {
		var level int
		_, err := fmt.Sscan(a.Answer, &level)
		require.NoError(t, err, "exported answer %+v", a)
		exported[a.Question] = stored{Level: level, Note: a.Note}
	}
	assert.Equal(t, prev.answers, exported)
	assert.Equal(t, prev.answers, readDB(t, db, id).answers)
}

// TestConcurrentAnswers starts eight seam processes at once on one database,
// each answering its own questions with an answers file and then one answer
// at a time, and checks that all succeed and every answer is stored.
func TestConcurrentAnswers(t *testing.T) {
	const procs = 8
	bin := buildSeam(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "concurrent.db")
	id := newAssessment(t, bin, db)

	// Process i owns questions i, i+8, i+16, ...
	qs := allQuestions()
	owned := make([][]string, procs)
	for k, q := range qs {
		owned[k%procs] = append(owned[k%procs], q)
	}
	fileLevel := func(k int) int { return 1 + k%5 }
	singleLevel := func(k int) int { return 1 + (k+2)%5 }

	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	type run struct {
		args           []string
		err            error
		stdout, stderr string
	}
	results := make([][]run, procs)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range procs {
		levels := map[string]int{}
		for _, q := range owned[i] {
			levels[q] = fileLevel(slices.Index(qs, q))
		}
		file := writeAnswersFile(t, dir, fmt.Sprintf("proc-%d.yaml", i), levels, fmt.Sprintf("file-%d", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			invocations := [][]string{{"answer", id, "--answers", file}}
			for _, q := range owned[i] {
				invocations = append(invocations,
					[]string{"answer", id, q, fmt.Sprint(singleLevel(slices.Index(qs, q))), "--note", "single-" + q})
			}
			<-start
			for _, args := range invocations {
				c := newSeamCmd(ctx, bin, db, args...)
				err := c.Run()
				results[i] = append(results[i], run{args, err, c.stdout.String(), c.stderr.String()})
			}
		}()
	}
	began := time.Now()
	close(start)
	wg.Wait()
	total := 0
	for i, rs := range results {
		for _, r := range rs {
			total++
			what := fmt.Sprintf("process %d: seam %s", i, strings.Join(r.args, " "))
			assert.NoError(t, r.err, "%s\nstderr: %s", what, r.stderr)
			assert.Contains(t, r.stdout, "saved", what)
			for _, word := range []string{"locked", "busy"} {
				assert.NotContains(t, strings.ToLower(r.stderr), word, what)
			}
		}
	}
	t.Logf("%d seam processes, %d at a time, in %s", total, procs, time.Since(began).Round(time.Millisecond))

	st := readDB(t, db, id)
	want := map[string]stored{}
	for k, q := range qs {
		want[q] = stored{Level: singleLevel(k), Note: "single-" + q}
	}
	assert.Equal(t, want, st.answers)
	// The answers files went in too: each left one history row per question.
	for i := range procs {
		assert.Equal(t, len(owned[i]), st.history[fmt.Sprintf("file-%d", i)], "history of process %d's answers file", i)
	}
	for _, q := range qs {
		assert.Equal(t, 1, st.history["single-"+q], "history of the single answer to %s", q)
	}
}

// bigDatabase makes a database whose backup takes a while: one answered
// assessment whose question m1.q1 was answered again 20,000 times, each
// with a long note (all valid rows).
func bigDatabase(t *testing.T, bin, db string) {
	t.Helper()
	id := newAssessment(t, bin, db)
	runSeam(t, bin, db, "answer", id, "m1.q1", "3")
	conn, err := sql.Open("sqlite3", "file:"+db+"?_busy_timeout=5000")
	require.NoError(t, err)
	defer conn.Close()
	tx, err := conn.Begin()
	require.NoError(t, err)
	var pid int64
	var at string
	require.NoError(t, tx.QueryRow("SELECT participant_id, answered_at FROM answer_log WHERE assessment_id = ?", id).Scan(&pid, &at))
	insert, err := tx.Prepare(`INSERT INTO answer_log (assessment_id, participant_id, question_id, revision, kind, level, note, answered_at)
		VALUES (?, ?, 'm1.q1', ?, 'level', ?, ?, ?)`)
	require.NoError(t, err)
	note := strings.Repeat("a note of some length ", 80)
	for rev := 2; rev <= 20001; rev++ {
		_, err := insert.Exec(id, pid, rev, 1+rev%5, note, at)
		require.NoError(t, err)
	}
	require.NoError(t, insert.Close())
	_, err = tx.Exec("UPDATE assessments SET revision = 20001, summary_version = 0 WHERE id = ?", id)
	require.NoError(t, err)
	require.NoError(t, tx.Commit())
}

// TestKilledBackupLeavesNoValidLookingFile kills seam backup at random
// moments: the target is either absent or a whole, checked copy; what a
// killed backup leaves is a hidden partial file that seam doctor finds
// and removes, and a retry is never told the target exists.
func TestKilledBackupLeavesNoValidLookingFile(t *testing.T) {
	bin := buildSeam(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "seam.db")
	bigDatabase(t, bin, db)

	dest := filepath.Join(dir, "copy.db")
	start := time.Now()
	runSeam(t, bin, db, "backup", dest)
	typical := time.Since(start)
	require.NoError(t, os.Remove(dest))
	t.Logf("a whole backup takes %s", typical.Round(time.Millisecond))

	rng := rand.New(rand.NewSource(20261126))
	killed, whole := 0, 0
	for n := 1; n <= 12; n++ {
		c := newSeamCmd(context.Background(), bin, db, "backup", dest)
		require.NoError(t, c.Start())
		time.Sleep(time.Duration(rng.Int63n(int64(typical) * 12 / 10)))
		_ = c.Process.Kill()
		err := c.Wait()
		if err != nil {
			killed++
		}
		if _, statErr := os.Stat(dest); statErr == nil {
			whole++
			check, err := sql.Open("sqlite3", "file:"+dest+"?mode=ro")
			require.NoError(t, err)
			var result string
			require.NoError(t, check.QueryRow("PRAGMA integrity_check").Scan(&result))
			var rows int
			require.NoError(t, check.QueryRow("SELECT count(*) FROM answer_log").Scan(&rows))
			check.Close()
			assert.Equal(t, "ok", result, "trial %d: a backup under its name is whole", n)
			assert.Equal(t, 20001, rows, "trial %d: every row is in it", n)
			require.NoError(t, os.Remove(dest))
		}
		assert.NoFileExists(t, dest+"-journal", "trial %d", n)
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			name := e.Name()
			if name == "seam.db" || strings.HasPrefix(name, "seam.db-") {
				continue
			}
			assert.Regexp(t, `^\.copy\.db\.seam-backup-\d+\.partial(-journal)?$`, name, "trial %d: only a hidden partial file may be left", n)
		}
		out := newSeamCmd(context.Background(), bin, db, "doctor", "--fix")
		require.NoError(t, out.Run(), "trial %d: doctor --fix: %s", n, out.stderr.String())
		entries, err = os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			assert.NotContains(t, e.Name(), "partial", "trial %d: doctor --fix removed what the killed backup left", n)
		}
	}
	t.Logf("%d of 12 backups killed midway, %d finished first", killed, whole)
	assert.Positive(t, killed, "some backups were killed before they finished")

	// SIGTERM (and Ctrl-C) stop the copy and leave nothing.
	c := newSeamCmd(context.Background(), bin, db, "backup", dest)
	require.NoError(t, c.Start())
	time.Sleep(typical / 3)
	require.NoError(t, c.Process.Signal(syscall.SIGTERM))
	if err := c.Wait(); err != nil {
		assert.Contains(t, c.stderr.String(), "interrupted; no backup was written")
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			assert.NotContains(t, e.Name(), "copy.db", "an interrupted backup leaves nothing")
		}
	}
	runSeam(t, bin, db, "backup", filepath.Join(dir, "again.db"))
}
