package tui

import (
	"fmt"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
)

// lastTime is the previous assessment of a follow-up, as the questions of
// the follow-up compare with it.
type lastTime struct {
	id string
	// respondent is the previous self-assessment's respondent; "" for a
	// workshop, whose participants are matched by name.
	respondent string
	// answers are everyone's answers there, by participant and question;
	// took says who took part.
	answers map[string]map[string]assessment.Answer
	took    map[string]bool
	// since says, per question of the follow-up, whether it is asked as
	// last time, reworded (its text or levels changed) or new.
	since map[string]sinceKind
}

// sinceKind is how a question of a follow-up relates to last time's.
type sinceKind int

const (
	sinceSame sinceKind = iota
	sinceChanged
	sinceNew
)

// newLastTime compares the follow-up's instrument with the previous one's.
func newLastTime(prev *store.Loaded, inst *questionnaire.Instrument) *lastTime {
	lt := &lastTime{id: prev.ID, answers: map[string]map[string]assessment.Answer{}, took: map[string]bool{}, since: map[string]sinceKind{}}
	if prev.Kind == store.Self && len(prev.Participants) > 0 {
		lt.respondent = prev.Participants[0].Name
	}
	for _, p := range prev.Participants {
		lt.took[p.Name] = true
	}
	for _, r := range prev.Answers {
		if lt.answers[r.Participant] == nil {
			lt.answers[r.Participant] = map[string]assessment.Answer{}
		}
		lt.answers[r.Participant][r.Question] = r.Answer
	}
	for _, q := range inst.Questions() {
		switch old, ok := prev.Instrument.Question(q.ID); {
		case !ok:
			lt.since[q.ID] = sinceNew
		case !questionnaire.SameQuestion(old, q):
			lt.since[q.ID] = sinceChanged
		}
	}
	return lt
}

// line says what was answered to question q last time, for the one
// answering it now (who: a workshop's participant, matched by name; a
// self-assessment's respondent stands for the previous one's): "Last time:
// 2 Developing, note “…”". A question reworded since (its text or
// levels) or new says so instead: last time's answer would not mean the
// same. "" when who took no part last time, or when there is no last time
// (lt nil: the open assessment follows none up). Last time's answer is
// never chosen for them.
func (lt *lastTime) line(q *questionnaire.Question, who string) string {
	if lt == nil {
		return ""
	}
	switch lt.since[q.ID] {
	case sinceNew:
		return "New since last time: nothing to compare with."
	case sinceChanged:
		return "Changed since last time: its text or levels were reworded, so last time's answer is not shown."
	}
	if lt.respondent != "" {
		who = lt.respondent
	}
	if !lt.took[who] {
		return ""
	}
	ans, ok := lt.answers[who][q.ID]
	if !ok {
		return "Last time: not answered."
	}
	return "Last time: " + answerWords(ans)
}

// answerWords says an answer short, with its reason and note: "2
// Developing, note “…”", "not applicable (no partners)".
func answerWords(ans assessment.Answer) string {
	w := ans.Words()
	switch ans.Kind {
	case assessment.Level:
		w = fmt.Sprintf("%d %s", ans.Level, questionnaire.LevelName(ans.Level))
	case assessment.NotApplicable:
		w += " (" + safetext.Line(ans.Reason) + ")"
	}
	if ans.Note != "" {
		w += ", note “" + safetext.Line(ans.Note) + "”"
	}
	return w
}
