// Package assessment scores answers against an instrument and turns the gaps
// into a prioritized, explainable remediation plan. It is pure and
// deterministic: the same instrument and answers always give the same result,
// and it imports neither the store nor any user interface.
package assessment

import (
	"fmt"
	"strings"
)

// Kind says what sort of answer was given.
type Kind int

// The kinds of answer. Unanswered is the zero value: no answer yet.
const (
	Unanswered Kind = iota
	Level
	DontKnow
	NotApplicable
)

func (k Kind) String() string {
	switch k {
	case Level:
		return "level"
	case DontKnow:
		return "dont-know"
	case NotApplicable:
		return "n/a"
	}
	return "unanswered"
}

// Answer is one respondent's answer to one question.
type Answer struct {
	Kind  Kind
	Level int // 1–5 when Kind is Level
	// Reason is required for NotApplicable and refused otherwise.
	Reason   string
	Note     string
	Evidence string
}

// Text limits: long enough for a paragraph of context, short enough that a
// pasted document cannot swamp the report.
const (
	MaxNoteLen     = 2000
	MaxEvidenceLen = 500
	MaxReasonLen   = 500
)

// Validate checks an answer on its own terms.
func (a Answer) Validate() error {
	switch a.Kind {
	case Level:
		if a.Level < 1 || a.Level > 5 {
			return fmt.Errorf("level must be from 1 to 5, not %d", a.Level)
		}
	case DontKnow:
	case NotApplicable:
		if strings.TrimSpace(a.Reason) == "" {
			return fmt.Errorf("n/a needs a reason")
		}
	default:
		return fmt.Errorf("no answer given")
	}
	if a.Kind != NotApplicable && a.Reason != "" {
		return fmt.Errorf("a reason is only for n/a answers")
	}
	for _, f := range []struct {
		name  string
		text  string
		limit int
	}{{"note", a.Note, MaxNoteLen}, {"evidence", a.Evidence, MaxEvidenceLen}, {"reason", a.Reason, MaxReasonLen}} {
		if n := len([]rune(f.text)); n > f.limit {
			return fmt.Errorf("%s is %d characters, more than the %d allowed", f.name, n, f.limit)
		}
	}
	return nil
}

// Label is how an answer reads in one word: "3", "dont-know", "n/a".
func (a Answer) Label() string {
	if a.Kind == Level {
		return fmt.Sprint(a.Level)
	}
	return a.Kind.String()
}

// Unverified reports an answer at level 3 or above that cites no evidence.
func (a Answer) Unverified() bool {
	return a.Kind == Level && a.Level >= 3 && strings.TrimSpace(a.Evidence) == ""
}
