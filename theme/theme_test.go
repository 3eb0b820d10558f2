package theme

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/stretchr/testify/assert"

	"github.com/seam-dev/seam/assessment"
)

func f(v float64) *float64 { return &v }

func TestBarCells(t *testing.T) {
	for _, tc := range []struct {
		value  *float64
		target int
		want   string
	}{
		{nil, 0, "░░░░░░░░░░"},
		{f(1), 0, "░░░░░░░░░░"},
		{f(3), 0, "█████░░░░░"},
		{f(5), 0, "██████████"},
		{f(3), 4, "█████░░┃░░"},
		{f(5), 5, "█████████┃"},
		{f(2), 1, "███░░░░░░░"},
		{f(9), 0, "██████████"}, // an out-of-range value stays inside the bar
		{f(-3), 0, "░░░░░░░░░░"},
	} {
		assert.Equal(t, tc.want, BarCells(tc.value, tc.target, 10), "value %v target %d", tc.value, tc.target)
	}
}

func TestColouredBarHasTheSameCells(t *testing.T) {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.TrueColor)
	p := New(r)
	coloured := p.Bar(f(3.4), 4, 20)
	assert.NotEqual(t, BarCells(f(3.4), 4, 20), coloured, "colours were added")
	assert.Equal(t, BarCells(f(3.4), 4, 20), stripped(coloured))
}

func stripped(s string) string { return ansi.Strip(s) }

func TestNumbersReadTheSameEverywhere(t *testing.T) {
	assert.Equal(t, "2.11", Score(f(2.11)))
	assert.Equal(t, "–", Score(nil))
	assert.Equal(t, "  – ", ScoreCell(nil), "four cells, like 2.11")
	assert.Equal(t, "17 %", Percent(f(17.4)))
	assert.Equal(t, "–", Percent(nil))
	assert.Equal(t, "3 Defined", Level(3, "Defined"))
	assert.Equal(t, "level 2 → 3", Step(assessment.PlanItem{Kind: assessment.Improve, Level: 2, Toward: 3}))
	assert.Equal(t, "find out", Step(assessment.PlanItem{Kind: assessment.FindOut}))
	assert.Equal(t, 3.5, *AsLevel(f(62.5)))
	assert.Nil(t, AsLevel(nil))
}

func TestCutAndWrap(t *testing.T) {
	assert.Equal(t, "Integrat…", Cut("Integration treated", 9))
	assert.Equal(t, "short", Cut("short", 9))
	assert.Equal(t, "", Cut("anything", 1))
	assert.Equal(t, "one two\nthree", Wrap("one two three", 10))
}
