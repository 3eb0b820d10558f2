// Join requests: a device that asks for a name another device holds waits
// until the facilitator confirms or refuses it. Only the facilitator
// decides, through Decide: no page of the room can.

package serve

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/seam-dev/seam/safetext"
)

// JoinRequestExpiry is how long a join request waits for the facilitator:
// long enough to finish a sentence before looking at the terminal, short
// enough that a forgotten request cannot be confirmed much later.
const JoinRequestExpiry = 5 * time.Minute

// maxWaiting caps the join requests waiting at once: a room has a few
// people who changed device, not dozens.
const maxWaiting = 16

// waitCookie names the waiting device's request.
const waitCookie = "seam_wait"

// ErrNoJoinRequest is Decide's answer for a number no request has.
var ErrNoJoinRequest = errors.New("no join request")

// JoinRequest is a device asking to join under a name another device
// already holds.
type JoinRequest struct {
	// ID is the request's number, "1", "2", … in the order asked: what the
	// facilitator types to decide.
	ID   string
	Name string // the participant asked for
	Addr string // the device's network address, without the port
	At   time.Time
}

type requestState int

const (
	waiting requestState = iota
	allowed
	refused
	lapsed
)

type request struct {
	JoinRequest
	seq     int
	wait    string // the waiting device's cookie
	state   requestState
	from    *session // the device's own session when it asked, if any
	session *session // allowed: the session made for the device
}

// waiting counts the requests still waiting. Call with s.mu held.
func (d *door) waiting() int {
	n := 0
	for _, q := range d.requests {
		if q.state == waiting {
			n++
		}
	}
	return n
}

// sweepRequests lets requests lapse after JoinRequestExpiry and forgets
// them after twice that, by when their device has seen the outcome. Call
// with s.mu held.
func (s *Server) sweepRequests(now time.Time) {
	for id, q := range s.door.requests {
		age := now.Sub(q.At)
		switch {
		case age > 2*JoinRequestExpiry:
			delete(s.door.requests, id)
		case age > JoinRequestExpiry && q.state == waiting:
			q.state = lapsed
			s.log.Printf("join request %s for %q lapsed: nobody decided in %v", id, safetext.Line(q.Name), JoinRequestExpiry)
		}
	}
}

// waitingRequest is the request the device's wait cookie names. Call
// with s.mu held.
func (s *Server) waitingRequest(r *http.Request) *request {
	c, err := r.Cookie(waitCookie)
	if err != nil {
		return nil
	}
	var found *request
	for _, q := range s.door.requests {
		if sameToken(c.Value, q.wait) {
			found = q
		}
	}
	return found
}

// dropWaiting forgets the request the device left waiting, if any. Call
// with s.mu held.
func (s *Server) dropWaiting(r *http.Request) {
	if q := s.waitingRequest(r); q != nil && q.state == waiting {
		delete(s.door.requests, q.ID)
	}
}

// ask holds the device's request to join as name, which another device
// holds, and sends it to wait for the facilitator. Call with s.mu held:
// ask unlocks it.
func (s *Server) ask(w http.ResponseWriter, r *http.Request, mine *session, name string, now time.Time) {
	if q := s.waitingRequest(r); q != nil && q.state == waiting && q.Name == name {
		s.mu.Unlock() // asked already: wait on
		http.Redirect(w, r, s.base+"wait", http.StatusSeeOther)
		return
	}
	s.dropWaiting(r)
	switch {
	case s.door.waiting() >= maxWaiting:
		s.mu.Unlock()
		s.logf(r, "503 %d join requests already wait for the facilitator", maxWaiting)
		s.message(w, r, http.StatusServiceUnavailable, "Too many devices are waiting", "Tell the facilitator, or try again in a few minutes.")
		return
	case mine == nil && len(s.sessions)+s.door.waiting() >= s.opt.MaxSessions:
		s.mu.Unlock()
		s.logf(r, "503 %d sessions already", s.opt.MaxSessions)
		s.message(w, r, http.StatusServiceUnavailable, "The room is full", "Tell the facilitator.")
		return
	}
	s.door.seq++
	q := &request{JoinRequest: JoinRequest{ID: strconv.Itoa(s.door.seq), Name: name, Addr: host(r), At: now},
		seq: s.door.seq, wait: randomToken(), from: mine}
	s.door.requests[q.ID] = q
	s.mu.Unlock()
	s.logf(r, "409 %q has already joined on another device: join request %s waits for the facilitator", name, q.ID)
	http.SetCookie(w, s.cookie(waitCookie, q.wait))
	http.Redirect(w, r, s.base+"wait", http.StatusSeeOther)
	if s.opt.OnJoinRequest != nil {
		s.opt.OnJoinRequest(q.JoinRequest)
	}
}

// waitPage tells a waiting device how its request stands; it looks again
// every few seconds by itself, or when the participant taps "check again".
func (s *Server) waitPage(w http.ResponseWriter, r *http.Request) {
	now := s.door.now()
	s.mu.Lock()
	s.sweep(now)
	q := s.waitingRequest(r)
	var state requestState
	var req JoinRequest
	var sess *session
	if q != nil {
		state, req, sess = q.state, q.JoinRequest, q.session
		if state != waiting {
			q.wait = "" // the device sees the outcome once; Decide still knows the request
		}
	}
	s.mu.Unlock()
	if q == nil {
		if _, err := r.Cookie(waitCookie); err == nil {
			http.SetCookie(w, s.expired(waitCookie))
		}
		s.showJoin(w, r, http.StatusOK, "Your request to join is no longer waiting. Pick your name again.")
		return
	}
	if state != waiting && state != allowed {
		http.SetCookie(w, s.expired(waitCookie))
	}
	switch state {
	case waiting:
		l, ok := s.load(w, r)
		if !ok {
			return
		}
		s.render(w, r, http.StatusOK, "wait", view{Title: "Waiting for the facilitator", Workshop: workshopName(l),
			Participant: req.Name, Request: req.ID, Refresh: true})
	case allowed:
		l, ok := s.load(w, r)
		if !ok {
			return
		}
		s.logf(r, "%q joined, confirmed by the facilitator", req.Name)
		s.letIn(w, r, l, sess)
	case refused:
		s.message(w, r, http.StatusForbidden, "The facilitator did not confirm it",
			"You were not let in as "+req.Name+". If that is your name, talk to the facilitator; otherwise go back and pick your own.")
	default:
		s.message(w, r, http.StatusGone, "Your request expired",
			fmt.Sprintf("Nobody confirmed it within %d minutes. Go back and pick your name to ask again.", int(JoinRequestExpiry.Minutes())))
	}
}

// JoinRequests are the requests waiting for the facilitator, oldest first.
func (s *Server) JoinRequests() []JoinRequest {
	now := s.door.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now)
	var qs []*request
	for _, q := range s.door.requests {
		if q.state == waiting {
			qs = append(qs, q)
		}
	}
	slices.SortFunc(qs, func(a, b *request) int { return cmp.Compare(a.seq, b.seq) })
	out := make([]JoinRequest, len(qs))
	for i, q := range qs {
		out[i] = q.JoinRequest
	}
	return out
}

// Decide answers the join request with the given number. Allowed, the
// device that asked holds the name from now on, and the device that held
// it is signed out (its next page says why); refused, the device is told
// so. A number no request has, one decided already or one lapsed is an
// error that names it. Who is online may change: the facilitator's
// screen is told.
func (s *Server) Decide(id string, allow bool) error {
	err := s.decide(id, allow)
	if err == nil && allow {
		s.publish(nil) // the last reading, with who holds which name now
	}
	return err
}

func (s *Server) decide(id string, allow bool) error {
	now := s.door.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now)
	q, ok := s.door.requests[id]
	switch {
	case !ok:
		return fmt.Errorf("%w %q is waiting", ErrNoJoinRequest, id)
	case q.state == lapsed:
		return fmt.Errorf("join request %s (%s) expired: nobody decided within %d minutes", id, safetext.Line(q.Name), int(JoinRequestExpiry.Minutes()))
	case q.state != waiting:
		return fmt.Errorf("join request %s (%s) is decided already", id, safetext.Line(q.Name))
	}
	if !allow {
		q.state = refused
		s.log.Printf("join request %s for %q refused by the facilitator", id, safetext.Line(q.Name))
		return nil
	}
	if old := s.byName[q.Name]; old != nil {
		s.end(old, endedReplaced, now)
	}
	if q.from != nil { // the device answered as someone else until now
		s.drop(q.from)
	}
	q.state, q.session = allowed, s.newSession(q.Name, now)
	s.log.Printf("join request %s for %q confirmed by the facilitator: the other device is signed out", id, safetext.Line(q.Name))
	return nil
}
