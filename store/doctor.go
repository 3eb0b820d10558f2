package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// Checkup is what Doctor found in a database, and with fix what it did.
type Checkup struct {
	// Integrity lists what PRAGMA integrity_check found; empty when ok.
	Integrity []string
	// Schema is the database's schema version (after Open, this seam's).
	Schema int
	// Invalid lists rows seam cannot use.
	Invalid []InvalidRow
	// Orphans lists files killed seams left behind.
	Orphans []Orphan
	// Backup, Moved, Added, Unlinked and Removed say what a fix did: the
	// backup made first, the rows moved to the quarantine table, the
	// entries added to consensus histories so that each ends with its
	// question's consensus (or cleared), the follow-ups whose link to a
	// previous assessment was cleared (the link copied to the quarantine
	// table), the files removed.
	Backup   string
	Moved    int
	Added    int
	Unlinked int
	Removed  []string
}

// Healthy reports a database with nothing to fix.
func (c *Checkup) Healthy() bool {
	return len(c.Integrity) == 0 && len(c.Invalid) == 0 && len(c.Orphans) == 0
}

// InvalidRow is a row seam cannot use: where it is and what is wrong.
type InvalidRow struct {
	Table   string
	Where   string
	Problem string
	// Movable rows can go to the quarantine table without taking others
	// with them: answers, a consensus and its history, a target, a
	// baseline figure, an action's entry; and a follow-up's link that
	// names no assessment, or loops, can be cleared. An assessment, a
	// participant or an instrument seam cannot read needs a backup.
	Movable bool
	key     []any
	// catchUp marks a consensus history that does not end with its
	// question's consensus: a fix adds the entry that makes it so.
	catchUp bool
	// unlink marks a follow-up's link seam cannot use: a fix clears it.
	unlink bool
}

// Doctor checks the database: integrity, schema version, every row seam
// reads, and what killed seams left beside it. With fix it then backs the
// database up beside itself, moves the invalid rows it can to the
// quarantine table in one transaction, and removes unfinished backups.
func (s *Store) Doctor(ctx context.Context, fix bool) (*Checkup, error) {
	c := &Checkup{Schema: SchemaVersion()}
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, describe(s.path, err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, describe(s.path, err)
		}
		// A row failing its CHECK or NOT NULL constraint is one of the
		// rows listed below, with what is wrong in words.
		if line != "ok" && !strings.HasPrefix(line, "CHECK constraint failed") && !strings.HasPrefix(line, "NOT NULL constraint failed") {
			c.Integrity = append(c.Integrity, line)
		}
	}
	rows.Close()
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&c.Schema); err != nil {
		return nil, describe(s.path, err)
	}
	if c.Invalid, err = s.invalidRows(); err != nil {
		return nil, describe(s.path, err)
	}
	if c.Orphans, err = Orphans(filepath.Dir(s.path)); err != nil {
		return nil, err
	}
	if _, err := os.Stat(s.path + "-journal"); err == nil {
		c.Orphans = append(c.Orphans, Orphan{Path: s.path + "-journal",
			What: "a rollback journal beside a database that keeps a write-ahead log (move it aside only if seam cannot open the database)"})
	}
	if !fix || c.Healthy() {
		return c, nil
	}
	return c, s.fix(ctx, c)
}

// fix backs up, quarantines the movable rows and removes unfinished
// backups.
func (s *Store) fix(ctx context.Context, c *Checkup) error {
	var movable []InvalidRow
	for _, r := range c.Invalid {
		if r.Movable {
			movable = append(movable, r)
		}
	}
	if len(movable) > 0 {
		stamp := s.now().UTC().Format("20060102-150405")
		c.Backup = fmt.Sprintf("%s.before-doctor-%s.db", s.path, stamp)
		for n := 2; fileExists(c.Backup); n++ {
			c.Backup = fmt.Sprintf("%s.before-doctor-%s-%d.db", s.path, stamp, n)
		}
		if err := s.Backup(ctx, c.Backup); err != nil {
			return err
		}
		at := timestamp(s.now())
		err := s.write(func(tx *sql.Tx) error {
			c.Moved, c.Added, c.Unlinked = 0, 0, 0
			histories := map[string]bool{} // assessments whose consensus histories must catch up
			for _, r := range movable {
				if r.Table == "consensus" || r.Table == "consensus_history" {
					histories[r.key[0].(string)] = true
				}
				if r.catchUp {
					continue
				}
				if r.unlink {
					if _, err := tx.Exec(`INSERT INTO quarantine (moved_at, table_name, row, problem)
						SELECT ?, 'assessments', json_object('id', id, 'previous_id', previous_id), ? FROM assessments WHERE id = ?`,
						at, r.Problem, r.key[0]); err != nil {
						return err
					}
					if _, err := tx.Exec("UPDATE assessments SET previous_id = NULL, revision = revision + 1 WHERE id = ?", r.key[0]); err != nil {
						return err
					}
					c.Unlinked++
					continue
				}
				where, args := keyWhere(r.Table, r.key)
				if _, err := tx.Exec(fmt.Sprintf(`INSERT INTO quarantine (moved_at, table_name, row, problem)
					SELECT ?, ?, json_object(%s), ? FROM %s WHERE %s`, jsonColumns[r.Table], r.Table, where),
					append([]any{at, r.Table, r.Problem}, args...)...); err != nil {
					return err
				}
				if _, err := tx.Exec(fmt.Sprintf("DELETE FROM %s WHERE %s", r.Table, where), args...); err != nil {
					return err
				}
				if _, err := tx.Exec("UPDATE assessments SET revision = revision + 1, summary_version = 0 WHERE id = ?", r.key[0]); err != nil {
					return err
				}
				c.Moved++
			}
			for _, id := range sortedKeys(histories) {
				n, err := catchUpConsensusHistory(tx, id, at)
				if err != nil {
					return err
				}
				c.Added += n
			}
			return nil
		})
		if err != nil {
			return err
		}
		s.mu.Lock()
		clear(s.snapshots)
		s.mu.Unlock()
	}
	for _, o := range c.Orphans {
		if o.Removable {
			if err := os.Remove(o.Path); err == nil {
				c.Removed = append(c.Removed, o.Path)
			}
		}
	}
	return nil
}

// jsonColumns lists each movable table's columns for json_object.
var jsonColumns = map[string]string{
	"answer_log": `'assessment_id', assessment_id, 'participant_id', participant_id, 'question_id', question_id, 'revision', revision,
		'kind', kind, 'level', level, 'reason', reason, 'note', note, 'evidence', evidence, 'answered_at', answered_at`,
	"consensus": `'assessment_id', assessment_id, 'question_id', question_id, 'kind', kind, 'level', level, 'reason', reason,
		'note', note, 'recorded_at', recorded_at`,
	"consensus_history": `'assessment_id', assessment_id, 'question_id', question_id, 'kind', kind, 'level', level, 'reason', reason,
		'note', note, 'recorded_at', recorded_at`,
	"targets":  `'assessment_id', assessment_id, 'mode_id', mode_id, 'level', level`,
	"baseline": `'assessment_id', assessment_id, 'figure_id', figure_id, 'kind', kind, 'value', value, 'recorded_at', recorded_at`,
	"action_log": `'assessment_id', assessment_id, 'question_id', question_id, 'action_id', action_id, 'revision', revision, 'owner', owner,
		'due', due, 'status', status, 'reason', reason, 'notes', notes, 'changed_at', changed_at`,
}

// keyWhere is the condition that picks one row of a movable table.
func keyWhere(table string, key []any) (string, []any) {
	switch table {
	case "answer_log":
		return "assessment_id = ? AND participant_id = ? AND question_id = ? AND revision = ?", key
	case "consensus":
		return "assessment_id = ? AND question_id = ?", key
	case "consensus_history": // no key of its own: the rowid
		return "assessment_id = ? AND rowid = ?", key
	case "baseline":
		return "assessment_id = ? AND figure_id = ?", key
	case "action_log":
		return "assessment_id = ? AND question_id = ? AND action_id = ? AND revision = ?", key
	}
	return "assessment_id = ? AND mode_id = ?", key
}

// invalidRows reads every row seam reads, as load does, and lists those it
// refuses, all of them rather than the first.
func (s *Store) invalidRows() ([]InvalidRow, error) {
	var out []InvalidRow
	add := func(table, where, problem string, movable bool, key ...any) {
		out = append(out, InvalidRow{Table: table, Where: where, Problem: problem, Movable: movable, key: key})
	}
	catchUp := func(id, question, problem string) {
		out = append(out, InvalidRow{Table: "consensus_history", Where: id + "/" + question, Problem: problem, Movable: true, catchUp: true, key: []any{id}})
	}
	type head struct {
		a                                                                    Assessment
		organization, title, scope, kind, status, created, updated, previous sql.NullString
		capacity                                                             any
	}
	rows, err := s.db.Query(`SELECT id, instrument_hash, organization, title, scope, kind, status, created_at, updated_at, capacity, previous_id
		FROM assessments ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var heads []head
	for rows.Next() {
		var h head
		if err := rows.Scan(&h.a.ID, &h.a.InstrumentHash, &h.organization, &h.title, &h.scope, &h.kind, &h.status, &h.created, &h.updated, &h.capacity,
			&h.previous); err != nil {
			rows.Close()
			return nil, err
		}
		heads = append(heads, h)
	}
	rows.Close()
	previous := map[string]string{}
	for _, h := range heads {
		previous[h.a.ID] = h.previous.String
	}
	links := chainProblems(previous)
	instruments := map[string]*questionnaire.Instrument{}
	for _, h := range heads {
		id := h.a.ID
		if err := checkAssessment(&h.a, h.kind, h.status, h.created, h.updated, h.organization, h.title, h.scope); err != nil {
			add("assessments", id, detailOf(err), false)
		} else if _, err := checkCapacity(id, h.capacity); err != nil {
			add("assessments", id, detailOf(err), false)
		}
		inst, ok := instruments[h.a.InstrumentHash]
		if !ok {
			if inst, err = s.instrument(s.db, h.a.InstrumentHash); err != nil {
				add("instruments", id, detailOf(err), false)
				continue
			}
			instruments[h.a.InstrumentHash] = inst
		}
		participants := map[int64]bool{}
		prow, err := s.db.Query("SELECT id, name, role, function, created_at FROM participants WHERE assessment_id = ?", id)
		if err != nil {
			return nil, err
		}
		for prow.Next() {
			var p Participant
			var name, role, function, created sql.NullString
			if err := prow.Scan(&p.ID, &name, &role, &function, &created); err != nil {
				prow.Close()
				return nil, err
			}
			participants[p.ID] = true
			if err := checkParticipant(id, &p, name, role, function, created); err != nil {
				add("participants", fmt.Sprintf("%s/participant %d", id, p.ID), detailOf(err), false)
			}
		}
		prow.Close()
		if err := s.invalidAnswers(id, inst, participants, add); err != nil {
			return nil, err
		}
		if err := s.invalidConsensus(id, inst, add, catchUp); err != nil {
			return nil, err
		}
		if err := s.invalidActions(id, inst, add); err != nil {
			return nil, err
		}
	}
	for _, id := range sortedKeys(links) {
		out = append(out, InvalidRow{Table: "assessments", Where: id, Problem: links[id], Movable: true, unlink: true, key: []any{id}})
	}
	// Rows of an assessment that is gone (foreign keys were off).
	for _, t := range []string{"answer_log", "consensus", "consensus_history", "targets", "baseline", "action_log"} {
		r, err := s.db.Query(fmt.Sprintf("SELECT DISTINCT assessment_id FROM %s WHERE assessment_id NOT IN (SELECT id FROM assessments)", t))
		if err != nil {
			return nil, err
		}
		for r.Next() {
			var id string
			if err := r.Scan(&id); err != nil {
				r.Close()
				return nil, err
			}
			add(t, id, "rows of an assessment that does not exist", false)
		}
		r.Close()
	}
	return out, nil
}

// invalidAnswers lists an assessment's answers, targets and baseline
// figures seam refuses.
func (s *Store) invalidAnswers(id string, inst *questionnaire.Instrument, participants map[int64]bool, add func(table, where, problem string, movable bool, key ...any)) error {
	rows, err := s.db.Query(`SELECT participant_id, question_id, revision, `+answerCols+`
		FROM answer_log WHERE assessment_id = ? ORDER BY revision, participant_id, question_id`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var pid, revision int64
		var qid string
		var c answerColumns
		if err := rows.Scan(append([]any{&pid, &qid, &revision}, c.dest()...)...); err != nil {
			rows.Close()
			return err
		}
		_, _, problem := c.answer(inst, qid)
		if problem == "" && !participants[pid] {
			problem = "a participant who is not in the assessment"
		}
		if problem != "" {
			add("answer_log", fmt.Sprintf("%s/%s (participant %d, revision %d)", id, qid, pid, revision), problem, true, id, pid, qid, revision)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = s.db.Query("SELECT mode_id, level FROM targets WHERE assessment_id = ?", id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var mode string
		var level any
		if err := rows.Scan(&mode, &level); err != nil {
			rows.Close()
			return err
		}
		if _, err := checkTarget(inst, id, mode, level); err != nil {
			add("targets", id+"/"+mode, detailOf(err), true, id, mode)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	return s.invalidBaseline(id, inst, add)
}

// invalidBaseline lists an assessment's baseline figures seam refuses, as
// load reads them: each row on its own, then each part against its whole
// (the part is the row listed).
func (s *Store) invalidBaseline(id string, inst *questionnaire.Instrument, add func(table, where, problem string, movable bool, key ...any)) error {
	rows, err := s.db.Query("SELECT figure_id, kind, value, recorded_at FROM baseline WHERE assessment_id = ? ORDER BY figure_id", id)
	if err != nil {
		return err
	}
	defer rows.Close()
	values := map[string]assessment.BaselineValue{}
	for rows.Next() {
		var r baselineRow
		if err := rows.Scan(&r.figure, &r.kind, &r.value, &r.at); err != nil {
			return err
		}
		v, _, problem := r.check(inst)
		if problem != "" {
			add("baseline", id+"/"+r.figure, problem, true, id, r.figure)
			continue
		}
		values[r.figure] = v
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, fg := range inst.Baseline {
		if err := assessment.CheckWhole(inst, values, fg.ID); err != nil {
			add("baseline", id+"/"+fg.ID, err.Error(), true, id, fg.ID)
		}
	}
	return nil
}

// invalidActions lists an assessment's action_log rows seam refuses, as
// Actions reads them.
func (s *Store) invalidActions(id string, inst *questionnaire.Instrument, add func(table, where, problem string, movable bool, key ...any)) error {
	return eachAction(s.db, inst, actionLog, []any{id}, func(c *actionColumns, _ assessment.ActionState, _ time.Time, problem string) error {
		if problem != "" {
			add("action_log", c.where(id), problem, true, id, c.question, c.action, c.revision)
		}
		return nil
	})
}

// detailOf is what an InvalidDataError says is wrong, or the error.
func detailOf(err error) string {
	var ide *InvalidDataError
	if errors.As(err, &ide) {
		return ide.Detail
	}
	return err.Error()
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
