package tui

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/store"
)

// phone is a participant's browser: its own cookies, and the form token
// of the last page it was shown.
type phone struct {
	t    *testing.T
	c    *http.Client
	csrf string
}

var formToken = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func newPhone(t *testing.T) *phone {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &phone{t: t, c: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
}

func (p *phone) read(res *http.Response, err error) string {
	p.t.Helper()
	require.NoError(p.t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(p.t, err)
	require.Equal(p.t, http.StatusOK, res.StatusCode, string(body))
	if m := formToken.FindStringSubmatch(string(body)); m != nil {
		p.csrf = m[1]
	}
	return string(body)
}

// join opens the room's link and picks a name, as on the join page.
func (p *phone) join(link, name string) {
	p.t.Helper()
	p.read(p.c.Get(link))
	p.read(p.c.PostForm(link+"join", url.Values{"csrf": {p.csrf}, "name": {name}}))
}

// answer answers question n, as its page's buttons do.
func (p *phone) answer(link string, n int, value string) string {
	p.t.Helper()
	return p.read(p.c.PostForm(link+"q/"+strconv.Itoa(n), url.Values{"csrf": {p.csrf}, "answer": {value}}))
}

// TestJourneyTheFacilitatorRunsTheRoom: the facilitator opens the room
// from the workshop screen on a free port, sees each participant's
// answers arrive over HTTP as they are saved, reveals, records a
// consensus, and closes the room; nothing listens after.
func TestJourneyTheFacilitatorRunsTheRoom(t *testing.T) {
	s := openStore(t)
	b := backend.New(s)
	w, err := b.Create(backend.NewAssessment{Organization: "Acme Logistics", Title: "Board workshop", Workshop: true})
	require.NoError(t, err)
	for _, p := range []store.Participant{{Name: "Ann", Function: "business"}, {Name: "Bo", Function: "it"}} {
		_, _, err = b.AddParticipant(w.ID, p)
		require.NoError(t, err)
	}
	_, err = b.Answer(w.ID, "Bo", map[string]assessment.Answer{ // Bo answered on the shared terminal before
		"m1.q1": {Kind: assessment.Level, Level: 5}, "m1.q2": {Kind: assessment.Level, Level: 2}, "m1.q3": {Kind: assessment.Level, Level: 3},
	})
	require.NoError(t, err)

	j := start(t, s)
	j.waitFor("Acme Logistics")
	j.keys("enter")
	j.waitFor("o open room")
	j.keys("o")
	j.waitFor("┃ Listen on")
	j.keys("ctrl+u")
	j.typeText("127.0.0.1:0")
	j.next("TLS certificate")
	j.next("TLS key")
	j.keys("enter")

	var link string
	joinLink := regexp.MustCompile(`http://127\.0\.0\.1:(\d+)/r/[A-Za-z0-9_-]{22}/`)
	teatest.WaitFor(t, j.tm.Output(), func(b []byte) bool {
		m := joinLink.FindSubmatch(b)
		if m == nil || !strings.Contains(string(b), "Only this computer can join") {
			return false
		}
		link = string(m[0])
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	assert.NotEqual(t, "0", joinLink.FindStringSubmatch(link)[1], "the screen shows the port the system picked")

	// Ann joins on her phone and answers; the screen follows.
	ann := newPhone(t)
	ann.join(link, "Ann")
	j.waitFor("1 of 2 online")
	ann.answer(link, 1, "1")
	j.waitFor("1 of 41")
	page := ann.answer(link, 2, "2")
	assert.Contains(t, page, "Saved")
	j.waitForAll("2 of 41", "5 of 82 answers")

	// Reveal, then record what the room agreed on the disputed question.
	j.keys("v")
	j.waitFor("Reveal the results to the room?")
	j.keys("y")
	j.waitFor("Results revealed.")
	j.keys("c")
	j.waitFor("Discussion queue")
	j.keys("enter")
	j.waitFor("What did the room agree for m1.q1?")
	j.next("Note")
	j.typeText("agreed in the room")
	j.keys("enter")
	j.waitFor("Recorded the consensus on m1.q1")

	// Back to the room, and close it.
	j.keys("esc")
	j.waitFor("Room open at " + link)
	j.keys("o")
	j.waitFor("X close room")
	j.keys("X")
	j.waitFor("Close the room?")
	j.keys("y")
	j.waitFor("The room is closed.")
	_, err = http.Get(link)
	assert.Error(t, err, "nothing listens once the room is closed")
	j.quit()

	l, err := s.Load(w.ID)
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 1}, "m1.q2": {Kind: assessment.Level, Level: 2}}, l.AnswersOf("Ann"))
	require.Contains(t, l.Consensus, "m1.q1")
	assert.Equal(t, "agreed in the room", l.Consensus["m1.q1"].Note)
	assert.NotNil(t, l.RevealedAt)
}

// TestJourneyLeavingTheAppClosesTheRoom: ctrl+c with the room open
// closes it before the app ends.
func TestJourneyLeavingTheAppClosesTheRoom(t *testing.T) {
	s := openStore(t)
	b := backend.New(s)
	w, err := b.Create(backend.NewAssessment{Organization: "Acme Logistics", Workshop: true})
	require.NoError(t, err)
	_, _, err = b.AddParticipant(w.ID, store.Participant{Name: "Ann", Function: "business"})
	require.NoError(t, err)

	j := start(t, s)
	j.waitFor("Acme Logistics")
	j.keys("enter")
	j.waitFor("o open room")
	j.keys("o")
	j.waitFor("┃ Listen on")
	j.keys("ctrl+u")
	j.typeText("127.0.0.1:0")
	j.next("TLS certificate")
	j.next("TLS key")
	j.keys("enter")
	j.waitFor("Join at")
	app := j.quit()
	require.NotNil(t, app.live)
	_, err = http.Get(app.live.url())
	assert.Error(t, err, "nothing listens once the app has quit")
}
