package assessment

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/seam-dev/seam/questionnaire"
)

// BaselineValue is one of the organisation's own figures as recorded in
// the baseline chapter: a number in the figure's unit, or don't know.
// Baseline figures are never scored; they are where the KPIs start from.
type BaselineValue struct {
	Value    float64 `json:"value"`
	DontKnow bool    `json:"dont_know,omitempty"`
}

// Format writes the value in the figure's unit, or "don't know".
func (v BaselineValue) Format(u questionnaire.Unit) string {
	if v.DontKnow {
		return "don't know"
	}
	return u.Format(v.Value)
}

// The rules of the baseline chapter are here, once, for every front end
// and every reader: a figure of the assessment's instrument, a value its
// unit allows, and a part (point-to-point integrations) no larger than
// its whole (all integrations) when both are known. Each error is one line
// that names the figure and the problem: "point-to-point: 180 is more
// than integrations (140)".

// ErrNoBaseline is wrapped by the error for a figure of an instrument
// that has no baseline chapter at all.
var ErrNoBaseline = errors.New("the instrument has no baseline chapter")

// ErrUnknownFigure is wrapped by the error for a figure id the
// instrument's baseline chapter does not list.
var ErrUnknownFigure = errors.New("not a baseline figure of the instrument")

// ErrBadBaselineValue is wrapped by ParseBaselineValue's errors.
var ErrBadBaselineValue = errors.New("must be a number, dont-know or clear")

// Words for don't know and clear, as people type them.
var (
	dontKnowWords = []string{"dont-know", "don't know", "dont know", "don’t know", "dont_know"}
	clearWord     = "clear"
	number        = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)
)

// ParseBaselineValue reads a value as people type it and files carry it:
// a number ("140", "62.5", "80 %" or "80%"), "dont-know" or "don't
// know", or "clear" (clear is then true: the figure is to be left
// unrecorded). Case and spaces around do not matter. Whether the number
// suits a figure is CheckFigure's to say.
func ParseBaselineValue(s string) (v BaselineValue, clear bool, err error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch {
	case t == clearWord:
		return BaselineValue{}, true, nil
	case isDontKnow(t):
		return BaselineValue{DontKnow: true}, false, nil
	}
	n := strings.TrimSpace(strings.TrimSuffix(t, "%"))
	if !number.MatchString(n) {
		return BaselineValue{}, false, fmt.Errorf("%w, not %q", ErrBadBaselineValue, s)
	}
	f, err := strconv.ParseFloat(n, 64)
	if err != nil || math.IsInf(f, 0) {
		return BaselineValue{}, false, fmt.Errorf("%w, not %q", ErrBadBaselineValue, s)
	}
	return BaselineValue{Value: f}, false, nil
}

func isDontKnow(t string) bool { return slices.Contains(dontKnowWords, t) }

// Text is the value as a person would type it back: the number without
// its unit, or "dont-know".
func (v BaselineValue) Text() string {
	if v.DontKnow {
		return DontKnow.String()
	}
	return strconv.FormatFloat(v.Value, 'f', -1, 64)
}

// Figure returns the instrument's figure with the given id, or an error
// that names it: the instrument has no baseline chapter, or not this
// figure.
func Figure(inst *questionnaire.Instrument, id string) (*questionnaire.Figure, error) {
	if len(inst.Baseline) == 0 {
		return nil, fmt.Errorf("%s: %w", id, ErrNoBaseline)
	}
	fg, ok := inst.Figure(id)
	if !ok {
		ids := make([]string, len(inst.Baseline))
		for i, f := range inst.Baseline {
			ids[i] = f.ID
		}
		return nil, fmt.Errorf("%s: %w (its figures: %s)", id, ErrUnknownFigure, strings.Join(ids, ", "))
	}
	return fg, nil
}

// CheckValue checks a value on the figure's own terms: don't know, or a
// number its unit allows.
func CheckValue(fg *questionnaire.Figure, v BaselineValue) error {
	if v.DontKnow {
		if v.Value != 0 {
			return fmt.Errorf("%s: don't know carries no number", fg.ID)
		}
		return nil
	}
	if fg.Unit.Valid(v.Value) {
		return nil
	}
	n := strconv.FormatFloat(v.Value, 'f', -1, 64)
	switch fg.Unit {
	case questionnaire.UnitPercent:
		return fmt.Errorf("%s: %s is not a percentage from 0 to 100", fg.ID, n)
	case questionnaire.UnitCount:
		if v.Value >= 0 && v.Value == math.Trunc(v.Value) {
			return fmt.Errorf("%s: %s is more than a count may be", fg.ID, n)
		}
		return fmt.Errorf("%s: %s is not a whole number from 0 (the figure is a count)", fg.ID, n)
	case questionnaire.UnitDays:
		if v.Value >= 0 {
			return fmt.Errorf("%s: %s is more days than a figure may be", fg.ID, n)
		}
		return fmt.Errorf("%s: %s is not a number of days from 0", fg.ID, n)
	}
	return fmt.Errorf("%s: %s does not fit the unit %q", fg.ID, n, fg.Unit)
}

// CheckParts checks figure id's value in set against the figure it is
// part of and the figures that are part of it: a part is never more than
// its whole where both are known (not don't know, not unrecorded).
func CheckParts(inst *questionnaire.Instrument, set map[string]BaselineValue, id string) error {
	if err := CheckWhole(inst, set, id); err != nil {
		return err
	}
	fg, ok := inst.Figure(id)
	v, recorded := set[id]
	if !ok || !recorded || v.DontKnow {
		return nil
	}
	for _, part := range inst.Baseline {
		if part.PartOf != id {
			continue
		}
		if p, known := set[part.ID]; known && !p.DontKnow && p.Value > v.Value {
			return fmt.Errorf("%s: %s is less than %s (%s), which is part of it", id, fg.Unit.Format(v.Value), part.ID, part.Unit.Format(p.Value))
		}
	}
	return nil
}

// CheckWhole checks a part against its whole only (a figure that is part
// of none passes), so that a whole set checked figure by figure names each
// conflict once, at the part.
func CheckWhole(inst *questionnaire.Instrument, set map[string]BaselineValue, id string) error {
	fg, ok := inst.Figure(id)
	v, recorded := set[id]
	if !ok || !recorded || v.DontKnow {
		return nil
	}
	whole, ok := inst.Figure(fg.PartOf)
	if !ok {
		return nil
	}
	if w, known := set[whole.ID]; known && !w.DontKnow && v.Value > w.Value {
		return fmt.Errorf("%s: %s is more than %s (%s)", id, fg.Unit.Format(v.Value), whole.ID, whole.Unit.Format(w.Value))
	}
	return nil
}

// CheckFigure checks setting figure id to v (or, with v nil, clearing it)
// in an assessment whose baseline is recorded: the figure is the
// instrument's, the value fits its unit and its parts and whole. recorded
// is left as it is.
func CheckFigure(inst *questionnaire.Instrument, recorded map[string]BaselineValue, id string, v *BaselineValue) error {
	fg, err := Figure(inst, id)
	if err != nil {
		return err
	}
	if v == nil { // clearing leaves nothing to compare
		return nil
	}
	if err := CheckValue(fg, *v); err != nil {
		return err
	}
	return CheckParts(inst, WithFigure(recorded, id, v), id)
}

// CheckBaseline checks a whole recorded baseline (an answers file's, a
// bundle's, the database's): every figure as CheckFigure does, in the
// instrument's order, then ids it does not know, sorted. It returns the
// first problem.
func CheckBaseline(inst *questionnaire.Instrument, set map[string]BaselineValue) error {
	for _, fg := range inst.Baseline {
		if v, ok := set[fg.ID]; ok {
			if err := CheckValue(&fg, v); err != nil {
				return err
			}
		}
	}
	for _, fg := range inst.Baseline {
		if err := CheckWhole(inst, set, fg.ID); err != nil {
			return err
		}
	}
	var unknown []string
	for id := range set {
		if _, ok := inst.Figure(id); !ok {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		_, err := Figure(inst, unknown[0])
		return err
	}
	return nil
}

// WithFigure is set with figure id set to v, or removed when v is nil; set
// itself is left as it is.
func WithFigure(set map[string]BaselineValue, id string, v *BaselineValue) map[string]BaselineValue {
	out := maps.Clone(set)
	if out == nil {
		out = map[string]BaselineValue{}
	}
	if v == nil {
		delete(out, id)
	} else {
		out[id] = *v
	}
	return out
}
