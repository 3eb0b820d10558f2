package tui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// withBaselinePath is the test instrument in the 1.1 format whose baseline
// chapter has the coming default's six figures; absolute, as some tests
// change the working directory.
var withBaselinePath, _ = filepath.Abs("../testdata/baseline-1.1.yaml")

// createWithBaseline stores a self-assessment on that instrument.
func createWithBaseline(t testing.TB, s *store.Store, org string) string {
	t.Helper()
	inst, err := questionnaire.Load(withBaselinePath)
	require.NoError(t, err)
	a, err := s.Create(store.NewAssessment{Organization: org, Title: "Q3 check", Kind: store.Self, Instrument: inst,
		Respondent: store.Participant{Name: "Jo", Role: "CIO", Function: "it"}})
	require.NoError(t, err)
	return a.ID
}

// recordFigures records three figures, one as don't know.
func recordFigures(t testing.TB, s *store.Store, id string) {
	t.Helper()
	for f, v := range map[string]assessment.BaselineValue{"run-share": {Value: 62.5}, "integrations": {Value: 140}, "data-trust": {DontKnow: true}} {
		_, err := s.SetBaseline(id, f, &v)
		require.NoError(t, err)
	}
}

func baselineOf(t testing.TB, s *store.Store, id string) map[string]assessment.BaselineValue {
	t.Helper()
	l, err := s.Load(id)
	require.NoError(t, err)
	return l.Baseline
}

// TestTheBaselineChapterJourney: from the first question, g lists the
// chapters with the baseline first (the cursor on chapter 1); the baseline
// takes a value typed, refuses one that breaks a rule under the field and
// saves nothing until it passes, takes don't know typed or with d, and
// clears with del; each shows as saved once committed.
func TestTheBaselineChapterJourney(t *testing.T) {
	s := openStore(t)
	id := createWithBaseline(t, s, "Acme")
	j := start(t, s)
	j.waitFor("Acme")
	j.keys("enter")
	j.waitFor("Optional: g lists the chapters, with a baseline of your own figures first.")
	j.keys("g")
	j.waitForAll("Baseline (optional, not scored)", "0 of 6 recorded", "▸ 1  Integration treated")
	j.keys("up", "enter")
	j.waitFor("skipping any costs nothing")
	j.keys("down", "enter")
	j.waitFor("┃ Integrations in production")
	j.typeText("140")
	j.keys("enter")
	j.waitFor("✓ Saved Integrations in production: 140.")

	j.keys("down", "enter")
	j.waitFor("┃ Point-to-point integrations")
	j.typeText("180")
	j.keys("enter")
	j.waitFor("point-to-point: 180 is more than integrations (140)")
	assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {Value: 140}}, baselineOf(t, s, id), "nothing saved")
	j.keys("ctrl+u")
	j.typeText("90")
	j.keys("enter")
	j.waitFor("✓ Saved Point-to-point integrations: 90.")

	j.keys("down", "d")
	j.waitFor("✓ Saved Integration projects failed or late: don't know.")
	j.keys("backspace")
	j.waitFor("✓ Cleared Integration projects failed or late.")
	j.keys("down", "down", "enter")
	j.waitFor("┃ Executives who trust reporting data")
	j.typeText("don't know")
	j.keys("enter")
	j.waitFor("✓ Saved Executives who trust reporting data: don't know.")
	j.keys("esc")
	j.waitFor("3 of 6 recorded")
	j.quit()
	assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {Value: 140}, "point-to-point": {Value: 90}, "data-trust": {DontKnow: true}},
		baselineOf(t, s, id))
}

// TestBaselineKeys: d records don't know and del clears, each as a job
// whose outcome alone says saved; esc goes back to the chapters; the hint
// on the first question goes once a figure is recorded.
func TestBaselineKeys(t *testing.T) {
	s := openStore(t)
	id := createWithBaseline(t, s, "Acme")
	a := newApp(t, s, 80, 24)
	press(a, "enter", "g")
	assert.Equal(t, 1, on[*chaptersScreen](t, a).cursor, "the cursor starts on chapter 1, not on the baseline")
	view := a.View()
	assert.Less(t, strings.Index(view, "Baseline (optional"), strings.Index(view, "1  Integration treated"), "the baseline comes before chapter 1")
	press(a, "up", "enter", "down", "d")
	on[*baselineScreen](t, a)
	assert.Equal(t, "✓ Saved Integrations in production: don't know.", a.status)
	assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {DontKnow: true}}, baselineOf(t, s, id))
	press(a, "d")
	assert.Equal(t, "Integrations in production is unchanged.", a.status)
	press(a, "delete")
	assert.Equal(t, "✓ Cleared Integrations in production.", a.status)
	press(a, "backspace")
	assert.Equal(t, "Integrations in production is not recorded: nothing to clear.", a.status)
	assert.Empty(t, baselineOf(t, s, id))
	press(a, "up", "d", "esc")
	assert.Equal(t, 0, on[*chaptersScreen](t, a).cursor)
	assert.Contains(t, a.View(), "1 of 6 recorded")
	press(a, "down", "enter")
	assert.Equal(t, 0, on[*questionScreen](t, a).index)
	assert.NotContains(t, a.View(), "Optional: g lists the chapters", "the hint goes once a figure is recorded")
}

// TestSkippingTheBaselineCostsNothing: the figures change no score, no
// progress and no completion; → on the baseline goes on to the questions.
func TestSkippingTheBaselineCostsNothing(t *testing.T) {
	s := openStore(t)
	id := createWithBaseline(t, s, "Acme")
	a := newApp(t, s, 80, 24)
	press(a, "enter", "3", "2", "g", "up", "enter", "right")
	assert.Equal(t, 2, on[*questionScreen](t, a).index, "→ resumes at the first unanswered question")

	before := a.current.Evaluation.Scorecard
	recordFigures(t, s, id)
	goHome(a)
	assert.Equal(t, 2, a.home.list[0].Answered, "figures are not answers")
	press(a, "enter")
	assert.Equal(t, before, a.current.Evaluation.Scorecard, "figures change no score")
	for _, k := range []string{"1", "1"} {
		press(a, k)
	}
	press(a, "enter") // the chapter's summary, then the results
	on[*resultsScreen](t, a)
	goHome(a)
	assert.Equal(t, store.Complete, a.home.list[0].Status, "complete with figures or without")
}

// TestAFigureShowsSavedOnlyOnceCommitted: another seam changed the whole
// since the form checked the part; the save refuses it and says so.
func TestAFigureShowsSavedOnlyOnceCommitted(t *testing.T) {
	s := openStore(t)
	id := createWithBaseline(t, s, "Acme")
	recordFigures(t, s, id)
	j := start(t, s)
	j.waitFor("Acme")
	j.keys("enter", "g", "up", "enter", "down", "down", "enter")
	j.waitFor("┃ Point-to-point integrations")
	j.typeText("90")
	_, err := s.SetBaseline(id, "integrations", &assessment.BaselineValue{Value: 50}) // another terminal, meanwhile
	require.NoError(t, err)
	j.keys("enter")
	j.waitFor("not saved: point-to-point: 90 is more than integrations (50)")
	a := j.quit()
	assert.Empty(t, a.status)
	assert.NotContains(t, baselineOf(t, s, id), "point-to-point")
}

// TestAnInstrumentWithoutABaselineListsChaptersOnly: 1.0.1 has no figures.
func TestAnInstrumentWithoutABaselineListsChaptersOnly(t *testing.T) {
	s := openStore(t)
	create101(t, s, "Acme")
	a := newApp(t, s, 80, 24)
	press(a, "enter")
	assert.NotContains(t, a.View(), "Optional: g lists")
	press(a, "g")
	c := on[*chaptersScreen](t, a)
	assert.NotContains(t, a.View(), "Baseline")
	press(a, "up", "up")
	assert.Equal(t, 1, c.cursor, "no baseline entry to move to")
	press(a, "down", "down", "enter")
	assert.Equal(t, "m3.q1", questions(a)[on[*questionScreen](t, a).index].ID)
}
