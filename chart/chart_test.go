package chart

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// drawn is what a test reads back from a chart's SVG.
type drawn struct {
	elements map[string]int // element name → count
	texts    []string       // the text nodes, in order
	fills    map[string]int // fill colour (#RRGGBB) of filled paths → count
	strokes  map[string]int // stroke-width of stroked paths → count
}

// parseSVG reads an SVG strictly with encoding/xml; a label that broke
// the markup fails here.
func parseSVG(t *testing.T, svg []byte) drawn {
	t.Helper()
	d := drawn{elements: map[string]int{}, fills: map[string]int{}, strokes: map[string]int{}}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "the SVG is not well-formed XML")
		switch tok := tok.(type) {
		case xml.StartElement:
			d.elements[tok.Name.Local]++
			inText = tok.Name.Local == "text"
			if inText {
				d.texts = append(d.texts, "")
			}
			for _, a := range tok.Attr {
				if a.Name.Local != "style" || tok.Name.Local != "path" {
					continue
				}
				st := styleMap(a.Value)
				if f := st["fill"]; f != "none" && f != "" {
					d.fills[f]++
				}
				if w := st["stroke-width"]; st["stroke"] != "" && st["stroke"] != "none" {
					d.strokes[w]++
				}
			}
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				d.texts[len(d.texts)-1] += string(tok)
			}
		}
	}
	return d
}

func styleMap(s string) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.Split(s, ";") {
		k, v, _ := strings.Cut(kv, ":")
		m[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return m
}

func (d drawn) hasText(s string) bool {
	for _, t := range d.texts {
		if t == s {
			return true
		}
	}
	return false
}

func (d drawn) countText(s string) int {
	n := 0
	for _, t := range d.texts {
		if t == s {
			n++
		}
	}
	return n
}

// checkPNG decodes the PNG and checks its size: 16 cm wide at 144 dpi,
// 907 pixels, and h high.
func checkPNG(t *testing.T, b []byte, h vg.Length) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, 907, img.Bounds().Dx())
	assert.Equal(t, int(h.Dots(dpi)+0.5), img.Bounds().Dy())
	assert.LessOrEqual(t, len(b), 150*1024, "PNG over 150 KB")
	return img
}

// pngOf draws the chart as PNG.
func pngOf(t *testing.T, c Chart) []byte {
	t.Helper()
	b, err := c.PNG()
	require.NoError(t, err)
	return b
}

// hex is a colour as the SVG writes it.
func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

func TestScores(t *testing.T) {
	bars := sampleScores()
	bars[2] = Bar{Label: bars[2].Label, Missing: true, Target: 3}
	c, err := Scores("Scores", bars)
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	// five bars drawn and the legend's swatch; the missing one has none
	assert.Equal(t, 5+1, d.fills[hex(barFill)])
	// six target marks and the legend's
	assert.Equal(t, 6+1, d.strokes["2.5"])
	for _, v := range []string{"2.43", "3.10", "4.60", "2.90", "5.00", "score", "target", "– no value"} {
		assert.True(t, d.hasText(v), "no %q in %q", v, d.texts)
	}
	assert.Equal(t, 1, d.countText("–"), "the missing bar shows –")
	assert.False(t, d.hasText("1.75"), "a missing bar has no value")
	checkPNG(t, pngOf(t, c), height)
	assert.Contains(t, string(c.SVG), `width="453.54pt" height="226.77pt"`)
}

func TestScoresWithoutTargetsHasNoLegend(t *testing.T) {
	c, err := Scores("Scores", []Bar{{Label: "m1", Value: 3}})
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	assert.Equal(t, 1, d.fills[hex(barFill)])
	assert.False(t, d.hasText("score"))
	assert.Zero(t, d.strokes["2.5"])
}

func TestAlignment(t *testing.T) {
	bars := samplePrinciples()
	bars[1].Missing = true
	bars[0].Target = 80
	c, err := Alignment("Alignment", bars)
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	assert.Equal(t, 5+1, d.fills[hex(barFill)])
	assert.Equal(t, 1+1, d.strokes["2.5"])
	for _, v := range []string{"72 %", "100 %", "12 %", "0 %", "58 %", "–", "Outcomes", "Data as a product", "Alignment (%)"} {
		assert.True(t, d.hasText(v), "no %q in %q", v, d.texts)
	}
	assert.False(t, d.hasText("46 %"))
	// the first principle is at the top: drawn last among the tick labels
	var order []string
	for _, s := range d.texts {
		if s == "Outcomes" || s == "Measurement" {
			order = append(order, s)
		}
	}
	assert.Equal(t, []string{"Measurement", "Outcomes"}, order, "tick labels are drawn from the bottom up")
	checkPNG(t, pngOf(t, c), height)
}

func TestGap(t *testing.T) {
	pairs := samplePairs()
	pairs[0].MissingIT = true
	pairs[3].MissingBusiness = true
	c, err := Gap("Gap", pairs)
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	assert.Equal(t, 5+1, d.fills[hex(business)])
	assert.Equal(t, 5+1, d.fills[hex(itFill)])
	for _, v := range []string{"2.20", "3.50", "1.20", "4.80", "business", "IT", "– no value"} {
		assert.True(t, d.hasText(v), "no %q", v)
	}
	assert.Equal(t, 2, d.countText("–"))
	assert.False(t, d.hasText("3.60"), "a missing IT mean has no value")
	checkPNG(t, pngOf(t, c), height)
}

func TestChanges(t *testing.T) {
	changes := sampleChanges()
	changes[1].MissingBefore = true
	changes[4] = Change{Label: changes[4].Label, MissingBefore: true, MissingAfter: true}
	c, err := Changes("Since last time", "2 May 2026", "20 November 2026", changes)
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	// the bars drawn and the legend's swatch each; a missing score has none
	assert.Equal(t, 4+1, d.fills[hex(earlier)])
	assert.Equal(t, 5+1, d.fills[hex(barFill)])
	for _, v := range []string{"2.10", "2.50", "1.75", "3.40", "2 May 2026", "20 November 2026", "– no value", "Since last time"} {
		assert.True(t, d.hasText(v), "no %q in %q", v, d.texts)
	}
	assert.Equal(t, 3, d.countText("–"), "one – per missing score")
	assert.False(t, d.hasText("3.10"), "a missing earlier score has no value")
	// the earlier bar stands left of the later one
	svg := string(c.SVG)
	assert.Less(t, strings.Index(svg, hex(earlier)), strings.Index(svg, hex(barFill)), "the earlier series is drawn first")
	checkPNG(t, pngOf(t, c), changesHeight)
}

// Under a heading that says what it shows, the Changes chart may go
// without a title: the legend then stands at the top.
func TestChangesWithoutATitle(t *testing.T) {
	titled, err := Changes("Scores", "then", "now", sampleChanges())
	require.NoError(t, err)
	untitled, err := Changes("", "then", "now", sampleChanges())
	require.NoError(t, err)
	d := parseSVG(t, untitled.SVG)
	assert.False(t, d.hasText("Scores"))
	assert.Equal(t, []string{"then", "now"}, d.texts[:2], "the legend comes first")
	assert.True(t, parseSVG(t, titled.SVG).hasText("Scores"))
	checkPNG(t, pngOf(t, untitled), changesHeight)
}

func TestBarsAreDeterministic(t *testing.T) {
	draws := map[string]func() (Chart, error){
		"scores":    func() (Chart, error) { return Scores("s", sampleScores()) },
		"alignment": func() (Chart, error) { return Alignment("a", samplePrinciples()) },
		"gap":       func() (Chart, error) { return Gap("g", samplePairs()) },
		"changes":   func() (Chart, error) { return Changes("c", "then", "now", sampleChanges()) },
	}
	for name, draw := range draws {
		a, err := draw()
		require.NoError(t, err)
		b, err := draw()
		require.NoError(t, err)
		assert.True(t, bytes.Equal(a.SVG, b.SVG), "%s: SVG differs", name)
		assert.True(t, bytes.Equal(pngOf(t, a), pngOf(t, b)), "%s: PNG differs", name)
	}
}

func TestNoBarsIsAClearError(t *testing.T) {
	_, err := Scores("t", nil)
	assert.ErrorIs(t, err, ErrEmpty)
	assert.EqualError(t, err, "chart: nothing to draw: Scores needs at least one bar")
	_, err = Alignment("t", []Bar{})
	assert.ErrorIs(t, err, ErrEmpty)
	_, err = Gap("t", nil)
	assert.ErrorIs(t, err, ErrEmpty)
	_, err = Changes("t", "a", "b", nil)
	assert.ErrorIs(t, err, ErrEmpty)
}

func TestBadValuesAreAnError(t *testing.T) {
	_, err := Scores("t", []Bar{{Label: "m1", Value: math.NaN()}})
	assert.ErrorContains(t, err, `bar 0 ("m1") has a value that is not a number`)
	_, err = Alignment("t", []Bar{{Label: "p", Value: 1, Target: math.Inf(1)}})
	assert.Error(t, err)
	_, err = Gap("t", []Pair{{Label: "m1", Business: math.NaN()}})
	assert.Error(t, err)
	_, err = Changes("t", "a", "b", []Change{{Label: "m1", After: math.Inf(-1)}})
	assert.ErrorContains(t, err, `Changes pair 0 ("m1") has a value that is not a number`)
	_, err = Scores("t", []Bar{{Label: "m1", Value: math.NaN(), Missing: true}})
	assert.NoError(t, err, "a missing value's number is not looked at")
}

func TestOutOfScaleValuesStayOnTheAxis(t *testing.T) {
	c, err := Scores("t", []Bar{{Label: "a", Value: 7, Target: 9}, {Label: "b", Value: -2}})
	require.NoError(t, err)
	d := parseSVG(t, c.SVG)
	assert.True(t, d.hasText("7.00"), "the printed value stays true")
	assert.True(t, d.hasText("-2.00"))
	c, err = Alignment("t", []Bar{{Label: "a", Value: 140}})
	require.NoError(t, err)
	assert.True(t, parseSVG(t, c.SVG).hasText("140 %"))
}

func TestPNGSaysItsResolution(t *testing.T) {
	c, err := Scores("t", sampleScores())
	require.NoError(t, err)
	img := pngOf(t, c)
	i := bytes.Index(img, []byte("pHYs"))
	require.Equal(t, 8+4+4+13+4+4, i, "pHYs follows IHDR")
	assert.Equal(t, uint32(5669), binary.BigEndian.Uint32(img[i+4:]), "144 dpi in pixels per metre")
	assert.Equal(t, byte(1), img[i+12], "the unit is the metre")
}

// TestAPanicWhileDrawingIsAnError: a report loses the figure, with a
// message naming it, not the process; for the PNG too, drawn later.
func TestAPanicWhileDrawingIsAnError(t *testing.T) {
	_, err := render("broken", height, func(draw.Canvas) { panic("no font") })
	require.ErrorContains(t, err, "chart: drawing broken: no font")

	calls := 0
	c, err := render("late", height, func(draw.Canvas) {
		if calls++; calls == 2 {
			panic("out of memory")
		}
	})
	require.NoError(t, err, "the SVG is drawn")
	assert.NotEmpty(t, c.SVG)
	_, err = c.PNG()
	require.ErrorContains(t, err, "chart: drawing late: out of memory")

	_, err = Chart{}.PNG()
	require.ErrorIs(t, err, ErrEmpty, "no chart, no PNG")
}
