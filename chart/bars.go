package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Scores draws failure-mode scores on the scale 1–5 as vertical bars, each
// with its value printed above it and its target as a dark line across it,
// so the distance to the target is what the eye measures.
func Scores(title string, bars []Bar) (Chart, error) {
	if err := checkBars("Scores", bars); err != nil {
		return Chart{}, err
	}
	n := len(bars)
	p := newPlot()
	levelAxis(p, &p.Y, "Level")
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	slot := (width - 2*margin - 1.2*vg.Centimeter) / vg.Length(n)
	barW := min(slot*0.5, 1.4*vg.Centimeter)
	p.X.Tick.Marker = nominal(p.X.Tick.Label, labels(bars), slot-6, 3)
	p.X.Tick.Length, p.X.Width = 0, 0

	var marks plotter.XYs
	vl := newLabels(false)
	for i, b := range bars {
		x := float64(i)
		if b.Target > 0 {
			marks = append(marks, plotter.XY{X: x, Y: clamp(b.Target, 1, 5)})
		}
		if b.Missing {
			vl.missing(x, 1)
			continue
		}
		v := clamp(b.Value, 1, 5)
		bc, err := bar(x, v, barW, 0, barFill, false)
		if err != nil {
			return Chart{}, err
		}
		p.Add(bc)
		at := v
		if t := clamp(b.Target, 1, 5); b.Target > 0 && t > v && t-v < 0.35 {
			at = t // the label would sit on the target line: lift it over
		}
		vl.add(x, at, fmt.Sprintf("%.2f", b.Value), ink)
	}
	items := []legendItem{{"score", swatch{fill: barFill}}}
	if len(marks) > 0 {
		s, err := targetMarks(marks, barW*0.75, false)
		if err != nil {
			return Chart{}, err
		}
		p.Add(s)
		items = append(items, legendItem{"target", mark{}})
	}
	vl.addTo(p)
	items = withMissing(items, anyMissing(bars))
	p.Y.Min, p.Y.Max = 1, 5 // after Add, which widens the range to the bars' base at 0
	return render("scores", height, func(c draw.Canvas) {
		p.Draw(header(c, title, items))
	})
}

// Alignment draws principle alignment, 0–100 %, as horizontal bars with
// their percentage at the end, so long principle names read across.
func Alignment(title string, bars []Bar) (Chart, error) {
	if err := checkBars("Alignment", bars); err != nil {
		return Chart{}, err
	}
	n := len(bars)
	p := newPlot()
	p.X.Min, p.X.Max = 0, 100
	p.X.Label.Text = "Alignment (%)"
	p.X.Tick.Marker = plot.ConstantTicks{{Value: 0, Label: "0"}, {Value: 25, Label: "25"},
		{Value: 50, Label: "50"}, {Value: 75, Label: "75"}, {Value: 100, Label: "100"}}
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: gridLine, Width: 0.5}
	g.Horizontal.Color = nil
	p.Add(g)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	slot := (height - 3*vg.Centimeter) / vg.Length(n)
	barW := min(slot*0.6, 0.9*vg.Centimeter)
	lines := 2
	if slot < 2.5*textSize {
		lines = 1
	}
	p.Y.Tick.Marker = nominal(p.Y.Tick.Label, reversed(labels(bars)), 4.5*vg.Centimeter, lines)
	p.Y.Tick.Length, p.Y.Width = 0, 0

	var marks plotter.XYs
	vl := newLabels(true)
	for i, b := range bars {
		y := float64(n - 1 - i) // the first bar at the top
		if b.Target > 0 {
			marks = append(marks, plotter.XY{X: clamp(b.Target, 0, 100), Y: y})
		}
		if b.Missing {
			vl.missing(0, y)
			continue
		}
		bc, err := bar(y, clamp(b.Value, 0, 100), barW, 0, barFill, true)
		if err != nil {
			return Chart{}, err
		}
		p.Add(bc)
		at := clamp(b.Value, 0, 100)
		if t := clamp(b.Target, 0, 100); b.Target > 0 && t > at && t-at < 9 {
			at = t // the label would sit on the target line: move it past
		}
		vl.add(at, y, fmt.Sprintf("%.0f %%", b.Value), ink)
	}
	items := []legendItem{{"alignment", swatch{fill: barFill}}}
	if len(marks) > 0 {
		s, err := targetMarks(marks, barW*0.75, true)
		if err != nil {
			return Chart{}, err
		}
		p.Add(s)
		items = append(items, legendItem{"target", mark{vertical: true}})
	}
	vl.addTo(p)
	items = withMissing(items, anyMissing(bars))
	p.X.Min, p.X.Max = 0, 100
	return render("alignment", height, func(c draw.Canvas) {
		p.Draw(header(c, title, items))
	})
}

// Gap draws, per failure mode, the business side's and the IT side's mean
// level side by side on the scale 1–5: dark for business, light for IT,
// so the pairs stay apart in greyscale.
func Gap(title string, pairs []Pair) (Chart, error) {
	if len(pairs) == 0 {
		return Chart{}, fmt.Errorf("%w: Gap needs at least one pair", ErrEmpty)
	}
	for i, pr := range pairs {
		if (!pr.MissingBusiness && !finite(pr.Business)) || (!pr.MissingIT && !finite(pr.IT)) {
			return Chart{}, fmt.Errorf("chart: Gap pair %d (%q) has a value that is not a number", i, clean(pr.Label))
		}
	}
	names := make([]string, len(pairs))
	biz, it := series{name: "business", fill: business}, series{name: "IT", fill: itFill}
	for i, pr := range pairs {
		names[i] = pr.Label
		biz.add(pr.Business, pr.MissingBusiness)
		it.add(pr.IT, pr.MissingIT)
	}
	return pairedBars("gap", title, "Mean level", height, names, biz, it)
}

// Change is one failure mode's score at an earlier assessment and at a
// later one; either may be missing.
type Change struct {
	Label         string
	Before, After float64
	MissingBefore bool
	MissingAfter  bool
}

// Changes draws, per failure mode, its score at an earlier assessment and
// at a later one side by side on the scale 1–5: light for the earlier,
// dark (the colour of the scores chart) for the later, so the pairs stay
// apart in greyscale. before and after name the two in the legend (their
// dates). It is lower than the other charts, to stand on page one, and
// may go without a title ("") under a heading that says what it shows.
func Changes(title, before, after string, changes []Change) (Chart, error) {
	if len(changes) == 0 {
		return Chart{}, fmt.Errorf("%w: Changes needs at least one pair", ErrEmpty)
	}
	for i, ch := range changes {
		if (!ch.MissingBefore && !finite(ch.Before)) || (!ch.MissingAfter && !finite(ch.After)) {
			return Chart{}, fmt.Errorf("chart: Changes pair %d (%q) has a value that is not a number", i, clean(ch.Label))
		}
	}
	names := make([]string, len(changes))
	was, now := series{name: before, fill: earlier}, series{name: after, fill: barFill}
	for i, ch := range changes {
		names[i] = ch.Label
		was.add(ch.Before, ch.MissingBefore)
		now.add(ch.After, ch.MissingAfter)
	}
	return pairedBars("changes", title, "Level", changesHeight, names, was, now)
}

// changesHeight is the Changes chart's height: lower than the others, as
// it stands on page one with the decisions and must leave them room.
const changesHeight = 3.5 * vg.Centimeter

// series is one side of a paired bar chart: its name in the legend, its
// fill, and a value (or none) per category.
type series struct {
	name    string
	fill    color.Color
	values  []float64
	missing []bool
}

func (s *series) add(v float64, missing bool) {
	s.values, s.missing = append(s.values, v), append(s.missing, missing)
}

// pairedBars draws two series side by side per category on the scale
// 1–5, the first to the left, each bar with its value above it.
func pairedBars(name, title, axis string, h vg.Length, names []string, left, right series) (Chart, error) {
	n := len(names)
	p := newPlot()
	levelAxis(p, &p.Y, axis)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	slot := (width - 2*margin - 1.2*vg.Centimeter) / vg.Length(n)
	barW := min(slot*0.36, 1*vg.Centimeter)
	p.X.Tick.Marker = nominal(p.X.Tick.Label, names, slot-6, 3)
	p.X.Tick.Length, p.X.Width = 0, 0

	var items []legendItem
	missing := false
	for side, s := range []series{left, right} {
		off := -barW / 2
		if side == 1 {
			off = barW / 2
		}
		vl := newLabels(false)
		vl.Offset.X, vl.size = off, smallSize // two bars to a slot: smaller numbers
		for i := range names {
			v := s.values[i]
			if s.missing[i] {
				missing = true
				vl.missing(float64(i), 1)
				continue
			}
			bc, err := bar(float64(i), clamp(v, 1, 5), barW, off, s.fill, false)
			if err != nil {
				return Chart{}, err
			}
			p.Add(bc)
			vl.add(float64(i), clamp(v, 1, 5), fmt.Sprintf("%.2f", v), ink)
		}
		vl.addTo(p)
		items = append(items, legendItem{s.name, swatch{fill: s.fill}})
	}
	items = withMissing(items, missing)
	p.Y.Min, p.Y.Max = 1, 5
	return render(name, h, func(c draw.Canvas) {
		p.Draw(header(c, title, items))
	})
}

// checkBars refuses an empty chart and values that are not numbers.
func checkBars(chart string, bars []Bar) error {
	if len(bars) == 0 {
		return fmt.Errorf("%w: %s needs at least one bar", ErrEmpty, chart)
	}
	for i, b := range bars {
		if !b.Missing && !finite(b.Value) || !finite(b.Target) {
			return fmt.Errorf("chart: %s bar %d (%q) has a value that is not a number", chart, i, clean(b.Label))
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// clamp keeps a drawn value on the axis; the printed value stays true.
func clamp(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }

func labels(bars []Bar) []string {
	out := make([]string, len(bars))
	for i, b := range bars {
		out[i] = b.Label
	}
	return out
}

func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

func anyMissing(bars []Bar) bool {
	for _, b := range bars {
		if b.Missing {
			return true
		}
	}
	return false
}

// withMissing explains "–" in the legend when the chart shows one. A
// legend of one series alone says nothing the title does not: none.
func withMissing(items []legendItem, missing bool) []legendItem {
	if missing {
		items = append(items, legendItem{label: "– no value"})
	}
	if len(items) == 1 {
		return nil
	}
	return items
}

// levelAxis makes a the maturity scale, 1 to 5 in whole levels, with light
// grid lines at each level.
func levelAxis(p *plot.Plot, a *plot.Axis, label string) {
	a.Min, a.Max = 1, 5
	a.Label.Text = label
	a.Tick.Marker = plot.ConstantTicks{{Value: 1, Label: "1"}, {Value: 2, Label: "2"},
		{Value: 3, Label: "3"}, {Value: 4, Label: "4"}, {Value: 5, Label: "5"}}
	g := plotter.NewGrid()
	g.Horizontal = draw.LineStyle{Color: gridLine, Width: 0.5}
	g.Vertical.Color = nil
	p.Add(g)
}

// nominal is tick labels 0, 1, 2… for user-named categories, each cut to
// fit w on at most lines lines.
func nominal(sty text.Style, names []string, w vg.Length, lines int) plot.ConstantTicks {
	ticks := make(plot.ConstantTicks, len(names))
	for i, name := range names {
		ticks[i] = plot.Tick{Value: float64(i), Label: fit(name, sty, w, lines)}
	}
	return ticks
}

// bar is one bar at category position at, from the axis to v.
func bar(at, v float64, w, off vg.Length, fill color.Color, horizontal bool) (*plotter.BarChart, error) {
	b, err := plotter.NewBarChart(plotter.Values{v}, w)
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	b.XMin, b.Offset, b.Color, b.Horizontal = at, off, fill, horizontal
	b.LineStyle = draw.LineStyle{Color: ink, Width: 0.5}
	return b, nil
}

// valueLabels gathers the numbers printed at the bars' ends.
type valueLabels struct {
	plotter.Labels
	horizontal bool
	size       vg.Length
}

func newLabels(horizontal bool) *valueLabels {
	v := &valueLabels{horizontal: horizontal, size: textSize}
	if horizontal {
		v.Offset = vg.Point{X: 3}
	} else {
		v.Offset = vg.Point{Y: 2}
	}
	return v
}

func (v *valueLabels) add(x, y float64, s string, c color.Color) {
	sty := style(v.size, false, c)
	if v.horizontal {
		sty.XAlign, sty.YAlign = text.XLeft, text.YCenter
	} else {
		sty.XAlign, sty.YAlign = text.XCenter, text.YBottom
	}
	v.XYs = append(v.XYs, plotter.XY{X: x, Y: y})
	v.Labels.Labels = append(v.Labels.Labels, s)
	v.TextStyle = append(v.TextStyle, sty)
}

// missing marks a value not known: a "–" larger than the numbers, which
// would otherwise be lost at the foot of the axis.
func (v *valueLabels) missing(x, y float64) {
	v.add(x, y, "–", subtle)
	v.TextStyle[len(v.TextStyle)-1].Font.Size = titleSize
}

func (v *valueLabels) addTo(p *plot.Plot) {
	if len(v.XYs) > 0 {
		p.Add(&v.Labels)
	}
}

// targetMarks draws each target as a short thick line across its bar.
func targetMarks(at plotter.XYs, half vg.Length, vertical bool) (*plotter.Scatter, error) {
	s, err := plotter.NewScatter(at)
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	s.GlyphStyle = draw.GlyphStyle{Color: ink, Radius: half, Shape: mark{vertical: vertical}}
	return s, nil
}

// mark is the target's glyph: a line 2.5 points thick, horizontal across a
// vertical bar (or vertical across a horizontal one). It is also its own
// legend thumbnail.
type mark struct{ vertical bool }

// DrawGlyph implements draw.GlyphDrawer.
func (m mark) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	ls := draw.LineStyle{Color: sty.Color, Width: 2.5}
	if m.vertical {
		c.StrokeLine2(ls, pt.X, pt.Y-sty.Radius, pt.X, pt.Y+sty.Radius)
		return
	}
	c.StrokeLine2(ls, pt.X-sty.Radius, pt.Y, pt.X+sty.Radius, pt.Y)
}

// Thumbnail implements plot.Thumbnailer.
func (m mark) Thumbnail(c *draw.Canvas) {
	ctr := c.Center()
	if m.vertical {
		m.DrawGlyph(c, draw.GlyphStyle{Color: ink, Radius: c.Size().Y / 2}, ctr)
		return
	}
	m.DrawGlyph(c, draw.GlyphStyle{Color: ink, Radius: c.Size().X / 2}, ctr)
}
