package store

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seam-dev/seam/questionnaire"
)

// The chain of re-assessments (schema step 7): a follow-up names the
// assessment it follows up, which has at most one follow-up, so the
// assessments of a chain follow one another in a line. A re-assessment
// measures again: it takes the organisation, its scope, targets, capacity
// and participants from the assessment it follows, but no answers, no
// consensus, no baseline figures (they are measured anew) and no actions
// (those stay with the assessment that adopted them, readable there).

// ErrFollowedUp: an assessment has one follow-up; the chain goes on from
// the last one.
var ErrFollowedUp = errors.New("already has a follow-up")

// ReassessOptions says how a follow-up is started.
type ReassessOptions struct {
	// SameInstrument answers the follow-up on the previous assessment's
	// own instrument, version and all, instead of the newest.
	SameInstrument bool
	// Instrument, when set, is the follow-up's instrument: a version of
	// the same instrument (the same id). Nil with SameInstrument unset
	// takes the newest version of the previous assessment's instrument
	// that seam knows: built in, or stored for any assessment.
	Instrument *questionnaire.Instrument
	// Title is the follow-up's title; "" keeps the previous one's (the
	// chain and the date tell the two apart, and a marker would pile up
	// from one follow-up to the next).
	Title string
}

// Reassess starts the follow-up of assessment id and returns it: the same
// kind, organisation, title (unless opts.Title), scope, capacity and
// participants (names, roles and functions), the targets of the failure
// modes its instrument still has, and nothing answered. An assessment
// that already has a follow-up is refused, naming it (ErrFollowedUp): the
// chain goes on from its last assessment.
func (s *Store) Reassess(id string, opts ReassessOptions) (Assessment, error) {
	if opts.SameInstrument && opts.Instrument != nil {
		return Assessment{}, errors.New("a follow-up is answered on the same instrument or on another version of it, not both")
	}
	var a Assessment
	var inst *questionnaire.Instrument
	err := s.write(func(tx *sql.Tx) error {
		prev, err := s.load(tx, id)
		if err != nil {
			return err
		}
		var next string
		err = tx.QueryRow("SELECT id FROM assessments WHERE previous_id = ?", id).Scan(&next)
		switch {
		case err == nil:
			return refuse("assessment %s %w, %s: re-assess that one", id, ErrFollowedUp, next)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		switch {
		case opts.SameInstrument:
			inst = prev.Instrument
		case opts.Instrument != nil:
			inst = opts.Instrument
			if inst.ID != prev.Instrument.ID {
				return refuse("a follow-up is answered on a version of the same instrument: %s is on %s, not %s", id, prev.Instrument.ID, inst.ID)
			}
		default:
			if inst, err = s.newestInstrument(tx, prev.Instrument); err != nil {
				return err
			}
		}
		targets := map[string]int{}
		for m, t := range prev.Targets {
			if _, ok := inst.Mode(m); ok {
				targets[m] = t
			}
		}
		n := NewAssessment{Organization: prev.Organization, Title: prev.Title, Scope: prev.Scope, Kind: prev.Kind, Instrument: inst,
			Targets: targets, Capacity: prev.Capacity}
		if strings.TrimSpace(opts.Title) != "" {
			n.Title = opts.Title
		}
		if len(prev.Participants) > 0 {
			n.Respondent = prev.Participants[0]
		}
		if err := n.Validate(); err != nil {
			return refuse("%w", err)
		}
		now := s.now()
		a = Assessment{Organization: n.Organization, Title: strings.TrimSpace(n.Title), Scope: n.Scope, Kind: n.Kind, Status: InProgress,
			InstrumentHash: inst.Hash(), Targets: targets, Capacity: n.Capacity, CreatedAt: now, UpdatedAt: now, Previous: id}
		if a.ID, err = unusedID(tx); err != nil {
			return err
		}
		if err := putInstrument(tx, inst, now); err != nil {
			return err
		}
		if err := insertAssessment(tx, a); err != nil {
			return err
		}
		for _, p := range prev.Participants {
			if _, err := insertParticipant(tx, a.ID, Participant{Name: p.Name, Role: p.Role, Function: p.Function}, now); err != nil {
				return err
			}
		}
		// The previous one now has a follow-up: a screen showing it sees
		// its chain change.
		_, err = tx.Exec("UPDATE assessments SET revision = revision + 1 WHERE id = ?", id)
		return err
	})
	if err != nil {
		return Assessment{}, err
	}
	s.remember(inst)
	return a, nil
}

// newestInstrument is the newest version of inst's instrument (the same
// id) among the built-in one and those stored: the highest version, and
// of equal versions inst itself, then the built-in one.
func (s *Store) newestInstrument(tx *sql.Tx, inst *questionnaire.Instrument) (*questionnaire.Instrument, error) {
	best := inst
	if builtin, err := questionnaire.Default(); err == nil && builtin.ID == inst.ID && compareVersions(builtin.Version, best.Version) > 0 {
		best = builtin
	}
	rows, err := tx.Query("SELECT hash, version FROM instruments WHERE id = ? ORDER BY hash", inst.ID)
	if err != nil {
		return nil, err
	}
	versions := map[string]string{}
	for rows.Next() {
		var hash, version string
		if err := rows.Scan(&hash, &version); err != nil {
			rows.Close()
			return nil, err
		}
		versions[hash] = version
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	bestHash := ""
	for _, hash := range sortedKeys(versions) {
		if compareVersions(versions[hash], best.Version) > 0 && (bestHash == "" || compareVersions(versions[hash], versions[bestHash]) > 0) {
			bestHash = hash
		}
	}
	if bestHash == "" {
		return best, nil
	}
	return s.instrument(tx, bestHash)
}

// compareVersions orders instrument versions: dot-separated parts,
// numerically where both are numbers ("1.10" after "1.9"), a missing part
// as 0; then a version without a suffix after one with ("1.1.0" after
// "1.1.0-draft"), suffixes as text.
func compareVersions(a, b string) int {
	coreA, preA, _ := strings.Cut(a, "-")
	coreB, preB, _ := strings.Cut(b, "-")
	pa, pb := strings.Split(coreA, "."), strings.Split(coreB, ".")
	for i := range max(len(pa), len(pb)) {
		x, y := "0", "0"
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		nx, errX := strconv.Atoi(x)
		ny, errY := strconv.Atoi(y)
		c := cmp.Compare(x, y)
		if errX == nil && errY == nil {
			c = cmp.Compare(nx, ny)
		}
		if c != 0 {
			return c
		}
	}
	switch {
	case preA == preB:
		return 0
	case preA == "":
		return 1
	case preB == "":
		return -1
	}
	return cmp.Compare(preA, preB)
}

// ChainLink is one assessment of a chain, as a screen names it: "3rd of
// 3; previous: abc234 (March)".
type ChainLink struct {
	ID                string         `json:"id"`
	Title             string         `json:"title"`
	Kind              AssessmentKind `json:"kind"`
	Status            string         `json:"status"`
	CreatedAt         time.Time      `json:"created_at"`
	InstrumentID      string         `json:"instrument_id"`
	InstrumentVersion string         `json:"instrument_version"`
}

// Chain returns the chain assessment id sits in, oldest first: the
// assessments it follows up, itself, and its follow-ups. An assessment
// that neither follows nor is followed is a chain of one.
func (s *Store) Chain(id string) ([]ChainLink, error) {
	out, err := s.chain(s.db, id)
	if err != nil {
		return nil, describe(s.path, err)
	}
	return out, nil
}

func (s *Store) chain(q querier, id string) ([]ChainLink, error) {
	self, previous, err := readLink(q, "a.id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, refuse("%w %q", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	// A chain edited by hand into a loop stops where it comes back
	// (doctor names it).
	seen := map[string]bool{id: true}
	var before []ChainLink
	for previous != "" && !seen[previous] {
		var l ChainLink
		l, previous, err = readLink(q, "a.id = ?", previous)
		if errors.Is(err, sql.ErrNoRows) { // named, but gone (doctor names it)
			break
		}
		if err != nil {
			return nil, err
		}
		seen[l.ID] = true
		before = append(before, l)
	}
	out := make([]ChainLink, 0, len(before)+1)
	for i := len(before) - 1; i >= 0; i-- {
		out = append(out, before[i])
	}
	out = append(out, self)
	for at := id; ; {
		l, _, err := readLink(q, "a.previous_id = ?", at)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return nil, err
		}
		if seen[l.ID] {
			break
		}
		seen[l.ID] = true
		out = append(out, l)
		at = l.ID
	}
	return out, nil
}

// readLink reads the one assessment where says, and the id of the one it
// follows up ("" for none).
func readLink(q querier, where, arg string) (ChainLink, string, error) {
	var l ChainLink
	var a Assessment
	var title, kind, status, created, previous, instID, instVersion sql.NullString
	err := q.QueryRow(`SELECT a.id, a.title, a.kind, a.status, a.created_at, a.previous_id, i.id, i.version
		FROM assessments a LEFT JOIN instruments i ON i.hash = a.instrument_hash WHERE `+where, arg).
		Scan(&l.ID, &title, &kind, &status, &created, &previous, &instID, &instVersion)
	if err != nil {
		return l, "", err
	}
	a.ID = l.ID
	if err := checkAssessment(&a, kind, status, created, created, title); err != nil {
		return l, "", err
	}
	if !instID.Valid || !instVersion.Valid {
		return l, "", invalid("instrument", l.ID, "it is missing")
	}
	l.Title, l.Kind, l.Status, l.CreatedAt = title.String, a.Kind, a.Status, a.CreatedAt
	l.InstrumentID, l.InstrumentVersion = instID.String, instVersion.String
	return l, previous.String, nil
}

// chainProblems names the assessments whose link seam cannot use, by id:
// a previous assessment that is not in the database, or a chain that
// comes back to where it started (both only by editing the database with
// its foreign keys or checks off). Of a loop, one link is named, its
// first by id: clearing it opens the loop and keeps the others.
// previous maps every assessment's id to the one it follows up ("" for
// none).
func chainProblems(previous map[string]string) map[string]string {
	out := map[string]string{}
	for _, id := range sortedKeys(previous) {
		p := previous[id]
		if p == "" {
			continue
		}
		if _, ok := previous[p]; !ok {
			out[id] = fmt.Sprintf("previous assessment %q is not in the database", p)
			continue
		}
		if members := loop(previous, id); members != nil && slices.Min(members) == id {
			out[id] = "its chain of previous assessments comes back to it"
		}
	}
	return out
}

// loop lists the assessments of the loop id is in, when following the
// previous links from id comes back to it; nil otherwise.
func loop(previous map[string]string, id string) []string {
	members := []string{id}
	seen := map[string]bool{id: true}
	for at := previous[id]; at != ""; at = previous[at] {
		if at == id {
			return members
		}
		if seen[at] { // a loop further on, which id is not in
			return nil
		}
		seen[at] = true
		members = append(members, at)
	}
	return nil
}

// linkable reports whether follow-up id can name previous: it is in the
// database, has no follow-up yet, and is not id or one of its follow-ups.
func linkable(tx *sql.Tx, id, previous string) (bool, error) {
	if previous == "" || previous == id {
		return false, nil
	}
	var n int
	if err := tx.QueryRow(`SELECT (SELECT count(*) FROM assessments WHERE id = ?) - (SELECT count(*) FROM assessments WHERE previous_id = ?)`,
		previous, previous).Scan(&n); err != nil {
		return false, err
	}
	if n != 1 {
		return false, nil
	}
	// previous must not follow id, however far up: a loop.
	seen := map[string]bool{}
	for at := previous; at != "" && !seen[at]; {
		if at == id {
			return false, nil
		}
		seen[at] = true
		var p sql.NullString
		if err := tx.QueryRow("SELECT previous_id FROM assessments WHERE id = ?", at).Scan(&p); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, err
		}
		at = p.String
	}
	return true, nil
}
