package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
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
	text := joined(lines)
	// m6 has 4 of its 6 questions answered: the index is not rated, and
	// says why instead of a level name.
	require.False(t, in.Scorecard.Rated)
	assert.Regexp(t, `^Overall index \d\.\d\d \(provisional; not rated yet: m6 has 5 of 7 answered\) ·\n  coverage \d+ % · weakest: m6 \(\d\.\d\d\)\n`, text)
	assert.NotContains(t, text, "staged", "one headline number")
	assert.Contains(t, text, "don't know (counted as 1)")
	assert.Regexp(t, `\n  m6  No plan for integration failure +[█░┃]{12} \d\.\d\d provisional +5/7  \d high\n      5 of 7 answered, 6 needed to rate it\n`, text)
	assert.Regexp(t, `\n  m1  Integration treated as an IT-o… +[█░┃]{12} \d\.\d\d Developing +7/7  \d high\n`, text, "a rated mode has its level name")
}

func TestPlanLinesInPlanOrder(t *testing.T) {
	in := fixture(t)
	full := PlanLines(in.Plan, in.Scorecard, plainPalette(), 0, true)
	short := PlanLines(in.Plan, in.Scorecard, plainPalette(), 80, false)
	var order []string
	for _, l := range short {
		assert.LessOrEqual(t, lipgloss.Width(l.Text), 80)
		if l.Subject != "" {
			order = append(order, l.Subject)
		}
	}
	require.Len(t, order, len(in.Plan.Items))
	for i, it := range in.Plan.Items {
		assert.Equal(t, ItemSubject(it), order[i])
	}
	assert.Greater(t, len(full), len(short), "the full plan adds owners, KPI and why")
	text := joined(full)
	assert.Regexp(t, `\n +\d+\. m3\.q1 Named owners and stewards per critical data domain  \[level 1 → 2 · effort M · priority 4\.50\]\n`, text)
	assert.Contains(t, text, "      Owners: Executive sponsor (business), Value-stream owner (business) and Data governance lead (data)\n")
	assert.Contains(t, text, "      Done when: The register lists every critical data domain with an owner and a steward, and the governance body minutes record its approval.\n")
	assert.Contains(t, text, "      Decision: Appoint an accountable business owner for each critical data domain.\n")
	assert.Regexp(t, `\nNow \(0-90 days\) · \d of 6 effort points\n`, text, "each horizon with the capacity it uses")
	assert.Contains(t, text, "\n      Horizon: ", "why it sits in its horizon")

	empty := PlanLines(assessment.Plan{}, in.Scorecard, plainPalette(), 0, true)
	assert.Equal(t, "  No plan item yet, but the assessment is not complete: 1 question is unanswered and 2 are \"don't know\"; answer them to see the gaps.",
		empty[len(empty)-1].Text, "never \"nothing to remediate\" while a question is open")
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
		for _, h := range []string{"Decision summary", "Scorecard", "Workshop: where the room agrees and where it does not", "Remediation roadmap", "Findings by failure mode", "Appendix: method and every answer", "Method"} {
			assert.Contains(t, view, "\n"+h+"\n", "section %q at %d columns", h, width)
		}
		// No number is broken from its unit or its decimals, and no list
		// item loses its number.
		lines := strings.Split(view, "\n")
		for i, l := range lines {
			assert.False(t, strings.HasPrefix(strings.TrimSpace(l), "%"), "line %d starts with its number's unit: %q", i, l)
			if i > 0 {
				prev := strings.TrimRight(lines[i-1], " ")
				assert.False(t, regexp.MustCompile(`\d\.$`).MatchString(prev) && regexp.MustCompile(`^\s*\d`).MatchString(l),
					"a number broken across lines %d-%d: %q / %q", i-1, i, prev, l)
			}
		}
		assert.NotContains(t, view, "**", "no Markdown syntax on screen")
		assert.NotContains(t, view, "| ---", "no Markdown tables on screen")
	}
	wide := Preview(fixture(t), plainPalette(), 100)
	assert.Regexp(t, `Start with business outcomes +31 % +21/23  ███░░░░░░░`, wide, "a table that fits keeps its columns")
	assert.Contains(t, wide, "m3.q1 Named owners and stewards per critical data domain\n  Answer: 1 Initial\n", "a table too wide becomes records")
}

func TestPreviewMakesUserTextInert(t *testing.T) {
	in := hostileInput(t, "Evil\x1b[2J\x1b]0;pwned\x07 **Corp**")
	view := Preview(in, plainPalette(), 80)
	assert.NotContains(t, view, "\x1b")
	assert.NotContains(t, view, "\x07")
	assert.Contains(t, view, "INTEGRATION STRATEGY ASSESSMENT: EVIL")
	assert.Contains(t, view, "**Corp**", "their asterisks are their text, not bold")
}

// colourPalette draws with true colour, so that widths are counted
// without the escape codes.
func colourPalette() theme.Palette {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.TrueColor)
	return theme.New(r)
}

func results(t *testing.T, p theme.Palette, width int) string {
	t.Helper()
	in := fixture(t)
	var b strings.Builder
	require.NoError(t, Results(&b, p, []string{"Acme Logistics with a rather long name · Q3 self-check of the integration strategy", "Assessment k3f9q2 · self · in-progress · 33/36 questions answered · updated 2026-11-20 16:30"},
		in.Evaluation, true, true, width))
	return b.String()
}

func TestResultsFitTheWidthBetweenWords(t *testing.T) {
	unwrapped := results(t, plainPalette(), 0)
	assert.Regexp(t, `\n +\d+\. m3\.q1 Named owners and stewards per critical data domain  \[level 1 → 2 · effort M · priority 4\.50\]\n`, unwrapped,
		"without a width a line is a line")
	for _, width := range []int{40, 60, 80, 100} {
		for name, p := range map[string]theme.Palette{"plain": plainPalette(), "colour": colourPalette()} {
			out := results(t, p, width)
			for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				assert.LessOrEqual(t, lipgloss.Width(l), width, "%s at %d: %q", name, width, l)
				assert.Equal(t, l, strings.TrimRight(l, " "), "no trailing spaces")
			}
			if name == "plain" {
				// Every word whole and in its order: only the breaks and
				// indentation between them changed (names in the scorecard's
				// rows are cut to fit, so compare from the plan on).
				plan := func(s string) []string { return strings.Fields(s[strings.Index(s, "Remediation plan"):]) }
				assert.Equal(t, plan(unwrapped), plan(out), "at %d", width)
				assert.Equal(t, strings.Fields(unwrapped[:strings.Index(unwrapped, "Overall index")]), strings.Fields(out[:strings.Index(out, "Overall index")]),
					"the heading's words at %d", width)
			}
		}
	}
}

func TestResultsIndentContinuationsUnderTheirText(t *testing.T) {
	out := results(t, plainPalette(), 60)
	// An item's title goes on under the title, its terms whole on a line
	// of their own when they do not fit after it.
	assert.Regexp(t, `\n +\d+\. m5\.q2 External partners advise and execute within the\n`+
		`            internal framework\n`+
		`            \[level 3 → 4 · effort M · priority 1\.00\]\n`, out)
	// Terms that fit after the title's last line stay on it.
	assert.Regexp(t, `\n +\d+\. m3\.q1 Named owners and stewards per critical data\n`+
		`            domain  \[level 1 → 2 · effort M · priority 4\.50\]\n`, out)
	// What to do goes on under itself; a labelled line under its text.
	assert.Contains(t, out, "      Agree the list of critical data domains, name an\n"+
		"      accountable business owner and a day-to-day steward\n")
	assert.Contains(t, out, "      KPI: Median days from a business integration request\n"+
		"           to a funding decision: under 30 days within 2\n")
	assert.Contains(t, out, "      Done when: The register lists every critical data\n"+
		"                 domain with an owner and a steward, and the\n")
	// A heading goes on two cells in.
	assert.Contains(t, out, "Acme Logistics with a rather long name · Q3 self-check of\n  the integration strategy\n")
	// The scorecard's rows are cut, not wrapped, from 58 columns up.
	assert.Regexp(t, `\n  m6  No plan fo… +[█░┃]{12} \d\.\d\d provisional +5/7  \d high\n`, out)
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name, in string
		width    int
		want     string
	}{
		{"fits", "short line\n", 20, "short line\n"},
		{"at spaces, indented two more", "  one two three four five six\n", 17, "  one two three\n    four five six\n"},
		{"spaces inside a line kept", "a  b   c\n", 20, "a  b   c\n"},
		{"no newline kept none", "one two three", 9, "one two\n  three"},
		{"a word longer than a line is broken", "abcdefghijklmnopqrstuvwxyz end", 10, "abcdefghij\n  klmnopqr\n  stuvwxyz\n  end"},
		{"no width, no wrapping", "one two three", 0, "one two three"},
		{"a number keeps its unit", "cut by 61 % within", 10, "cut by\n  61 %\n  within"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Wrap(tc.in, tc.width))
		})
	}
}

func TestWrapKeepsStylesAndCountsCellsNotBytes(t *testing.T) {
	p := colourPalette()
	s := p.Bold.Render("Overall index") + " " + p.Subtle.Render("Coverage 34/36 (94 %) · 2 don't know · 7 unverified")
	out := Wrap(s, 30)
	for _, l := range strings.Split(out, "\n") {
		assert.LessOrEqual(t, lipgloss.Width(l), 30, "%q", l)
	}
	assert.Equal(t, strings.Fields(ansi.Strip(s)), strings.Fields(ansi.Strip(out)))
	assert.Contains(t, out, "\x1b[", "the styles are kept")
}
