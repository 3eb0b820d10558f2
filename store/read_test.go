package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// TestReadSeesOneSnapshotAndLetsWritersOn: what read reads agrees with
// itself though another seam commits in between, and that seam does not
// wait for it.
func TestReadSeesOneSnapshotAndLetsWritersOn(t *testing.T) {
	s := open(t)
	id := newSelf(t, s, "Acme").ID
	other, err := Open(s.path)
	require.NoError(t, err)
	defer other.Close()
	err = s.read(func(q querier) error {
		before, err := s.load(q, id)
		require.NoError(t, err)
		require.NoError(t, saved(other.SaveAnswers(id, "", map[string]assessment.Answer{"m1.q1": lvl(3)})), "a writer does not wait for a read")
		after, err := s.load(q, id)
		require.NoError(t, err)
		assert.Equal(t, before.Revision(), after.Revision())
		assert.Empty(t, after.Answers, "the answer committed meanwhile is not in this snapshot")
		return nil
	})
	require.NoError(t, err)
	l, err := s.Load(id)
	require.NoError(t, err)
	assert.Len(t, l.Answers, 1, "a read afterwards sees it")
}

// TestExportWhileAnotherSeamWrites: a bundle exported while a workshop is
// answered, its register changed and its consensus recorded is one state
// of it: each answer ends its history, each action its log, and the
// consensus history its consensus (export refuses a history that does not,
// as invalid data). Read piece by piece, about one bundle in thirty mixed
// two states, and import would have made the older answer or action
// current again.
func TestExportWhileAnotherSeamWrites(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "seam.db")) // the real clock: the test's is for one goroutine
	require.NoError(t, err)
	defer s.Close()
	id := newWorkshop(t, s)
	_, err = s.AdoptAction(id, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{})
	require.NoError(t, err)
	other, err := Open(s.path)
	require.NoError(t, err)
	defer other.Close()
	done := make(chan error, 1)
	go func() {
		for i := range 150 {
			notes := fmt.Sprintf("change %d", i)
			if _, err := other.UpdateAction(id, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Notes: &notes}); err != nil {
				done <- err
				return
			}
			if err := saved(other.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": lvl(1 + i%5)})); err != nil {
				done <- err
				return
			}
			if err := other.SaveConsensus(id, "m1.q1", lvl(1+i%5)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	exports := 0
	for writing := true; writing; exports++ {
		select {
		case err := <-done:
			require.NoError(t, err)
			writing = false
		default:
		}
		b, err := s.Export(id)
		require.NoError(t, err, "export %d", exports)
		last := b.ActionHistory[len(b.ActionHistory)-1]
		require.Equal(t, b.Actions[0], last, "export %d: the register ends its log", exports)
		for _, a := range b.Answers {
			var h BundleAnswer
			for _, x := range b.History {
				if x.Participant == a.Participant && x.Question == a.Question {
					h = x
				}
			}
			require.Equal(t, a, h, "export %d: %s's answer to %s ends its history", exports, a.Participant, a.Question)
		}
	}
	t.Logf("%d exports", exports)
}
