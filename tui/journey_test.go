package tui

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	"github.com/seam-dev/seam/theme"
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

// paste sends text as a terminal sends a paste: one message of runes
// (typeText sends ASCII byte by byte).
func (j *journey) paste(s string) {
	j.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true})
}

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

// firstRun opens the app on an empty database, in a working directory of
// its own, at the welcome screen. It returns the user's documents
// directory, where reports are saved unless the user says otherwise.
func firstRun(t *testing.T) (*journey, *store.Store, string) {
	t.Chdir(t.TempDir())
	docs := t.TempDir()
	t.Setenv("XDG_DOCUMENTS_DIR", docs)
	s := openStore(t)
	j := start(t, s)
	j.waitFor("Press n to start")
	return j, s, docs
}

func TestJourneyNewAnswerQuitResumeFinishReport(t *testing.T) {
	// A first-time user creates an assessment through the form.
	j, s, dir := firstRun(t)
	j.newAssessment("Acme Logistics", "Q3 self-check", false, true)
	j.waitFor("m1.q1")

	// Chapter 1: a level, a level by arrows, n/a refused (the instrument
	// does not offer it there) then a level, a note then a level, don't
	// know, a level.
	j.keys("3")
	j.waitFor("Saved m1.q1")
	j.keys("down", "enter")
	j.waitFor("Saved m1.q2")
	j.keys("a")
	j.waitFor("Not applicable is not offered for m1.q3")
	j.keys("2")
	j.waitFor("Saved m1.q3")
	j.keys("n")
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
	j.waitFor("Saved m1.q6")
	j.keys("2")
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
		"m1.q3": {Kind: assessment.Level, Level: 2},
		"m1.q4": {Kind: assessment.Level, Level: 4, Note: "owners sign off", Evidence: "UAT records"},
		"m1.q5": {Kind: assessment.DontKnow},
		"m1.q6": {Kind: assessment.Level, Level: 1},
		"m1.q7": {Kind: assessment.Level, Level: 2},
	}, l.AnswersOf("Respondent"), "every confirmed answer is in the store after quitting")

	// Later: resume where it stopped and finish.
	j = start(t, s)
	j.waitFor("Acme Logistics")
	j.keys("enter")
	j.waitFor("m2.q1")
	for chapter := 2; chapter <= 6; chapter++ {
		switch chapter {
		case 4: // no mandate in force: the whole chapter at once, in one save
			j.waitFor("m4.q1")
			j.keys("a")
			j.waitFor("The whole chapter does not apply")
			j.keys("enter")
			j.waitForAll("Saved m4 as not applicable, all 5 questions", "Chapter done")
			j.keys("enter")
			continue
		case 5: // no outside partners: the reason the instrument offers
			j.waitFor("m5.q1")
			j.keys("3")
			j.waitFor("m5.q2")
			j.keys("a")
			j.waitFor("No consultancy or vendor takes part")
			j.keys("enter")
			j.waitFor("Saved m5.q2")
			for range len(l.Instrument.Modes[chapter-1].Questions) - 2 {
				j.keys("3")
			}
		default:
			for range len(l.Instrument.Modes[chapter-1].Questions) {
				j.keys("3")
			}
		}
		j.waitFor("Chapter done")
		j.keys("enter")
	}
	j.waitFor("Overall index")
	j.keys("x")
	j.waitFor("mean of the failure-mode scores")
	j.keys("x", "p")
	j.waitFor("Decision summary")
	j.keys("s")
	j.waitFor("Save the report as")
	j.keys("enter")
	j.waitFor("Saved the report")
	final := j.quit()
	assert.Equal(t, "preview", kind(final))

	l, err = s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, store.Complete, l.Status)
	assert.Len(t, l.Answers, l.Instrument.QuestionCount())
	answers := l.AnswersOf("Respondent")
	m4, _ := l.Instrument.Mode("m4")
	for _, q := range m4.Questions {
		assert.Equal(t, assessment.Answer{Kind: assessment.NotApplicable, Reason: m4.Gate}, answers[q.ID], q.ID)
	}
	m52, _ := l.Instrument.Question("m5.q2")
	assert.Equal(t, assessment.Answer{Kind: assessment.NotApplicable, Reason: m52.NA[0]}, answers["m5.q2"])
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var reports, folders []string
	for _, e := range entries {
		switch {
		case strings.HasPrefix(e.Name(), "seam-report-acme-logistics-") && strings.HasSuffix(e.Name(), ".md"):
			reports = append(reports, e.Name())
		case strings.HasPrefix(e.Name(), "seam-report-acme-logistics-") && e.IsDir():
			folders = append(folders, e.Name())
		}
	}
	require.Len(t, reports, 1, "the report was saved under its default name in the documents directory")
	require.Equal(t, []string{strings.TrimSuffix(reports[0], ".md") + "-files"}, folders, "its charts beside it, as seam report -o writes them")
	charts, err := os.ReadDir(filepath.Join(dir, folders[0]))
	require.NoError(t, err)
	assert.Len(t, charts, 2*2, "a self-assessment's two charts, SVG and PNG")
	data, err := os.ReadFile(filepath.Join(dir, reports[0]))
	require.NoError(t, err)
	assert.Contains(t, string(data), "# Integration strategy assessment: Acme Logistics")
	info, err := os.Stat(filepath.Join(dir, reports[0]))
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

func TestJourneyWorkshopPassTheKeyboard(t *testing.T) {
	// The facilitator creates the workshop.
	j, s, dir := firstRun(t)
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
		for range 7 { // chapter 1's questions
			j.keys(level)
		}
		j.waitFor("Chapter done")
		j.keys("r") // a participant cannot see results before the reveal
		j.waitFor("results stay hidden")
		j.keys("esc") // the participant is thanked, and hands the keyboard back
		j.waitFor("Please hand the keyboard back to the facilitator")
		j.keys("enter")
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
	j.waitFor("Decision summary")
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
		assert.Len(t, got, 7, name)
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

// TestABusyDatabaseDoesNotFreezeTheApp holds the database's write lock
// from another connection, as another seam in the middle of a write
// would: the app keeps drawing and taking keys, says "Saved" only once
// the commit has returned, and the keys typed meanwhile still count.
func TestABusyDatabaseDoesNotFreezeTheApp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seam.db")
	s, err := store.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	id := create(t, s, "Acme Logistics")

	other, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	require.NoError(t, err)
	defer other.Close()
	conn, err := other.Conn(context.Background())
	require.NoError(t, err)
	defer conn.Close()

	j := start(t, s)
	j.waitFor("Acme Logistics")
	j.keys("enter")
	j.waitFor("m1.q1")
	_, err = conn.ExecContext(context.Background(), "BEGIN IMMEDIATE")
	require.NoError(t, err)

	j.keys("3")
	j.waitFor("Saving…")
	j.keys("right") // typed while the save waits
	time.Sleep(300 * time.Millisecond)
	seen, err := io.ReadAll(j.tm.Output())
	require.NoError(t, err)
	assert.NotContains(t, string(seen), "Saved m1.q1", "nothing is said saved while the database holds the answer back")

	_, err = conn.ExecContext(context.Background(), "COMMIT")
	require.NoError(t, err)
	// the key typed meanwhile moved on from m1.q2 to m1.q3
	j.waitForAll("Saved m1.q1", "m1.q3  Outcome-driven roadmap")
	app := j.quit()
	assert.Equal(t, 2, on[*questionScreen](t, app).index)
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 3}}, answersOf(t, s, id))
}

// TestTheWorkshopScreenShowsOtherTerminalsAnswers answers as a
// participant through the store, as another terminal would, while the
// facilitator's screen is open.
func TestTheWorkshopScreenShowsOtherTerminalsAnswers(t *testing.T) {
	s := openStore(t)
	b := backend.New(s)
	w, err := b.Create(backend.NewAssessment{Organization: "Acme Logistics", Workshop: true})
	require.NoError(t, err)
	_, _, err = b.AddParticipant(w.ID, store.Participant{Name: "Ann", Function: "business"})
	require.NoError(t, err)

	app := New(b)
	app.refreshEvery = 50 * time.Millisecond
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(80, 24))
	j := &journey{t: t, tm: tm}
	j.waitFor("Acme Logistics")
	j.keys("enter")
	j.waitFor("0/41")
	_, err = b.Answer(w.ID, "Ann", map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 2}, "m1.q2": {Kind: assessment.DontKnow}})
	require.NoError(t, err)
	j.waitFor("2/41")
	j.quit()
}

// TestTypedTextIsSavedWithoutCharactersThatAct pastes a note, evidence
// and a reason with bidirectional overrides and isolates
// (the text fields drop C0 and C1 controls themselves): what is saved, and
// so shown on every screen and in every report after, has none of them.
func TestTypedTextIsSavedWithoutCharactersThatAct(t *testing.T) {
	j, s, _ := firstRun(t)
	j.newAssessment("Acme", "", false, false)
	j.waitFor("m1.q1")
	j.keys("n")
	j.waitFor("┃ Note on m1.q1")
	j.paste("owners \u202eff-ngis agree")
	j.keys("tab")
	j.waitFor("┃ Evidence")
	j.paste("minutes\u2066 v2\u2069")
	j.keys("enter")
	j.waitFor("Note kept")
	j.keys("4")
	j.waitFor("Saved m1.q1")
	for range 28 { // on to m5.q2, which takes n/a
		j.keys("right")
	}
	j.waitFor("m5.q2")
	j.keys("a")
	j.waitFor("Another reason")
	j.keys("down", "enter") // past the reason offered
	j.waitFor("A reason is required")
	j.paste("out of scope\u200f until 2027")
	j.keys("enter")
	j.waitFor("Saved m5.q2")
	app := j.quit()

	l, err := s.Load(app.current.ID)
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.Answer{
		"m1.q1": {Kind: assessment.Level, Level: 4, Note: "owners ff-ngis agree", Evidence: "minutes v2"},
		"m5.q2": {Kind: assessment.NotApplicable, Reason: "out of scope until 2027"},
	}, l.AnswersOf("Respondent"))
}

// TestJourneyNotApplicable answers the gated chapter m4 as a whole, in
// one save, and, on an assessment of an instrument without na or gates,
// n/a with a typed reason as before.
func TestJourneyNotApplicable(t *testing.T) {
	s := openStore(t)
	id := create(t, s, "Acme")
	j := start(t, s)
	j.waitFor("Acme")
	j.keys("enter")
	j.waitFor("m1.q1")
	for range 24 {
		j.keys("right")
	}
	j.waitFor("m4.q2")
	j.keys("4")
	j.waitFor("Saved m4.q2")
	before, err := s.Load(id)
	require.NoError(t, err)
	j.keys("a")
	j.waitFor("The whole chapter does not apply")
	j.keys("enter")
	j.waitForAll("Saved m4 as not applicable, all 5 questions", "Chapter done")
	j.quit()
	after, err := s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, before.Revision()+1, after.Revision(), "one save for the whole chapter")
	m4, _ := after.Instrument.Mode("m4")
	got := after.AnswersOf("Jo")
	require.Len(t, got, 5)
	for _, q := range m4.Questions {
		assert.Equal(t, assessment.Answer{Kind: assessment.NotApplicable, Reason: m4.Gate}, got[q.ID], q.ID)
	}

	s = openStore(t)
	id = createLegacy(t, s)
	j = start(t, s)
	j.waitFor("Old")
	j.keys("enter")
	j.waitFor("m1.q1")
	j.keys("a")
	j.waitFor("A reason is required")
	j.typeText("no initiatives yet")
	j.keys("enter")
	j.waitFor("Saved m1.q1")
	j.quit()
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.NotApplicable, Reason: "no initiatives yet"}}, answersOf(t, s, id))
}

// twoTerminals opens a workshop of two participants who answered chapter
// 1, and two apps on it, each over a store of its own on one database
// file, as two terminals in the room would be; both refresh at the
// app's own pace.
func twoTerminals(t *testing.T) (one, two *journey, id string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seam.db")
	var stores [2]*store.Store
	for i := range stores {
		s, err := store.Open(path)
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	b := backend.New(stores[0])
	w, err := b.Create(backend.NewAssessment{Organization: "Acme Logistics", Workshop: true})
	require.NoError(t, err)
	for i, p := range []store.Participant{{Name: "Ann", Function: "business"}, {Name: "Bo", Function: "it"}} {
		_, _, err = b.AddParticipant(w.ID, p)
		require.NoError(t, err)
		_, err = b.Answer(w.ID, p.Name, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 1 + 3*i}})
		require.NoError(t, err)
	}
	one, two = start(t, stores[0]), start(t, stores[1])
	one.waitFor("Acme Logistics")
	two.waitForAll("Acme Logistics", "hidden") // home hides the workshop's index before the reveal
	return one, two, w.ID
}

// TestTheRevealReachesEveryOpenScreen: a reveal made on one terminal shows
// on another within the refresh's 2 s, whatever screen it shows: one
// waiting to be asked to reveal goes on to the view it was opening, and a
// participant's questions let the results be seen.
func TestTheRevealReachesEveryOpenScreen(t *testing.T) {
	require.Equal(t, 2*time.Second, refreshEvery)
	one, two, _ := twoTerminals(t)
	two.keys("enter")
	two.waitFor("results hidden until you reveal them")
	two.keys("m")
	two.waitFor("Reveal the results to the room?")

	one.keys("enter")
	one.waitFor("results hidden until you reveal them")
	one.keys("c")
	one.waitFor("Reveal the results to the room?")
	one.keys("y")
	one.waitFor("Discussion queue")
	revealed := time.Now()
	two.waitFor("Heatmap")
	assert.Less(t, time.Since(revealed), 2500*time.Millisecond, "the other terminal moved on within the refresh")
	one.quit()
	two.quit()
}

// TestAParticipantsScreenLearnsOfTheReveal: a participant answering on
// another terminal is refused the results before the reveal, and shown
// them after it without leaving the questions.
func TestAParticipantsScreenLearnsOfTheReveal(t *testing.T) {
	one, two, _ := twoTerminals(t)
	two.keys("enter")
	two.waitFor("PARTICIPANT")
	two.keys("enter")
	two.waitFor("answering as Ann")
	two.keys("r")
	two.waitFor("results stay hidden")

	one.keys("enter")
	one.waitFor("PARTICIPANT")
	one.keys("r", "y")
	one.waitFor("Results revealed to the room")
	time.Sleep(2500 * time.Millisecond) // one refresh
	two.keys("r")
	two.waitFor("Overall")
	app := two.quit()
	assert.Equal(t, "results", kind(app))
	one.quit()
}

// TestJourneyReopeningAConsensusNeverOverwritesIt is the facilitator's
// report: a consensus of 2 with a note, re-opened and confirmed with two
// enters, stayed 2 with its note (it used to become 3 with none).
// Changing it asks first and shows what it replaces; clearing it does the
// same; n/a asks for a reason where the instrument allows it; the history
// keeps every change.
func TestJourneyReopeningAConsensusNeverOverwritesIt(t *testing.T) {
	s := openStore(t)
	b := backend.New(s)
	w, err := b.Create(backend.NewAssessment{Organization: "Acme Logistics", Workshop: true})
	require.NoError(t, err)
	for i, p := range []store.Participant{{Name: "Ann", Function: "business"}, {Name: "Bo", Function: "it"}} {
		_, _, err = b.AddParticipant(w.ID, p)
		require.NoError(t, err)
		_, err = b.Answer(w.ID, p.Name, map[string]assessment.Answer{
			"m1.q1": {Kind: assessment.Level, Level: 1 + 3*i}, // the most disputed
			"m4.q5": {Kind: assessment.Level, Level: 2 + i},   // n/a allowed here
		})
		require.NoError(t, err)
	}
	require.NoError(t, s.Reveal(w.ID))
	two := assessment.Answer{Kind: assessment.Level, Level: 2, Note: "steering group without the business"}
	_, err = b.RecordConsensus(w.ID, "m1.q1", two)
	require.NoError(t, err)
	consensus := func() map[string]assessment.Answer {
		l, err := s.Load(w.ID)
		require.NoError(t, err)
		return l.Consensus
	}
	history := func() []store.ConsensusChange {
		h, err := s.ConsensusHistory(w.ID)
		require.NoError(t, err)
		return h
	}

	j := start(t, s)
	j.waitFor("Acme Logistics")
	j.keys("enter")
	j.waitFor("results revealed")
	j.keys("c")
	j.waitFor("scored 2 · spread 3")

	// Two enters keep it: the form opens on 2 and its note.
	j.keys("enter")
	j.waitForAll("What did the room agree for m1.q1?", "Recorded now: level 2 Developing, note “steering group without the business”")
	j.next("Note")
	j.keys("enter")
	j.waitFor("The consensus on m1.q1 stays level 2 Developing")
	assert.Equal(t, two, consensus()["m1.q1"])
	assert.Len(t, history(), 1)

	// Another level asks first; enter keeps the one recorded.
	j.keys("enter")
	j.waitFor("What did the room agree for m1.q1?")
	j.keys("down")
	j.next("Note")
	j.keys("enter")
	j.waitForAll("Replace the consensus on m1.q1?", "New: level 3 Defined, note “steering group without the business”")
	j.keys("enter")
	j.waitFor("Kept the consensus on m1.q1")
	assert.Equal(t, two, consensus()["m1.q1"])

	// y replaces it.
	j.keys("enter")
	j.waitFor("What did the room agree for m1.q1?")
	j.keys("down")
	j.next("Note")
	j.keys("ctrl+u")
	j.typeText("defined after all")
	j.keys("enter")
	j.waitFor("Replace the consensus on m1.q1?")
	j.keys("y")
	j.waitFor("Recorded the consensus on m1.q1: level 3 Defined")
	assert.Equal(t, assessment.Answer{Kind: assessment.Level, Level: 3, Note: "defined after all"}, consensus()["m1.q1"])

	// Clearing it, the last choice, asks too. The form says what was
	// agreed before the consensus recorded now.
	j.keys("enter")
	j.waitForAll("Clear the consensus: score the votes again", "Earlier: level 2 Developing")
	for range 4 { // from 3: 4, 5, don't know, clear
		j.keys("down")
	}
	j.next("Note")
	j.keys("enter")
	j.waitFor("Clear the consensus on m1.q1?")
	j.keys("y")
	j.waitFor("Cleared the consensus on m1.q1")
	assert.Empty(t, consensus())

	// m4.q5 takes n/a, with a reason.
	j.keys("down", "enter")
	j.waitForAll("What did the room agree for m4.q5?", "Not applicable (a reason is asked next)")
	for range 5 { // from the level the votes score, 2: 3, 4, 5, don't know, n/a
		j.keys("down")
	}
	j.next("Note")
	j.typeText("no mandates to integrate")
	j.keys("enter")
	j.waitFor("┃ Why does m4.q5 not apply?")
	j.typeText("a single business unit")
	j.keys("enter")
	j.waitFor("Recorded the consensus on m4.q5: not applicable")
	j.quit()

	assert.Equal(t, map[string]assessment.Answer{"m4.q5": {Kind: assessment.NotApplicable, Reason: "a single business unit", Note: "no mandates to integrate"}}, consensus())
	h := history()
	require.Len(t, h, 4, "recorded, replaced, cleared, and m4.q5")
	assert.Equal(t, two, h[0].Answer)
	assert.Equal(t, 3, h[1].Answer.Level)
	assert.True(t, h[2].Cleared)
	assert.Equal(t, "m4.q5", h[3].Question)
}

// TestHomeHidesAWorkshopsIndexUntilTheReveal: home, which may be on the
// projector, says hidden in a workshop's INDEX until the facilitator
// reveals the results, and shows the index within the refresh once a
// reveal is made on another terminal.
func TestHomeHidesAWorkshopsIndexUntilTheReveal(t *testing.T) {
	one, two, id := twoTerminals(t)
	one.keys("enter")
	one.waitFor("PARTICIPANT")
	one.keys("m", "y")
	one.waitFor("Heatmap")
	two.waitFor(id)
	app := two.quit()
	require.Len(t, app.home.list, 1)
	assert.NotNil(t, app.home.list[0].RevealedAt)
	assert.NotContains(t, app.View(), "hidden")
	assert.Contains(t, app.View(), "workshop  1/41      "+theme.Score(app.home.list[0].Overall))
	one.quit()
}
