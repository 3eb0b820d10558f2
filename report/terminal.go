package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/seam-dev/seam/assessment"
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
}

// barWidth is the number of cells a 1–5 bar spans: 20, or 12 in a
// terminal narrower than 100 cells, so that names keep their room.
func barWidth(width int) int {
	if width > 0 && width < 100 {
		return 12
	}
	return 20
}

// ScorecardLines draws the headline (overall index, staged level and
// coverage), a bar per failure mode with its target marked, and the
// alignment with each principle. width is the terminal's (0: do not fit
// to one); names are cut to fit it.
func ScorecardLines(res assessment.Result, p theme.Palette, width int) []Line {
	var out []Line
	add := func(subject, format string, args ...any) {
		out = append(out, Line{Text: fmt.Sprintf(format, args...), Subject: subject})
	}
	staged := "not rated (a mode has no score)"
	if res.Staged > 0 {
		staged = fmt.Sprintf("%s (weakest: %s)", theme.Level(res.Staged, res.StagedName), safetext.Line(res.Weakest))
	}
	add("overall", "%s %s %s · staged level %s", p.Bold.Render("Overall index"), theme.ScoreCell(res.Overall), res.OverallLevelName, staged)
	add("", "%s", p.Subtle.Render(fmt.Sprintf("Coverage %d/%d (%.0f %%) · %d don't know · %d unverified (level 3+ without evidence)",
		res.Answered, res.Applicable, res.Coverage*100, res.DontKnow, res.Unverified)))
	add("", "")
	add("", "%s", p.Title.Render("Scorecard")+p.Subtle.Render("  (bars run from 1 to 5, ┃ marks the target; answered/applicable)"))
	// id, bar, score, level, answered/applicable and risks take 36 cells
	// and the bar's.
	barW := barWidth(width)
	nameW := fit(width, 36+barW, 10, 34)
	group := ""
	for _, ms := range res.Modes {
		if ms.Group != group {
			group = ms.Group
			add("", "%s", p.Subtle.Render(strings.ToUpper(safetext.Line(group))))
		}
		risks := ""
		if ms.HighRisks > 0 {
			risks = p.Bad.Render(fmt.Sprintf(" %d high", ms.HighRisks))
		}
		add(ms.ID, "  %-3s %-*s %s %s %-10s %2d/%-2d%s", safetext.Line(ms.ID), nameW, theme.Cut(safetext.Line(ms.Name), nameW),
			p.Bar(ms.Score, ms.Target, barW), theme.ScoreCell(ms.Score), ms.LevelName, ms.Answered, ms.Applicable, risks)
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

// PlanLines draws the plan by horizon: per item its rank, question, title,
// step, effort and priority; with detail also what to do, the owners, the
// KPI and why it ranks there, without it what to do alone.
func PlanLines(plan assessment.Plan, p theme.Palette, width int, detail bool) []Line {
	heading := p.Title.Render(fmt.Sprintf("Remediation plan (%d items)", len(plan.Items)))
	if !detail {
		heading += p.Subtle.Render("  [step · effort · priority]")
	}
	out := []Line{{Text: heading}}
	if len(plan.Items) == 0 {
		return append(out, Line{Text: "  Every answered question meets its target: nothing to remediate."})
	}
	more := func(label, text string) {
		if label != "" {
			label = p.Subtle.Render(label) + " "
		}
		line := "      " + label + safetext.Line(text)
		if width > 0 {
			line = theme.Cut(line, width)
		}
		out = append(out, Line{Text: line})
	}
	for _, bucket := range assessment.Buckets {
		items := plan.In(bucket)
		if len(items) == 0 {
			continue
		}
		out = append(out, Line{Text: p.Bold.Render(bucket.Label())})
		for _, it := range items {
			terms := fmt.Sprintf("[%s · effort %s · priority %.2f]", theme.Step(it), it.Effort, it.Priority)
			if !detail { // the heading names the terms, the title needs the room
				terms = fmt.Sprintf("[%s · %s · %.2f]", theme.Step(it), it.Effort, it.Priority)
			}
			titleW := fit(width, 10+len(it.Question)+len(terms), 10, 1000)
			out = append(out, Line{Subject: it.Question, Text: fmt.Sprintf("  %2d. %s %s  %s", it.Rank, p.Bold.Render(safetext.Line(it.Question)),
				theme.Cut(safetext.Line(it.Title), titleW), p.Subtle.Render(terms))})
			more("", it.Do)
			if !detail {
				continue
			}
			more("Owners:", fmt.Sprintf("%s (business) + %s (IT)", it.Owners.Business, it.Owners.IT))
			more("KPI:", it.KPI)
			more("Why:", it.Why)
		}
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
// between them.
func Results(w io.Writer, p theme.Palette, heading []string, ev assessment.Evaluation, scorecard, plan bool) error {
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
		lines = append(lines, ScorecardLines(ev.Scorecard, p, 0)...)
	}
	if scorecard && plan {
		lines = append(lines, Line{})
	}
	if plan {
		lines = append(lines, PlanLines(ev.Plan, p, 0, true)...)
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
