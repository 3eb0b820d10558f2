package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

var (
	baselineOnce sync.Once
	baselineInst *questionnaire.Instrument
	baselineErr  error
)

// withBaseline parses the test instrument in the 1.1 format, whose
// baseline chapter has the coming default's six figures (point-to-point
// is part of integrations).
func withBaseline(t testing.TB) *questionnaire.Instrument {
	t.Helper()
	baselineOnce.Do(func() { baselineInst, baselineErr = questionnaire.Load("../testdata/baseline-1.1.yaml") })
	require.NoError(t, baselineErr)
	return baselineInst
}

// newSelf11 creates a self-assessment on the instrument with a baseline
// chapter.
func newSelf11(t testing.TB, s *Store) string {
	t.Helper()
	a, err := s.Create(NewAssessment{Organization: "Acme", Kind: Self, Instrument: withBaseline(t), Respondent: Participant{Name: "Jo", Function: "it"}})
	require.NoError(t, err)
	return a.ID
}

func figure(v float64) *assessment.BaselineValue { return &assessment.BaselineValue{Value: v} }

var dontKnowFigure = &assessment.BaselineValue{DontKnow: true}

func TestSetBaselineRecordsChangesAndClears(t *testing.T) {
	s := open(t)
	id := newSelf11(t, s)
	before, err := s.Load(id)
	require.NoError(t, err)
	assert.Empty(t, before.Baseline)

	l, err := s.SetBaseline(id, "integrations", figure(140))
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {Value: 140}}, l.Baseline)
	assert.Equal(t, before.Revision()+1, l.Revision(), "a figure raises the revision as an answer does")
	assert.True(t, l.UpdatedAt.After(before.UpdatedAt))
	_, err = s.SetBaseline(id, "point-to-point", figure(90))
	require.NoError(t, err)
	_, err = s.SetBaseline(id, "data-trust", dontKnowFigure)
	require.NoError(t, err)

	l, err = s.Load(id)
	require.NoError(t, err)
	want := map[string]assessment.BaselineValue{"integrations": {Value: 140}, "point-to-point": {Value: 90}, "data-trust": {DontKnow: true}}
	assert.Equal(t, want, l.Baseline, "read back from the database")
	assert.Equal(t, want, l.Responses().Baseline, "and handed to evaluation")
	assert.Equal(t, before.Revision()+3, l.Revision())

	// The same value again writes nothing; clearing deletes the figure.
	same, err := s.SetBaseline(id, "integrations", figure(140))
	require.NoError(t, err)
	assert.Equal(t, l.Revision(), same.Revision())
	l, err = s.SetBaseline(id, "point-to-point", nil)
	require.NoError(t, err)
	assert.NotContains(t, l.Baseline, "point-to-point")
	l, err = s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {Value: 140}, "data-trust": {DontKnow: true}}, l.Baseline)
	var n int
	require.NoError(t, s.db.QueryRow("SELECT count(*) FROM baseline WHERE assessment_id = ?", id).Scan(&n))
	assert.Equal(t, 2, n)

	// Figures are not scored: nothing answered, no index, whatever is recorded.
	list, err := s.List()
	require.NoError(t, err)
	assert.Zero(t, list[0].Answered)
	assert.Nil(t, list[0].Overall)
}

func TestSetBaselineRefusesAndChangesNothing(t *testing.T) {
	s := open(t)
	id := newSelf11(t, s)
	_, err := s.SetBaseline(id, "integrations", figure(140))
	require.NoError(t, err)
	before, err := s.Load(id)
	require.NoError(t, err)
	for _, tc := range []struct {
		figure string
		v      *assessment.BaselineValue
		want   string
	}{
		{"point-to-point", figure(180), "point-to-point: 180 is more than integrations (140)"},
		{"run-share", figure(101), "run-share: 101 is not a percentage from 0 to 100"},
		{"integrations", figure(2.5), "integrations: 2.5 is not a whole number from 0 (the figure is a count)"},
		{"frobs", figure(1), "frobs: not a baseline figure of the instrument (its figures: run-share, integrations, point-to-point, projects-failed, data-incidents, data-trust)"},
		{"frobs", nil, "frobs: not a baseline figure of the instrument"},
	} {
		_, err := s.SetBaseline(id, tc.figure, tc.v)
		require.Error(t, err, tc.want)
		assert.True(t, strings.HasPrefix(err.Error(), tc.want), "%v", err)
		assert.NotContains(t, err.Error(), s.Path(), "a refusal, not a database failure")
	}
	after, err := s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, before.Baseline, after.Baseline)
	assert.Equal(t, before.Revision(), after.Revision(), "nothing was written")

	// An instrument without a baseline chapter takes no figure.
	old := newSelfOnLegacy(t, s, "Old")
	_, err = s.SetBaseline(old.ID, "integrations", figure(1))
	assert.ErrorIs(t, err, assessment.ErrNoBaseline)
	_, err = s.SetBaseline("zzzzzz", "integrations", figure(1))
	assert.ErrorIs(t, err, ErrNotFound)
}

// TestAnotherSeamSeesTheBaseline: two stores on one file, as two seams in
// two terminals. A figure one records raises the revision, so the other's
// next save reads the assessment afresh instead of saving over an outdated
// snapshot, and loses nothing.
func TestAnotherSeamSeesTheBaseline(t *testing.T) {
	s1 := open(t)
	id := newSelf11(t, s1)
	_, err := s1.SaveAnswers(id, "", map[string]assessment.Answer{"m1.q1": lvl(2)}) // s1 keeps a snapshot
	require.NoError(t, err)
	s2, err := Open(s1.Path())
	require.NoError(t, err)
	defer s2.Close()

	_, err = s2.SetBaseline(id, "integrations", figure(140))
	require.NoError(t, err)
	l, err := s1.SaveAnswers(id, "", map[string]assessment.Answer{"m1.q2": lvl(3)})
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {Value: 140}}, l.Baseline, "the save saw the other seam's figure")
	assert.Len(t, l.Answers, 2)

	// And the other way round: a figure recorded after answers keeps them.
	_, err = s1.SaveAnswers(id, "", map[string]assessment.Answer{"m2.q1": lvl(4)})
	require.NoError(t, err)
	l, err = s2.SetBaseline(id, "point-to-point", figure(100))
	require.NoError(t, err)
	assert.Len(t, l.Answers, 3)
	// s2's figure is checked against what s1 might have changed since.
	_, err = s1.SetBaseline(id, "integrations", figure(50))
	assert.EqualError(t, err, "integrations: 50 is less than point-to-point (100), which is part of it")
}

func TestDeletingAnAssessmentDeletesItsBaseline(t *testing.T) {
	s := open(t)
	id := newSelf11(t, s)
	_, err := s.SetBaseline(id, "integrations", figure(140))
	require.NoError(t, err)
	require.NoError(t, s.Delete(id))
	var n int
	require.NoError(t, s.db.QueryRow("SELECT count(*) FROM baseline").Scan(&n))
	assert.Zero(t, n)
}

// exported11 is the bundle of an assessment with a baseline recorded.
func exported11(t testing.TB) (*Store, string, []byte) {
	t.Helper()
	s := open(t)
	id := newSelf11(t, s)
	require.NoError(t, saved(s.SaveAnswers(id, "", map[string]assessment.Answer{"m1.q1": lvl(2)})))
	for _, f := range []struct {
		id string
		v  *assessment.BaselineValue
	}{{"integrations", figure(140)}, {"point-to-point", figure(90)}, {"run-share", figure(62.5)}, {"data-trust", dontKnowFigure}} {
		_, err := s.SetBaseline(id, f.id, f.v)
		require.NoError(t, err)
	}
	b, err := s.Export(id)
	require.NoError(t, err)
	data, err := b.Encode()
	require.NoError(t, err)
	return s, id, data
}

func TestTheBaselineTravelsInTheBundle(t *testing.T) {
	src, id, data := exported11(t)
	text := string(data)
	assert.Contains(t, text, `"version": 2,`, "an optional key: the version stays the one export writes")
	assert.Regexp(t, `"baseline": \[\s+\{\s+"figure": "run-share",\s+"value": 62.5,\s+"at": "[^"]+"\s+\},\s+\{\s+"figure": "integrations",\s+"value": 140,`, text,
		"in the instrument's order")
	assert.Regexp(t, `"figure": "data-trust",\s+"dont_know": true,`, text)

	b, err := ReadBundle("b.json", data)
	require.NoError(t, err)
	dst := open(t)
	_, err = dst.Import(b, ImportOptions{})
	require.NoError(t, err)
	want, err := src.Load(id)
	require.NoError(t, err)
	have, err := dst.Load(id)
	require.NoError(t, err)
	assert.Equal(t, want.Baseline, have.Baseline)
	again, err := dst.Export(id)
	require.NoError(t, err)
	encoded, err := again.Encode()
	require.NoError(t, err)
	assert.Equal(t, regexp.MustCompile(`"exported_at": "[^"]*",\n  "checksum": "[^"]*"`).ReplaceAllString(text, ""),
		regexp.MustCompile(`"exported_at": "[^"]*",\n  "checksum": "[^"]*"`).ReplaceAllString(string(encoded), ""),
		"export after import gives the same bundle")

	// A bundle with nothing recorded has no key, and its checksum is
	// what it was before there was one.
	_, _, plain := exported(t)
	assert.NotContains(t, string(plain), `"baseline"`)
}

func TestImportRefusesABadBaselineAndAddsNothing(t *testing.T) {
	_, _, data := exported11(t)
	edit := func(fn func(figures []any) []any) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(data, &m))
		delete(m, "checksum")
		m["baseline"] = fn(m["baseline"].([]any))
		out, err := json.Marshal(m)
		require.NoError(t, err)
		return out
	}
	set := func(i int, key string, v any) func([]any) []any {
		return func(f []any) []any {
			if v == nil {
				delete(f[i].(map[string]any), key)
			} else {
				f[i].(map[string]any)[key] = v
			}
			return f
		}
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"unknown figure", edit(set(0, "figure", "frobs")), "b.json: baseline[0]: frobs: not a baseline figure of the instrument (its figures: run-share,"},
		{"over 100 %", edit(set(0, "value", 140)), "b.json: baseline[0]: run-share: 140 is not a percentage from 0 to 100"},
		{"a fraction of a count", edit(set(1, "value", 140.5)), "b.json: baseline[1]: integrations: 140.5 is not a whole number from 0"},
		{"part over whole", edit(set(2, "value", 180)), "b.json: baseline: point-to-point: 180 is more than integrations (140)"},
		{"twice", edit(func(f []any) []any { return append(f, f[1]) }), "b.json: baseline[4]: integrations is recorded twice"},
		{"value and dont know", edit(set(3, "value", 5)), "b.json: baseline[3]: data-trust: give either a value or dont_know: true"},
		{"neither", edit(set(1, "value", nil)), "b.json: baseline[1]: integrations: give either a value or dont_know: true"},
		{"a bad time", edit(set(1, "at", "yesterday")), `b.json: baseline[1]: integrations: at: "yesterday" is not an RFC 3339 time`},
		{"a value as text", edit(set(1, "value", "140")), "b.json: not a valid bundle: line 1: baseline.value must be a number, not text"},
		{"an unknown key", edit(set(1, "unit", "count")), `b.json: not a valid bundle: unknown key "unit"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBundle("b.json", tc.data)
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), tc.want), err.Error())
			assert.NotContains(t, err.Error(), "\n")
		})
	}

	// A bundle for an instrument without a baseline chapter carries none.
	legacy := open(t)
	plainID := newSelfOnLegacy(t, legacy, "Old").ID
	pb, err := legacy.Export(plainID)
	require.NoError(t, err)
	plain, err := pb.Encode()
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(plain, &m))
	delete(m, "checksum")
	m["baseline"] = []any{map[string]any{"figure": "integrations", "value": 3, "at": "2026-11-02T10:00:00Z"}}
	out, err := json.Marshal(m)
	require.NoError(t, err)
	_, err = ReadBundle("b.json", out)
	assert.EqualError(t, err, "b.json: baseline[0]: integrations: the instrument has no baseline chapter")

	// Built in code and checked by Import itself: refused whole.
	src, id, _ := exported11(t)
	b, err := src.Export(id)
	require.NoError(t, err)
	b.Baseline[1].Figure = "frobs"
	dst := open(t)
	_, err = dst.Import(b, ImportOptions{})
	require.Error(t, err)
	list, err := dst.List()
	require.NoError(t, err)
	assert.Empty(t, list, "refused: nothing added")
}

func TestDoctorLeavesAGoodBaselineAloneAndMovesAnEditedOne(t *testing.T) {
	s, _, _ := exported11(t)
	c, err := s.Doctor(context.Background(), false)
	require.NoError(t, err)
	assert.True(t, c.Healthy(), "%+v", c.Invalid)

	for _, tc := range []struct{ edit, where, problem string }{
		{"UPDATE baseline SET value = 180 WHERE figure_id = 'point-to-point'", "/point-to-point", "point-to-point: 180 is more than integrations (140)"},
		{"UPDATE baseline SET value = 'lots' WHERE figure_id = 'integrations'", "/integrations", `value "lots"`},
		{"UPDATE baseline SET value = 250 WHERE figure_id = 'run-share'", "/run-share", "run-share: 250 is not a percentage from 0 to 100"},
		{"UPDATE baseline SET figure_id = 'frobs' WHERE figure_id = 'run-share'", "/frobs", "a figure the instrument does not have"},
		{"UPDATE baseline SET kind = 'maybe' WHERE figure_id = 'run-share'", "/run-share", `kind "maybe"`},
		{"UPDATE baseline SET value = 3 WHERE figure_id = 'data-trust'", "/data-trust", "value 3 with kind dont-know"},
		{"UPDATE baseline SET recorded_at = 'noon' WHERE figure_id = 'data-trust'", "/data-trust", `time "noon"`},
	} {
		t.Run(tc.problem, func(t *testing.T) {
			s, id := edited11(t, tc.edit)
			_, err := s.Load(id)
			require.ErrorIs(t, err, ErrInvalidData)
			assert.Contains(t, err.Error(), "the database has an invalid baseline figure for "+id+tc.where+" ("+tc.problem+")")
			c, err := s.Doctor(context.Background(), true)
			require.NoError(t, err)
			require.Len(t, c.Invalid, 1, "%+v", c.Invalid)
			assert.Equal(t, "baseline", c.Invalid[0].Table)
			assert.Equal(t, 1, c.Moved)
			l, err := s.Load(id)
			require.NoError(t, err, "usable again")
			assert.Len(t, l.Baseline, 3, "the other figures stay")
			var row string
			require.NoError(t, s.db.QueryRow("SELECT row FROM quarantine WHERE table_name = 'baseline'").Scan(&row))
			assert.Contains(t, row, `"assessment_id":"`+id+`"`)
		})
	}

	// A figure of an assessment that is gone (foreign keys were off).
	s, id := edited11(t, "DELETE FROM assessments")
	c, err = s.Doctor(context.Background(), false)
	require.NoError(t, err)
	var tables []string
	for _, r := range c.Invalid {
		tables = append(tables, r.Table+" "+r.Where)
	}
	assert.Contains(t, tables, "baseline "+id)
}

// edited11 makes a database with the assessment of exported11, then
// changes it as sqlite3 could, CHECK constraints and foreign keys off.
func edited11(t *testing.T, edit string) (*Store, string) {
	t.Helper()
	src, id, _ := exported11(t)
	path := src.Path()
	require.NoError(t, src.Close())
	db, err := sql.Open("sqlite3", "file:"+path)
	require.NoError(t, err)
	db.SetMaxOpenConns(1)
	for _, stmt := range []string{"PRAGMA ignore_check_constraints = ON", "PRAGMA foreign_keys = OFF", edit} {
		_, err := db.Exec(stmt)
		require.NoError(t, err, stmt)
	}
	require.NoError(t, db.Close())
	s, err := Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, id
}
