package tui

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/backend"
)

func TestTheWelcomeScreenAddsTheDemo(t *testing.T) {
	a := newApp(t, openStore(t), 80, 24)
	assert.Contains(t, a.View(), "Or press d to look around first")
	assert.Contains(t, a.View(), "d add the demo", "the help line lists the key")

	press(a, "d")
	require.Equal(t, "home", kind(a))
	require.Len(t, a.home.list, 2, "the list shows the two samples")
	assert.Equal(t, []string{backend.DemoSelfID, backend.DemoWorkshopID}, []string{a.home.list[0].ID, a.home.list[1].ID})
	assert.Equal(t, "Added the demo: dem2se and dem2ws. Press enter to open one.", a.status)
	assert.Contains(t, a.View(), "Northwind Freig")

	press(a, "d")
	assert.Equal(t, "The demo is already there: dem2se and dem2ws.", a.status)
	require.Len(t, a.home.list, 2, "a second run adds nothing")
}

// TestTheDemoIsAllOrNothingInTheApp makes the workshop sample fail to
// save: the app says so and lists neither.
func TestTheDemoIsAllOrNothingInTheApp(t *testing.T) {
	s := openStore(t)
	db, err := sql.Open("sqlite3", "file:"+s.Path()+"?_busy_timeout=5000")
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`CREATE TRIGGER fail_workshop BEFORE INSERT ON assessments WHEN NEW.id = 'dem2ws'
		BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`)
	require.NoError(t, err)

	a := newApp(t, s, 80, 24)
	press(a, "d")
	assert.Equal(t, "home", kind(a))
	assert.Contains(t, a.err, "the demo was not added")
	assert.Empty(t, a.home.list)
	assert.Contains(t, a.View(), "Welcome to seam.")
}

func TestJourneyTheDemoFromTheWelcomeScreen(t *testing.T) {
	j, s, _ := firstRun(t) // at "Press n to start…"
	j.keys("d")
	j.waitForAll("Added the demo", "Sample sel", "Sample wor")
	j.keys("down", "enter") // the workshop: its participants
	j.waitFor("Avery Chen")
	app := j.quit()
	assert.Equal(t, "participants", kind(app))
	assert.NotContains(t, app.status, "Added the demo", "the status of home is gone")
	list, err := s.List()
	require.NoError(t, err)
	assert.Len(t, list, 2)
}

// TestAStatusStaysOnItsScreen: what home said is gone once another
// screen shows; what is said while changing screens is shown there.
func TestAStatusStaysOnItsScreen(t *testing.T) {
	s := openStore(t)
	create(t, s, "First")
	second := create(t, s, "Second")
	a := newApp(t, s, 80, 24)
	press(a, "D", "y")
	require.Equal(t, "home", kind(a))
	assert.Contains(t, a.status, "Deleted "+second, "said as the screen changed: shown on the next")
	assert.Contains(t, a.View(), "Deleted "+second)

	for _, k := range []string{"r", "esc", "p", "esc", "enter"} {
		press(a, "down", "up") // moving on the same screen keeps it
		if k == "r" {
			assert.Contains(t, a.status, "Deleted "+second)
		}
		press(a, k)
		assert.NotContains(t, a.View(), "Deleted "+second, "after %s on %s", k, kind(a))
	}

	// the report's own hint is said as it opens
	goHome(a)
	press(a, "p")
	require.Equal(t, "preview", kind(a))
	assert.Contains(t, a.status, "Press s to save it")
	press(a, "esc")
	assert.Equal(t, "results", kind(a))
	assert.Empty(t, a.status)

	// an answer saved is said on the next question, not after
	goHome(a)
	press(a, "enter", "3")
	assert.Contains(t, a.status, "Saved m1.q1")
	press(a, "right")
	assert.Empty(t, a.status)
}

func TestALongStatusWrapsAtSpaces(t *testing.T) {
	path := "/home/someone/Documents/seam-report-northwind-freight-sample-2026-11-26.md"
	assert.Equal(t, []string{"✓ Saved the report to", path}, wrapAtSpaces("✓ Saved the report to "+path, 80))
	assert.Equal(t, []string{"a", "0123456789", "0123456789", "01 b"}, wrapAtSpaces("a 0123456789012345678901 b", 10))
}
