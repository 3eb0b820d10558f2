package serve

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roomRun is what a served room of participants answering every question
// at once came to.
type roomRun struct {
	trips  []time.Duration // each answer's round trip: the POST, and the GET it redirects to
	errors []string
}

func (r roomRun) percentile(p float64) time.Duration {
	s := slices.Clone(r.trips)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

// answerAll has n participants join one served room and answer all
// questions at once, each from its own device (cookies and connections).
// Participant i answers question q with level (i+q)%5+1.
func answerAll(tb testing.TB, r *room, n int) roomRun {
	total := 41
	var mu sync.Mutex
	var run roomRun
	fail := func(format string, args ...any) {
		mu.Lock()
		run.errors = append(run.errors, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, Timeout: 30 * time.Second, Transport: &http.Transport{}}
			defer c.CloseIdleConnections()
			body := func(res *http.Response, err error) (string, int, bool) {
				if err != nil {
					fail("%v", err)
					return "", 0, false
				}
				defer res.Body.Close()
				b, err := io.ReadAll(res.Body)
				if err != nil {
					fail("%v", err)
					return "", 0, false
				}
				return string(b), res.StatusCode, true
			}
			page, _, ok := body(c.Get(r.http.URL + r.srv.Path()))
			if !ok {
				return
			}
			name := fmt.Sprintf("P%02d", i)
			page, status, ok := body(c.PostForm(r.http.URL+r.srv.Path()+"join", url.Values{"csrf": {formToken(tb, page)}, "name": {name}}))
			if !ok || status != http.StatusOK {
				fail("%s joining: %d", name, status)
				return
			}
			csrf := formToken(tb, page)
			for q := 1; q <= total; q++ {
				start := time.Now()
				_, status, ok := body(c.PostForm(r.http.URL+r.srv.Path()+"q/"+strconv.Itoa(q),
					url.Values{"csrf": {csrf}, "answer": {strconv.Itoa((i+q)%5 + 1)}, "note": {name + " on " + strconv.Itoa(q)}}))
				took := time.Since(start)
				if !ok || status != http.StatusOK {
					fail("%s answering %d: %d", name, q, status)
					continue
				}
				mu.Lock()
				run.trips = append(run.trips, took)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return run
}

func names(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("P%02d", i)
	}
	return out
}

// checkNothingLost holds the store to every answer each participant gave.
func checkNothingLost(tb testing.TB, r *room, n int) int {
	l, err := r.b.Store().Load(r.id)
	require.NoError(tb, err)
	lost := 0
	for i := range n {
		name := fmt.Sprintf("P%02d", i)
		had := l.AnswersOf(name)
		for q, question := range l.Instrument.Questions() {
			a, ok := had[question.ID]
			if !ok || a.Level != (i+q+1)%5+1 || a.Note != name+" on "+strconv.Itoa(q+1) {
				lost++
			}
		}
	}
	return lost
}

// A room's limits are per device; on loopback every device has the same
// address, so the load runs lift the limit on joining from one address.
var loadOptions = Options{Rate: 1e6, Burst: 1e6}

func TestFiftyParticipantsAnswerEverythingAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("a room of 50 answering 41 questions each")
	}
	const n = 50
	r := newRoom(t, loadOptions, names(n)...)
	run := answerAll(t, r, n)
	assert.Empty(t, run.errors)
	assert.Len(t, run.trips, n*41)
	assert.Zero(t, checkNothingLost(t, r, n), "answers lost")
	for _, line := range strings.Split(r.log.String(), "\n") {
		if strings.Contains(line, ": 422 ") {
			t.Log(line)
			break
		}
	}
	t.Logf("%d answers, p50 %v, p99 %v", len(run.trips), run.percentile(.5), run.percentile(.99))
	assert.NotContains(t, r.log.String(), ": 500 ")
}

// BenchmarkRoomOfFifty serves one room on one database file to 50
// participants answering all 41 questions at once; it reports the p99
// round trip of an answer (POST, commit, redirect, next page).
func BenchmarkRoomOfFifty(b *testing.B) {
	const n = 50
	var p50, p99 time.Duration
	for b.Loop() {
		b.StopTimer()
		r := newRoom(b, loadOptions, names(n)...)
		b.StartTimer()
		run := answerAll(b, r, n)
		b.StopTimer()
		if len(run.errors) > 0 {
			b.Fatalf("%d errors, the first: %s", len(run.errors), run.errors[0])
		}
		if lost := checkNothingLost(b, r, n); lost > 0 {
			b.Fatalf("%d answers lost", lost)
		}
		p50, p99 = max(p50, run.percentile(.5)), max(p99, run.percentile(.99))
		b.StartTimer()
	}
	b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
}
