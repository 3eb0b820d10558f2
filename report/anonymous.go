package report

import (
	"slices"
	"strings"
	"unicode"

	"github.com/seam-dev/seam/assessment"
)

// An anonymous report names each participant by function ("Business 1",
// "IT 2", see assessment.FunctionLabels) wherever it would name them. The
// names are replaced in the input, once, before anything is drawn: every
// form of the report (Markdown, HTML, its charts, the terminal preview,
// JSON, CSV) draws what it is given, so none can leak a name it never
// had.

// anonymized is the input as an anonymous report shows it: participants
// and votes carry function labels instead of names, roles are left out (a
// role such as COO names its holder as surely as a name), and the votes
// are in the workshop's order of participants, so that their order does
// not hint at an alphabet of names. The input itself is left as it is.
func (in Input) anonymized() Input {
	if !in.Anonymous {
		return in
	}
	functions := make([]string, 0, len(in.Participants))
	place := map[string]int{}
	for i, p := range in.Participants {
		functions = append(functions, p.Function)
		if _, dup := place[p.Name]; !dup {
			place[p.Name] = i
		}
	}
	for _, v := range in.Votes {
		if _, ok := place[v.Participant]; !ok { // someone not listed still gets a label, never their name
			place[v.Participant] = len(functions)
			functions = append(functions, v.Function)
		}
	}
	labels := assessment.FunctionLabels(functions)
	out := in
	out.Participants = make([]Participant, len(in.Participants))
	for i, p := range in.Participants {
		out.Participants[i] = Participant{Name: labels[i], Function: p.Function}
	}
	if in.Register != nil {
		// An owner who is a participant is named by function too.
		reg := *in.Register
		reg.Actions = slices.Clone(in.Register.Actions)
		for i, a := range reg.Actions {
			for j, p := range in.Participants {
				if strings.EqualFold(strings.TrimSpace(a.Owner), strings.TrimSpace(p.Name)) {
					reg.Actions[i].Owner = labels[j]
					break
				}
			}
		}
		out.Register = &reg
	}
	if in.Votes != nil {
		out.Votes = slices.Clone(in.Votes)
		slices.SortStableFunc(out.Votes, func(a, b Vote) int { return place[a.Participant] - place[b.Participant] })
		for i := range out.Votes {
			out.Votes[i].Participant = labels[place[out.Votes[i].Participant]]
		}
	}
	return out
}

// NamesInNotes lists the questions whose notes, evidence, n/a reasons or
// consensus note may name a participant: a participant's whole name, or a
// word of it of three letters or more, standing as a word. An anonymous
// report shows such text as written (rewriting what people wrote would
// misquote them), so whoever shares it is warned to read those first.
func NamesInNotes(in Input) []string {
	var words [][]string
	for _, p := range in.Participants {
		var w []string
		for _, part := range strings.FieldsFunc(strings.ToLower(p.Name), notWordRune) {
			if len([]rune(part)) >= 3 {
				w = append(w, part)
			}
		}
		words = append(words, w)
	}
	names := func(s string) bool {
		if s == "" {
			return false
		}
		lower := strings.ToLower(s)
		said := strings.FieldsFunc(lower, notWordRune)
		for i, p := range in.Participants {
			if n := strings.ToLower(strings.TrimSpace(p.Name)); n != "" && strings.Contains(lower, n) {
				return true
			}
			for _, w := range words[i] {
				if slices.Contains(said, w) {
					return true
				}
			}
		}
		return false
	}
	var found []string
	flag := func(q string, texts ...string) {
		if slices.Contains(found, q) {
			return
		}
		if slices.ContainsFunc(texts, names) {
			found = append(found, q)
		}
	}
	for _, v := range in.Votes {
		flag(v.Question, v.Note, v.Evidence, v.Reason)
	}
	for _, ms := range in.Scorecard.Modes {
		for _, qr := range ms.Results {
			flag(qr.ID, qr.Note, qr.Evidence, qr.Reason)
		}
	}
	if in.Agreement != nil {
		for _, ag := range in.Agreement.Questions {
			if ag.Consensus != nil {
				flag(ag.Question, ag.Consensus.Note, ag.Consensus.Evidence, ag.Consensus.Reason)
			}
		}
	}
	for _, row := range in.registerRows() {
		owner := row.Owner
		if slices.ContainsFunc(in.Participants, func(p Participant) bool {
			return strings.EqualFold(strings.TrimSpace(owner), strings.TrimSpace(p.Name))
		}) {
			owner = "" // named by function in an anonymous report
		}
		flag(row.subject(), owner, row.Reason, row.Notes)
	}
	slices.Sort(found)
	return found
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
