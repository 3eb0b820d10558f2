package tui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// levelsShown joins the question screen's body into one line of words,
// as a reader of the wrapped lines would read it.
func levelsShown(t *testing.T, a *App) string {
	t.Helper()
	body, _ := a.screen.view(a)
	for i, l := range strings.Split(body, "\n") {
		require.LessOrEqual(t, lipgloss.Width(l), a.width, "body line %d is wider than the window: %q", i, l)
	}
	// A word broken after its hyphen ("follow-" / "up") is one word again.
	return strings.ReplaceAll(strings.Join(strings.Fields(body), " "), "- ", "-")
}

func TestTheFullLevelsKeyShowsEveryLevelWhole(t *testing.T) {
	a, _ := onQuestion(t) // 80x24, on m1.q2, level 1 highlighted
	question := questions(a)[on[*questionScreen](t, a).index]
	shown := levelsShown(t, a)
	assert.Contains(t, shown, question.Levels[0], "the highlighted level is whole")
	var cut int
	for _, text := range question.Levels[1:] {
		if !strings.Contains(shown, text) {
			cut++
		}
	}
	assert.Positive(t, cut, "at 80 columns the other levels are cut to one line each")
	assert.Contains(t, shown, "… ", "cut with an ellipsis")
	assert.Contains(t, shown, "f shows every level in full")

	// With f every level is whole; what does not fit the window scrolls
	// into view with the highlight.
	press(a, "f")
	for i, text := range question.Levels {
		assert.Contains(t, levelsShown(t, a), text, "level %d whole", i+1)
		press(a, "down")
	}
	assert.Contains(t, a.View(), "Don't know")
	assert.NotContains(t, a.View(), "Not applicable", "m1.q2 does not take n/a")

	press(a, "right")
	next := questions(a)[on[*questionScreen](t, a).index]
	for i, text := range next.Levels {
		assert.Contains(t, levelsShown(t, a), text, "the next question's level %d: f stays on", i+1)
		press(a, "down")
	}

	press(a, "f")
	assert.NotContains(t, levelsShown(t, a), next.Levels[4], "f again: one line per level")
}

// TestLongLevelsScrollWithTheHighlight shows m5.q2, the longest, in full
// with why it matters in a window of 80x24: what does not fit is marked,
// and the highlighted level is always whole on the screen.
func TestLongLevelsScrollWithTheHighlight(t *testing.T) {
	a, _ := onQuestion(t)
	a.Update(showQuestion{index: 29}) // m5.q2
	press(a, "f", "w")
	question := questions(a)[on[*questionScreen](t, a).index]
	require.Equal(t, "m5.q2", question.ID)
	for i := range question.Levels {
		view := a.View()
		lines := strings.Split(view, "\n")
		require.Len(t, lines, 24)
		shown := levelsShown(t, a)
		assert.Contains(t, shown, question.Levels[i], "the highlighted level %d is whole", i+1)
		assert.Contains(t, shown, question.Text)
		if i == 0 {
			assert.Contains(t, shown, "more lines below")
		}
		if i == len(question.Levels)-1 {
			assert.Contains(t, shown, "more lines above")
		}
		press(a, "down")
	}
}

// TestNotApplicableIsOfferedOnlyWhereAllowed walks the questions of the
// default instrument: n/a is neither shown nor taken on m1.q2; m5.q2
// offers its reason; a question of m4 offers the whole chapter. (The
// journeys complete these forms: TestJourneyNotApplicable.)
func TestNotApplicableIsOfferedOnlyWhereAllowed(t *testing.T) {
	a, id := onQuestion(t) // m1.q2
	view := a.View()
	assert.NotContains(t, view, "Not applicable")
	assert.NotContains(t, view, "a n/a", "the help line does not offer the key")
	assert.Contains(t, view, answeringRule, "the answering rule is under the question")
	press(a, "a")
	assert.Equal(t, "question", kind(a))
	assert.Contains(t, strings.Join(strings.Fields(a.View()), " "), "Not applicable is not offered for m1.q2: pick a level 1-5, or d if you don't know")
	press(a, "up")
	assert.Equal(t, choiceDontKnow, on[*questionScreen](t, a).choice, "up from level 1 wraps to don't know")
	press(a, "enter")
	assert.Equal(t, assessment.DontKnow, answersOf(t, a.be.Store(), id)["m1.q2"].Kind)

	a.Update(showQuestion{index: 29}) // m5.q2
	require.Equal(t, "m5.q2", questions(a)[on[*questionScreen](t, a).index].ID)
	assert.Contains(t, a.View(), "a Not applicable")
	assert.Contains(t, a.View(), "a n/a")
	press(a, "up")
	assert.Equal(t, choiceNA, on[*questionScreen](t, a).choice)
	press(a, "enter")
	require.Equal(t, "form", kind(a))
	form := strings.Join(strings.Fields(a.View()), " ")
	assert.Contains(t, form, "Why does m5.q2 not apply?")
	assert.Contains(t, form, "No consultancy or vendor takes part in integration work: our own staff plan,")
	assert.Contains(t, form, "build and run it", "the reason whole, wrapped")
	assert.Contains(t, form, "Another reason…")
	assert.NotContains(t, form, "whole chapter", "m5 has no gate")
	press(a, "esc")
	assert.Equal(t, "question", kind(a))

	a.Update(showQuestion{index: 25})
	require.Equal(t, "m4.q3", questions(a)[on[*questionScreen](t, a).index].ID)
	press(a, "a")
	require.Equal(t, "form", kind(a))
	form = strings.Join(strings.Fields(a.View()), " ")
	assert.Contains(t, form, "> The whole chapter does not apply (its 5 questions): No executive technology ┃ mandate", "offered first")
	assert.Contains(t, form, "Only m4.q3: No executive technology mandate", "or this question only")
	assert.Contains(t, form, "Another reason…")
}

// TestALegacyInstrumentOffersNotApplicableEverywhere: an assessment made
// on an instrument without na or gates (seam 1.0.0's) is answered as
// before: n/a on any question, with a typed reason.
func TestALegacyInstrumentOffersNotApplicableEverywhere(t *testing.T) {
	s := openStore(t)
	createLegacy(t, s)
	a := newApp(t, s, 80, 24)
	press(a, "enter")
	require.Equal(t, "m1.q1", questions(a)[on[*questionScreen](t, a).index].ID)
	assert.Contains(t, a.View(), "a Not applicable")
	press(a, "a")
	require.Equal(t, "form", kind(a))
	assert.Contains(t, a.View(), "A reason is required", "no reasons to offer: typed at once")
}

// createLegacy stores an assessment on the instrument seam 1.0.0 embedded.
func createLegacy(t *testing.T, s *store.Store) string {
	t.Helper()
	inst, err := questionnaire.Load(filepath.Join("..", "questionnaire", "testdata", "default-1.0.0.yaml"))
	require.NoError(t, err)
	created, err := s.Create(store.NewAssessment{Organization: "Old", Kind: store.Self, Instrument: inst,
		Respondent: store.Participant{Name: "Jo", Function: "it"}})
	require.NoError(t, err)
	return created.ID
}

// TestEvidenceShowsWhatWouldProveTheHighlightedLevel: e shows, under the
// highlighted level, the evidence the instrument names for it, and the
// terms a question uses are defined beside it when the window has room.
func TestEvidenceShowsWhatWouldProveTheHighlightedLevel(t *testing.T) {
	a, _ := onQuestion(t) // m1.q2, level 1 highlighted
	question := questions(a)[on[*questionScreen](t, a).index]
	require.Len(t, question.Evidence, questionnaire.Levels)
	assert.NotContains(t, levelsShown(t, a), "Evidence:")
	assert.Contains(t, a.View(), "e proof", "the help line offers the key")
	press(a, "e")
	assert.Contains(t, levelsShown(t, a), "Evidence: "+question.Evidence[0])
	press(a, "down")
	shown := levelsShown(t, a)
	assert.Contains(t, shown, "Evidence: "+question.Evidence[1], "it follows the highlight")
	assert.NotContains(t, shown, question.Evidence[0])
	press(a, "e")
	assert.NotContains(t, levelsShown(t, a), "Evidence:", "e again hides it")

	big := newApp(t, a.be.Store(), 120, 40)
	press(big, "enter")
	q := questions(big)[on[*questionScreen](t, big).index]
	require.NotEmpty(t, q.Terms(), "%s uses a defined term", q.ID)
	assert.Contains(t, levelsShown(t, big), "“"+q.Terms()[0].Term+"”: "+q.Terms()[0].Meaning)
}

// TestLevelTextsTakeTheWindowsWidth: on the question screen and in the
// consensus form, a level text cut short fills the window at 80, 120 and
// 200 columns (it was cut at 70 characters at 120 columns).
func TestLevelTextsTakeTheWindowsWidth(t *testing.T) {
	for _, w := range []int{80, 120, 200} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			s := openStore(t)
			a := newApp(t, s, w, 40)
			create(t, s, "Acme Logistics")
			goHome(a)
			press(a, "enter")
			a.Update(showQuestion{index: 25}) // m5.q2 has the longest level texts
			widest := func(prefix string) (int, int) {
				cut, most := 0, 0
				for _, l := range strings.Split(a.View(), "\n") {
					if strings.Contains(l, prefix) && strings.HasSuffix(strings.TrimRight(l, " "), "…") {
						cut++
						most = max(most, lipgloss.Width(strings.TrimRight(l, " ")))
					}
				}
				return cut, most
			}
			n, most := widest("  ")
			require.Positive(t, n, "some level is cut at %d columns", w)
			assert.GreaterOrEqual(t, most, w-2, "a cut level fills the window")

			workshopFixture(t, a)
			press(a, "enter", "c", "y", "enter")
			require.Equal(t, "form", kind(a))
			n, most = widest("┃ ")
			if n > 0 {
				assert.GreaterOrEqual(t, most, w-4, "a cut level fills the form")
			}
			question, _ := a.current.Instrument.Question(disputed(a)[0].Question)
			whole := 0
			for _, level := range question.Levels {
				if lipgloss.Width(level) <= w-8 {
					assert.Contains(t, a.View(), level, "a level that fits is shown whole")
					whole++
				}
			}
			assert.Equal(t, len(question.Levels), whole+n, "every level is whole or cut to the form's width")
			for i, l := range strings.Split(a.View(), "\n") {
				assert.LessOrEqual(t, lipgloss.Width(l), w, "line %d", i)
			}
		})
	}
}
