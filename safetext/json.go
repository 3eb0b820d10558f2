package safetext

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// JSONDisplay rewrites JSON that encoding/json wrote, for output that
// people or dashboards show: inside strings, escaped controls other than
// newline and tab become their pictures (\u001b as ␛, \r dropped so CRLF
// reads as a line break), raw C1 controls become �, and bidirectional
// controls are removed. Keys, numbers and structure are left as they are.
func JSONDisplay(encoded []byte) []byte {
	return rewriteJSON(encoded, writeDisplayed)
}

// Display is s as JSONDisplay leaves it: line breaks and tabs kept, other
// controls as their pictures, \r and bidirectional controls dropped, line
// and paragraph separators as spaces.
func Display(s string) string {
	if plainASCII(s) {
		return s
	}
	var b bytes.Buffer
	for _, r := range s {
		writeDisplayed(&b, r)
	}
	return b.String()
}

func writeDisplayed(out *bytes.Buffer, r rune) {
	switch {
	case r == '\n' || r == '\t':
		out.WriteRune(r)
	case r == '\r' || unicode.Is(unicode.Bidi_Control, r):
	case r == '\u2028' || r == '\u2029':
		out.WriteByte(' ')
	case Hazard(r):
		out.WriteRune(controlPicture(r))
	default:
		out.WriteRune(r)
	}
}

// JSONEscape rewrites JSON that encoding/json wrote, for output that seam
// or a script reads back (a bundle): every hazard inside a string is
// written as a \u escape. The decoded text is exactly what it was; the file
// itself holds no raw C1 control or bidirectional override to act on a
// terminal or an editor that shows it.
func JSONEscape(encoded []byte) []byte {
	return rewriteJSON(encoded, func(out *bytes.Buffer, r rune) {
		switch {
		case r == '\r':
			out.WriteString(`\r`)
		case Hazard(r):
			fmt.Fprintf(out, `\u%04x`, r)
		default:
			out.WriteRune(r)
		}
	})
}

// rewriteJSON passes every control, hazard and non-ASCII character inside
// a string of valid JSON to char, decoded, and copies everything else.
// Newlines and tabs stay the escapes \n and \t; escapes that are not
// controls (\", \\, \/, \u003c) are copied as they are.
func rewriteJSON(encoded []byte, char func(*bytes.Buffer, rune)) []byte {
	if !needsRewrite(encoded) {
		return encoded
	}
	var out bytes.Buffer
	out.Grow(len(encoded) + len(encoded)/16)
	inString := false
	for i := 0; i < len(encoded); {
		c := encoded[i]
		switch {
		case !inString:
			inString = c == '"'
			out.WriteByte(c)
			i++
		case c == '"':
			inString = false
			out.WriteByte(c)
			i++
		case c == '\\' && i+1 < len(encoded):
			n, r := escapeAt(encoded[i:])
			if r == '\n' || r == '\t' || r < 0 || !Hazard(r) {
				out.Write(encoded[i : i+n])
			} else {
				char(&out, r)
			}
			i += n
		case c < utf8.RuneSelf && c != 0x7f:
			out.WriteByte(c)
			i++
		default: // DEL or the start of a multi-byte character
			r, n := utf8.DecodeRune(encoded[i:])
			char(&out, r)
			i += n
		}
	}
	return out.Bytes()
}

// escapeAt reads the escape at the start of b: its length, and the
// character it stands for when that is a control (else -1).
func escapeAt(b []byte) (int, rune) {
	switch b[1] {
	case 'n':
		return 2, '\n'
	case 't':
		return 2, '\t'
	case 'r':
		return 2, '\r'
	case 'b':
		return 2, '\b'
	case 'f':
		return 2, '\f'
	case 'u':
		if len(b) >= 6 {
			if v, err := strconv.ParseUint(string(b[2:6]), 16, 32); err == nil {
				return 6, rune(v)
			}
		}
		return len(b), -1
	}
	return 2, -1
}

// needsRewrite reports JSON with a backslash, DEL or a non-ASCII byte:
// without any, no string can hold a hazard.
func needsRewrite(b []byte) bool {
	for _, c := range b {
		if c == '\\' || c >= 0x7f {
			return true
		}
	}
	return false
}
