// Package safetext holds seam's one policy for text that users typed (and
// custom instruments, bundles and edited databases carry), whatever channel
// it leaves by. The hazards are the characters that act instead of being
// shown: C0 and C1 controls, DEL, bidirectional overrides, isolates and
// marks, and the Unicode line and paragraph separators (see Hazard).
//
//   - On a terminal (Line, Block), escape sequences and hazards are removed,
//     so a note cannot move the cursor, change colours, clear the screen or
//     reorder what is drawn after it.
//   - In a document (Inert, used for Markdown), controls are shown as their
//     pictures (ESC as ␛), so what was typed stays visible and does nothing.
//   - In a spreadsheet cell (Cell), hazards other than line breaks are removed.
//   - In JSON meant for display (JSONDisplay) controls become pictures and
//     bidirectional controls are removed; in JSON meant to be read back
//     (JSONEscape) every hazard is written as a \u escape, so the text is kept
//     exactly and no raw hazard sits in the file.
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
		case Hazard(r):
			// dropped: C0, DEL, C1 (including a lone CSI), line separators and bidi controls
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Hazard reports a character that acts on a display instead of being shown:
// a C0 or C1 control (a lone U+009B starts an escape sequence on many
// terminals), DEL, a bidirectional control (U+202E turns "gnp.exe" into
// "exe.png") or a line or paragraph separator.
func Hazard(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r)
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
		case Hazard(r):
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

// Cell returns s for a spreadsheet cell: line breaks stay (CSV quoting
// carries them), separators become spaces, other hazards are removed.
func Cell(s string) string {
	if plainASCII(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\u2028' || r == '\u2029':
			return ' '
		case Hazard(r):
			return -1
		}
		return r
	}, s)
}
