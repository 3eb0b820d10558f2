package assessment

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/seam-dev/seam/questionnaire"
)

// AnswersFile is the content of an answers file: one respondent's answers,
// with optional context and per-mode targets.
type AnswersFile struct {
	Organization string
	Title        string
	Respondent   string
	Targets      map[string]int
	Answers      map[string]Answer
	// Baseline holds the figures of the baseline chapter the file
	// records, by figure id; figures left out are left as they are.
	Baseline map[string]BaselineValue
}

// ParseAnswersFile reads an answers file (YAML) against an instrument. Every
// problem is reported with its line in a *questionnaire.FileError; file is
// used only in messages.
//
//	organization: Acme      # optional
//	title: Q3 self-check    # optional
//	respondent: Jo Smith    # optional
//	targets: {m6: 5}        # optional, per mode, 1-5 (default 4)
//	answers:
//	  m1.q1: 3
//	  m1.q2: {level: 2, note: "...", evidence: "wiki/governance"}
//	  m3.q1: dont-know
//	  m5.q2: {level: n/a, reason: "no outside partners"}  # where the instrument allows n/a
//	  m4: n/a                 # a gated mode as a whole, the gate as the reason
//	baseline:                 # optional: the instrument's baseline figures
//	  integrations: 140
//	  point-to-point: 90      # a part is never more than its whole
//	  data-trust: dont-know   # or "don't know"
func ParseAnswersFile(file string, data []byte, inst *questionnaire.Instrument) (AnswersFile, error) {
	r := &questionnaire.NodeReader{}
	af := AnswersFile{Targets: map[string]int{}, Answers: map[string]Answer{}, Baseline: map[string]BaselineValue{}}
	root := r.Document(data)
	if root != nil {
		f := r.Mapping(root, "answers file", []string{"organization", "title", "respondent", "instrument", "targets", "answers", "baseline"}, []string{"answers"})
		if f != nil {
			af.Organization = r.OptionalText(f["organization"], "organization")
			af.Title = r.OptionalText(f["title"], "title")
			af.Respondent = r.OptionalText(f["respondent"], "respondent")
			if id := r.OptionalText(f["instrument"], "instrument"); id != "" && id != inst.ID && !strings.HasPrefix(inst.Hash(), id) {
				r.Errorf(f["instrument"], "answers are for instrument %q, but the instrument in use is %q (hash %s)", id, inst.ID, inst.ShortHash())
			}
			readTargets(r, f["targets"], inst, af.Targets)
			readAnswers(r, f["answers"], inst, af.Answers)
			readBaseline(r, f["baseline"], inst, af.Baseline)
		}
	}
	if err := r.Err(file); err != nil {
		return AnswersFile{}, err
	}
	return af, nil
}

func readTargets(r *questionnaire.NodeReader, n *yaml.Node, inst *questionnaire.Instrument, out map[string]int) {
	if n == nil || n.Tag == "!!null" {
		return
	}
	for _, f := range r.Pairs(n, "targets") {
		if _, ok := inst.Mode(f.Key.Value); !ok {
			r.Errorf(f.Key, "targets: unknown failure mode %q", f.Key.Value)
			continue
		}
		if t, ok := r.Int(f.Value, "target for "+f.Key.Value, 1, 5); ok {
			out[f.Key.Value] = t
		}
	}
}

// readBaseline reads the baseline chapter's figures: a number in the
// figure's unit, or don't know. A part more than its whole is reported
// at the part.
func readBaseline(r *questionnaire.NodeReader, n *yaml.Node, inst *questionnaire.Instrument, out map[string]BaselineValue) {
	if n == nil || n.Tag == "!!null" {
		return
	}
	at := map[string]*yaml.Node{}
	for _, f := range r.Pairs(n, "baseline") {
		id := f.Key.Value
		fg, err := Figure(inst, id)
		if err != nil {
			r.Errorf(f.Key, "%v", err)
			continue
		}
		if f.Value.Kind != yaml.ScalarNode || f.Value.Tag == "!!null" {
			r.Errorf(f.Value, "%s: give a number or dont-know", id)
			continue
		}
		v, clear, err := ParseBaselineValue(f.Value.Value)
		switch {
		case err != nil:
			r.Errorf(f.Value, "%s: %v", id, err)
			continue
		case clear:
			r.Errorf(f.Value, "%s: clear is not a value: leave the figure out of the file, or give a number or dont-know", id)
			continue
		}
		if err := CheckValue(fg, v); err != nil {
			r.Errorf(f.Value, "%v", err)
			continue
		}
		out[id], at[id] = v, f.Value
	}
	for _, fg := range inst.Baseline {
		if at[fg.ID] != nil {
			if err := CheckWhole(inst, out, fg.ID); err != nil {
				r.Errorf(at[fg.ID], "%v", err)
			}
		}
	}
}

func readAnswers(r *questionnaire.NodeReader, n *yaml.Node, inst *questionnaire.Instrument, out map[string]Answer) {
	if n == nil || n.Tag == "!!null" {
		return
	}
	line := map[string]int{} // question id → line of the key that answered it
	for _, f := range r.Pairs(n, "answers") {
		key := f.Key.Value
		if m, ok := inst.Mode(key); ok {
			readModeAnswer(r, f, m, inst, out, line)
			continue
		}
		q, ok := inst.Question(key)
		if !ok {
			r.Errorf(f.Key, "unknown question id %q", key)
			continue
		}
		if prev, dup := line[key]; dup {
			r.Errorf(f.Key, "%s is answered twice: here and by %s on line %d", key, q.Mode, prev)
			continue
		}
		line[key] = f.Key.Line
		if f.Value.Kind == yaml.ScalarNode && isNA(f.Value.Value) && !q.AllowsNA() {
			r.Errorf(f.Value, "%s: %v", key, Answer{Kind: NotApplicable}.ValidateFor(q))
			continue
		}
		a, ok := readAnswer(r, f.Value, key)
		if !ok {
			continue
		}
		if err := a.ValidateFor(q); err != nil {
			r.Errorf(f.Value, "%s: %v", key, err)
			continue
		}
		out[key] = a
	}
}

// readModeAnswer reads a failure mode's id used as a key: the whole mode
// is not applicable, which only a gated mode allows. "m4: n/a" takes the
// gate as the reason; {level: n/a, reason: "..."} gives another.
func readModeAnswer(r *questionnaire.NodeReader, f questionnaire.Field, m *questionnaire.Mode, inst *questionnaire.Instrument, out map[string]Answer, line map[string]int) {
	var a Answer
	var ok bool
	if f.Value.Kind == yaml.ScalarNode && isNA(f.Value.Value) {
		a, ok = Answer{Kind: NotApplicable}, true
	} else {
		a, ok = readAnswer(r, f.Value, m.ID)
	}
	if !ok {
		return
	}
	if a.Kind != NotApplicable {
		r.Errorf(f.Value, "%s is a failure mode: only n/a answers a whole mode; answer its questions (%s.q1 ...) one by one", m.ID, m.ID)
		return
	}
	answers, err := GatedModeAnswers(inst, m.ID, a.Reason)
	if err != nil {
		r.Errorf(f.Key, "%v", err)
		return
	}
	for _, q := range m.Questions {
		if prev, dup := line[q.ID]; dup {
			r.Errorf(f.Key, "%s is answered twice: by %s here and on line %d", q.ID, m.ID, prev)
			return
		}
	}
	for qid, qa := range answers {
		qa.Note, qa.Evidence = a.Note, a.Evidence
		if err := qa.Validate(); err != nil {
			r.Errorf(f.Value, "%s: %v", m.ID, err)
			return
		}
		out[qid] = qa
		line[qid] = f.Key.Line
	}
}

func isNA(s string) bool { return strings.EqualFold(strings.TrimSpace(s), NotApplicable.String()) }

// readAnswer accepts a bare level or word, or a mapping with level, note,
// evidence and reason.
func readAnswer(r *questionnaire.NodeReader, n *yaml.Node, qid string) (Answer, bool) {
	if n.Kind == yaml.ScalarNode {
		if isNA(n.Value) {
			r.Errorf(n, "%s: n/a needs a reason: write {level: n/a, reason: \"...\"}", qid)
			return Answer{}, false
		}
		return parseLevel(r, n, qid)
	}
	f := r.Mapping(n, qid, []string{"level", "note", "evidence", "reason"}, []string{"level"})
	if f == nil || f["level"] == nil {
		return Answer{}, false
	}
	a, ok := parseLevel(r, f["level"], qid)
	if !ok {
		return a, false
	}
	a.Note = r.OptionalText(f["note"], qid+": note")
	a.Evidence = r.OptionalText(f["evidence"], qid+": evidence")
	a.Reason = r.OptionalText(f["reason"], qid+": reason")
	return a, true
}

func parseLevel(r *questionnaire.NodeReader, n *yaml.Node, qid string) (Answer, bool) {
	if n.Kind != yaml.ScalarNode {
		r.Errorf(n, "%s: level %v", qid, ErrBadValue)
		return Answer{}, false
	}
	a, err := ParseValue(n.Value)
	if err != nil {
		r.Errorf(n, "%s: level %v", qid, err)
		return Answer{}, false
	}
	return a, true
}
