// Package serve serves one workshop to the room over HTTP: each
// participant joins with the room's link, picks their name and answers on
// their own phone or laptop, one question per screen. Pages are plain
// HTML forms (no JavaScript needed), drawn by html/template under a
// Content-Security-Policy; every answer is saved through the backend, in
// the same store transaction as the app's, before the page says "saved".
//
// Participants never see the others' answers, the results or the index:
// only the facilitator, in the terminal, looks at those. After the reveal
// the facilitator may let the room see how many chose each answer per
// question (ShowDistribution), never who.
package serve

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/tls"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
)

var (
	//go:embed page.tmpl
	pageTemplate string
	//go:embed page.css
	pageCSS string
)

// pages are parsed on first use, not when the package is initialised:
// every seam command would pay for it otherwise.
var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("pages").Parse(pageTemplate))
})

// csp allows the page's one inline stylesheet (by its hash), forms that
// post back here, and nothing else: no scripts, frames, images or fonts.
var csp = func() string {
	sum := sha256.Sum256([]byte(pageCSS))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
}()

// AnsweringRule is the rule the question page shows under the question,
// as the app's question screen does.
const AnsweringRule = "Pick the highest level that is fully true today."

// Limits and timeouts.
const (
	// MaxBody is the most a form may send: a note (2,000 characters of up
	// to four bytes), evidence and a reason fit with room to spare.
	MaxBody = 32 << 10
	// DefaultMaxSessions caps the devices joined at once.
	DefaultMaxSessions = 200

	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	writeTimeout      = 15 * time.Second
	idleTimeout       = 60 * time.Second
	shutdownTimeout   = 5 * time.Second
	maxHeaderBytes    = 16 << 10
)

// Cookie names.
const (
	sessionCookie = "seam_session"
	joinCookie    = "seam_join"
)

// Options tune a Server; the zero value serves plain HTTP with the
// default limits and logs to stderr.
type Options struct {
	// Log gets one line per refused request and per join; nil logs to stderr.
	Log *log.Logger
	// TLS serves HTTPS with this configuration (and marks cookies Secure).
	TLS *tls.Config
	// MaxSessions caps the devices joined at once (DefaultMaxSessions when 0).
	MaxSessions int
	// Rate and Burst limit each client's requests (a joined device by its
	// session, anyone else by address): Rate a second on average, Burst at
	// once. DefaultRate and DefaultBurst when 0.
	Rate, Burst float64
	// SessionIdle ends a device's session after this long without a
	// request (DefaultSessionIdle when 0).
	SessionIdle time.Duration
	// OnJoinRequest is told of each new request to join under a name
	// another device holds, for the facilitator to Decide. It is called
	// on the request's goroutine, without the server's locks: return soon.
	OnJoinRequest func(JoinRequest)
}

// Request limits per client when Options leave them 0: enough for someone
// tapping through questions fast, far too few to flood the room.
const (
	DefaultRate  = 10
	DefaultBurst = 40
)

// Server serves one workshop to the room.
type Server struct {
	b     *backend.Backend
	id    string
	token string
	base  string
	opt   Options
	log   *log.Logger
	limit *limiter

	// committing lets one request at a time commit what the room has
	// queued (see save): SQLite takes one writer at once, and a queue here
	// is fair and quick where fifty connections retrying on a busy database
	// are neither.
	committing sync.Mutex
	queueMu    sync.Mutex
	queue      []*queuedSave

	mu       sync.Mutex
	sessions map[string]*session // by cookie value
	byName   map[string]*session // by participant name
	door     door                // join requests, personal links, sessions ended: under mu

	prog progress // pushed to the facilitator (see progress.go)

	showDistribution atomic.Bool // after the reveal, the room sees the counts per question
	counted          counted     // the counts it sees, as last counted (see results.go)
}

// New serves the workshop with the given id (the full id) with a fresh
// room token.
func New(b *backend.Backend, id string, opt Options) (*Server, error) {
	l, err := b.Store().Load(id)
	if err != nil {
		return nil, err
	}
	if l.Kind != store.Workshop {
		return nil, fmt.Errorf("assessment %s is a self-assessment: only a workshop is served to a room (%w)", id, store.ErrNotWorkshop)
	}
	if opt.Log == nil {
		opt.Log = log.Default()
	}
	if opt.MaxSessions <= 0 {
		opt.MaxSessions = DefaultMaxSessions
	}
	if opt.Rate <= 0 {
		opt.Rate = DefaultRate
	}
	if opt.Burst <= 0 {
		opt.Burst = DefaultBurst
	}
	if opt.SessionIdle <= 0 {
		opt.SessionIdle = DefaultSessionIdle
	}
	token := randomToken()
	s := &Server{b: b, id: id, token: token, base: "/r/" + token + "/", opt: opt, log: opt.Log,
		limit:    newLimiter(opt.Rate, opt.Burst),
		sessions: map[string]*session{}, byName: map[string]*session{}, door: newDoor(l.Participants)}
	s.prog.subs = map[chan Progress]struct{}{}
	s.publish(l)
	return s, nil
}

// Path is the room's join path, token included: "/r/TOKEN/".
func (s *Server) Path() string { return s.base }

// randomToken is 128 random bits, URL-safe.
func randomToken() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// Handler is the room's HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /r/{token}/{$}", s.room(s.joinPage))
	mux.HandleFunc("POST /r/{token}/join", s.room(s.join))
	mux.HandleFunc("GET /r/{token}/wait", s.room(s.waitPage))
	mux.HandleFunc("GET /r/{token}/p/{personal}", s.room(s.personalLink))
	mux.HandleFunc("GET /r/{token}/q/{n}", s.room(s.member(s.questionPage)))
	mux.HandleFunc("POST /r/{token}/q/{n}", s.room(s.member(s.answer)))
	mux.HandleFunc("GET /r/{token}/done", s.room(s.member(s.donePage)))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.logf(r, "404 no such page")
		http.NotFound(w, r)
	})
	return s.guard(mux)
}

// Serve answers on ln until ctx is done, then shuts down: requests under
// way finish (for up to five seconds), then Serve returns nil.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          s.log,
		TLSConfig:         s.opt.TLS,
	}
	errc := make(chan error, 1)
	go func() {
		if s.opt.TLS != nil {
			errc <- srv.ServeTLS(ln, "", "")
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// guard sets the headers every answer carries, limits each client's
// requests and bodies, and turns a panic into a 500 and one log line.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logf(r, "500 %v", v)
				http.Error(w, "Internal error", http.StatusInternalServerError)
			}
		}()
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		if !s.limit.allow(s.client(r), time.Now()) {
			s.logf(r, "429 too many requests")
			h.Set("Retry-After", "1")
			http.Error(w, "Too many requests: wait a moment.", http.StatusTooManyRequests)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		next.ServeHTTP(w, r)
	})
}

// client names who sent a request, for the rate limit: a joined device
// by its session, anyone else by address.
func (s *Server) client(r *http.Request) string {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.mu.Lock()
		_, ok := s.sessions[c.Value]
		s.mu.Unlock()
		if ok {
			return "s:" + c.Value
		}
	}
	return "a:" + host(r)
}

// host is the address a request came from, without its port.
func host(r *http.Request) string {
	h, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return h
}

// room refuses a request whose room token is wrong with a 404 and a log
// line; the right one reaches h.
func (s *Server) room(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.PathValue("token")), []byte(s.token)) != 1 {
			s.logf(r, "404 wrong room token")
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}
}

func (s *Server) logf(r *http.Request, format string, args ...any) {
	path := r.URL.Path
	if strings.HasPrefix(path, s.base) {
		path = "/r/…/" + strings.TrimPrefix(path, s.base) // the token stays out of logs
	}
	if i := strings.Index(path, "/p/"); strings.HasPrefix(path, "/r/") && i >= 0 {
		path = path[:i] + "/p/…" // and so do personal ones, right or wrong
	}
	s.log.Printf("%s %s %s: %s", r.RemoteAddr, r.Method, safetext.Line(path), safetext.Line(fmt.Sprintf(format, args...)))
}

// view is what every page draws.
type view struct {
	Title, Workshop string
	CSS             template.CSS
	Base, CSRF      string
	Error, Saved    string

	Names   []string // join
	Refresh bool     // wait: the page looks again every few seconds
	Request string   // wait: the join request's number

	Participant             string
	Number, Total, Answered int
	Prev, Next              int
	Mode, Rule              string
	Q                       *questionnaire.Question
	Levels                  []levelButton
	DontKnow, NA, AllowsNA  bool
	Reasons                 []string
	Reason, Note, Evidence  string
	MaxNote, MaxEvidence    int
	Unanswered              []int

	// After the reveal, when the facilitator allows it: how the room
	// answered, counts only.
	Room    *roomCounts  // question
	RoomAll []roomCounts // done
}

type levelButton struct {
	Value      int
	Name, Text string
	Chosen     bool
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	v.CSS, v.Base = template.CSS(pageCSS), s.base
	var buf bytes.Buffer
	if err := pages().ExecuteTemplate(&buf, name, v); err != nil {
		s.logf(r, "500 drawing the %s page: %v", name, err)
		http.Error(w, "Internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) message(w http.ResponseWriter, r *http.Request, status int, title, text string) {
	s.render(w, r, status, "message", view{Title: title, Error: text})
}

func (s *Server) load(w http.ResponseWriter, r *http.Request) (*store.Loaded, bool) {
	l, err := s.b.Store().Current(s.id)
	if err != nil {
		s.logf(r, "500 loading the workshop: %v", err)
		s.message(w, r, http.StatusInternalServerError, "The workshop cannot be read", "Tell the facilitator.")
		return nil, false
	}
	s.noticed(l)
	return l, true
}

func workshopName(l *store.Loaded) string {
	if l.Title != "" {
		return l.Organization + ": " + l.Title
	}
	return l.Organization
}

func (s *Server) cookie(name, value string) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: s.base, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.opt.TLS != nil}
}

// form reads a posted form within the body limit; on failure it has
// answered the request.
func (s *Server) form(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.logf(r, "413 body over %d bytes", MaxBody)
			s.message(w, r, http.StatusRequestEntityTooLarge, "Too much text", "The form sent more than the room takes. Shorten the note and try again.")
			return false
		}
		s.logf(r, "400 unreadable form")
		s.message(w, r, http.StatusBadRequest, "The form could not be read", "Go back and try again.")
		return false
	}
	return true
}

func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// takeFlash returns the session's "saved" line once.
func (s *Server) takeFlash(sess *session) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := sess.flash
	sess.flash = ""
	return f
}

// question reads the workshop and the question numbered in the path; on
// failure it has answered the request.
func (s *Server) question(w http.ResponseWriter, r *http.Request) (*store.Loaded, int, *questionnaire.Question, bool) {
	l, ok := s.load(w, r)
	if !ok {
		return nil, 0, nil, false
	}
	qs := l.Instrument.Questions()
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > len(qs) {
		s.logf(r, "404 no question %q", r.PathValue("n"))
		s.message(w, r, http.StatusNotFound, "No such question", fmt.Sprintf("The questions are numbered 1 to %d.", len(qs)))
		return nil, 0, nil, false
	}
	return l, n, qs[n-1], true
}

func (s *Server) questionPage(w http.ResponseWriter, r *http.Request, sess *session) {
	l, n, q, ok := s.question(w, r)
	if !ok {
		return
	}
	had := l.AnswersOf(sess.participant)
	s.showQuestion(w, r, http.StatusOK, l, sess, n, q, had[q.ID], s.takeFlash(sess), "", len(had))
}

func (s *Server) showQuestion(w http.ResponseWriter, r *http.Request, status int, l *store.Loaded, sess *session, n int, q *questionnaire.Question,
	a assessment.Answer, saved, problem string, answered int) {
	v := view{Title: q.Title, Workshop: workshopName(l), CSRF: sess.csrf, Saved: saved, Error: problem,
		Participant: sess.participant, Number: n, Total: l.Instrument.QuestionCount(), Answered: answered,
		Rule: AnsweringRule, Q: q, DontKnow: a.Kind == assessment.DontKnow, NA: a.Kind == assessment.NotApplicable,
		AllowsNA: q.AllowsNA(), Reasons: q.NAReasons(), Reason: a.Reason, Note: a.Note, Evidence: a.Evidence,
		MaxNote: assessment.MaxNoteLen, MaxEvidence: assessment.MaxEvidenceLen}
	if m, ok := l.Instrument.Mode(q.Mode); ok {
		v.Mode = m.Name
	}
	if n > 1 {
		v.Prev = n - 1
	}
	if n < v.Total {
		v.Next = n + 1
	}
	for i, text := range q.Levels {
		v.Levels = append(v.Levels, levelButton{Value: i + 1, Name: questionnaire.LevelName(i + 1), Text: text,
			Chosen: a.Kind == assessment.Level && a.Level == i+1})
	}
	if counts := s.roomCounts(l); counts != nil {
		v.Room = &counts[n-1]
	}
	s.render(w, r, status, "question", v)
}

// answer saves one answer through the backend and, once it is committed,
// sends the device on to the next question, which says it was saved.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, sess *session) {
	if !s.form(w, r) {
		return
	}
	if !sameToken(r.PostForm.Get("csrf"), sess.csrf) {
		s.logf(r, "403 answer without its form token")
		s.message(w, r, http.StatusForbidden, "This form has expired", "Go back, reload the question and answer again.")
		return
	}
	l, n, q, ok := s.question(w, r)
	if !ok {
		return
	}
	a, err := assessment.ParseValue(r.PostForm.Get("answer"))
	a.Note, a.Evidence = strings.TrimSpace(r.PostForm.Get("note")), strings.TrimSpace(r.PostForm.Get("evidence"))
	if err == nil && a.Kind == assessment.NotApplicable {
		a.Reason = strings.TrimSpace(r.PostForm.Get("reason"))
	}
	if err == nil {
		err = s.save(store.Save{Participant: sess.participant, Answers: map[string]assessment.Answer{q.ID: a}})
	}
	if err != nil {
		s.logf(r, "422 %s for %q: %v", q.ID, sess.participant, err)
		had := l.AnswersOf(sess.participant)
		shown := had[q.ID] // the answer saved stays marked; the text typed stays to correct
		shown.Note, shown.Evidence, shown.Reason = a.Note, a.Evidence, strings.TrimSpace(r.PostForm.Get("reason"))
		s.showQuestion(w, r, http.StatusUnprocessableEntity, l, sess, n, q, shown, "", "Not saved: "+s.problemText(err), len(had))
		return
	}
	s.mu.Lock()
	sess.flash = fmt.Sprintf("Saved: %s (%s).", q.Title, a.Words())
	s.mu.Unlock()
	next := s.base + "done"
	if n < l.Instrument.QuestionCount() {
		next = s.base + "q/" + strconv.Itoa(n+1)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// problemText is an error as one line for a participant, without the
// database's path on the facilitator's computer.
func (s *Server) problemText(err error) string {
	if errors.Is(err, assessment.ErrBadValue) {
		return "choose a level, don't know or not applicable."
	}
	msg := strings.TrimPrefix(err.Error(), s.b.Store().Path()+": ")
	return strings.Join(strings.Fields(safetext.Line(msg)), " ")
}

func (s *Server) donePage(w http.ResponseWriter, r *http.Request, sess *session) {
	l, ok := s.load(w, r)
	if !ok {
		return
	}
	had := l.AnswersOf(sess.participant)
	v := view{Title: "Thank you", Workshop: workshopName(l), Participant: sess.participant, Saved: s.takeFlash(sess),
		Total: l.Instrument.QuestionCount(), Answered: len(had), RoomAll: s.roomCounts(l)}
	for i, q := range l.Instrument.Questions() {
		if _, ok := had[q.ID]; !ok {
			v.Unanswered = append(v.Unanswered, i+1)
		}
	}
	s.render(w, r, http.StatusOK, "done", v)
}
