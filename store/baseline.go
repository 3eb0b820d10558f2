package store

import (
	"database/sql"
	"fmt"
	"maps"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// The baseline chapter (schema step 5): one current value per assessment
// and figure, a number or don't know, and when it was recorded. Figures
// are never scored; recording one raises the assessment's revision, as an
// answer does, so that other seams see the change.

// SetBaseline records one figure of an assessment's baseline chapter in
// one transaction: a value (a number in the figure's unit, or don't know),
// or with v nil clears it. The figure must be the instrument's and the
// value must fit its unit and the figures it is part of or that are part
// of it, as recorded when the transaction begins (assessment.CheckFigure);
// otherwise nothing is written. Recording what is already recorded writes
// nothing. It returns the assessment as the transaction left it.
func (s *Store) SetBaseline(id, figure string, v *assessment.BaselineValue) (*Loaded, error) {
	var next *Loaded
	err := s.write(func(tx *sql.Tx) error {
		l, err := s.load(tx, id)
		if err != nil {
			return err
		}
		if err := assessment.CheckFigure(l.Instrument, l.Baseline, figure, v); err != nil {
			return refuse("%w", err)
		}
		old, had := l.Baseline[figure]
		if (v == nil && !had) || (v != nil && had && old == *v) {
			next = l
			return nil
		}
		at := s.now().UTC().Truncate(time.Microsecond) // as the database keeps it
		if err := writeFigure(tx, id, figure, v, timestamp(at)); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE assessments SET updated_at = ?, revision = revision + 1 WHERE id = ?", timestamp(at), id); err != nil {
			return err
		}
		next = l.clone()
		next.Baseline = assessment.WithFigure(l.Baseline, figure, v)
		next.UpdatedAt = at
		next.revision++
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.keep(next)
	return next, nil
}

// writeFigure records a figure's value, or with v nil deletes it.
func writeFigure(tx *sql.Tx, id, figure string, v *assessment.BaselineValue, at string) error {
	if v == nil {
		_, err := tx.Exec("DELETE FROM baseline WHERE assessment_id = ? AND figure_id = ?", id, figure)
		return err
	}
	kind, value := figureColumns(*v)
	_, err := tx.Exec(`INSERT INTO baseline (assessment_id, figure_id, kind, value, recorded_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (assessment_id, figure_id) DO UPDATE SET kind = excluded.kind, value = excluded.value, recorded_at = excluded.recorded_at`,
		id, figure, kind, value, at)
	return err
}

// figureColumns is how a value is stored: kind 'value' with the number,
// or 'dont-know' with NULL.
func figureColumns(v assessment.BaselineValue) (kind string, value any) {
	if v.DontKnow {
		return assessment.DontKnow.String(), nil
	}
	return "value", v.Value
}

// loadBaseline reads an assessment's baseline figures and when each was
// recorded, checking every row as it reads it (see baselineRow) and then
// each part against its whole.
func loadBaseline(q querier, inst *questionnaire.Instrument, id string) (map[string]assessment.BaselineValue, map[string]time.Time, error) {
	rows, err := q.Query("SELECT figure_id, kind, value, recorded_at FROM baseline WHERE assessment_id = ?", id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	values, recorded := map[string]assessment.BaselineValue{}, map[string]time.Time{}
	for rows.Next() {
		var r baselineRow
		if err := rows.Scan(&r.figure, &r.kind, &r.value, &r.at); err != nil {
			return nil, nil, err
		}
		v, at, problem := r.check(inst)
		if problem != "" {
			return nil, nil, invalid("baseline figure", id+"/"+r.figure, "%s", problem)
		}
		values[r.figure], recorded[r.figure] = v, at
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	for _, fg := range inst.Baseline {
		if err := assessment.CheckWhole(inst, values, fg.ID); err != nil {
			return nil, nil, invalid("baseline figure", id+"/"+fg.ID, "%v", err)
		}
	}
	return values, recorded, nil
}

// baselineRow is a row of the baseline table as read.
type baselineRow struct {
	figure   string
	kind, at sql.NullString
	value    any
}

// check checks a row as stored: a figure of the instrument, a kind seam
// writes, a number that fits the figure's unit with kind value and none
// with don't know, an RFC 3339 time. It returns the value and its time,
// or what is wrong in a few words.
func (r *baselineRow) check(inst *questionnaire.Instrument) (assessment.BaselineValue, time.Time, string) {
	var v assessment.BaselineValue
	fg, ok := inst.Figure(r.figure)
	if !ok {
		return v, time.Time{}, "a figure the instrument does not have"
	}
	switch r.kind.String {
	case "value":
		switch n := r.value.(type) {
		case float64:
			v.Value = n
		case int64:
			v.Value = float64(n)
		case nil:
			return v, time.Time{}, "value missing"
		default:
			return v, time.Time{}, fmt.Sprintf("value %q", fmt.Sprint(n))
		}
	case assessment.DontKnow.String():
		if r.value != nil {
			return v, time.Time{}, fmt.Sprintf("value %v with kind dont-know", r.value)
		}
		v.DontKnow = true
	default:
		return v, time.Time{}, fmt.Sprintf("kind %s", shown(r.kind))
	}
	if err := assessment.CheckValue(fg, v); err != nil {
		return v, time.Time{}, err.Error()
	}
	at, ok := storedTime(r.at)
	if !ok {
		return v, time.Time{}, "time " + shown(r.at)
	}
	return v, at, ""
}

// SaveAnswersAndBaseline saves a participant's answers and figures of the
// baseline chapter in one transaction, all of them or none: what an
// answers file holds. The figures are checked together with those already
// recorded (assessment.CheckBaseline); figures left out stay as they are.
// Without figures it is SaveAnswers.
func (s *Store) SaveAnswersAndBaseline(id, participant string, answers map[string]assessment.Answer, figures map[string]assessment.BaselineValue) (*Loaded, error) {
	if len(figures) == 0 {
		return s.SaveAnswers(id, participant, answers)
	}
	var next *Loaded
	err := s.write(func(tx *sql.Tx) error {
		base, err := s.load(tx, id)
		if err != nil {
			return err
		}
		c, err := base.apply(participant, answers, s.now())
		if err != nil {
			return err
		}
		merged := maps.Clone(base.Baseline)
		var changed []string
		for _, fg := range base.Instrument.Baseline {
			v, given := figures[fg.ID]
			if !given {
				continue
			}
			if old, had := merged[fg.ID]; !had || old != v {
				changed = append(changed, fg.ID)
			}
			merged[fg.ID] = v
		}
		for f, v := range figures { // unknown ids: CheckBaseline names them
			merged[f] = v
		}
		if err := assessment.CheckBaseline(base.Instrument, merged); err != nil {
			return refuse("%w", err)
		}
		next = c.next
		at := next.UpdatedAt
		if len(c.rows) > 0 {
			if _, err := c.write(tx, id, base.revision); err != nil {
				return err
			}
		}
		if len(changed) == 0 {
			return nil
		}
		if len(c.rows) == 0 { // the figures alone change the assessment
			at = s.now().UTC().Truncate(time.Microsecond)
			if _, err := tx.Exec("UPDATE assessments SET updated_at = ?, revision = revision + 1 WHERE id = ?", timestamp(at), id); err != nil {
				return err
			}
			next = base.clone()
			next.UpdatedAt = at
			next.revision++
		}
		for _, f := range changed {
			v := merged[f]
			if err := writeFigure(tx, id, f, &v, timestamp(at)); err != nil {
				return err
			}
		}
		next.Baseline = merged
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.keep(next)
	return next, nil
}
