package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/store"
)

// logBuf collects a server's log lines.
type logBuf struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

type room struct {
	t    testing.TB
	b    *backend.Backend
	id   string
	srv  *Server
	http *httptest.Server
	log  *logBuf
}

// newRoom serves a new workshop with the given participants on loopback.
func newRoom(t testing.TB, opt Options, names ...string) *room {
	t.Helper()
	people := make([]store.Participant, len(names))
	for i, n := range names {
		people[i] = store.Participant{Name: n, Function: []string{"business", "it"}[i%2]}
	}
	return newRoomOf(t, opt, backend.NewAssessment{Organization: "Acme", Title: "Board workshop"}, people...)
}

// newRoomOf serves a new workshop as described, with these participants.
func newRoomOf(t testing.TB, opt Options, na backend.NewAssessment, people ...store.Participant) *room {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "seam.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	b := backend.New(s)
	na.Workshop = true
	a, err := b.Create(na)
	require.NoError(t, err)
	for _, p := range people {
		_, _, err := b.AddParticipant(a.ID, p)
		require.NoError(t, err)
	}
	lb := &logBuf{}
	opt.Log = log.New(lb, "", 0)
	srv, err := New(b, a.ID, opt)
	require.NoError(t, err)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &room{t: t, b: b, id: a.ID, srv: srv, http: hs, log: lb}
}

// device is one participant's browser: its own cookies.
type device struct {
	t    testing.TB
	r    *room
	c    *http.Client
	csrf string
}

func (r *room) device() *device {
	jar, err := cookiejar.New(nil)
	require.NoError(r.t, err)
	return &device{t: r.t, r: r, c: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
}

type page struct {
	status int
	body   string
	url    string
	header http.Header
}

func (d *device) do(req *http.Request) page {
	d.t.Helper()
	res, err := d.c.Do(req)
	require.NoError(d.t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(d.t, err)
	p := page{status: res.StatusCode, body: string(body), url: res.Request.URL.Path, header: res.Header}
	if v := formToken(d.t, p.body); v != "" {
		d.csrf = v
	}
	return p
}

func (d *device) get(path string) page {
	d.t.Helper()
	req, err := http.NewRequest(http.MethodGet, d.r.http.URL+path, nil)
	require.NoError(d.t, err)
	return d.do(req)
}

func (d *device) post(path string, form url.Values) page {
	d.t.Helper()
	req, err := http.NewRequest(http.MethodPost, d.r.http.URL+path, strings.NewReader(form.Encode()))
	require.NoError(d.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return d.do(req)
}

func (d *device) join(name string) page {
	d.t.Helper()
	d.get(d.r.srv.Path())
	return d.post(d.r.srv.Path()+"join", url.Values{"csrf": {d.csrf}, "name": {name}})
}

func (d *device) answer(n int, value string, extra url.Values) page {
	d.t.Helper()
	form := url.Values{"csrf": {d.csrf}, "answer": {value}}
	for k, v := range extra {
		form[k] = v
	}
	return d.post(d.r.srv.Path()+"q/"+strconv.Itoa(n), form)
}

func (r *room) answers(participant string) map[string]assessment.Answer {
	l, err := r.b.Store().Load(r.id)
	require.NoError(r.t, err)
	return l.AnswersOf(participant)
}

// parse reads a page as a browser does.
func parse(t testing.TB, body string) *html.Node {
	doc, err := html.Parse(strings.NewReader(body))
	require.NoError(t, err)
	return doc
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func formToken(t testing.TB, body string) string {
	var v string
	walk(parse(t, body), func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "input" && attr(n, "name") == "csrf" {
			v = attr(n, "value")
		}
	})
	return v
}

// text is the page's text as a reader sees it, and every attribute value.
func text(t testing.TB, body string) string {
	var sb strings.Builder
	walk(parse(t, body), func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for _, a := range n.Attr {
			sb.WriteString(" " + a.Val + " ")
		}
	})
	return sb.String()
}

func elements(t testing.TB, body, tag string) []*html.Node {
	var out []*html.Node
	walk(parse(t, body), func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
	})
	return out
}

func TestJoinAnswerAndSeeSavedOnlyAfterTheCommit(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	ann := r.device()
	p := ann.join("Ann")
	require.Equal(t, http.StatusOK, p.status, p.body)
	assert.Equal(t, r.srv.Path()+"q/1", p.url)
	assert.NotContains(t, p.body, "Saved")
	first := r.b.Store()
	l, err := first.Load(r.id)
	require.NoError(t, err)
	q1, q2 := l.Instrument.Questions()[0], l.Instrument.Questions()[1]
	assert.Contains(t, text(t, p.body), q1.Title)
	assert.Contains(t, text(t, p.body), AnsweringRule)
	for _, level := range q1.Levels {
		assert.Contains(t, text(t, p.body), level, "every level's full text is on its button")
	}

	p = ann.answer(1, "3", url.Values{"note": {"we have a catalogue"}, "evidence": {"wiki page"}})
	require.Equal(t, http.StatusOK, p.status, p.body)
	assert.Equal(t, r.srv.Path()+"q/2", p.url, "Post/Redirect/Get to the next question")
	assert.Contains(t, text(t, p.body), "Saved: "+q1.Title)
	assert.Contains(t, text(t, p.body), q2.Title)
	assert.Equal(t, assessment.Answer{Kind: assessment.Level, Level: 3, Note: "we have a catalogue", Evidence: "wiki page"}, r.answers("Ann")[q1.ID],
		"the page said saved: the answer is in the store")
	assert.NotContains(t, ann.get(r.srv.Path()+"q/2").body, "Saved", "said once")

	p = ann.answer(2, "dont-know", nil)
	assert.Equal(t, assessment.DontKnow, r.answers("Ann")[q2.ID].Kind)
	assert.Contains(t, p.body, "3 of 41")
	assert.Contains(t, text(t, p.body), "2 answered")
}

func TestBackNextAndFinish(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	ann := r.device()
	ann.join("Ann")
	ann.answer(1, "4", nil)
	back := ann.get(r.srv.Path() + "q/1")
	var chosen []string
	for _, b := range elements(t, back.body, "button") {
		if attr(b, "aria-pressed") == "true" {
			chosen = append(chosen, attr(b, "value"))
		}
	}
	assert.Equal(t, []string{"4"}, chosen, "back shows the answer given")
	links := map[string]bool{}
	for _, a := range elements(t, ann.get(r.srv.Path()+"q/2").body, "a") {
		links[attr(a, "href")] = true
	}
	assert.True(t, links[r.srv.Path()+"q/1"] && links[r.srv.Path()+"q/3"], "back and next: %v", links)

	last := ann.get(r.srv.Path() + "q/41")
	assert.Contains(t, last.body, r.srv.Path()+"done")
	p := ann.answer(41, "2", nil)
	assert.Equal(t, r.srv.Path()+"done", p.url)
	assert.Contains(t, text(t, p.body), "Thank you, Ann")
	assert.Contains(t, text(t, p.body), "Saved:")
	assert.Contains(t, text(t, p.body), "You answered 2 of 41")
	assert.Equal(t, http.StatusNotFound, ann.get(r.srv.Path()+"q/42").status)
	assert.Equal(t, http.StatusNotFound, ann.get(r.srv.Path()+"q/x").status)
}

func TestAWrongRoomTokenIsNotFoundAndLogged(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	d := r.device()
	for _, path := range []string{"/r/wrong/", "/r/" + strings.Repeat("A", 22) + "/q/1", "/", "/r/"} {
		p := d.get(path)
		assert.Equal(t, http.StatusNotFound, p.status, path)
		assert.NotContains(t, p.body, "goroutine")
	}
	p := d.post("/r/wrong/join", url.Values{"name": {"Ann"}})
	assert.Equal(t, http.StatusNotFound, p.status)
	assert.Contains(t, r.log.String(), "404 wrong room token")
	assert.NotContains(t, r.log.String(), strings.Trim(r.srv.Path()[3:], "/"), "the real token is never logged")
}

func TestNobodyAnswersAsSomeoneElse(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	ann, bo := r.device(), r.device()
	ann.join("Ann")
	annToken := ann.csrf

	p := bo.join("Ann")
	assert.Equal(t, r.srv.Path()+"wait", p.url, "a name taken on another device waits for the facilitator")
	assert.Contains(t, text(t, p.body), "the facilitator is asked to confirm it is you")
	assert.Contains(t, r.log.String(), `409 "Ann" has already joined`)
	assert.Equal(t, r.srv.Path(), bo.answer(1, "5", nil).url, "waiting is not joined: sent to the join page")

	bo.join("Bo")
	bo.csrf = annToken // Ann's form token in Bo's session
	assert.Equal(t, http.StatusForbidden, bo.answer(1, "5", nil).status)

	stranger := r.device() // no session at all
	stranger.csrf = annToken
	p = stranger.answer(1, "5", nil)
	assert.Equal(t, r.srv.Path(), p.url, "sent to the join page")
	assert.Empty(t, r.answers("Ann"))
	assert.Empty(t, r.answers("Bo"))

	p = r.device().post(r.srv.Path()+"join", url.Values{"name": {"Ann"}})
	assert.Equal(t, http.StatusForbidden, p.status, "joining needs the join form's token")
}

func TestAForgedPostIsRefused(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	ann := r.device()
	ann.join("Ann")
	for _, token := range []string{"", "forged"} {
		ann.csrf = token
		p := ann.answer(1, "5", nil)
		assert.Equal(t, http.StatusForbidden, p.status)
	}
	assert.Empty(t, r.answers("Ann"))
	assert.Contains(t, r.log.String(), "403 answer without its form token")
}

func TestAnOversizedBodyIsRefused(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	ann := r.device()
	ann.join("Ann")
	p := ann.answer(1, "5", url.Values{"note": {strings.Repeat("x", MaxBody)}})
	assert.Equal(t, http.StatusRequestEntityTooLarge, p.status)
	assert.Empty(t, r.answers("Ann"))

	p = ann.answer(1, "5", url.Values{"note": {strings.Repeat("x", assessment.MaxNoteLen+1)}})
	assert.Equal(t, http.StatusUnprocessableEntity, p.status, "under the body limit, over the note's")
	assert.Contains(t, text(t, p.body), "Not saved: "+r.firstQuestion()+": note is 2001 characters, more than the 2000 allowed")
	for _, b := range elements(t, p.body, "button") {
		assert.NotEqual(t, "true", attr(b, "aria-pressed"), "nothing saved, nothing marked chosen")
	}
	areas := elements(t, p.body, "textarea")
	require.Len(t, areas, 1)
	assert.Len(t, areas[0].FirstChild.Data, assessment.MaxNoteLen+1, "the note typed is kept to shorten")
	assert.Empty(t, r.answers("Ann"))
}

func TestAProblemSavingDoesNotShowTheDatabasePath(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	err := fmt.Errorf("%s: the database is busy with another seam; nothing was saved, try again", r.b.Store().Path())
	assert.Equal(t, "the database is busy with another seam; nothing was saved, try again", r.srv.problemText(err))
}

func TestNotApplicableOnlyWhereTheInstrumentAllows(t *testing.T) {
	r := newRoom(t, Options{Rate: 1000, Burst: 1000}, "Ann")
	l, err := r.b.Store().Load(r.id)
	require.NoError(t, err)
	ann := r.device()
	ann.join("Ann")
	for i, q := range l.Instrument.Questions() {
		p := ann.get(r.srv.Path() + "q/" + strconv.Itoa(i+1))
		offered := strings.Contains(p.body, `value="n/a"`)
		assert.Equal(t, q.AllowsNA(), offered, q.ID)
		if !q.AllowsNA() {
			p = ann.answer(i+1, "n/a", url.Values{"reason": {"we have none"}})
			assert.Equal(t, http.StatusUnprocessableEntity, p.status, q.ID)
			assert.NotContains(t, r.answers("Ann"), q.ID)
			continue
		}
		reasons := q.NAReasons()
		require.NotEmpty(t, reasons)
		p = ann.answer(i+1, "n/a", url.Values{"reason": {reasons[0]}})
		assert.Equal(t, http.StatusOK, p.status)
		assert.Equal(t, assessment.Answer{Kind: assessment.NotApplicable, Reason: reasons[0]}, r.answers("Ann")[q.ID])
		p = ann.answer(i+1, "n/a", nil)
		assert.Equal(t, http.StatusUnprocessableEntity, p.status, "n/a needs a reason")
	}
}

func TestHostileNamesAndNotesShowLiterally(t *testing.T) {
	hostile := `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`
	r := newRoom(t, Options{}, hostile, "Bo")
	d := r.device()
	join := d.get(r.srv.Path())
	assert.Empty(t, elements(t, join.body, "script"))
	assert.Empty(t, elements(t, join.body, "img"))
	assert.Contains(t, text(t, join.body), hostile)

	d.join(hostile)
	note := `</textarea><script>alert(3)</script>&amp;`
	p := d.answer(1, "2", url.Values{"note": {note}, "evidence": {`"><b>x</b>`}})
	require.Equal(t, http.StatusOK, p.status, p.body)
	back := d.get(r.srv.Path() + "q/1")
	for _, page := range []string{p.body, back.body} {
		assert.Empty(t, elements(t, page, "script"))
		assert.Empty(t, elements(t, page, "img"))
		assert.Empty(t, elements(t, page, "b"))
	}
	areas := elements(t, back.body, "textarea")
	require.Len(t, areas, 1)
	assert.Equal(t, note, areas[0].FirstChild.Data, "the note as typed")
	assert.Contains(t, text(t, back.body), hostile)
	assert.Equal(t, note, r.answers(hostile)[r.firstQuestion()].Note)
}

func (r *room) firstQuestion() string {
	l, err := r.b.Store().Load(r.id)
	require.NoError(r.t, err)
	return l.Instrument.Questions()[0].ID
}

func TestParticipantsNeverSeeTheOthersAnswersOrResults(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	ann, bo := r.device(), r.device()
	ann.join("Ann")
	bo.join("Bo")
	bo.answer(1, "5", url.Values{"note": {"BO-SECRET-NOTE"}, "evidence": {"BO-SECRET-EVIDENCE"}})
	check := func() {
		for _, path := range []string{"", "q/1", "q/2", "done"} {
			p := ann.get(r.srv.Path() + path)
			for _, secret := range []string{"BO-SECRET", "median", "spread", "agreement"} {
				assert.NotContains(t, p.body, secret, path)
			}
			for _, b := range elements(t, p.body, "button") {
				assert.NotEqual(t, "true", attr(b, "aria-pressed"), "Ann answered nothing: %s", path)
			}
		}
	}
	check()
	require.NoError(t, r.b.Store().Reveal(r.id))
	check()
}

func TestTheCSPAllowsThePageStyleAndNothingElse(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	p := r.device().get(r.srv.Path())
	require.Equal(t, http.StatusOK, p.status)
	styles := elements(t, p.body, "style")
	require.Len(t, styles, 1)
	sum := sha256.Sum256([]byte(styles[0].FirstChild.Data))
	policy := p.header.Get("Content-Security-Policy")
	assert.Contains(t, policy, "default-src 'none'")
	assert.Contains(t, policy, "style-src 'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	assert.Equal(t, "nosniff", p.header.Get("X-Content-Type-Options"))
	assert.Empty(t, elements(t, p.body, "script"))

	res, err := http.Get(r.http.URL + r.srv.Path())
	require.NoError(t, err)
	res.Body.Close()
	var c *http.Cookie
	for _, k := range res.Cookies() {
		c = k
	}
	require.NotNil(t, c)
	assert.True(t, c.HttpOnly)
	assert.Equal(t, http.SameSiteStrictMode, c.SameSite)
	assert.Equal(t, r.srv.Path(), c.Path)
}

func TestTooManyRequestsFromOneClient(t *testing.T) {
	r := newRoom(t, Options{Rate: 1, Burst: 5}, "Ann")
	d := r.device()
	statuses := map[int]int{}
	for range 10 {
		statuses[d.get(r.srv.Path()).status]++
	}
	assert.Equal(t, map[int]int{http.StatusOK: 5, http.StatusTooManyRequests: 5}, statuses)
	assert.Contains(t, r.log.String(), "429 too many requests")
}

func TestServeStopsWhenTheContextEnds(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.srv.Serve(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + r.srv.Path())
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(6 * time.Second):
		t.Fatal("Serve did not return after the context ended")
	}
	_, err = http.Get("http://" + ln.Addr().String() + r.srv.Path())
	assert.Error(t, err, "nothing listens any more")
}

func TestASelfAssessmentIsNotServed(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "seam.db"))
	require.NoError(t, err)
	defer s.Close()
	b := backend.New(s)
	a, err := b.Create(backend.NewAssessment{Organization: "Acme"})
	require.NoError(t, err)
	_, err = New(b, a.ID, Options{})
	assert.ErrorIs(t, err, store.ErrNotWorkshop)
}

// TestNoParticipantCanRevealOrRecordAConsensus: only the facilitator, in
// the terminal, reveals, records a consensus or closes the room; no page
// of the room does any of it, whatever a device sends.
func TestNoParticipantCanRevealOrRecordAConsensus(t *testing.T) {
	r := newRoom(t, Options{}, "Ann")
	ann := r.device()
	ann.join("Ann")
	form := url.Values{"csrf": {ann.csrf}, "question": {"m1.q1"}, "answer": {"5"}, "level": {"5"}}
	for _, path := range []string{"reveal", "results", "consensus", "consensus/m1.q1", "q/1/consensus", "close", "admin", "facilitator"} {
		p := ann.post(r.srv.Path()+path, form)
		assert.Contains(t, []int{http.StatusNotFound, http.StatusMethodNotAllowed}, p.status, path)
		assert.Contains(t, []int{http.StatusNotFound, http.StatusMethodNotAllowed}, ann.get(r.srv.Path()+path).status, path)
	}
	l, err := r.b.Store().Load(r.id)
	require.NoError(t, err)
	assert.Nil(t, l.RevealedAt, "not revealed")
	assert.Empty(t, l.Consensus, "no consensus")
	assert.Empty(t, l.AnswersOf("Ann"), "and no answer")
}
