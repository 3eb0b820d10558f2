package tui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

func TestAccessibleQuestionnaireSavesEachAnswer(t *testing.T) {
	s := openStore(t)
	// No assessment yet: the organization and the title, then m1.q1 level
	// 3, m1.q2 don't know (6), m1.q3 not applicable (7) with a reason,
	// m1.q4 skipped (8), m1.q5 level 5, then stop (9).
	in := strings.NewReader("Acme Logistics\nQ3 self-check\n3\n6\n7\nno roadmap yet\n8\n5\n9\n")
	var out bytes.Buffer
	require.NoError(t, RunAccessible(backend.New(s), in, &out))

	text := out.String()
	assert.Contains(t, text, "Created assessment")
	assert.Contains(t, text, "Chapter 1 of 6: Integration treated as an IT-only effort.")
	assert.Contains(t, text, "Question m1.q1, Business ownership of outcomes.")
	assert.Contains(t, text, "Level 3 Defined: Every active initiative has a named business owner")
	assert.Contains(t, text, "Saved m1.q1: level 3 Defined.")
	assert.Contains(t, text, "Saved m1.q3: not applicable.")
	assert.Contains(t, text, "Stopped. Resume any time")
	assert.NotContains(t, text, "\x1b[", "plain text for screen readers")

	list, err := s.List()
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "Acme Logistics", list[0].Organization)
	assert.Equal(t, "Q3 self-check", list[0].Title)
	assert.Equal(t, map[string]assessment.Answer{
		"m1.q1": {Kind: assessment.Level, Level: 3},
		"m1.q2": {Kind: assessment.DontKnow},
		"m1.q3": {Kind: assessment.NotApplicable, Reason: "no roadmap yet"},
		"m1.q5": {Kind: assessment.Level, Level: 5},
	}, answersOf(t, s, list[0].ID, "Respondent"))

	// Resuming picks the assessment and asks the skipped question first.
	out.Reset()
	require.NoError(t, RunAccessible(backend.New(s), strings.NewReader("2\n4\n9\n"), &out))
	assert.Contains(t, out.String(), "Continue Acme Logistics")
	assert.Contains(t, out.String(), "Saved m1.q4: level 4 Managed.")
}

func TestAccessibleInputEndingKeepsWhatWasSaved(t *testing.T) {
	s := openStore(t)
	id := create(t, s, "Acme")
	var out bytes.Buffer
	err := RunAccessible(backend.New(s), strings.NewReader("2\n1\n2\n"), &out)
	assert.ErrorIs(t, err, errInputEnded)
	got := answersOf(t, s, id, "Jo")
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 1}, "m1.q2": {Kind: assessment.Level, Level: 2}}, got)
}

func TestAccessibleWorkshopAsksWhoIsAnswering(t *testing.T) {
	s := openStore(t)
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	w, err := s.Create(store.NewAssessment{Organization: "Acme", Kind: store.Workshop, Instrument: inst})
	require.NoError(t, err)
	for _, p := range []store.Participant{{Name: "Ann", Function: "business"}, {Name: "Bo", Function: "it"}} {
		_, err := s.AddParticipant(w.ID, p)
		require.NoError(t, err)
	}
	var out bytes.Buffer
	// the workshop (2), then Bo (2), then m1.q1 at level 4, then stop
	require.NoError(t, RunAccessible(backend.New(s), strings.NewReader("2\n2\n4\n9\n"), &out))
	assert.Contains(t, out.String(), "Answering as Bo.")
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 4}}, answersOf(t, s, w.ID, "Bo"))
	assert.Empty(t, answersOf(t, s, w.ID, "Ann"))
}

// TestAccessibleAnEmptyLineIsAskedAgain presses Enter on its own at every
// kind of prompt: nothing is chosen or saved for it, the prompt comes again.
func TestAccessibleAnEmptyLineIsAskedAgain(t *testing.T) {
	s := openStore(t)
	// An empty organization, then Acme; no title; at m1.q1 two empty
	// lines, then 3; at m1.q2 an empty line, then stop.
	var out bytes.Buffer
	require.NoError(t, RunAccessible(backend.New(s), strings.NewReader("\nAcme\n\n\n\n3\n\n9\n"), &out))
	list, err := s.List()
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "Acme", list[0].Organization)
	assert.Empty(t, list[0].Title, "the title is optional")
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 3}}, answersOf(t, s, list[0].ID, "Respondent"))
	assert.Equal(t, 3, strings.Count(out.String(), "Invalid: must be a number between 1 and 9"), "each empty line is refused")
	assert.Equal(t, 2, strings.Count(out.String(), "Organization assessed (required):"))

	// Enter alone at the choice of assessment, then the input ends: the
	// first assessment is not opened, nothing is saved.
	out.Reset()
	err = RunAccessible(backend.New(s), strings.NewReader("\n\n"), &out)
	assert.ErrorIs(t, err, errInputEnded)
	assert.NotContains(t, out.String(), "Question m1.q2")
	// An empty line where a question is asked, then the input ends.
	out.Reset()
	err = RunAccessible(backend.New(s), strings.NewReader("2\n\n"), &out)
	assert.ErrorIs(t, err, errInputEnded)
	assert.Contains(t, out.String(), "Question m1.q2")
	assert.Len(t, answersOf(t, s, list[0].ID, "Respondent"), 1, "an accidental Enter saves nothing")
}
