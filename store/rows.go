package store

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
)

// Rows read from the database are checked before they are used: a file
// edited by hand (sqlite3 ignores nothing but CHECKs that evaluate to
// false, and NULL passes them) or damaged must give a clear error, never a
// panic, a level above 5 or a question counted that the instrument lacks.

// ErrInvalidData is wrapped by the errors about a row seam cannot use.
var ErrInvalidData = errors.New("the database holds data seam did not write")

// InvalidDataError names such a row: "the database has an invalid answer
// for abc234/m1.q1 (level 9)".
type InvalidDataError struct {
	What   string // answer, consensus, target, participant, assessment
	Where  string // assessment id, then question, mode or participant
	Detail string
}

func (e *InvalidDataError) Error() string {
	return fmt.Sprintf("the database has an invalid %s for %s (%s)", e.What, e.Where, e.Detail)
}

// Is makes errors.Is(err, ErrInvalidData) true.
func (e *InvalidDataError) Is(target error) bool { return target == ErrInvalidData }

func invalid(what, where, format string, args ...any) error {
	return refusal{&InvalidDataError{What: what, Where: escaped(where), Detail: fmt.Sprintf(format, args...)}}
}

// escaped writes text read from a database as Go would quote it, without
// the quotes, when it holds a character that acts instead of showing: a
// question id edited to hold a newline still makes a one-line error.
func escaped(s string) string {
	if !strings.ContainsFunc(s, safetext.Hazard) {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// answerColumns are the columns an answer is stored in, in the answer log
// and (with no evidence) the consensus table: every query that reads
// answers selects them in this order, from kind to the time, and checks
// them with answer.
type answerColumns struct {
	kind, reason, note, evidence, at sql.NullString
	level                            any
}

// answerCols is the SELECT list of answerColumns in the answer log.
const answerCols = "kind, level, reason, note, evidence, answered_at"

// consensusCols is the same in the consensus table, which keeps no evidence.
const consensusCols = "kind, level, reason, note, '', recorded_at"

// dest is where rows.Scan puts the columns.
func (c *answerColumns) dest() []any {
	return []any{&c.kind, &c.level, &c.reason, &c.note, &c.evidence, &c.at}
}

// answer checks the columns as stored for question qid: a kind seam
// writes, a level 1–5 with kind level and none without, a question of the
// instrument, texts present and within their limits, an RFC 3339 time. It
// returns the answer and its time, or what is wrong in a few words.
func (c *answerColumns) answer(inst *questionnaire.Instrument, qid string) (assessment.Answer, time.Time, string) {
	var a assessment.Answer
	if _, ok := inst.Question(qid); !ok {
		return a, time.Time{}, "a question the instrument does not have"
	}
	k, ok := assessment.ParseAnswerKind(c.kind.String)
	if !c.kind.Valid || !ok {
		return a, time.Time{}, fmt.Sprintf("kind %s", shown(c.kind))
	}
	a.Kind = k
	switch v := c.level.(type) {
	case nil:
		if k == assessment.Level {
			return a, time.Time{}, "level missing"
		}
	case int64:
		if k != assessment.Level {
			return a, time.Time{}, fmt.Sprintf("level %d with kind %s", v, k)
		}
		if v < 1 || v > questionnaire.Levels {
			return a, time.Time{}, fmt.Sprintf("level %d", v)
		}
		a.Level = int(v)
	default:
		return a, time.Time{}, fmt.Sprintf("level %q", fmt.Sprint(v))
	}
	for _, t := range []sql.NullString{c.reason, c.note, c.evidence} {
		if !t.Valid {
			return a, time.Time{}, "a text is NULL"
		}
	}
	a.Reason, a.Note, a.Evidence = c.reason.String, c.note.String, c.evidence.String
	if err := a.Validate(); err != nil {
		return a, time.Time{}, err.Error()
	}
	at, ok := storedTime(c.at)
	if !ok {
		return a, time.Time{}, "time " + shown(c.at)
	}
	return a, at, ""
}

// shown is a NULL-aware text for messages.
func shown(s sql.NullString) string {
	if !s.Valid {
		return "NULL"
	}
	return fmt.Sprintf("%q", s.String)
}

// storedTime reads a time as written: RFC 3339, to the microsecond in UTC
// when seam wrote it, any offset when it came from elsewhere.
func storedTime(s sql.NullString) (time.Time, bool) {
	if !s.Valid {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// checkAssessment checks an assessment's own row.
func checkAssessment(a *Assessment, kind, status, created, updated sql.NullString, texts ...sql.NullString) error {
	switch {
	case kind.String != string(Self) && kind.String != string(Workshop):
		return invalid("assessment", a.ID, "kind %s", shown(kind))
	case status.String != InProgress && status.String != Complete:
		return invalid("assessment", a.ID, "status %s", shown(status))
	}
	for _, t := range texts {
		if !t.Valid {
			return invalid("assessment", a.ID, "a text is NULL")
		}
	}
	var ok1, ok2 bool
	a.Kind, a.Status = AssessmentKind(kind.String), status.String
	a.CreatedAt, ok1 = storedTime(created)
	a.UpdatedAt, ok2 = storedTime(updated)
	if !ok1 || !ok2 {
		return invalid("assessment", a.ID, "a time that is not RFC 3339")
	}
	return nil
}

// checkTarget checks a target level of a mode.
func checkTarget(inst *questionnaire.Instrument, id, mode string, level any) (int, error) {
	if _, ok := inst.Mode(mode); !ok {
		return 0, invalid("target", id+"/"+mode, "a failure mode the instrument does not have")
	}
	v, ok := level.(int64)
	if !ok || v < 1 || v > questionnaire.Levels {
		return 0, invalid("target", id+"/"+mode, "level %v", level)
	}
	return int(v), nil
}

// checkCapacity checks an assessment's stored capacity: NULL (the
// default, 0) or a whole number from 1 to MaxCapacity.
func checkCapacity(id string, capacity any) (int, error) {
	switch v := capacity.(type) {
	case nil:
		return 0, nil
	case int64:
		if v >= 1 && v <= MaxCapacity {
			return int(v), nil
		}
	}
	return 0, invalid("assessment", id, "capacity %q", fmt.Sprint(capacity))
}

// checkParticipant checks a participant's row.
func checkParticipant(id string, p *Participant, name, role, function, created sql.NullString) error {
	where := fmt.Sprintf("%s/participant %d", id, p.ID)
	if !name.Valid || !role.Valid || !function.Valid {
		return invalid("participant", where, "a text is NULL")
	}
	p.Name, p.Role, p.Function = name.String, role.String, function.String
	if !slices.Contains(Functions, p.Function) {
		return invalid("participant", where, "function %q", p.Function)
	}
	var ok bool
	if p.CreatedAt, ok = storedTime(created); !ok {
		return invalid("participant", where, "a time that is not RFC 3339")
	}
	return nil
}
