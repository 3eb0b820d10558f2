package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/files"
	"github.com/seam-dev/seam/questionnaire"
)

// MaxBundleSize bounds what import reads, and so what export writes: a
// bundle seam writes is always one it can read back. Importing one of this
// size took 17 s and 770 MB of memory (exporting it 11 s and 940 MB) on a
// 2-core machine; a workshop of 20 people answering 300 questions ten times
// over, with full notes, stays below it.
const MaxBundleSize = 128 << 20

// bundleLimit is MaxBundleSize; tests lower it.
var bundleLimit int64 = MaxBundleSize

// ReadBundle decodes and checks a bundle read from a file (see files.Read
// and MaxBundleSize). name is used in messages. Every problem is one line
// that names the place in the bundle, in the words of the file (keys,
// lists, text), not of Go; nothing is written.
func ReadBundle(name string, data []byte) (*Bundle, error) {
	b, err := decodeBundle(data)
	if err != nil {
		return nil, fmt.Errorf("%s: not a valid bundle: %w", name, err)
	}
	if err := b.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// decodeBundle reads the JSON strictly: a key twice in one object, a key
// the format does not have, a list that is null or missing and a checksum
// that does not match are refused before anything else is looked at.
func decodeBundle(data []byte) (*Bundle, error) {
	var b Bundle
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, errors.New(jsonProblem(data, err))
	}
	if dec.More() {
		return nil, errors.New("more data after the JSON document")
	}
	if err := refuseDuplicateKeys(data); err != nil {
		return nil, err
	}
	if b.Checksum != "" {
		sum, err := b.sum()
		if err != nil {
			return nil, err
		}
		if sum != b.Checksum {
			return nil, fmt.Errorf("the checksum does not match the content (%.19s…, the content gives %.19s…): the bundle was changed or damaged after export; remove the \"checksum\" key to import a bundle edited on purpose", b.Checksum, sum)
		}
	}
	for _, l := range []struct {
		key     string
		missing bool
	}{{"participants", b.Participants == nil}, {"answers", b.Answers == nil}, {"history", b.History == nil}} {
		if l.missing {
			return nil, fmt.Errorf("%s must be a list ([] when there are none), not null or missing", l.key)
		}
	}
	return &b, nil
}

// sum is the bundle's checksum: SHA-256 over the compact JSON of the
// bundle without its checksum and lists, then, after each list's name, the
// compact JSON of every item in order, one per line. Decoding and encoding
// again give the same bytes, so a changed character anywhere in a value is
// found; hashed piece by piece, a large bundle needs no second copy.
func (b *Bundle) sum() (string, error) {
	h := sha256.New()
	enc := json.NewEncoder(h)
	head := *b
	head.Checksum, head.Participants, head.Answers, head.History, head.Consensus, head.Baseline = "", nil, nil, nil, nil, nil
	head.ConsensusHistory, head.Actions, head.ActionHistory = nil, nil, nil
	if err := enc.Encode(&head); err != nil {
		return "", fmt.Errorf("encoding the bundle: %w", err)
	}
	encodeAll := func(name string, n int, item func(int) any) error {
		fmt.Fprintln(h, name)
		for i := range n {
			if err := enc.Encode(item(i)); err != nil {
				return fmt.Errorf("encoding the bundle's %s: %w", name, err)
			}
		}
		return nil
	}
	for _, err := range []error{
		encodeAll("participants", len(b.Participants), func(i int) any { return &b.Participants[i] }),
		encodeAll("answers", len(b.Answers), func(i int) any { return &b.Answers[i] }),
		encodeAll("history", len(b.History), func(i int) any { return &b.History[i] }),
		encodeAll("consensus", len(b.Consensus), func(i int) any { return &b.Consensus[i] }),
	} {
		if err != nil {
			return "", err
		}
	}
	// Only a bundle with a baseline, a consensus history or a register
	// hashes it, so that the checksum of every bundle written before
	// there was one stays the same.
	if len(b.Baseline) > 0 {
		if err := encodeAll("baseline", len(b.Baseline), func(i int) any { return &b.Baseline[i] }); err != nil {
			return "", err
		}
	}
	if len(b.ConsensusHistory) > 0 {
		if err := encodeAll("consensus_history", len(b.ConsensusHistory), func(i int) any { return &b.ConsensusHistory[i] }); err != nil {
			return "", err
		}
	}
	if len(b.Actions) > 0 || len(b.ActionHistory) > 0 {
		if err := encodeAll("actions", len(b.Actions), func(i int) any { return &b.Actions[i] }); err != nil {
			return "", err
		}
		if err := encodeAll("action_history", len(b.ActionHistory), func(i int) any { return &b.ActionHistory[i] }); err != nil {
			return "", err
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// refuseDuplicateKeys scans JSON that the decoder accepted and refuses an
// object that has a key twice: a decoder keeps the last silently, so what
// a person reads in the file would not be what seam imports. It is one
// pass over the bytes; objects in a bundle are small, so each object's
// keys are compared in a short list.
func refuseDuplicateKeys(data []byte) error {
	type level struct {
		object bool
		keys   []string
	}
	var stack []level
	expectKey := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '{':
			stack = append(stack, level{object: true})
			expectKey = true
		case '[':
			stack = append(stack, level{})
			expectKey = false
		case '}', ']':
			stack = stack[:len(stack)-1]
			expectKey = false
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1].object
		case ':':
			expectKey = false
		case '"':
			start := i
			escaped := false
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					escaped = true
					i++
				}
			}
			if !expectKey {
				continue
			}
			key := string(data[start+1 : i])
			if escaped {
				_ = json.Unmarshal(data[start:i+1], &key) // "\u0061" is "a"
			}
			top := &stack[len(stack)-1]
			if slices.Contains(top.keys, key) {
				return fmt.Errorf("line %d: the key %q appears twice in one object", lineAt(data, int64(start)), key)
			}
			top.keys = append(top.keys, key)
		}
	}
	return nil
}

// jsonProblem says what is wrong with the JSON and where, in the file's
// words.
func jsonProblem(data []byte, err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the file is truncated (the JSON document ends early)"
	case errors.As(err, &syntax):
		return fmt.Sprintf("line %d: %s", lineAt(data, syntax.Offset), strings.TrimPrefix(syntax.Error(), "json: "))
	case errors.As(err, &typ):
		where := typ.Field
		if where == "" {
			where = "the bundle"
		}
		return fmt.Sprintf("line %d: %s must be %s, not %s", lineAt(data, typ.Offset), where, kindOfType(typ.Type), kindOfValue(typ.Value))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "unknown key " + strings.TrimPrefix(err.Error(), "json: unknown field ") + " (a bundle from a newer seam, or a typing mistake)"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// kindOfType names what a bundle field holds, as JSON calls it.
func kindOfType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "an object"
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	}
	return "another kind of value"
}

// kindOfValue names a JSON value the decoder found ("number 1.5" stays).
func kindOfValue(v string) string {
	switch v {
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "string":
		return "text"
	case "bool":
		return "true or false"
	case "number":
		return "a number"
	}
	return v
}

func lineAt(data []byte, offset int64) int {
	return bytes.Count(data[:min(int(offset), len(data))], []byte("\n")) + 1
}

// check validates a decoded bundle, writes every time as seam stores it
// (UTC to the microsecond) and keeps the parsed instrument for Import. The
// instrument is bounded before it is parsed, and parsed before any answer
// is looked at.
func (b *Bundle) check() error {
	if b.Format != BundleFormat {
		return fmt.Errorf("not a seam bundle (format %q, want %q)", b.Format, BundleFormat)
	}
	if b.Version == 0 {
		return errors.New("missing field: version (1 or 2)")
	}
	if b.Version != 1 && b.Version != BundleVersion {
		return fmt.Errorf("bundle version %d is not supported (this seam reads versions 1 and %d)", b.Version, BundleVersion)
	}
	if b.Instrument == nil || b.Assessment == nil {
		return errors.New("missing field: the bundle needs both \"instrument\" and \"assessment\"")
	}
	if b.Instrument.Body == "" || b.Instrument.Hash == "" {
		return errors.New("missing field: instrument.body and instrument.hash are required")
	}
	if n := len(b.Instrument.Body); n > questionnaire.MaxFileSize {
		return fmt.Errorf("instrument.body is %d bytes, more than the %s an instrument may be", n, files.Size(questionnaire.MaxFileSize))
	}
	inst, err := questionnaire.Parse("instrument.body", []byte(b.Instrument.Body))
	if err != nil {
		return fmt.Errorf("instrument: %w", err)
	}
	if inst.Hash() != b.Instrument.Hash {
		return fmt.Errorf("inconsistent: instrument.hash %.12s… does not match its body (%s…)", b.Instrument.Hash, inst.ShortHash())
	}
	a := b.Assessment
	for _, f := range []struct{ name, value string }{{"assessment.id", a.ID}, {"assessment.organization", a.Organization},
		{"assessment.kind", a.Kind}, {"assessment.status", a.Status}, {"assessment.created_at", a.CreatedAt}, {"assessment.updated_at", a.UpdatedAt}} {
		if strings.TrimSpace(f.value) == "" {
			return fmt.Errorf("missing field: %s", f.name)
		}
	}
	if !validID(a.ID) {
		return fmt.Errorf("assessment.id %q is not a seam id (%d characters from %s)", a.ID, IDLength, idAlphabet)
	}
	if a.Kind != string(Self) && a.Kind != string(Workshop) {
		return fmt.Errorf("assessment.kind must be self or workshop, not %q", a.Kind)
	}
	if a.Status != InProgress && a.Status != Complete {
		return fmt.Errorf("assessment.status must be %s or %s, not %q", InProgress, Complete, a.Status)
	}
	if err := (NewAssessment{Organization: a.Organization, Title: a.Title, Scope: a.Scope, Kind: AssessmentKind(a.Kind), Instrument: inst,
		Targets: a.Targets, Respondent: Participant{Name: "-", Function: "other"}}).Validate(); err != nil {
		return fmt.Errorf("assessment: %w", err)
	}
	if a.Capacity != nil {
		if err := CheckCapacity(*a.Capacity); err != nil {
			return fmt.Errorf("assessment.%w", err)
		}
	}
	for _, t := range []struct {
		name  string
		value *string
	}{{"assessment.created_at", &a.CreatedAt}, {"assessment.updated_at", &a.UpdatedAt}} {
		if err := normalTime(t.value); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	names := map[string]bool{}
	for i := range b.Participants {
		p := &b.Participants[i]
		if err := validateParticipant(Participant{Name: p.Name, Role: p.Role, Function: p.Function}); err != nil {
			return fmt.Errorf("participants[%d]: %w", i, err)
		}
		if names[p.Name] {
			return fmt.Errorf("participants[%d]: duplicate name %q", i, p.Name)
		}
		if err := normalTime(&p.CreatedAt); err != nil {
			return fmt.Errorf("participants[%d]: created_at: %w", i, err)
		}
		names[p.Name] = true
	}
	if a.Kind == string(Self) && len(b.Participants) != 1 {
		return fmt.Errorf("inconsistent: a self-assessment has one participant, this one has %d", len(b.Participants))
	}
	seen := map[[2]string]bool{}
	for i := range b.Answers {
		r := &b.Answers[i]
		if err := r.check(inst, names); err != nil {
			return fmt.Errorf("answers[%d]: %w", i, err)
		}
		key := [2]string{r.Participant, r.Question}
		if seen[key] {
			return fmt.Errorf("answers[%d]: duplicate answer of %q to %s", i, r.Participant, r.Question)
		}
		seen[key] = true
	}
	for i := range b.History {
		r := &b.History[i]
		if err := r.check(inst, names); err != nil {
			return fmt.Errorf("history[%d]: %w", i, err)
		}
	}
	agreed := map[string]bool{}
	for i := range b.Consensus {
		r := &b.Consensus[i]
		if err := r.check(inst, map[string]bool{"": true}); err != nil {
			return fmt.Errorf("consensus[%d]: %w", i, err)
		}
		if agreed[r.Question] {
			return fmt.Errorf("consensus[%d]: a second consensus for %s", i, r.Question)
		}
		agreed[r.Question] = true
	}
	if (len(b.Consensus) > 0 || len(b.ConsensusHistory) > 0) && a.Kind != string(Workshop) {
		return errors.New("inconsistent: only a workshop can carry a consensus")
	}
	if len(b.ConsensusHistory) > 0 {
		if err := checkConsensusHistory(inst, b.Consensus, b.ConsensusHistory); err != nil {
			return err
		}
	}
	if err := checkBundleBaseline(inst, b.Baseline); err != nil {
		return err
	}
	if err := checkBundleChain(b, inst); err != nil {
		return err
	}
	b.instrument = inst
	return nil
}

// checkBundleBaseline checks the baseline chapter a bundle carries
// against the bundle's own instrument: known figures, each once, a value
// or dont_know that fits the figure's unit, parts within their wholes.
func checkBundleBaseline(inst *questionnaire.Instrument, figures []BundleFigure) error {
	set := map[string]assessment.BaselineValue{}
	for i := range figures {
		f := &figures[i]
		fg, err := assessment.Figure(inst, f.Figure)
		if err != nil {
			return fmt.Errorf("baseline[%d]: %w", i, err)
		}
		if _, twice := set[f.Figure]; twice {
			return fmt.Errorf("baseline[%d]: %s is recorded twice", i, f.Figure)
		}
		if (f.Value == nil) == !f.DontKnow {
			return fmt.Errorf("baseline[%d]: %s: give either a value or dont_know: true", i, f.Figure)
		}
		v := f.value()
		if err := assessment.CheckValue(fg, v); err != nil {
			return fmt.Errorf("baseline[%d]: %w", i, err)
		}
		if err := normalTime(&f.At); err != nil {
			return fmt.Errorf("baseline[%d]: %s: at: %w", i, f.Figure, err)
		}
		set[f.Figure] = v
	}
	if err := assessment.CheckBaseline(inst, set); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

func (r *BundleAnswer) check(inst *questionnaire.Instrument, participants map[string]bool) error {
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
	if err := normalTime(&r.At); err != nil {
		return fmt.Errorf("%s: at: %w", r.Question, err)
	}
	return nil
}

// normalTime reads a time as bundles carry it, RFC 3339 with any offset
// (seam writes UTC) from 1970 on, and writes it back as timestamp does, in
// UTC to the microsecond, so that every time in the database sorts as
// text.
func normalTime(s *string) error {
	t, err := time.Parse(time.RFC3339Nano, *s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not an RFC 3339 time such as 2026-11-02T10:00:00Z", *s)
	case t.Year() < 1970:
		return fmt.Errorf("%q is before 1970, not a time seam wrote", *s)
	}
	*s = timestamp(t)
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
