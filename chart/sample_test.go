package chart

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The workshop-sized inputs the tests and the benchmark draw: the six
// failure modes and six principles of the default instrument.
var modeNames = []string{
	"Integration treated as an IT-only effort",
	"No shared data ownership",
	"Point-to-point sprawl",
	"Fragile operations",
	"Missing integration expertise",
	"No measurement of outcomes",
}

func sampleScores() []Bar {
	vals := []float64{2.43, 3.1, 1.75, 4.6, 2.9, 5}
	targets := []float64{4, 3, 3, 4, 3, 4}
	var bars []Bar
	for i, name := range modeNames {
		bars = append(bars, Bar{Label: name, Value: vals[i], Target: targets[i]})
	}
	return bars
}

func samplePrinciples() []Bar {
	names := []string{"Outcomes", "Partnership", "Data as a product", "Resilience", "Expertise", "Measurement"}
	vals := []float64{72, 45.5, 100, 12, 0, 58}
	var bars []Bar
	for i, name := range names {
		bars = append(bars, Bar{Label: name, Value: vals[i]})
	}
	return bars
}

func samplePairs() []Pair {
	biz := []float64{2.2, 3.5, 1.4, 4.1, 2.0, 3.0}
	it := []float64{3.6, 3.1, 2.5, 4.8, 2.9, 1.2}
	var pairs []Pair
	for i, name := range modeNames {
		pairs = append(pairs, Pair{Label: name, Business: biz[i], IT: it[i]})
	}
	return pairs
}

func sampleChanges() []Change {
	before := []float64{2.1, 3.1, 1.75, 2.9, 2.0, 1.33}
	after := []float64{2.5, 3.0, 2.25, 3.4, 2.0, 1.9}
	var out []Change
	for i, name := range modeNames {
		out = append(out, Change{Label: name, Before: before[i], After: after[i]})
	}
	return out
}

// TestWriteSamples writes every chart to $CHART_OUT, to look at them.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("CHART_OUT")
	if dir == "" {
		t.Skip("set CHART_OUT to a directory to write the sample charts")
	}
	write := func(name string, c Chart, err error) {
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+".svg"), c.SVG, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), pngOf(t, c), 0o644))
	}
	c, err := Scores("Failure-mode scores against targets", sampleScores())
	write("scores", c, err)
	c, err = Alignment("Principle alignment", samplePrinciples())
	write("alignment", c, err)
	c, err = Gap("Business and IT: mean level per failure mode", samplePairs())
	write("gap", c, err)
	c, err = Changes("Failure-mode scores since the last assessment", "2 May 2026", "20 November 2026", sampleChanges())
	write("changes", c, err)

	// the awkward cases: missing values, hostile and long text, one bar, many
	bars := sampleScores()
	bars[1].Missing, bars[4].Value = true, 2.8
	c, err = Scores(hostile, bars)
	write("scores-awkward", c, err)
	principles := samplePrinciples()
	principles[0].Label = strings.Repeat("A very long principle name ", 5)
	principles[2].Missing, principles[3].Target = true, 60
	c, err = Alignment(hostile, principles)
	write("alignment-awkward", c, err)
	pairs := samplePairs()
	pairs[2].MissingIT, pairs[5].MissingBusiness = true, true
	c, err = Gap(strings.Repeat("A title far too long to fit on one line ", 4), pairs)
	write("gap-awkward", c, err)
	c, err = Scores("One", []Bar{{Label: "m1", Value: 3.5, Target: 4}})
	write("scores-one", c, err)
	var many []Bar
	for i := range 12 {
		many = append(many, Bar{Label: fmt.Sprintf("Failure mode number %d", i+1), Value: 1 + float64(i)/3, Target: 3})
	}
	c, err = Scores("Twelve", many)
	write("scores-twelve", c, err)
	c, err = Alignment("Twelve", many)
	write("alignment-twelve", c, err)
}
