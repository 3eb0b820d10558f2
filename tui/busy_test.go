package tui

import (
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/store"
)

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
	j.waitFor("0/36")
	_, err = b.Answer(w.ID, "Ann", map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 2}, "m1.q2": {Kind: assessment.DontKnow}})
	require.NoError(t, err)
	j.waitFor("2/36")
	j.quit()
}
