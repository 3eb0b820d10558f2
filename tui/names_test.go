package tui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// hostileRoom opens, on its participants screen, a revealed workshop of
// two participants with distinctive hostile names and roles who disagree
// on m1.q1.
func hostileRoom(t *testing.T) *App {
	t.Helper()
	s := openStore(t)
	a := newApp(t, s, 120, 40)
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	w, err := s.Create(store.NewAssessment{Organization: "Acme", Kind: store.Workshop, Instrument: inst})
	require.NoError(t, err)
	for _, p := range []struct {
		name, role, function string
		level                int
	}{{"Zyx<script>Quux", "Chief Qwv Officer", "business", 1}, {"Vrelk Ygrath", "Head of Plonk", "it", 5}} {
		_, err := s.AddParticipant(w.ID, store.Participant{Name: p.name, Role: p.role, Function: p.function})
		require.NoError(t, err)
		require.NoError(t, saved(s.SaveAnswers(w.ID, p.name, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: p.level}})))
	}
	require.NoError(t, s.Reveal(w.ID))
	goHome(a)
	press(a, "enter")
	require.Equal(t, "participants", kind(a))
	return a
}

var hostileTokens = []string{"Zyx", "Quux", "Vrelk", "Ygrath", "Qwv", "Plonk"}

func assertNamesNoOne(t *testing.T, s, where string) {
	t.Helper()
	for _, tok := range hostileTokens {
		assert.NotContains(t, s, tok, where)
	}
}

// TestTheHeatmapShowsFunctionsUntilIShowsNames: the heatmap, which goes on
// the projector, names participants by function at first; i shows their
// names and hides them again, and the choice holds when the facilitator
// leaves the heatmap and comes back.
func TestTheHeatmapShowsFunctionsUntilIShowsNames(t *testing.T) {
	a := hostileRoom(t)
	press(a, "m")
	require.Equal(t, "heatmap", kind(a))
	view := ansi.Strip(a.View())
	assert.Contains(t, view, "1 Business 1 · 2 IT 1")
	assert.Contains(t, view, "i show names")
	assertNamesNoOne(t, view, "the heatmap at first")

	press(a, "i")
	view = ansi.Strip(a.View())
	assert.Contains(t, view, "1 Zyx<script>Quux (business) · 2 Vrelk Ygrath (it)")
	assert.Contains(t, view, "i hide names")
	assert.Contains(t, a.status, "shown by name")

	press(a, "esc", "m")
	require.Equal(t, "heatmap", kind(a))
	assert.Contains(t, ansi.Strip(a.View()), "1 Zyx<script>Quux (business)", "as the facilitator left it")

	press(a, "i")
	view = ansi.Strip(a.View())
	assert.Contains(t, view, "1 Business 1 · 2 IT 1")
	assertNamesNoOne(t, view, "hidden again")
}

// TestTheReportPreviewAndItsFileFollowTheNamesSwitch: the preview of a
// workshop opens anonymous and says how to show names; i redraws it with
// names; the file saved is the report shown.
func TestTheReportPreviewAndItsFileFollowTheNamesSwitch(t *testing.T) {
	a := hostileRoom(t)
	press(a, "p")
	p := on[*previewScreen](t, a)
	view := ansi.Strip(a.View())
	assert.Contains(t, view, "Business 1; IT 1 (anonymous: named by function)")
	assertNamesNoOne(t, view, "the preview at first")
	assert.Contains(t, a.status, "Participants are shown by function; i shows their names.")

	dir := t.TempDir()
	anonymous := filepath.Join(dir, "anonymous.md")
	p.save(a, anonymous)
	drain(a)
	data, err := os.ReadFile(anonymous)
	require.NoError(t, err)
	assert.Contains(t, string(data), "Business 1 rated it 1, IT 1 5")
	assertNamesNoOne(t, string(data), "the file saved from the anonymous preview")

	press(a, "i")
	assert.Contains(t, ansi.Strip(a.View()), "Zyx<script>Quux (Chief Qwv Officer, business)")
	named := filepath.Join(dir, "named.md")
	p.save(a, named)
	drain(a)
	data, err = os.ReadFile(named)
	require.NoError(t, err)
	assert.Contains(t, string(data), "the Chief Qwv Officer rated it 1, the Head of Plonk 5")
}
