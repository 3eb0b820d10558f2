package chart

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
)

// encodePNG writes img, which is opaque (the canvas starts white), as an
// 8-bit RGB PNG that says its resolution. It
// is image/png's work done for what a chart is: image/png tries five
// filters on every row and keeps the best, which on large flat areas of
// colour gains a few per cent of size and costs half the time of drawing
// a chart; here every row is left unfiltered (runs of one colour
// compress as well either way) and deflated at the fastest level.
func encodePNG(img *image.RGBA, dpi, level int) []byte {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")

	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, RGB; compression, filter and interlace methods 0
	writeChunk(&out, "IHDR", ihdr)

	// pHYs: pixels per metre, so word processors and printers place the
	// image at its size in centimetres instead of at one pixel per point.
	phys := make([]byte, 9)
	perMetre := uint32(float64(dpi)/0.0254 + 0.5)
	binary.BigEndian.PutUint32(phys[0:], perMetre)
	binary.BigEndian.PutUint32(phys[4:], perMetre)
	phys[8] = 1 // the unit is the metre
	writeChunk(&out, "pHYs", phys)

	var data bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&data, level) // the levels used are valid: no error
	row := make([]byte, 1+3*w)                 // row[0] = 0: no filter
	for y := range h {
		pix := img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y):]
		for x, o := 0, 1; x < 4*w; x, o = x+4, o+3 {
			row[o], row[o+1], row[o+2] = pix[x], pix[x+1], pix[x+2]
		}
		_, _ = zw.Write(row) // writes to a bytes.Buffer do not fail
	}
	_ = zw.Close()
	writeChunk(&out, "IDAT", data.Bytes())
	writeChunk(&out, "IEND", nil)
	return out.Bytes()
}

// writeChunk writes a PNG chunk: length, type, data and the CRC of type
// and data.
func writeChunk(out *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	out.WriteString(typ)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}
