package chart

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// perMode is how many of the default instrument's 41 questions each
// failure mode has.
var perMode = []int{7, 6, 10, 5, 6, 7}

// sampleHeatmap is modes × question numbers within the mode, 41 rated
// cells, the rest missing.
func sampleHeatmap() (rows, cols []string, cells [][]Cell) {
	for q := 1; q <= 10; q++ {
		cols = append(cols, fmt.Sprint("Q", q))
	}
	k := 0
	for m, name := range modeNames {
		rows = append(rows, name)
		row := make([]Cell, len(cols))
		for q := range cols {
			if q >= perMode[m] {
				row[q] = Cell{Missing: true}
				continue
			}
			v := float64((k*37)%101) / 100
			k++
			row[q] = Cell{Value: v, Text: fmt.Sprintf("%.2f", v)}
		}
		cells = append(cells, row)
	}
	return rows, cols, cells
}

// wideHeatmap is the same 41 questions numbered through: each mode's row
// rated under its own questions only, three bands of mostly empty cells.
func wideHeatmap() (cols []string, cells [][]Cell) {
	for q := 1; q <= 41; q++ {
		cols = append(cols, fmt.Sprint(q))
	}
	k := 0
	for m := range modeNames {
		row := make([]Cell, 41)
		for q := range row {
			row[q] = Cell{Missing: true}
		}
		for range perMode[m] {
			v := float64((k*37)%101) / 100
			row[k] = Cell{Value: v, Text: fmt.Sprintf("%.2f", v)}
			k++
		}
		cells = append(cells, row)
	}
	return cols, cells
}

func TestHeatmap(t *testing.T) {
	rows, cols, cells := sampleHeatmap()
	c, err := Heatmap("Agreement", rows, cols, cells)
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	rated := 0
	for _, s := range agreement {
		rated += d.fills[hex(s.fill)] - 1 // less the legend's swatch
	}
	assert.Equal(t, 41, rated)
	assert.Equal(t, 60-41+1, d.fills[hex(noCell)])
	assert.Equal(t, 60-41, d.countText("–"))
	for _, row := range cells {
		for _, cell := range row {
			if !cell.Missing {
				assert.True(t, d.hasText(cell.Text), "no %q", cell.Text)
			}
		}
	}
	for _, v := range []string{"Q1", "Q10", "Fragile operations", "0–0.2 disagreement", "0.8–1 agreement", "– not rated"} {
		assert.True(t, d.hasText(v), "no %q", v)
	}
	checkPNG(t, pngOf(t, c), height)
}

func TestHeatmapColoursFollowAgreement(t *testing.T) {
	c, err := Heatmap("t", []string{"m1"}, []string{"1", "2", "3", "4", "5"}, [][]Cell{{
		{Value: 0}, {Value: 0.25}, {Value: 0.5}, {Value: 0.75}, {Value: 1},
	}})
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	for _, s := range agreement {
		assert.Equal(t, 2, d.fills[hex(s.fill)], "one cell and one swatch of %s", s.label)
	}
}

func TestManyColumnsWrapIntoBands(t *testing.T) {
	cols := make([]string, 41)
	row := make([]Cell, 41)
	for i := range cols {
		cols[i] = string(rune('A'+i%26)) + strings.Repeat("'", i/26)
		row[i] = Cell{Value: 0.9, Text: "0.90"}
	}
	rows := []string{"m1", "m2", "m3", "m4", "m5", "m6"}
	cells := [][]Cell{row, row, row, row, row, row}
	c, err := Heatmap("wide", rows, cols, cells)
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	assert.Equal(t, 6*41, d.countText("0.90"), "no cell text cut at this width")
	assert.Equal(t, 3, d.countText("m1"), "three bands, each naming the rows")
	img := checkPNG(t, pngOf(t, c), heatmapHeight(6, 3))
	assert.Greater(t, img.Bounds().Dy(), 907, "the chart grows taller")

	// the largest PNG seen: mostly empty cells, each with its "–"
	cols, cells = wideHeatmap()
	c, err = Heatmap("numbered through", modeNames, cols, cells)
	require.NoError(t, err)
	assert.Equal(t, 6*41-41, parseSVG(t, c.SVG).countText("–"))
	checkPNG(t, pngOf(t, c), heatmapHeight(6, 3))
}

func TestHeatmapIsDeterministic(t *testing.T) {
	rows, cols, cells := sampleHeatmap()
	a, err := Heatmap("h", rows, cols, cells)
	require.NoError(t, err)
	b, err := Heatmap("h", rows, cols, cells)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a.SVG, b.SVG), "SVG differs")
	assert.True(t, bytes.Equal(pngOf(t, a), pngOf(t, b)), "PNG differs")
}

func TestHeatmapInputErrors(t *testing.T) {
	_, err := Heatmap("t", nil, []string{"1"}, nil)
	assert.ErrorIs(t, err, ErrEmpty)
	_, err = Heatmap("t", []string{"m1"}, nil, [][]Cell{{}})
	assert.ErrorIs(t, err, ErrEmpty)
	_, err = Heatmap("t", []string{"m1", "m2"}, []string{"1"}, [][]Cell{{{}}})
	assert.EqualError(t, err, "chart: Heatmap has 1 rows of cells for 2 row names")
	_, err = Heatmap("t", []string{"m1"}, []string{"1", "2"}, [][]Cell{{{}}})
	assert.EqualError(t, err, `chart: Heatmap row 0 ("m1") has 1 cells for 2 columns`)
	_, err = Heatmap("t", []string{"m1"}, []string{"1"}, [][]Cell{{{Value: math.NaN()}}})
	assert.Error(t, err)
}

func TestHeatmapHostileTextStaysLiteral(t *testing.T) {
	rows := []string{"<script>x</script>", `"q" & 'a'`}
	cols := []string{"]]>", "\x1b]0;title\x07m1"}
	cells := [][]Cell{{{Value: 0.5, Text: "<b>"}, {Value: 1, Text: "&"}}, {{Missing: true}, {Value: 0, Text: "]]>"}}}
	c, err := Heatmap(hostile, rows, cols, cells)
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	assert.Zero(t, d.elements["script"], "a label became an element")
	for _, s := range []string{clean(hostile), "<script>x</script>", `"q" & 'a'`, "]]>", "m1", "<b>", "&"} {
		assert.True(t, d.hasText(s), "%q not literal in %q", s, d.texts)
	}
	for _, bad := range []string{"<script", "\x1b", "\x00", "\x07", "\u202e", "\uFFFE"} {
		assert.False(t, bytes.Contains(c.SVG, []byte(bad)), "%q in the SVG", bad)
	}
	checkPNG(t, pngOf(t, c), height)
}

// TestWriteHeatmapSamples writes heatmaps to $CHART_OUT, to look at them.
func TestWriteHeatmapSamples(t *testing.T) {
	dir := os.Getenv("CHART_OUT")
	if dir == "" {
		t.Skip("set CHART_OUT to a directory to write the sample charts")
	}
	rows, cols, cells := sampleHeatmap()
	c, err := Heatmap("Agreement per question", rows, cols, cells)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "heatmap.png"), pngOf(t, c), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "heatmap.svg"), c.SVG, 0o644))
	wide, wcells := wideHeatmap()
	c, err = Heatmap("Agreement per question (numbered through)", modeNames, wide, wcells)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "heatmap-wide.png"), pngOf(t, c), 0o644))
}
