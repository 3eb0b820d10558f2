package assessment

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Closing the loop: a follow-up measures again what the previous
// assessment's actions were to change. An action marked done whose
// question did not reach the level it aimed at is flagged; a question that
// improved with no action adopted for it is credited. Questions are
// matched by id across instrument versions.

// ReviewKind is what a follow-up says of one action or question.
type ReviewKind string

// The kinds of review, in the order a review lists them: what needs
// looking at first.
const (
	// ReviewNotMoved: done, but the answer did not reach the level the
	// action aimed at (for a find-out item: a question is still a
	// don't-know).
	ReviewNotMoved ReviewKind = "done-not-moved"
	// ReviewUnmeasured: done, but the follow-up has no level for the
	// question yet (not answered, don't know, n/a, or not asked by its
	// instrument).
	ReviewUnmeasured ReviewKind = "done-unmeasured"
	// ReviewMoved: done, and the answer reached the level aimed at.
	ReviewMoved ReviewKind = "done-moved"
	// ReviewImprovedWithout: the answer went up with no action adopted
	// for the question.
	ReviewImprovedWithout ReviewKind = "improved-without-action"
)

var reviewKinds = []ReviewKind{ReviewNotMoved, ReviewUnmeasured, ReviewMoved, ReviewImprovedWithout}

// ActionReview is what a follow-up says of one action of the previous
// assessment, or of a question that improved without one.
type ActionReview struct {
	Kind ReviewKind `json:"kind"`
	// Question and Action name the action as PlanItem does; Action is ""
	// for a question improved without one, Question for a find-out item.
	Question string `json:"question"`
	Action   string `json:"action,omitempty"`
	Mode     string `json:"mode"`
	Title    string `json:"title"`
	// Before and After are the question's answers in the previous
	// assessment and in the follow-up, in words; FromLevel and ToLevel their
	// levels (0 for none).
	Before    string `json:"before"`
	After     string `json:"after"`
	FromLevel int    `json:"from_level"`
	ToLevel   int    `json:"to_level"`
	// Aim is the level the action aimed at: the next one above where the
	// question stood (levels are not skipped, as in PlanItem.Toward).
	Aim int `json:"aim,omitempty"`
	// Unknown lists, for a find-out item, the questions still don't-know
	// in the follow-up.
	Unknown []string `json:"still_unknown,omitempty"`
}

// Words says the review in one phrase: "done, but the answer did not move
// (level 2 Developing then and now; it aimed at 3)".
func (r ActionReview) Words() string {
	findOut := r.Question == ""
	switch {
	case r.Kind == ReviewNotMoved && findOut:
		return "done, but still not known: " + strings.Join(r.Unknown, ", ")
	case r.Kind == ReviewNotMoved && r.ToLevel < r.FromLevel:
		return fmt.Sprintf("done, but the answer went down (%s then, %s now; it aimed at %d)", r.Before, r.After, r.Aim)
	case r.Kind == ReviewNotMoved:
		return fmt.Sprintf("done, but the answer did not move (%s then, %s now; it aimed at %d)", r.Before, r.After, r.Aim)
	case r.Kind == ReviewUnmeasured:
		return fmt.Sprintf("done; not measured again yet (%s now)", r.After)
	case r.Kind == ReviewMoved && findOut:
		return "done, and every question it was to find out is known now"
	case r.Kind == ReviewMoved:
		return fmt.Sprintf("done, and the answer moved (%s then, %s now)", r.Before, r.After)
	}
	return fmt.Sprintf("improved without an action (%s then, %s now): credited", r.Before, r.After)
}

// Review reads the previous assessment's actions against its follow-up:
// each action marked done (whatever it was adopted for), and each question
// that went up a level with no action adopted for it. Actions not done are
// left out: they are the follow-up's to adopt again. The result is ordered
// by kind (what did not move first), then as the actions were given, then
// the questions in the follow-up instrument's order.
func Review(prev Evaluation, prevActions []Adopted, next Evaluation) []ActionReview {
	out := []ActionReview{}
	withAction := map[string]bool{}
	for _, a := range prevActions {
		if a.Question != "" {
			withAction[a.Question] = true
		}
		if a.Status != ActionDone {
			continue
		}
		if a.Question == "" {
			out = append(out, reviewFindOut(prev, a, next))
		} else {
			out = append(out, reviewImprove(prev, a, next))
		}
	}
	for _, ms := range next.Scorecard.Modes {
		for _, qr := range ms.Results {
			pq, ok := prev.Scorecard.Question(qr.ID)
			if withAction[qr.ID] || !ok || qr.Given.Kind != Level || pq.Given.Kind != Level || qr.Given.Level <= pq.Given.Level {
				continue
			}
			out = append(out, ActionReview{Kind: ReviewImprovedWithout, Question: qr.ID, Mode: qr.Mode, Title: qr.Title,
				Before: pq.Given.Words(), After: qr.Given.Words(), FromLevel: pq.Given.Level, ToLevel: qr.Given.Level})
		}
	}
	slices.SortStableFunc(out, func(x, y ActionReview) int {
		return cmp.Compare(slices.Index(reviewKinds, x.Kind), slices.Index(reviewKinds, y.Kind))
	})
	return out
}

// levelOf is an answer's level, 0 when it has none.
func levelOf(a Answer) int {
	if a.Kind == Level {
		return a.Level
	}
	return 0
}

func reviewImprove(prev Evaluation, a Adopted, next Evaluation) ActionReview {
	r := ActionReview{Question: a.Question, Action: a.Action}
	pq, ok := prev.Scorecard.Question(a.Question)
	if ok {
		r.Mode, r.Title, r.Before, r.FromLevel = pq.Mode, pq.Title, pq.Given.Words(), levelOf(pq.Given)
	}
	r.Aim = aimOf(prev, a, r.FromLevel)
	nq, ok := next.Scorecard.Question(a.Question)
	switch {
	case !ok:
		r.Kind, r.After = ReviewUnmeasured, fmt.Sprintf("not asked by %s %s", next.Instrument.ID, next.Instrument.Version)
	case nq.Given.Kind != Level:
		r.Kind, r.After = ReviewUnmeasured, nq.Given.Words()
	default:
		r.After, r.ToLevel = nq.Given.Words(), nq.Given.Level
		r.Kind = ReviewMoved
		if r.ToLevel < r.Aim {
			r.Kind = ReviewNotMoved
		}
	}
	return r
}

// aimOf is the level an action aimed at: one above the level the question
// stood at when it is a level the action starts from (or above them all);
// otherwise one above the first level it starts from.
func aimOf(prev Evaluation, a Adopted, level int) int {
	q, ok := prev.Instrument.Question(a.Question)
	if !ok {
		return level + 1
	}
	act, ok := q.Action(a.Action)
	if !ok || len(act.From) == 0 {
		return level + 1
	}
	if level > 0 && (slices.Contains(act.From, level) || level > slices.Max(act.From)) {
		return level + 1
	}
	return slices.Min(act.From) + 1
}

// reviewFindOut reviews a mode's find-out item: the questions of the mode
// that were don't-know then, known or not now.
func reviewFindOut(prev Evaluation, a Adopted, next Evaluation) ActionReview {
	mode := strings.TrimSuffix(a.Action, FindOutSuffix)
	r := ActionReview{Action: a.Action, Mode: mode, Title: "Unknowns to establish: " + mode}
	var before []string
	if ms, ok := prev.Scorecard.Mode(mode); ok {
		r.Title = "Unknowns to establish: " + ms.Name
		for _, qr := range ms.Results {
			if qr.Given.Kind == DontKnow {
				before = append(before, qr.ID)
			}
		}
	}
	unmeasured := 0
	for _, id := range before {
		nq, ok := next.Scorecard.Question(id)
		switch {
		case ok && nq.Given.Kind == DontKnow:
			r.Unknown = append(r.Unknown, id)
		case !ok || nq.Given.Kind == Unanswered:
			unmeasured++
		}
	}
	r.Before = countWords(len(before), "question not known", "questions not known")
	r.After = countWords(len(r.Unknown), "question not known", "questions not known")
	switch {
	case len(r.Unknown) > 0:
		r.Kind = ReviewNotMoved
	case unmeasured > 0:
		r.Kind, r.After = ReviewUnmeasured, countWords(unmeasured, "question not answered", "questions not answered")
	default:
		r.Kind = ReviewMoved
	}
	return r
}

// countWords is "1 question not known", "2 questions not known".
func countWords(n int, one, many string) string { return fmt.Sprintf("%d %s", n, plural(n, one, many)) }
