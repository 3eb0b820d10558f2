// Package backend holds the use cases that seam's front ends share (the
// command line, the interactive app, the accessible prompts): create an
// assessment, load and evaluate it, save answers, record a workshop's
// consensus, and build a report's input. The front ends ask and draw; this
// package puts the store, the instrument, the scoring and the report's
// input together, each in one place.
//
// The arrows point one way: backend imports store, questionnaire,
// assessment and report; nothing below imports it.
package backend

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/store"
)

// Backend runs the use cases over one open store.
type Backend struct {
	store *store.Store

	mu          sync.Mutex
	instruments map[string]*questionnaire.Instrument // by assessment id; an assessment's never changes
}

// New serves the use cases from an open store.
func New(s *store.Store) *Backend { return &Backend{store: s} }

// Store is the database, for what is one plain store call (list, delete,
// reveal, backup, export, import).
func (b *Backend) Store() *store.Store { return b.store }

// Evaluated is a stored assessment with its evaluation: what a screen, a
// command or a report shows of it. Treat it as read-only; a change goes
// through the Backend and returns a new one.
type Evaluated struct {
	*store.Loaded
	Evaluation assessment.Evaluation
}

// Evaluate scores a loaded assessment and builds its plan.
func Evaluate(l *store.Loaded) *Evaluated {
	return &Evaluated{Loaded: l, Evaluation: assessment.Evaluate(l.Responses())}
}

// Open finds an assessment by a unique prefix of its id, loads and
// evaluates it.
func (b *Backend) Open(prefix string) (*Evaluated, error) {
	id, err := b.store.Resolve(prefix)
	if err != nil {
		return nil, err
	}
	return b.Load(id)
}

// Load reads an assessment by its id and evaluates it.
func (b *Backend) Load(id string) (*Evaluated, error) {
	l, err := b.store.Load(id)
	if err != nil {
		return nil, err
	}
	return Evaluate(l), nil
}

// Changed is the assessment as it is now, evaluated, or nil when its
// revision is still since: a screen that looks again every few seconds
// reads one row while nothing moves (Store.Current), and reads and
// evaluates it whole only after a change.
func (b *Backend) Changed(id string, since int64) (*Evaluated, error) {
	l, err := b.store.Current(id)
	if err != nil || l.Revision() == since {
		return nil, err
	}
	return Evaluate(l), nil
}

// Answer saves one participant's answers in one transaction (all or none;
// an empty participant is a self-assessment's respondent) and returns the
// assessment as the transaction left it. When it returns without an error
// the answers are on disk.
//
// An answer the assessment's instrument does not take is refused before
// anything is written: n/a where the instrument does not allow it (see
// assessment.Answer.ValidateFor). No front end can save one.
func (b *Backend) Answer(id, participant string, answers map[string]assessment.Answer) (*Evaluated, error) {
	l, err := b.Save(id, participant, answers)
	if err != nil {
		return nil, err
	}
	return Evaluate(l), nil
}

// Save is Answer without the evaluation, for a front end that shows no
// scores after an answer (a workshop room's participant page): the same
// checks, the same transaction. It returns the assessment as the
// transaction left it.
func (b *Backend) Save(id, participant string, answers map[string]assessment.Answer) (*store.Loaded, error) {
	if err := b.check(id, answers); err != nil {
		return nil, err
	}
	return b.store.SaveAnswers(id, participant, answers)
}

// SaveMany is Save for several participants at once, in one transaction
// (store.SaveMany): a served room commits the answers that arrived together
// at once. refused[i] says why saves[i] was refused, by the same checks as
// Save; the others are saved. When err is not nil nothing was saved.
func (b *Backend) SaveMany(id string, saves []store.Save) (l *store.Loaded, refused []error, err error) {
	refused = make([]error, len(saves))
	var pass []store.Save
	var at []int // where each save passed on stands in saves
	for i, sv := range saves {
		if refused[i] = b.check(id, sv.Answers); refused[i] == nil {
			pass, at = append(pass, sv), append(at, i)
		}
	}
	if len(pass) == 0 {
		return nil, refused, nil
	}
	l, stored, err := b.store.SaveMany(id, pass)
	if err != nil {
		return nil, nil, err
	}
	for j, e := range stored {
		refused[at[j]] = e
	}
	return l, refused, nil
}

// AnswerModeNotApplicable answers every question of a gated failure mode
// not applicable for a participant, in one transaction: "the whole chapter
// does not apply". reason is the mode's gate when empty; each question
// keeps the note and evidence it had. A mode without a gate is refused
// (assessment.ErrNotGated) and nothing is saved.
func (b *Backend) AnswerModeNotApplicable(id, participant, mode, reason string) (*Evaluated, error) {
	e, err := b.Load(id)
	if err != nil {
		return nil, err
	}
	answers, err := assessment.GatedModeAnswers(e.Instrument, mode, reason)
	if err != nil {
		return nil, err
	}
	p, err := e.Participant(participant)
	if err != nil {
		return nil, err
	}
	had := e.AnswersOf(p.Name)
	for qid, a := range answers {
		if old, ok := had[qid]; ok {
			a.Note, a.Evidence = old.Note, old.Evidence
			answers[qid] = a
		}
	}
	return b.Answer(id, p.Name, answers)
}

// check refuses answers that the assessment's instrument does not take.
// Unknown questions and malformed answers are left to the store, which
// names them.
func (b *Backend) check(id string, answers map[string]assessment.Answer) error {
	refused := false
	for _, a := range answers {
		refused = refused || a.Kind == assessment.NotApplicable
	}
	if !refused { // only n/a depends on the question
		return nil
	}
	inst, err := b.instrument(id)
	if err != nil {
		return err
	}
	for _, qid := range slices.Sorted(maps.Keys(answers)) {
		q, ok := inst.Question(qid)
		if !ok {
			continue
		}
		if err := answers[qid].ValidateFor(q); err != nil {
			return fmt.Errorf("%s: %w", qid, err)
		}
	}
	return nil
}

// instrument is the instrument of an assessment, read once.
func (b *Backend) instrument(id string) (*questionnaire.Instrument, error) {
	b.mu.Lock()
	inst, ok := b.instruments[id]
	b.mu.Unlock()
	if ok {
		return inst, nil
	}
	l, err := b.store.Load(id)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.instruments == nil {
		b.instruments = map[string]*questionnaire.Instrument{}
	}
	b.instruments[id] = l.Instrument
	return l.Instrument, nil
}

// RecordConsensus records the answer a workshop agreed on for a question,
// apart from the votes, and returns the workshop evaluated anew.
func (b *Backend) RecordConsensus(id, question string, a assessment.Answer) (*Evaluated, error) {
	a.Note, a.Reason, a.Evidence = strings.TrimSpace(a.Note), strings.TrimSpace(a.Reason), strings.TrimSpace(a.Evidence)
	if err := b.check(id, map[string]assessment.Answer{question: a}); err != nil {
		return nil, err
	}
	if err := b.store.SaveConsensus(id, question, a); err != nil {
		return nil, err
	}
	return b.Load(id)
}

// ClearConsensus removes the consensus recorded on a question (the
// history keeps it), so that the votes score it again, and returns the
// workshop evaluated anew.
func (b *Backend) ClearConsensus(id, question string) (*Evaluated, error) {
	if err := b.store.ClearConsensus(id, question); err != nil {
		return nil, err
	}
	return b.Load(id)
}

// AddParticipant adds someone to a workshop and returns the workshop
// loaded anew.
func (b *Backend) AddParticipant(id string, p store.Participant) (store.Participant, *Evaluated, error) {
	added, err := b.store.AddParticipant(id, p)
	if err != nil {
		return store.Participant{}, nil, err
	}
	ev, err := b.Load(id)
	return added, ev, err
}

// Own evaluates one participant's answers alone: what a workshop
// participant may see of their own before the facilitator reveals the
// room's.
func (e *Evaluated) Own(participant string) assessment.Evaluation {
	return assessment.Evaluate(assessment.Responses{Instrument: e.Instrument, Targets: e.Targets, Answers: e.AnswersOf(participant)})
}

// Report is what the reports show of the assessment.
func (e *Evaluated) Report() report.Input {
	in := report.Input{ID: e.ID, Organization: e.Organization, Title: e.Title, Scope: e.Scope, Kind: string(e.Kind),
		Status: e.Status, Date: e.UpdatedAt, Evaluation: e.Evaluation}
	function := map[string]string{}
	for _, p := range e.Participants {
		in.Participants = append(in.Participants, report.Participant{Name: p.Name, Role: p.Role, Function: p.Function})
		function[p.Name] = p.Function
	}
	if e.Kind == store.Workshop {
		for _, r := range e.Answers {
			in.Votes = append(in.Votes, report.Vote{Participant: r.Participant, Function: function[r.Participant], Question: r.Question,
				Answer: r.Answer.Value(), Reason: r.Answer.Reason, Note: r.Answer.Note, Evidence: r.Answer.Evidence})
		}
	}
	return in
}

// Instrument is the built-in instrument for an empty path, else the custom
// instrument in the file, validated.
func Instrument(path string) (*questionnaire.Instrument, error) {
	if strings.TrimSpace(path) == "" {
		return questionnaire.Default()
	}
	return questionnaire.Load(strings.TrimSpace(path))
}
