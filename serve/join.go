// Joining the room: the join page, picking a name, and the session a
// device then holds.

package serve

import (
	"net/http"
	"strconv"

	"github.com/seam-dev/seam/store"
)

// A session is one joined device: the participant it answers as and the
// token its forms carry.
type session struct {
	id, participant, csrf string
	flash                 string // "saved ...", shown once on the next page
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

func (s *Server) session(r *http.Request) *session {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions[c.Value]
}

func (s *Server) joinPage(w http.ResponseWriter, r *http.Request) {
	s.showJoin(w, r, http.StatusOK, "")
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
	mine := s.session(r)
	s.mu.Lock()
	if other, taken := s.byName[p.Name]; taken && other != mine {
		s.mu.Unlock()
		s.logf(r, "409 %q has already joined on another device", p.Name)
		s.showJoin(w, r, http.StatusConflict, p.Name+" has already joined on another device. Ask the facilitator to confirm it is you.")
		return
	}
	if mine != nil && mine.participant == p.Name {
		s.mu.Unlock()
		http.Redirect(w, r, s.base+"q/"+strconv.Itoa(firstOpen(l, p.Name)), http.StatusSeeOther)
		return
	}
	if mine != nil { // this device changes name: the old one is free again
		delete(s.byName, mine.participant)
		delete(s.sessions, mine.id)
	}
	if len(s.sessions) >= s.opt.MaxSessions {
		s.mu.Unlock()
		s.logf(r, "503 %d sessions already", s.opt.MaxSessions)
		s.message(w, r, http.StatusServiceUnavailable, "The room is full", "Tell the facilitator.")
		return
	}
	sess := &session{id: randomToken(), participant: p.Name, csrf: randomToken()}
	s.sessions[sess.id], s.byName[p.Name] = sess, sess
	s.mu.Unlock()
	s.logf(r, "%q joined", p.Name)
	http.SetCookie(w, s.cookie(sessionCookie, sess.id))
	http.SetCookie(w, &http.Cookie{Name: joinCookie, Path: s.base, MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.opt.TLS != nil})
	http.Redirect(w, r, s.base+"q/"+strconv.Itoa(firstOpen(l, p.Name)), http.StatusSeeOther)
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
