package safetext

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLine(t *testing.T) {
	tests := map[string]string{
		"plain":                       "plain",
		"red \x1b[31malert\x1b[0m":    "red alert",
		"clear\x1b[2Jscreen":          "clearscreen",
		"title\x1b]0;pwned\x07 after": "title after",
		"bell\a and backspace\b":      "bell and backspace",
		"two\nlines\tand tab\r":       "two lines and tab ",
		"c1 \u009b31m csi":            "c1 31m csi",
		"bidi \u202egnp.exe":          "bidi gnp.exe",
		"unicode ünïcödé ✓":           "unicode ünïcödé ✓",
	}
	for in, want := range tests {
		assert.Equal(t, want, Line(in), "%q", in)
	}
}

func TestBlockKeepsNewlines(t *testing.T) {
	assert.Equal(t, "one\ntwo three", Block("one\ntwo\tthree\x1b[1m"))
}

func TestInertShowsControlsAsPictures(t *testing.T) {
	tests := map[string]string{
		"plain":                  "plain",
		"esc \x1b[31m":           "esc ␛[31m",
		"bell\a del\x7f":         "bell␇ del␡",
		" two\nlines\r\n":        "two lines",
		"c1 \u009b csi":          "c1 � csi",
		"bidi \u202egnp.exe":     "bidi gnp.exe",
		"separator\u2028between": "separator between",
	}
	for in, want := range tests {
		assert.Equal(t, want, Inert(in), "%q", in)
	}
}

func BenchmarkLine(b *testing.B) {
	for name, s := range map[string]string{"ascii": "Acme Logistics", "unicode": "Acme Lögistics ✓", "escapes": "Evil\x1b[2JCorp"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Line(s)
			}
		})
	}
}

func TestHazards(t *testing.T) {
	for _, r := range []rune{0, '\x1b', '\a', 0x7f, 0x9b, 0x85, 0x202e, 0x2066, 0x2069, 0x200f, 0x2028} {
		assert.True(t, Hazard(r), "%U", r)
	}
	for _, r := range []rune{' ', 'a', 'é', '✓', 'ع', 0xfffd} {
		assert.False(t, Hazard(r), "%U", r)
	}
}

func TestCellKeepsLineBreaksAndDropsHazards(t *testing.T) {
	assert.Equal(t, "two\nlines  c1 bidi gnp.exe esc[2J", Cell("two\nlines\t\u2028c1\u009b bidi \u202egnp.exe esc\x1b[2J"))
	assert.Equal(t, "plain", Cell("plain"))
}
