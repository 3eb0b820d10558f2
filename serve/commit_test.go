package serve

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// TestAnswersArrivingTogetherAreCommittedTogether: answers that arrive
// while a commit is under way wait for the next one and are committed in
// one transaction; each device hears how its own answer fared, and one
// refused answer does not refuse the others'. More than a batch takes
// are committed in a second one.
func TestAnswersArrivingTogetherAreCommittedTogether(t *testing.T) {
	const n = maxBatch + 6
	r := newRoom(t, loadOptions, names(n)...)
	l, err := r.b.Store().Load(r.id)
	require.NoError(t, err)
	noNA := 0 // a question that takes no n/a
	for i, q := range l.Instrument.Questions() {
		if !q.AllowsNA() {
			noNA = i + 1
			break
		}
	}
	require.NotZero(t, noNA)
	devices := make([]*device, n)
	for i := range devices {
		devices[i] = r.device()
		devices[i].join(fmt.Sprintf("P%02d", i))
	}

	r.srv.committing.Lock() // a commit under way
	var wg sync.WaitGroup
	status := make([]int, n)
	for i, d := range devices {
		wg.Go(func() {
			value := strconv.Itoa(i%5 + 1)
			if i == 3 {
				value = "n/a"
			}
			form := url.Values{"csrf": {d.csrf}, "answer": {value}, "reason": {"none here"}}
			res, err := d.c.PostForm(r.http.URL+r.srv.Path()+"q/"+strconv.Itoa(noNA), form)
			if err == nil {
				status[i] = res.StatusCode
				res.Body.Close()
			}
		})
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		r.srv.queueMu.Lock()
		queued := len(r.srv.queue)
		r.srv.queueMu.Unlock()
		if queued == n || time.Now().After(deadline) {
			require.Equal(t, n, queued, "every answer waits for the commit under way")
			break
		}
	}
	r.srv.committing.Unlock()
	wg.Wait()

	after, err := r.b.Store().Load(r.id)
	require.NoError(t, err)
	assert.Equal(t, l.Revision()+2, after.Revision(), "a commit for a batch of the answers that waited, one for the rest")
	qid := l.Instrument.Questions()[noNA-1].ID
	for i := range n {
		got, ok := after.AnswersOf(fmt.Sprintf("P%02d", i))[qid]
		if i == 3 {
			assert.Equal(t, http.StatusUnprocessableEntity, status[i], "n/a where the question takes none")
			assert.False(t, ok)
			continue
		}
		assert.Equal(t, http.StatusOK, status[i], "P%02d", i)
		assert.Equal(t, assessment.Answer{Kind: assessment.Level, Level: i%5 + 1}, got, "P%02d", i)
	}
}
