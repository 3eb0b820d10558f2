// Package safetext holds seam's one policy for text that users typed (and
// custom instruments carry): before it is drawn on a terminal, escape
// sequences and control characters are removed, so a note cannot move the
// cursor, change colours or clear the screen; in a document, control
// characters are shown as their pictures (ESC as ␛), so what was typed
// stays visible and does nothing.
package safetext

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Line returns s as a single line: escape sequences removed, newlines and
// tabs turned into spaces, other control characters dropped.
func Line(s string) string {
	return clean(s, false)
}

// Block is Line but keeps newlines, for multi-line notes.
func Block(s string) string {
	return clean(s, true)
}

func clean(s string, keepNewlines bool) string {
	if plainASCII(s) {
		return s // nearly all text: nothing to strip
	}
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteRune('\n')
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteRune(' ')
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r):
			// dropped: C0, DEL, C1 (including a lone CSI), line separators and bidi overrides
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainASCII reports text of printable ASCII only, which needs no
// cleaning.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// Inert returns s as one line for a document: control characters become
// their visible pictures, line breaks and tabs become spaces, bidirectional
// overrides are dropped, and the ends are trimmed.
func Inert(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		case unicode.Is(unicode.Bidi_Control, r):
		case unicode.IsControl(r):
			b.WriteRune(controlPicture(r))
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// controlPicture is a control character's visible Unicode picture: C0 as
// U+2400–U+241F, DEL as ␡, C1 as the replacement character.
func controlPicture(r rune) rune {
	switch {
	case r < 0x20:
		return 0x2400 + r
	case r == 0x7f:
		return '␡'
	}
	return '�'
}
