package assessment

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/seam-dev/seam/questionnaire"
)

// Comparing two assessments of one organisation: how each question's
// answer moved, and what that did to each failure mode, principle and the
// overall index. Compare is pure: it reads two evaluations and nothing else.
//
// Like for like. Within one instrument every question is compared, and
// the numbers are the scorecards' own. Across instrument versions both
// assessments are scored again, by Score, on the later assessment's
// instrument and on the questions the two instruments share unchanged
// (questionnaire.SameQuestion), each with its own targets: a changed, new
// or dropped question is marked and left out, and no weight that changed
// between the versions moves a number: only answers do.
//
// When a delta is given. A failure mode's delta is given only when the
// like-for-like answers rate the mode on both sides: at least RatedFrom
// (80 %) of its applicable questions answered with a level among the
// questions compared. That is the rule by which seam rates a mode at all;
// a delta on fewer would present the move of a few answers as the mode's,
// and a mode of which a fifth or more of the questions changed is no longer
// the same yardstick. A principle follows the same rule over the questions
// that feed it, and the overall index compares the mean of the modes
// compared.

// TopMovers is how many questions Comparison lists as having moved the
// most, each way.
const TopMovers = 3

// Movement says how a question's answer moved from the earlier assessment
// to the later one.
type Movement string

// The movements. The last three are across instrument versions: such a
// question is shown but left out of every like-for-like delta.
const (
	MovedUp          Movement = "up"
	MovedDown        Movement = "down"
	Unmoved          Movement = "unchanged"
	NewlyAnswered    Movement = "newly-answered"
	NoLongerAnswered Movement = "no-longer-answered"
	QuestionChanged  Movement = "changed"
	QuestionNew      Movement = "new"
	QuestionDropped  Movement = "dropped"
)

// Comparison is what changed from one assessment (before) to another
// (after) of the same organisation.
type Comparison struct {
	Instruments InstrumentChange `json:"instruments"`
	// Note says in words which questions are left out across instrument
	// versions; "" when both assessments use the same instrument.
	Note string `json:"note"`
	// Overall is the like-for-like overall index: the mean of the
	// compared modes' scores on each side.
	Overall OverallChange `json:"overall"`
	// Modes in the later instrument's order, then any it dropped.
	Modes []ModeDelta `json:"modes"`
	// Principles in the later instrument's order, then any it dropped.
	Principles []PrincipleDelta `json:"principles"`
	// Questions in the later instrument's order, then any it dropped.
	Questions []QuestionDelta `json:"questions"`
	Moves     Tally           `json:"moves"`
	// TopUp and TopDown are the questions that moved the most each way, at
	// most TopMovers: the largest move first, then the most important,
	// then the instrument's order.
	TopUp    []QuestionDelta `json:"top_up"`
	TopDown  []QuestionDelta `json:"top_down"`
	Coverage CoverageChange  `json:"coverage"`
	// Workshops is set when both are workshops: each mode then carries
	// the change in the room's agreement.
	Workshops bool `json:"workshops"`
}

// InstrumentChange names the two instruments and, when they differ, the
// questions that are not compared.
type InstrumentChange struct {
	Same   bool          `json:"same"`
	Before InstrumentRef `json:"before"`
	After  InstrumentRef `json:"after"`
	// Changed are the questions both ask with another text, other levels
	// or in another failure mode; New are only in the later instrument,
	// Dropped only in the earlier. Ids in instrument order.
	Changed []string `json:"changed"`
	New     []string `json:"new"`
	Dropped []string `json:"dropped"`
}

// InstrumentRef identifies an instrument version.
type InstrumentRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// OverallChange is the overall index before and after, like for like.
type OverallChange struct {
	Before *float64 `json:"before"`
	After  *float64 `json:"after"`
	// Change is After − Before; nil when no failure mode is compared.
	Change *float64 `json:"change"`
	// Modes are the failure modes the index is the mean of: those
	// compared. LeftOut are the modes applicable on some side that are not.
	Modes   []string `json:"modes"`
	LeftOut []string `json:"left_out"`
}

// ModeDelta is a failure mode before and after.
type ModeDelta struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Before and After are the like-for-like scores (nil when none).
	Before *float64 `json:"before"`
	After  *float64 `json:"after"`
	// Change is After − Before, given only when the mode is compared.
	Change   *float64 `json:"change"`
	Compared bool     `json:"compared"`
	// Why says why the mode is not compared ("too few comparable
	// questions: 2 of 6 unchanged, 5 needed"); "" when it is.
	Why   string `json:"why,omitempty"`
	Moves Tally  `json:"moves"`
	// Agreement is the change in the room's agreement, when both are
	// workshops.
	Agreement *AgreementChange `json:"agreement,omitempty"`
}

// PrincipleDelta is a principle's alignment before and after, 0–100 %.
type PrincipleDelta struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Before   *float64 `json:"before"`
	After    *float64 `json:"after"`
	Change   *float64 `json:"change"`
	Compared bool     `json:"compared"`
	Why      string   `json:"why,omitempty"`
}

// QuestionDelta is how one question's answer moved.
type QuestionDelta struct {
	ID         string   `json:"id"`
	Mode       string   `json:"mode"`
	Title      string   `json:"title"`
	Importance int      `json:"importance"`
	Move       Movement `json:"move"`
	// Before and After are the answers as Answer.Value writes them ("3",
	// "dont-know", "n/a", "unanswered"); "" where the instrument did not
	// ask the question.
	Before string `json:"before"`
	After  string `json:"after"`
	// Change is the later level less the earlier, when both are levels.
	Change int `json:"change"`
	// BeforeAnswer and AfterAnswer are the answers themselves.
	BeforeAnswer Answer `json:"-"`
	AfterAnswer  Answer `json:"-"`
}

// Tally counts the questions by movement.
type Tally struct {
	Up               int `json:"up"`
	Down             int `json:"down"`
	Unchanged        int `json:"unchanged"`
	NewlyAnswered    int `json:"newly_answered"`
	NoLongerAnswered int `json:"no_longer_answered"`
	Changed          int `json:"changed"`
	New              int `json:"new"`
	Dropped          int `json:"dropped"`
}

func (t *Tally) add(m Movement) {
	switch m {
	case MovedUp:
		t.Up++
	case MovedDown:
		t.Down++
	case Unmoved:
		t.Unchanged++
	case NewlyAnswered:
		t.NewlyAnswered++
	case NoLongerAnswered:
		t.NoLongerAnswered++
	case QuestionChanged:
		t.Changed++
	case QuestionNew:
		t.New++
	case QuestionDropped:
		t.Dropped++
	}
}

// CoverageChange is each assessment's own coverage: answered with a level
// ÷ applicable, over all its questions.
type CoverageChange struct {
	Before           float64 `json:"before"`
	After            float64 `json:"after"`
	AnsweredBefore   int     `json:"answered_before"`
	ApplicableBefore int     `json:"applicable_before"`
	AnsweredAfter    int     `json:"answered_after"`
	ApplicableAfter  int     `json:"applicable_after"`
}

// AgreementChange is a mode's agreement in the room, before and after:
// the mean rwg over the compared questions that have levels, and how many
// of them the room disagreed on.
type AgreementChange struct {
	Before              *float64 `json:"rwg_before"`
	After               *float64 `json:"rwg_after"`
	Change              *float64 `json:"rwg_change"`
	DisagreementsBefore int      `json:"disagreements_before"`
	DisagreementsAfter  int      `json:"disagreements_after"`
}

// Compare compares two evaluated assessments, before and after. It does
// not check that they are of one organisation: the caller knows that.
func Compare(before, after Evaluation) Comparison {
	c := Comparison{Modes: []ModeDelta{}, Principles: []PrincipleDelta{}, Questions: []QuestionDelta{},
		TopUp: []QuestionDelta{}, TopDown: []QuestionDelta{}}
	c.Instruments = instrumentChange(before, after)
	c.Note = c.Instruments.Note()
	c.Coverage = CoverageChange{Before: before.Scorecard.Coverage, After: after.Scorecard.Coverage,
		AnsweredBefore: before.Scorecard.Answered, ApplicableBefore: before.Scorecard.Applicable,
		AnsweredAfter: after.Scorecard.Answered, ApplicableAfter: after.Scorecard.Applicable}
	if before.Instrument == nil || after.Instrument == nil {
		return c // nothing was asked: an evaluation not made by Evaluate
	}
	comparable := c.questions(before, after)
	inst := after.Instrument
	// On one instrument every question is compared: the scorecards are the
	// like-for-like scores already.
	was, now := before.Scorecard, after.Scorecard
	if !c.Instruments.Same {
		was, now = Score(likeForLike(inst, before.Scorecard, comparable)), Score(likeForLike(inst, after.Scorecard, comparable))
	}
	c.modes(before, after, was, now, comparable)
	c.principles(before, after, was, now)
	c.overall(was, now)
	c.Workshops = before.Agreement != nil && after.Agreement != nil
	if c.Workshops {
		c.agreement(inst, before.Agreement, after.Agreement, comparable)
	}
	c.TopUp, c.TopDown = c.topMovers(MovedUp), c.topMovers(MovedDown)
	return c
}

// instrumentChange finds the questions not compared across versions.
func instrumentChange(before, after Evaluation) InstrumentChange {
	ref := func(ev Evaluation) InstrumentRef {
		return InstrumentRef{ID: ev.Scorecard.InstrumentID, Version: ev.Scorecard.InstrumentVersion, Hash: ev.Scorecard.InstrumentHash}
	}
	ic := InstrumentChange{Before: ref(before), After: ref(after), Changed: []string{}, New: []string{}, Dropped: []string{}}
	ic.Same = ic.Before.Hash == ic.After.Hash
	if ic.Same || before.Instrument == nil || after.Instrument == nil {
		return ic
	}
	for _, q := range after.Instrument.Questions() {
		switch old, ok := before.Instrument.Question(q.ID); {
		case !ok:
			ic.New = append(ic.New, q.ID)
		case !questionnaire.SameQuestion(old, q):
			ic.Changed = append(ic.Changed, q.ID)
		}
	}
	for _, q := range before.Instrument.Questions() {
		if _, ok := after.Instrument.Question(q.ID); !ok {
			ic.Dropped = append(ic.Dropped, q.ID)
		}
	}
	return ic
}

// questions lists every question's movement and returns the ids of those
// compared.
func (c *Comparison) questions(before, after Evaluation) map[string]bool {
	changed := map[string]bool{}
	for _, id := range c.Instruments.Changed {
		changed[id] = true
	}
	comparable := map[string]bool{}
	for _, q := range after.Instrument.Questions() {
		now, _ := after.Scorecard.Question(q.ID)
		qd := QuestionDelta{ID: q.ID, Mode: q.Mode, Title: q.Title, Importance: q.Importance, AfterAnswer: given(now)}
		qd.After = qd.AfterAnswer.Value()
		was, asked := before.Scorecard.Question(q.ID)
		if asked {
			qd.BeforeAnswer = given(was)
			qd.Before = qd.BeforeAnswer.Value()
		}
		switch {
		case !asked:
			qd.Move = QuestionNew
		case changed[q.ID]:
			qd.Move = QuestionChanged
		default:
			qd.Move, qd.Change = movement(qd.BeforeAnswer, qd.AfterAnswer)
			comparable[q.ID] = true
		}
		c.Questions = append(c.Questions, qd)
		c.Moves.add(qd.Move)
	}
	for _, id := range c.Instruments.Dropped {
		was, _ := before.Scorecard.Question(id)
		q, _ := before.Instrument.Question(id)
		qd := QuestionDelta{ID: id, Mode: q.Mode, Title: q.Title, Importance: q.Importance, Move: QuestionDropped, BeforeAnswer: given(was)}
		qd.Before = qd.BeforeAnswer.Value()
		c.Questions = append(c.Questions, qd)
		c.Moves.add(qd.Move)
	}
	return comparable
}

// given is a question's scored answer, or no answer.
func given(qr *QuestionResult) Answer {
	if qr == nil {
		return Answer{}
	}
	return qr.Given
}

// movement says how an answer moved: levels up, down or not; answered
// with a level now and not before, or the reverse. Two answers without a
// level (unanswered, don't know, n/a) count as unchanged.
func movement(was, now Answer) (Movement, int) {
	switch {
	case was.Kind == Level && now.Kind == Level:
		d := now.Level - was.Level
		switch {
		case d > 0:
			return MovedUp, d
		case d < 0:
			return MovedDown, d
		}
		return Unmoved, 0
	case now.Kind == Level:
		return NewlyAnswered, 0
	case was.Kind == Level:
		return NoLongerAnswered, 0
	}
	return Unmoved, 0
}

// likeForLike is what Score needs to score one side again on inst: its
// answers to the compared questions and its targets.
func likeForLike(inst *questionnaire.Instrument, side Result, comparable map[string]bool) ScoreInput {
	in := ScoreInput{Instrument: inst, Answers: map[string]Answer{}, Targets: map[string]int{}}
	for _, ms := range side.Modes {
		in.Targets[ms.ID] = ms.Target
		for _, qr := range ms.Results {
			if comparable[qr.ID] && qr.Given.Kind != Unanswered {
				in.Answers[qr.ID] = qr.Given
			}
		}
	}
	return in
}

// modes compares each failure mode on the like-for-like scorecards.
func (c *Comparison) modes(before, after Evaluation, was, now Result, comparable map[string]bool) {
	moves := map[string]*Tally{}
	for _, qd := range c.Questions {
		if moves[qd.Mode] == nil {
			moves[qd.Mode] = &Tally{}
		}
		moves[qd.Mode].add(qd.Move)
	}
	tally := func(mode string) Tally {
		if t := moves[mode]; t != nil {
			return *t
		}
		return Tally{}
	}
	for _, m := range after.Instrument.Modes {
		b, _ := was.Mode(m.ID)
		a, _ := now.Mode(m.ID)
		md := ModeDelta{ID: m.ID, Name: m.Name, Before: b.Score, After: a.Score, Moves: tally(m.ID)}
		shared := 0
		for _, q := range m.Questions {
			if comparable[q.ID] {
				shared++
			}
		}
		_, existed := before.Instrument.Mode(m.ID)
		switch {
		case !existed:
			md.Why = "new in " + c.Instruments.name(c.Instruments.After) + ": nothing to compare with"
		case b.Status == ModeNotApplicable && a.Status == ModeNotApplicable:
			md.Why = "not applicable either time"
		case b.Status == ModeNotApplicable:
			md.Why = "not applicable before"
		case a.Status == ModeNotApplicable:
			md.Why = "not applicable now"
		case shared < NeededForRating(len(m.Questions)):
			md.Why = fmt.Sprintf("too few comparable questions: %d of %d unchanged between the instruments, %d needed", shared, len(m.Questions), NeededForRating(len(m.Questions)))
		case b.Status != Rated || a.Status != Rated:
			md.Why = fmt.Sprintf("too few answers to compare: %d of %d applicable questions answered with a level before, %d of %d now; %.0f %% needed each time",
				b.Answered, b.Applicable, a.Answered, a.Applicable, RatedFrom*100)
		default:
			md.Compared = true
			md.Change = difference(a.Score, b.Score, 2)
		}
		c.Modes = append(c.Modes, md)
	}
	for _, m := range before.Instrument.Modes {
		if _, ok := after.Instrument.Mode(m.ID); !ok {
			c.Modes = append(c.Modes, ModeDelta{ID: m.ID, Name: m.Name, Moves: tally(m.ID),
				Why: "not in " + c.Instruments.name(c.Instruments.After)})
		}
	}
}

// principles compares each principle's like-for-like alignment, by the
// modes' rule over the questions that feed it.
func (c *Comparison) principles(before, after Evaluation, was, now Result) {
	for i, p := range after.Instrument.Principles {
		b, a := was.Principles[i], now.Principles[i]
		pd := PrincipleDelta{ID: p.ID, Name: p.Name, Before: b.Alignment, After: a.Alignment}
		bAnswered, bApplicable := feeding(after.Instrument, p.ID, was)
		aAnswered, aApplicable := feeding(after.Instrument, p.ID, now)
		switch {
		case bApplicable == 0 || aApplicable == 0:
			pd.Why = "no applicable question feeds it on both sides"
		case bAnswered < NeededForRating(bApplicable) || aAnswered < NeededForRating(aApplicable):
			pd.Why = fmt.Sprintf("too few comparable answers: %d of %d feeding questions answered with a level before, %d of %d now; %.0f %% needed each time",
				bAnswered, bApplicable, aAnswered, aApplicable, RatedFrom*100)
		default:
			pd.Compared = true
			pd.Change = difference(a.Alignment, b.Alignment, 1)
		}
		c.Principles = append(c.Principles, pd)
	}
	for _, p := range before.Instrument.Principles {
		if !slices.ContainsFunc(after.Instrument.Principles, func(q questionnaire.Principle) bool { return q.ID == p.ID }) {
			c.Principles = append(c.Principles, PrincipleDelta{ID: p.ID, Name: p.Name, Why: "not in " + c.Instruments.name(c.Instruments.After)})
		}
	}
}

// feeding counts, on one side's like-for-like scorecard, the questions
// that feed a principle: applicable (not answered n/a) and, of those,
// answered with a level.
func feeding(inst *questionnaire.Instrument, principle string, side Result) (answered, applicable int) {
	for _, ms := range side.Modes {
		for _, qr := range ms.Results {
			if q, ok := inst.Question(qr.ID); !ok || q.Weight(principle) == 0 {
				continue
			}
			switch qr.Given.Kind {
			case NotApplicable:
				continue
			case Level:
				answered++
			}
			applicable++
		}
	}
	return answered, applicable
}

// overall is the mean of the compared modes' like-for-like scores on each
// side, as Score takes the overall index.
// A mode not applicable either time is neither: the index leaves it out
// anyway.
func (c *Comparison) overall(was, now Result) {
	var before, after []*float64
	o := OverallChange{Modes: []string{}, LeftOut: []string{}}
	for _, md := range c.Modes {
		b, bok := was.Mode(md.ID)
		a, aok := now.Mode(md.ID)
		switch {
		case md.Compared:
			o.Modes = append(o.Modes, md.ID)
			before, after = append(before, md.Before), append(after, md.After)
		case bok && aok && b.Status == ModeNotApplicable && a.Status == ModeNotApplicable:
		default:
			o.LeftOut = append(o.LeftOut, md.ID)
		}
	}
	if len(o.Modes) > 0 {
		o.Before, o.After = overallOf(before), overallOf(after)
		o.Change = difference(o.After, o.Before, 2)
	}
	c.Overall = o
}

// agreement is each mode's change in the room's agreement over the
// compared questions, rolled up as Aggregate rolls up a mode (rollUp): the
// mean rwg over the questions with levels.
func (c *Comparison) agreement(inst *questionnaire.Instrument, before, after *Agreement, comparable map[string]bool) {
	byMode := func(w *Agreement) map[string][]QuestionAgreement {
		out := map[string][]QuestionAgreement{}
		for _, ag := range w.Questions {
			if q, ok := inst.Question(ag.Question); ok && comparable[ag.Question] {
				out[q.Mode] = append(out[q.Mode], ag)
			}
		}
		return out
	}
	was, now := byMode(before), byMode(after)
	for i := range c.Modes {
		m, ok := inst.Mode(c.Modes[i].ID)
		if !ok {
			continue
		}
		b, a := rollUp(*m, was[m.ID], nil), rollUp(*m, now[m.ID], nil) // no votes: rwg needs none
		c.Modes[i].Agreement = &AgreementChange{Before: b.RWG, After: a.RWG, Change: difference(a.RWG, b.RWG, 2),
			DisagreementsBefore: b.Disagreements, DisagreementsAfter: a.Disagreements}
	}
}

// topMovers are the questions that moved the most one way.
func (c *Comparison) topMovers(way Movement) []QuestionDelta {
	var out []QuestionDelta
	for _, qd := range c.Questions {
		if qd.Move == way {
			out = append(out, qd)
		}
	}
	slices.SortStableFunc(out, func(a, b QuestionDelta) int {
		if d := cmp.Compare(abs(b.Change), abs(a.Change)); d != 0 {
			return d
		}
		return cmp.Compare(b.Importance, a.Importance)
	})
	if out == nil {
		return []QuestionDelta{}
	}
	return out[:min(len(out), TopMovers)]
}

// MostImproved is the compared mode that rose the most, if any rose.
func (c Comparison) MostImproved() (ModeDelta, bool) { return c.extreme(1) }

// MostFallen is the compared mode that fell the most, if any fell.
func (c Comparison) MostFallen() (ModeDelta, bool) { return c.extreme(-1) }

// extreme is the compared mode with the largest change of the given sign;
// on a tie the first in the instrument's order.
func (c Comparison) extreme(sign float64) (ModeDelta, bool) {
	var best ModeDelta
	found := false
	for _, md := range c.Modes {
		if !md.Compared || md.Change == nil || *md.Change*sign <= 0 {
			continue
		}
		if !found || *md.Change*sign > *best.Change*sign {
			best, found = md, true
		}
	}
	return best, found
}

// difference is a − b rounded to places, nil when either is missing.
func difference(a, b *float64, places int) *float64 {
	if a == nil || b == nil {
		return nil
	}
	d := round(*a-*b, places)
	if *d == 0 {
		*d = 0 // no "-0.00"
	}
	return d
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
