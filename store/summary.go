package store

import (
	"database/sql"
	"time"

	"github.com/seam-dev/seam/assessment"
)

// summaryVersion is the version of the list summary kept in the
// assessments table. Raise it when scoring changes, so that List recomputes
// summaries written by an older seam.
const summaryVersion = 1

// AnsweredQuestions counts the questions that have an answer from someone.
func (l *Loaded) AnsweredQuestions() int {
	seen := map[string]bool{}
	for _, r := range l.Answers {
		seen[r.Question] = true
	}
	return len(seen)
}

// summary is what the list shows of an assessment, computed by the scorer.
type summary struct {
	answered int
	overall  *float64
	status   string
}

func summarize(l *Loaded) summary {
	sm := summary{answered: l.AnsweredQuestions(), overall: assessment.Evaluate(l.Responses()).Scorecard.Overall, status: InProgress}
	if sm.answered >= l.Instrument.QuestionCount() {
		sm.status = Complete
	}
	return sm
}

// refreshSummary recomputes an assessment's summary inside the transaction
// that changed its answers, so the list never disagrees with the answers.
func (s *Store) refreshSummary(tx *sql.Tx, id string) error {
	l, err := s.load(tx, id)
	if err != nil {
		return err
	}
	return writeSummary(tx, l)
}

// writeSummary stores the summary of an assessment whose answers in l are
// the ones the transaction has written.
func writeSummary(tx *sql.Tx, l *Loaded) error {
	sm := summarize(l)
	l.Status = sm.status
	_, err := tx.Exec("UPDATE assessments SET answered = ?, overall_index = ?, status = ?, summary_version = ? WHERE id = ?",
		sm.answered, sm.overall, sm.status, summaryVersion, l.ID)
	return err
}

// setAnswer makes a the participant's current answer in memory, as the
// transaction has just done on disk.
func (l *Loaded) setAnswer(participant, question string, a assessment.Answer, at time.Time) {
	for i := range l.Answers {
		if r := &l.Answers[i]; r.Participant == participant && r.Question == question {
			r.Answer, r.At = a, at
			return
		}
	}
	l.Answers = append(l.Answers, AnswerRecord{Participant: participant, Question: question, Answer: a, At: at})
}
