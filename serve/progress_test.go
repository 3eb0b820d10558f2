package serve

import (
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// latest is the value waiting in a subscription, which must have one.
func latest(t *testing.T, updates <-chan Progress) Progress {
	t.Helper()
	select {
	case p, ok := <-updates:
		require.True(t, ok, "the subscription is open")
		return p
	default:
		require.FailNow(t, "no progress delivered")
		return Progress{}
	}
}

func nothingWaiting(t *testing.T, updates <-chan Progress) {
	t.Helper()
	select {
	case p, ok := <-updates:
		require.Failf(t, "a value waits", "%v (open: %v)", p, ok)
	default:
	}
}

func TestProgressRisesWithJoinsAndSaves(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	updates, cancel := r.srv.Subscribe()
	defer cancel()

	start := latest(t, updates)
	assert.Equal(t, Progress{Questions: 41, Participants: []Joined{{Name: "Ann", Function: "business"}, {Name: "Bo", Function: "it"}}}, start,
		"the current progress comes first, in the workshop's order")

	ann := r.device()
	ann.join("Ann")
	p := latest(t, updates)
	assert.Equal(t, []Joined{{Name: "Ann", Function: "business", Online: true}, {Name: "Bo", Function: "it"}}, p.Participants, "Ann is online")

	require.Equal(t, http.StatusOK, ann.answer(1, "3", nil).status)
	p = latest(t, updates)
	assert.Equal(t, 1, p.Participants[0].Answered, "the save raised Ann's progress")
	assert.Equal(t, 0, p.Participants[1].Answered)
	require.Equal(t, http.StatusOK, ann.answer(2, "dont-know", nil).status)
	require.Equal(t, http.StatusOK, ann.answer(1, "4", nil).status) // answered again: still two
	p = latest(t, updates)
	assert.Equal(t, 2, p.Participants[0].Answered)
	assert.Equal(t, 2, p.Answered())
	assert.Equal(t, 1, p.Online())
	assert.Equal(t, p, r.srv.Progress())

	refused := ann.answer(3, "9", nil)
	require.Equal(t, http.StatusUnprocessableEntity, refused.status)
	nothingWaiting(t, updates) // an answer refused changes nothing
}

func TestProgressNoticesARevealAndAnswersGivenInTheApp(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	updates, cancel := r.srv.Subscribe()
	defer cancel()
	latest(t, updates)

	// The facilitator reveals, and Bo answers on the facilitator's
	// computer, in the app: the server learns of both at the next request.
	require.NoError(t, r.b.Store().Reveal(r.id))
	_, err := r.b.Answer(r.id, "Bo", map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 2}})
	require.NoError(t, err)
	nothingWaiting(t, updates)
	r.device().get(r.srv.Path())
	p := latest(t, updates)
	assert.True(t, p.Revealed)
	assert.Equal(t, 1, p.Participants[1].Answered)

	r.device().get(r.srv.Path())
	nothingWaiting(t, updates) // nothing new: nothing published
}

func TestASlowSubscriberNeverHoldsUpASave(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	updates, cancel := r.srv.Subscribe()
	defer cancel()
	ann := r.device()
	ann.join("Ann")
	for n := 1; n <= 6; n++ { // nobody reads meanwhile
		require.Equal(t, http.StatusOK, ann.answer(n, "2", nil).status, "question %d", n)
	}
	assert.Equal(t, 6, latest(t, updates).Participants[0].Answered, "the reader skips to the latest")
	nothingWaiting(t, updates)
	assert.Len(t, r.answers("Ann"), 6)
}

func TestCancelStopsTheDelivery(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	updates, cancel := r.srv.Subscribe()
	other, cancelOther := r.srv.Subscribe()
	defer cancelOther()
	latest(t, updates)
	latest(t, other)
	cancel()
	cancel() // twice is harmless

	r.device().join("Ann")
	_, open := <-updates
	assert.False(t, open, "the channel is closed, nothing more comes")
	assert.True(t, latest(t, other).Participants[0].Online, "the other subscriber still gets it")
}

func TestCheckAddr(t *testing.T) {
	for addr, problem := range map[string]string{
		"0.0.0.0:8765":   "",
		"127.0.0.1:0":    "",
		":8765":          "",
		"[::1]:8765":     "",
		"8765":           `must be HOST:PORT, for example 0.0.0.0:8765, not "8765"`,
		"localhost:":     `must be HOST:PORT, for example 0.0.0.0:8765, not "localhost:"`,
		"localhost:http": `must end in a port number from 0 to 65535, not "localhost:http"`,
		"0.0.0.0:65536":  `must end in a port number from 0 to 65535, not "0.0.0.0:65536"`,
	} {
		err := CheckAddr(addr)
		if problem == "" {
			assert.NoError(t, err, addr)
		} else {
			assert.EqualError(t, err, problem, addr)
		}
	}
}

func TestListenSaysInOneLineWhyNot(t *testing.T) {
	ln, err := Listen("127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	_, err = Listen(ln.Addr().String())
	assert.EqualError(t, err, ln.Addr().String()+": address already in use")
	_, err = Listen("8765")
	assert.EqualError(t, err, `the address must be HOST:PORT, for example 0.0.0.0:8765, not "8765"`)
}

func TestJoinURLs(t *testing.T) {
	here := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8765}
	assert.Equal(t, []string{"http://127.0.0.1:8765/r/T/"}, JoinURLs(here, "/r/T/", false))
	assert.Equal(t, []string{"https://127.0.0.1:8765/r/T/"}, JoinURLs(here, "/r/T/", true))
	assert.True(t, OnlyHere(here))

	all := &net.TCPAddr{IP: net.IPv4zero, Port: 8765}
	assert.False(t, OnlyHere(all))
	urls := JoinURLs(all, "/r/T/", false)
	require.NotEmpty(t, urls)
	for i, u := range urls {
		assert.True(t, strings.HasPrefix(u, "http://") && strings.HasSuffix(u, ":8765/r/T/"), u)
		if strings.Contains(u, "//127.") {
			assert.Equal(t, len(urls)-1, i, "loopback comes last: only this computer can use it")
		}
	}
}

// BenchmarkPublishRoomOfFifty is the work each commit adds to publish the
// progress of a room of 50 who have answered all 41 questions, under the
// lock every request's noticed takes.
func BenchmarkPublishRoomOfFifty(b *testing.B) {
	r := newRoom(b, Options{}, names(50)...)
	l, err := r.b.Store().Current(r.id)
	require.NoError(b, err)
	all := map[string]assessment.Answer{}
	for _, q := range l.Instrument.Questions() {
		all[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 3}
	}
	for _, n := range names(50) {
		l, err = r.b.Save(r.id, n, all)
		require.NoError(b, err)
	}
	require.Len(b, l.Answers, 50*41)
	for b.Loop() {
		r.srv.publish(l)
	}
	require.Equal(b, 50*41, r.srv.Progress().Answered())
}

// TestADecisionTellsTheFacilitatorWhoIsOnline: Bo's device asks to be
// Ann; once the facilitator lets it in, Bo is no longer online, and the
// screen hears so without waiting for the next answer.
func TestADecisionTellsTheFacilitatorWhoIsOnline(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	ann, bo := r.device(), r.device()
	ann.join("Ann")
	bo.join("Bo")
	bo.join("Ann") // waits for the facilitator
	updates, cancel := r.srv.Subscribe()
	defer cancel()
	before := latest(t, updates)
	assert.Equal(t, 2, before.Online())
	require.Len(t, r.srv.JoinRequests(), 1)
	require.NoError(t, r.srv.Decide(r.srv.JoinRequests()[0].ID, true))
	after := latest(t, updates)
	assert.True(t, after.Participants[0].Online, "Ann, on the new device")
	assert.False(t, after.Participants[1].Online, "Bo's device is Ann's now")
}
