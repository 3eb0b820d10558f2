package chart

import "testing"

// BenchmarkAllCharts draws the four charts of a workshop report (six
// failure modes, six principles, 41 questions), each as SVG and PNG.
func BenchmarkAllCharts(b *testing.B) {
	scores, principles, pairs := sampleScores(), samplePrinciples(), samplePairs()
	rows, cols, cells := sampleHeatmap()
	for b.Loop() {
		for _, err := range []error{
			second(Scores("Failure-mode scores against targets", scores)),
			second(Alignment("Principle alignment", principles)),
			second(Gap("Business and IT", pairs)),
			second(Heatmap("Agreement per question", rows, cols, cells)),
		} {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

func second(_ Chart, err error) error { return err }
