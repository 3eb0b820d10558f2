package tui

import (
	"fmt"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/store"
)

// around is what the app reads with the open assessment besides it: where
// it sits in its chain of re-assessments, the answers of the one it
// follows up (last time's, shown on each question), and its action
// register. It is read when the assessment is opened and again when its
// revision moves, never while drawing.
type around struct {
	// chain is the assessment's chain, oldest first; one link (itself)
	// when it neither follows nor is followed.
	chain []store.ChainLink
	// last holds last time's answers; nil unless the open assessment is a
	// follow-up whose previous assessment could be read.
	last *lastTime
	// register is the action register as it stands (backend.Register:
	// each action read against the assessment, and for a follow-up what
	// the previous assessment's actions came to); registerRev is the
	// revision of the assessment it was read against. An answer saved
	// since moves what is met and what they came to: the register's
	// screen reads it again before it shows it.
	register    backend.Register
	registerRev int64
}

// openedWith is the outcome of opening an assessment just read: it with
// what goes with it, then showing then.
func openedWith(be *backend.Backend, ev *backend.Evaluated, then any) opened {
	ar, err := readAround(be, ev, nil)
	return opened{ev: ev, around: ar, err: err, then: then}
}

// readAround reads what goes with an assessment; known is last time's
// answers as read before, kept while the assessment follows up the same
// one (they are read once, not at every change of the follow-up). A chain
// or a previous assessment that cannot be read leaves the screens without
// it (the assessment itself opens); a register that cannot be read is the
// error.
func readAround(be *backend.Backend, ev *backend.Evaluated, known *lastTime) (around, error) {
	var ar around
	if chain, err := be.Store().Chain(ev.ID); err == nil {
		ar.chain = chain
	}
	reg, regErr := readRegister(be, ev)
	switch {
	case ev.Previous == "":
	case known != nil && known.id == ev.Previous:
		ar.last = known
	case regErr == nil && reg.Previous != nil: // read with the register
		ar.last = newLastTime(reg.Previous.Loaded, ev.Instrument)
	case regErr != nil:
		if prev, err := be.Store().Load(ev.Previous); err == nil {
			ar.last = newLastTime(prev, ev.Instrument)
		}
	}
	if regErr != nil {
		return ar, regErr
	}
	ar.register, ar.registerRev = reg, ev.Revision()
	return ar, nil
}

// readRegister reads the action register of an assessment as loaded.
func readRegister(be *backend.Backend, ev *backend.Evaluated) (backend.Register, error) {
	reg, err := be.Register(ev, assessment.DateOf(time.Now()))
	if err != nil {
		return backend.Register{}, fmt.Errorf("the action register was not read: %w", err)
	}
	return reg, nil
}

// chainPlace says where an assessment sits in its chain, for the title
// bar: "follow-up 2 of 3 · followed up by k3f9", "1 of 2 · followed up by
// k3f9"; "" for a chain of one.
func chainPlace(chain []store.ChainLink, id string) string {
	if len(chain) < 2 {
		return ""
	}
	at := -1
	for i, l := range chain {
		if l.ID == id {
			at = i
		}
	}
	if at < 0 {
		return ""
	}
	place := fmt.Sprintf("%d of %d", at+1, len(chain))
	if at > 0 {
		place = "follow-up " + place
	}
	if at+1 < len(chain) {
		place += " · followed up by " + chain[at+1].ID
	}
	return place
}
