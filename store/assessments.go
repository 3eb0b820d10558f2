package store

import (
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// AssessmentKind tells a self-assessment from a workshop.
type AssessmentKind string

// The kinds of assessment.
const (
	Self     AssessmentKind = "self"
	Workshop AssessmentKind = "workshop"
)

// Status of an assessment.
const (
	InProgress = "in-progress"
	Complete   = "complete"
)

// Functions a participant may belong to.
var Functions = assessment.Functions

// Assessment is one assessment's own record.
type Assessment struct {
	ID             string         `json:"id"`
	Organization   string         `json:"organization"`
	Title          string         `json:"title"`
	Scope          string         `json:"scope"`
	Kind           AssessmentKind `json:"kind"`
	Status         string         `json:"status"`
	InstrumentHash string         `json:"instrument_hash"`
	Targets        map[string]int `json:"targets,omitempty"`
	// Capacity is the effort points each horizon of the plan holds, 0 for
	// assessment.DefaultCapacity.
	Capacity  int       `json:"capacity,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Previous is the id of the assessment this one follows up ("" for
	// none); see Reassess and Chain.
	Previous string `json:"previous,omitempty"`
}

// Participant is someone who answers.
type Participant struct {
	ID        int64     `json:"-"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Function  string    `json:"function"`
	CreatedAt time.Time `json:"created_at"`
}

// NewAssessment is what creating an assessment needs.
type NewAssessment struct {
	Organization string
	Title        string
	Scope        string
	Kind         AssessmentKind
	Instrument   *questionnaire.Instrument
	// Targets by mode id; modes left out get assessment.DefaultTarget.
	Targets map[string]int
	// Capacity is the plan's effort points per horizon, 1 to MaxCapacity;
	// 0 keeps assessment.DefaultCapacity.
	Capacity int
	// Respondent is the one participant of a self-assessment.
	Respondent Participant
}

// Text limits for what users type into assessment fields.
const (
	MaxNameLen  = 200
	MaxTitleLen = 300
	MaxScopeLen = 2000
)

// MaxCapacity bounds the effort points a horizon of the plan may hold: a
// capacity above it is a typing mistake, not a plan.
const MaxCapacity = 999

// CheckCapacity refuses a capacity outside 1 to MaxCapacity (0, unset, is
// the caller's to allow).
func CheckCapacity(n int) error {
	if n < 1 || n > MaxCapacity {
		return fmt.Errorf("capacity must be from 1 to %d effort points, not %d", MaxCapacity, n)
	}
	return nil
}

// Validate checks the fields a user typed.
func (n NewAssessment) Validate() error {
	if strings.TrimSpace(n.Organization) == "" {
		return errors.New("the organization is empty")
	}
	for _, f := range []struct {
		name, value string
		limit       int
	}{{"organization", n.Organization, MaxNameLen}, {"title", n.Title, MaxTitleLen}, {"scope", n.Scope, MaxScopeLen}} {
		if l := len([]rune(f.value)); l > f.limit {
			return fmt.Errorf("the %s is %d characters, more than the %d allowed", f.name, l, f.limit)
		}
	}
	if n.Kind != Self && n.Kind != Workshop {
		return fmt.Errorf("unknown kind %q", n.Kind)
	}
	for mode, t := range n.Targets {
		if _, ok := n.Instrument.Mode(mode); !ok {
			return fmt.Errorf("target for unknown failure mode %q", mode)
		}
		if t < 1 || t > 5 {
			return fmt.Errorf("target for %s must be from 1 to 5, not %d", mode, t)
		}
	}
	if n.Capacity != 0 {
		if err := CheckCapacity(n.Capacity); err != nil {
			return err
		}
	}
	if n.Kind == Self {
		return validateParticipant(n.Respondent)
	}
	return nil
}

func validateParticipant(p Participant) error {
	if strings.TrimSpace(p.Name) == "" {
		return errors.New("the participant's name is empty")
	}
	if l := len([]rune(p.Name)); l > MaxNameLen {
		return fmt.Errorf("the participant's name is %d characters, more than the %d allowed", l, MaxNameLen)
	}
	if l := len([]rune(p.Role)); l > MaxNameLen {
		return fmt.Errorf("the participant's role is %d characters, more than the %d allowed", l, MaxNameLen)
	}
	if !slices.Contains(Functions, p.Function) {
		return fmt.Errorf("function must be one of %s, not %q", strings.Join(Functions, ", "), p.Function)
	}
	return nil
}

// idAlphabet leaves out characters that read alike (0/o, 1/l/i).
const idAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"

// IDLength is the length of an assessment id.
const IDLength = 6

func newID() (string, error) {
	b := make([]byte, IDLength)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(idAlphabet))))
		if err != nil {
			return "", err
		}
		b[i] = idAlphabet[n.Int64()]
	}
	return string(b), nil
}

// Create stores a new assessment (and its instrument, once per hash) and
// returns it.
func (s *Store) Create(n NewAssessment) (Assessment, error) {
	if err := n.Validate(); err != nil {
		return Assessment{}, err
	}
	now := s.now()
	a := Assessment{
		Organization: strings.TrimSpace(n.Organization), Title: strings.TrimSpace(n.Title), Scope: strings.TrimSpace(n.Scope),
		Kind: n.Kind, Status: InProgress, InstrumentHash: n.Instrument.Hash(), Targets: n.Targets,
		Capacity: n.Capacity, CreatedAt: now, UpdatedAt: now,
	}
	err := s.write(func(tx *sql.Tx) error {
		id, err := unusedID(tx)
		if err != nil {
			return err
		}
		a.ID = id
		if err := putInstrument(tx, n.Instrument, now); err != nil {
			return err
		}
		if err := insertAssessment(tx, a); err != nil {
			return err
		}
		if n.Kind == Self {
			_, err := insertParticipant(tx, a.ID, n.Respondent, now)
			return err
		}
		return nil
	})
	if err != nil {
		return Assessment{}, err
	}
	s.remember(n.Instrument)
	return a, nil
}

func unusedID(tx *sql.Tx) (string, error) {
	for {
		id, err := newID()
		if err != nil {
			return "", err
		}
		var n int
		if err := tx.QueryRow("SELECT count(*) FROM assessments WHERE id = ?", id).Scan(&n); err != nil {
			return "", err
		}
		if n == 0 {
			return id, nil
		}
	}
}

func putInstrument(tx *sql.Tx, inst *questionnaire.Instrument, now time.Time) error {
	_, err := tx.Exec(`INSERT INTO instruments (hash, id, version, title, questions, body, stored_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`,
		inst.Hash(), inst.ID, inst.Version, inst.Title, inst.QuestionCount(), inst.Body(), timestamp(now))
	return err
}

func insertAssessment(tx *sql.Tx, a Assessment) error {
	// A new assessment has no answers: its summary (0 answered, no index)
	// is current from the start; Import refreshes it after adding answers.
	var capacity, previous any // NULL: the default, no previous assessment
	if a.Capacity != 0 {
		capacity = a.Capacity
	}
	if a.Previous != "" {
		previous = a.Previous
	}
	_, err := tx.Exec(`INSERT INTO assessments (id, instrument_hash, organization, title, scope, kind, status, created_at, updated_at, capacity,
		summary_version, previous_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.InstrumentHash, a.Organization, a.Title, a.Scope, string(a.Kind), a.Status, timestamp(a.CreatedAt), timestamp(a.UpdatedAt), capacity,
		summaryVersion, previous)
	if err != nil {
		return err
	}
	for _, m := range slices.Sorted(maps.Keys(a.Targets)) {
		if _, err := tx.Exec("INSERT INTO targets (assessment_id, mode_id, level) VALUES (?, ?, ?)", a.ID, m, a.Targets[m]); err != nil {
			return err
		}
	}
	return nil
}

func insertParticipant(tx *sql.Tx, assessmentID string, p Participant, now time.Time) (int64, error) {
	if p.CreatedAt.IsZero() {
		p.CreatedAt = now
	}
	res, err := tx.Exec("INSERT INTO participants (assessment_id, name, role, function, created_at) VALUES (?, ?, ?, ?, ?)",
		assessmentID, strings.TrimSpace(p.Name), strings.TrimSpace(p.Role), p.Function, timestamp(p.CreatedAt))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Resolve turns a unique prefix of an id into the id.
func (s *Store) Resolve(prefix string) (string, error) {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	if prefix == "" {
		return "", refuse("%w: the id is empty", ErrNotFound)
	}
	rows, err := s.db.Query("SELECT id FROM assessments WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 11", len(prefix), prefix)
	if err != nil {
		return "", describe(s.path, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return "", describe(s.path, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return "", describe(s.path, err)
	}
	switch len(ids) {
	case 0:
		return "", refuse("%w %q in %s", ErrNotFound, prefix, s.path)
	case 1:
		return ids[0], nil
	}
	more := ""
	if len(ids) > 10 {
		ids, more = ids[:10], ", …"
	}
	return "", refuse("%w %q: it matches %s%s; type more of it", ErrAmbiguous, prefix, strings.Join(ids, ", "), more)
}

// Delete removes an assessment with its participants, answers, actions and
// history. The instrument stays: other assessments may use it. Its
// follow-up, if any, stays with all its data and loses the link (the
// foreign key sets it NULL, as it deletes the rest); the assessment it
// followed has no follow-up any more. The revisions of both
// rise, so that a screen showing either sees its chain change.
func (s *Store) Delete(id string) error {
	defer s.forget(id)
	return s.write(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`UPDATE assessments SET revision = revision + 1
			WHERE previous_id = ? OR id = (SELECT previous_id FROM assessments WHERE id = ?)`, id, id); err != nil {
			return err
		}
		res, err := tx.Exec("DELETE FROM assessments WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refuse("%w %q", ErrNotFound, id)
		}
		return nil
	})
}

// instrument returns the parsed instrument with the given hash, parsing its
// stored body once per process.
func (s *Store) instrument(q querier, hash string) (*questionnaire.Instrument, error) {
	s.mu.Lock()
	inst, ok := s.instruments[hash]
	s.mu.Unlock()
	if ok {
		return inst, nil
	}
	var body []byte
	err := q.QueryRow("SELECT body FROM instruments WHERE hash = ?", hash).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, invalid("instrument", fmt.Sprintf("%.12s", hash), "it is missing")
	}
	if err != nil {
		return nil, err
	}
	inst, err = questionnaire.Parse("instrument "+hash[:min(12, len(hash))], body)
	if err != nil {
		return nil, invalid("instrument", fmt.Sprintf("%.12s", hash), "it cannot be read: %v", err)
	}
	if inst.Hash() != hash {
		return nil, invalid("instrument", fmt.Sprintf("%.12s", hash), "its content does not match its hash (%s)", inst.ShortHash())
	}
	s.remember(inst)
	return inst, nil
}

func (s *Store) remember(inst *questionnaire.Instrument) {
	s.mu.Lock()
	s.instruments[inst.Hash()] = inst
	s.mu.Unlock()
}

// querier is what reads need from *sql.DB and *sql.Tx alike.
type querier interface {
	QueryRow(query string, args ...any) *sql.Row
	Query(query string, args ...any) (*sql.Rows, error)
}
