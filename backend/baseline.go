package backend

import (
	"fmt"
	"maps"
	"slices"

	"github.com/seam-dev/seam/assessment"
)

// The baseline chapter: the organisation's own figures that the plan's
// KPIs start from, optional and never scored. Every front end reads what
// the user typed with ParseFigure and saves it with SetBaseline; the rules
// themselves are assessment.CheckFigure's, which the store applies again
// inside the transaction.

// ParseFigure reads a value typed for a figure of the assessment's
// baseline chapter ("140", "62.5", "80 %", "dont-know", "don't know", or
// "clear") and checks it against the figure's unit and the figures
// recorded now: a part is never more than its whole. It returns the value
// to save, or nil to clear the figure. Every error is one line naming the
// figure and the problem.
func (e *Evaluated) ParseFigure(figure, text string) (*assessment.BaselineValue, error) {
	if _, err := assessment.Figure(e.Instrument, figure); err != nil {
		return nil, err
	}
	v, clear, err := assessment.ParseBaselineValue(text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", figure, err)
	}
	if clear {
		return nil, nil
	}
	if err := e.CheckFigure(figure, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// CheckFigure says whether figure may be set to v (nil clears it) in the
// assessment as loaded.
func (e *Evaluated) CheckFigure(figure string, v *assessment.BaselineValue) error {
	return assessment.CheckFigure(e.Instrument, e.Baseline, figure, v)
}

// Recorded counts the figures of the baseline chapter that are recorded,
// a number or don't know, of those the instrument lists.
func (e *Evaluated) Recorded() (recorded, of int) {
	for _, fg := range e.Instrument.Baseline {
		if _, ok := e.Baseline[fg.ID]; ok {
			recorded++
		}
	}
	return recorded, len(e.Instrument.Baseline)
}

// SetBaseline records one figure of the assessment's baseline chapter, or
// with v nil clears it, in one transaction, and returns the assessment as
// it left it. When it returns without an error the figure is on disk. A
// figure or value the rules refuse is refused before anything is written.
func (b *Backend) SetBaseline(id, figure string, v *assessment.BaselineValue) (*Evaluated, error) {
	l, err := b.store.SetBaseline(id, figure, v)
	if err != nil {
		return nil, err
	}
	return Evaluate(l), nil
}

// AnswerWithBaseline saves a participant's answers and figures of the
// baseline chapter in one transaction, all or none: what an answers file
// holds. Answers are checked as Answer checks them.
func (b *Backend) AnswerWithBaseline(id, participant string, answers map[string]assessment.Answer, figures map[string]assessment.BaselineValue) (*Evaluated, error) {
	if err := b.check(id, answers); err != nil {
		return nil, err
	}
	if len(figures) > 0 {
		inst, err := b.instrument(id)
		if err != nil {
			return nil, err
		}
		for _, f := range slices.Sorted(maps.Keys(figures)) {
			fg, err := assessment.Figure(inst, f)
			if err != nil {
				return nil, err
			}
			if err := assessment.CheckValue(fg, figures[f]); err != nil {
				return nil, err
			}
		}
	}
	l, err := b.store.SaveAnswersAndBaseline(id, participant, answers, figures)
	if err != nil {
		return nil, err
	}
	return Evaluate(l), nil
}
