package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/chart"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// Previous is the earlier assessment a report compares with: which one,
// when, and what changed since (assessment.Compare of it with this one).
// With it the report says on page one what moved since then, with a chart
// of both scores per failure mode, and lists the changes in its body;
// without it the report is as it always was.
type Previous struct {
	ID         string
	Title      string
	Date       time.Time
	Comparison assessment.Comparison
}

// reportDate is how the report writes a date: "2 November 2026".
func reportDate(t time.Time) string { return t.UTC().Format("2 January 2006") }

// sinceLast is page one's bullet on what moved since the earlier
// assessment, in one sentence; nil without one.
func (r *builder) sinceLast() text {
	prev := r.in.Previous
	if prev == nil {
		return nil
	}
	return append(line(strong("Since last assessment:"), " "), sinceText(*prev, r.in.Date)...)
}

// sinceChart is the chart of both scores per failure mode below page
// one's bullets, when any mode is compared.
func (r *builder) sinceChart() {
	if r.in.Previous == nil {
		return
	}
	if f, ok := changesFigure(*r.in.Previous, r.in.ID, r.in.Date); ok {
		r.add(f)
	}
}

// SinceSentence is what moved since the earlier assessment, in one
// sentence of safe text: the overall index from → to with the dates, and
// the failure modes that improved and fell the most.
func SinceSentence(prev Previous, date time.Time) string {
	return safetext.Line(plain(sinceText(prev, date)))
}

// MovedSentence is SinceSentence without the dates, for a screen that
// shows them beside it: "The overall index rose from 1.90 to 2.90 (+1.00);
// “…” improved the most (+2.00) and none fell."
func MovedSentence(c assessment.Comparison) string {
	s := safetext.Line(plain(movedText(c)))
	return strings.ToUpper(s[:1]) + s[1:] // it opens with seam's own words, in ASCII
}

func sinceText(prev Previous, date time.Time) text {
	return append(line(sincePhrase(prev.Date, date), ", "), movedText(prev.Comparison)...)
}

// movedText is what moved, as a clause: "the overall index rose …".
func movedText(c assessment.Comparison) text {
	var t text
	o := c.Overall
	if o.Change == nil {
		t = append(t, words("no failure mode has enough comparable answers, so the overall index is not compared"))
		if c.Note != "" {
			t = append(t, words(" ("), their(strings.TrimSuffix(c.Note, ".")), words(")"))
		}
		return append(t, words("."))
	}
	move := OverallMovePhrase(o)
	if left := c.Moves.Changed + c.Moves.New + c.Moves.Dropped; left > 0 {
		also := fmt.Sprintf("like for like, %d %s left out across instrument versions", left, plural(left, "question", "questions"))
		if strings.HasSuffix(move, ")") { // inside the change's parentheses
			move = strings.TrimSuffix(move, ")") + "; " + also + ")"
		} else {
			move += " (" + also + ")"
		}
	}
	t = append(t, words("%s %s", IndexSubject(o), move))
	up, rose := c.MostImproved()
	down, fell := c.MostFallen()
	switch {
	case rose && fell:
		t = append(t, words("; "))
		t = append(t, modeNamed(up)...)
		t = append(t, words(" improved the most (%s) and ", SignedChange(up.Change)))
		t = append(t, modeNamed(down)...)
		t = append(t, words(" fell the most (%s)", SignedChange(down.Change)))
	case rose:
		t = append(t, words("; "))
		t = append(t, modeNamed(up)...)
		t = append(t, words(" improved the most (%s) and none fell", SignedChange(up.Change)))
	case fell:
		t = append(t, words("; none improved and "))
		t = append(t, modeNamed(down)...)
		t = append(t, words(" fell the most (%s)", SignedChange(down.Change)))
	default:
		t = append(t, words("; no failure mode moved"))
	}
	return append(t, words("."))
}

// modeNamed names a mode in a sentence: “Data governance …”.
func modeNamed(md assessment.ModeDelta) text {
	return line("“", their(md.Name), "”")
}

// sincePhrase opens the sentence with both dates, the year said once:
// "From 2 May to 20 November 2026"; "From an earlier assessment the same
// day (2 November 2026)" when both are of one day.
func sincePhrase(then, now time.Time) string {
	then, now = then.UTC(), now.UTC()
	switch {
	case then.Format(time.DateOnly) == now.Format(time.DateOnly):
		return "From an earlier assessment the same day (" + reportDate(then) + ")"
	case then.Year() == now.Year():
		return "From " + then.Format("2 January") + " to " + reportDate(now)
	}
	return "From " + reportDate(then) + " to " + reportDate(now)
}

// IndexSubject names the index a comparison moves: "the overall index"
// when every failure mode compares, else "the index over the 5 of 6
// failure modes that compare", which is not the overall index a report
// of either assessment shows.
func IndexSubject(o assessment.OverallChange) string {
	if len(o.LeftOut) == 0 {
		return "the overall index"
	}
	return fmt.Sprintf("the index over the %d of %d failure modes that compare", len(o.Modes), len(o.Modes)+len(o.LeftOut))
}

// OverallMovePhrase says how the like-for-like overall index moved: "rose
// from 2.10 to 2.65 (+0.55)", "fell from …", "stayed at 2.10"; "is not
// compared" when no mode is.
func OverallMovePhrase(o assessment.OverallChange) string {
	switch {
	case o.Change == nil:
		return "is not compared"
	case *o.Change > 0:
		return fmt.Sprintf("rose from %s to %s (%s)", theme.Score(o.Before), theme.Score(o.After), SignedChange(o.Change))
	case *o.Change < 0:
		return fmt.Sprintf("fell from %s to %s (%s)", theme.Score(o.Before), theme.Score(o.After), SignedChange(o.Change))
	}
	return "stayed at " + theme.Score(o.After)
}

// SignedChange writes a change with its sign and two decimals, "+0.55",
// "-0.30", "0.00"; "–" when there is none.
func SignedChange(v *float64) string {
	switch {
	case v == nil:
		return "–"
	case *v > 0:
		return fmt.Sprintf("+%.2f", *v)
	}
	return fmt.Sprintf("%.2f", *v)
}

// SignedPoints writes a change of alignment in percentage points: "+12.5
// pt", "-3 pt"; "–" when there is none.
func SignedPoints(v *float64) string {
	switch {
	case v == nil:
		return "–"
	case *v > 0:
		return fmt.Sprintf("+%g pt", *v)
	}
	return fmt.Sprintf("%g pt", *v)
}

// Arrow shows which way a change went: ↑, ↓ or → for none; "" when there
// is no change to show.
func Arrow(v *float64) string {
	switch {
	case v == nil:
		return ""
	case *v > 0:
		return "↑"
	case *v < 0:
		return "↓"
	}
	return "→"
}

// MoveWord is a question's movement in words: "up", "newly answered",
// "changed in the instrument".
func MoveWord(m assessment.Movement) string {
	switch m {
	case assessment.NewlyAnswered:
		return "newly answered"
	case assessment.NoLongerAnswered:
		return "no longer answered"
	case assessment.QuestionChanged:
		return "changed in the instrument"
	case assessment.QuestionNew:
		return "new in the instrument"
	case assessment.QuestionDropped:
		return "dropped from the instrument"
	}
	return string(m)
}

// AnswerWord is an answer as a comparison shows it: "3", "don't know",
// "n/a", "–" when unanswered, "not asked" when the instrument did not ask.
func AnswerWord(value string) string {
	switch value {
	case "":
		return "not asked"
	case assessment.Unanswered.String():
		return "–"
	case assessment.DontKnow.String():
		return "don't know"
	}
	return value
}

// MovesPhrase counts the questions by movement: "4 up, 1 down, 2 newly
// answered, 30 unchanged", then what was not compared: "; 3 changed, 6
// new and 1 dropped, not compared".
func MovesPhrase(t assessment.Tally) string {
	var moved []string
	for _, c := range []struct {
		n    int
		what string
	}{{t.Up, "up"}, {t.Down, "down"}, {t.NewlyAnswered, "newly answered"}, {t.NoLongerAnswered, "no longer answered"}, {t.Unchanged, "unchanged"}} {
		if c.n > 0 {
			moved = append(moved, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	s := strings.Join(moved, ", ")
	var left []string
	for _, c := range []struct {
		n    int
		what string
	}{{t.Changed, "changed"}, {t.New, "new"}, {t.Dropped, "dropped"}} {
		if c.n > 0 {
			left = append(left, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	if len(left) > 0 {
		if s != "" {
			s += "; "
		}
		s += andList(left) + ", not compared"
	}
	return s
}

// CoverageChangePhrase is each side's coverage: "94 % (33 of 35) then,
// 100 % (41 of 41) now".
func CoverageChangePhrase(c assessment.CoverageChange) string {
	return fmt.Sprintf("%.0f %% (%d of %d) then, %.0f %% (%d of %d) now", c.Before*100, c.AnsweredBefore, c.ApplicableBefore,
		c.After*100, c.AnsweredAfter, c.ApplicableAfter)
}

// changesFigure is the chart of both scores per compared mode; none when
// no mode is compared.
func changesFigure(prev Previous, id string, date time.Time) (figure, bool) {
	c := prev.Comparison
	var ids, was, now, said []string
	var changes []chart.Change
	compared := false
	for _, md := range c.Modes {
		if md.Before == nil && md.After == nil && !md.Compared {
			continue
		}
		compared = compared || md.Compared
		ids = append(ids, md.ID)
		b, a := comparedScores(md)
		changes = append(changes, chart.Change{Label: md.ID, Before: valueOr0(b), After: valueOr0(a), MissingBefore: b == nil, MissingAfter: a == nil})
		was, now = append(was, fmt.Sprintf("%.2f", valueOr0(b))), append(now, fmt.Sprintf("%.2f", valueOr0(a)))
		if md.Compared {
			said = append(said, fmt.Sprintf("%s %s → %s", md.ID, theme.Score(b), theme.Score(a)))
		} else {
			said = append(said, md.ID+" not compared")
		}
	}
	if !compared {
		return figure{}, false
	}
	// each side by its date and id: two assessments of one day stay apart
	then, today := reportDate(prev.Date)+" ("+prev.ID+")", reportDate(date)+" ("+id+")"
	draw := func() (chart.Chart, error) {
		// untitled: it stands under page one's bullet on what moved
		return chart.Changes("", then, today, changes)
	}
	return figure{name: "changes", draw: draw, compact: true,
		alt: fmt.Sprintf("Failure-mode scores on the scale 1 to 5, %s and %s: %s.", then, today, strings.Join(said, ", ")),
		mermaid: []string{
			"xychart-beta",
			fmt.Sprintf(`    title "Scores: %s (line), %s (bars)"`, prev.ID, id),
			fmt.Sprintf("    x-axis [%s]", strings.Join(ids, ", ")),
			`    y-axis "Level" 0 --> 5`,
			fmt.Sprintf("    bar [%s]", strings.Join(now, ", ")),
			fmt.Sprintf("    line [%s]", strings.Join(was, ", ")),
		}}, true
}

// comparedScores are a mode's like-for-like scores when it is compared;
// none otherwise, so that no chart sets two numbers side by side that do
// not compare.
func comparedScores(md assessment.ModeDelta) (before, after *float64) {
	if !md.Compared {
		return nil, nil
	}
	return md.Before, md.After
}

func valueOr0(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

// changes is the body's table of what changed since the earlier
// assessment: each failure mode like for like, and the questions whose
// answers moved.
func (r *builder) changes() {
	prev := r.in.Previous
	if prev == nil {
		return
	}
	c := prev.Comparison
	r.heading(2, "Changes since last assessment")
	intro := line("Compared with assessment ", literal(prev.ID), " (", theirOr(prev.Title), fmt.Sprintf(") of %s. ", reportDate(prev.Date)))
	if c.Note != "" {
		intro = append(intro, their(c.Note), words(" "))
	}
	intro = append(intro, words("Coverage: %s. A failure mode is compared where, among the questions compared, at least %.0f %% of its applicable questions have a level both times.",
		CoverageChangePhrase(c.Coverage), assessment.RatedFrom*100))
	r.add(para{text: intro})

	head := cells("Failure mode", "Then", "Now", "Change", "")
	align := "lrrrl"
	if c.Workshops {
		head = cells("Failure mode", "Then", "Now", "Change", "Agreement (rwg)", "")
		align = "lrrrll"
	}
	t := table{align: align, head: head}
	for _, md := range c.Modes {
		row := []text{line(their(md.ID), " ", their(md.Name)), line(theme.Score(md.Before)), line(theme.Score(md.After)),
			line(strings.TrimSpace(SignedChange(md.Change) + " " + Arrow(md.Change)))}
		if c.Workshops {
			row = append(row, line(AgreementPhrase(md.Agreement)))
		}
		row = append(row, line(theirOr(md.Why)))
		t.rows = append(t.rows, row)
	}
	o := c.Overall
	overall := []text{line(strong("Overall index")), line(strong(theme.Score(o.Before))), line(strong(theme.Score(o.After))),
		line(strong(strings.TrimSpace(SignedChange(o.Change) + " " + Arrow(o.Change))))}
	if c.Workshops {
		overall = append(overall, nil)
	}
	overallWhy := line("–")
	if len(o.LeftOut) > 0 {
		overallWhy = line(fmt.Sprintf("over %d of %d failure modes: ", len(o.Modes), len(o.Modes)+len(o.LeftOut)), their(strings.Join(o.LeftOut, ", ")), " left out")
	}
	t.rows = append(t.rows, append(overall, overallWhy))
	r.add(t)

	r.heading(3, "Questions that moved")
	r.para(MovesPhrase(c.Moves) + ".")
	q := table{align: "llll", head: cells("Question", "Then", "Now", "Move")}
	for _, qd := range c.Questions {
		switch qd.Move {
		case assessment.MovedUp, assessment.MovedDown, assessment.NewlyAnswered, assessment.NoLongerAnswered:
			move := MoveWord(qd.Move)
			if qd.Change != 0 {
				move = fmt.Sprintf("%s %+d", move, qd.Change)
			}
			q.rows = append(q.rows, []text{line(their(qd.ID), " ", their(qd.Title)), line(AnswerWord(qd.Before)), line(AnswerWord(qd.After)), line(move)})
		}
	}
	if len(q.rows) > 0 {
		r.add(q)
	}
}

// AgreementPhrase is a mode's agreement then and now: "0.45 → 0.71
// (+0.26)", "–" when there is none to show.
func AgreementPhrase(ac *assessment.AgreementChange) string {
	if ac == nil || (ac.Before == nil && ac.After == nil) {
		return "–"
	}
	s := theme.Score(ac.Before) + " → " + theme.Score(ac.After)
	if ac.Change != nil {
		s += " (" + SignedChange(ac.Change) + ")"
	}
	return s
}
