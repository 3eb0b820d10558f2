package backend

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// withBaselineFile is the test instrument in the 1.1 format whose baseline
// chapter has the coming default's six figures.
const withBaselineFile = "../testdata/baseline-1.1.yaml"

func createWithBaseline(t *testing.T, b *Backend) string {
	t.Helper()
	a, err := b.Create(NewAssessment{Organization: "Acme", InstrumentFile: withBaselineFile})
	require.NoError(t, err)
	return a.ID
}

func TestParseFigureReadsAndChecksWhatWasTyped(t *testing.T) {
	b := open(t)
	id := createWithBaseline(t, b)
	_, err := b.SetBaseline(id, "integrations", &assessment.BaselineValue{Value: 140})
	require.NoError(t, err)
	e, err := b.Load(id)
	require.NoError(t, err)

	v, err := e.ParseFigure("point-to-point", " 90 ")
	require.NoError(t, err)
	assert.Equal(t, &assessment.BaselineValue{Value: 90}, v)
	v, err = e.ParseFigure("data-trust", "don't know")
	require.NoError(t, err)
	assert.Equal(t, &assessment.BaselineValue{DontKnow: true}, v)
	v, err = e.ParseFigure("run-share", "62.5 %")
	require.NoError(t, err)
	assert.Equal(t, &assessment.BaselineValue{Value: 62.5}, v)
	v, err = e.ParseFigure("integrations", "clear")
	require.NoError(t, err)
	assert.Nil(t, v, "clear")

	for _, tc := range []struct{ figure, text, want string }{
		{"point-to-point", "180", "point-to-point: 180 is more than integrations (140)"},
		{"integrations", "many", `integrations: must be a number, dont-know or clear, not "many"`},
		{"run-share", "120", "run-share: 120 is not a percentage from 0 to 100"},
		{"frobs", "3", "frobs: not a baseline figure of the instrument (its figures: run-share, integrations, point-to-point, projects-failed, data-incidents, data-trust)"},
		{"frobs", "many", "frobs: not a baseline figure of the instrument (its figures: run-share, integrations, point-to-point, projects-failed, data-incidents, data-trust)"},
	} {
		_, err := e.ParseFigure(tc.figure, tc.text)
		assert.EqualError(t, err, tc.want)
	}

	old, err := b.Create(NewAssessment{Organization: "Old", InstrumentFile: filepath.Join("..", "questionnaire", "testdata", "default-1.0.1.yaml")})
	require.NoError(t, err)
	oe, err := b.Load(old.ID)
	require.NoError(t, err)
	_, err = oe.ParseFigure("integrations", "3")
	assert.ErrorIs(t, err, assessment.ErrNoBaseline)
}

func TestSetBaselineShowsBesideTheKPIAndIsNotScored(t *testing.T) {
	b := open(t)
	id := createWithBaseline(t, b)
	before, err := b.Answer(id, "", map[string]assessment.Answer{"m1.q2": lvl(1)})
	require.NoError(t, err)
	e, err := b.SetBaseline(id, "point-to-point", &assessment.BaselineValue{Value: 90})
	require.NoError(t, err)
	assert.Equal(t, before.Evaluation.Scorecard, e.Evaluation.Scorecard, "the baseline changes no score")
	n, of := e.Recorded()
	assert.Equal(t, [2]int{1, 6}, [2]int{n, of})
	var baseline string
	for _, it := range e.Evaluation.Plan.Items {
		if it.Action == "m1.q2.a1" {
			baseline = it.Baseline
		}
	}
	assert.Equal(t, "90", baseline, "the KPI's recorded baseline")

	e, err = b.SetBaseline(id, "point-to-point", nil)
	require.NoError(t, err)
	n, _ = e.Recorded()
	assert.Zero(t, n)
}

func TestAnswerWithBaselineIsAllOrNothing(t *testing.T) {
	b := open(t)
	id := createWithBaseline(t, b)
	_, err := b.SetBaseline(id, "integrations", &assessment.BaselineValue{Value: 140})
	require.NoError(t, err)

	// A part over the whole recorded before refuses the answers too.
	_, err = b.AnswerWithBaseline(id, "", map[string]assessment.Answer{"m1.q1": lvl(3)},
		map[string]assessment.BaselineValue{"point-to-point": {Value: 180}})
	assert.EqualError(t, err, "point-to-point: 180 is more than integrations (140)")
	_, err = b.AnswerWithBaseline(id, "", map[string]assessment.Answer{"m1.q1": lvl(3)},
		map[string]assessment.BaselineValue{"frobs": {Value: 1}})
	assert.ErrorIs(t, err, assessment.ErrUnknownFigure)
	e, err := b.Load(id)
	require.NoError(t, err)
	assert.Empty(t, e.AnswersOf(DefaultRespondent.Name), "nothing was saved")
	assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {Value: 140}}, e.Baseline)

	// Both at once, in one revision; the whole and its part checked together.
	r0 := revision(t, b, id)
	e, err = b.AnswerWithBaseline(id, "", map[string]assessment.Answer{"m1.q1": lvl(3)},
		map[string]assessment.BaselineValue{"integrations": {Value: 200}, "point-to-point": {Value: 180}, "data-trust": {DontKnow: true}})
	require.NoError(t, err)
	assert.Equal(t, lvl(3), e.AnswersOf(DefaultRespondent.Name)["m1.q1"])
	assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {Value: 200}, "point-to-point": {Value: 180}, "data-trust": {DontKnow: true}}, e.Baseline)
	fresh, err := b.Load(id)
	require.NoError(t, err)
	assert.Equal(t, e.Baseline, fresh.Baseline)
	assert.Equal(t, e.Revision(), fresh.Revision())
	assert.Equal(t, r0+1, e.Revision(), "one revision for the answers and the figures")

	// Figures alone, without answers, are saved too.
	e, err = b.AnswerWithBaseline(id, "", nil, map[string]assessment.BaselineValue{"run-share": {Value: 70}})
	require.NoError(t, err)
	assert.Equal(t, 70.0, e.Baseline["run-share"].Value)
	assert.Equal(t, fresh.Revision()+1, e.Revision())
}

// revision is the assessment's revision in the database now.
func revision(t *testing.T, b *Backend, id string) int64 {
	t.Helper()
	l, err := b.Store().Load(id)
	require.NoError(t, err)
	return l.Revision()
}

func TestEvaluateFileShowsTheFilesBaseline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	require.NoError(t, os.WriteFile(path, []byte("answers:\n  m2.q1: 1\nbaseline:\n  data-trust: 35\n"), 0o600))
	fe, err := EvaluateFile(path, withBaselineFile, 4)
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.BaselineValue{"data-trust": {Value: 35}}, fe.Baseline)
	var baseline string
	for _, it := range fe.Plan.Items {
		if it.Action == "m2.q1.a1" {
			baseline = it.Baseline
		}
	}
	assert.Equal(t, "35 %", baseline)
}
