package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/store"
)

func TestJourneyWorkshopPassTheKeyboard(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	s := openStore(t)
	j := start(t, s)
	j.waitFor("Press n to start")

	// The facilitator creates the workshop.
	j.newAssessment("Acme Logistics", "Board workshop", true, false)
	j.waitFor("No participants yet")

	// Three participants, one per function.
	for i, p := range []struct{ name, role string }{{"Ann", "COO"}, {"Bo", "CIO"}, {"Cy", "CDO"}} {
		j.keys("n")
		j.waitFor("┃ Name")
		j.typeText(p.name)
		j.next("Role")
		j.typeText(p.role)
		j.next("Function")
		for range i {
			j.keys("down")
		}
		j.keys("enter")
		j.waitFor("Added " + p.name)
	}

	// Passing the keyboard: each answers chapter 1 on their own.
	j.keys("up", "up")
	for _, level := range []string{"1", "5", "3"} {
		j.keys("enter")
		j.waitFor("answering as")
		for range 6 {
			j.keys(level)
		}
		j.waitFor("Chapter done")
		j.keys("r") // a participant cannot see results before the reveal
		j.waitFor("results stay hidden")
		j.keys("esc")
		j.waitFor("PARTICIPANT")
		j.keys("down")
	}

	// Reveal, then record a consensus on the most disputed question.
	j.keys("c")
	j.waitFor("Reveal the results to the room?")
	j.keys("y")
	j.waitFor("Discussion queue")
	j.keys("enter")
	j.waitFor("What did the room agree for m1.q1?")
	j.keys("up")
	j.next("Note")
	j.typeText("agreed after debate")
	j.keys("enter")
	j.waitFor("Recorded the consensus on m1.q1")

	// Export the report.
	j.keys("esc")
	j.waitFor("results revealed")
	j.keys("p")
	j.waitFor("Executive summary")
	j.keys("s")
	j.waitFor("Save the report as")
	j.keys("enter")
	j.waitFor("Saved the report")
	app := j.quit()

	l, err := s.Load(app.current.ID)
	require.NoError(t, err)
	assert.Equal(t, store.Workshop, l.Kind)
	require.Len(t, l.Participants, 3)
	assert.Equal(t, []string{"business", "it", "data"}, []string{l.Participants[0].Function, l.Participants[1].Function, l.Participants[2].Function})
	for name, level := range map[string]int{"Ann": 1, "Bo": 5, "Cy": 3} {
		got := l.AnswersOf(name)
		assert.Len(t, got, 6, name)
		assert.Equal(t, assessment.Answer{Kind: assessment.Level, Level: level}, got["m1.q1"], "%s's vote is kept apart", name)
	}
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 2, Note: "agreed after debate"}}, l.Consensus)
	assert.NotNil(t, l.RevealedAt)

	matches, err := filepath.Glob(filepath.Join(dir, "seam-report-acme-logistics-*.md"))
	require.NoError(t, err)
	require.Len(t, matches, 1)
	data, err := os.ReadFile(matches[0])
	require.NoError(t, err)
	report := string(data)
	assert.Contains(t, report, "## Workshop: where the room agrees and where it does not")
	assert.Contains(t, report, "2: agreed after debate")
	assert.True(t, strings.Contains(report, "IT sees it 4.0 levels more mature than the business does"), "the business-IT gap is called out")
}
