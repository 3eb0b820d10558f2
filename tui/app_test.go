package tui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

var update = flag.Bool("update-views", false, "rewrite the golden views in testdata")

// testdata is absolute: some tests change the working directory.
var testdata, _ = filepath.Abs("testdata")

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii) // views without colour, as with NO_COLOR
	// A home of the tests' own: a report saved without a directory set
	// lands there, never in the real one.
	home, err := os.MkdirTemp("", "seam-tui-home-")
	if err != nil {
		panic(err)
	}
	os.Setenv("HOME", home)
	os.Unsetenv("XDG_DOCUMENTS_DIR")
	userDocuments = func() string { return "" }
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "seam.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func create(t testing.TB, s *store.Store, org string) string {
	t.Helper()
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	return createOn(t, s, org, inst)
}

// create101 makes a self-assessment on the built-in instrument 1.0.1,
// from before the baseline chapter, evidence and terms.
func create101(t testing.TB, s *store.Store, org string) string {
	t.Helper()
	inst, err := questionnaire.Load(filepath.Join("..", "questionnaire", "testdata", "default-1.0.1.yaml"))
	require.NoError(t, err)
	return createOn(t, s, org, inst)
}

func createOn(t testing.TB, s *store.Store, org string, inst *questionnaire.Instrument) string {
	t.Helper()
	a, err := s.Create(store.NewAssessment{Organization: org, Title: "Q3 check", Kind: store.Self, Instrument: inst,
		Respondent: store.Participant{Name: "Jo", Role: "CIO", Function: "it"}})
	require.NoError(t, err)
	return a.ID
}

// newApp is the app over a store in a w×h window, with the list of
// assessments read. Its jobs wait in a queue that press runs one by one,
// so a test sees each one's outcome before the next key; the workshop
// refresh is off.
func newApp(t testing.TB, s *store.Store, w, h int) *App {
	t.Helper()
	a := New(backend.New(s))
	a.inline, a.refreshEvery = true, 0
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	a.Init()
	drain(a)
	return a
}

// drain runs the jobs the app queued, handing each outcome back, until
// none is left.
func drain(a *App) {
	for len(a.queued) > 0 {
		j := a.queued[0]
		a.queued = a.queued[1:]
		a.Update(j())
	}
}

// press sends keys one by one, running the jobs each starts.
func press(a *App, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		_, cmd = a.Update(keyMsg(k))
		drain(a)
	}
	return cmd
}

// goHome shows home, the list read again.
func goHome(a *App) {
	a.Update(showHome{})
	drain(a)
}

// on is the screen shown, which must be a T.
func on[T screen](t testing.TB, a *App) T {
	t.Helper()
	s, ok := a.screen.(T)
	require.True(t, ok, "the screen is %T", a.screen)
	return s
}

// kind names the type of screen shown: "question", "form", "home".
func kind(a *App) string {
	name := fmt.Sprintf("%T", a.screen)
	return strings.TrimSuffix(strings.TrimPrefix(name, "*tui."), "Screen")
}

// keyTypes are the named keys the tests press; anything else is typed.
var keyTypes = map[string]tea.KeyType{
	"enter": tea.KeyEnter, "esc": tea.KeyEsc, "up": tea.KeyUp, "down": tea.KeyDown,
	"left": tea.KeyLeft, "right": tea.KeyRight, "tab": tea.KeyTab, "ctrl+c": tea.KeyCtrlC, "ctrl+u": tea.KeyCtrlU,
	"backspace": tea.KeyBackspace, "delete": tea.KeyDelete,
}

func keyMsg(k string) tea.KeyMsg {
	if t, ok := keyTypes[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func answersOf(t testing.TB, s *store.Store, id string, who ...string) map[string]assessment.Answer {
	t.Helper()
	l, err := s.Load(id)
	require.NoError(t, err)
	if len(who) > 0 {
		return l.AnswersOf(who[0])
	}
	return l.AnswersOf("Jo")
}

// dates change from run to run; golden hides them, the assessment ids and
// the store's temporary path.
var dates = regexp.MustCompile(`\d{4}-\d\d-\d\d`)

func golden(t *testing.T, a *App, name, view string) {
	t.Helper()
	view = dates.ReplaceAllString(view, "YYYY-MM-DD")
	view = strings.ReplaceAll(view, a.be.Store().Path(), "/tmp/seam.db")
	for _, sm := range a.home.list {
		view = strings.ReplaceAll(view, sm.ID, "ID0000")
	}
	path := filepath.Join(testdata, name+".golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(view), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./tui -update-views to create %s", path)
	assert.Equal(t, string(want), view, "%s differs; if intended, run go test ./tui -update-views and review", name)
}

// screens drives a fresh app to each screen worth a golden view.
var screens = []struct {
	name  string
	setup func(t testing.TB, a *App)
}{
	{"home-empty", func(t testing.TB, a *App) {}},
	{"home", func(t testing.TB, a *App) { create(t, a.be.Store(), "Acme Logistics"); goHome(a) }},
	{"home-demo", func(t testing.TB, a *App) { press(a, "d") }},
	{"question", func(t testing.TB, a *App) {
		create(t, a.be.Store(), "Acme Logistics")
		goHome(a)
		press(a, "enter", "3", "down", "w")
	}},
	{"question-full", func(t testing.TB, a *App) {
		create(t, a.be.Store(), "Acme Logistics")
		goHome(a)
		press(a, "enter", "3", "down", "f")
	}},
	{"question-full-why", func(t testing.TB, a *App) { // m5.q2 has the longest level texts
		create(t, a.be.Store(), "Acme Logistics")
		goHome(a)
		press(a, "enter")
		a.Update(showQuestion{index: 25})
		press(a, "f", "w", "down", "down", "down", "down")
	}},
	{"chapter", func(t testing.TB, a *App) {
		create(t, a.be.Store(), "Acme Logistics")
		goHome(a)
		press(a, "enter", "3", "2", "d", "4", "1", "5")
	}},
	{"results", func(t testing.TB, a *App) {
		create(t, a.be.Store(), "Acme Logistics")
		goHome(a)
		press(a, "enter", "3", "2", "d", "4", "1", "5", "r")
	}},
	{"explain", func(t testing.TB, a *App) {
		create(t, a.be.Store(), "Acme Logistics")
		goHome(a)
		press(a, "enter", "3", "2", "d", "4", "1", "5", "r", "x")
	}},
	{"delete", func(t testing.TB, a *App) { create(t, a.be.Store(), "Acme Logistics"); goHome(a); press(a, "D") }},
	{"question-baseline-hint", func(t testing.TB, a *App) {
		createWithBaseline(t, a.be.Store(), "Acme Logistics")
		goHome(a)
		press(a, "enter")
	}},
	{"chapters", func(t testing.TB, a *App) {
		id := createWithBaseline(t, a.be.Store(), "Acme Logistics")
		recordFigures(t, a.be.Store(), id)
		goHome(a)
		press(a, "enter", "3", "g")
	}},
	{"baseline", func(t testing.TB, a *App) {
		id := createWithBaseline(t, a.be.Store(), "Acme Logistics")
		recordFigures(t, a.be.Store(), id)
		goHome(a)
		press(a, "enter", "g", "up", "enter", "down", "down")
	}},

	{"participants", func(t testing.TB, a *App) { workshopFixture(t, a); press(a, "enter") }},
	{"heatmap", func(t testing.TB, a *App) { workshopFixture(t, a); press(a, "enter", "m", "y") }},
	{"queue", func(t testing.TB, a *App) { workshopFixture(t, a); press(a, "enter", "c", "y") }},
	{"thanks", func(t testing.TB, a *App) { workshopFixture(t, a); press(a, "enter", "enter", "3", "esc") }},

	{"reassess", func(t testing.TB, a *App) {
		createOn(t, a.be.Store(), "Acme Logistics", legacyInstrument(t))
		goHome(a)
		press(a, "R")
	}},
	{"question-last-time", func(t testing.TB, a *App) {
		_, next := followUpFixture(t, a, defaultInstrument(t))
		highlight(t, a, next)
		press(a, "enter")
	}},
	{"actions", func(t testing.TB, a *App) { actionsFixture(t, a); press(a, "A") }},
	{"actions-follow-up", func(t testing.TB, a *App) {
		_, next := reviewFixture(t, a)
		highlight(t, a, next)
		press(a, "A")
	}},
	{"action-form", func(t testing.TB, a *App) { actionsFixture(t, a); press(a, "A", "enter") }},
	{"compare", func(t testing.TB, a *App) {
		_, second := storedFollowUp(t, a.be.Store())
		onFollowUp(t, a, second)
		press(a, "r", "C")
	}},
}

// workshopFixture stores a workshop of three participants who answered
// chapter 1 differently, and lists it on home.
func workshopFixture(t testing.TB, a *App) {
	t.Helper()
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	w, err := a.be.Store().Create(store.NewAssessment{Organization: "Acme Logistics", Title: "Board workshop", Kind: store.Workshop, Instrument: inst})
	require.NoError(t, err)
	for i, p := range []store.Participant{{Name: "Ann", Role: "COO", Function: "business"}, {Name: "Bo", Role: "CIO", Function: "it"}, {Name: "Cy", Role: "CDO", Function: "data"}} {
		_, err := a.be.Store().AddParticipant(w.ID, p)
		require.NoError(t, err)
		answers := map[string]assessment.Answer{}
		for q, question := range inst.Modes[0].Questions {
			answers[question.ID] = assessment.Answer{Kind: assessment.Level, Level: 1 + (i*2+q)%5}
		}
		require.NoError(t, saved(a.be.Store().SaveAnswers(w.ID, p.Name, answers)))
	}
	goHome(a)
}

func TestGoldenViews(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			name := fmt.Sprintf("%s-%dx%d", sc.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				t.Chdir(t.TempDir()) // the store's path, shown on the empty home screen, is then just seam.db
				s, err := store.Open("seam.db")
				require.NoError(t, err)
				t.Cleanup(func() { s.Close() })
				a := newApp(t, s, size[0], size[1])
				sc.setup(t, a)
				view := a.View()
				lines := strings.Split(view, "\n")
				assert.Len(t, lines, size[1], "the view fills the window exactly")
				for i, l := range lines {
					assert.LessOrEqual(t, lipgloss.Width(l), size[0], "line %d is wider than the window: %q", i, l)
				}
				golden(t, a, name, view)
			})
		}
	}
}

// saved keeps the error of SaveAnswers, for checks that need only that.
func saved(_ *store.Loaded, err error) error { return err }
