package serve

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/store"
)

// clock is a time the test moves by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// clock makes the room's time the test's to move; call it before any
// request.
func (r *room) clock() *clock {
	c := &clock{t: time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)}
	r.srv.door.now = c.now
	return c
}

// asked collects the join requests a server tells of.
type asked struct {
	mu   sync.Mutex
	reqs []JoinRequest
}

func (a *asked) add(q JoinRequest) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.reqs = append(a.reqs, q)
}

func (a *asked) all() []JoinRequest {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]JoinRequest(nil), a.reqs...)
}

func TestATakenNameIsLetInOnceTheFacilitatorConfirms(t *testing.T) {
	told := &asked{}
	r := newRoom(t, Options{OnJoinRequest: told.add}, "Ann", "Bo")
	old, fresh := r.device(), r.device()
	old.join("Ann")
	old.answer(1, "3", nil)

	p := fresh.join("Ann")
	require.Equal(t, r.srv.Path()+"wait", p.url)
	assert.Equal(t, http.StatusOK, p.status)
	assert.Contains(t, text(t, p.body), "Your request is number 1")
	var refresh []string
	for _, m := range elements(t, p.body, "meta") {
		if attr(m, "http-equiv") == "refresh" {
			refresh = append(refresh, attr(m, "content"))
		}
	}
	assert.Equal(t, []string{"3"}, refresh, "the page looks again by itself, without JavaScript")
	forms := elements(t, p.body, "form")
	require.Len(t, forms, 1)
	assert.Equal(t, "get", attr(forms[0], "method"), "and a button looks again without it too")
	assert.Equal(t, r.srv.Path()+"wait", attr(forms[0], "action"))
	assert.Empty(t, elements(t, p.body, "script"))

	requests := r.srv.JoinRequests()
	require.Len(t, requests, 1)
	q := requests[0]
	assert.Equal(t, "1", q.ID)
	assert.Equal(t, "Ann", q.Name)
	assert.Equal(t, "127.0.0.1", q.Addr)
	assert.Equal(t, []JoinRequest{q}, told.all(), "the facilitator is told once")

	p = fresh.get(r.srv.Path() + "wait")
	assert.Equal(t, r.srv.Path()+"wait", p.url, "still waiting")
	fresh.join("Ann") // asking again waits on the same request
	assert.Len(t, told.all(), 1)
	assert.Len(t, r.srv.JoinRequests(), 1)
	assert.Empty(t, r.answers("Ann")[r.question(2)].Kind, "nothing answered as Ann from the waiting device")

	require.NoError(t, r.srv.Decide("1", true))
	assert.Empty(t, r.srv.JoinRequests())
	p = fresh.get(r.srv.Path() + "wait")
	assert.Equal(t, r.srv.Path()+"q/2", p.url, "let in, on Ann's first unanswered question")
	p = fresh.answer(2, "4", nil)
	assert.Equal(t, http.StatusOK, p.status)
	assert.Equal(t, 4, r.answers("Ann")[r.question(2)].Level, "the new device answers as Ann")

	oldToken := old.csrf
	p = old.get(r.srv.Path() + "q/1")
	assert.Equal(t, r.srv.Path(), p.url, "the old device is signed out")
	assert.Contains(t, text(t, p.body), "You were signed out: your name was confirmed on another device.")
	old.csrf = oldToken
	assert.Equal(t, r.srv.Path(), old.answer(1, "1", nil).url)
	assert.Equal(t, 3, r.answers("Ann")[r.question(1)].Level, "nothing saved from the old device")
	assert.NotContains(t, text(t, old.get(r.srv.Path()).body), "signed out", "said once")

	err := r.srv.Decide("1", true)
	assert.ErrorContains(t, err, "join request 1 (Ann) is decided already")
	assert.Contains(t, r.log.String(), `join request 1 for "Ann" confirmed by the facilitator`)
}

func TestARefusedDeviceIsToldSoAndTheNameStaysWhereItWas(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	old, other := r.device(), r.device()
	old.join("Ann")
	other.join("Ann")
	require.NoError(t, r.srv.Decide("1", false))

	p := other.get(r.srv.Path() + "wait")
	assert.Equal(t, http.StatusForbidden, p.status)
	assert.Contains(t, text(t, p.body), "You were not let in as Ann.")
	assert.Equal(t, r.srv.Path(), other.get(r.srv.Path()+"q/1").url, "not joined")
	p = other.get(r.srv.Path() + "wait")
	assert.Contains(t, text(t, p.body), "Your request to join is no longer waiting", "told once, then back to the join page")

	p = old.answer(1, "2", nil)
	assert.Equal(t, http.StatusOK, p.status, "the first device keeps its name")
	assert.Equal(t, 2, r.answers("Ann")[r.question(1)].Level)
	assert.ErrorContains(t, r.srv.Decide("1", true), "join request 1 (Ann) is decided already")
}

func TestAJoinRequestNobodyDecidesExpires(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	c := r.clock()
	old, other := r.device(), r.device()
	old.join("Ann")
	other.join("Ann")
	c.add(JoinRequestExpiry - time.Second)
	assert.Len(t, r.srv.JoinRequests(), 1)
	assert.Equal(t, r.srv.Path()+"wait", other.get(r.srv.Path()+"wait").url)

	c.add(2 * time.Second)
	assert.Empty(t, r.srv.JoinRequests())
	assert.ErrorContains(t, r.srv.Decide("1", true), "join request 1 (Ann) expired: nobody decided within 5 minutes")
	p := other.get(r.srv.Path() + "wait")
	assert.Equal(t, http.StatusGone, p.status)
	assert.Contains(t, text(t, p.body), "Nobody confirmed it within 5 minutes")
	assert.Equal(t, http.StatusOK, old.answer(1, "2", nil).status, "the first device keeps its name")
	assert.Contains(t, r.log.String(), `join request 1 for "Ann" lapsed`)
}

func TestDecideNamesARequestThatDoesNotExist(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	err := r.srv.Decide("7", true)
	assert.ErrorIs(t, err, ErrNoJoinRequest)
	assert.EqualError(t, err, `no join request "7" is waiting`)
}

func TestNoParticipantCanDecideAJoinRequest(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	ann, bo, other := r.device(), r.device(), r.device()
	ann.join("Ann")
	bo.join("Bo")
	other.join("Ann")
	form := url.Values{"csrf": {bo.csrf}, "id": {"1"}, "allow": {"true"}, "confirm": {"1"}}
	for _, d := range []*device{bo, other} {
		for _, path := range []string{"wait", "decide", "confirm", "confirm/1", "requests", "requests/1", "join/1"} {
			p := d.post(r.srv.Path()+path, form)
			assert.Contains(t, []int{http.StatusNotFound, http.StatusMethodNotAllowed}, p.status, path)
		}
		for _, path := range []string{"decide?id=1&allow=true", "confirm/1", "requests"} {
			assert.Equal(t, http.StatusNotFound, d.get(r.srv.Path()+path).status, path)
		}
	}
	assert.Len(t, r.srv.JoinRequests(), 1, "still waiting")
	assert.Equal(t, r.srv.Path()+"wait", other.get(r.srv.Path()+"wait").url)
	assert.Equal(t, r.srv.Path()+"q/1", ann.get(r.srv.Path()+"q/1").url, "Ann still holds her name")
}

func TestWaitingRequestsCountAgainstTheRoomsCap(t *testing.T) {
	r := newRoom(t, Options{MaxSessions: 2}, "Ann", "Bo", "Cy")
	r.device().join("Ann")
	r.device().join("Ann") // waits: 1 session + 1 request
	p := r.device().join("Bo")
	assert.Equal(t, http.StatusServiceUnavailable, p.status)
	assert.Contains(t, text(t, p.body), "The room is full")
	require.NoError(t, r.srv.Decide("1", false))
	assert.Equal(t, r.srv.Path()+"q/1", r.device().join("Bo").url, "a refused request frees its place")
}

func TestOnlySoManyDevicesWaitAtOnce(t *testing.T) {
	r := newRoom(t, Options{Rate: 1000, Burst: 1000}, "Ann") // every device is on 127.0.0.1
	r.device().join("Ann")
	for range maxWaiting {
		assert.Equal(t, r.srv.Path()+"wait", r.device().join("Ann").url)
	}
	p := r.device().join("Ann")
	assert.Equal(t, http.StatusServiceUnavailable, p.status)
	assert.Contains(t, text(t, p.body), "Too many devices are waiting")
	assert.Len(t, r.srv.JoinRequests(), maxWaiting)
}

func TestAPersonalLinkJoinsItsParticipant(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	links := r.srv.PersonalLinks()
	require.Len(t, links, 2)
	shape := regexp.MustCompile("^" + regexp.QuoteMeta(r.srv.Path()) + "p/[A-Za-z0-9_-]{22}$") // 128 bits
	assert.Regexp(t, shape, links["Ann"])
	assert.Regexp(t, shape, links["Bo"])
	assert.NotEqual(t, links["Ann"], links["Bo"])
	assert.Equal(t, links, r.srv.PersonalLinks(), "the same for the server's life")

	ann := r.device()
	p := ann.get(links["Ann"])
	assert.Equal(t, r.srv.Path()+"q/1", p.url, "no name to pick")
	assert.Contains(t, text(t, p.body), "Ann · question 1")
	ann.answer(1, "5", nil)
	assert.Equal(t, 5, r.answers("Ann")[r.question(1)].Level)
	assert.Equal(t, r.srv.Path()+"q/2", ann.get(links["Ann"]).url, "followed again: on to the first open question")

	p = r.device().get(links["Ann"])
	assert.Equal(t, r.srv.Path()+"wait", p.url, "another device with Ann's link asks the facilitator")
	assert.Len(t, r.srv.JoinRequests(), 1)

	_, _, err := r.b.AddParticipant(r.id, store.Participant{Name: "Cy", Function: "data"})
	require.NoError(t, err)
	later := r.srv.PersonalLinks()
	assert.Regexp(t, shape, later["Cy"], "someone added while the room is open gets a link")
	assert.Equal(t, links["Ann"], later["Ann"])
	assert.Equal(t, r.srv.Path()+"q/1", r.device().get(later["Cy"]).url)
}

func TestAWrongPersonalTokenIsNotFoundAndStaysOutOfTheLog(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	wrong := "WRONGpersonalTOKEN0000"
	d := r.device()
	p := d.get(r.srv.Path() + "p/" + wrong)
	assert.Equal(t, http.StatusNotFound, p.status)
	assert.NotContains(t, p.body, "goroutine")
	assert.Equal(t, http.StatusNotFound, d.get("/r/wrongroom/p/"+wrong).status)
	right := r.srv.PersonalLinks()["Ann"]
	assert.Equal(t, r.srv.Path()+"q/1", d.get(right).url)

	log := r.log.String()
	assert.Contains(t, log, "404 wrong personal token")
	assert.Contains(t, log, "/r/…/p/…")
	assert.NotContains(t, log, wrong)
	assert.NotContains(t, log, right[strings.LastIndex(right, "/")+1:], "nor the right one")
	assert.NotContains(t, log, strings.Trim(r.srv.Path()[3:], "/"))
}

func TestAnIdleSessionExpires(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	c := r.clock()
	ann := r.device()
	ann.join("Ann")
	c.add(DefaultSessionIdle - time.Minute)
	assert.Equal(t, r.srv.Path()+"q/1", ann.get(r.srv.Path()+"q/1").url, "a long pause is not the end")
	c.add(DefaultSessionIdle - time.Minute)
	assert.Equal(t, r.srv.Path()+"q/2", ann.get(r.srv.Path()+"q/2").url, "idle time counts from the last request")

	c.add(DefaultSessionIdle + time.Second)
	p := ann.get(r.srv.Path() + "q/2")
	assert.Equal(t, r.srv.Path(), p.url, "expired: back to the join page")
	assert.Contains(t, text(t, p.body), "Your session expired")
	assert.Equal(t, r.srv.Path()+"q/1", r.device().join("Ann").url, "the name is free again: no confirmation asked")
	assert.Empty(t, r.srv.JoinRequests())
}

func TestSessionIdleIsTheFacilitatorsToSet(t *testing.T) {
	r := newRoom(t, Options{SessionIdle: 30 * time.Minute}, "Ann", "Bo")
	c := r.clock()
	ann, bo := r.device(), r.device()
	ann.join("Ann")
	bo.join("Bo")
	c.add(31 * time.Minute)
	// Bo's device never comes back; Ann's next request finds hers ended,
	// and Bo's name is free for another device without asking anyone.
	assert.Contains(t, text(t, ann.get(r.srv.Path()+"done").body), "Your session expired")
	assert.Equal(t, r.srv.Path()+"q/1", r.device().join("Bo").url)
}

func TestHostileNamesStayLiteralOnTheWaitingPage(t *testing.T) {
	hostile := "<script>alert(1)</script>\x1b[2J\x07\"'><img src=x>"
	told := &asked{}
	r := newRoom(t, Options{OnJoinRequest: told.add}, hostile)
	r.device().join(hostile)
	p := r.device().join(hostile)
	require.Equal(t, r.srv.Path()+"wait", p.url)
	assert.Empty(t, elements(t, p.body, "script"))
	assert.Empty(t, elements(t, p.body, "img"))
	assert.Contains(t, text(t, p.body), "<script>alert(1)</script>")
	assert.Contains(t, text(t, p.body), "\"'><img src=x> has already joined on another device")
	require.Len(t, told.all(), 1)
	assert.Equal(t, hostile, told.all()[0].Name, "the facilitator's screen gets the name as it is, to sanitize when drawing")
	assert.NotContains(t, r.log.String(), "\x1b")
	assert.NotContains(t, r.log.String(), "\x07")
}

func (r *room) question(n int) string {
	l, err := r.b.Store().Load(r.id)
	require.NoError(r.t, err)
	return l.Instrument.Questions()[n-1].ID
}

func TestADeviceThatPicksAnotherNameLeavesTheFirstFree(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	d := r.device()
	d.join("Ann") // the wrong name, picked by mistake
	p := d.join("Bo")
	require.Equal(t, r.srv.Path()+"q/1", p.url, "no facilitator asked: the name was free")
	d.answer(1, "4", nil)
	assert.Equal(t, 4, r.answers("Bo")[r.question(1)].Level, "the device answers as Bo now")
	assert.Empty(t, r.answers("Ann"))
	online := map[string]bool{}
	for _, j := range r.srv.Progress().Participants {
		online[j.Name] = j.Online
	}
	assert.Equal(t, map[string]bool{"Ann": false, "Bo": true}, online)

	p = r.device().join("Ann")
	assert.Equal(t, r.srv.Path()+"q/1", p.url, "Ann's own device joins at once")
	assert.Empty(t, r.srv.JoinRequests())
}

func TestAConfirmedDeviceLeavesTheNameItHeld(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	ann, bo := r.device(), r.device()
	ann.join("Ann")
	bo.join("Bo") // then asks to be Ann: it was Ann's device after all
	require.Equal(t, r.srv.Path()+"wait", bo.join("Ann").url)
	require.NoError(t, r.srv.Decide("1", true))
	require.Equal(t, r.srv.Path()+"q/1", bo.get(r.srv.Path()+"wait").url)
	bo.answer(1, "2", nil)
	assert.Equal(t, 2, r.answers("Ann")[r.question(1)].Level)
	assert.Empty(t, r.answers("Bo"), "nothing as Bo from the device that is Ann now")

	p := r.device().join("Bo")
	assert.Equal(t, r.srv.Path()+"q/1", p.url, "Bo's name is free: joined at once")
	assert.Empty(t, r.srv.JoinRequests())
}
