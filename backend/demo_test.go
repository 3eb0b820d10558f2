package backend

import (
	"database/sql"
	"path/filepath"
	"testing"

	_ "github.com/mattn/go-sqlite3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

func TestAddDemoAddsBothSamplesOnce(t *testing.T) {
	b := open(t)
	got, err := b.AddDemo()
	require.NoError(t, err)
	assert.Equal(t, []DemoSample{
		{ID: DemoSelfID, Title: "Sample self-assessment (seam demo)", Added: true},
		{ID: DemoWorkshopID, Title: "Sample workshop (seam demo)", Added: true},
	}, got)
	assert.Equal(t, "added dem2se: Sample self-assessment (seam demo)", got[0].String())

	ws, err := b.Load(DemoWorkshopID)
	require.NoError(t, err)
	assert.Equal(t, store.Workshop, ws.Kind)
	assert.Len(t, ws.Participants, 5)
	assert.NotEmpty(t, ws.Consensus)
	self, err := b.Load(DemoSelfID)
	require.NoError(t, err)
	assert.Len(t, self.Answers, len(self.Instrument.Questions()), "the sample answers every question")

	got, err = b.AddDemo()
	require.NoError(t, err)
	assert.False(t, got[0].Added || got[1].Added, "a second run adds nothing")
	assert.Equal(t, "dem2ws is already there: Sample workshop (seam demo)", got[1].String())
	list, err := b.Store().List()
	require.NoError(t, err)
	assert.Len(t, list, 2)

	// A sample deleted since comes back; the other is left as it is.
	require.NoError(t, b.Store().Delete(DemoWorkshopID))
	got, err = b.AddDemo()
	require.NoError(t, err)
	assert.False(t, got[0].Added)
	assert.True(t, got[1].Added)
}

// TestAddDemoIsAllOrNothing makes storing the second sample fail, as a
// full disk would half-way: the first is not left behind.
func TestAddDemoIsAllOrNothing(t *testing.T) {
	b := open(t)
	db, err := sql.Open("sqlite3", "file:"+b.Store().Path()+"?_busy_timeout=5000")
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`CREATE TRIGGER fail_workshop BEFORE INSERT ON assessments WHEN NEW.id = '` + DemoWorkshopID + `'
		BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`)
	require.NoError(t, err)

	_, err = b.AddDemo()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "simulated failure")
	list, err := b.Store().List()
	require.NoError(t, err)
	assert.Empty(t, list, "neither sample is stored")

	_, err = db.Exec("DROP TRIGGER fail_workshop")
	require.NoError(t, err)
	got, err := b.AddDemo()
	require.NoError(t, err)
	assert.True(t, got[0].Added && got[1].Added, "once the failure is gone both are added")
}

// TestTheDemoRecordsBaselineFiguresOnceTheInstrumentHasThem: on the
// built-in instrument, which has a baseline chapter, both samples record
// the figures it lists, one as don't know, and the plan shows them beside
// their KPIs; on one without (1.0.1) they record none.
func TestTheDemoRecordsBaselineFiguresOnceTheInstrumentHasThem(t *testing.T) {
	b := open(t)
	_, err := b.AddDemo()
	require.NoError(t, err)
	for _, id := range []string{DemoSelfID, DemoWorkshopID} {
		e, err := b.Load(id)
		require.NoError(t, err)
		assert.Len(t, e.Baseline, 6, id)
		assert.Equal(t, assessment.BaselineValue{DontKnow: true}, e.Baseline["data-incidents"], id)
		assert.Equal(t, assessment.BaselineValue{Value: 95}, e.Baseline["point-to-point"], id)
		shown := 0
		for _, it := range e.Evaluation.Plan.Items {
			if it.Baseline != "" {
				shown++
			}
		}
		assert.Positive(t, shown, "%s: the plan shows recorded figures beside their KPIs", id)
	}

	plain := open(t)
	legacy, err := questionnaire.Load(filepath.Join("..", "questionnaire", "testdata", "default-1.0.1.yaml"))
	require.NoError(t, err)
	_, err = plain.Store().ImportAll([]*store.Bundle{demoSelf(legacy), demoWorkshop(legacy)}, store.ImportOptions{})
	require.NoError(t, err)
	e, err := plain.Load(DemoSelfID)
	require.NoError(t, err)
	assert.Empty(t, e.Baseline, "instrument 1.0.1 has no baseline chapter")
}
