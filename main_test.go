package main

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/seam-dev/seam/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"seam": func() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end CLI sessions in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": exits, "sqledit": sqledit},
		// The built-in instruments before 1.1 are $INSTRUMENT_100 and
		// $INSTRUMENT_101: for scripts whose cases were written on 1.0.1
		// (the method cases of issue 13), and to show that assessments
		// stored with them stay usable. Every script also finds inst11.yaml
		// in $WORK: a small instrument in the 1.1 format with a baseline
		// chapter (testdata/baseline-1.1.yaml).
		Setup: func(env *testscript.Env) error {
			for name, file := range map[string]string{"INSTRUMENT_100": "default-1.0.0.yaml", "INSTRUMENT_101": "default-1.0.1.yaml"} {
				path, err := filepath.Abs(filepath.Join("questionnaire", "testdata", file))
				if err != nil {
					return err
				}
				env.Setenv(name, path)
			}
			data, err := os.ReadFile("testdata/baseline-1.1.yaml")
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(env.WorkDir, "inst11.yaml"), data, 0o600)
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// exits N CMD ARGS... runs a command and checks its exit status is N, so
// that scripts can tell an error (1) from a usage mistake (2). Its output is
// what the stdout and stderr commands look at next.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	cmd := exec.Command(args[1], args[2:]...)
	cmd.Dir = ts.Getenv("WORK")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = os.Environ()
	for _, k := range []string{"HOME", "PATH", "WORK", "NO_COLOR", "SEAM_DB", "TERM"} {
		cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
	}
	err = cmd.Run()
	got := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		got = exitErr.ExitCode()
	} else {
		ts.Check(err)
	}
	ts.Stdout().Write(stdout.Bytes())
	ts.Stderr().Write(stderr.Bytes())
	if got != want {
		ts.Fatalf("%s exited %d, want %d\nstderr: %s", args[1], got, want, stderr.String())
	}
}

// sqledit DB SQL changes a database as a user with sqlite3 could, CHECK
// constraints and foreign keys off: to see what seam makes of the result.
func sqledit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sqledit DB SQL")
	}
	db, err := sql.Open("sqlite3", "file:"+ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, stmt := range []string{"PRAGMA ignore_check_constraints = ON", "PRAGMA foreign_keys = OFF", args[1]} {
		_, err := db.Exec(stmt)
		ts.Check(err)
	}
}
