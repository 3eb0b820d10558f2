package store

import (
	"database/sql"
	"errors"
	"maps"
	"slices"
	"time"
)

// The store keeps, per assessment, the last state it read or wrote: its
// snapshot. Saving answers applies them to the snapshot and, inside the
// transaction, only checks that the assessment's revision has not moved
// (see SaveAnswers). Snapshots are never changed once kept; a change
// makes a new one.

// keep makes l the snapshot of its assessment, unless the store already
// keeps a newer one: a whole read that began before a save committed must
// not replace what the save left.
func (s *Store) keep(l *Loaded) {
	s.mu.Lock()
	if old, ok := s.snapshots[l.ID]; !ok || old.revision <= l.revision {
		s.snapshots[l.ID] = l
	}
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

// AnsweredAt is when the assessment's answers were last given or changed,
// the date a comparison speaks of; its creation when nothing is answered.
// UpdatedAt moves too when an action is adopted or a figure recorded,
// which measures nothing.
func (l *Loaded) AnsweredAt() time.Time {
	at := l.CreatedAt
	for _, r := range l.Answers {
		if r.At.After(at) {
			at = r.At
		}
	}
	return at
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

// Current is the assessment as it is now, as Load reads it, but without
// reading it whole when the store's snapshot is still current: one row
// (the revision) is read to know. A front end that shows an assessment on
// every request (a served room) reads it so. Treat it as read-only.
func (s *Store) Current(id string) (*Loaded, error) {
	var rev int64
	err := s.db.QueryRow("SELECT revision FROM assessments WHERE id = ?", id).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		s.forget(id)
		return nil, refuse("%w %q", ErrNotFound, id)
	}
	if err != nil {
		return nil, describe(s.path, err)
	}
	if l, ok := s.snapshot(id); ok && l.revision >= rev {
		return l, nil
	}
	// A save of this process may have committed and not yet kept what it
	// left: wait for it rather than read the assessment whole.
	s.saving.Lock()
	l, ok := s.snapshot(id)
	s.saving.Unlock()
	if ok && l.revision >= rev {
		return l, nil
	}
	return s.Load(id)
}
