package serve

import (
	"github.com/seam-dev/seam/store"
)

// maxBatch bounds the answers committed at once, so that one commit never
// holds the room's latest answers back for long.
const maxBatch = 64

// queuedSave is one device's answer waiting for a commit.
type queuedSave struct {
	save store.Save
	done chan error // the commit's outcome for this answer; buffered
}

// save commits one participant's answers and returns once they are on
// disk (or refused). Answers that arrive while a commit is under way wait
// in a queue; whoever commits next takes everything queued into one
// transaction (Backend.SaveMany). Fifty people answering at once thus wait
// for a few commits, not fifty in a row, and no goroutine outlives the
// requests.
func (s *Server) save(sv store.Save) error {
	me := &queuedSave{save: sv, done: make(chan error, 1)}
	s.queueMu.Lock()
	s.queue = append(s.queue, me)
	s.queueMu.Unlock()

	s.committing.Lock()
	defer s.committing.Unlock()
	for {
		select {
		case err := <-me.done: // a commit took it, this one's or an earlier one's
			return err
		default:
		}
		s.queueMu.Lock()
		batch := s.queue[:min(len(s.queue), maxBatch)]
		s.queue = s.queue[len(batch):]
		s.queueMu.Unlock()
		s.commit(batch)
	}
}

// commit saves a batch in one transaction and tells each waiting request
// how its answer fared.
func (s *Server) commit(batch []*queuedSave) {
	saves := make([]store.Save, len(batch))
	for i, q := range batch {
		saves[i] = q.save
	}
	l, refused, err := s.b.SaveMany(s.id, saves)
	if err == nil && l != nil {
		s.publish(l) // once per commit, however many answers it took
	}
	for i, q := range batch {
		if err != nil {
			q.done <- err
		} else {
			q.done <- refused[i] // nil when saved
		}
	}
}
