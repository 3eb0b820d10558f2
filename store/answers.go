package store

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// Loaded is an assessment with everything needed to score and report it.
type Loaded struct {
	Assessment
	Instrument   *questionnaire.Instrument
	Participants []Participant
	// Answers holds the current answers, ordered by participant, then
	// question id.
	Answers []AnswerRecord
	// Consensus holds what a workshop agreed per question, apart from the votes.
	Consensus map[string]assessment.Answer
	// RevealedAt is when a workshop's results were shown to the room.
	RevealedAt *time.Time
}

// AnswerRecord is one participant's current answer to one question.
type AnswerRecord struct {
	Participant string
	Question    string
	Answer      assessment.Answer
	At          time.Time
}

// HistoryRecord is one answer as it was given at one time.
type HistoryRecord struct {
	Seq         int64
	Participant string
	Question    string
	Answer      assessment.Answer
	At          time.Time
}

// AnswersOf returns one participant's answers by question id.
func (l *Loaded) AnswersOf(participant string) map[string]assessment.Answer {
	out := map[string]assessment.Answer{}
	for _, r := range l.Answers {
		if r.Participant == participant {
			out[r.Question] = r.Answer
		}
	}
	return out
}

// Responses is what evaluation reads of a stored assessment: a
// self-assessment's one respondent's answers, or a workshop's votes and
// the consensus it recorded.
func (l *Loaded) Responses() assessment.Responses {
	r := assessment.Responses{Instrument: l.Instrument, Targets: l.Targets, Answers: map[string]assessment.Answer{}}
	if l.Kind == Workshop {
		r.Workshop, r.Votes, r.Consensus = true, l.votes(), l.Consensus
		return r
	}
	if len(l.Participants) > 0 {
		r.Answers = l.AnswersOf(l.Participants[0].Name)
	}
	return r
}

// Participant returns the participant with the given name; an empty name
// picks the only participant of a self-assessment.
func (l *Loaded) Participant(name string) (Participant, error) {
	if name == "" {
		if len(l.Participants) == 1 {
			return l.Participants[0], nil
		}
		return Participant{}, refuse("assessment %s has %d participants: %w", l.ID, len(l.Participants), ErrWhoAnswers)
	}
	for _, p := range l.Participants {
		if p.Name == name {
			return p, nil
		}
	}
	return Participant{}, refuse("assessment %s has no participant named %q", l.ID, name)
}

// Load reads an assessment whole.
func (s *Store) Load(id string) (*Loaded, error) {
	l, err := s.load(s.db, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, describe(s.path, err)
	}
	return l, err
}

func (s *Store) load(q querier, id string) (*Loaded, error) {
	l := &Loaded{}
	a := &l.Assessment
	var kind, created, updated string
	var revealed sql.NullString
	err := q.QueryRow(`SELECT id, instrument_hash, organization, title, scope, kind, status, created_at, updated_at, revealed_at
		FROM assessments WHERE id = ?`, id).Scan(&a.ID, &a.InstrumentHash, &a.Organization, &a.Title, &a.Scope, &kind, &a.Status, &created, &updated, &revealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, refuse("%w %q", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	a.Kind, a.CreatedAt, a.UpdatedAt = AssessmentKind(kind), parseTime(created), parseTime(updated)
	l.RevealedAt = parseOptionalTime(revealed)
	if l.Consensus, err = loadConsensus(q, id); err != nil {
		return nil, err
	}
	if l.Instrument, err = s.instrument(q, a.InstrumentHash); err != nil {
		return nil, err
	}
	if a.Targets, err = loadTargets(q, id); err != nil {
		return nil, err
	}
	if l.Participants, err = loadParticipants(q, id); err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, p := range l.Participants {
		names[p.ID] = p.Name
	}
	rows, err := q.Query(`SELECT participant_id, question_id, kind, level, reason, note, evidence, answered_at
		FROM answers WHERE assessment_id = ? ORDER BY participant_id, question_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pid int64
		var r AnswerRecord
		var at string
		if err := scanAnswer(rows, &pid, &r.Question, &r.Answer, &at); err != nil {
			return nil, err
		}
		r.Participant, r.At = names[pid], parseTime(at)
		l.Answers = append(l.Answers, r)
	}
	return l, rows.Err()
}

func loadTargets(q querier, id string) (map[string]int, error) {
	rows, err := q.Query("SELECT mode_id, level FROM targets WHERE assessment_id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var m string
		var t int
		if err := rows.Scan(&m, &t); err != nil {
			return nil, err
		}
		out[m] = t
	}
	return out, rows.Err()
}

func loadParticipants(q querier, id string) ([]Participant, error) {
	rows, err := q.Query("SELECT id, name, role, function, created_at FROM participants WHERE assessment_id = ? ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Participant
	for rows.Next() {
		var p Participant
		var created string
		if err := rows.Scan(&p.ID, &p.Name, &p.Role, &p.Function, &created); err != nil {
			return nil, err
		}
		p.CreatedAt = parseTime(created)
		out = append(out, p)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(dest ...any) error }

func scanAnswer(row scanner, pid *int64, question *string, a *assessment.Answer, at *string) error {
	var kind string
	var level sql.NullInt64
	if err := row.Scan(pid, question, &kind, &level, &a.Reason, &a.Note, &a.Evidence, at); err != nil {
		return err
	}
	var ok bool
	if a.Kind, ok = assessment.ParseAnswerKind(kind); !ok {
		return fmt.Errorf("answer to %s has an unknown kind %q", *question, kind)
	}
	a.Level = int(level.Int64)
	return nil
}

// History returns every answer change of an assessment, oldest first.
func (s *Store) History(id string) ([]HistoryRecord, error) {
	rows, err := s.db.Query(`SELECT h.seq, p.name, h.question_id, h.kind, h.level, h.reason, h.note, h.evidence, h.changed_at
		FROM answer_history h JOIN participants p ON p.id = h.participant_id
		WHERE h.assessment_id = ? ORDER BY h.seq`, id)
	if err != nil {
		return nil, describe(s.path, err)
	}
	defer rows.Close()
	var out []HistoryRecord
	for rows.Next() {
		var r HistoryRecord
		var kind, at string
		var level sql.NullInt64
		if err := rows.Scan(&r.Seq, &r.Participant, &r.Question, &kind, &level, &r.Answer.Reason, &r.Answer.Note, &r.Answer.Evidence, &at); err != nil {
			return nil, describe(s.path, err)
		}
		r.Answer.Kind, _ = assessment.ParseAnswerKind(kind)
		r.Answer.Level = int(level.Int64)
		r.At = parseTime(at)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, describe(s.path, err)
	}
	return out, nil
}

// SaveAnswers records a participant's answers in one transaction: all of
// them or none. Each changed answer replaces the current one and is appended
// to the history; an answer identical to the current one is left alone.
// When it returns without an error the answers are on disk; it returns the
// assessment as the transaction left it, so that a screen showing it after
// every answer need not read it again.
func (s *Store) SaveAnswers(id, participant string, answers map[string]assessment.Answer) (*Loaded, error) {
	var l *Loaded
	err := s.write(func(tx *sql.Tx) error {
		var err error
		if l, err = s.load(tx, id); err != nil {
			return err
		}
		p, err := l.Participant(participant)
		if err != nil {
			return err
		}
		qids := make([]string, 0, len(answers))
		for q, a := range answers {
			if _, ok := l.Instrument.Question(q); !ok {
				return refuse("unknown question id %q for instrument %s", q, l.Instrument.ID)
			}
			if err := a.Validate(); err != nil {
				return refuse("%s: %w", q, err)
			}
			qids = append(qids, q)
		}
		slices.Sort(qids)
		current := l.AnswersOf(p.Name)
		at := s.now()
		now := timestamp(at)
		changed := false
		for _, q := range qids {
			a := answers[q]
			if old, ok := current[q]; ok && old == a {
				continue
			}
			changed = true
			if err := putAnswer(tx, id, p.ID, q, a, now); err != nil {
				return err
			}
			l.setAnswer(p.Name, q, a, at)
		}
		if !changed {
			return nil
		}
		if _, err := tx.Exec("UPDATE assessments SET updated_at = ? WHERE id = ?", now, id); err != nil {
			return err
		}
		l.UpdatedAt = at
		l.sortAnswers()
		return writeSummary(tx, l)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// sortAnswers puts the answers in the order Load reads them: by
// participant, then question id.
func (l *Loaded) sortAnswers() {
	order := map[string]int{}
	for i, p := range l.Participants {
		order[p.Name] = i
	}
	slices.SortStableFunc(l.Answers, func(a, b AnswerRecord) int {
		if c := order[a.Participant] - order[b.Participant]; c != 0 {
			return c
		}
		return strings.Compare(a.Question, b.Question)
	})
}

// putAnswer makes a the current answer and appends it to the history.
func putAnswer(tx *sql.Tx, id string, pid int64, q string, a assessment.Answer, at string) error {
	if err := upsertAnswer(tx, id, pid, q, a, at); err != nil {
		return err
	}
	return insertHistory(tx, id, pid, q, a, at)
}

func levelValue(a assessment.Answer) any {
	if a.Kind == assessment.Level {
		return a.Level
	}
	return nil
}

func upsertAnswer(tx *sql.Tx, id string, pid int64, q string, a assessment.Answer, at string) error {
	_, err := tx.Exec(`INSERT INTO answers (assessment_id, participant_id, question_id, kind, level, reason, note, evidence, answered_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (assessment_id, participant_id, question_id) DO UPDATE SET
		kind = excluded.kind, level = excluded.level, reason = excluded.reason, note = excluded.note,
		evidence = excluded.evidence, answered_at = excluded.answered_at`,
		id, pid, q, a.Kind.String(), levelValue(a), a.Reason, a.Note, a.Evidence, at)
	return err
}

func insertHistory(tx *sql.Tx, id string, pid int64, q string, a assessment.Answer, at string) error {
	_, err := tx.Exec(`INSERT INTO answer_history (assessment_id, participant_id, question_id, kind, level, reason, note, evidence, changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, pid, q, a.Kind.String(), levelValue(a), a.Reason, a.Note, a.Evidence, at)
	return err
}
