package tui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// The room's screens show the level scored for a question (the consensus,
// else the lower median) with the spread beside it, never the median.
func TestTheRoomSeesTheLevelScoredNotTheMedian(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "seam.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	a := newApp(t, s, 100, 30)
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	w, err := s.Create(store.NewAssessment{Organization: "Acme", Kind: store.Workshop, Instrument: inst})
	require.NoError(t, err)
	for _, p := range []struct {
		name, function string
		level          int
	}{{"Ann", "business", 1}, {"Bo", "it", 4}} {
		_, err := s.AddParticipant(w.ID, store.Participant{Name: p.name, Function: p.function})
		require.NoError(t, err)
		require.NoError(t, saved(s.SaveAnswers(w.ID, p.name, map[string]assessment.Answer{
			"m1.q1": {Kind: assessment.Level, Level: p.level}, "m1.q2": {Kind: assessment.Level, Level: p.level}})))
	}
	require.NoError(t, s.SaveConsensus(w.ID, "m1.q2", assessment.Answer{Kind: assessment.Level, Level: 3, Note: "agreed"}))
	require.NoError(t, s.Reveal(w.ID))
	goHome(a)

	press(a, "enter", "m")
	heatmap := ansi.Strip(a.View())
	assert.Contains(t, heatmap, "scored spread  AD")
	assert.Regexp(t, `m1\.q1 +1  4 +1 +3  1\.50\*`, heatmap, "1 and 4: the lower median 1 is scored, not 2.50")
	assert.Regexp(t, `m1\.q2 +1  4 +=3 +3  1\.50\*`, heatmap, "the consensus is scored")
	assert.NotContains(t, heatmap, "2.50")
	assert.NotContains(t, heatmap, "median")

	press(a, "esc", "c")
	queue := ansi.Strip(a.View())
	assert.Contains(t, queue, "scored 1 · spread 3 · business: 1 · it: 4")
	assert.NotContains(t, queue, "median")
}

// The results say what keeps the index from being rated and mark a
// provisional mode; they never call an incomplete assessment done.
func TestTheResultsSayWhatIsMissing(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "seam.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	a := newApp(t, s, 80, 24)
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	self, err := s.Create(store.NewAssessment{Organization: "Acme", Kind: store.Self, Instrument: inst,
		Respondent: store.Participant{Name: "Jo", Function: "it"}})
	require.NoError(t, err)
	answers := map[string]assessment.Answer{}
	for _, m := range inst.Modes {
		for i, q := range m.Questions {
			if m.ID != "m6" || i < 2 {
				answers[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 5}
			}
		}
	}
	answers["m3.q6"] = assessment.Answer{Kind: assessment.DontKnow}
	require.NoError(t, saved(s.SaveAnswers(self.ID, "", answers)))
	goHome(a)
	press(a, "r")
	view := ansi.Strip(a.View())
	assert.Regexp(t, `Overall index \d\.\d\d \(provisional; not rated yet: m6 has 2 of 7 answered\)`, view)
	assert.Contains(t, view, "1 don't know (counted as 1)")
	assert.Regexp(t, `m6  No plan for integration fail… +[█░┃]+ 5\.00 provisional +2/7\n +2 of 7 answered, 6 needed to rate it`, view)
	assert.NotRegexp(t, `Overall index \d\.\d\d [A-Z]`, view, "no level name for an index not rated")
	assert.NotContains(t, view, "nothing to remediate")
}

// TestAChapterNotApplicableSaysWhyInItsColumn: the summary of a gated
// chapter answered n/a as a whole gives the reason, wrapped under itself.
func TestAChapterNotApplicableSaysWhyInItsColumn(t *testing.T) {
	s := openStore(t)
	id := create(t, s, "Acme")
	gate := "No executive technology mandate (such as cloud-first or API-everything) is in force"
	answers := map[string]assessment.Answer{}
	for _, q := range []string{"m4.q1", "m4.q2", "m4.q3", "m4.q4", "m4.q5"} {
		answers[q] = assessment.Answer{Kind: assessment.NotApplicable, Reason: gate}
	}
	require.NoError(t, saved(s.SaveAnswers(id, "", answers)))
	a := newApp(t, s, 80, 24)
	press(a, "enter")
	a.screen = &chapterScreen{mode: "m4"}
	view := a.View()
	flat := strings.Join(strings.Fields(view), " ")
	assert.Contains(t, flat, "Not applicable: No executive technology mandate")
	assert.Contains(t, flat, "This failure mode is left out of the overall index.")
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, "everything") || strings.Contains(l, "left out of the overall") {
			assert.True(t, strings.HasPrefix(l, "  "), "%q is not indented under the reason", l)
		}
	}
}
