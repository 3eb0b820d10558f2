package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Cell is one heatmap cell. Value is the agreement rwg, 0 to 1 (1 is full
// agreement); Text is printed in the cell (e.g. "0.62"); Missing cells are
// light grey and show "–".
type Cell struct {
	Value   float64
	Missing bool
	Text    string
}

// The heatmap's own colours besides the steps below.
var (
	paper  = color.White
	noCell = color.RGBA{0xf2, 0xf2, 0xf2, 0xff} // L* 96: a cell without a rating, lighter than every step
	noEdge = color.RGBA{0xc8, 0xc8, 0xc8, 0xff} // its edge, so it shows on white paper
)

// agreement is the heatmap's colour scale in five steps of rwg, from
// disagreement (warm, dark) to full agreement (cool, light). Lightness
// falls evenly (L* 88, 74, 60, 46, 32 from agreement down; a cell without
// a rating is 96), so the steps stay apart in greyscale; steps are easier to read off the legend than a
// continuous ramp, and the number printed in each cell gives the detail.
var agreement = []struct {
	fill  color.Color
	text  color.Color // white on the two dark steps (8.7:1, 5.2:1), else ink (5.5:1 or more)
	label string
}{
	{color.RGBA{0x87, 0x2b, 0x2a, 0xff}, paper, "0–0.2 disagreement"},
	{color.RGBA{0xb3, 0x4e, 0x2d, 0xff}, paper, "0.2–0.4"},
	{color.RGBA{0xaa, 0x8b, 0x66, 0xff}, ink, "0.4–0.6"},
	{color.RGBA{0x75, 0xc1, 0xd3, 0xff}, ink, "0.6–0.8"},
	{color.RGBA{0xbd, 0xe3, 0xf4, 0xff}, ink, "0.8–1 agreement"},
}

// step is the colour step of an rwg value.
func step(v float64) int {
	return min(len(agreement)-1, max(0, int(v*float64(len(agreement)))))
}

const (
	// bandCols is the most columns drawn side by side: cells stay wide
	// enough for "0.62" at 7 points. More columns wrap into bands stacked
	// below each other (41 questions make three bands of 14).
	bandCols = 15
	// rowHeight is a cell's height when the chart is taller than the
	// standard 8 cm; two lines of a row's name fit.
	rowHeight = 0.7 * vg.Centimeter
	// rowLabelWidth is the most room a row's name takes at the left.
	rowLabelWidth = 4.2 * vg.Centimeter
)

// Heatmap draws agreement per failure mode (rows) and question (columns):
// each cell coloured by its rwg step and showing its Text, cells without a
// rating light grey with "–". Many columns wrap into bands, so the chart
// grows taller rather than its cells too narrow to read.
func Heatmap(title string, rows, cols []string, cells [][]Cell) (Chart, error) {
	if len(rows) == 0 || len(cols) == 0 {
		return Chart{}, fmt.Errorf("%w: Heatmap needs at least one row and one column", ErrEmpty)
	}
	if len(cells) != len(rows) {
		return Chart{}, fmt.Errorf("chart: Heatmap has %d rows of cells for %d row names", len(cells), len(rows))
	}
	for r, row := range cells {
		if len(row) != len(cols) {
			return Chart{}, fmt.Errorf("chart: Heatmap row %d (%q) has %d cells for %d columns", r, clean(rows[r]), len(row), len(cols))
		}
		for c, cell := range row {
			if !cell.Missing && !finite(cell.Value) {
				return Chart{}, fmt.Errorf("chart: Heatmap cell %d,%d has a value that is not a number", r, c)
			}
		}
	}

	bands := (len(cols) + bandCols - 1) / bandCols
	per := (len(cols) + bands - 1) / bands
	plots := make([][]*plot.Plot, bands)
	for b := range bands {
		lo, hi := b*per, min(len(cols), (b+1)*per)
		plots[b] = []*plot.Plot{band(rows, cols[lo:hi], cells, lo, per)}
	}
	items := []legendItem{{label: "agreement (rwg):"}}
	for _, s := range agreement {
		items = append(items, legendItem{s.label, swatch{fill: s.fill}})
	}
	items = append(items, legendItem{"– not rated", swatch{fill: noCell}})

	h := heatmapHeight(len(rows), bands)
	tiles := draw.Tiles{Rows: bands, Cols: 1, PadY: 0.3 * vg.Centimeter}
	return render("heatmap", h, func(c draw.Canvas) {
		c = header(c, title, items)
		for b, cs := range plot.Align(plots, tiles, c) {
			plots[b][0].Draw(cs[0])
		}
	})
}

// heatmapHeight is 8 cm, or more when the rows and bands need it: room
// for the title and legend, and per band its rows and column labels.
func heatmapHeight(rows, bands int) vg.Length {
	return max(height, 2*margin+2*vg.Centimeter+vg.Length(bands)*(vg.Length(rows)*rowHeight+0.9*vg.Centimeter))
}

// band is the plot of columns cols, which start at column lo of cells,
// laid out for per columns so every band's cells are the same width.
func band(rows, cols []string, cells [][]Cell, lo, per int) *plot.Plot {
	p := newPlot()
	n := len(rows)
	p.X.Min, p.X.Max = -0.5, float64(per)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	p.X.Tick.Marker = nominal(p.X.Tick.Label, cols, 1*vg.Centimeter, 1)
	p.Y.Tick.Marker = nominal(p.Y.Tick.Label, reversed(rows), rowLabelWidth, 2)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Length, a.Width, a.Padding = 0, 0, 3
	}
	g := grid{rows: n, cells: make([][]Cell, n)}
	for r := range cells {
		g.cells[r] = cells[r][lo : lo+len(cols)]
	}
	p.Add(g)
	return p
}

// grid is a plot.Plotter that draws the cells of one band.
type grid struct {
	rows  int
	cells [][]Cell
}

// Plot implements plot.Plotter: a filled box per cell with a thin white
// gap around it, and the cell's text centred in the colour that reads on
// its fill.
func (g grid) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for r, row := range g.cells {
		y := float64(g.rows - 1 - r) // the first row at the top
		for col, cell := range row {
			x := float64(col)
			box := vg.Rectangle{
				Min: vg.Point{X: snap(trX(x-0.5) + 1), Y: snap(trY(y-0.5) + 1)},
				Max: vg.Point{X: snap(trX(x+0.5) - 1), Y: snap(trY(y+0.5) - 1)},
			}
			sty := style(smallSize, false, ink)
			sty.XAlign, sty.YAlign = text.XCenter, text.YCenter
			label := "–"
			if cell.Missing {
				c.FillPolygon(noCell, corners(box))
				edge := vg.Rectangle{Min: box.Min.Add(vg.Point{X: 0.25, Y: 0.25}), Max: box.Max.Sub(vg.Point{X: 0.25, Y: 0.25})}
				c.StrokeLines(draw.LineStyle{Color: noEdge, Width: 0.5}, append(corners(edge), edge.Min))
				sty.Color = subtle
			} else {
				s := agreement[step(cell.Value)]
				c.FillPolygon(s.fill, corners(box))
				sty.Color = s.text
				label = fit(cell.Text, sty, box.Size().X-2, 1)
			}
			c.FillText(sty, vg.Point{X: (box.Min.X + box.Max.X) / 2, Y: (box.Min.Y + box.Max.Y) / 2}, label)
		}
	}
}

// snap rounds a length to whole pixels of the PNG (half points at 144
// dpi), so cell edges are sharp rather than blended: crisper, and the PNG
// compresses to less than half.
func snap(l vg.Length) vg.Length {
	const px = vg.Inch / dpi
	return vg.Length(math.Round(float64(l/px))) * px
}
