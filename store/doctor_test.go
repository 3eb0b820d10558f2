package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

func TestDoctorFindsAndQuarantinesWhatSeamCannotUse(t *testing.T) {
	s, id := edited(t, "UPDATE answer_log SET level = 9 WHERE assessment_id = '%s' AND question_id = 'm1.q2'")
	partial := filepath.Join(filepath.Dir(s.Path()), ".b.db.seam-backup-999999999.partial")
	require.NoError(t, os.WriteFile(partial, []byte("half a copy"), 0o600))

	c, err := s.Doctor(context.Background(), false)
	require.NoError(t, err)
	assert.Empty(t, c.Integrity)
	assert.Equal(t, SchemaVersion(), c.Schema)
	require.Len(t, c.Invalid, 1)
	assert.Equal(t, "answer_log", c.Invalid[0].Table)
	assert.Regexp(t, `^`+id+`/m1\.q2 \(participant 1, revision \d+\)$`, c.Invalid[0].Where)
	assert.Equal(t, "level 9", c.Invalid[0].Problem)
	assert.Equal(t, []Orphan{{Path: partial, What: "a backup that was never finished", Removable: true}}, c.Orphans)
	assert.False(t, c.Healthy())
	_, err = s.Load(id)
	require.ErrorIs(t, err, ErrInvalidData, "a check alone changes nothing")

	c, err = s.Doctor(context.Background(), true)
	require.NoError(t, err)
	assert.Equal(t, 1, c.Moved)
	assert.Equal(t, []string{partial}, c.Removed)
	require.FileExists(t, c.Backup, "a backup is made before anything is moved")
	assert.NoFileExists(t, partial)

	l, err := s.Load(id)
	require.NoError(t, err, "the assessment can be used again")
	_, has := l.AnswersOf("Ann")["m1.q2"]
	assert.False(t, has, "the invalid answer is out of the way")
	assert.Equal(t, assessment.Answer{Kind: assessment.Level, Level: 2}, l.AnswersOf("Ann")["m1.q1"], "the others stay")
	var table, row, problem string
	require.NoError(t, s.db.QueryRow("SELECT table_name, row, problem FROM quarantine").Scan(&table, &row, &problem))
	assert.Equal(t, "answer_log", table)
	assert.Contains(t, row, `"question_id":"m1.q2"`)
	assert.Contains(t, row, `"level":9`)
	assert.Equal(t, "level 9", problem)

	c, err = s.Doctor(context.Background(), false)
	require.NoError(t, err)
	assert.True(t, c.Healthy(), "nothing left to fix")
	list, err := s.List()
	require.NoError(t, err)
	assert.Equal(t, 1, list[0].Answered, "the summary is computed again")
}

func TestDoctorListsWhatItCannotMove(t *testing.T) {
	s, id := edited(t, "UPDATE participants SET function = 'sales' WHERE assessment_id = '%s' AND name = 'Bo'")
	c, err := s.Doctor(context.Background(), true)
	require.NoError(t, err)
	require.Len(t, c.Invalid, 1)
	assert.False(t, c.Invalid[0].Movable)
	assert.Equal(t, `function "sales"`, c.Invalid[0].Problem)
	assert.Zero(t, c.Moved)
	assert.Empty(t, c.Backup, "nothing moved, no backup needed")
	_, err = s.Load(id)
	assert.ErrorIs(t, err, ErrInvalidData, "a participant is not moved: a backup is the remedy")
}

func TestDoctorNamesACapacitySeamDidNotWrite(t *testing.T) {
	s, id := edited(t, "UPDATE assessments SET capacity = -4 WHERE id = '%s'")
	c, err := s.Doctor(context.Background(), false)
	require.NoError(t, err)
	require.Len(t, c.Invalid, 1)
	assert.Equal(t, "assessments", c.Invalid[0].Table)
	assert.Equal(t, id, c.Invalid[0].Where)
	assert.Equal(t, `capacity "-4"`, c.Invalid[0].Problem)
	assert.False(t, c.Invalid[0].Movable)
}

func TestDoctorFindsConsensusHistoryRowsSeamCannotUse(t *testing.T) {
	// edited's workshop has one consensus, m1.q3 level 2, and its history.
	for _, tc := range []struct {
		name, edit, where, problem string
	}{
		{"unknown question", "UPDATE consensus_history SET question_id = 'm9.q9' WHERE assessment_id = '%s'", "/m9.q9 (rowid ", "a question the instrument does not have"},
		{"bad kind", "UPDATE consensus_history SET kind = 'agreed' WHERE assessment_id = '%s'", "/m1.q3 (rowid ", `kind "agreed"`},
		{"level out of range", "UPDATE consensus_history SET level = 9 WHERE assessment_id = '%s'", "/m1.q3 (rowid ", "level 9"},
		{"reason on a level", "UPDATE consensus_history SET reason = 'no mandates' WHERE assessment_id = '%s'", "/m1.q3 (rowid ", "a reason is only for n/a answers"},
		{"bad time", "UPDATE consensus_history SET recorded_at = 'yesterday' WHERE assessment_id = '%s'", "/m1.q3 (rowid ", `time "yesterday"`},
		{"level on a clear", `INSERT INTO consensus_history (assessment_id, question_id, kind, level, recorded_at)
			VALUES ('%s', 'm1.q1', 'cleared', 3, '2026-11-25T10:00:00Z')`, "/m1.q1 (rowid ", `level "3" with kind cleared`},
		{"note on a clear", `INSERT INTO consensus_history (assessment_id, question_id, kind, note, recorded_at)
			VALUES ('%s', 'm1.q1', 'cleared', 'why', '2026-11-25T10:00:00Z')`, "/m1.q1 (rowid ", "a note with kind cleared"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, id := edited(t, tc.edit)
			_, err := s.ConsensusHistory(id)
			require.ErrorIs(t, err, ErrInvalidData)
			_, err = s.Export(id)
			require.ErrorIs(t, err, ErrInvalidData, "a bundle import would refuse is not written")

			c, err := s.Doctor(context.Background(), false)
			require.NoError(t, err)
			require.NotEmpty(t, c.Invalid)
			r := c.Invalid[0]
			assert.Equal(t, "consensus_history", r.Table)
			assert.True(t, strings.HasPrefix(r.Where, id+tc.where), r.Where)
			assert.Equal(t, tc.problem, r.Problem)
			assert.True(t, r.Movable)

			c, err = s.Doctor(context.Background(), true)
			require.NoError(t, err)
			assert.Equal(t, 1, c.Moved)
			var table, problem string
			require.NoError(t, s.db.QueryRow("SELECT table_name, problem FROM quarantine").Scan(&table, &problem))
			assert.Equal(t, "consensus_history", table)
			assert.Equal(t, tc.problem, problem)
			c, err = s.Doctor(context.Background(), false)
			require.NoError(t, err)
			assert.True(t, c.Healthy(), "%+v", c.Invalid)
			inStep(t, s, id)
		})
	}
}

// inStep checks that a workshop's consensus history ends with its
// consensus, question by question, and that it exports and imports.
func inStep(t *testing.T, s *Store, id string) []ConsensusChange {
	t.Helper()
	l, err := s.Load(id)
	require.NoError(t, err)
	h, err := s.ConsensusHistory(id)
	require.NoError(t, err)
	last := map[string]ConsensusChange{}
	for _, c := range h {
		last[c.Question] = c
	}
	for q, a := range l.Consensus {
		assert.False(t, last[q].Cleared, q)
		assert.Equal(t, a, last[q].Answer, q)
	}
	for q, c := range last {
		if _, ok := l.Consensus[q]; !ok {
			assert.True(t, c.Cleared, "%s: no consensus, so its history ends cleared", q)
		}
	}
	b, err := s.Export(id)
	require.NoError(t, err)
	data, err := b.Encode()
	require.NoError(t, err)
	back, err := ReadBundle("b.json", data)
	require.NoError(t, err)
	_, err = open(t).Import(back, ImportOptions{})
	require.NoError(t, err)
	return h
}

// TestDoctorKeepsTheConsensusAndItsHistoryInStep: whatever a hand edit
// did, after a fix each question's history ends with its consensus again,
// by an added entry, never by rewriting one.
func TestDoctorKeepsTheConsensusAndItsHistoryInStep(t *testing.T) {
	for _, tc := range []struct {
		name, edit string
		invalid    []string // table, place after the id, problem
		moved      int
		last       ConsensusChange // the entry the fix added
	}{
		{"a consensus moved", "UPDATE consensus SET level = 9 WHERE assessment_id = '%s'",
			[]string{"consensus", "/m1.q3", "level 9"}, 1, ConsensusChange{Question: "m1.q3", Cleared: true}},
		{"a consensus deleted", "DELETE FROM consensus WHERE assessment_id = '%s'",
			[]string{"consensus_history", "/m1.q3", "the last entry records 2, but there is no consensus (a history ends with cleared when there is none)"}, 0,
			ConsensusChange{Question: "m1.q3", Cleared: true}},
		{"its history deleted", "DELETE FROM consensus_history WHERE assessment_id = '%s'",
			[]string{"consensus_history", "/m1.q3", "no history entry for the consensus recorded"}, 0,
			ConsensusChange{Question: "m1.q3", Answer: lvl(2)}},
		{"its note edited", "UPDATE consensus SET note = 'not what the room said' WHERE assessment_id = '%s'",
			[]string{"consensus_history", "/m1.q3", "the last entry has another note than the consensus"}, 0,
			ConsensusChange{Question: "m1.q3", Answer: assessment.Answer{Kind: assessment.Level, Level: 2, Note: "not what the room said"}}},
		{"its last entry moved", "UPDATE consensus_history SET level = 9 WHERE assessment_id = '%s'",
			[]string{"consensus_history", "/m1.q3 (rowid 1)", "level 9"}, 1, ConsensusChange{Question: "m1.q3", Answer: lvl(2)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, id := edited(t, tc.edit)
			c, err := s.Doctor(context.Background(), false)
			require.NoError(t, err)
			require.Len(t, c.Invalid, 1, "one problem, listed once: %+v", c.Invalid)
			r := c.Invalid[0]
			assert.Equal(t, tc.invalid, []string{r.Table, strings.TrimPrefix(r.Where, id), r.Problem})
			assert.True(t, r.Movable, "a fix mends it")
			if tc.moved == 0 {
				_, err = s.Export(id)
				require.ErrorIs(t, err, ErrInvalidData, "a bundle import would refuse is not written")
				assert.ErrorContains(t, err, "consensus history for "+id+"/m1.q3 ("+tc.invalid[2]+")")
			}
			before, err := loadConsensusHistory(s.db, defaultInstrument(t), id) // Load refuses a consensus of 9
			if tc.moved == 1 && tc.invalid[0] == "consensus_history" {
				require.ErrorIs(t, err, ErrInvalidData)
				before = nil
			} else {
				require.NoError(t, err)
			}

			c, err = s.Doctor(context.Background(), true)
			require.NoError(t, err)
			assert.Equal(t, tc.moved, c.Moved)
			assert.Equal(t, 1, c.Added)
			assert.FileExists(t, c.Backup, "a backup first: the fix changes the database")
			c, err = s.Doctor(context.Background(), false)
			require.NoError(t, err)
			assert.True(t, c.Healthy(), "%+v", c.Invalid)
			h := inStep(t, s, id)
			require.Len(t, h, len(before)+1, "an entry added, none rewritten")
			if len(before) > 0 {
				assert.Equal(t, before, h[:len(before)])
			}
			added := h[len(h)-1]
			tc.last.At = added.At
			assert.Equal(t, tc.last, added)
		})
	}
}
