package safetext

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostile holds every kind of hazard, and escapes that are not hazards.
var hostile = map[string]string{
	"note": "line one\r\nline two\ttab \x1b]52;c;cHduZWQ=\x07 c1 \u009b31m bidi \u202egnp.exe sep\u2028 del\x7f",
	"safe": `quote " backslash \ slash / <b> ünï ✓ \u001b typed`,
}

func encode(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	return b
}

func TestJSONDisplayShowsControlsAndDropsBidi(t *testing.T) {
	out := JSONDisplay(encode(t, hostile))
	var got map[string]string
	require.NoError(t, json.Unmarshal(out, &got), "%s", out)
	assert.Equal(t, "line one\nline two\ttab ␛]52;c;cHduZWQ=␇ c1 �31m bidi gnp.exe sep  del␡", got["note"])
	assert.Equal(t, hostile["safe"], got["safe"], "text that is no hazard is kept, escapes and all")
	assert.NotContains(t, string(out), "\u009b")
	assert.NotContains(t, string(out), "\u202e")
}

func TestJSONEscapeKeepsTheTextExactly(t *testing.T) {
	out := JSONEscape(encode(t, hostile))
	var got map[string]string
	require.NoError(t, json.Unmarshal(out, &got), "%s", out)
	assert.Equal(t, hostile, got, "the decoded text is what was encoded")
	assert.Contains(t, string(out), `c1 \u009b31m bidi \u202egnp.exe sep\u2028 del\u007f`)
	for _, r := range string(out) {
		assert.False(t, Hazard(r) && r != '\n', "raw %U in the file", r)
	}
}

func TestJSONWithoutHazardsIsReturnedAsItIs(t *testing.T) {
	in := encode(t, map[string]any{"a": "plain", "n": 1.5, "l": []string{"x"}})
	assert.Equal(t, string(in), string(JSONDisplay(in)))
	assert.Equal(t, string(in), string(JSONEscape(in)))
}

func FuzzJSONEscapeRoundTrips(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in := encode(t, []string{s, "k"})
		var want, got, shown []string
		require.NoError(t, json.Unmarshal(in, &want))
		require.NoError(t, json.Unmarshal(JSONEscape(in), &got), "escaped JSON stays valid")
		assert.Equal(t, want, got)
		require.NoError(t, json.Unmarshal(JSONDisplay(in), &shown), "display JSON stays valid")
		assert.Equal(t, Display(want[0]), shown[0], "Display says what JSONDisplay shows")
		for _, r := range shown[0] {
			assert.False(t, Hazard(r) && r != '\n' && r != '\t', "%U shown", r)
		}
	})
}
