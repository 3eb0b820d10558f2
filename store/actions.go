package store

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// The action register (schema step 7): plan items adopted as actions, each
// with an owner, a due date, a status and notes, and every change kept in
// action_log as answers are in answer_log. The rules (what a valid status,
// reason or date is) are package assessment's; this file stores them. An
// action belongs to the assessment that adopted it: a re-assessment starts
// with none, and the previous assessment's stay readable with Actions.

// Sentinel errors of the register, for callers to tell apart.
var (
	ErrAdopted    = errors.New("is already adopted")
	ErrNotAdopted = errors.New("is not adopted")
)

// Action is an adopted action as it stands.
type Action struct {
	// Question and Action name the plan item as assessment.PlanItem does:
	// the question and the instrument's action id, or for a mode's
	// find-out item no question and MODE.find-out.
	Question string `json:"question"`
	Action   string `json:"action"`
	assessment.ActionState
	// UpdatedAt is when it last changed (ActionHistory has when it was
	// adopted: its first entry).
	UpdatedAt time.Time `json:"updated_at"`
}

// ActionChange is one state of an action as it was recorded: its
// adoption, then every change.
type ActionChange struct {
	// Seq is the revision of the assessment that recorded it.
	Seq      int64  `json:"seq"`
	Question string `json:"question"`
	Action   string `json:"action"`
	assessment.ActionState
	At time.Time `json:"at"`
}

// AdoptAction adopts a plan item of assessment id as an action: question
// and action as the plan item names them (assessment.ItemKey finds them),
// not started unless u says otherwise, with what u sets. The instrument
// must have the action (it need not be in the current plan); an action
// adopted before is refused (ErrAdopted), as is an update
// assessment.NewAction refuses, and nothing is written. It raises the
// assessment's revision.
func (s *Store) AdoptAction(id, question, action string, u assessment.ActionUpdate) (Action, error) {
	return s.changeAction(id, question, action, func(current *Action) (assessment.ActionState, bool, error) {
		if current != nil {
			return assessment.ActionState{}, false, refuse("%s %w for %s: change it instead", action, ErrAdopted, id)
		}
		st, err := assessment.NewAction(u)
		return st, true, err
	})
}

// UpdateAction changes an adopted action: the fields u sets, by the rules
// of assessment.ActionState.Apply. An action not adopted is refused
// (ErrNotAdopted), as is an update Apply refuses, and nothing is written;
// an update that changes nothing writes nothing. A change raises the
// assessment's revision.
func (s *Store) UpdateAction(id, question, action string, u assessment.ActionUpdate) (Action, error) {
	return s.changeAction(id, question, action, func(current *Action) (assessment.ActionState, bool, error) {
		if current == nil {
			return assessment.ActionState{}, false, refuse("%s %w for %s: adopt it first", action, ErrNotAdopted, id)
		}
		return current.ActionState.Apply(u)
	})
}

// changeAction runs one change of the register in a transaction: next
// works out the new state from the current one (nil when not adopted).
func (s *Store) changeAction(id, question, action string, next func(*Action) (assessment.ActionState, bool, error)) (Action, error) {
	var out Action
	var kept *Loaded
	err := s.write(func(tx *sql.Tx) error {
		l, err := s.load(tx, id)
		if err != nil {
			return err
		}
		if err := assessment.CheckActionKey(l.Instrument, question, action); err != nil {
			return refuse("%w", err)
		}
		current, err := readAction(tx, l.Instrument, id, question, action)
		if err != nil {
			return err
		}
		st, changed, err := next(current)
		var rf refusal
		switch {
		case errors.As(err, &rf):
			return err
		case err != nil:
			return refuse("%s: %w", action, err)
		case !changed:
			out, kept = *current, l
			return nil
		}
		at := s.now().UTC().Truncate(time.Microsecond) // as the database keeps it
		if err := logAction(tx, id, question, action, st, timestamp(at), l.revision+1); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE assessments SET updated_at = ?, revision = revision + 1 WHERE id = ?", timestamp(at), id); err != nil {
			return err
		}
		out = Action{Question: question, Action: action, ActionState: st, UpdatedAt: at}
		kept = l.clone()
		kept.UpdatedAt = at
		kept.revision++
		return nil
	})
	if err != nil {
		return Action{}, err
	}
	s.keep(kept)
	return out, nil
}

// logAction records a state of an action at a revision of the assessment.
func logAction(tx *sql.Tx, id, question, action string, st assessment.ActionState, at string, revision int64) error {
	var due any // NULL: no date
	if st.Due != "" {
		due = string(st.Due)
	}
	_, err := tx.Exec(`INSERT INTO action_log (assessment_id, question_id, action_id, revision, owner, due, status, reason, notes, changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, question, action, revision, st.Owner, due, string(st.Status), st.Reason, st.Notes, at)
	return err
}

// actionCols is the SELECT list of actionColumns in action_log.
const actionCols = "question_id, action_id, revision, owner, due, status, reason, notes, changed_at"

// actionColumns are an action_log row as read, checked with state.
type actionColumns struct {
	question, action                      string
	revision                              int64
	owner, due, status, reason, notes, at sql.NullString
}

func (c *actionColumns) dest() []any {
	return []any{&c.question, &c.action, &c.revision, &c.owner, &c.due, &c.status, &c.reason, &c.notes, &c.at}
}

// where names the row in messages: "abc234/m1.q1.a1 (revision 7)".
func (c *actionColumns) where(id string) string {
	return fmt.Sprintf("%s/%s (revision %d)", id, c.action, c.revision)
}

// state checks a row as stored: an action of the instrument, texts
// present, a state assessment.ActionState.Validate accepts, an RFC 3339
// time. It returns the state and its time, or what is wrong in a few
// words.
func (c *actionColumns) state(inst *questionnaire.Instrument) (assessment.ActionState, time.Time, string) {
	var st assessment.ActionState
	if err := assessment.CheckActionKey(inst, c.question, c.action); err != nil {
		return st, time.Time{}, "an action the instrument does not have"
	}
	if !c.owner.Valid || !c.status.Valid || !c.reason.Valid || !c.notes.Valid {
		return st, time.Time{}, "a text is NULL"
	}
	st = assessment.ActionState{Owner: c.owner.String, Due: assessment.Date(c.due.String), Status: assessment.ActionStatus(c.status.String),
		Reason: c.reason.String, Notes: c.notes.String}
	if c.due.Valid && c.due.String == "" {
		return st, time.Time{}, `due date ""`
	}
	if err := st.Validate(); err != nil {
		return st, time.Time{}, err.Error()
	}
	at, ok := storedTime(c.at)
	if !ok {
		return st, time.Time{}, "time " + shown(c.at)
	}
	return st, at, ""
}

// readAction reads one action as it stands, nil when it is not adopted.
func readAction(q querier, inst *questionnaire.Instrument, id, question, action string) (*Action, error) {
	all, err := readActions(q, inst, id, "AND question_id = ? AND action_id = ?", question, action)
	if err != nil || len(all) == 0 {
		return nil, err
	}
	return &all[0], nil
}

// readActions reads the register of an assessment (the actions more
// picks) as it stands, in the instrument's order
// (assessment.RegisterOrder): each action's latest entry, checked.
// ActionHistory and doctor check every entry.
func readActions(q querier, inst *questionnaire.Instrument, id, more string, args ...any) ([]Action, error) {
	var out []Action
	// SQLite takes the other columns from the row of max(revision).
	err := eachAction(q, inst, `SELECT question_id, action_id, max(revision), owner, due, status, reason, notes, changed_at
		FROM action_log WHERE assessment_id = ? `+more+` GROUP BY question_id, action_id`, append([]any{id}, args...),
		func(c *actionColumns, st assessment.ActionState, at time.Time, problem string) error {
			if problem != "" {
				return invalid("action", c.where(id), "%s", problem)
			}
			out = append(out, Action{Question: c.question, Action: c.action, ActionState: st, UpdatedAt: at})
			return nil
		})
	if err != nil {
		return nil, err
	}
	order := assessment.RegisterOrder(inst)
	slices.SortFunc(out, func(a, b Action) int { return order[a.Action] - order[b.Action] })
	return out, nil
}

// eachAction runs query, which selects action_log rows as actionCols
// names them, and hands each row to row with its state as state checks
// it: problem says what is wrong, "" when nothing is.
func eachAction(q querier, inst *questionnaire.Instrument, query string, args []any,
	row func(c *actionColumns, st assessment.ActionState, at time.Time, problem string) error) error {
	rows, err := q.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c actionColumns
		if err := rows.Scan(c.dest()...); err != nil {
			return err
		}
		st, at, problem := c.state(inst)
		if err := row(&c, st, at, problem); err != nil {
			return err
		}
	}
	return rows.Err()
}

// actionLog is the query of every action_log row of an assessment, oldest
// first.
const actionLog = "SELECT " + actionCols + " FROM action_log WHERE assessment_id = ? ORDER BY revision, question_id, action_id"

// instrumentOf reads an assessment's instrument without the rest of it.
func (s *Store) instrumentOf(id string) (*questionnaire.Instrument, error) {
	var hash string
	err := s.db.QueryRow("SELECT instrument_hash FROM assessments WHERE id = ?", id).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, refuse("%w %q", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	return s.instrument(s.db, hash)
}

// Actions returns the register of assessment id: every action adopted, as
// it stands, in the instrument's order (assessment.RegisterOrder). An
// assessment with none gives an empty list.
func (s *Store) Actions(id string) ([]Action, error) {
	inst, err := s.instrumentOf(id)
	if err != nil {
		return nil, describe(s.path, err)
	}
	out, err := readActions(s.db, inst, id, "")
	if err != nil {
		return nil, describe(s.path, err)
	}
	if out == nil {
		out = []Action{}
	}
	return out, nil
}

// ActionHistory returns every state every action of assessment id was
// given, oldest first: each action's first entry is its adoption.
func (s *Store) ActionHistory(id string) ([]ActionChange, error) {
	inst, err := s.instrumentOf(id)
	if err != nil {
		return nil, describe(s.path, err)
	}
	out, err := actionHistory(s.db, inst, id)
	if err != nil {
		return nil, describe(s.path, err)
	}
	return out, nil
}

func actionHistory(q querier, inst *questionnaire.Instrument, id string) ([]ActionChange, error) {
	out := []ActionChange{}
	err := eachAction(q, inst, actionLog, []any{id}, func(c *actionColumns, st assessment.ActionState, at time.Time, problem string) error {
		if problem != "" {
			return invalid("action", c.where(id), "%s", problem)
		}
		out = append(out, ActionChange{Seq: c.revision, Question: c.question, Action: c.action, ActionState: st, At: at})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
