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
	return refusal{&InvalidDataError{What: what, Where: where, Detail: fmt.Sprintf(format, args...)}}
}

// storedAnswer checks an answer or consensus as stored: a kind seam
// writes, a level 1–5 with kind level and none without, a question of the
// instrument, texts present and within their limits. It returns what is
// wrong in a few words, or "".
func storedAnswer(inst *questionnaire.Instrument, qid string, kind sql.NullString, level any, texts ...*sql.NullString) (assessment.Answer, string) {
	var a assessment.Answer
	if _, ok := inst.Question(qid); !ok {
		return a, "a question the instrument does not have"
	}
	k, ok := assessment.ParseAnswerKind(kind.String)
	if !kind.Valid || !ok {
		return a, fmt.Sprintf("kind %s", shown(kind))
	}
	a.Kind = k
	switch v := level.(type) {
	case nil:
		if k == assessment.Level {
			return a, "level missing"
		}
	case int64:
		if k != assessment.Level {
			return a, fmt.Sprintf("level %d with kind %s", v, k)
		}
		if v < 1 || v > questionnaire.Levels {
			return a, fmt.Sprintf("level %d", v)
		}
		a.Level = int(v)
	default:
		return a, fmt.Sprintf("level %q", fmt.Sprint(v))
	}
	fields := []*string{&a.Reason, &a.Note, &a.Evidence}
	for i, t := range texts {
		if !t.Valid {
			return a, "a text is NULL"
		}
		if i < len(fields) {
			*fields[i] = t.String
		}
	}
	if err := a.Validate(); err != nil {
		return a, err.Error()
	}
	return a, ""
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
