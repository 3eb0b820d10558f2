package store

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// atVersion builds a database at a schema version: the first v steps
// applied, then the seed data written for the newest version up to v (a
// step that only adds columns with defaults needs no seed of its own).
func atVersion(t *testing.T, v int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", v))
	db, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	defer db.Close()
	for i := 0; i < v; i++ {
		_, err := db.Exec(migrations[i])
		require.NoError(t, err)
	}
	_, err = db.Exec(fmt.Sprintf("PRAGMA user_version = %d", v))
	require.NoError(t, err)
	if v > 0 {
		_, err = db.Exec(fmt.Sprintf("PRAGMA application_id = %d", appID))
		require.NoError(t, err)
	}
	seed, err := os.ReadFile(fmt.Sprintf("testdata/seed-v%d.sql", v))
	for older := v - 1; err != nil && older > 0; older-- {
		seed, err = os.ReadFile(fmt.Sprintf("testdata/seed-v%d.sql", older))
	}
	if err == nil {
		inst, inst11 := defaultInstrument(t), withBaseline(t)
		named := map[string]any{"hash": inst.Hash(), "body": inst.Body(), "hash11": inst11.Hash(), "body11": inst11.Body()}
		// One statement at a time: the driver binds named values per statement.
		for _, stmt := range strings.Split(string(seed), ";\n") {
			if strings.TrimSpace(stripComments(stmt)) == "" {
				continue
			}
			var args []any
			for _, name := range []string{"hash", "body", "hash11", "body11"} {
				if regexp.MustCompile(`:` + name + `\b`).MatchString(stmt) {
					args = append(args, sql.Named(name, named[name]))
				}
			}
			_, err = db.Exec(stmt, args...)
			require.NoError(t, err, stmt)
		}
	} else {
		require.True(t, v == 0, "every earlier schema version with tables needs testdata/seed-v%d.sql", v)
	}
	return path
}

// TestEverySchemaVersionUpgradesWithItsData covers every earlier version
// and the current one (opened again with nothing to migrate).
func TestEverySchemaVersionUpgradesWithItsData(t *testing.T) {
	for v := 0; v <= SchemaVersion(); v++ {
		t.Run(fmt.Sprintf("from v%d", v), func(t *testing.T) {
			path := atVersion(t, v)
			s, err := Open(path)
			require.NoError(t, err)
			defer s.Close()
			var version int
			require.NoError(t, s.db.QueryRow("PRAGMA user_version").Scan(&version))
			assert.Equal(t, SchemaVersion(), version)
			var check string
			require.NoError(t, s.db.QueryRow("PRAGMA integrity_check").Scan(&check))
			assert.Equal(t, "ok", check)
			if v == 0 {
				return
			}
			l, err := s.Load("abc234")
			require.NoError(t, err)
			assert.Equal(t, "Legacy Corp", l.Organization)
			assert.Equal(t, map[string]int{"m6": 5}, l.Targets)
			if v >= 4 {
				assert.Equal(t, 4, l.Capacity)
			} else {
				assert.Zero(t, l.Capacity, "an assessment from before capacities keeps the default")
			}
			assert.Equal(t, map[string]assessment.Answer{
				"m1.q1": {Kind: assessment.Level, Level: 3, Note: "kept", Evidence: "wiki"},
				"m4.q5": {Kind: assessment.NotApplicable, Reason: "no mandates"},
			}, l.AnswersOf("Jo"))
			h, err := s.History("abc234")
			require.NoError(t, err)
			// The two changes of m1.q1, then m4.q5, whose current answer
			// the history before version 3 lacked.
			require.Len(t, h, 3)
			assert.Equal(t, []string{"m1.q1", "m1.q1", "m4.q5"}, []string{h[0].Question, h[1].Question, h[2].Question})
			assert.Equal(t, 2, h[0].Answer.Level)
			if v >= 2 {
				assert.Equal(t, map[string]assessment.Answer{"m2.q1": {Kind: assessment.Level, Level: 2, Note: "agreed in the room"}}, l.Consensus)
				// Before version 6 the consensus starts its history; from
				// version 6 on the history is the data's own.
				ch, err := s.ConsensusHistory("abc234")
				require.NoError(t, err)
				require.Len(t, ch, 1)
				assert.Equal(t, l.Consensus["m2.q1"], ch[0].Answer)
			}
			assert.Empty(t, l.Baseline, "no figures before the baseline chapter")
			acts, err := s.Actions("abc234")
			require.NoError(t, err)
			chain, err := s.Chain("abc234")
			require.NoError(t, err)
			list, err := s.List()
			require.NoError(t, err)
			if v >= 7 {
				assert.Equal(t, "abc789", list[0].ID, "the follow-up, updated last")
				assert.Equal(t, "abc234", list[0].Previous)
				assert.Equal(t, []string{"abc234", "abc789"}, []string{chain[0].ID, chain[1].ID})
				require.Len(t, acts, 2)
				assert.Equal(t, Action{Question: "m1.q1", Action: "m1.q1.a1", ActionState: assessment.ActionState{Owner: "Jo", Due: "2026-03-31",
					Status: assessment.ActionDone, Notes: "owners named"}, UpdatedAt: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}, acts[0])
				assert.Equal(t, "m2.find-out", acts[1].Action)
				list = list[1:]
			} else {
				assert.Empty(t, acts, "no register before version 7")
				assert.Len(t, chain, 1, "no chain before version 7")
				assert.Empty(t, l.Previous)
			}
			if v >= 5 {
				require.Len(t, list, 2)
				assert.Equal(t, "abc567", list[1].ID)
				b, err := s.Load("abc567")
				require.NoError(t, err)
				assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {Value: 140}, "data-trust": {DontKnow: true}}, b.Baseline)
				list = list[:1]
			}
			require.Len(t, list, 1)
			assert.Equal(t, "abc234", list[0].ID)
			assert.Equal(t, 2, list[0].Answered, "a summary the old schema did not keep is computed")
			assert.Equal(t, assessment.OverallIndex(l.Responses()), list[0].Overall, "the index as the scorer gives it now")

			require.NoError(t, saved(s.SaveAnswers("abc234", "", map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 4}})))
			l, err = s.Load("abc234")
			require.NoError(t, err)
			assert.Equal(t, 4, l.AnswersOf("Jo")["m1.q1"].Level, "an answer saved after the upgrade is the current one")
			h, err = s.History("abc234")
			require.NoError(t, err)
			assert.Len(t, h, 4)
		})
	}
}

func TestAFailedMigrationStepChangesNothing(t *testing.T) {
	path := atVersion(t, SchemaVersion())
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(append([]string{}, saved...), "CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);")

	_, err := Open(path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), fmt.Sprintf("schema step %d", len(migrations)))

	db, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	defer db.Close()
	var version, tables int
	require.NoError(t, db.QueryRow("PRAGMA user_version").Scan(&version))
	require.NoError(t, db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").Scan(&tables))
	assert.Equal(t, len(saved), version, "the version did not move")
	assert.Zero(t, tables, "the step's first statement was rolled back")
}

// TestABaselineStepThatFailsLeavesVersion4: a database of version 4 whose
// step 5 fails half-way (here, a statement after the new table) keeps its
// version and gains no table; once the step can run it does, and the
// assessment takes figures.
func TestABaselineStepThatFailsLeavesVersion4(t *testing.T) {
	path := atVersion(t, 4)
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	// Step 5 (index 4) with a failing statement at its end, and no later step.
	migrations = append(append([]string{}, saved[:4]...), saved[4]+"\nINSERT INTO no_such_table VALUES (1);")

	_, err := Open(path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "schema step 5")
	db, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	var version, tables int
	require.NoError(t, db.QueryRow("PRAGMA user_version").Scan(&version))
	require.NoError(t, db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'baseline'").Scan(&tables))
	require.NoError(t, db.Close())
	assert.Equal(t, 4, version, "the version did not move")
	assert.Zero(t, tables, "the new table was rolled back with the step")

	migrations = saved
	s, err := Open(path)
	require.NoError(t, err)
	defer s.Close()
	l, err := s.Load("abc234")
	require.NoError(t, err)
	assert.Len(t, l.Answers, 2, "the answers came through")
	a, err := s.Create(NewAssessment{Organization: "New", Kind: Self, Instrument: withBaseline(t), Respondent: Participant{Name: "Jo", Function: "it"}})
	require.NoError(t, err)
	l, err = s.SetBaseline(a.ID, "integrations", figure(12))
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {Value: 12}}, l.Baseline)
}

func stripComments(sql string) string {
	var out []string
	for _, line := range strings.Split(sql, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// TestAConsensusHistoryStepThatFailsLeavesVersion5: step 6 failing
// half-way keeps version 5 and no history table; once it can run, the
// consensus recorded before starts its history.
func TestAConsensusHistoryStepThatFailsLeavesVersion5(t *testing.T) {
	path := atVersion(t, 5)
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(append([]string{}, saved[:5]...), saved[5]+"\nINSERT INTO no_such_table VALUES (1);")

	_, err := Open(path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "schema step 6")
	db, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	var version, tables int
	require.NoError(t, db.QueryRow("PRAGMA user_version").Scan(&version))
	require.NoError(t, db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'consensus_history'").Scan(&tables))
	require.NoError(t, db.Close())
	assert.Equal(t, 5, version, "the version did not move")
	assert.Zero(t, tables, "the new table was rolled back with the step")

	migrations = saved
	s, err := Open(path)
	require.NoError(t, err)
	defer s.Close()
	ch, err := s.ConsensusHistory("abc234")
	require.NoError(t, err)
	require.Len(t, ch, 1)
	assert.Equal(t, assessment.Answer{Kind: assessment.Level, Level: 2, Note: "agreed in the room"}, ch[0].Answer)
}

// TestAChainAndRegisterStepThatFailsLeavesVersion6: step 7 failing
// half-way keeps version 6, without the new column, index or table; once
// it can run, the assessment is followed up and takes actions.
func TestAChainAndRegisterStepThatFailsLeavesVersion6(t *testing.T) {
	path := atVersion(t, 6)
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(append([]string{}, saved[:6]...), saved[6]+"\nINSERT INTO no_such_table VALUES (1);")

	_, err := Open(path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "schema step 7")
	db, err := sql.Open("sqlite3", path)
	require.NoError(t, err)
	var version, tables, columns int
	require.NoError(t, db.QueryRow("PRAGMA user_version").Scan(&version))
	require.NoError(t, db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name IN ('action_log', 'actions', 'assessments_by_previous')").Scan(&tables))
	require.NoError(t, db.QueryRow("SELECT count(*) FROM pragma_table_info('assessments') WHERE name = 'previous_id'").Scan(&columns))
	require.NoError(t, db.Close())
	assert.Equal(t, 6, version, "the version did not move")
	assert.Zero(t, tables, "the new table, view and index were rolled back with the step")
	assert.Zero(t, columns, "and so was the new column")

	migrations = saved
	s, err := Open(path)
	require.NoError(t, err)
	defer s.Close()
	next, err := s.Reassess("abc234", ReassessOptions{})
	require.NoError(t, err)
	assert.Equal(t, "abc234", next.Previous)
	_, err = s.AdoptAction("abc234", "m1.q1", "m1.q1.a2", assessment.ActionUpdate{Owner: new("Jo")})
	require.NoError(t, err)
}
