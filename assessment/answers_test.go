package assessment

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/questionnaire"
)

func TestAnswerValuesReadBackAsWritten(t *testing.T) {
	for _, a := range []Answer{lvl(1), lvl(3), lvl(5), dontKnow, {Kind: NotApplicable}} {
		got, err := ParseValue(a.Value())
		require.NoError(t, err, a.Value())
		assert.Equal(t, a, got)
		kind, ok := ParseAnswerKind(a.Kind.String())
		assert.True(t, ok)
		assert.Equal(t, a.Kind, kind)
	}
	for in, want := range map[string]Answer{" 4 ": lvl(4), "DONT-KNOW": dontKnow, "N/A": {Kind: NotApplicable}} {
		got, err := ParseValue(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, "%q", in)
	}
	for _, bad := range []string{"", "0", "6", "33", "3.5", "dont know", "unanswered", "level"} {
		_, err := ParseValue(bad)
		assert.ErrorIs(t, err, ErrBadValue, "%q", bad)
	}
	_, ok := ParseAnswerKind("unanswered")
	assert.False(t, ok, "a stored answer always has a kind")
}

// gatedTiny is the tiny instrument with n/a allowed where a newer
// instrument says so: a.q2 names reasons, mode b is gated, a.q1 neither.
func gatedTiny(t testing.TB) *questionnaire.Instrument {
	t.Helper()
	data, err := os.ReadFile("testdata/tiny.yaml")
	require.NoError(t, err)
	src := strings.NewReplacer(
		"    summary: The second mode.\n", "    summary: The second mode.\n    gate: No platform is in use\n",
		"        why: Without a registry data drifts.\n", "        why: Without a registry data drifts.\n        na: [No registry is needed here]\n",
	).Replace(string(data))
	require.NotEqual(t, string(data), src)
	inst, err := questionnaire.Parse("gated.yaml", []byte(src))
	require.NoError(t, err)
	return inst
}

func TestValidateForAllowsNotApplicableOnlyWhereTheInstrumentDoes(t *testing.T) {
	inst := gatedTiny(t)
	q := func(id string) *questionnaire.Question {
		question, ok := inst.Question(id)
		require.True(t, ok, id)
		return question
	}
	err := na("does not apply").ValidateFor(q("a.q1"))
	assert.ErrorIs(t, err, ErrNotApplicableRefused)
	assert.EqualError(t, err, "n/a is not allowed for this question: answer 1 to 5 or dont-know")
	assert.ErrorIs(t, Answer{Kind: NotApplicable}.ValidateFor(q("a.q1")), ErrNotApplicableRefused, "refused before the missing reason")
	assert.NoError(t, na("No registry is needed here").ValidateFor(q("a.q2")), "a question with reasons")
	assert.NoError(t, na("any reason of one's own").ValidateFor(q("a.q2")), "the reasons are offered, not imposed")
	assert.NoError(t, na("No platform is in use").ValidateFor(q("b.q1")), "a question of a gated mode")
	assert.ErrorContains(t, Answer{Kind: NotApplicable}.ValidateFor(q("b.q1")), "n/a needs a reason", "allowed still needs a reason")
	for _, a := range []Answer{lvl(1), lvl(5), dontKnow} {
		assert.NoError(t, a.ValidateFor(q("a.q1")))
	}
	assert.Error(t, lvl(6).ValidateFor(q("a.q1")), "and the rest of Validate")

	legacy := tiny(t)
	for _, question := range legacy.Questions() {
		assert.NoError(t, na("out of scope").ValidateFor(question), "%s: an instrument without na or gates allows n/a everywhere", question.ID)
	}
}

func TestGatedModeAnswersAnswerTheWholeMode(t *testing.T) {
	inst := gatedTiny(t)
	got, err := GatedModeAnswers(inst, "b", "")
	require.NoError(t, err)
	assert.Equal(t, map[string]Answer{"b.q1": na("No platform is in use"), "b.q2": na("No platform is in use")}, got, "the gate is the reason")
	got, err = GatedModeAnswers(inst, "b", "  sold the platform business  ")
	require.NoError(t, err)
	assert.Equal(t, na("sold the platform business"), got["b.q2"])

	_, err = GatedModeAnswers(inst, "a", "x")
	assert.ErrorIs(t, err, ErrNotGated)
	assert.EqualError(t, err, "a: only a gated failure mode can be answered n/a as a whole; answer its questions one by one")
	_, err = GatedModeAnswers(inst, "z", "x")
	assert.EqualError(t, err, `unknown failure mode "z"`)
	_, err = GatedModeAnswers(tiny(t), "b", "x")
	assert.ErrorIs(t, err, ErrNotGated, "a legacy instrument has no gates")
	_, err = GatedModeAnswers(inst, "b", strings.Repeat("r", MaxReasonLen+1))
	assert.ErrorContains(t, err, "reason is 501 characters")
}
