package store

import (
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
)

// summaryVersion is the version of the list summary kept in the
// assessments table. Raise it when scoring changes, so that List recomputes
// summaries written by an older seam. Version 2: a don't-know counts as
// level 1 in the index.
const summaryVersion = 2

// AnsweredQuestions counts the questions that have an answer from someone.
func (l *Loaded) AnsweredQuestions() int {
	if len(l.Participants) <= 1 {
		return len(l.Answers) // one respondent answers a question once
	}
	seen := make(map[string]bool, l.Instrument.QuestionCount())
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
	sm := summary{answered: l.AnsweredQuestions(), overall: assessment.OverallIndex(l.Responses()), status: InProgress}
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

// answerOrder places answers as Load reads them: by participant (in the
// order they were added), then question id.
type answerOrder map[string]int

func (l *Loaded) answerOrder() answerOrder {
	order := make(answerOrder, len(l.Participants))
	for i, p := range l.Participants {
		order[p.Name] = i
	}
	return order
}

// find is where the participant's answer to the question is in l.Answers,
// or would go.
func (o answerOrder) find(l *Loaded, participant, question string) (int, bool) {
	at := o[participant]
	return slices.BinarySearchFunc(l.Answers, question, func(r AnswerRecord, q string) int {
		if c := o[r.Participant] - at; c != 0 {
			return c
		}
		return strings.Compare(r.Question, q)
	})
}

// setAnswer makes a the participant's current answer in memory, in
// place, as the transaction does on disk.
func (l *Loaded) setAnswer(o answerOrder, participant, question string, a assessment.Answer, at time.Time) {
	i, found := o.find(l, participant, question)
	if found {
		l.Answers[i].Answer, l.Answers[i].At = a, at
		return
	}
	l.Answers = slices.Insert(l.Answers, i, AnswerRecord{Participant: participant, Question: question, Answer: a, At: at})
}
