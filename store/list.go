package store

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
}

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
		a.instrument_hash, i.id, i.version, i.questions, a.answered, a.overall_index, a.summary_version
		FROM assessments a JOIN instruments i ON i.hash = a.instrument_hash
		ORDER BY a.updated_at DESC, a.id`)
	if err != nil {
		return nil, err
	}
	var out []Summary
	var stale []int
	for rows.Next() {
		var sm Summary
		var kind, created, updated string
		var version int
		if err := rows.Scan(&sm.ID, &sm.Organization, &sm.Title, &sm.Scope, &kind, &sm.Status, &created, &updated,
			&sm.InstrumentHash, &sm.InstrumentID, &sm.InstrumentVersion, &sm.Questions, &sm.Answered, &sm.Overall, &version); err != nil {
			rows.Close()
			return nil, err
		}
		sm.Kind, sm.CreatedAt, sm.UpdatedAt = AssessmentKind(kind), parseTime(created), parseTime(updated)
		if version != summaryVersion {
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
	}
	return out, nil
}
