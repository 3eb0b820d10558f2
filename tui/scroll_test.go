package tui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/report"
)

// lastLine is the last line of text that is not blank.
func lastLine(text string) string {
	lines := strings.Split(strings.TrimRight(ansi.Strip(text), "\n "), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// TestTheReportPreviewScrollsToItsLastLineUnderAWrappedStatus: a
// workshop's preview whose notes may name someone opens with a status
// that wraps onto three lines at 80 columns; scrolled to its foot, the
// report's last line is on the screen, not under the status.
func TestTheReportPreviewScrollsToItsLastLineUnderAWrappedStatus(t *testing.T) {
	a := hostileRoom(t)
	note := assessment.Answer{Kind: assessment.Level, Level: 1, Note: "Vrelk Ygrath disagrees"}
	require.NoError(t, saved(a.be.Store().SaveAnswers(a.current.ID, "Zyx<script>Quux", map[string]assessment.Answer{"m1.q1": note})))
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(a, "esc", "enter", "p")
	p := on[*previewScreen](t, a)
	require.Equal(t, 2, strings.Count(a.statusView(), "\n"), "the status wraps onto three lines")
	for range 200 {
		press(a, "f")
	}
	want := lastLine(report.Preview(p.in, a.st, min(a.width, 110)-2))
	require.NotEmpty(t, want)
	assert.Contains(t, ansi.Strip(a.View()), want)
}

// TestTheCompareScreenScrollsToItsLastLineUnderAWrappedStatus: scrolled
// to its foot, the comparison keeps its last line on the screen when an
// error that wraps onto several lines comes (a refresh that failed).
func TestTheCompareScreenScrollsToItsLastLineUnderAWrappedStatus(t *testing.T) {
	a := newApp(t, openStore(t), 80, 24)
	_, second := storedFollowUp(t, a.be.Store())
	onFollowUp(t, a, second)
	press(a, "r", "C")
	s := on[*compareScreen](t, a)
	for range 100 {
		press(a, "f")
	}
	a.fail(errors.New(strings.Repeat("the database is busy with another terminal's work ", 4)))
	require.Equal(t, 2, strings.Count(a.statusView(), "\n"), "the error wraps onto three lines")
	want := lastLine(compareText(s.c, a.st, min(a.width, 110)))
	assert.Contains(t, ansi.Strip(a.View()), want)
}
