package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// editedChain is a chain of two self-assessments, the first with action
// m1.q1.a1 adopted (revision a) and then started (revision b), edited by
// hand with checks and foreign keys off: edit is formatted with the
// first's id, then the follow-up's.
func editedChain(t *testing.T, edit string) (s *Store, first, next string, a, b int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seam.db")
	s, err := Open(path)
	require.NoError(t, err)
	first = newSelf(t, s, "Acme").ID
	_, err = s.AdoptAction(first, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Owner: new("Bo")})
	require.NoError(t, err)
	_, err = s.UpdateAction(first, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionInProgress)})
	require.NoError(t, err)
	h, err := s.ActionHistory(first)
	require.NoError(t, err)
	a, b = h[0].Seq, h[1].Seq
	f, err := s.Reassess(first, ReassessOptions{})
	require.NoError(t, err)
	next = f.ID
	require.NoError(t, s.Close())

	db, err := sql.Open("sqlite3", "file:"+path)
	require.NoError(t, err)
	db.SetMaxOpenConns(1)
	for _, stmt := range []string{"PRAGMA ignore_check_constraints = ON", "PRAGMA foreign_keys = OFF", fmt.Sprintf(edit, first, next)} {
		_, err := db.Exec(stmt)
		require.NoError(t, err, stmt)
	}
	require.NoError(t, db.Close())
	s, err = Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, first, next, a, b
}

func TestDoctorFindsActionRowsSeamCannotUse(t *testing.T) {
	// The last entry (the start) is edited: moved, the adoption is the
	// action as it stands again.
	const last = " AND revision = (SELECT max(revision) FROM action_log)"
	for _, tc := range []struct{ name, edit, problem string }{
		{"unknown action", "UPDATE action_log SET action_id = 'm1.q1.a9' WHERE assessment_id = '%[1]s'" + last, "an action the instrument does not have"},
		{"find-out of no mode", "UPDATE action_log SET question_id = '', action_id = 'm9.find-out' WHERE assessment_id = '%[1]s'" + last, "an action the instrument does not have"},
		{"bad status", "UPDATE action_log SET status = 'later' WHERE assessment_id = '%[1]s'" + last, `status must be one of not-started, in-progress, done, risk-accepted, dropped, not "later"`},
		{"dropped without a reason", "UPDATE action_log SET status = 'dropped' WHERE assessment_id = '%[1]s'" + last, "status dropped needs a reason: say why"},
		{"a reason for open work", "UPDATE action_log SET reason = 'why' WHERE assessment_id = '%[1]s'" + last, "a reason is only for risk-accepted or dropped, not for in-progress"},
		{"a day that does not exist", "UPDATE action_log SET due = '2027-02-30' WHERE assessment_id = '%[1]s'" + last, `due date "2027-02-30" is not a date written YYYY-MM-DD, such as 2027-03-31`},
		{"a due time", "UPDATE action_log SET due = '2027-02-03 10:00' WHERE assessment_id = '%[1]s'" + last, `due date "2027-02-03 10:00" is not a date`},
		{"an empty due date", "UPDATE action_log SET due = '' WHERE assessment_id = '%[1]s'" + last, `due date ""`},
		{"an owner too long", "UPDATE action_log SET owner = printf('%%.201c', 'o') WHERE assessment_id = '%[1]s'" + last, "owner is 201 characters, more than the 200 allowed"},
		{"bad time", "UPDATE action_log SET changed_at = 'yesterday' WHERE assessment_id = '%[1]s'" + last, `time "yesterday"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, id, _, adopted, started := editedChain(t, tc.edit)
			_, err := s.Actions(id)
			require.ErrorIs(t, err, ErrInvalidData)
			assert.NotContains(t, err.Error(), "\n")
			_, err = s.Export(id)
			require.ErrorIs(t, err, ErrInvalidData, "a bundle import would refuse is not written")

			c, err := s.Doctor(context.Background(), false)
			require.NoError(t, err)
			require.Len(t, c.Invalid, 1)
			r := c.Invalid[0]
			assert.Equal(t, "action_log", r.Table)
			assert.True(t, strings.HasPrefix(r.Where, id+"/"), r.Where)
			assert.True(t, strings.HasSuffix(r.Where, fmt.Sprintf(" (revision %d)", started)), r.Where)
			assert.Contains(t, r.Problem, tc.problem)
			assert.True(t, r.Movable)

			c, err = s.Doctor(context.Background(), true)
			require.NoError(t, err)
			assert.Equal(t, 1, c.Moved)
			var table, row string
			require.NoError(t, s.db.QueryRow("SELECT table_name, row FROM quarantine").Scan(&table, &row))
			assert.Equal(t, "action_log", table)
			assert.Contains(t, row, fmt.Sprintf(`"revision":%d`, started))
			acts, err := s.Actions(id)
			require.NoError(t, err)
			require.Len(t, acts, 1)
			assert.Equal(t, assessment.ActionNotStarted, acts[0].Status, "the adoption is what stands")
			h, err := s.ActionHistory(id)
			require.NoError(t, err)
			assert.Equal(t, adopted, h[0].Seq)
			c, err = s.Doctor(context.Background(), false)
			require.NoError(t, err)
			assert.True(t, c.Healthy())
		})
	}
}

func TestDoctorClearsALinkThatNamesNoAssessment(t *testing.T) {
	s, _, next, _, _ := editedChain(t, "UPDATE assessments SET previous_id = 'gone22' WHERE id = '%[2]s'")
	chain, err := s.Chain(next)
	require.NoError(t, err, "the chain stops where its link names nothing")
	assert.Len(t, chain, 1)
	before, err := s.Load(next)
	require.NoError(t, err)
	assert.Equal(t, "gone22", before.Previous)

	c, err := s.Doctor(context.Background(), false)
	require.NoError(t, err)
	require.Len(t, c.Invalid, 1)
	assert.Equal(t, InvalidRow{Table: "assessments", Where: next, Problem: `previous assessment "gone22" is not in the database`, Movable: true,
		key: []any{next}, unlink: true}, c.Invalid[0])

	c, err = s.Doctor(context.Background(), true)
	require.NoError(t, err)
	assert.Equal(t, 1, c.Unlinked)
	assert.Zero(t, c.Moved)
	assert.FileExists(t, c.Backup)
	after, err := s.Load(next)
	require.NoError(t, err)
	assert.Empty(t, after.Previous)
	assert.Greater(t, after.Revision(), before.Revision())
	var row, problem string
	require.NoError(t, s.db.QueryRow("SELECT row, problem FROM quarantine WHERE table_name = 'assessments'").Scan(&row, &problem))
	assert.Equal(t, `{"id":"`+next+`","previous_id":"gone22"}`, row, "the link is kept where doctor keeps what it moves")
	c, err = s.Doctor(context.Background(), false)
	require.NoError(t, err)
	assert.True(t, c.Healthy())
}

// TestDoctorOpensALoopAtOneLink: a chain edited into a loop is read to
// where it comes back; doctor clears one link, the first by id, and the
// other stays.
func TestDoctorOpensALoopAtOneLink(t *testing.T) {
	s, first, next, _, _ := editedChain(t, "UPDATE assessments SET previous_id = '%[2]s' WHERE id = '%[1]s'")
	chain, err := s.Chain(first)
	require.NoError(t, err)
	assert.Len(t, chain, 2)
	c, err := s.Doctor(context.Background(), false)
	require.NoError(t, err)
	require.Len(t, c.Invalid, 1)
	where := min(first, next)
	assert.Equal(t, where, c.Invalid[0].Where)
	assert.Equal(t, "its chain of previous assessments comes back to it", c.Invalid[0].Problem)

	c, err = s.Doctor(context.Background(), true)
	require.NoError(t, err)
	assert.Equal(t, 1, c.Unlinked)
	chain, err = s.Chain(first)
	require.NoError(t, err)
	assert.Len(t, chain, 2, "one link is left: a chain of two")
	l, err := s.Load(where)
	require.NoError(t, err)
	assert.Empty(t, l.Previous)
	c, err = s.Doctor(context.Background(), false)
	require.NoError(t, err)
	assert.True(t, c.Healthy())
}

func TestDoctorNamesActionsOfAnAssessmentThatIsGone(t *testing.T) {
	s, first, _, _, _ := editedChain(t, "DELETE FROM assessments WHERE id = '%[1]s'")
	c, err := s.Doctor(context.Background(), false)
	require.NoError(t, err)
	var tables []string
	for _, r := range c.Invalid {
		tables = append(tables, r.Table+" "+r.Where+": "+r.Problem)
	}
	assert.Contains(t, tables, "action_log "+first+": rows of an assessment that does not exist")
	assert.Len(t, c.Invalid, 3, "its participant, its actions and the follow-up's link: %v", tables)
}
