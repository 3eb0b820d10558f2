package assessment

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/questionnaire"
)

// withBaseline loads the test instrument in the 1.1 format whose baseline
// chapter has the default 1.1's six figures (point-to-point is part of
// integrations).
func withBaseline(t testing.TB) *questionnaire.Instrument {
	t.Helper()
	data, err := os.ReadFile("../testdata/baseline-1.1.yaml")
	require.NoError(t, err)
	inst, err := questionnaire.Parse("baseline-1.1.yaml", data)
	require.NoError(t, err)
	return inst
}

func num(v float64) *BaselineValue { return &BaselineValue{Value: v} }

func TestParseBaselineValue(t *testing.T) {
	tests := []struct {
		in    string
		want  BaselineValue
		clear bool
	}{
		{"140", BaselineValue{Value: 140}, false},
		{" 62.5 ", BaselineValue{Value: 62.5}, false},
		{"80 %", BaselineValue{Value: 80}, false},
		{"80%", BaselineValue{Value: 80}, false},
		{"-3", BaselineValue{Value: -3}, false}, // read, and refused by CheckValue with a reason
		{"dont-know", BaselineValue{DontKnow: true}, false},
		{"Don't know", BaselineValue{DontKnow: true}, false},
		{"don’t know", BaselineValue{DontKnow: true}, false},
		{"clear", BaselineValue{}, true},
		{"CLEAR", BaselineValue{}, true},
	}
	for _, tc := range tests {
		v, clear, err := ParseBaselineValue(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, v, tc.in)
		assert.Equal(t, tc.clear, clear, tc.in)
	}
	for _, bad := range []string{"", "abc", "1e3", "0x10", "NaN", "inf", "1,200", "12 days", "--1"} {
		_, _, err := ParseBaselineValue(bad)
		assert.ErrorIs(t, err, ErrBadBaselineValue, "%q", bad)
	}
	assert.Equal(t, "62.5", BaselineValue{Value: 62.5}.Text())
	assert.Equal(t, "dont-know", BaselineValue{DontKnow: true}.Text())
}

func TestCheckFigureNamesTheFigureAndTheProblem(t *testing.T) {
	inst := withBaseline(t)
	recorded := map[string]BaselineValue{"integrations": {Value: 140}, "data-trust": {DontKnow: true}}
	tests := []struct {
		id   string
		v    *BaselineValue
		want string
	}{
		{"integrations", num(150), ""},
		{"point-to-point", num(90), ""},
		{"point-to-point", num(140), ""},
		{"point-to-point", num(180), "point-to-point: 180 is more than integrations (140)"},
		{"point-to-point", num(2.5), "point-to-point: 2.5 is not a whole number from 0 (the figure is a count)"},
		{"point-to-point", num(-1), "point-to-point: -1 is not a whole number from 0 (the figure is a count)"},
		{"point-to-point", &BaselineValue{DontKnow: true}, ""},
		{"point-to-point", nil, ""},
		{"run-share", num(62.5), ""},
		{"run-share", num(120), "run-share: 120 is not a percentage from 0 to 100"},
		{"integrations", num(2e12), "integrations: 2000000000000 is more than a count may be"},
		{"frobs", num(1), "frobs: not a baseline figure of the instrument (its figures: run-share, integrations, point-to-point, projects-failed, data-incidents, data-trust)"},
	}
	for _, tc := range tests {
		err := CheckFigure(inst, recorded, tc.id, tc.v)
		if tc.want == "" {
			assert.NoError(t, err, tc.id)
			continue
		}
		require.Error(t, err, tc.id)
		assert.Equal(t, tc.want, err.Error())
	}
	assert.Equal(t, map[string]BaselineValue{"integrations": {Value: 140}, "data-trust": {DontKnow: true}}, recorded, "left as it was")

	// The whole is checked against its parts too, and don't know or
	// unrecorded compares with nothing.
	withPart := map[string]BaselineValue{"point-to-point": {Value: 90}}
	err := CheckFigure(inst, withPart, "integrations", num(60))
	require.Error(t, err)
	assert.Equal(t, "integrations: 60 is less than point-to-point (90), which is part of it", err.Error())
	assert.NoError(t, CheckFigure(inst, withPart, "integrations", &BaselineValue{DontKnow: true}))
	assert.NoError(t, CheckFigure(inst, withPart, "integrations", nil))

	err = CheckFigure(tiny(t), nil, "integrations", num(1))
	assert.ErrorIs(t, err, ErrNoBaseline)
	assert.Equal(t, "integrations: the instrument has no baseline chapter", err.Error())
}

func TestCheckBaselineTakesAWholeSet(t *testing.T) {
	inst := withBaseline(t)
	assert.NoError(t, CheckBaseline(inst, nil))
	assert.NoError(t, CheckBaseline(inst, map[string]BaselineValue{"integrations": {Value: 140}, "point-to-point": {Value: 90}, "data-trust": {DontKnow: true}}))
	err := CheckBaseline(inst, map[string]BaselineValue{"integrations": {Value: 140}, "point-to-point": {Value: 180}})
	assert.EqualError(t, err, "point-to-point: 180 is more than integrations (140)")
	err = CheckBaseline(inst, map[string]BaselineValue{"zz": {Value: 1}, "aa": {Value: 1}})
	assert.ErrorIs(t, err, ErrUnknownFigure)
	assert.True(t, strings.HasPrefix(err.Error(), "aa: "), err.Error())
	err = CheckBaseline(inst, map[string]BaselineValue{"data-trust": {Value: 5, DontKnow: true}})
	assert.EqualError(t, err, "data-trust: don't know carries no number")
}

func TestParseAnswersFileReadsTheBaseline(t *testing.T) {
	inst := withBaseline(t)
	af, err := ParseAnswersFile("a.yaml", []byte(`
answers:
  m1.q1: 3
baseline:
  run-share: 62.5
  integrations: 140
  point-to-point: 90
  data-trust: "don't know"
  data-incidents: dont-know
`), inst)
	require.NoError(t, err)
	assert.Equal(t, map[string]BaselineValue{
		"run-share": {Value: 62.5}, "integrations": {Value: 140}, "point-to-point": {Value: 90},
		"data-trust": {DontKnow: true}, "data-incidents": {DontKnow: true},
	}, af.Baseline)

	af, err = ParseAnswersFile("a.yaml", []byte("answers: {m1.q1: 3}\n"), inst)
	require.NoError(t, err)
	assert.Empty(t, af.Baseline, "the chapter is optional")
}

func TestParseAnswersFileBaselineProblemsNameTheLine(t *testing.T) {
	inst := withBaseline(t)
	tests := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"unknown figure", "answers: {}\nbaseline:\n  frobs: 3\n", 3, `frobs: not a baseline figure of the instrument (its figures: run-share,`},
		{"not a number", "answers: {}\nbaseline:\n  integrations: many\n", 3, `integrations: must be a number, dont-know or clear, not "many"`},
		{"a fraction of a count", "answers: {}\nbaseline:\n  integrations: 2.5\n", 3, "integrations: 2.5 is not a whole number from 0 (the figure is a count)"},
		{"percent over 100", "answers: {}\nbaseline:\n  data-trust: 101\n", 3, "data-trust: 101 is not a percentage from 0 to 100"},
		{"part over whole", "answers: {}\nbaseline:\n  point-to-point: 180\n  integrations: 140\n", 3, "point-to-point: 180 is more than integrations (140)"},
		{"empty", "answers: {}\nbaseline:\n  integrations:\n", 3, "integrations: give a number or dont-know"},
		{"a list", "answers: {}\nbaseline:\n  integrations: [1]\n", 3, "integrations: give a number or dont-know"},
		{"clear", "answers: {}\nbaseline:\n  integrations: clear\n", 3, "integrations: clear is not a value"},
		{"twice", "answers: {}\nbaseline:\n  integrations: 1\n  integrations: 2\n", 4, `key "integrations" appears twice`},
		{"not a mapping", "answers: {}\nbaseline: [integrations]\n", 2, "baseline must be a mapping"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseAnswersFile("a.yaml", []byte(tc.src), inst)
			var fe *questionnaire.FileError
			require.True(t, errors.As(err, &fe), "want a FileError, got %v", err)
			require.Len(t, fe.Problems, 1, fe.Error())
			assert.Equal(t, tc.line, fe.Problems[0].Line, fe.Error())
			assert.Contains(t, fe.Problems[0].Message, tc.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "a.yaml:"), err.Error())
		})
	}

	// Every problem, each at its line; and a file for an instrument
	// without a baseline chapter says so.
	_, err := ParseAnswersFile("a.yaml", []byte("answers: {}\nbaseline:\n  integrations: x\n  data-trust: 300\n"), inst)
	var fe *questionnaire.FileError
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, 2, fe.Count())
	_, err = ParseAnswersFile("a.yaml", []byte("answers: {}\nbaseline:\n  integrations: 1\n"), tiny(t))
	require.True(t, errors.As(err, &fe))
	assert.Contains(t, fe.Problems[0].Message, "integrations: the instrument has no baseline chapter")
}

func TestEvaluateShowsARecordedBaselineBesideItsKPI(t *testing.T) {
	inst := withBaseline(t)
	ev := Evaluate(Responses{Instrument: inst, Answers: map[string]Answer{"m1.q2": lvl(1)},
		Baseline: map[string]BaselineValue{"point-to-point": {Value: 90}}})
	var found bool
	for _, it := range ev.Plan.Items {
		if it.Action == "m1.q2.a1" {
			found = true
			assert.Equal(t, "90", it.Baseline)
		}
	}
	assert.True(t, found)
}
