package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// storedFollowUp stores a self-assessment of Acme Logistics with every
// question answered and its follow-up, answered so that m1.q1 went up two
// levels, m2.q1 down one and the rest stayed, but for m6, which the
// follow-up left half answered. It returns both ids.
func storedFollowUp(t testing.TB, s *store.Store) (first, second string) {
	t.Helper()
	first = create(t, s, "Acme Logistics")
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	then, now := map[string]assessment.Answer{}, map[string]assessment.Answer{}
	for i, q := range inst.Questions() {
		level := 1 + i%3
		then[q.ID] = assessment.Answer{Kind: assessment.Level, Level: level}
		if q.Mode != "m6" || i%2 == 0 {
			now[q.ID] = then[q.ID]
		}
	}
	now["m1.q1"] = assessment.Answer{Kind: assessment.Level, Level: then["m1.q1"].Level + 2}
	now["m2.q1"] = assessment.Answer{Kind: assessment.Level, Level: then["m2.q1"].Level - 1}
	require.NoError(t, saved(s.SaveAnswers(first, "", then)))
	next, err := s.Reassess(first, store.ReassessOptions{Title: "Q4 check"})
	require.NoError(t, err)
	require.NoError(t, saved(s.SaveAnswers(next.ID, "", now)))
	return first, next.ID
}

// onFollowUp lists home with the cursor on the follow-up.
func onFollowUp(t testing.TB, a *App, second string) {
	t.Helper()
	goHome(a)
	for a.home.list[a.home.cursor].ID != second {
		press(a, "down")
	}
}

func TestCompareScreenShowsWhatMovedSinceThePreviousAssessment(t *testing.T) {
	a := newApp(t, openStore(t), 100, 60)
	first, second := storedFollowUp(t, a.be.Store())
	onFollowUp(t, a, second)
	press(a, "r")
	_, helpLine := a.screen.view(a)
	assert.Contains(t, helpKeys(helpLine), "C", "a follow-up's results offer the comparison")
	press(a, "C")
	s := on[*compareScreen](t, a)
	assert.Equal(t, first, s.c.Before.ID)
	assert.Equal(t, second, s.c.After.ID)

	view := a.View()
	assert.Contains(t, view, "since last time", "the title bar names the screen")
	assert.Contains(t, view, "then "+first)
	assert.Contains(t, view, "now  "+second)
	assert.Regexp(t, `The index over the 5 of 6 failure modes that compare rose from \d\.\d\d to \d\.\d\d \(\+0\.\d\d\); “Integration`, view)
	assert.Regexp(t, `m1 Integration treated as an IT-only effort +\d\.\d\d +\d\.\d\d +\+0\.\d\d ↑`, view)
	assert.Regexp(t, `m2 Strategy confused with tactical plans +\d\.\d\d +\d\.\d\d +-0\.\d\d ↓`, view)
	assert.Regexp(t, `m6 No plan for integration failure +\d\.\d\d +\d\.\d\d +–`, view)
	assert.Contains(t, view, "m6 not compared: too few answers to compare")
	assert.Contains(t, view, "The overall index here is the mean of the 5 of 6 failure modes that compare")
	assert.Regexp(t, `Moved up the most *\n  m1\.q1 Business ownership of outcomes +1 → 3 \(\+2\)`, view)
	assert.Regexp(t, `Moved down the most *\n  m2\.q1 A distinct strategy document +2 → 1 \(-1\)`, view)
	assert.Contains(t, view, "Questions: 1 up, 1 down, 3 no longer answered, 36 unchanged.")
	assert.Contains(t, view, "Coverage: 100 % (41 of 41) then, 93 % (38 of 41) now.")
	assert.NotContains(t, view, "Agreement", "two self-assessments have no room to agree")

	press(a, "esc")
	on[*resultsScreen](t, a)
	press(a, "C", "p")
	p := on[*previewScreen](t, a)
	require.NotNil(t, p.in.Previous, "the report of a follow-up compares by itself")
	assert.Contains(t, p.vp.View(), "Since last assessment")
}

func TestCompareScreenScrollsAndFitsSmallWindows(t *testing.T) {
	a := newApp(t, openStore(t), 80, 24)
	_, second := storedFollowUp(t, a.be.Store())
	onFollowUp(t, a, second)
	press(a, "r", "C")
	s := on[*compareScreen](t, a)
	require.Greater(t, s.vp.TotalLineCount(), s.vp.Height, "more than one window's worth")
	press(a, "down", "down")
	assert.Equal(t, 2, s.vp.YOffset)
	for _, l := range strings.Split(a.View(), "\n") {
		assert.LessOrEqual(t, lipgloss.Width(l), 80, "%q", l)
	}
	a.Update(tea.WindowSizeMsg{Width: 90, Height: 24})
	assert.Equal(t, 2, on[*compareScreen](t, a).vp.YOffset, "a resize keeps the place")
}

func TestCompareNeedsAPreviousAssessment(t *testing.T) {
	a := newApp(t, openStore(t), 80, 24)
	id := create(t, a.be.Store(), "Acme Logistics")
	goHome(a)
	press(a, "r")
	_, helpLine := a.screen.view(a)
	assert.NotContains(t, helpKeys(helpLine), "C", "only a follow-up offers it")
	press(a, "C")
	on[*resultsScreen](t, a)
	assert.Equal(t, id+" has no previous assessment to compare with: it is not a follow-up (R on home starts one, or seam reassess "+id+")", a.err)
}

// A previous assessment gone since the follow-up was opened: the
// comparison says so and the results stay.
func TestCompareWithAPreviousAssessmentGoneSaysSo(t *testing.T) {
	a := newApp(t, openStore(t), 80, 24)
	first, second := storedFollowUp(t, a.be.Store())
	onFollowUp(t, a, second)
	press(a, "r")
	require.NoError(t, a.be.Store().Delete(first))
	press(a, "C")
	on[*resultsScreen](t, a)
	assert.Contains(t, a.err, "the comparison with "+first+" cannot be shown: no such assessment")
}

func TestCompareTwoWorkshopsShowsTheRoomsAgreement(t *testing.T) {
	a := newApp(t, openStore(t), 120, 60)
	workshopFixture(t, a)
	w := a.home.list[0].ID
	next, err := a.be.Store().Reassess(w, store.ReassessOptions{})
	require.NoError(t, err)
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	for i, name := range []string{"Ann", "Bo", "Cy"} {
		answers := map[string]assessment.Answer{}
		for _, q := range inst.Modes[0].Questions {
			answers[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 2 + i%2}
		}
		require.NoError(t, saved(a.be.Store().SaveAnswers(next.ID, name, answers)))
	}
	onFollowUp(t, a, next.ID)
	press(a, "enter") // a workshop opens on its participants
	a.Update(showResults{})
	drain(a)
	press(a, "C")
	view := a.View()
	assert.Contains(t, view, "Agreement (rwg)")
	assert.Regexp(t, `m1 Integration treated as an IT-only effort +\d\.\d\d +\d\.\d\d +[-+]?\d\.\d\d [↑↓→] +\d\.\d\d → \d\.\d\d \([-+]?\d\.\d\d\)`, view)

	// Its report compares too; showing names keeps the comparison.
	press(a, "p")
	p := on[*previewScreen](t, a)
	require.NotNil(t, p.in.Previous)
	assert.True(t, p.in.Anonymous, "a workshop's preview names people by function at first")
	press(a, "i")
	assert.False(t, p.in.Anonymous)
	require.NotNil(t, p.in.Previous, "i changes how people are named, nothing else")
	assert.Contains(t, p.vp.View(), "Since last assessment")
}

// The preview reads its report through the backend: a follow-up's
// compares with the previous assessment, the register is in it, names
// hidden and shown keep both, and the file saved is what was shown.
func TestThePreviewShowsTheComparisonAndTheRegisterAndSavesThem(t *testing.T) {
	dir := t.TempDir()
	a := newApp(t, openStore(t), 100, 40)
	_, second := storedFollowUp(t, a.be.Store())
	owner := "Jo"
	_, err := a.be.Store().AdoptAction(second, "m1.q2", "m1.q2.a1", assessment.ActionUpdate{Owner: &owner})
	require.NoError(t, err)
	onFollowUp(t, a, second)
	press(a, "p")
	p := on[*previewScreen](t, a)
	require.NotNil(t, p.in.Previous)
	require.NotNil(t, p.in.Register)
	p.save(a, filepath.Join(dir, "acme.md")) // as the save prompt does once confirmed
	drain(a)
	data, err := os.ReadFile(filepath.Join(dir, "acme.md"))
	require.NoError(t, err)
	assert.Contains(t, string(data), "## Changes since last assessment")
	assert.Contains(t, string(data), "## Action register")
}

// helpKeys are the keys a screen's help line shows.
func helpKeys(b bindings) []string {
	var out []string
	for _, k := range b.ShortHelp() {
		out = append(out, k.Help().Key)
	}
	return out
}
