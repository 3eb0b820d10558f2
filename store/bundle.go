package store

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// BundleFormat and BundleVersion identify an export bundle. Import refuses
// any other version.
const (
	BundleFormat  = "seam.bundle"
	BundleVersion = 1
)

// Bundle is a whole assessment as portable JSON: the instrument it was
// answered against, the assessment, its participants, answers and history.
type Bundle struct {
	Format       string              `json:"format"`
	Version      int                 `json:"version"`
	ExportedAt   string              `json:"exported_at"`
	Instrument   *BundleInstrument   `json:"instrument"`
	Assessment   *BundleAssessment   `json:"assessment"`
	Participants []BundleParticipant `json:"participants"`
	Answers      []BundleAnswer      `json:"answers"`
	History      []BundleAnswer      `json:"history"`
	// Consensus is what a workshop agreed per question (participant empty).
	Consensus []BundleAnswer `json:"consensus,omitempty"`
}

// BundleInstrument carries the instrument's full body.
type BundleInstrument struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
	Body    string `json:"body"`
}

// BundleAssessment is the assessment's own record.
type BundleAssessment struct {
	ID           string         `json:"id"`
	Organization string         `json:"organization"`
	Title        string         `json:"title"`
	Scope        string         `json:"scope"`
	Kind         string         `json:"kind"`
	Status       string         `json:"status"`
	Targets      map[string]int `json:"targets"`
	CreatedAt    string         `json:"created_at"`
	UpdatedAt    string         `json:"updated_at"`
}

// BundleParticipant is a participant, referred to by name in answers.
type BundleParticipant struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	Function  string `json:"function"`
	CreatedAt string `json:"created_at"`
}

// BundleAnswer is a current answer or a history entry.
type BundleAnswer struct {
	Participant string `json:"participant"`
	Question    string `json:"question"`
	Answer      string `json:"answer"` // 1-5, dont-know or n/a
	Reason      string `json:"na_reason,omitempty"`
	Note        string `json:"note,omitempty"`
	Evidence    string `json:"evidence,omitempty"`
	At          string `json:"at"`
}

// Export builds the bundle of an assessment.
func (s *Store) Export(id string) (*Bundle, error) {
	l, err := s.Load(id)
	if err != nil {
		return nil, err
	}
	history, err := s.History(id)
	if err != nil {
		return nil, err
	}
	b := &Bundle{
		Format: BundleFormat, Version: BundleVersion, ExportedAt: timestamp(s.now()),
		Instrument: &BundleInstrument{ID: l.Instrument.ID, Version: l.Instrument.Version, Hash: l.Instrument.Hash(), Body: string(l.Instrument.Body())},
		Assessment: &BundleAssessment{
			ID: l.ID, Organization: l.Organization, Title: l.Title, Scope: l.Scope, Kind: string(l.Kind), Status: l.Status,
			Targets: l.Targets, CreatedAt: timestamp(l.CreatedAt), UpdatedAt: timestamp(l.UpdatedAt),
		},
		Participants: []BundleParticipant{}, Answers: []BundleAnswer{}, History: []BundleAnswer{},
	}
	for _, p := range l.Participants {
		b.Participants = append(b.Participants, BundleParticipant{Name: p.Name, Role: p.Role, Function: p.Function, CreatedAt: timestamp(p.CreatedAt)})
	}
	for _, r := range l.Answers {
		b.Answers = append(b.Answers, bundleAnswer(r.Participant, r.Question, r.Answer, r.At))
	}
	for _, h := range history {
		b.History = append(b.History, bundleAnswer(h.Participant, h.Question, h.Answer, h.At))
	}
	for _, q := range sortedKeys(l.Consensus) {
		b.Consensus = append(b.Consensus, bundleAnswer("", q, l.Consensus[q], l.UpdatedAt))
	}
	return b, nil
}

func bundleAnswer(participant, question string, a assessment.Answer, at time.Time) BundleAnswer {
	return BundleAnswer{Participant: participant, Question: question, Answer: a.Value(), Reason: a.Reason, Note: a.Note, Evidence: a.Evidence, At: timestamp(at)}
}

// MaxBundleSize bounds what import reads.
const MaxBundleSize = 64 << 20

// ReadBundle decodes and checks a bundle read from a file (see
// files.Read and MaxBundleSize). name is used in messages. Every problem
// names the place in the bundle; nothing is written.
func ReadBundle(name string, data []byte) (*Bundle, *questionnaire.Instrument, error) {
	var b Bundle
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&b); err != nil {
		return nil, nil, fmt.Errorf("%s: not a valid bundle: %s", name, jsonProblem(data, err))
	}
	if dec.More() {
		return nil, nil, fmt.Errorf("%s: not a valid bundle: more data after the JSON document", name)
	}
	inst, err := b.check()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return &b, inst, nil
}

// jsonProblem says where JSON decoding failed, as a line number.
func jsonProblem(data []byte, err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the file is truncated (the JSON document ends early)"
	case errors.As(err, &syntax):
		return fmt.Sprintf("line %d: %v", lineAt(data, syntax.Offset), syntax)
	case errors.As(err, &typ):
		return fmt.Sprintf("line %d: %s must be %s, not %s", lineAt(data, typ.Offset), typ.Field, typ.Type, typ.Value)
	}
	return err.Error()
}

func lineAt(data []byte, offset int64) int {
	return bytes.Count(data[:min(int(offset), len(data))], []byte("\n")) + 1
}

// check validates a decoded bundle and returns its instrument.
func (b *Bundle) check() (*questionnaire.Instrument, error) {
	if b.Format != BundleFormat {
		return nil, fmt.Errorf("not a seam bundle (format %q, want %q)", b.Format, BundleFormat)
	}
	if b.Version != BundleVersion {
		return nil, fmt.Errorf("bundle version %d is not supported (this seam reads version %d)", b.Version, BundleVersion)
	}
	if b.Instrument == nil || b.Assessment == nil {
		return nil, errors.New("missing field: the bundle needs both \"instrument\" and \"assessment\"")
	}
	if b.Instrument.Body == "" || b.Instrument.Hash == "" {
		return nil, errors.New("missing field: instrument.body and instrument.hash are required")
	}
	inst, err := questionnaire.Parse("instrument.body", []byte(b.Instrument.Body))
	if err != nil {
		return nil, fmt.Errorf("instrument: %w", err)
	}
	if inst.Hash() != b.Instrument.Hash {
		return nil, fmt.Errorf("inconsistent: instrument.hash %.12s… does not match its body (%s…)", b.Instrument.Hash, inst.ShortHash())
	}
	a := b.Assessment
	for _, f := range []struct{ name, value string }{{"assessment.id", a.ID}, {"assessment.organization", a.Organization},
		{"assessment.kind", a.Kind}, {"assessment.status", a.Status}, {"assessment.created_at", a.CreatedAt}, {"assessment.updated_at", a.UpdatedAt}} {
		if strings.TrimSpace(f.value) == "" {
			return nil, fmt.Errorf("missing field: %s", f.name)
		}
	}
	if a.Kind != string(Self) && a.Kind != string(Workshop) {
		return nil, fmt.Errorf("assessment.kind must be self or workshop, not %q", a.Kind)
	}
	if a.Status != InProgress && a.Status != Complete {
		return nil, fmt.Errorf("assessment.status must be %s or %s, not %q", InProgress, Complete, a.Status)
	}
	if err := (NewAssessment{Organization: a.Organization, Title: a.Title, Scope: a.Scope, Kind: AssessmentKind(a.Kind), Instrument: inst,
		Targets: a.Targets, Respondent: Participant{Name: "-", Function: "other"}}).Validate(); err != nil {
		return nil, fmt.Errorf("assessment: %w", err)
	}
	for _, t := range []struct{ name, value string }{{"assessment.created_at", a.CreatedAt}, {"assessment.updated_at", a.UpdatedAt}} {
		if _, err := time.Parse(time.RFC3339Nano, t.value); err != nil {
			return nil, fmt.Errorf("%s: not a time: %q", t.name, t.value)
		}
	}
	names := map[string]bool{}
	for i, p := range b.Participants {
		if err := validateParticipant(Participant{Name: p.Name, Role: p.Role, Function: p.Function}); err != nil {
			return nil, fmt.Errorf("participants[%d]: %w", i, err)
		}
		if names[p.Name] {
			return nil, fmt.Errorf("participants[%d]: duplicate name %q", i, p.Name)
		}
		names[p.Name] = true
	}
	if a.Kind == string(Self) && len(b.Participants) != 1 {
		return nil, fmt.Errorf("inconsistent: a self-assessment has one participant, this one has %d", len(b.Participants))
	}
	seen := map[[2]string]bool{}
	for i, r := range b.Answers {
		if err := r.check(inst, names); err != nil {
			return nil, fmt.Errorf("answers[%d]: %w", i, err)
		}
		key := [2]string{r.Participant, r.Question}
		if seen[key] {
			return nil, fmt.Errorf("answers[%d]: duplicate answer of %q to %s", i, r.Participant, r.Question)
		}
		seen[key] = true
	}
	for i, r := range b.History {
		if err := r.check(inst, names); err != nil {
			return nil, fmt.Errorf("history[%d]: %w", i, err)
		}
	}
	agreed := map[string]bool{}
	for i, r := range b.Consensus {
		if err := r.check(inst, map[string]bool{"": true}); err != nil {
			return nil, fmt.Errorf("consensus[%d]: %w", i, err)
		}
		if agreed[r.Question] {
			return nil, fmt.Errorf("consensus[%d]: a second consensus for %s", i, r.Question)
		}
		agreed[r.Question] = true
	}
	if len(b.Consensus) > 0 && a.Kind != string(Workshop) {
		return nil, errors.New("inconsistent: only a workshop can carry a consensus")
	}
	return inst, nil
}

func (r BundleAnswer) check(inst *questionnaire.Instrument, participants map[string]bool) error {
	if !participants[r.Participant] {
		return fmt.Errorf("unknown participant %q", r.Participant)
	}
	if _, ok := inst.Question(r.Question); !ok {
		return fmt.Errorf("unknown question id %q", r.Question)
	}
	a, err := r.answer()
	if err != nil {
		return fmt.Errorf("%s: %w", r.Question, err)
	}
	if err := a.Validate(); err != nil {
		return fmt.Errorf("%s: %w", r.Question, err)
	}
	if _, err := time.Parse(time.RFC3339Nano, r.At); err != nil {
		return fmt.Errorf("%s: at: not a time: %q", r.Question, r.At)
	}
	return nil
}

func (r BundleAnswer) answer() (assessment.Answer, error) {
	a, err := assessment.ParseValue(r.Answer)
	if err != nil {
		return a, fmt.Errorf("answer %w", err)
	}
	a.Reason, a.Note, a.Evidence = r.Reason, r.Note, r.Evidence
	return a, nil
}

// sameAnswer reports whether two entries give the same answer, whenever.
func (r BundleAnswer) sameAnswer(o BundleAnswer) bool {
	r.At, o.At = "", ""
	return r == o
}

// ImportOptions says how to treat a bundle whose assessment id is taken.
type ImportOptions struct {
	// AsNew imports under a fresh id instead of refusing when the id is
	// already in the database (for example when the same bundle is
	// imported twice).
	AsNew bool
}

// ErrExists is returned when the bundle's assessment id is already stored.
var ErrExists = errors.New("already in the database")

// Import stores a checked bundle in one transaction: everything or nothing.
func (s *Store) Import(b *Bundle, inst *questionnaire.Instrument, opts ImportOptions) (string, error) {
	var id string
	err := s.write(func(tx *sql.Tx) error {
		id = b.Assessment.ID
		var taken int
		if err := tx.QueryRow("SELECT count(*) FROM assessments WHERE id = ?", id).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 && !opts.AsNew {
			return refuse("assessment %s is %w (was this bundle imported before?)", id, ErrExists)
		}
		if taken > 0 || !validID(id) {
			var err error
			if id, err = unusedID(tx); err != nil {
				return err
			}
		}
		if err := putInstrument(tx, inst, s.now()); err != nil {
			return err
		}
		a := b.Assessment
		created, _ := time.Parse(time.RFC3339Nano, a.CreatedAt)
		updated, _ := time.Parse(time.RFC3339Nano, a.UpdatedAt)
		if err := insertAssessment(tx, Assessment{ID: id, Organization: a.Organization, Title: a.Title, Scope: a.Scope, Kind: AssessmentKind(a.Kind),
			Status: a.Status, InstrumentHash: inst.Hash(), Targets: a.Targets, CreatedAt: created, UpdatedAt: updated}); err != nil {
			return err
		}
		pids := map[string]int64{}
		for _, p := range b.Participants {
			created, _ := time.Parse(time.RFC3339Nano, p.CreatedAt)
			pid, err := insertParticipant(tx, id, Participant{Name: p.Name, Role: p.Role, Function: p.Function, CreatedAt: created}, s.now())
			if err != nil {
				return err
			}
			pids[p.Name] = pid
		}
		// The history is logged in its order, a revision each; a current
		// answer its history does not end with is logged after it.
		revision := int64(0)
		last := map[[2]string]BundleAnswer{}
		log := func(r BundleAnswer) error {
			a, _ := r.answer()
			revision++
			last[[2]string{r.Participant, r.Question}] = r
			return logAnswer(tx, id, pids[r.Participant], r.Question, a, r.At, revision)
		}
		for _, r := range b.History {
			if err := log(r); err != nil {
				return err
			}
		}
		for _, r := range b.Answers {
			if l, ok := last[[2]string{r.Participant, r.Question}]; ok && l.sameAnswer(r) {
				continue
			}
			if err := log(r); err != nil {
				return err
			}
		}
		if _, err := tx.Exec("UPDATE assessments SET revision = ? WHERE id = ?", revision, id); err != nil {
			return err
		}
		for _, r := range b.Consensus {
			a, _ := r.answer()
			if _, err := tx.Exec(`INSERT INTO consensus (assessment_id, question_id, kind, level, reason, note, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, id, r.Question, a.Kind.String(), levelValue(a), a.Reason, a.Note, r.At); err != nil {
				return err
			}
		}
		s.remember(inst)
		return s.refreshSummary(tx, id)
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

func validID(id string) bool {
	if len(id) != IDLength {
		return false
	}
	for _, r := range id {
		if !strings.ContainsRune(idAlphabet, r) {
			return false
		}
	}
	return true
}

// sortedKeys lists a map's keys in order, so output does not depend on map order.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
