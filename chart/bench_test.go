package chart

import "testing"

// BenchmarkAllCharts draws the four charts of a workshop report (six
// failure modes, six principles, 41 questions), each as SVG and PNG, as
// a Markdown report with images does.
func BenchmarkAllCharts(b *testing.B) { benchAll(b, true) }

// BenchmarkAllChartsSVG draws them as SVG only, as the HTML report does.
func BenchmarkAllChartsSVG(b *testing.B) { benchAll(b, false) }

func benchAll(b *testing.B, withPNG bool) {
	scores, principles, pairs := sampleScores(), samplePrinciples(), samplePairs()
	rows, cols, cells := sampleHeatmap()
	for b.Loop() {
		for _, draw := range []func() (Chart, error){
			func() (Chart, error) { return Scores("Failure-mode scores against targets", scores) },
			func() (Chart, error) { return Alignment("Principle alignment", principles) },
			func() (Chart, error) { return Gap("Business and IT", pairs) },
			func() (Chart, error) { return Heatmap("Agreement per question", rows, cols, cells) },
		} {
			c, err := draw()
			if err == nil && withPNG {
				_, err = c.PNG()
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
