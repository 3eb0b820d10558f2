package store

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// ErrParticipantExists is returned when a name is already taken in a workshop.
var ErrParticipantExists = errors.New("already has a participant named")

// votes returns every participant's answers per question, for aggregation.
func (l *Loaded) votes() map[string][]assessment.Vote {
	function := map[string]string{}
	for _, p := range l.Participants {
		function[p.Name] = p.Function
	}
	out := map[string][]assessment.Vote{}
	for _, r := range l.Answers {
		out[r.Question] = append(out[r.Question], assessment.Vote{Participant: r.Participant, Function: function[r.Participant], Answer: r.Answer})
	}
	return out
}

// AddParticipant adds someone to a workshop.
func (s *Store) AddParticipant(id string, p Participant) (Participant, error) {
	p.Name, p.Role = strings.TrimSpace(p.Name), strings.TrimSpace(p.Role)
	if err := validateParticipant(p); err != nil {
		return Participant{}, err
	}
	err := s.changeWorkshop(id, "a self-assessment with one respondent, %w", func(tx *sql.Tx, l *Loaded, at time.Time) error {
		if _, err := l.Participant(p.Name); err == nil {
			return refuse("assessment %s %w %q", id, ErrParticipantExists, p.Name)
		}
		var err error
		p.CreatedAt = at
		p.ID, err = insertParticipant(tx, id, p, at)
		return err
	})
	return p, err
}

// SaveConsensus records the level a workshop agreed on for a question,
// apart from the votes, which stay as they were.
func (s *Store) SaveConsensus(id, question string, a assessment.Answer) error {
	return s.changeWorkshop(id, "%w: a consensus needs several participants", func(tx *sql.Tx, l *Loaded, at time.Time) error {
		if _, ok := l.Instrument.Question(question); !ok {
			return refuse("unknown question id %q for instrument %s", question, l.Instrument.ID)
		}
		if err := a.Validate(); err != nil {
			return refuse("%s: %w", question, err)
		}
		if _, err := tx.Exec(`INSERT INTO consensus (assessment_id, question_id, kind, level, reason, note, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id, question_id) DO UPDATE SET
			kind = excluded.kind, level = excluded.level, reason = excluded.reason, note = excluded.note, recorded_at = excluded.recorded_at`,
			id, question, a.Kind.String(), levelValue(a), a.Reason, a.Note, timestamp(at)); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO consensus_history (assessment_id, question_id, kind, level, reason, note, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, question, a.Kind.String(), levelValue(a), a.Reason, a.Note, timestamp(at)); err != nil {
			return err
		}
		l.Consensus[question] = a
		return writeSummary(tx, l)
	})
}

// ClearConsensus removes the consensus recorded on a question, so that it
// is scored from the votes again; the history keeps what was cleared.
func (s *Store) ClearConsensus(id, question string) error {
	return s.changeWorkshop(id, "%w: a consensus needs several participants", func(tx *sql.Tx, l *Loaded, at time.Time) error {
		if _, ok := l.Consensus[question]; !ok {
			return refuse("%w: no consensus is recorded on %q", ErrNotFound, question)
		}
		if _, err := tx.Exec("DELETE FROM consensus WHERE assessment_id = ? AND question_id = ?", id, question); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO consensus_history (assessment_id, question_id, kind, recorded_at) VALUES (?, ?, 'cleared', ?)`,
			id, question, timestamp(at)); err != nil {
			return err
		}
		delete(l.Consensus, question)
		return writeSummary(tx, l)
	})
}

// ConsensusChange is one entry of a question's consensus history: the
// consensus recorded then, or Cleared.
type ConsensusChange struct {
	Question string
	Answer   assessment.Answer
	Cleared  bool
	At       time.Time
}

// ConsensusHistory lists every consensus recorded, changed or cleared in
// a workshop, oldest first.
func (s *Store) ConsensusHistory(id string) ([]ConsensusChange, error) {
	inst, err := s.instrumentOf(id)
	if err != nil {
		return nil, describe(s.path, err)
	}
	out, err := loadConsensusHistory(s.db, inst, id)
	if err != nil {
		return nil, describe(s.path, err)
	}
	return out, nil
}

// changeWorkshop runs change on a workshop in one transaction and marks
// the workshop changed (its update time and revision). A self-assessment
// is refused: "assessment ID is " then why, which wraps ErrNotWorkshop.
func (s *Store) changeWorkshop(id, why string, change func(tx *sql.Tx, l *Loaded, at time.Time) error) error {
	defer s.forget(id)
	return s.write(func(tx *sql.Tx) error {
		l, err := s.load(tx, id)
		if err != nil {
			return err
		}
		if l.Kind != Workshop {
			return refuse("assessment %s is "+why, id, ErrNotWorkshop)
		}
		at := s.now()
		if err := change(tx, l, at); err != nil {
			return err
		}
		_, err = tx.Exec("UPDATE assessments SET updated_at = ?, revision = revision + 1 WHERE id = ?", timestamp(at), id)
		return err
	})
}

// Reveal marks a workshop's results as shown to the room: from then on a
// participant's screen may show the others' answers.
func (s *Store) Reveal(id string) error {
	defer s.forget(id)
	return s.write(func(tx *sql.Tx) error {
		res, err := tx.Exec("UPDATE assessments SET revealed_at = coalesce(revealed_at, ?), revision = revision + 1 WHERE id = ? AND kind = 'workshop'", timestamp(s.now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refuse("%w %q (or it is not a workshop)", ErrNotFound, id)
		}
		return nil
	})
}

// loadConsensus reads what a workshop agreed per question, and when each
// was recorded.
func loadConsensus(q querier, inst *questionnaire.Instrument, id string) (map[string]assessment.Answer, map[string]time.Time, error) {
	rows, err := q.Query("SELECT question_id, "+consensusCols+" FROM consensus WHERE assessment_id = ?", id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	answers, recorded := map[string]assessment.Answer{}, map[string]time.Time{}
	for rows.Next() {
		var qid string
		var c answerColumns
		if err := rows.Scan(append([]any{&qid}, c.dest()...)...); err != nil {
			return nil, nil, err
		}
		a, at, problem := c.answer(inst, qid)
		if problem != "" {
			return nil, nil, invalid("consensus", id+"/"+qid, "%s", problem)
		}
		answers[qid], recorded[qid] = a, at
	}
	return answers, recorded, rows.Err()
}
