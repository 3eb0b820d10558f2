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
//	  m4.q2: {level: n/a, reason: "no mandates in force"}
func ParseAnswersFile(file string, data []byte, inst *questionnaire.Instrument) (AnswersFile, error) {
	r := &questionnaire.NodeReader{}
	af := AnswersFile{Targets: map[string]int{}, Answers: map[string]Answer{}}
	root := r.Document(data)
	if root != nil {
		f := r.Mapping(root, "answers file", []string{"organization", "title", "respondent", "instrument", "targets", "answers"}, []string{"answers"})
		if f != nil {
			af.Organization = r.OptionalText(f["organization"], "organization")
			af.Title = r.OptionalText(f["title"], "title")
			af.Respondent = r.OptionalText(f["respondent"], "respondent")
			if id := r.OptionalText(f["instrument"], "instrument"); id != "" && id != inst.ID && !strings.HasPrefix(inst.Hash(), id) {
				r.Errorf(f["instrument"], "answers are for instrument %q, but the instrument in use is %q (hash %s)", id, inst.ID, inst.ShortHash())
			}
			readTargets(r, f["targets"], inst, af.Targets)
			readAnswers(r, f["answers"], inst, af.Answers)
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

func readAnswers(r *questionnaire.NodeReader, n *yaml.Node, inst *questionnaire.Instrument, out map[string]Answer) {
	if n == nil || n.Tag == "!!null" {
		return
	}
	for _, f := range r.Pairs(n, "answers") {
		qid := f.Key.Value
		if _, ok := inst.Question(qid); !ok {
			r.Errorf(f.Key, "unknown question id %q", qid)
			continue
		}
		a, ok := readAnswer(r, f.Value, qid)
		if !ok {
			continue
		}
		if err := a.Validate(); err != nil {
			r.Errorf(f.Value, "%s: %v", qid, err)
			continue
		}
		out[qid] = a
	}
}

// readAnswer accepts a bare level or word, or a mapping with level, note,
// evidence and reason.
func readAnswer(r *questionnaire.NodeReader, n *yaml.Node, qid string) (Answer, bool) {
	if n.Kind == yaml.ScalarNode {
		if strings.EqualFold(strings.TrimSpace(n.Value), NotApplicable.String()) {
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
