package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// A bundle carries a workshop's consensus history as it is stored; import
// refuses one that does not end, per question, with the bundle's consensus.

// BundleConsensusChange is one entry of a workshop's consensus history in
// a bundle: a consensus recorded (answer 1-5, dont-know or n/a with its
// reason) or cleared.
type BundleConsensusChange struct {
	Question string `json:"question"`
	Answer   string `json:"answer"` // 1-5, dont-know, n/a or cleared
	Reason   string `json:"na_reason,omitempty"`
	Note     string `json:"note,omitempty"`
	At       string `json:"at"`
}

func isCleared(value string) bool {
	return strings.EqualFold(strings.TrimSpace(value), clearedKind)
}

// entry is what a history entry says, for comparing with a consensus.
func (c BundleConsensusChange) entry() (consensusEntry, error) {
	if isCleared(c.Answer) {
		if c.Reason != "" {
			return consensusEntry{}, fmt.Errorf("a reason is only for n/a answers, not for cleared")
		}
		if c.Note != "" {
			return consensusEntry{}, fmt.Errorf("a cleared entry has no note")
		}
		return consensusEntry{cleared: true, at: c.At}, nil
	}
	a, err := assessment.ParseValue(c.Answer)
	if err != nil {
		return consensusEntry{}, fmt.Errorf("answer must be 1 to 5, dont-know, n/a or cleared, not %q", c.Answer)
	}
	a.Reason, a.Note = c.Reason, c.Note
	if err := a.Validate(); err != nil {
		return consensusEntry{}, err
	}
	return consensusEntry{answer: a, at: c.At}, nil
}

// check validates an entry against the bundle's instrument and writes its
// time as seam stores it.
func (c *BundleConsensusChange) check(inst *questionnaire.Instrument) error {
	if _, ok := inst.Question(c.Question); !ok {
		return fmt.Errorf("unknown question id %q", c.Question)
	}
	if _, err := c.entry(); err != nil {
		return fmt.Errorf("%s: %w", c.Question, err)
	}
	if err := normalTime(&c.At); err != nil {
		return fmt.Errorf("%s: at: %w", c.Question, err)
	}
	return nil
}

// checkConsensusHistory checks a bundle's consensus history: each entry
// on its own, then that each question's last entry is its consensus (or
// cleared when it has none) and that each consensus has a history. It
// runs after the consensus itself was checked.
func checkConsensusHistory(inst *questionnaire.Instrument, consensus []BundleAnswer, history []BundleConsensusChange) error {
	last := map[string]int{}
	for i := range history {
		if err := history[i].check(inst); err != nil {
			return fmt.Errorf("consensus_history[%d]: %w", i, err)
		}
		last[history[i].Question] = i
	}
	current := map[string]int{}
	for j, c := range consensus {
		current[c.Question] = j
		if _, ok := last[c.Question]; !ok {
			return fmt.Errorf("consensus[%d]: %s has no entry in consensus_history (the last entry per question is its consensus)", j, c.Question)
		}
	}
	for i, h := range history {
		if last[h.Question] != i {
			continue
		}
		e, _ := h.entry()
		var cur *consensusEntry
		if j, ok := current[h.Question]; ok {
			a, _ := consensus[j].answer()
			a.Evidence = ""
			cur = &consensusEntry{answer: a, at: consensus[j].At}
		}
		if p := mismatch(e, cur); p != "" {
			return fmt.Errorf("consensus_history[%d]: %s: the last entry %s", i, h.Question, p)
		}
	}
	return nil
}

// insertConsensusRow writes a consensus, or a history entry (a nil
// answer is cleared), into table.
func insertConsensusRow(tx *sql.Tx, table, id, question string, a *assessment.Answer, at string) error {
	kind, level, reason, note := clearedKind, any(nil), "", ""
	if a != nil {
		kind, level, reason, note = a.Kind.String(), levelValue(*a), a.Reason, a.Note
	}
	_, err := tx.Exec(`INSERT INTO `+table+` (assessment_id, question_id, kind, level, reason, note, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, question, kind, level, reason, note, at)
	return err
}

// importConsensus writes a checked bundle's consensus and its history.
// A bundle without a history (from before there was one) starts it with
// the consensus, as schema step 6 did.
func importConsensus(tx *sql.Tx, id string, b *Bundle) error {
	for _, r := range b.Consensus {
		a, _ := r.answer()
		if err := insertConsensusRow(tx, "consensus", id, r.Question, &a, r.At); err != nil {
			return err
		}
		if len(b.ConsensusHistory) == 0 {
			if err := insertConsensusRow(tx, "consensus_history", id, r.Question, &a, r.At); err != nil {
				return err
			}
		}
	}
	for _, h := range b.ConsensusHistory {
		e, _ := h.entry()
		a := &e.answer
		if e.cleared {
			a = nil
		}
		if err := insertConsensusRow(tx, "consensus_history", id, h.Question, a, h.At); err != nil {
			return err
		}
	}
	return nil
}

// exportConsensusHistory adds a workshop's consensus history to its
// bundle b. consensus and recorded are the workshop's consensus and when
// each was recorded. A history that does not end with the consensus is
// refused as invalid data, for doctor to mend: import would refuse the
// bundle.
func exportConsensusHistory(q querier, inst *questionnaire.Instrument, id string, consensus map[string]assessment.Answer, recorded map[string]time.Time, b *Bundle) error {
	changes, err := loadConsensusHistory(q, inst, id)
	if err != nil {
		return err
	}
	current, last := map[string]consensusEntry{}, map[string]consensusEntry{}
	for qid, a := range consensus {
		current[qid] = consensusEntry{answer: a, at: timestamp(recorded[qid])}
	}
	for _, c := range changes {
		h := BundleConsensusChange{Question: c.Question, Answer: clearedKind, At: timestamp(c.At)}
		if !c.Cleared {
			h.Answer, h.Reason, h.Note = c.Answer.Value(), c.Answer.Reason, c.Answer.Note
		}
		b.ConsensusHistory = append(b.ConsensusHistory, h)
		last[c.Question] = consensusEntry{cleared: c.Cleared, answer: c.Answer, at: h.At}
	}
	if p := historyMismatches(current, last); len(p) > 0 {
		return invalid("consensus history", id+"/"+p[0].question, "%s", p[0].problem)
	}
	return nil
}
