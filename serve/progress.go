package serve

import (
	"fmt"
	"sync"

	"github.com/seam-dev/seam/store"
)

// Progress is how far the room has got: what the facilitator's screen
// shows while participants answer. The server keeps it in memory and
// pushes it, so the facilitator's process never polls the database for it.
type Progress struct {
	// Questions is how many questions each participant answers.
	Questions int
	// Revealed is set once the server has seen the results revealed.
	Revealed bool
	// Participants in the workshop's order.
	Participants []Joined
}

// Joined is one participant's progress.
type Joined struct {
	Name, Function string
	// Answered counts the questions they have answered.
	Answered int
	// Online is set once a device has joined as them.
	Online bool
}

// Answered counts the answers given in the room, all participants together.
func (p Progress) Answered() int {
	n := 0
	for _, j := range p.Participants {
		n += j.Answered
	}
	return n
}

// Online counts the participants a device has joined as.
func (p Progress) Online() int {
	n := 0
	for _, j := range p.Participants {
		if j.Online {
			n++
		}
	}
	return n
}

// Summary is the room's progress in one line, as seam serve's progress
// and the app's room screen head it: "44 of 123 answers · 2 of 3 online".
func (p Progress) Summary() string {
	n := len(p.Participants)
	return fmt.Sprintf("%d of %d answers · %d of %d online", p.Answered(), p.Questions*n, p.Online(), n)
}

// progress holds the last Progress published and who listens for it.
type progress struct {
	mu     sync.Mutex
	latest *store.Loaded // the newest reading of the workshop published
	now    Progress
	subs   map[chan Progress]struct{}
}

// Progress is the room's progress as last published.
func (s *Server) Progress() Progress {
	s.prog.mu.Lock()
	defer s.prog.mu.Unlock()
	return s.prog.now
}

// Subscribe delivers the room's progress, the current one first, then
// each change. Only the latest value waits in the channel: a reader that
// falls behind skips to it, and never holds up a save. cancel stops the
// delivery and closes the channel.
func (s *Server) Subscribe() (updates <-chan Progress, cancel func()) {
	ch := make(chan Progress, 1)
	s.prog.mu.Lock()
	ch <- s.prog.now
	s.prog.subs[ch] = struct{}{}
	s.prog.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			s.prog.mu.Lock()
			delete(s.prog.subs, ch)
			close(ch)
			s.prog.mu.Unlock()
		})
	}
}

// publish works out the progress from a reading of the workshop (or, when
// l is older than one published already, from that one) and who has
// joined, and hands it to every subscriber. It is called after a save, a
// join, and when a request reads a newer revision (a reveal, an answer
// given in the app).
func (s *Server) publish(l *store.Loaded) {
	s.prog.mu.Lock()
	defer s.prog.mu.Unlock()
	if l == nil || (s.prog.latest != nil && l.Revision() < s.prog.latest.Revision()) {
		l = s.prog.latest
	}
	if l == nil {
		return
	}
	s.prog.latest = l
	answered := answeredBy(l)
	p := Progress{Questions: l.Instrument.QuestionCount(), Revealed: l.RevealedAt != nil, Participants: make([]Joined, len(l.Participants))}
	s.mu.Lock() // under prog.mu, so that publishes do not overtake each other
	for i, part := range l.Participants {
		_, online := s.byName[part.Name]
		p.Participants[i] = Joined{Name: part.Name, Function: part.Function, Answered: answered[part.Name], Online: online}
	}
	s.mu.Unlock()
	s.prog.now = p
	for ch := range s.prog.subs {
		select { // drop the value not yet read: the new one replaces it
		case <-ch:
		default:
		}
		ch <- p // never blocks: only publish sends, under prog.mu, and the buffer is empty
	}
}

// answeredBy counts each participant's answers. l.Answers holds each
// participant's answers together, so it updates the map once per
// participant, not once per answer (right in any order, quick in this
// one): publish runs on every commit, under the lock every request's
// noticed takes.
func answeredBy(l *store.Loaded) map[string]int {
	answered := make(map[string]int, len(l.Participants))
	for i := 0; i < len(l.Answers); {
		who, j := l.Answers[i].Participant, i+1
		for j < len(l.Answers) && l.Answers[j].Participant == who {
			j++
		}
		answered[who] += j - i
		i = j
	}
	return answered
}

// noticed publishes a reading of the workshop newer than the last one
// published: a reveal, or answers saved elsewhere (the app itself).
func (s *Server) noticed(l *store.Loaded) {
	s.prog.mu.Lock()
	newer := s.prog.latest == nil || l.Revision() > s.prog.latest.Revision()
	s.prog.mu.Unlock()
	if newer {
		s.publish(l)
	}
}

// Reveal shows the workshop's results to the facilitator's screens, as the
// app's reveal does, and publishes it. No page of the room calls it: the
// facilitator does, in the terminal that serves the room.
func (s *Server) Reveal() error {
	if err := s.b.Store().Reveal(s.id); err != nil {
		return err
	}
	if l, err := s.b.Store().Current(s.id); err == nil {
		s.noticed(l)
	}
	return nil
}
