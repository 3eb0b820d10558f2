package report

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/chart"
)

// The report's charts, drawn from the evaluation when an image is written
// (Markdown with --charts images, and HTML), never for a screen.

// scoresChart draws each failure mode's score against its target.
func scoresChart(res assessment.Result) func() (chart.Chart, error) {
	return func() (chart.Chart, error) {
		bars := make([]chart.Bar, 0, len(res.Modes))
		for _, ms := range res.Modes {
			b := chart.Bar{Label: ms.ID, Target: float64(ms.Target), Missing: ms.Score == nil}
			if ms.Score != nil {
				b.Value = *ms.Score
			}
			bars = append(bars, b)
		}
		return chart.Scores("Failure-mode scores against targets", bars)
	}
}

// alignmentChart draws the alignment with each blueprint principle.
func alignmentChart(res assessment.Result) func() (chart.Chart, error) {
	return func() (chart.Chart, error) {
		bars := make([]chart.Bar, 0, len(res.Principles))
		for _, ps := range res.Principles {
			b := chart.Bar{Label: ps.Name, Missing: ps.Alignment == nil}
			if ps.Alignment != nil {
				b.Value = *ps.Alignment // already 0-100
			}
			bars = append(bars, b)
		}
		return chart.Alignment("Alignment with the blueprint principles", bars)
	}
}

// gapChart draws the business and IT participants' mean level per mode.
func gapChart(w *assessment.Agreement) func() (chart.Chart, error) {
	return func() (chart.Chart, error) {
		pairs := make([]chart.Pair, 0, len(w.Modes))
		for _, ma := range w.Modes {
			p := chart.Pair{Label: ma.Mode, MissingBusiness: ma.BusinessMean == nil, MissingIT: ma.ITMean == nil}
			if ma.BusinessMean != nil {
				p.Business = *ma.BusinessMean
			}
			if ma.ITMean != nil {
				p.IT = *ma.ITMean
			}
			pairs = append(pairs, p)
		}
		return chart.Gap("Business and IT: mean level per failure mode", pairs)
	}
}

// agreementChart draws the room's agreement (rwg) per question, a row per
// failure mode and a column per question number ("q7" of m6 is m6.q7; a
// number the mode lacks stays empty).
func agreementChart(in Input) func() (chart.Chart, error) {
	return func() (chart.Chart, error) {
		byQuestion := map[string]assessment.QuestionAgreement{}
		for _, ag := range in.Agreement.Questions {
			byQuestion[ag.Question] = ag
		}
		// A custom instrument's ids may not be numbered: then columns are
		// the questions' places in their mode.
		number := questionNumber
		for _, q := range in.Instrument.Questions() {
			if questionNumber(q.ID) == 0 {
				number = nil
			}
		}
		width := 0
		for _, m := range in.Instrument.Modes {
			for i, q := range m.Questions {
				width = max(width, columnOf(number, q.ID, i))
			}
		}
		cols := make([]string, width)
		for i := range cols {
			cols[i] = "q" + strconv.Itoa(i+1)
		}
		var rows []string
		var cells [][]chart.Cell
		for _, m := range in.Instrument.Modes {
			rows = append(rows, m.ID)
			row := make([]chart.Cell, width)
			for i := range row {
				row[i] = chart.Cell{Missing: true}
			}
			for i, q := range m.Questions {
				n := columnOf(number, q.ID, i)
				if ag, ok := byQuestion[q.ID]; ok && ag.RWG != nil && n >= 1 {
					row[n-1] = chart.Cell{Value: *ag.RWG, Text: fmt.Sprintf("%.2f", *ag.RWG)}
				}
			}
			cells = append(cells, row)
		}
		return chart.Heatmap("Agreement per question (rwg; 1 = all alike)", rows, cols, cells)
	}
}

// questionNumber is a question's number within its mode ("m6.q7" → 7), or
// 0 for an id not of that shape (a custom instrument's).
func questionNumber(id string) int {
	i := strings.LastIndex(id, ".q")
	if i < 0 {
		return 0
	}
	n, err := strconv.Atoi(id[i+2:])
	if err != nil || n < 1 || n > 99 {
		return 0
	}
	return n
}

// columnOf is a question's column: its number, or its place when the
// instrument's ids are not numbered.
func columnOf(number func(string) int, id string, place int) int {
	if number == nil {
		return place + 1
	}
	return number(id)
}

// drawing is a figure's chart as drawAll drew it: its SVG, and its PNG
// when one was asked for.
type drawing struct {
	svg, png []byte
	err      error
}

// drawAll draws every chart of a document at once, each on its own
// goroutine, as SVG and, withPNG, as PNG too (most of the work, which a
// page of inline SVG does without), and returns the document with each
// figure holding what was drawn: a report's charts take the time of the
// slowest one, not of all of them in turn.
func drawAll(d doc, withPNG bool) doc {
	out := make(doc, len(d))
	copy(out, d)
	var wg sync.WaitGroup
	for i, bl := range out {
		f, ok := bl.(figure)
		if !ok || f.draw == nil {
			continue
		}
		f.drawn = new(drawing)
		wg.Add(1)
		go func(draw func() (chart.Chart, error), res *drawing) {
			defer wg.Done()
			var ch chart.Chart
			if ch, res.err = draw(); res.err == nil {
				res.svg = ch.SVG
				if withPNG {
					res.png, res.err = ch.PNG()
				}
			}
		}(f.draw, f.drawn)
		out[i] = f
	}
	wg.Wait()
	return out
}
