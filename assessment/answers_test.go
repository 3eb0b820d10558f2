package assessment

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
