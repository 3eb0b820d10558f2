package store

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// twoBundles exports a small self-assessment and a workshop from a store
// of their own.
func twoBundles(t *testing.T) (small, workshop *Bundle) {
	t.Helper()
	src := open(t)
	a := newSelf(t, src, "Small")
	require.NoError(t, saved(src.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(2)})))
	w := newWorkshop(t, src)
	require.NoError(t, saved(src.SaveAnswers(w, "Ann", map[string]assessment.Answer{"m1.q1": lvl(4)})))
	small, err := src.Export(a.ID)
	require.NoError(t, err)
	workshop, err = src.Export(w)
	require.NoError(t, err)
	return small, workshop
}

func TestImportAllLeavesOutWhatIsThereAndAddsTheRest(t *testing.T) {
	small, workshop := twoBundles(t)
	dst := open(t)
	_, err := dst.Import(small, ImportOptions{})
	require.NoError(t, err)

	got, err := dst.ImportAll([]*Bundle{small, workshop}, ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, []Imported{{ID: small.Assessment.ID, Existed: true}, {ID: workshop.Assessment.ID}}, got)
	l, err := dst.Load(workshop.Assessment.ID)
	require.NoError(t, err)
	assert.Len(t, l.Participants, 3)
	assert.Equal(t, lvl(4), l.AnswersOf("Ann")["m1.q1"])

	got, err = dst.ImportAll([]*Bundle{small, workshop}, ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, []Imported{{ID: small.Assessment.ID, Existed: true}, {ID: workshop.Assessment.ID, Existed: true}}, got, "a second run adds nothing")
	list, err := dst.List()
	require.NoError(t, err)
	assert.Len(t, list, 2)

	got, err = dst.ImportAll([]*Bundle{small}, ImportOptions{AsNew: true})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.False(t, got[0].Existed)
	assert.NotEqual(t, small.Assessment.ID, got[0].ID, "AsNew stores a copy under a fresh id")
}

// TestImportAllOnAFullDiskAddsNone fills the disk with the second bundle:
// the first, which fits on its own, is not left behind either.
func TestImportAllOnAFullDiskAddsNone(t *testing.T) {
	small, big := twoBundles(t)
	for i := 0; i < 200; i++ { // enough text to need far more room than there is
		h := big.History[0]
		h.Note = strings.Repeat("h", assessment.MaxNoteLen)
		big.History = append(big.History, h)
	}
	dst := open(t)
	newSelf(t, dst, "Existing") // the schema and instrument pages exist
	dst.db.SetMaxOpenConns(1)
	var pages int
	require.NoError(t, dst.db.QueryRow("PRAGMA page_count").Scan(&pages))
	_, err := dst.db.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages+30))
	require.NoError(t, err)

	_, err = dst.ImportAll([]*Bundle{small, big}, ImportOptions{})
	var dbe *DBError
	require.True(t, errors.As(err, &dbe), "%v", err)
	assert.Contains(t, err.Error(), "the disk is full; nothing was saved")
	list, err := dst.List()
	require.NoError(t, err)
	require.Len(t, list, 1, "neither bundle is stored")
	assert.Equal(t, "Existing", list[0].Organization)

	_, err = dst.Import(small, ImportOptions{})
	require.NoError(t, err, "the first bundle fits on its own: the whole batch was rolled back")
	var check string
	require.NoError(t, dst.db.QueryRow("PRAGMA integrity_check").Scan(&check))
	assert.Equal(t, "ok", check)
}

func TestImportAllRefusesABadBundleBeforeWriting(t *testing.T) {
	small, workshop := twoBundles(t)
	workshop.Answers = append(workshop.Answers, BundleAnswer{Participant: "Nobody", Question: "m1.q1", Answer: "3", At: workshop.ExportedAt})
	dst := open(t)
	_, err := dst.ImportAll([]*Bundle{small, workshop}, ImportOptions{})
	require.Error(t, err)
	list, err := dst.List()
	require.NoError(t, err)
	assert.Empty(t, list)
}
