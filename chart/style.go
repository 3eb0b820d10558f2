package chart

import (
	"image/color"
	"strings"
	"sync"
	"unicode/utf8"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/seam-dev/seam/safetext"
)

// The palette. Each colour is chosen by its lightness (CIE L*) so that the
// charts still read when printed in greyscale, and text on it meets the
// WCAG contrast ratios.
var (
	ink      = color.RGBA{0x1a, 0x1a, 0x1a, 0xff} // text and target marks: 17:1 on white
	subtle   = color.RGBA{0x55, 0x55, 0x55, 0xff} // secondary text: 7.5:1 on white
	gridLine = color.RGBA{0xdd, 0xdd, 0xdd, 0xff} // grid lines, out of the way
	barFill  = color.RGBA{0x18, 0x6f, 0xa9, 0xff} // L* 45: the target mark (ink) on it 3.9:1
	business = color.RGBA{0x00, 0x52, 0x85, 0xff} // L* 33, dark
	itFill   = color.RGBA{0xf2, 0xad, 0x71, 0xff} // L* 76, light: apart from business in grey
	earlier  = color.RGBA{0xa6, 0xc8, 0xe2, 0xff} // L* 79, light: apart from barFill (the later score) in grey
)

// Type sizes in points; everything is set in one family.
const (
	titleSize = 11
	textSize  = 8
	smallSize = 7
)

// fonts is the text handler every style uses: plain text (never LaTeX,
// whatever plot.DefaultTextHandler is set to, so a "$" in a label is a
// dollar) over a cache of the Liberation fonts, built when the first
// chart is drawn rather than when seam starts.
var fonts = sync.OnceValue(func() text.Handler {
	return text.Plain{Fonts: font.NewCache(liberation.Collection())}
})

// style is text in Liberation Sans at size points.
func style(size vg.Length, bold bool, c color.Color) text.Style {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = stdfont.WeightBold
	}
	return text.Style{Color: c, Font: f, Handler: fonts()}
}

// newPlot is a plot with seam's fonts and quiet axes and no title: the
// title and legend are drawn above the plot by header, so they never
// cover a bar.
func newPlot() *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the canvas is white already; filling it again costs a full-size raster pass
	p.TextHandler = fonts()
	restyle(&p.Title.TextStyle, titleSize, true, ink)
	restyle(&p.Legend.TextStyle, textSize, false, ink)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		restyle(&a.Label.TextStyle, textSize, false, subtle)
		restyle(&a.Tick.Label, textSize, false, ink)
		a.LineStyle.Color = subtle
		a.Tick.LineStyle.Color = subtle
		a.Padding = 0
	}
	return p
}

// restyle sets a plot text's font, handler and colour and keeps the
// alignment the plot gave it.
func restyle(s *text.Style, size vg.Length, bold bool, c color.Color) {
	n := style(size, bold, c)
	s.Font, s.Handler, s.Color = n.Font, n.Handler, n.Color
}

// clean makes user text safe for one line of a chart: safetext.Line drops
// escape sequences and controls; the two noncharacters that XML forbids
// become the replacement character so the SVG stays well-formed.
func clean(s string) string {
	s = strings.TrimSpace(safetext.Line(s))
	return strings.Map(func(r rune) rune {
		if r == '\uFFFE' || r == '\uFFFF' {
			return utf8.RuneError
		}
		return r
	}, s)
}

// maxRunes is the most of a label that is ever laid out: more would never
// fit, and measuring it would cost time for nothing.
const maxRunes = 300

// fit cleans s and breaks it at spaces into at most lines lines no wider
// than w; what does not fit is cut and marked with "…", so a long name
// shortens instead of running into its neighbour.
func fit(s string, sty text.Style, w vg.Length, lines int) string {
	s = clean(s)
	if r := []rune(s); len(r) > maxRunes {
		s = string(r[:maxRunes])
	}
	words := strings.Fields(s)
	var out []string
	cur := ""
	for len(words) > 0 {
		try := words[0]
		if cur != "" {
			try = cur + " " + words[0]
		}
		if sty.Width(try) <= w {
			cur, words = try, words[1:]
			continue
		}
		if cur == "" { // one word wider than the line: cut it here
			cur, words = words[0], words[1:]
			break
		}
		if len(out)+1 == lines {
			break
		}
		out, cur = append(out, cur), ""
	}
	if len(words) > 0 || sty.Width(cur) > w {
		cur = ellipsis(cur, sty, w)
	}
	return strings.Join(append(out, cur), "\n")
}

// ellipsis is the longest start of s that fits in w with "…" after it,
// found by bisection: widths grow with length.
func ellipsis(s string, sty text.Style, w vg.Length) string {
	r := []rune(s)
	lo, hi := 0, len(r) // the longest start that fits has a length in [lo, hi]
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if sty.Width(string(r[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(r[:lo]), " ") + "…"
}

// legendItem is one entry of a chart's key: a swatch and what it means,
// or (with no thumb) a caption for the entries after it.
type legendItem struct {
	label string
	thumb plot.Thumbnailer
}

// swatch is a legend thumbnail: a filled box with a thin edge.
type swatch struct{ fill color.Color }

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(s.fill, corners(c.Rectangle))
	c.StrokeLines(draw.LineStyle{Color: subtle, Width: 0.5}, append(corners(c.Rectangle), c.Min))
}

// header draws the title (one line, cut to fit; none when it is "") and
// the legend below it, and returns the canvas left for the plot.
func header(c draw.Canvas, title string, items []legendItem) draw.Canvas {
	top := c.Max.Y
	if title != "" { // a chart under a heading that says what it shows may go without
		ts := style(titleSize, true, ink)
		ts.YAlign = text.YTop
		c.FillText(ts, vg.Point{X: c.Min.X, Y: c.Max.Y}, fit(title, ts, c.Size().X, 1))
		top -= ts.Height("Ag") + 4
	}
	if len(items) > 0 {
		top = drawLegend(c, top, items)
	}
	return draw.Crop(c, 0, 0, 0, top-c.Max.Y-4)
}

// drawLegend lays the items out in a row from the left, wrapping when the
// row is full, and returns the y below the last row.
func drawLegend(c draw.Canvas, top vg.Length, items []legendItem) vg.Length {
	ls := style(textSize, false, ink)
	ls.YAlign = text.YCenter
	const box, gap = vg.Length(12), vg.Length(4)
	rowH := ls.Height("Ag") + 3
	x, y := c.Min.X, top-rowH/2
	for _, it := range items {
		label := fit(it.label, ls, c.Size().X/2, 1)
		lead := box + gap
		if it.thumb == nil {
			lead = 0
		}
		w := lead + ls.Width(label) + 3*gap
		if x > c.Min.X && x+w > c.Max.X {
			x, y = c.Min.X, y-rowH
		}
		if it.thumb != nil {
			thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: y - 3.5},
				Max: vg.Point{X: x + box, Y: y + 3.5},
			}}
			it.thumb.Thumbnail(&thumb)
		}
		c.FillText(ls, vg.Point{X: x + lead, Y: y}, label)
		x += w
	}
	return y - rowH/2
}

// corners lists a rectangle's corners anticlockwise from the bottom left.
func corners(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}
