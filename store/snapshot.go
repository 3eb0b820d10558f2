package store

import (
	"maps"
	"slices"
)

// The store keeps, per assessment, the last state it read or wrote: its
// snapshot. Saving answers applies them to the snapshot and, inside the
// transaction, only checks that the assessment's revision has not moved
// (see SaveAnswers). Snapshots are never changed once kept; a change
// makes a new one.

// keep makes l the snapshot of its assessment.
func (s *Store) keep(l *Loaded) {
	s.mu.Lock()
	s.snapshots[l.ID] = l
	s.mu.Unlock()
}

// forget drops an assessment's snapshot, so that the next save reads it.
func (s *Store) forget(id string) {
	s.mu.Lock()
	delete(s.snapshots, id)
	s.mu.Unlock()
}

// snapshot returns an assessment's snapshot, if the store has one.
func (s *Store) snapshot(id string) (*Loaded, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.snapshots[id]
	return l, ok
}

// Revision is the assessment's revision as read: every change to the
// assessment raises it, so of two readings the higher is the newer.
func (l *Loaded) Revision() int64 { return l.revision }

// clone copies what a save changes (the answers, the consensus); the
// instrument, targets and participants are shared, never changed.
func (l *Loaded) clone() *Loaded {
	c := *l
	c.Answers = slices.Clone(l.Answers)
	c.Consensus = maps.Clone(l.Consensus)
	return &c
}
