package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/files"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
)

// BundleFormat and BundleVersion identify an export bundle: export writes
// version 2, import reads versions 1 and 2 and refuses any other. Version
// 2 adds the chain link (assessment.previous) and the action register;
// version 1 bundles have neither, and import as before.
const (
	BundleFormat  = "seam.bundle"
	BundleVersion = 2
)

// Bundle is a whole assessment as portable JSON: the instrument it was
// answered against, the assessment, its participants, answers and history.
type Bundle struct {
	Format     string `json:"format"`
	Version    int    `json:"version"`
	ExportedAt string `json:"exported_at"`
	// Checksum is "sha256:" and the hex SHA-256 of the bundle's compact
	// JSON without it (see sum). Export writes it; import checks it when
	// present, so a bundle edited by hand can drop it.
	Checksum     string              `json:"checksum,omitempty"`
	Instrument   *BundleInstrument   `json:"instrument"`
	Assessment   *BundleAssessment   `json:"assessment"`
	Participants []BundleParticipant `json:"participants"`
	Answers      []BundleAnswer      `json:"answers"`
	History      []BundleAnswer      `json:"history"`
	// Consensus is what a workshop agreed per question (participant empty).
	Consensus []BundleAnswer `json:"consensus,omitempty"`
	// ConsensusHistory is every consensus recorded, changed or cleared,
	// in recorded order; each question's last entry is its consensus, or
	// cleared when it has none. Absent when nothing was ever agreed (and
	// in bundles from before it: import then starts it with Consensus).
	ConsensusHistory []BundleConsensusChange `json:"consensus_history,omitempty"`
	// Baseline is the baseline chapter as recorded, in the instrument's
	// order; absent when nothing is (and in bundles from before it).
	Baseline []BundleFigure `json:"baseline,omitempty"`
	// Actions is the action register as it stands, in the instrument's
	// order, and ActionHistory every state recorded, oldest first (version
	// 2; absent when nothing was adopted).
	Actions       []BundleAction `json:"actions,omitempty"`
	ActionHistory []BundleAction `json:"action_history,omitempty"`

	instrument *questionnaire.Instrument // parsed by check: the bundle is checked
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
	// Capacity is the plan's effort points per horizon; absent when the
	// assessment keeps the default (bundles before it had none).
	Capacity  *int   `json:"capacity,omitempty"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
	// Previous is the id of the assessment this one follows up (version
	// 2), a reference: see Import.
	Previous string `json:"previous,omitempty"`
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

// BundleFigure is one recorded figure of the baseline chapter: a value in
// the figure's unit, or dont_know.
type BundleFigure struct {
	Figure   string   `json:"figure"`
	Value    *float64 `json:"value,omitempty"`
	DontKnow bool     `json:"dont_know,omitempty"`
	At       string   `json:"at"`
}

func (f BundleFigure) value() assessment.BaselineValue {
	if f.Value == nil {
		return assessment.BaselineValue{DontKnow: f.DontKnow}
	}
	return assessment.BaselineValue{Value: *f.Value, DontKnow: f.DontKnow}
}

// Export builds the bundle of an assessment. It reads one snapshot of the
// database: a change another seam commits meanwhile is in all of the
// bundle or in none of it, so the answers end their history and the
// register its log, as import requires.
func (s *Store) Export(id string) (*Bundle, error) {
	var b *Bundle
	err := s.read(func(q querier) error {
		var err error
		b, err = s.export(q, id)
		return err
	})
	if err != nil {
		return nil, describe(s.path, err)
	}
	return b, nil
}

func (s *Store) export(q querier, id string) (*Bundle, error) {
	l, err := s.load(q, id)
	if err != nil {
		return nil, err
	}
	history, err := history(q, l)
	if err != nil {
		return nil, err
	}
	b := &Bundle{
		Format: BundleFormat, Version: BundleVersion, ExportedAt: timestamp(s.now()),
		Instrument: &BundleInstrument{ID: l.Instrument.ID, Version: l.Instrument.Version, Hash: l.Instrument.Hash(), Body: string(l.Instrument.Body())},
		Assessment: &BundleAssessment{
			ID: l.ID, Organization: l.Organization, Title: l.Title, Scope: l.Scope, Kind: string(l.Kind), Status: l.Status,
			Targets: l.Targets, CreatedAt: timestamp(l.CreatedAt), UpdatedAt: timestamp(l.UpdatedAt), Previous: l.Previous,
		},
		Participants: []BundleParticipant{}, Answers: []BundleAnswer{}, History: []BundleAnswer{},
	}
	if l.Capacity != 0 {
		capacity := l.Capacity
		b.Assessment.Capacity = &capacity
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
	consensus, recorded, err := loadConsensus(q, l.Instrument, id)
	if err != nil {
		return nil, err
	}
	for _, qid := range sortedKeys(consensus) {
		b.Consensus = append(b.Consensus, bundleAnswer("", qid, consensus[qid], recorded[qid]))
	}
	if err := exportConsensusHistory(q, l.Instrument, id, consensus, recorded, b); err != nil {
		return nil, err
	}
	baseline, measured, err := loadBaseline(q, l.Instrument, id)
	if err != nil {
		return nil, err
	}
	for _, fg := range l.Instrument.Baseline {
		v, ok := baseline[fg.ID]
		if !ok {
			continue
		}
		f := BundleFigure{Figure: fg.ID, DontKnow: v.DontKnow, At: timestamp(measured[fg.ID])}
		if !v.DontKnow {
			f.Value = &v.Value
		}
		b.Baseline = append(b.Baseline, f)
	}
	if err := exportActions(q, l.Instrument, id, b); err != nil {
		return nil, err
	}
	return b, nil
}

// Encode writes the bundle as indented JSON with its checksum. Text is
// kept exactly; characters that act on a terminal are written as \u
// escapes (safetext.JSONEscape). A bundle larger than import reads is
// refused, so every bundle seam writes is one it can read back.
func (b *Bundle) Encode() ([]byte, error) {
	b.Checksum = ""
	sum, err := b.sum()
	if err != nil {
		return nil, err
	}
	b.Checksum = sum
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding the bundle: %w", err)
	}
	data = append(safetext.JSONEscape(data), '\n')
	if n := int64(len(data)); n > bundleLimit {
		return nil, fmt.Errorf("the bundle of %s would be %s, more than the %s seam import reads; nothing was written",
			b.Assessment.ID, files.Size(n), files.Size(bundleLimit))
	}
	return data, nil
}

func bundleAnswer(participant, question string, a assessment.Answer, at time.Time) BundleAnswer {
	return BundleAnswer{Participant: participant, Question: question, Answer: a.Value(), Reason: a.Reason, Note: a.Note, Evidence: a.Evidence, At: timestamp(at)}
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

// Import stores a bundle in one transaction: everything or nothing. A
// bundle ReadBundle returned is checked; any other (the demo's) is checked
// here first, so that what is stored is always what check accepts. A
// follow-up is linked to its previous assessment when that one is in the
// database and has no follow-up yet, and stored without the link
// otherwise (ImportAll says which).
func (s *Store) Import(b *Bundle, opts ImportOptions) (string, error) {
	if b.instrument == nil {
		if err := b.check(); err != nil {
			return "", err
		}
	}
	var id string
	err := s.write(func(tx *sql.Tx) error {
		var err error
		if id, err = s.importBundle(tx, b, opts); err != nil {
			return err
		}
		_, err = linkImported(tx, []link{{id, b.Assessment.Previous}}, nil)
		return err
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// importBundle writes a checked bundle in the transaction tx and returns
// the id it was stored under.
func (s *Store) importBundle(tx *sql.Tx, b *Bundle, opts ImportOptions) (string, error) {
	inst := b.instrument
	id := b.Assessment.ID
	var taken int
	if err := tx.QueryRow("SELECT count(*) FROM assessments WHERE id = ?", id).Scan(&taken); err != nil {
		return "", err
	}
	if taken > 0 && !opts.AsNew {
		return "", refuse("assessment %s is %w (was this bundle imported before?)", id, ErrExists)
	}
	if taken > 0 {
		var err error
		if id, err = unusedID(tx); err != nil {
			return "", err
		}
	}
	if err := putInstrument(tx, inst, s.now()); err != nil {
		return "", err
	}
	// check wrote every time as timestamp does.
	a := b.Assessment
	created, _ := time.Parse(time.RFC3339Nano, a.CreatedAt)
	updated, _ := time.Parse(time.RFC3339Nano, a.UpdatedAt)
	capacity := 0
	if a.Capacity != nil {
		capacity = *a.Capacity
	}
	if err := insertAssessment(tx, Assessment{ID: id, Organization: a.Organization, Title: a.Title, Scope: a.Scope, Kind: AssessmentKind(a.Kind),
		Status: a.Status, InstrumentHash: inst.Hash(), Targets: a.Targets, Capacity: capacity, CreatedAt: created, UpdatedAt: updated}); err != nil {
		return "", err
	}
	pids := map[string]int64{}
	for _, p := range b.Participants {
		created, _ := time.Parse(time.RFC3339Nano, p.CreatedAt)
		pid, err := insertParticipant(tx, id, Participant{Name: p.Name, Role: p.Role, Function: p.Function, CreatedAt: created}, s.now())
		if err != nil {
			return "", err
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
			return "", err
		}
	}
	for _, r := range b.Answers {
		if l, ok := last[[2]string{r.Participant, r.Question}]; ok && l.sameAnswer(r) {
			continue
		}
		if err := log(r); err != nil {
			return "", err
		}
	}
	revision, err := importActions(tx, id, b, revision)
	if err != nil {
		return "", err
	}
	if _, err := tx.Exec("UPDATE assessments SET revision = ? WHERE id = ?", revision, id); err != nil {
		return "", err
	}
	if err := importConsensus(tx, id, b); err != nil {
		return "", err
	}
	for _, f := range b.Baseline {
		v := f.value()
		if err := writeFigure(tx, id, f.Figure, &v, f.At); err != nil {
			return "", err
		}
	}
	s.remember(inst)
	if err := s.refreshSummary(tx, id); err != nil {
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
