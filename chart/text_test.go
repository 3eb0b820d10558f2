package chart

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
)

// hostile is a title that tries to end the markup, run a script, inject
// an entity, colour a terminal and turn the text around.
const hostile = `A & B <script>alert('x')</script> "q" ]]> &amp; ` +
	"\x1b[31mred\x1b[0m \x00\x07\u202eevil\uFFFE"

func TestHostileTextStaysLiteral(t *testing.T) {
	want := `A & B <script>alert('x')</script> "q" ]]> &amp; red evil` + "\uFFFD"
	require.Equal(t, want, clean(hostile))
	labels := []string{"<script>x</script>", `"q" & 'a'`, "]]>", "\x1b]0;title\x07m1"}
	bars := make([]Bar, len(labels))
	pairs := make([]Pair, len(labels))
	changes := make([]Change, len(labels))
	for i, l := range labels {
		bars[i] = Bar{Label: l, Value: 3, Target: 4}
		pairs[i] = Pair{Label: l, Business: 2, IT: 3}
		changes[i] = Change{Label: l, Before: 2, After: 3}
	}
	charts := map[string]func() (Chart, error){
		"scores":    func() (Chart, error) { return Scores(hostile, bars) },
		"alignment": func() (Chart, error) { return Alignment(hostile, bars) },
		"gap":       func() (Chart, error) { return Gap(hostile, pairs) },
		"changes":   func() (Chart, error) { return Changes(hostile, "<b>then</b>", "\x1b[31mnow", changes) },
	}
	for name, draw := range charts {
		t.Run(name, func(t *testing.T) {
			c, err := draw()
			require.NoError(t, err)
			d := parseSVG(t, c.SVG)
			assert.Zero(t, d.elements["script"], "a label became an element")
			assert.True(t, d.hasText(want), "the title is not literal: %q", d.texts)
			for _, l := range []string{"<script>x</script>", `"q" & 'a'`, "]]>", "m1"} {
				assert.True(t, d.hasText(l), "label %q not literal in %q", l, d.texts)
			}
			for _, bad := range []string{"<script", "\x1b", "\x00", "\x07", "\u202e", "\uFFFE"} {
				assert.False(t, bytes.Contains(c.SVG, []byte(bad)), "%q in the SVG", bad)
			}
			h := height
			if name == "changes" {
				h = changesHeight // a shorter chart, for page one
			}
			checkPNG(t, pngOf(t, c), h)
		})
	}
}

func TestLongLabelsAreCut(t *testing.T) {
	long := strings.Repeat("integration ", 30)
	c, err := Scores(long, []Bar{{Label: long, Value: 3}, {Label: "b", Value: 2}})
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	var cut []string
	for _, s := range d.texts {
		if strings.HasPrefix(s, "integration") {
			cut = append(cut, s)
		}
	}
	require.NotEmpty(t, cut)
	assert.True(t, strings.HasSuffix(cut[0], "…"), "the title ends with …: %q", cut[0])
	assert.LessOrEqual(t, len(cut)-1, 3, "a bar label takes at most three lines")
	assert.True(t, strings.HasSuffix(cut[len(cut)-1], "…"))
}

func TestAHugeWordIsCutQuickly(t *testing.T) {
	huge := strings.Repeat("x", 100_000)
	start := time.Now()
	c, err := Alignment("t", []Bar{{Label: huge, Value: 50}})
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 2*time.Second)
	d := parseSVG(t, c.SVG)
	found := false
	for _, s := range d.texts {
		if strings.HasPrefix(s, "xxx") {
			found = true
			assert.True(t, strings.HasSuffix(s, "…"))
			assert.Less(t, len(s), 100)
		}
	}
	assert.True(t, found)
}

func TestFit(t *testing.T) {
	sty := style(textSize, false, ink)
	for _, tc := range []struct {
		in    string
		w     vg.Length
		lines int
		want  string
	}{
		{"Fragile operations", 200, 2, "Fragile operations"},
		{"Fragile operations", 50, 2, "Fragile\noperations"},
		{"Integration treated as an IT-only effort", 60, 2, "Integration\ntreated as an…"},
		{"Integration treated as an IT-only effort", 60, 1, "Integration…"},
		{"  spaced \t out\n ", 200, 1, "spaced out"},
		{"", 50, 2, ""},
	} {
		got := fit(tc.in, sty, tc.w, tc.lines)
		assert.Equal(t, tc.want, got, "fit(%q, %v, %d)", tc.in, tc.w, tc.lines)
		for _, line := range strings.Split(got, "\n") {
			assert.LessOrEqual(t, sty.Width(line), tc.w, "%q is wider than %v", line, tc.w)
		}
	}
}

func TestSVGNamesFallbackFonts(t *testing.T) {
	c, err := Scores("t", sampleScores())
	require.NoError(t, err)
	assert.NotContains(t, string(c.SVG), "font-family:Liberation Sans;")
	assert.Contains(t, string(c.SVG), "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
}
