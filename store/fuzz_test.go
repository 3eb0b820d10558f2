package store

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// FuzzReadBundle feeds the bundle reader anything: it either refuses with
// one line named after the file, or accepts a bundle that import then
// stores without complaint.
func FuzzReadBundle(f *testing.F) {
	_, _, data := exported(f)
	f.Add(data)
	f.Add([]byte(strings.Replace(string(data), `"format": "seam.bundle",`, `"format": "seam.bundle", "format": "x",`, 1)))
	f.Add([]byte(strings.Replace(string(data), `"answers": [`, `"answers": null, "x": [`, 1)))
	f.Add([]byte(`{"format": "seam.bundle", "version": 1, "answers": {}}`))
	f.Add([]byte(`[1, {"a": [{"b": 1, "b": 2}]}]`))
	_, _, withFigures := exported11(f)
	f.Add(withFigures)
	f.Add([]byte(strings.Replace(string(withFigures), `"value": 140,`, `"value": 1e400,`, 1)))
	_, _, withConsensus := withHistory(f)
	f.Add(withConsensus)
	f.Add([]byte(strings.Replace(string(withConsensus), `"answer": "cleared",`, `"answer": "n/a", "na_reason": "none",`, 1)))
	_, _, _, chain := chained(f)
	f.Add(chain[0])
	f.Add(chain[1])
	f.Add([]byte(strings.Replace(string(chain[0]), `"status": "done",`, `"status": "dropped",`, 1)))
	dst := open(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadBundle("f.json", data)
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), "f.json: "), err.Error())
			assert.NotContains(t, err.Error(), "\n")
			assert.NotContains(t, err.Error(), "store.")
			return
		}
		id, err := dst.Import(b, ImportOptions{AsNew: true})
		require.NoError(t, err, "what ReadBundle accepts, import stores")
		_, err = dst.Export(id)
		assert.NoError(t, err, "and export writes again")
	})
}

// FuzzEditedAnswerRow writes anything sqlite3 could into an answer row
// and loads the assessment: the load refuses it as invalid data, or every
// answer it returns is one seam could have saved, and scoring it works.
func FuzzEditedAnswerRow(f *testing.F) {
	base := filepath.Join(f.TempDir(), "base.db")
	s, err := Open(base)
	require.NoError(f, err)
	id := newWorkshop(f, s)
	_, err = s.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": lvl(2), "m1.q2": lvl(3)})
	require.NoError(f, err)
	require.NoError(f, s.Close())
	pristine, err := os.ReadFile(base)
	require.NoError(f, err)

	f.Add("level", uint8(1), int64(9), "", 0.0, "note", false, "m1.q1")
	f.Add("level", uint8(0), int64(0), "", 0.0, "", false, "m1.q1")
	f.Add("level", uint8(1), int64(-3), "", 0.0, "", true, "m1.q1")
	f.Add("level", uint8(2), int64(0), "3", 0.0, "", false, "m1.q1")
	f.Add("level", uint8(3), int64(0), "", 2.5, "", false, "m9.q9")
	f.Add("dont-know", uint8(1), int64(3), "", 0.0, "\x1b[2J", false, "m1.q2")
	f.Fuzz(func(t *testing.T, kind string, levelAs uint8, levelInt int64, levelText string, levelReal float64, note string, noteNull bool, qid string) {
		path := filepath.Join(t.TempDir(), "seam.db")
		require.NoError(t, os.WriteFile(path, pristine, 0o600))
		var level any
		switch levelAs % 4 {
		case 1:
			level = levelInt
		case 2:
			level = levelText
		case 3:
			level = levelReal
		}
		noteValue := sql.NullString{String: note, Valid: !noteNull}
		db, err := sql.Open("sqlite3", "file:"+path)
		require.NoError(t, err)
		db.SetMaxOpenConns(1)
		_, err = db.Exec("PRAGMA ignore_check_constraints = ON")
		require.NoError(t, err)
		_, err = db.Exec("UPDATE answer_log SET kind = ?, level = ?, note = ?, question_id = ? WHERE assessment_id = ? AND question_id = 'm1.q1'",
			kind, level, noteValue, qid, id)
		require.NoError(t, db.Close())
		if err != nil {
			return // sqlite3 itself refused the edit (a NOT NULL or the primary key)
		}
		s, err := Open(path)
		require.NoError(t, err)
		defer s.Close()
		l, err := s.Load(id)
		if err != nil {
			assert.ErrorIs(t, err, ErrInvalidData)
			assert.NotContains(t, err.Error(), "\n")
			return
		}
		for _, r := range l.Answers {
			_, known := l.Instrument.Question(r.Question)
			assert.True(t, known, r.Question)
			assert.NoError(t, r.Answer.Validate())
			if r.Answer.Kind == assessment.Level {
				assert.True(t, r.Answer.Level >= 1 && r.Answer.Level <= questionnaire.Levels)
			}
		}
		ev := assessment.Evaluate(l.Responses())
		if ev.Scorecard.Overall != nil {
			assert.LessOrEqual(t, *ev.Scorecard.Overall, 5.0)
		}
	})
}

// FuzzEditedBaselineRow writes anything sqlite3 could into a baseline
// row and loads the assessment: the load refuses it as invalid data, or
// every figure it returns is one seam could have recorded.
func FuzzEditedBaselineRow(f *testing.F) {
	base := filepath.Join(f.TempDir(), "base.db")
	s, err := Open(base)
	require.NoError(f, err)
	id := newSelf11(f, s)
	_, err = s.SetBaseline(id, "integrations", figure(140))
	require.NoError(f, err)
	_, err = s.SetBaseline(id, "point-to-point", figure(90))
	require.NoError(f, err)
	require.NoError(f, s.Close())
	pristine, err := os.ReadFile(base)
	require.NoError(f, err)

	f.Add("value", uint8(1), int64(180), "", 0.0, "point-to-point")
	f.Add("value", uint8(3), int64(0), "", 2.5, "point-to-point")
	f.Add("value", uint8(2), int64(0), "lots", 0.0, "integrations")
	f.Add("dont-know", uint8(0), int64(0), "", 0.0, "data-trust")
	f.Add("value", uint8(3), int64(0), "", -1.0, "run-share")
	f.Add("value", uint8(0), int64(0), "", 0.0, "frobs")
	f.Fuzz(func(t *testing.T, kind string, valueAs uint8, valueInt int64, valueText string, valueReal float64, figureID string) {
		path := filepath.Join(t.TempDir(), "seam.db")
		require.NoError(t, os.WriteFile(path, pristine, 0o600))
		var value any
		switch valueAs % 4 {
		case 1:
			value = valueInt
		case 2:
			value = valueText
		case 3:
			value = valueReal
		}
		db, err := sql.Open("sqlite3", "file:"+path)
		require.NoError(t, err)
		db.SetMaxOpenConns(1)
		_, err = db.Exec("PRAGMA ignore_check_constraints = ON")
		require.NoError(t, err)
		_, err = db.Exec("UPDATE baseline SET kind = ?, value = ?, figure_id = ? WHERE assessment_id = ? AND figure_id = 'point-to-point'",
			kind, value, figureID, id)
		require.NoError(t, db.Close())
		if err != nil {
			return // sqlite3 itself refused the edit (the primary key)
		}
		s, err := Open(path)
		require.NoError(t, err)
		defer s.Close()
		l, err := s.Load(id)
		if err != nil {
			assert.ErrorIs(t, err, ErrInvalidData)
			assert.NotContains(t, err.Error(), "\n")
			return
		}
		assert.NoError(t, assessment.CheckBaseline(l.Instrument, l.Baseline), "only figures seam could have recorded")
	})
}

// BenchmarkReadBundle reads a bundle with 50,000 history entries (some
// 9 MB): the duplicate-key walk, the decoding, the checksum and the checks.
func BenchmarkReadBundle(b *testing.B) {
	s := open(b)
	a := newSelf(b, s, "Acme")
	bundle, err := s.Export(a.ID)
	require.NoError(b, err)
	for i := range 50000 {
		bundle.History = append(bundle.History, BundleAnswer{Participant: "Jo", Question: "m1.q1", Answer: fmt.Sprint(i%5 + 1),
			Note: "a note of some length, as people write them", At: "2026-11-02T10:00:00.000000Z"})
	}
	data, err := bundle.Encode()
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, err := ReadBundle("b.json", data)
		require.NoError(b, err)
	}
}
