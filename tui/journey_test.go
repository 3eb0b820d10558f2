package tui

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/store"
)

// journey drives the real program loop, as a terminal user would.
type journey struct {
	t  *testing.T
	tm *teatest.TestModel
}

func start(t *testing.T, s *store.Store) *journey {
	return &journey{t: t, tm: teatest.NewTestModel(t, New(backend.New(s)), teatest.WithInitialTermSize(80, 24))}
}

// waitFor waits until the screen has shown text.
func (j *journey) waitFor(text string) {
	j.t.Helper()
	teatest.WaitFor(j.t, j.tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// waitForAll waits until the screen has shown every text (which one frame
// may draw at once).
func (j *journey) waitForAll(texts ...string) {
	j.t.Helper()
	teatest.WaitFor(j.t, j.tm.Output(), func(b []byte) bool {
		for _, text := range texts {
			if !bytes.Contains(b, []byte(text)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func (j *journey) keys(keys ...string) {
	for _, k := range keys {
		j.tm.Send(keyMsg(k))
	}
}

func (j *journey) typeText(s string) { j.tm.Type(s) }

// next presses enter in a form and waits until the field titled title has
// the focus (huh moves focus asynchronously; typing earlier would land in
// the previous field).
func (j *journey) next(title string) {
	j.t.Helper()
	j.keys("enter")
	j.waitFor("┃ " + title)
}

// newAssessment fills the new-assessment form: organization, title, the
// kind (self or workshop), scope and instrument left empty, targets kept
// at 4 but for m6, which gets 5 when m6Five is set.
func (j *journey) newAssessment(org, title string, workshop, m6Five bool) {
	j.t.Helper()
	j.keys("n")
	j.waitFor("┃ Organization")
	j.typeText(org)
	j.next("Title")
	j.typeText(title)
	j.next("Kind")
	if workshop {
		j.keys("right")
	}
	j.next("Scope")
	j.next("Custom instrument file")
	j.next("Target for m1")
	for m := 2; m <= 6; m++ {
		j.next(fmt.Sprintf("Target for m%d", m))
	}
	if m6Five {
		j.keys("right")
	}
	j.keys("enter")
}

// quit leaves with ctrl+c, which works on every screen (q types a q into
// a form's text field).
func (j *journey) quit() *App {
	j.t.Helper()
	j.keys("ctrl+c")
	return j.tm.FinalModel(j.t, teatest.WithFinalTimeout(5*time.Second)).(*App)
}

func TestJourneyNewAnswerQuitResumeFinishReport(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	s := openStore(t)

	// A first-time user creates an assessment through the form.
	j := start(t, s)
	j.waitFor("Press n to start")
	j.newAssessment("Acme Logistics", "Q3 self-check", false, true)
	j.waitFor("m1.q1")

	// Chapter 1: a level, a level by arrows, n/a with a reason, a note then a level, don't know, a level.
	j.keys("3")
	j.waitFor("Saved m1.q1")
	j.keys("down", "enter")
	j.waitFor("Saved m1.q2")
	j.keys("a")
	j.waitFor("not apply?")
	j.typeText("roadmap owned by group")
	j.keys("enter")
	j.waitFor("Saved m1.q3")
	j.keys("e")
	j.waitFor("┃ Note on m1.q4")
	j.typeText("owners sign off")
	j.keys("tab")
	j.waitFor("┃ Evidence")
	j.typeText("UAT records")
	j.keys("enter")
	j.waitFor("Note kept")
	j.keys("4", "d")
	j.waitFor("Saved m1.q5")
	j.keys("1")
	j.waitFor("Chapter done")
	app := j.quit()
	id := app.current.ID

	l, err := s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, "Acme Logistics", l.Organization)
	assert.Equal(t, 5, l.Targets["m6"])
	assert.Equal(t, 4, l.Targets["m1"])
	assert.Equal(t, map[string]assessment.Answer{
		"m1.q1": {Kind: assessment.Level, Level: 3},
		"m1.q2": {Kind: assessment.Level, Level: 2},
		"m1.q3": {Kind: assessment.NotApplicable, Reason: "roadmap owned by group"},
		"m1.q4": {Kind: assessment.Level, Level: 4, Note: "owners sign off", Evidence: "UAT records"},
		"m1.q5": {Kind: assessment.DontKnow},
		"m1.q6": {Kind: assessment.Level, Level: 1},
	}, l.AnswersOf("Respondent"), "every confirmed answer is in the store after quitting")

	// Later: resume where it stopped and finish.
	j = start(t, s)
	j.waitFor("Acme Logistics")
	j.keys("enter")
	j.waitFor("m2.q1")
	for chapter := 2; chapter <= 6; chapter++ {
		for range len(l.Instrument.Modes[chapter-1].Questions) {
			j.keys("3")
		}
		j.waitFor("Chapter done")
		j.keys("enter")
	}
	j.waitFor("Overall index")
	j.keys("x")
	j.waitFor("mean of the failure-mode scores")
	j.keys("x", "p")
	j.waitFor("Executive summary")
	j.keys("s")
	j.waitFor("Save the report as")
	j.keys("enter")
	j.waitFor("Saved the report")
	final := j.quit()
	assert.Equal(t, "preview", kind(final))

	l, err = s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, store.Complete, l.Status)
	assert.Len(t, l.Answers, 36)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var reports []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "seam-report-acme-logistics-") {
			reports = append(reports, e.Name())
		}
	}
	require.Len(t, reports, 1, "the report was saved under its default name")
	data, err := os.ReadFile(reports[0])
	require.NoError(t, err)
	assert.Contains(t, string(data), "# Integration strategy assessment: Acme Logistics")
	info, err := os.Stat(reports[0])
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

func TestJourneyNewFormRefusesAnEmptyOrganization(t *testing.T) {
	s := openStore(t)
	j := start(t, s)
	j.newAssessment("", "", false, false)
	j.waitFor("the organization is required")
	app := j.quit()
	assert.Equal(t, "form", kind(app), "the form opens again")
	list, err := s.List()
	require.NoError(t, err)
	assert.Empty(t, list, "nothing was created")
}

func TestJourneyResizeKeepsTheLayout(t *testing.T) {
	s := openStore(t)
	create(t, s, "Acme Logistics")
	j := start(t, s)
	j.waitFor("Acme Logistics")
	j.tm.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	j.keys("enter")
	j.waitFor("m1.q1")
	app := j.quit()
	assert.Equal(t, 120, app.width)
	assert.Len(t, strings.Split(app.View(), "\n"), 40)
}
