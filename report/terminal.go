package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// Line is one line of results drawn for a terminal. Subject is what
// explain can tell about it (a mode, a principle, "overall", a plan item's
// question), empty for headings and blank lines; the app moves its cursor
// over the lines that have one.
type Line struct {
	Text    string
	Subject string
	// hang is the indent of the line's continuations when it is wrapped
	// (0: two more than its own leading spaces); tail is an end kept
	// whole on one line (a plan item's terms), already part of Text.
	hang int
	tail string
}

// barWidth is the number of cells a 1–5 bar spans: 20, or 12 in a
// terminal narrower than 100 cells, so that names keep their room.
func barWidth(width int) int {
	if width > 0 && width < 100 {
		return 12
	}
	return 20
}

// ScorecardLines draws the headline (the overall index with its level
// name, or what keeps it from being rated, its coverage and the weakest
// mode), a bar per failure mode with its target marked, and the alignment
// with each principle. width is the terminal's (0: do not fit to one);
// names are cut to fit it, and sentences wrapped.
func ScorecardLines(res assessment.Result, p theme.Palette, width int) []Line {
	var out []Line
	add := func(subject, format string, args ...any) {
		out = append(out, Line{Text: fmt.Sprintf(format, args...), Subject: subject})
	}
	// say adds a sentence, wrapped to the width: its first line carries
	// the subject, its continuations hang under it.
	say := func(subject, indent string, render func(...string) string, text string) {
		for _, l := range (Line{Text: indent + text, Subject: subject}).split(width) {
			l.Text = render(l.Text)
			out = append(out, l)
		}
	}
	head := Headline(res)
	label := "Overall index"
	say("overall", "", func(s ...string) string { return strings.Join(s, "") }, p.Bold.Render(label)+strings.TrimPrefix(head, label))
	details := []string{fmt.Sprintf("%d/%d answered", res.Answered, res.Applicable),
		dontKnows(res.DontKnow), fmt.Sprintf("%d unverified (no evidence)", res.Unverified)}
	if len(res.NotApplicable) > 0 {
		details = append(details, "left out as not applicable: "+safetext.Line(strings.Join(res.NotApplicable, ", ")))
	}
	say("", "", p.Subtle.Render, strings.Join(details, " · "))
	add("", "")
	add("", "%s", p.Title.Render("Scorecard")+p.Subtle.Render("  (bars run from 1 to 5, ┃ marks the target; answered/applicable)"))
	// id, bar, score, level, answered/applicable and risks take 37 cells
	// and the bar's.
	barW := barWidth(width)
	nameW := fit(width, 37+barW, 10, 34)
	group := ""
	for _, ms := range res.Modes {
		if ms.Group != group {
			group = ms.Group
			add("", "%s", p.Subtle.Render(strings.ToUpper(safetext.Line(group))))
		}
		name := fmt.Sprintf("  %-3s %-*s", safetext.Line(ms.ID), nameW, theme.Cut(safetext.Line(ms.Name), nameW))
		if ms.Status == assessment.ModeNotApplicable {
			add(ms.ID, "%s %s", name, p.Subtle.Render("not applicable: left out of the index"))
			say("", "      ", p.Subtle.Render, "Reason: "+safetext.Line(strings.Join(ms.NAReasons, "; ")))
			continue
		}
		risks := ""
		if ms.HighRisks > 0 {
			risks = p.Bad.Render(fmt.Sprintf(" %d high", ms.HighRisks))
		}
		level := fmt.Sprintf("%-11s", ModeLevelWord(ms))
		if ms.Status != assessment.Rated {
			level = p.Warn.Render(level)
		}
		row := fmt.Sprintf("%s %s %s %s %2d/%-2d%s", name, p.Bar(ms.Score, ms.Target, barW), theme.ScoreCell(ms.Score), level,
			ms.Answered, ms.Applicable, risks)
		out = append(out, Line{Text: strings.TrimRight(row, " "), Subject: ms.ID})
		if ms.Status == assessment.Provisional { // an unanswered mode's row says it all
			say("", "      ", p.Subtle.Render, ms.Missing)
		}
	}
	add("", "")
	add("", "%s", p.Title.Render("Principle alignment"))
	nameW = fit(width, 9+barW, 10, 38)
	for _, ps := range res.Principles {
		pct := "  – "
		if ps.Alignment != nil {
			pct = fmt.Sprintf("%3.0f %%", *ps.Alignment)
		}
		add(ps.ID, "  %-*s %s %s", nameW, theme.Cut(safetext.Line(ps.Name), nameW), p.Bar(theme.AsLevel(ps.Alignment), 0, barW), pct)
	}
	return out
}

// PlanLines draws the plan by horizon, each with the effort points it
// uses of its capacity: per item its rank, question (or a mode's
// find-out), title, step, effort and priority; with detail also what to
// do, the owners, the KPI, why it ranks there and why it sits in its
// horizon, without it what to do alone (a find-out, the questions it
// lists). An empty plan says why it is empty, from res.
// Each line knows where its continuations hang should Results wrap it:
// under the text after "Owners:" and the like, an item's title under
// itself.
func PlanLines(plan assessment.Plan, res assessment.Result, p theme.Palette, width int, detail bool) []Line {
	heading := p.Title.Render(fmt.Sprintf("Remediation plan (%d items)", len(plan.Items)))
	if plan.Capacity > 0 && detail { // the short form's horizons say it
		heading += p.Subtle.Render(fmt.Sprintf(" · %d effort %s per horizon", plan.Capacity, plural(plan.Capacity, "point", "points")))
	}
	if !detail {
		heading += p.Subtle.Render("  [step · effort · priority]")
	}
	out := []Line{{Text: heading}}
	if len(plan.Items) == 0 {
		return append(out, Line{Text: "  " + EmptyPlanPhrase(res), hang: 4}.split(width)...)
	}
	if d := DeferredPhrase(plan); d != "" {
		out = append(out, Line{Text: "  " + p.Warn.Render(d), hang: 4}.split(width)...)
	}
	more := func(label, text string) {
		if label != "" {
			label = p.Subtle.Render(label) + " "
		}
		line := "      " + label + safetext.Line(text)
		if width > 0 {
			line = theme.Cut(line, width)
		}
		out = append(out, Line{Text: line, hang: 6 + lipgloss.Width(label)})
	}
	for _, bucket := range assessment.Buckets {
		items := plan.In(bucket)
		if len(items) == 0 {
			continue
		}
		out = append(out, Line{Text: p.Bold.Render(bucket.Label()) + p.Subtle.Render(" · "+CapacityPhrase(plan, bucket))})
		for _, it := range items {
			subject := ItemSubject(it)
			terms := fmt.Sprintf("[%s · effort %s · priority %.2f]", theme.Step(it), it.Effort, it.Priority)
			if !detail { // the heading names the terms, the title needs the room
				terms = fmt.Sprintf("[%s · %s · %.2f]", theme.Step(it), it.Effort, it.Priority)
			}
			titleW := fit(width, 10+len(subject)+len(terms), 10, 1000)
			prefix := fmt.Sprintf("  %2d. %s ", it.Rank, p.Bold.Render(safetext.Line(subject)))
			tail := p.Subtle.Render(terms)
			out = append(out, Line{Subject: subject, Text: prefix + theme.Cut(safetext.Line(it.Title), titleW) + "  " + tail,
				hang: lipgloss.Width(prefix), tail: tail})
			if !detail {
				if it.Kind == assessment.FindOut && len(it.Questions) > 0 {
					more("Find out:", strings.Join(it.Questions, ", "))
				} else {
					more("", it.Do)
				}
				continue
			}
			more("", it.Do)
			if it.DoneWhen != "" {
				more("Done when:", it.DoneWhen)
			}
			more("Owners:", questionnaire.RoleLabels(it.Owners))
			more("KPI:", it.KPI)
			if it.Baseline != "" {
				more("Baseline:", it.Baseline+" (yours)")
			}
			if it.Decision != "" {
				more("Decision:", it.Decision)
			}
			why, placement := whyAndPlacement(it)
			more("Why:", why)
			if placement != "" {
				more("Horizon:", placement)
			}
		}
	}
	return out
}

// split is the line wrapped at width as lines of their own, for a screen
// that draws each as it is (0: the line whole); continuations carry no
// subject.
func (l Line) split(width int) []Line {
	if width <= 0 {
		return []Line{l}
	}
	var out []Line
	for i, t := range l.wrap(width) {
		line := Line{Text: t}
		if i == 0 {
			line.Subject = l.Subject
		}
		out = append(out, line)
	}
	return out
}

// fit is what is left of width for a column once the rest of the line
// has taken used cells, between least and most; with no width, most.
func fit(width, used, least, most int) int {
	if width <= 0 {
		return most
	}
	return max(least, min(most, width-used))
}

// Results writes the results for the command line: heading lines (empty
// ones left out), then the scorecard, the plan or both, a blank line
// between them. Lines are wrapped at width cells (0: not wrapped) between
// words, their continuations indented under their text; names in the
// scorecard's rows are cut to fit instead.
func Results(w io.Writer, p theme.Palette, heading []string, ev assessment.Evaluation, scorecard, plan bool, width int) error {
	var lines []Line
	for i, h := range heading {
		switch {
		case strings.TrimSpace(h) == "":
		case i == 0:
			lines = append(lines, Line{Text: p.Bold.Render(safetext.Line(h))})
		default:
			lines = append(lines, Line{Text: p.Subtle.Render(safetext.Line(h))})
		}
	}
	inst := ev.Instrument
	lines = append(lines, Line{Text: p.Subtle.Render(fmt.Sprintf("Instrument %s %s (hash %s)", safetext.Line(inst.ID), safetext.Line(inst.Version), inst.ShortHash()))}, Line{})
	if scorecard {
		lines = append(lines, ScorecardLines(ev.Scorecard, p, width)...)
	}
	if scorecard && plan {
		lines = append(lines, Line{})
	}
	if plan {
		lines = append(lines, PlanLines(ev.Plan, ev.Scorecard, p, 0, true)...)
	}
	var b strings.Builder
	for _, l := range lines {
		for _, wrapped := range l.wrap(width) {
			b.WriteString(wrapped + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Wrap wraps every line of text at width cells between words, each
// line's continuations indented two more than the line itself.
func Wrap(text string, width int) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	var out []string
	for _, l := range lines {
		out = append(out, Line{Text: l}.wrap(width)...)
	}
	s := strings.Join(out, "\n")
	if strings.HasSuffix(text, "\n") {
		s += "\n"
	}
	return s
}

// wrap breaks the line into lines of at most width cells at spaces; the
// continuations are indented by hang, or two more than the line. A word
// longer than a line is broken where it must be; the tail goes whole onto
// a line of its own when it does not fit at the end of the last one.
func (l Line) wrap(width int) []string {
	if width <= 0 || lipgloss.Width(l.Text) <= width {
		return []string{l.Text}
	}
	hang := l.hang
	if hang == 0 {
		plain := ansi.Strip(l.Text)
		hang = len(plain) - len(strings.TrimLeft(plain, " ")) + 2
	}
	hang = min(hang, width/2) // room for the text under it
	body, tail := l.Text, ""
	if l.tail != "" && strings.HasSuffix(l.Text, l.tail) {
		body, tail = strings.TrimRight(strings.TrimSuffix(l.Text, l.tail), " "), l.tail
	}
	out := wrapWords(body, width, hang)
	if tail != "" {
		last := out[len(out)-1]
		if lipgloss.Width(last)+2+lipgloss.Width(tail) <= width {
			out[len(out)-1] = last + "  " + tail
		} else {
			out = append(out, wrapWords(strings.Repeat(" ", hang)+tail, width, hang)...)
		}
	}
	return out
}

// wrapWords fills lines of at most width cells with the words of s, which
// are separated by spaces (styles do not hold spaces in their escape
// codes, so a word may carry them). The first line keeps s's leading
// spaces, the others start with hang spaces; spaces at a break are
// dropped.
func wrapWords(s string, width, hang int) []string {
	var out []string
	indent := strings.Repeat(" ", hang)
	line, lineW := "", 0
	first, empty := true, true // on the first line; no word on this line yet
	for _, part := range splitWords(s) {
		sepW, wordW := len(part.sep), lipgloss.Width(part.word)
		switch {
		case empty && first: // the first line keeps its indentation
			line, lineW = line+part.sep+part.word, lineW+sepW+wordW
		case empty || lineW+sepW+wordW <= width:
			line, lineW = line+part.sep+part.word, lineW+sepW+wordW
		default:
			out = append(out, strings.TrimRight(line, " "))
			line, lineW, first = indent+part.word, hang+wordW, false
		}
		empty = empty && wordW == 0
		for lineW > width { // a word longer than a line
			head := ansi.Truncate(line, width, "")
			if lipgloss.Width(head) <= hang {
				break // no room at all: leave the line long
			}
			rest := ansi.TruncateLeft(line, lipgloss.Width(head), "")
			out = append(out, head)
			line, lineW, first = indent+rest, hang+lipgloss.Width(rest), false
		}
	}
	return append(out, strings.TrimRight(line, " "))
}

type word struct{ sep, word string }

// splitWords cuts s at runs of spaces, each word with the spaces before it.
func splitWords(s string) []word {
	var out []word
	for s != "" {
		word := word{}
		rest := strings.TrimLeft(s, " ")
		word.sep = s[:len(s)-len(rest)]
		end := strings.IndexByte(rest, ' ')
		if end < 0 {
			end = len(rest)
		}
		// A number keeps its unit: "61 %" is one word to break at.
		for strings.HasPrefix(rest[end:], " %") {
			next := strings.IndexByte(rest[end+1:], ' ')
			if next < 0 {
				end = len(rest)
			} else {
				end += 1 + next
			}
		}
		word.word, s = rest[:end], rest[end:]
		out = append(out, word)
	}
	return out
}
