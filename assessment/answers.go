// Package assessment scores answers against an instrument and turns the gaps
// into a prioritized, explainable remediation plan. It is pure and
// deterministic: the same instrument and answers always give the same result,
// and it imports neither the store nor any user interface.
package assessment

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seam-dev/seam/questionnaire"
)

// AnswerKind says what sort of answer was given.
type AnswerKind int

// The kinds of answer. Unanswered is the zero value: no answer yet.
const (
	Unanswered AnswerKind = iota
	Level
	DontKnow
	NotApplicable
)

// String is the kind's one written form, used in files, bundles and the
// database alike: "level", "dont-know", "n/a" (and "unanswered").
func (k AnswerKind) String() string {
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

// ParseAnswerKind reads a kind written by String; "unanswered" and anything
// else are refused.
func ParseAnswerKind(s string) (AnswerKind, bool) {
	for _, k := range []AnswerKind{Level, DontKnow, NotApplicable} {
		if s == k.String() {
			return k, true
		}
	}
	return Unanswered, false
}

// ErrBadValue is wrapped by ParseValue's errors, which read as the rest of
// a sentence: "level " or "answer " goes in front.
var ErrBadValue = errors.New("must be 1 to 5, dont-know or n/a")

// ParseValue reads an answer value as people type it and files carry it:
// a level "1" to "5", "dont-know" or "n/a", in any case and with spaces
// around. It is the one reader of answer values; Answer.Value writes them.
func ParseValue(s string) (Answer, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch v {
	case DontKnow.String():
		return Answer{Kind: DontKnow}, nil
	case NotApplicable.String():
		return Answer{Kind: NotApplicable}, nil
	case "1", "2", "3", "4", "5":
		return Answer{Kind: Level, Level: int(v[0] - '0')}, nil
	}
	return Answer{}, fmt.Errorf("%w, not %q", ErrBadValue, s)
}

// Answer is one respondent's answer to one question.
type Answer struct {
	Kind  AnswerKind
	Level int // 1–5 when Kind is Level
	// Reason is required for NotApplicable and refused otherwise.
	Reason   string
	Note     string
	Evidence string
}

// Text limits: long enough for a paragraph of context, short enough that a
// pasted document cannot swamp the report. A reason is bounded as the
// instrument's own n/a reasons and gates are, so that any it offers can
// be saved.
const (
	MaxNoteLen     = 2000
	MaxEvidenceLen = 500
	MaxReasonLen   = questionnaire.MaxReasonLen
)

// ErrNotApplicableRefused is wrapped by the error for an n/a answer to a
// question whose instrument does not allow it.
var ErrNotApplicableRefused = errors.New("n/a is not allowed for this question")

// ValidateFor checks an answer to question q: Validate, and n/a only where
// the instrument allows it (a question with n/a reasons, a question of a
// gated mode, or any question of an instrument that predates both). Every
// reader of answers and every save goes through it.
func (a Answer) ValidateFor(q *questionnaire.Question) error {
	if a.Kind == NotApplicable && !q.AllowsNA() {
		return fmt.Errorf("%w: answer 1 to 5 or dont-know", ErrNotApplicableRefused)
	}
	return a.Validate()
}

// ErrNotGated is wrapped by the error for answering a whole mode n/a when
// the instrument gives that mode no gate.
var ErrNotGated = errors.New("only a gated failure mode can be answered n/a as a whole")

// GatedModeAnswers answers every question of a gated mode not applicable
// with reason, the mode's gate when reason is empty: what "the whole
// chapter does not apply" saves, in one transaction. A mode without a gate
// is refused (wrapping ErrNotGated), as is an unknown one.
func GatedModeAnswers(inst *questionnaire.Instrument, mode, reason string) (map[string]Answer, error) {
	m, ok := inst.Mode(mode)
	if !ok {
		return nil, fmt.Errorf("unknown failure mode %q", mode)
	}
	if !m.Gated() {
		return nil, fmt.Errorf("%s: %w; answer its questions one by one", mode, ErrNotGated)
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		reason = m.Gate
	}
	out := make(map[string]Answer, len(m.Questions))
	for i := range m.Questions {
		q := &m.Questions[i]
		a := Answer{Kind: NotApplicable, Reason: reason}
		if err := a.ValidateFor(q); err != nil {
			return nil, fmt.Errorf("%s: %w", q.ID, err)
		}
		out[q.ID] = a
	}
	return out, nil
}

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

// Value is the answer as ParseValue reads it: "3", "dont-know", "n/a".
func (a Answer) Value() string {
	if a.Kind == Level {
		return fmt.Sprint(a.Level)
	}
	return a.Kind.String()
}

// Words says the answer for people: "level 3 Defined", "don't know",
// "not applicable" or "not answered".
func (a Answer) Words() string {
	switch a.Kind {
	case Level:
		return fmt.Sprintf("level %d %s", a.Level, questionnaire.LevelName(a.Level))
	case DontKnow:
		return "don't know"
	case NotApplicable:
		return "not applicable"
	}
	return "not answered"
}

// usable reports an answer scoring can count: a known kind and, for a
// level, one from 1 to 5. The readers refuse anything else; scoring checks
// again, so that no input can make it index past the scale or score 9.
func (a Answer) usable() bool {
	switch a.Kind {
	case Level:
		return a.Level >= 1 && a.Level <= questionnaire.Levels
	case DontKnow, NotApplicable:
		return true
	}
	return false
}

// Unverified reports an answer at level 3 or above that cites no evidence.
func (a Answer) Unverified() bool {
	return a.Kind == Level && a.Level >= 3 && strings.TrimSpace(a.Evidence) == ""
}
