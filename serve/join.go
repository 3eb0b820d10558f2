// Joining the room: the join page, picking a name or following a personal
// link, and the session a device then holds until it idles out or the
// facilitator confirms its name on another device.

package serve

import (
	"net/http"
	"strconv"
	"time"

	"github.com/seam-dev/seam/store"
)

// DefaultSessionIdle ends a session after eight hours without a request:
// longer than any pause in a workshop day (lunch, a long discussion before
// the reveal), so nobody is signed out mid-workshop, yet a phone left
// signed in does not carry over to the next day if the room stays open.
const DefaultSessionIdle = 8 * time.Hour

// A session is one joined device: the participant it answers as and the
// token its forms carry.
type session struct {
	id, participant, csrf string
	flash                 string    // "saved ...", shown once on the next page
	seen                  time.Time // its last request
}

// Why a session ended, as the join page then says it.
const (
	endedIdle     = "Your session expired after a long time without activity. Pick your name again."
	endedReplaced = "You were signed out: your name was confirmed on another device. If that was not you, tell the facilitator."
)

type endedSession struct {
	why string
	at  time.Time
}

// door is what the server keeps about getting in, beside the sessions:
// the join requests waiting for the facilitator, the personal links, and
// why recent sessions ended. Everything in it is guarded by Server.mu.
type door struct {
	now      func() time.Time // the clock: tests move it
	seq      int              // the last join request's number
	requests map[string]*request
	personal map[string]string // personal token → participant name
	links    map[string]string // participant name → personal token
	ended    map[string]endedSession
}

func newDoor(participants []store.Participant) door {
	d := door{now: time.Now, requests: map[string]*request{}, personal: map[string]string{}, links: map[string]string{},
		ended: map[string]endedSession{}}
	for _, p := range participants {
		d.link(p.Name)
	}
	return d
}

// link makes the participant's personal token if they have none yet.
func (d *door) link(name string) {
	if _, ok := d.links[name]; ok {
		return
	}
	t := randomToken()
	d.personal[t], d.links[name] = name, t
}

// member passes on a request from a joined device with its session; any
// other goes to the join page.
func (s *Server) member(h func(http.ResponseWriter, *http.Request, *session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess := s.session(r)
		if sess == nil {
			http.Redirect(w, r, s.base, http.StatusSeeOther)
			return
		}
		h(w, r, sess)
	}
}

// session is the device's live session, nil if it has none; a session
// idle for longer than Options.SessionIdle ends here.
func (s *Server) session(r *http.Request) *session {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	now := s.door.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.sessions[c.Value]
	if sess == nil {
		return nil
	}
	if now.Sub(sess.seen) > s.opt.SessionIdle {
		s.end(sess, endedIdle, now)
		return nil
	}
	sess.seen = now
	return sess
}

// end ends a session, keeping why for the device's next visit. Call with
// s.mu held.
func (s *Server) end(sess *session, why string, now time.Time) {
	s.drop(sess)
	if len(s.door.ended) < 4*s.opt.MaxSessions {
		s.door.ended[sess.id] = endedSession{why: why, at: now}
	}
}

// drop ends a session with nothing to tell its device, which goes on as
// someone else; its name is free again. Call with s.mu held.
func (s *Server) drop(sess *session) {
	delete(s.sessions, sess.id)
	if s.byName[sess.participant] == sess {
		delete(s.byName, sess.participant)
	}
}

// sweep ends the sessions idle too long and forgets what is too old to
// tell anyone. Call with s.mu held.
func (s *Server) sweep(now time.Time) {
	for _, sess := range s.sessions {
		if now.Sub(sess.seen) > s.opt.SessionIdle {
			s.end(sess, endedIdle, now)
		}
	}
	for id, e := range s.door.ended {
		if now.Sub(e.at) > s.opt.SessionIdle {
			delete(s.door.ended, id)
		}
	}
	s.sweepRequests(now)
}

// endedWhy says once why the device's session ended, "" when it did not.
func (s *Server) endedWhy(r *http.Request) string {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.door.ended[c.Value]
	delete(s.door.ended, c.Value)
	if !ok {
		return ""
	}
	return e.why
}

func (s *Server) joinPage(w http.ResponseWriter, r *http.Request) {
	problem := ""
	if s.session(r) == nil {
		if problem = s.endedWhy(r); problem != "" {
			http.SetCookie(w, s.expired(sessionCookie))
		}
	}
	s.showJoin(w, r, http.StatusOK, problem)
}

func (s *Server) showJoin(w http.ResponseWriter, r *http.Request, status int, problem string) {
	l, ok := s.load(w, r)
	if !ok {
		return
	}
	csrf := randomToken()
	http.SetCookie(w, s.cookie(joinCookie, csrf))
	v := view{Title: "Join " + l.Organization, Workshop: workshopName(l), CSRF: csrf, Error: problem}
	for _, p := range l.Participants {
		v.Names = append(v.Names, p.Name)
	}
	s.render(w, r, status, "join", v)
}

// expired is a cookie that deletes the one named.
func (s *Server) expired(name string) *http.Cookie {
	c := s.cookie(name, "")
	c.MaxAge = -1
	return c
}

func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	if !s.form(w, r) {
		return
	}
	c, err := r.Cookie(joinCookie)
	if err != nil || !sameToken(r.PostForm.Get("csrf"), c.Value) {
		s.logf(r, "403 join without its form token")
		s.message(w, r, http.StatusForbidden, "This form has expired", "Open the room's link again and pick your name.")
		return
	}
	l, ok := s.load(w, r)
	if !ok {
		return
	}
	p, err := l.Participant(r.PostForm.Get("name"))
	if err != nil || r.PostForm.Get("name") == "" {
		s.logf(r, "400 join as someone not in the workshop")
		s.showJoin(w, r, http.StatusBadRequest, "Pick your name from the list.")
		return
	}
	s.admit(w, r, l, p.Name)
}

// personalLink joins the device as the participant whose personal link
// it followed, as if they had picked their name.
func (s *Server) personalLink(w http.ResponseWriter, r *http.Request) {
	name, ok := s.personalName(r.PathValue("personal"))
	if !ok {
		s.logf(r, "404 wrong personal token")
		http.NotFound(w, r)
		return
	}
	l, ok := s.load(w, r)
	if !ok {
		return
	}
	if _, err := l.Participant(name); err != nil {
		s.logf(r, "404 personal link of someone no longer in the workshop")
		http.NotFound(w, r)
		return
	}
	s.admit(w, r, l, name)
}

// personalName is the participant whose personal token this is. Every
// token is compared in constant time: how long it takes tells nothing.
func (s *Server) personalName(token string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	name, found := "", false
	for t, n := range s.door.personal {
		if sameToken(token, t) {
			name, found = n, true
		}
	}
	return name, found
}

// PersonalLinks are the paths that join each participant directly, by
// name: "/r/TOKEN/p/PERSONAL". Each holds 128 random bits and works for
// the server's life; a participant added since the server started gets
// one here.
func (s *Server) PersonalLinks() map[string]string {
	l, err := s.b.Store().Current(s.id)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		for _, p := range l.Participants {
			s.door.link(p.Name)
		}
	}
	out := make(map[string]string, len(s.door.links))
	for name, t := range s.door.links {
		out[name] = s.base + "p/" + t
	}
	return out
}

// admit lets the device in as the participant named: at once when no
// other device holds the name, else once the facilitator confirms it.
func (s *Server) admit(w http.ResponseWriter, r *http.Request, l *store.Loaded, name string) {
	mine := s.session(r)
	now := s.door.now()
	s.mu.Lock()
	s.sweep(now)
	if mine != nil && s.sessions[mine.id] != mine {
		mine = nil // ended since it was looked up
	}
	if other, taken := s.byName[name]; taken && other != mine {
		s.ask(w, r, mine, name, now) // unlocks
		return
	}
	if mine != nil && mine.participant == name {
		s.mu.Unlock()
		http.Redirect(w, r, s.base+"q/"+strconv.Itoa(firstOpen(l, name)), http.StatusSeeOther)
		return
	}
	if mine == nil && len(s.sessions)+s.door.waiting() >= s.opt.MaxSessions {
		s.mu.Unlock()
		s.logf(r, "503 %d sessions already", s.opt.MaxSessions)
		s.message(w, r, http.StatusServiceUnavailable, "The room is full", "Tell the facilitator.")
		return
	}
	if mine != nil { // this device changes name
		s.drop(mine)
	}
	sess := s.newSession(name, now)
	s.dropWaiting(r) // a request this device left waiting is moot now
	s.mu.Unlock()
	s.publish(l) // the participant is online
	s.logf(r, "%q joined", name)
	s.letIn(w, r, l, sess)
}

// newSession starts a session for the participant. Call with s.mu held.
func (s *Server) newSession(name string, now time.Time) *session {
	sess := &session{id: randomToken(), participant: name, csrf: randomToken(), seen: now}
	s.sessions[sess.id], s.byName[name] = sess, sess
	return sess
}

// letIn gives the device its session's cookie and sends it to its first
// unanswered question.
func (s *Server) letIn(w http.ResponseWriter, r *http.Request, l *store.Loaded, sess *session) {
	http.SetCookie(w, s.cookie(sessionCookie, sess.id))
	for _, name := range []string{joinCookie, waitCookie} {
		if _, err := r.Cookie(name); err == nil {
			http.SetCookie(w, s.expired(name))
		}
	}
	http.Redirect(w, r, s.base+"q/"+strconv.Itoa(firstOpen(l, sess.participant)), http.StatusSeeOther)
}

// firstOpen is the number of the participant's first unanswered question,
// 1 when they have answered all.
func firstOpen(l *store.Loaded, participant string) int {
	had := l.AnswersOf(participant)
	for i, q := range l.Instrument.Questions() {
		if _, ok := had[q.ID]; !ok {
			return i + 1
		}
	}
	return 1
}
