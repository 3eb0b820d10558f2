package store

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// edited makes a database with one answered workshop, then changes it as
// sqlite3 could, CHECK constraints and foreign keys off: the edits of a
// user, or damage.
func edited(t *testing.T, edit string) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seam.db")
	s, err := Open(path)
	require.NoError(t, err)
	id := newWorkshop(t, s)
	require.NoError(t, saved(s.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": lvl(2), "m1.q2": lvl(3)})))
	require.NoError(t, s.SaveConsensus(id, "m1.q3", lvl(2)))
	require.NoError(t, s.Close())

	db, err := sql.Open("sqlite3", "file:"+path)
	require.NoError(t, err)
	db.SetMaxOpenConns(1)
	for _, stmt := range []string{"PRAGMA ignore_check_constraints = ON", "PRAGMA foreign_keys = OFF", fmt.Sprintf(edit, id)} {
		_, err := db.Exec(stmt)
		require.NoError(t, err, stmt)
	}
	require.NoError(t, db.Close())
	s, err = Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, id
}

func TestRowsEditedByHandAreRefusedWithTheirPlace(t *testing.T) {
	for _, tc := range []struct{ edit, want string }{
		{"UPDATE answer_log SET level = -3 WHERE assessment_id = '%s' AND question_id = 'm1.q1'", "an invalid answer for ID/m1.q1 (level -3)"},
		{"UPDATE answer_log SET level = NULL WHERE assessment_id = '%s' AND question_id = 'm1.q1'", "an invalid answer for ID/m1.q1 (level missing)"},
		{"UPDATE answer_log SET level = 9 WHERE assessment_id = '%s' AND question_id = 'm1.q1'", "an invalid answer for ID/m1.q1 (level 9)"},
		{"UPDATE answer_log SET level = 9223372036854775807 WHERE assessment_id = '%s'", "an invalid answer for ID/m1.q1 (level 9223372036854775807)"},
		{"UPDATE answer_log SET level = 'three' WHERE assessment_id = '%s' AND question_id = 'm1.q2'", `an invalid answer for ID/m1.q2 (level "three")`},
		{"UPDATE answer_log SET question_id = 'm9.q9' WHERE assessment_id = '%s' AND question_id = 'm1.q2'", "an invalid answer for ID/m9.q9 (a question the instrument does not have)"},
		{"UPDATE answer_log SET kind = 'maybe' WHERE assessment_id = '%s' AND question_id = 'm1.q2'", `an invalid answer for ID/m1.q2 (kind "maybe")`},
		{"UPDATE answer_log SET answered_at = 'yesterday' WHERE assessment_id = '%s' AND question_id = 'm1.q2'", `an invalid answer for ID/m1.q2 (time "yesterday")`},
		{"UPDATE answer_log SET participant_id = 99 WHERE assessment_id = '%s' AND question_id = 'm1.q2'", "an invalid answer for ID/m1.q2 (participant 99, who is not in the assessment)"},
		{"UPDATE consensus SET level = 7 WHERE assessment_id = '%s'", "an invalid consensus for ID/m1.q3 (level 7)"},
		{"UPDATE consensus SET recorded_at = 'soon' WHERE assessment_id = '%s'", `an invalid consensus for ID/m1.q3 (time "soon")`},
		{"UPDATE answer_log SET question_id = 'm1' || char(10) || 'q2' WHERE assessment_id = '%s' AND question_id = 'm1.q2'", `an invalid answer for ID/m1\nq2 (a question the instrument does not have)`},
		{"INSERT INTO targets (assessment_id, mode_id, level) VALUES ('%s', 'm9', 4)", "an invalid target for ID/m9 (a failure mode the instrument does not have)"},
		{"INSERT OR REPLACE INTO targets (assessment_id, mode_id, level) VALUES ('%s', 'm1', 0)", "an invalid target for ID/m1 (level 0)"},
		{"UPDATE participants SET function = 'sales' WHERE assessment_id = '%s' AND name = 'Bo'", `an invalid participant for ID/participant 2 (function "sales")`},
		{"UPDATE assessments SET kind = 'other' WHERE id = '%s'", `an invalid assessment for ID (kind "other")`},
		{"UPDATE assessments SET updated_at = 'soon' WHERE id = '%s'", "an invalid assessment for ID (a time that is not RFC 3339)"},
		{"UPDATE assessments SET capacity = 0 WHERE id = '%s'", `an invalid assessment for ID (capacity "0")`},
		{"UPDATE assessments SET capacity = 'six' WHERE id = '%s'", `an invalid assessment for ID (capacity "six")`},
		{"UPDATE instruments SET body = replace(body, 'Business ownership', 'Owner') WHERE hash IN (SELECT instrument_hash FROM assessments WHERE id = '%s')", "an invalid instrument for HASH (its content does not match its hash"},
		{"DELETE FROM instruments WHERE hash IN (SELECT instrument_hash FROM assessments WHERE id = '%s')", "an invalid instrument for HASH (it is missing)"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			s, id := edited(t, tc.edit)
			_, err := s.Load(id)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInvalidData)
			want := strings.ReplaceAll(replaceID(tc.want, id), "HASH", defaultInstrument(t).ShortHash())
			assert.Contains(t, err.Error(), "the database has "+want)
		})
	}
}

func replaceID(s, id string) string { return strings.ReplaceAll(s, "ID", id) }

func TestAnEditedSummaryIsComputedAgain(t *testing.T) {
	s, id := edited(t, "UPDATE assessments SET overall_index = 9, answered = 37 WHERE id = '%s'")
	list, err := s.List()
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, id, list[0].ID)
	assert.Equal(t, 2, list[0].Answered, "not 37 of 36")
	assert.Nil(t, list[0].Overall, "not 9, and two answers of 36 rate no index")
}
