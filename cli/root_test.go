package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func run(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errOut strings.Builder
	t.Cleanup(func() { dbFlag = "" })
	status = Main(args, strings.NewReader(""), &out, &errOut)
	return status, out.String(), errOut.String()
}

func TestUsageMistakesExit2WithOneLineAndWhereToLook(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seam.db")
	tests := []struct {
		args       []string
		msg, where string
	}{
		{[]string{"participant"}, `seam participant needs a command: add, list`, "seam participant"},
		{[]string{"participant", "frob"}, `unknown command "frob" for "seam participant"`, "seam participant"},
		{[]string{"instrument"}, `seam instrument needs a command: show, validate`, "seam instrument"},
		{[]string{"completion"}, `seam completion needs a shell: bash, fish, powershell, zsh`, "seam completion"},
		{[]string{"completion", "tcsh"}, `unknown shell "tcsh" for seam completion; shells: bash, fish, powershell, zsh`, "seam completion"},
		{[]string{"help", "frob"}, `unknown help topic "frob"; topics: formats, scoring, or any command that seam --help lists`, "seam help"},
		{[]string{"help", "score", "extra"}, `unknown help topic "score extra"; topics: formats, scoring, or any command that seam --help lists`, "seam help"},
		{[]string{"scoring", "x"}, `seam scoring is a help topic and takes no arguments, got "x"`, "seam scoring"},
		{[]string{"show"}, `seam show needs ID`, "seam show"},
		{[]string{"list", "x"}, `seam list takes no arguments, got "x"`, "seam list"},
		{[]string{"new", "--org", "A", "--target", "9"}, `--target must be from 1 to 5, not 9`, "seam new"},
		{[]string{"new", "--org", "A", "--function", "sales"}, `--function must be one of business, it, data, security, other, not "sales"`, "seam new"},
		{[]string{"score", "--answers", "a.yaml", "--target", "0"}, `--target must be from 1 to 5, not 0`, "seam score"},
		{[]string{"backup"}, `seam backup needs FILE`, "seam backup"},
		{[]string{"new", "--org", "A", "--capacity", "0"}, `--capacity must be from 1 to 999 effort points, not 0`, "seam new"},
		{[]string{"show", "abc234", "--capacity", "0"}, `--capacity must be from 1 to 999 effort points, not 0`, "seam show"},
		{[]string{"plan", "abc234", "--capacity", "1000"}, `--capacity must be from 1 to 999 effort points, not 1000`, "seam plan"},
		{[]string{"report", "abc234", "--capacity", "-1"}, `--capacity must be from 1 to 999 effort points, not -1`, "seam report"},
		{[]string{"explain", "abc234", "m1", "--capacity", "0"}, `--capacity must be from 1 to 999 effort points, not 0`, "seam explain"},
		{[]string{"score", "--answers", "a.yaml", "--capacity", "0"}, `--capacity must be from 1 to 999 effort points, not 0`, "seam score"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			status, stdout, stderr := run(t, append([]string{"--db", db}, tc.args...)...)
			assert.Equal(t, ExitUsage, status)
			assert.Empty(t, stdout, "no help on stdout")
			assert.Equal(t, fmt.Sprintf("seam: %s\nRun '%s --help' for usage.\n", tc.msg, tc.where), stderr)
		})
	}
	_, err := os.Stat(db)
	assert.ErrorIs(t, err, os.ErrNotExist, "a usage mistake opens no database")
}

func TestHelpForAKnownTopicOrCommandExits0(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"help", "scoring"}, {"help", "participant", "add"}, {"scoring"}, {"completion", "bash"}, {"participant", "--help"}} {
		status, stdout, stderr := run(t, args...)
		assert.Equal(t, ExitOK, status, "%q", args)
		assert.NotEmpty(t, stdout, "%q", args)
		assert.Empty(t, stderr, "%q", args)
	}
}

func TestEveryProblemOfAnAnswersFileOnItsOwnLine(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(file, []byte("answers:\n  m1.q1: 9\n  m9.q1: 2\n  m4.q2: n/a\n  m1.q3: 3\n"), 0o600))
	status, stdout, stderr := run(t, "score", "--answers", file)
	assert.Equal(t, ExitError, status)
	assert.Empty(t, stdout)
	assert.Equal(t, file+`:2: m1.q1: level must be 1 to 5, dont-know or n/a, not "9"`+"\n"+
		file+`:3: unknown question id "m9.q1"`+"\n"+
		file+`:4: m4.q2: n/a needs a reason: write {level: n/a, reason: "..."}`+"\n"+
		"seam: "+file+": 3 problems; nothing was scored\n", stderr)
}

func TestAFileOfManyProblemsListsTheFirstHundred(t *testing.T) {
	file := filepath.Join(t.TempDir(), "many.yaml")
	var b strings.Builder
	b.WriteString("answers:\n")
	for i := range 150 {
		fmt.Fprintf(&b, "  m9.q%d: 2\n", i)
	}
	require.NoError(t, os.WriteFile(file, []byte(b.String()), 0o600))
	status, _, stderr := run(t, "score", "--answers", file)
	assert.Equal(t, ExitError, status)
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	require.Len(t, lines, 102)
	assert.Equal(t, file+`:2: unknown question id "m9.q0"`, lines[0])
	assert.Equal(t, file+`:101: unknown question id "m9.q99"`, lines[99])
	assert.Equal(t, file+": 50 more problems not listed; fix these first", lines[100])
	assert.Equal(t, "seam: "+file+": 150 problems; nothing was scored", lines[101])
}

func TestAFileNameCannotActOnTheTerminal(t *testing.T) {
	file := filepath.Join(t.TempDir(), "evil\x1b[2J.yaml")
	require.NoError(t, os.WriteFile(file, []byte("answers:\n  m9.q1: 2\n  m9.q2: 2\n"), 0o600))
	_, _, stderr := run(t, "score", "--answers", file)
	assert.NotContains(t, stderr, "\x1b")
	assert.Len(t, strings.Split(strings.TrimSuffix(stderr, "\n"), "\n"), 3)
}

func TestTheCapacityIsStoredAndCanBeTriedForOneRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seam.db")
	status, stdout, stderr := run(t, "--db", db, "new", "--org", "Acme", "--capacity", "4")
	require.Equal(t, ExitOK, status, stderr)
	id := strings.TrimSpace(stdout)
	answers := filepath.Join(t.TempDir(), "a.yaml")
	require.NoError(t, os.WriteFile(answers, []byte("answers:\n  m1.q1: 1\n  m1.q2: 1\n  m2.q1: 1\n  m3.q1: 1\n  m6.q1: 1\n"), 0o600))
	status, _, stderr = run(t, "--db", db, "answer", id, "--answers", answers)
	require.Equal(t, ExitOK, status, stderr)

	status, stdout, _ = run(t, "--db", db, "show", id, "--json")
	require.Equal(t, ExitOK, status)
	assert.Contains(t, stdout, `"capacity": 4,`, "the assessment keeps it")
	status, stdout, _ = run(t, "--db", db, "plan", id)
	require.Equal(t, ExitOK, status)
	assert.Contains(t, stdout, "Remediation plan (5 items) · 4 effort points per horizon\n")
	assert.Contains(t, stdout, "\nNext (3-6 months) · 4 of 4 effort points\n")
	status, stdout, _ = run(t, "--db", db, "plan", id, "--capacity", "2")
	require.Equal(t, ExitOK, status)
	assert.Contains(t, stdout, "· 2 effort points per horizon\n", "another capacity for this run")
	assert.Contains(t, stdout, "items wait for capacity")
	status, stdout, _ = run(t, "--db", db, "plan", id, "--json")
	require.Equal(t, ExitOK, status)
	assert.Contains(t, stdout, `"capacity": 4,`, "nothing was stored by the run before")
}

func TestHelpScoringStatesTheMethod(t *testing.T) {
	status, stdout, _ := run(t, "help", "scoring")
	require.Equal(t, ExitOK, status)
	text := strings.Join(strings.Fields(stdout), " ")
	for _, want := range []string{
		"Levels are cumulative: pick the highest level whose description is fully true today.",
		"don't know counts as level 1",
		"a mode is rated from 80 % coverage",
		"left out of the index",
		"only where the instrument allows it",
		"Items are ordered by priority, ties by importance, then id.",
		"one find-out item for the mode, effort S",
		"stands just before the highest-ranked item that needs it",
		"at most 6 effort points",
		"--capacity N",
		"what does not fit in Later waits for capacity",
		"Confidence is 1.0 for one respondent or a recorded consensus",
		"the level scored (the recorded consensus, else the lower median) with the spread",
	} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "Staged level")
}
