package report

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/theme"
)

// plainPalette draws without colour, as with NO_COLOR.
func plainPalette() theme.Palette {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	return theme.New(r)
}

func TestScorecardLinesNameWhatTheyShow(t *testing.T) {
	in := fixture(t)
	lines := ScorecardLines(in.Scorecard, plainPalette(), 80)
	var subjects []string
	for _, l := range lines {
		assert.LessOrEqual(t, lipgloss.Width(l.Text), 80, "%q fits 80 columns", l.Text)
		if l.Subject != "" {
			subjects = append(subjects, l.Subject)
		}
	}
	want := []string{"overall"}
	for _, ms := range in.Scorecard.Modes {
		want = append(want, ms.ID)
	}
	for _, ps := range in.Scorecard.Principles {
		want = append(want, ps.ID)
	}
	assert.Equal(t, want, subjects, "the headline, then each mode, then each principle can be explained")
	assert.Equal(t, "Overall index 2.15 Developing · staged level 1 Initial (weakest: m6)", lines[0].Text)
	for _, l := range lines {
		if l.Subject == "m6" {
			assert.Regexp(t, `^  m6  No plan for integration failure +[█░┃]{12} 1\.50 Initial +4/6  4 high$`, l.Text)
		}
	}
}

func TestPlanLinesInPlanOrder(t *testing.T) {
	in := fixture(t)
	full := PlanLines(in.Plan, plainPalette(), 0, true)
	short := PlanLines(in.Plan, plainPalette(), 80, false)
	var order []string
	for _, l := range short {
		assert.LessOrEqual(t, lipgloss.Width(l.Text), 80)
		if l.Subject != "" {
			order = append(order, l.Subject)
		}
	}
	require.Len(t, order, len(in.Plan.Items))
	for i, it := range in.Plan.Items {
		assert.Equal(t, it.Question, order[i])
	}
	assert.Greater(t, len(full), len(short), "the full plan adds owners, KPI and why")
	text := joined(full)
	assert.Contains(t, text, "   1. m3.q1 Named owners and stewards for critical data domains  [level 1 → 2 · effort S · priority 9.00]\n")
	assert.Contains(t, text, "      Owners: COO (business) + Chief Data Officer (IT)\n")

	empty := PlanLines(assessment.Plan{}, plainPalette(), 80, true)
	assert.Equal(t, "  Every answered question meets its target: nothing to remediate.", empty[len(empty)-1].Text)
}

func joined(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

func TestPreviewShowsTheReportInTheWindow(t *testing.T) {
	for _, width := range []int{60, 100} {
		view := Preview(workshopFixture(t, 5), plainPalette(), width)
		for _, l := range strings.Split(view, "\n") {
			assert.LessOrEqual(t, lipgloss.Width(l), width, "%q fits %d columns", l, width)
		}
		for _, h := range []string{"Executive summary", "Scorecard", "Workshop: where the room agrees and where it does not", "Remediation roadmap", "Findings by failure mode", "Method"} {
			assert.Contains(t, view, "\n"+h+"\n", "section %q at %d columns", h, width)
		}
		assert.NotContains(t, view, "**", "no Markdown syntax on screen")
		assert.NotContains(t, view, "| ---", "no Markdown tables on screen")
	}
	wide := Preview(fixture(t), plainPalette(), 100)
	assert.Regexp(t, `Start with business outcomes +34 % +14/14  ███░░░░░░░`, wide, "a table that fits keeps its columns")
	assert.Contains(t, wide, "m3.q1 Named owners and stewards for critical data domains\n  Answer: 1 Initial\n", "a table too wide becomes records")
}

func TestPreviewMakesUserTextInert(t *testing.T) {
	in := hostileInput(t, "Evil\x1b[2J\x1b]0;pwned\x07 **Corp**")
	view := Preview(in, plainPalette(), 80)
	assert.NotContains(t, view, "\x1b")
	assert.NotContains(t, view, "\x07")
	assert.Contains(t, view, "INTEGRATION STRATEGY ASSESSMENT: EVIL")
	assert.Contains(t, view, "**Corp**", "their asterisks are their text, not bold")
}
