// Package safetext makes user-typed text safe to draw on a terminal: escape
// sequences and control characters are removed, so a note cannot move the
// cursor, change colours or clear the screen.
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
