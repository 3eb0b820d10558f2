package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/theme"
)

// findings says per failure mode, in plain words, where it stands and what
// the room said: notes and evidence cited, how many did not know, reasons
// for not applicable, the consensus recorded and who disagreed. Questions
// with nothing to report beyond their level are in the appendix only.
func (r *builder) findings() {
	r.heading(2, "Findings by failure mode")
	for _, ms := range r.in.Scorecard.Modes {
		mode, _ := r.in.Instrument.Mode(ms.ID)
		switch ms.Status {
		case assessment.ModeNotApplicable:
			r.heading(3, their(ms.ID), " ", their(ms.Name), ": not applicable")
			r.para("Left out of the overall index as not applicable: ", their(strings.Join(ms.NAReasons, "; ")), ".")
			continue
		case assessment.Rated:
			r.heading(3, their(ms.ID), " ", their(ms.Name), ": ", theme.Score(ms.Score), " (", theirOr(ms.LevelName), ")")
		default:
			r.heading(3, their(ms.ID), " ", their(ms.Name), ": ", theme.Score(ms.Score), " (", ModeStatusPhrase(ms), ")")
		}
		r.para(r.modeSentence(ms), " ", their(mode.Summary))
		var notes list
		for _, qr := range ms.Results {
			if t := r.roomSays(qr); t != nil {
				notes.items = append(notes.items, item{text: t})
			}
		}
		if len(notes.items) > 0 {
			r.add(notes)
		}
	}
}

// modeSentence says how a mode stands against its target and which of its
// questions are weakest.
func (r *builder) modeSentence(ms assessment.ModeScore) text {
	high, unknown := 0, 0
	var weakest []string
	for _, qr := range ms.Results {
		switch qr.Risk {
		case assessment.RiskHigh:
			high++
		case assessment.RiskUnknown:
			unknown++
		}
		if qr.Given.Kind == assessment.Level && qr.Level <= 1 {
			weakest = append(weakest, qr.ID)
		}
	}
	t := line(fmt.Sprintf("Target %d; %d of %d questions %s a high risk", ms.Target, high, len(ms.Results), plural(high, "is", "are")))
	if unknown > 0 {
		t = append(t, words(", %d not known", unknown))
	}
	if len(weakest) > 0 {
		t = append(t, words("; at level 1: "), their(strings.Join(weakest, ", ")))
	}
	return append(t, words("."))
}

// roomSays is what the respondents said of a question beyond its level;
// nil when they said nothing more.
func (r *builder) roomSays(qr assessment.QuestionResult) text {
	var parts []text
	if r.in.Agreement == nil {
		if qr.Note != "" {
			parts = append(parts, line("note: “", their(qr.Note), "”"))
		}
		if qr.Evidence != "" {
			parts = append(parts, line("evidence: ", their(qr.Evidence)))
		}
		if qr.Given.Kind == assessment.NotApplicable {
			parts = append(parts, line("not applicable: ", their(qr.Reason)))
		}
		if qr.Given.Kind == assessment.DontKnow {
			parts = append(parts, line("not known"))
		}
	} else {
		parts = r.workshopSays(qr.ID)
	}
	if len(parts) == 0 {
		return nil
	}
	value := "not answered"
	switch {
	case qr.Given.Kind == assessment.Level:
		value = fmt.Sprintf("level %d", qr.Level)
		if ag := r.agreementOf(qr.ID); ag != nil && ag.Consensus != nil {
			value = fmt.Sprintf("consensus %d", qr.Level)
		}
	case qr.Given.Kind == assessment.DontKnow:
		value = "don't know"
	case qr.Given.Kind == assessment.NotApplicable:
		value = "n/a"
	}
	t := line(strong(their(qr.ID), " ", their(qr.Title)), " (", value, "): ")
	for i, p := range parts {
		if i > 0 {
			t = append(t, words("; "))
		}
		t = append(t, p...)
	}
	return append(t, words("."))
}

// agreementOf is the room's agreement on a question (nil for a
// self-assessment); indexed once per report.
func (r *builder) agreementOf(qid string) *assessment.QuestionAgreement {
	if r.in.Agreement == nil {
		return nil
	}
	if r.agreements == nil {
		r.agreements = map[string]*assessment.QuestionAgreement{}
		for i := range r.in.Agreement.Questions {
			r.agreements[r.in.Agreement.Questions[i].Question] = &r.in.Agreement.Questions[i]
		}
	}
	return r.agreements[qid]
}

// workshopSays gathers the room's word on a question: who disagreed and
// how, how many did not know, n/a reasons, notes and evidence cited, and
// the consensus note.
func (r *builder) workshopSays(qid string) []text {
	var parts []text
	ag := r.agreementOf(qid)
	if ag == nil {
		return nil
	}
	if ag.Disagreement {
		parts = append(parts, r.dissent(qid))
	}
	if ag.DontKnow > 0 {
		parts = append(parts, line(fmt.Sprintf("%d of %d did not know", ag.DontKnow, ag.DontKnow+ag.NotApplicable+len(ag.Levels))))
	}
	var notes, evidence, reasons []string
	for _, v := range r.votesOf(qid) {
		if v.Note != "" {
			notes = append(notes, v.Note)
		}
		if v.Evidence != "" {
			evidence = append(evidence, v.Evidence)
		}
		if v.Reason != "" {
			reasons = append(reasons, v.Reason)
		}
	}
	for _, n := range notes {
		parts = append(parts, line("note: “", their(n), "”"))
	}
	if len(evidence) > 0 {
		parts = append(parts, line("evidence cited: ", their(strings.Join(evidence, "; "))))
	}
	if len(reasons) > 0 {
		parts = append(parts, line("not applicable: ", their(strings.Join(reasons, "; "))))
	}
	if ag.Consensus != nil && ag.Consensus.Note != "" {
		parts = append(parts, line("agreed: “", their(ag.Consensus.Note), "”"))
	}
	return parts
}

// dissent says who rated a disputed question how: "the COO and the Head of
// Sales Operations rated it 1, the CIO 4", lowest level first.
func (r *builder) dissent(qid string) text {
	byLevel := map[string][]string{}
	for _, v := range r.votesOf(qid) {
		if v.Reason != "" || len(v.Answer) != 1 || v.Answer[0] < '1' || v.Answer[0] > '5' {
			continue
		}
		who := v.Participant
		if rl := r.roleOf(v.Participant); rl != "" {
			who = "the " + rl
		}
		byLevel[v.Answer] = append(byLevel[v.Answer], who)
	}
	levels := make([]string, 0, len(byLevel))
	for l := range byLevel {
		levels = append(levels, l)
	}
	sort.Strings(levels)
	t := line()
	for i, l := range levels {
		if i > 0 {
			t = append(t, words(", "))
		}
		t = append(t, their(andList(byLevel[l])))
		if i == 0 {
			t = append(t, words(" rated it %s", l))
		} else {
			t = append(t, words(" %s", l))
		}
	}
	return t
}

// andList joins names as "A", "A and B" or "A, B and C".
func andList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// votesOf are the participants' answers to a question; the votes are
// indexed once per report.
func (r *builder) votesOf(qid string) []Vote {
	if r.votes == nil {
		r.votes = map[string][]Vote{}
		for _, v := range r.in.Votes {
			r.votes[v.Question] = append(r.votes[v.Question], v)
		}
	}
	return r.votes[qid]
}

// roleOf is a participant's role ("" if none given).
func (r *builder) roleOf(name string) string {
	if r.roles == nil {
		r.roles = map[string]string{}
		for _, p := range r.in.Participants {
			r.roles[p.Name] = p.Role
		}
	}
	return r.roles[name]
}
