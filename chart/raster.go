package chart

import (
	"image"
	"image/color"
	"math"

	"git.sr.ht/~sbinet/gg"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// raster is gonum's image canvas with quicker text. vgimg draws every
// glyph through gg's general affine transform with a font face made anew
// for each string; that was a third of the time of drawing all four
// charts. Here upright text (all of it but the rotated axis titles) is
// drawn by x/image/font's Drawer straight onto the image, with one face
// per font and size, the same glyph outlines at the same positions.
// Anything turned, moved or scaled goes to vgimg as before.
type raster struct {
	*vgimg.Canvas
	img   *image.RGBA
	dpi   float64
	h     float64 // the canvas height in pixels, where vgimg flips y
	state []rasterState
	faces map[font.Font]xfont.Face
}

// rasterState is what Push saves and Pop restores.
type rasterState struct {
	color color.Color
	moved bool // a Rotate, Translate or Scale is in effect
}

func newRaster(w, h vg.Length) *raster {
	// vgimg would draw on a copy of a new image; giving it the image and
	// gg's context for it saves allocating and copying 1.6 MB per chart.
	img := image.NewRGBA(image.Rect(0, 0, int(w.Dots(dpi)+0.5), int(h.Dots(dpi)+0.5)))
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY() // as vgimg does for a context of its own: y grows upwards
	c := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi))
	_, ch := c.Size()
	return &raster{
		Canvas: c,
		img:    img,
		dpi:    dpi,
		h:      ch.Dots(dpi),
		state:  []rasterState{{color: color.Black}},
		faces:  map[font.Font]xfont.Face{},
	}
}

func (r *raster) top() *rasterState { return &r.state[len(r.state)-1] }

// SetColor implements vg.Canvas.
func (r *raster) SetColor(c color.Color) {
	r.top().color = c
	r.Canvas.SetColor(c)
}

// Push implements vg.Canvas.
func (r *raster) Push() {
	r.state = append(r.state, *r.top())
	r.Canvas.Push()
}

// Pop implements vg.Canvas.
func (r *raster) Pop() {
	if len(r.state) > 1 {
		r.state = r.state[:len(r.state)-1]
	}
	r.Canvas.Pop()
}

// Rotate implements vg.Canvas.
func (r *raster) Rotate(a float64) {
	r.top().moved = true
	r.Canvas.Rotate(a)
}

// Translate implements vg.Canvas.
func (r *raster) Translate(pt vg.Point) {
	r.top().moved = true
	r.Canvas.Translate(pt)
}

// Scale implements vg.Canvas.
func (r *raster) Scale(x, y float64) {
	r.top().moved = true
	r.Canvas.Scale(x, y)
}

// FillString implements vg.Canvas.
func (r *raster) FillString(f font.Face, pt vg.Point, s string) {
	st := r.top()
	if st.moved || f.Font.Size == 0 || f.Face == nil {
		r.Canvas.FillString(f, pt, s)
		return
	}
	face, ok := r.faces[f.Font]
	if !ok {
		var err error
		face, err = opentype.NewFace(f.Face, &opentype.FaceOptions{Size: f.Font.Size.Points(), DPI: r.dpi})
		if err != nil {
			r.Canvas.FillString(f, pt, s)
			return
		}
		r.faces[f.Font] = face
	}
	d := xfont.Drawer{
		Dst:  r.img,
		Src:  image.NewUniform(st.color),
		Face: face,
		Dot:  fixed.Point26_6{X: fix(pt.X.Dots(r.dpi)), Y: fix(r.h - pt.Y.Dots(r.dpi))},
	}
	d.DrawString(s)
}

func fix(v float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(v * 64)) }
