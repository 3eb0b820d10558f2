package store

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// A workshop's consensus history (schema step 6) ends, per question, with
// the question's current consensus, or with a cleared entry when it has
// none. Recording, clearing, importing and doctor's fix all keep it so;
// this file holds what bundles and doctor need to check it.

// clearedKind is the kind of a history entry that cleared a consensus.
const clearedKind = "cleared"

// consensusEntry is a consensus, or a history entry, as compared: an
// answer or cleared, and its time as written.
type consensusEntry struct {
	cleared bool
	answer  assessment.Answer
	at      string
}

// mismatch says how a question's last history entry differs from its
// current consensus (nil when it has none), as the rest of a sentence
// that starts "the last entry"; "" when they agree.
func mismatch(last consensusEntry, current *consensusEntry) string {
	switch {
	case last.cleared && current == nil:
		return ""
	case last.cleared:
		return fmt.Sprintf("is cleared, but the consensus is %s", current.answer.Value())
	case current == nil:
		return fmt.Sprintf("records %s, but there is no consensus (a history ends with cleared when there is none)", last.answer.Value())
	case last.answer.Value() != current.answer.Value():
		return fmt.Sprintf("records %s, but the consensus is %s", last.answer.Value(), current.answer.Value())
	case last.answer.Reason != current.answer.Reason:
		return "has another n/a reason than the consensus"
	case last.answer.Note != current.answer.Note:
		return "has another note than the consensus"
	case last.at != current.at:
		return fmt.Sprintf("was recorded at %s, the consensus at %s", last.at, current.at)
	}
	return ""
}

// historyProblem is a question whose consensus history does not end with
// its consensus, and how.
type historyProblem struct{ question, problem string }

// historyMismatches compares each question's last history entry with its
// consensus, in the order of question ids.
func historyMismatches(current, last map[string]consensusEntry) []historyProblem {
	questions := map[string]bool{}
	for qid := range current {
		questions[qid] = true
	}
	for qid := range last {
		questions[qid] = true
	}
	var out []historyProblem
	for _, qid := range sortedKeys(questions) {
		l, logged := last[qid]
		var cur *consensusEntry
		if c, ok := current[qid]; ok {
			cur = &c
		}
		if !logged {
			out = append(out, historyProblem{qid, "no history entry for the consensus recorded"})
		} else if p := mismatch(l, cur); p != "" {
			out = append(out, historyProblem{qid, "the last entry " + p})
		}
	}
	return out
}

// loadConsensusHistory reads a workshop's consensus history, oldest
// first.
func loadConsensusHistory(q querier, inst *questionnaire.Instrument, id string) ([]ConsensusChange, error) {
	rows, err := q.Query("SELECT question_id, "+consensusCols+" FROM consensus_history WHERE assessment_id = ? ORDER BY rowid", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ConsensusChange
	for rows.Next() {
		var qid string
		var c answerColumns
		if err := rows.Scan(append([]any{&qid}, c.dest()...)...); err != nil {
			return nil, err
		}
		e, at, problem := c.change(inst, qid)
		if problem != "" {
			return nil, invalid("consensus history", id+"/"+qid, "%s", problem)
		}
		out = append(out, ConsensusChange{Question: qid, Answer: e.answer, Cleared: e.cleared, At: at})
	}
	return out, rows.Err()
}

// change checks a consensus history row for question qid: a consensus as
// answer checks it, or cleared with no level, reason or note.
func (c *answerColumns) change(inst *questionnaire.Instrument, qid string) (consensusEntry, time.Time, string) {
	if !c.kind.Valid || c.kind.String != clearedKind {
		a, at, problem := c.answer(inst, qid)
		return consensusEntry{answer: a, at: c.at.String}, at, problem
	}
	e := consensusEntry{cleared: true, at: c.at.String}
	if _, ok := inst.Question(qid); !ok {
		return e, time.Time{}, "a question the instrument does not have"
	}
	switch {
	case c.level != nil:
		return e, time.Time{}, fmt.Sprintf("level %q with kind cleared", fmt.Sprint(c.level))
	case !c.reason.Valid || !c.note.Valid:
		return e, time.Time{}, "a text is NULL"
	case c.reason.String != "":
		return e, time.Time{}, "a reason with kind cleared"
	case c.note.String != "":
		return e, time.Time{}, "a note with kind cleared"
	}
	at, ok := storedTime(c.at)
	if !ok {
		return e, time.Time{}, "time " + shown(c.at)
	}
	return e, at, ""
}

// invalidConsensus lists an assessment's consensus and consensus history
// rows seam refuses (add), then the questions whose history, without
// them, does not end with their consensus (catchUp). A question with a
// refused row is left to that row: the fix that moves it catches its
// history up too.
func (s *Store) invalidConsensus(id string, inst *questionnaire.Instrument, add func(table, where, problem string, movable bool, key ...any), catchUp func(id, question, problem string)) error {
	current, last, refused := map[string]consensusEntry{}, map[string]consensusEntry{}, map[string]bool{}
	rows, err := s.db.Query("SELECT question_id, "+consensusCols+" FROM consensus WHERE assessment_id = ?", id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var qid string
		var c answerColumns
		if err := rows.Scan(append([]any{&qid}, c.dest()...)...); err != nil {
			rows.Close()
			return err
		}
		a, _, problem := c.answer(inst, qid)
		if problem != "" {
			add("consensus", id+"/"+qid, problem, true, id, qid)
			refused[qid] = true
			continue
		}
		current[qid] = consensusEntry{answer: a, at: c.at.String}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = s.db.Query("SELECT rowid, question_id, "+consensusCols+" FROM consensus_history WHERE assessment_id = ? ORDER BY rowid", id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var rowid int64
		var qid string
		var c answerColumns
		if err := rows.Scan(append([]any{&rowid, &qid}, c.dest()...)...); err != nil {
			rows.Close()
			return err
		}
		e, _, problem := c.change(inst, qid)
		if problem != "" {
			add("consensus_history", fmt.Sprintf("%s/%s (rowid %d)", id, qid, rowid), problem, true, id, rowid)
			refused[qid] = true
			continue
		}
		last[qid] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range historyMismatches(current, last) {
		if !refused[p.question] {
			catchUp(id, p.question, p.problem)
		}
	}
	return nil
}

// catchUpConsensusHistory makes every consensus history of assessment id
// end with its question's consensus, once doctor's fix has moved the rows
// seam refuses: a copy of the consensus where the last entry is another
// (or there is none), a cleared entry at time at where the question has
// no consensus any more. It returns how many entries it added.
func catchUpConsensusHistory(tx *sql.Tx, id, at string) (int, error) {
	added := 0
	for _, stmt := range []struct {
		query string
		args  []any
	}{
		{`INSERT INTO consensus_history (assessment_id, question_id, kind, level, reason, note, recorded_at)
			SELECT c.assessment_id, c.question_id, c.kind, c.level, c.reason, c.note, c.recorded_at FROM consensus c
			WHERE c.assessment_id = ? AND NOT EXISTS (SELECT 1 FROM consensus_history h
				WHERE h.rowid = (SELECT max(rowid) FROM consensus_history WHERE assessment_id = c.assessment_id AND question_id = c.question_id)
				AND h.kind IS c.kind AND h.level IS c.level AND h.reason IS c.reason AND h.note IS c.note AND h.recorded_at IS c.recorded_at)
			ORDER BY c.question_id`, []any{id}},
		{`INSERT INTO consensus_history (assessment_id, question_id, kind, recorded_at)
			SELECT h.assessment_id, h.question_id, 'cleared', ? FROM consensus_history h
			WHERE h.assessment_id = ? AND h.kind IS NOT 'cleared'
				AND h.rowid = (SELECT max(rowid) FROM consensus_history WHERE assessment_id = h.assessment_id AND question_id = h.question_id)
				AND NOT EXISTS (SELECT 1 FROM consensus WHERE assessment_id = h.assessment_id AND question_id = h.question_id)
			ORDER BY h.question_id`, []any{at, id}},
	} {
		res, err := tx.Exec(stmt.query, stmt.args...)
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		added += int(n)
	}
	return added, nil
}
