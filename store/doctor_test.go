package store

import (
	"context"
	"os"
	"path/filepath"
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
