package store

import (
	"database/sql"
	"time"
)

// Summary is one line of the assessment list.
type Summary struct {
	Assessment
	InstrumentID      string `json:"instrument_id"`
	InstrumentVersion string `json:"instrument_version"`
	Questions         int    `json:"questions"`
	// Answered counts the questions that have an answer from someone.
	Answered int `json:"answered"`
	// Overall is the overall index, nil until a mode has a score.
	Overall *float64 `json:"overall_index"`
	// RevealedAt is when a workshop's results were shown to the room.
	RevealedAt *time.Time `json:"revealed_at,omitempty"`
}

// Hidden reports whether the index is the room's secret still: a
// workshop whose results the facilitator has not revealed.
func (sm Summary) Hidden() bool { return sm.Kind == Workshop && sm.RevealedAt == nil }

// List returns every assessment, most recently updated first, with its
// progress and overall index. These come from the summary that every
// answer change keeps current, so listing reads one row per assessment; a
// summary from an older seam is recomputed here.
func (s *Store) List() ([]Summary, error) {
	out, err := s.list()
	if err != nil {
		return nil, describe(s.path, err)
	}
	return out, nil
}

func (s *Store) list() ([]Summary, error) {
	rows, err := s.db.Query(`SELECT a.id, a.organization, a.title, a.scope, a.kind, a.status, a.created_at, a.updated_at,
		a.instrument_hash, i.id, i.version, i.questions, a.answered, a.overall_index, a.summary_version, a.capacity, a.revealed_at,
		a.previous_id FROM assessments a LEFT JOIN instruments i ON i.hash = a.instrument_hash
		ORDER BY a.updated_at DESC, a.id`)
	if err != nil {
		return nil, err
	}
	var out []Summary
	var stale []int
	for rows.Next() {
		var sm Summary
		var organization, title, scope, kind, status, created, updated, instID, instVersion, revealed, previous sql.NullString
		var questions sql.NullInt64
		var answered, overall, capacity any
		var version int
		if err := rows.Scan(&sm.ID, &organization, &title, &scope, &kind, &status, &created, &updated,
			&sm.InstrumentHash, &instID, &instVersion, &questions, &answered, &overall, &version, &capacity, &revealed, &previous); err != nil {
			rows.Close()
			return nil, err
		}
		if err := checkAssessment(&sm.Assessment, kind, status, created, updated, organization, title, scope); err != nil {
			rows.Close()
			return nil, err
		}
		sm.Organization, sm.Title, sm.Scope, sm.Previous = organization.String, title.String, scope.String, previous.String
		if revealed.Valid {
			at, ok := storedTime(revealed)
			if !ok {
				rows.Close()
				return nil, invalid("assessment", sm.ID, "revealed at %s", shown(revealed))
			}
			sm.RevealedAt = &at
		}
		if sm.Capacity, err = checkCapacity(sm.ID, capacity); err != nil {
			rows.Close()
			return nil, err
		}
		sm.InstrumentID, sm.InstrumentVersion, sm.Questions = instID.String, instVersion.String, int(questions.Int64)
		// A summary that cannot be one (edited by hand, or from an older
		// seam) is computed again from the answers, which load checks.
		if version != summaryVersion || !instID.Valid || !sm.readSummary(answered, overall) {
			stale = append(stale, len(out))
		}
		out = append(out, sm)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, i := range stale {
		l, err := s.load(s.db, out[i].ID)
		if err != nil {
			return nil, err
		}
		sm := summarize(l)
		out[i].Answered, out[i].Overall, out[i].Status = sm.answered, sm.overall, sm.status
		out[i].InstrumentID, out[i].InstrumentVersion, out[i].Questions = l.Instrument.ID, l.Instrument.Version, l.Instrument.QuestionCount()
	}
	return out, nil
}

// readSummary takes the stored summary if it can be one: answered from
// 0 to the number of questions, an index from 1 to 5 or none.
func (sm *Summary) readSummary(answered, overall any) bool {
	n, ok := answered.(int64)
	if !ok || n < 0 || n > int64(sm.Questions) {
		return false
	}
	sm.Answered = int(n)
	switch v := overall.(type) {
	case nil:
		sm.Overall = nil
	case float64:
		if v < 1 || v > 5 {
			return false
		}
		sm.Overall = &v
	case int64:
		if v < 1 || v > 5 {
			return false
		}
		f := float64(v)
		sm.Overall = &f
	default:
		return false
	}
	return true
}
