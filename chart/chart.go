// Package chart draws the report's charts from plain numbers, as SVG for
// HTML and PNG for Markdown, Word and print: failure-mode scores against
// their targets, principle alignment, for a workshop the business-IT gap
// per mode and the agreement heatmap, and each mode's score at two
// assessments side by side.
//
// It takes data, not seam's types, so the report (or anything else) can
// call it, and it depends on nothing in seam but safetext. Drawing uses
// gonum.org/v1/plot: its axes, bar charts and text layout, and its SVG and
// PNG canvases, so no pixel is placed by hand. Every chart has a fixed
// size (16 cm wide, 8 cm high, 3.5 cm for the scores since the last
// assessment, which stand on page one, or more for a tall heatmap), one font family
// (Liberation Sans, metric-compatible with Arial, embedded in the binary),
// colours that stay apart when printed in greyscale, and bytes that depend
// only on the input, so a report written twice is identical.
//
// Nothing is done when the package is initialised; the text handler and
// its font cache are built when the first chart is drawn. gonum/plot's own
// init does parse its Liberation fonts (0.3 ms): importing this package
// adds about 0.6 ms of package initialisation to every seam command
// (GODEBUG=inittrace=1 seam --version). Labels and titles are user or
// instrument text: they pass through safetext.Line, are shortened with "…"
// to fit, and are escaped in the SVG.
package chart

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Chart is one chart: drawn as SVG, and as PNG when PNG is called. The
// PNG is most of the work of a chart (rasterising and compressing it), and
// an HTML page of inline SVG never needs it.
type Chart struct {
	SVG []byte
	png func() ([]byte, error)
}

// PNG draws the chart as PNG: the same picture as the SVG, at 144 dpi.
func (c Chart) PNG() ([]byte, error) {
	if c.png == nil {
		return nil, ErrEmpty
	}
	return c.png()
}

// Bar is one labelled value. Target is drawn as a marker on the same axis
// when > 0. Missing marks a value not known: no bar is drawn, only "–".
type Bar struct {
	Label   string
	Value   float64
	Target  float64
	Missing bool
}

// Pair is one failure mode's mean level as the business side and the IT
// side of a workshop rated it; either may be missing.
type Pair struct {
	Label           string
	Business, IT    float64
	MissingBusiness bool
	MissingIT       bool
}

// ErrEmpty is returned when there is nothing to draw: no bars, pairs, rows
// or columns. A chart of nothing would mislead more than no chart.
var ErrEmpty = errors.New("chart: nothing to draw")

const (
	// width and height are the printed size: the text width of an A4 or
	// Letter page with normal margins, half as high.
	width  = 16 * vg.Centimeter
	height = 8 * vg.Centimeter
	// dpi is the PNG's resolution: 907×454 pixels, sharp on paper and on
	// a high-density screen, well under 150 KB.
	dpi = 144
	// squeezeAbove is the PNG size above which a chart is compressed
	// again, slowly: only a heatmap of many bands gets there, and the
	// fastest level would take it past the 150 KB a document should carry
	// per image.
	squeezeAbove = 100 << 10
	// margin is the white border around everything drawn.
	margin = 3 * vg.Millimeter
)

// render draws paint on an SVG canvas, and hands back a Chart that draws
// it on a PNG canvas of the same size when asked, so both files show the
// same chart. A panic inside the plotting library becomes an error: a
// report should lose one figure, not the whole document.
func render(name string, h vg.Length, paint func(draw.Canvas)) (ch Chart, err error) {
	defer recoverAs(name, &err)
	sc := vgsvg.New(width, h)
	paint(draw.Crop(draw.New(sc), margin, -margin, margin, -margin))
	var svg bytes.Buffer
	if _, err := sc.WriteTo(&svg); err != nil {
		return Chart{}, fmt.Errorf("chart: writing %s as SVG: %w", name, err)
	}
	// gonum indents the SVG's attributes with tabs; spaces mean the same
	// in XML and keep seam's outputs free of control characters.
	return Chart{
		SVG: bytes.ReplaceAll(fontFallback(svg.Bytes()), []byte("\t"), []byte(" ")),
		png: func() (img []byte, err error) {
			defer recoverAs(name, &err)
			ic := newRaster(width, h)
			paint(draw.Crop(draw.New(ic), margin, -margin, margin, -margin))
			img = encodePNG(ic.img, dpi, zlib.BestSpeed)
			if len(img) > squeezeAbove {
				img = encodePNG(ic.img, dpi, zlib.BestCompression)
			}
			return img, nil
		},
	}, nil
}

// recoverAs turns a panic while drawing into *err.
func recoverAs(name string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("chart: drawing %s: %v", name, r)
	}
}

// fontFallback names fonts a viewer may have instead of Liberation Sans:
// the SVG does not embed the font (that would add 400 KB), and Arial and
// Helvetica have the same widths, so labels measured here still fit. The
// match includes the attribute's opening quote, which never occurs in
// text content (the SVG writer escapes quotes), so labels are untouched.
func fontFallback(svg []byte) []byte {
	return bytes.ReplaceAll(svg,
		[]byte(`style="font-family:Liberation Sans;`),
		[]byte(`style="font-family:'Liberation Sans',Arial,Helvetica,sans-serif;`))
}
