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
	// No assessment yet: the organization and the title, the baseline
	// skipped (an empty line), then m1.q1 level
	// 3, m1.q2 don't know (6), m1.q3 skipped (7), m1.q4 level 2, m1.q5
	// level 5, then stop (8). Chapter 1 offers no n/a.
	in := strings.NewReader("Acme Logistics\nQ3 self-check\n\n3\n6\n7\n2\n5\n8\n")
	var out bytes.Buffer
	require.NoError(t, RunAccessible(backend.New(s), in, &out))

	text := out.String()
	assert.Contains(t, text, "Created assessment")
	assert.Contains(t, text, "Chapter 1 of 6: Integration treated as an IT-only effort.")
	assert.Contains(t, text, "Question m1.q1, Business ownership of outcomes.")
	assert.Contains(t, text, "Level 3 Defined: Every active initiative has a named business owner")
	assert.Contains(t, text, "Proven by: The portfolio register with an owner per initiative", "the evidence of each level is read with it")
	assert.Contains(t, text, `Here "active initiative" means: Integration work that is funded and not yet closed`, "a defined term is read beside the question")
	assert.Contains(t, text, "Saved m1.q1: level 3 Defined.")
	assert.Contains(t, text, "Levels are cumulative. Pick the highest level that is fully true today.")
	assert.Contains(t, text, "6. Don't know\n7. Skip for now\n8. Stop here\nEnter a number between 1 and 8")
	assert.NotContains(t, text, "Not applicable", "chapter 1 does not take n/a")
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
		"m1.q4": {Kind: assessment.Level, Level: 2},
		"m1.q5": {Kind: assessment.Level, Level: 5},
	}, answersOf(t, s, list[0].ID, "Respondent"))

	// Resuming picks the assessment and asks the skipped question first.
	out.Reset()
	require.NoError(t, RunAccessible(backend.New(s), strings.NewReader("2\n\n4\n8\n"), &out))
	assert.Contains(t, out.String(), "Continue Acme Logistics")
	assert.Contains(t, out.String(), "Saved m1.q3: level 4 Managed.")
}

func TestAccessibleInputEndingKeepsWhatWasSaved(t *testing.T) {
	s := openStore(t)
	id := create(t, s, "Acme")
	var out bytes.Buffer
	err := RunAccessible(backend.New(s), strings.NewReader("2\n\n1\n2\n"), &out)
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
	// the workshop (2), then Bo (2), the baseline skipped, then m1.q1 at
	// level 4, then stop
	require.NoError(t, RunAccessible(backend.New(s), strings.NewReader("2\n2\n\n4\n8\n"), &out))
	assert.Contains(t, out.String(), "Answering as Bo.")
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 4}}, answersOf(t, s, w.ID, "Bo"))
	assert.Empty(t, answersOf(t, s, w.ID, "Ann"))
}

// TestAccessibleAnEmptyLineIsAskedAgain presses Enter on its own at every
// kind of prompt: nothing is chosen or saved for it, the prompt comes again.
func TestAccessibleAnEmptyLineIsAskedAgain(t *testing.T) {
	s := openStore(t)
	// An empty organization, then Acme; no title; the baseline skipped;
	// at m1.q1 two empty
	// lines, then 3; at m1.q2 an empty line, then stop.
	var out bytes.Buffer
	require.NoError(t, RunAccessible(backend.New(s), strings.NewReader("\nAcme\n\n\n\n\n3\n\n8\n"), &out))
	list, err := s.List()
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "Acme", list[0].Organization)
	assert.Empty(t, list[0].Title, "the title is optional")
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 3}}, answersOf(t, s, list[0].ID, "Respondent"))
	assert.Equal(t, 3, strings.Count(out.String(), "Invalid: must be a number between 1 and 8"), "each empty line is refused")
	assert.Equal(t, 2, strings.Count(out.String(), "Organization assessed (required):"))

	// Enter alone at the choice of assessment, then the input ends: the
	// first assessment is not opened, nothing is saved.
	out.Reset()
	err = RunAccessible(backend.New(s), strings.NewReader("\n\n"), &out)
	assert.ErrorIs(t, err, errInputEnded)
	assert.NotContains(t, out.String(), "Question m1.q2")
	// An empty line where a question is asked (after the one that skips
	// the baseline), then the input ends.
	out.Reset()
	err = RunAccessible(backend.New(s), strings.NewReader("2\n\n\n"), &out)
	assert.ErrorIs(t, err, errInputEnded)
	assert.Contains(t, out.String(), "Question m1.q2")
	assert.Len(t, answersOf(t, s, list[0].ID, "Respondent"), 1, "an accidental Enter saves nothing")
}

// TestAccessibleNotApplicableOnlyWhereAllowed answers chapters 1 to 3
// first, then: m4.q1 n/a for the whole chapter (the gate), m5.q1 level
// 3, m5.q2 n/a with a reason typed, m5.q3 the reason the instrument
// offers is not asked (stop).
func TestAccessibleNotApplicableOnlyWhereAllowed(t *testing.T) {
	s := openStore(t)
	id := create(t, s, "Acme")
	b := backend.New(s)
	first := map[string]assessment.Answer{}
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	for _, q := range inst.Questions() {
		if q.Mode < "m4" {
			first[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 2}
		}
	}
	_, err = b.Answer(id, "Jo", first)
	require.NoError(t, err)

	// the assessment (2); the baseline skipped; m4.q1: n/a (9), the whole chapter (1); m5.q1:
	// 3; m5.q2: n/a (9), another reason (2), typed; m5.q3: stop (8).
	var out bytes.Buffer
	require.NoError(t, RunAccessible(b, strings.NewReader("2\n\n9\n1\n3\n9\n2\nwe build it all ourselves\n8\n"), &out))
	text := out.String()
	assert.Contains(t, text, "8. Stop here\n9. Not applicable\nEnter a number between 1 and 9")
	assert.Contains(t, text, "1. The whole chapter does not apply, all 5 questions: No executive technology mandate")
	assert.Contains(t, text, "2. This question only: No executive technology mandate")
	assert.Contains(t, text, "Saved m4 as not applicable, all 5 questions: No executive technology mandate")
	assert.NotContains(t, text, "Question m4.q2", "the rest of the chapter is answered")
	assert.Contains(t, text, "1. This question only: No consultancy or vendor takes part")
	assert.Contains(t, text, "2. Another reason, typed next")
	assert.Contains(t, text, "Saved m5.q2: not applicable.")

	got := answersOf(t, s, id)
	m4, _ := inst.Mode("m4")
	for _, q := range m4.Questions {
		assert.Equal(t, assessment.Answer{Kind: assessment.NotApplicable, Reason: m4.Gate}, got[q.ID], q.ID)
	}
	assert.Equal(t, assessment.Answer{Kind: assessment.Level, Level: 3}, got["m5.q1"])
	assert.Equal(t, assessment.Answer{Kind: assessment.NotApplicable, Reason: "we build it all ourselves"}, got["m5.q2"])
	assert.NotContains(t, got, "m5.q3")

	// On m5.q3 (no n/a) a 9 is refused and asked again.
	out.Reset()
	require.NoError(t, RunAccessible(b, strings.NewReader("2\n\n9\n8\n"), &out))
	assert.Contains(t, out.String(), "Question m5.q3")
	assert.Contains(t, out.String(), "Invalid: must be a number between 1 and 8")
	assert.NotContains(t, answersOf(t, s, id), "m5.q3")
}

// TestAccessibleLegacyInstrumentOffersNotApplicableEverywhere: an
// assessment of seam 1.0.0's instrument takes n/a on any question, with a
// typed reason (it offers none to choose).
func TestAccessibleLegacyInstrumentOffersNotApplicableEverywhere(t *testing.T) {
	s := openStore(t)
	id := createLegacy(t, s)
	var out bytes.Buffer
	require.NoError(t, RunAccessible(backend.New(s), strings.NewReader("2\n9\nno initiatives yet\n8\n"), &out))
	assert.Contains(t, out.String(), "9. Not applicable")
	assert.Contains(t, out.String(), "Why does it not apply? (required)")
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.NotApplicable, Reason: "no initiatives yet"}}, answersOf(t, s, id))
}

// TestAccessibleOffersTheBaselineFirstAndEnterSkipsIt: on an instrument
// with a baseline chapter the prompts offer it before chapter 1; an empty
// line skips it, b goes through the figures, where an empty line leaves
// one as it is, a refused value is asked again with its reason, and each
// is saved as it is given.
func TestAccessibleOffersTheBaselineFirstAndEnterSkipsIt(t *testing.T) {
	s := openStore(t)
	id := createWithBaseline(t, s, "Acme")
	var out bytes.Buffer
	// Skip the baseline (an empty line), answer m1.q1 at 3, stop (8).
	require.NoError(t, RunAccessible(backend.New(s), strings.NewReader("2\n\n3\n8\n"), &out))
	text := out.String()
	assert.Contains(t, text, "Baseline chapter, optional and not scored: your organisation's own figures, where the plan's KPIs start from. 0 of 6 recorded.")
	assert.Contains(t, text, "Skipped the baseline")
	assert.Less(t, strings.Index(text, "Baseline chapter"), strings.Index(text, "Chapter 1 of 2"), "offered before chapter 1")
	assert.Contains(t, text, "Saved m1.q1: level 3 Defined.")
	assert.Empty(t, baselineOf(t, s, id))

	// b: run-share 62.5, integrations 140, point-to-point 180 refused then
	// 90, projects-failed left as it is, data-incidents don't know,
	// data-trust "x" refused then clear (nothing to clear); then stop.
	out.Reset()
	in := "2\nb\n62.5\n140\n180\n90\n\ndont-know\nx\nclear\n8\n"
	require.NoError(t, RunAccessible(backend.New(s), strings.NewReader(in), &out))
	text = out.String()
	assert.Contains(t, text, "Figure point-to-point, Point-to-point integrations, a whole number. How many of those integrations")
	assert.Contains(t, text, "point-to-point: 180 is more than integrations (140)")
	assert.Contains(t, text, `data-trust: must be a number, dont-know or clear, not "x"`)
	assert.Contains(t, text, "Saved run-share: 62.5 %.")
	assert.Contains(t, text, "Saved data-incidents: don't know.")
	assert.Contains(t, text, "The baseline is done; on to the questions.")
	assert.Contains(t, text, "Question m1.q2", "m1.q1 is answered: the questions resume")
	assert.NotContains(t, text, "\x1b[")
	assert.Equal(t, map[string]assessment.BaselineValue{"run-share": {Value: 62.5}, "integrations": {Value: 140}, "point-to-point": {Value: 90},
		"data-incidents": {DontKnow: true}}, baselineOf(t, s, id))
}
