package store

import (
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// Loaded is an assessment with everything needed to score and report it.
type Loaded struct {
	Assessment
	Instrument   *questionnaire.Instrument
	Participants []Participant
	// Answers holds the current answers, ordered by participant, then
	// question id.
	Answers []AnswerRecord
	// Consensus holds what a workshop agreed per question, apart from the votes.
	Consensus map[string]assessment.Answer
	// Baseline holds the figures of the baseline chapter as recorded, by
	// figure id: unscored, shown beside the plan's KPIs.
	Baseline map[string]assessment.BaselineValue
	// RevealedAt is when a workshop's results were shown to the room.
	RevealedAt *time.Time
	// revision is the assessment's revision as read (see migration 3).
	revision int64
}

// AnswerRecord is one participant's current answer to one question.
type AnswerRecord struct {
	Participant string
	Question    string
	Answer      assessment.Answer
	At          time.Time
}

// HistoryRecord is one answer as it was given at one time.
type HistoryRecord struct {
	Seq         int64
	Participant string
	Question    string
	Answer      assessment.Answer
	At          time.Time
}

// AnswersOf returns one participant's answers by question id.
func (l *Loaded) AnswersOf(participant string) map[string]assessment.Answer {
	out := make(map[string]assessment.Answer, l.Instrument.QuestionCount())
	for _, r := range l.Answers {
		if r.Participant == participant {
			out[r.Question] = r.Answer
		}
	}
	return out
}

// Responses is what evaluation reads of a stored assessment: a
// self-assessment's one respondent's answers, or a workshop's votes and
// the consensus it recorded.
func (l *Loaded) Responses() assessment.Responses {
	r := assessment.Responses{Instrument: l.Instrument, Targets: l.Targets, Capacity: l.Capacity, Answers: map[string]assessment.Answer{},
		Baseline: l.Baseline}
	if l.Kind == Workshop {
		r.Workshop, r.Votes, r.Consensus = true, l.votes(), l.Consensus
		return r
	}
	if len(l.Participants) > 0 {
		r.Answers = l.AnswersOf(l.Participants[0].Name)
	}
	return r
}

// Participant returns the participant with the given name; an empty name
// picks the only participant of a self-assessment.
func (l *Loaded) Participant(name string) (Participant, error) {
	if name == "" {
		if len(l.Participants) == 1 {
			return l.Participants[0], nil
		}
		return Participant{}, refuse("assessment %s has %d participants: %w", l.ID, len(l.Participants), ErrWhoAnswers)
	}
	for _, p := range l.Participants {
		if p.Name == name {
			return p, nil
		}
	}
	return Participant{}, refuse("assessment %s has no participant named %q", l.ID, name)
}

// Load reads an assessment whole, in one snapshot of the database (see
// read), so its revision is that of everything it holds. Treat what it
// returns as read-only: the store keeps it as its snapshot of the
// assessment.
func (s *Store) Load(id string) (*Loaded, error) {
	var l *Loaded
	err := s.read(func(q querier) error {
		var err error
		l, err = s.load(q, id)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			s.forget(id)
			return nil, err
		}
		return nil, describe(s.path, err)
	}
	s.keep(l)
	return l, nil
}

func (s *Store) load(q querier, id string) (*Loaded, error) {
	l := &Loaded{}
	a := &l.Assessment
	var organization, title, scope, kind, status, created, updated, revealed, previous sql.NullString
	var capacity any
	err := q.QueryRow(`SELECT id, instrument_hash, organization, title, scope, kind, status, created_at, updated_at, revealed_at, revision, capacity,
		previous_id FROM assessments WHERE id = ?`, id).Scan(&a.ID, &a.InstrumentHash, &organization, &title, &scope, &kind, &status, &created, &updated,
		&revealed, &l.revision, &capacity, &previous)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, refuse("%w %q", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	if err := checkAssessment(a, kind, status, created, updated, organization, title, scope); err != nil {
		return nil, err
	}
	a.Organization, a.Title, a.Scope, a.Previous = organization.String, title.String, scope.String, previous.String
	if a.Capacity, err = checkCapacity(id, capacity); err != nil {
		return nil, err
	}
	if revealed.Valid {
		t, ok := storedTime(revealed)
		if !ok {
			return nil, invalid("assessment", id, "a time that is not RFC 3339")
		}
		l.RevealedAt = &t
	}
	if l.Instrument, err = s.instrument(q, a.InstrumentHash); err != nil {
		return nil, err
	}
	if l.Consensus, _, err = loadConsensus(q, l.Instrument, id); err != nil {
		return nil, err
	}
	if a.Targets, err = loadTargets(q, l.Instrument, id); err != nil {
		return nil, err
	}
	if l.Baseline, _, err = loadBaseline(q, l.Instrument, id); err != nil {
		return nil, err
	}
	if l.Participants, err = loadParticipants(q, id); err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, p := range l.Participants {
		names[p.ID] = p.Name
	}
	// The current answer of each participant to each question is the one
	// logged at the highest revision: SQLite takes the other columns from
	// that row.
	rows, err := q.Query(`SELECT participant_id, question_id, `+answerCols+`, max(revision)
		FROM answer_log WHERE assessment_id = ? GROUP BY participant_id, question_id ORDER BY participant_id, question_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pid, revision int64
		var qid string
		var c answerColumns
		if err := rows.Scan(append(append([]any{&pid, &qid}, c.dest()...), &revision)...); err != nil {
			return nil, err
		}
		where := id + "/" + qid
		answer, when, problem := c.answer(l.Instrument, qid)
		if problem != "" {
			return nil, invalid("answer", where, "%s", problem)
		}
		name, ok := names[pid]
		if !ok {
			return nil, invalid("answer", where, "participant %d, who is not in the assessment", pid)
		}
		l.Answers = append(l.Answers, AnswerRecord{Participant: name, Question: qid, Answer: answer, At: when})
	}
	return l, rows.Err()
}

func loadTargets(q querier, inst *questionnaire.Instrument, id string) (map[string]int, error) {
	rows, err := q.Query("SELECT mode_id, level FROM targets WHERE assessment_id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var m string
		var level any
		if err := rows.Scan(&m, &level); err != nil {
			return nil, err
		}
		if out[m], err = checkTarget(inst, id, m, level); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

func loadParticipants(q querier, id string) ([]Participant, error) {
	rows, err := q.Query("SELECT id, name, role, function, created_at FROM participants WHERE assessment_id = ? ORDER BY id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Participant
	for rows.Next() {
		var p Participant
		var name, role, function, created sql.NullString
		if err := rows.Scan(&p.ID, &name, &role, &function, &created); err != nil {
			return nil, err
		}
		if err := checkParticipant(id, &p, name, role, function, created); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// History returns every answer given in an assessment, oldest first.
// Seq is the revision of the assessment that recorded it.
func (s *Store) History(id string) ([]HistoryRecord, error) {
	l, err := s.Load(id)
	if err != nil {
		return nil, err
	}
	out, err := history(s.db, l)
	if err != nil {
		return nil, describe(s.path, err)
	}
	return out, nil
}

// history reads the answer log of an assessment already loaded.
func history(q querier, l *Loaded) ([]HistoryRecord, error) {
	rows, err := q.Query(`SELECT l.revision, p.name, l.question_id, `+answerCols+`
		FROM answer_log l JOIN participants p ON p.id = l.participant_id
		WHERE l.assessment_id = ? ORDER BY l.revision, l.participant_id, l.question_id`, l.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HistoryRecord
	for rows.Next() {
		var r HistoryRecord
		var c answerColumns
		if err := rows.Scan(append([]any{&r.Seq, &r.Participant, &r.Question}, c.dest()...)...); err != nil {
			return nil, err
		}
		var problem string
		if r.Answer, r.At, problem = c.answer(l.Instrument, r.Question); problem != "" {
			return nil, invalid("answer", l.ID+"/"+r.Question, "revision %d: %s", r.Seq, problem)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveAnswers records a participant's answers in one transaction: all of
// them or none. Each changed answer replaces the current one and is appended
// to the history; an answer identical to the current one is left alone.
// When it returns without an error the answers are on disk; it returns the
// assessment as the transaction left it, so that a screen showing it after
// every answer need not read it again.
//
// The store keeps the last state it read or wrote of each assessment. When
// it has one, the answers are applied to it before the transaction, which
// then only checks that the assessment's revision is still that one and
// writes: the commit costs little more than a bare one. If another seam
// changed the assessment since, the save reads it inside the transaction
// and applies the answers to what it finds.
func (s *Store) SaveAnswers(id, participant string, answers map[string]assessment.Answer) (*Loaded, error) {
	l, refused, err := s.SaveMany(id, []Save{{Participant: participant, Answers: answers}})
	if err == nil {
		err = refused[0]
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Save is one participant's answers, one of those SaveMany takes at once.
type Save struct {
	Participant string
	Answers     map[string]assessment.Answer
}

// SaveMany records several participants' answers in one transaction: each
// Save is what SaveAnswers does for it, and all that are accepted reach the
// disk in one commit. A served room gathers the answers that arrive while
// the previous commit is under way into the next one, so fifty people
// answering at once wait for a few commits, not fifty.
//
// refused[i] says why saves[i] was refused (an unknown participant or
// question, a malformed answer); a refused Save changes nothing and the
// others are saved. err is the transaction's: when it is not nil, nothing
// was saved. Later saves of the same participant and question win.
func (s *Store) SaveMany(id string, saves []Save) (l *Loaded, refused []error, err error) {
	s.saving.Lock()
	defer s.saving.Unlock()
	if base, ok := s.snapshot(id); ok {
		if l, refused, done, err := s.saveOnto(base, saves); done {
			return l, refused, err
		}
	}
	return s.saveLoading(id, saves)
}

// change is what saving answers does to an assessment: next is the
// assessment afterwards, rows the answers that change, refused the saves
// left out and why.
type change struct {
	next    *Loaded
	rows    []changedAnswer
	refused []error
	summary summary
}

// changedAnswer is one answer a change logs.
type changedAnswer struct {
	pid      int64
	question string
	answer   assessment.Answer
}

// apply works out what saving answers for a participant at a time changes,
// or why it is refused; l itself stays as it is.
func (l *Loaded) apply(participant string, answers map[string]assessment.Answer, at time.Time) (*change, error) {
	c := l.applyAll([]Save{{Participant: participant, Answers: answers}}, at)
	if c.refused[0] != nil {
		return nil, c.refused[0]
	}
	return c, nil
}

// applyAll works out what the saves change, in order, leaving out those
// refused; l itself stays as it is. The assessment is copied once and its
// summary worked out once, however many saves there are.
func (l *Loaded) applyAll(saves []Save, at time.Time) *change {
	at = at.UTC().Truncate(time.Microsecond) // as the database keeps it
	c := &change{next: l, refused: make([]error, len(saves))}
	order := l.answerOrder()
	logged := map[[2]string]int{} // participant and question: index in rows
	for i, sv := range saves {
		p, qids, err := c.next.changedBy(order, sv)
		if err != nil {
			c.refused[i] = err
			continue
		}
		if len(qids) > 0 && c.next == l {
			c.next = l.clone()
		}
		for _, q := range qids {
			a := sv.Answers[q]
			c.next.setAnswer(order, p.Name, q, a, at)
			row := changedAnswer{pid: p.ID, question: q, answer: a}
			if j, ok := logged[[2]string{p.Name, q}]; ok {
				c.rows[j] = row // one row per answer and revision
				continue
			}
			logged[[2]string{p.Name, q}] = len(c.rows)
			c.rows = append(c.rows, row)
		}
	}
	if c.next != l {
		c.next.UpdatedAt = at
		c.next.revision++
		c.summary = summarize(c.next)
		c.next.Status = c.summary.status
	}
	return c
}

// changedBy checks one save against l and names the questions whose
// answers it changes, sorted.
func (l *Loaded) changedBy(order answerOrder, sv Save) (Participant, []string, error) {
	p, err := l.Participant(sv.Participant)
	if err != nil {
		return p, nil, err
	}
	var qids []string
	for q, a := range sv.Answers {
		if _, ok := l.Instrument.Question(q); !ok {
			return p, nil, refuse("unknown question id %q for instrument %s", q, l.Instrument.ID)
		}
		if err := a.Validate(); err != nil {
			return p, nil, refuse("%s: %w", q, err)
		}
		if i, ok := order.find(l, p.Name, q); !ok || l.Answers[i].Answer != a {
			qids = append(qids, q)
		}
	}
	slices.Sort(qids)
	return p, qids, nil
}

// write stores a change in the transaction. The assessment's row is
// updated first, only while its revision is still base's: fresh is false
// when another seam changed the assessment since base was read.
func (c *change) write(tx *sql.Tx, id string, base int64) (fresh bool, err error) {
	res, err := tx.Exec(`UPDATE assessments SET updated_at = ?, answered = ?, overall_index = ?, status = ?, summary_version = ?, revision = revision + 1
		WHERE id = ? AND revision = ?`, timestamp(c.next.UpdatedAt), c.summary.answered, c.summary.overall, c.summary.status, summaryVersion, id, base)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	at := timestamp(c.next.UpdatedAt)
	for _, r := range c.rows {
		if err := logAnswer(tx, id, r.pid, r.question, r.answer, at, base+1); err != nil {
			return false, err
		}
	}
	return true, nil
}

// errStale ends a transaction begun on a snapshot another seam outdated.
var errStale = refuse("the assessment changed since it was read")

// saveOnto saves on the snapshot base; done is false when the saves must
// read the assessment afresh instead (the snapshot is outdated, or it
// refused what a fresh read might accept, such as a participant added
// since).
func (s *Store) saveOnto(base *Loaded, saves []Save) (l *Loaded, refused []error, done bool, err error) {
	c := base.applyAll(saves, s.now())
	if len(c.rows) == 0 || slices.ContainsFunc(c.refused, func(e error) bool { return e != nil }) {
		return nil, nil, false, nil
	}
	err = s.write(func(tx *sql.Tx) error {
		fresh, err := c.write(tx, base.ID, base.revision)
		if err == nil && !fresh {
			return errStale
		}
		return err
	})
	switch {
	case errors.Is(err, errStale):
		s.forget(base.ID)
		return nil, nil, false, nil
	case err != nil:
		return nil, nil, true, err
	}
	s.keep(c.next)
	return c.next, c.refused, true, nil
}

// saveLoading reads the assessment inside the transaction and saves on it.
func (s *Store) saveLoading(id string, saves []Save) (*Loaded, []error, error) {
	var c *change
	err := s.write(func(tx *sql.Tx) error {
		base, err := s.load(tx, id)
		if err != nil {
			return err
		}
		c = base.applyAll(saves, s.now())
		if len(c.rows) == 0 {
			return nil
		}
		_, err = c.write(tx, id, base.revision)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	s.keep(c.next)
	return c.next, c.refused, nil
}

// logAnswer logs an answer at a revision of the assessment: from then on
// it is the participant's current answer to the question.
func logAnswer(tx *sql.Tx, id string, pid int64, q string, a assessment.Answer, at string, revision int64) error {
	_, err := tx.Exec(`INSERT INTO answer_log (assessment_id, participant_id, question_id, revision, kind, level, reason, note, evidence, answered_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, pid, q, revision, a.Kind.String(), levelValue(a), a.Reason, a.Note, a.Evidence, at)
	return err
}

func levelValue(a assessment.Answer) any {
	if a.Kind == assessment.Level {
		return a.Level
	}
	return nil
}
