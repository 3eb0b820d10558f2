package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
)

// barWidth is the number of cells a 1–5 bar spans.
const barWidth = 20

// palette holds the styles of the terminal scorecard. Colours adapt to light
// and dark backgrounds; the renderer drops them when the output is not a
// terminal or NO_COLOR is set.
type palette struct {
	heading, dim, bold, fill, empty, target, high, medium lipgloss.Style
}

func newPalette(w io.Writer) palette {
	r := lipgloss.NewRenderer(w)
	return palette{
		heading: r.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#1f4e79", Dark: "#8ec5ff"}),
		dim:     r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#5c5c5c", Dark: "#a0a0a0"}),
		bold:    r.NewStyle().Bold(true),
		fill:    r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#2b7a3d", Dark: "#6fd38a"}),
		empty:   r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#b5b5b5", Dark: "#4a4a4a"}),
		target:  r.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#a4262c", Dark: "#ff8a80"}),
		high:    r.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#a4262c", Dark: "#ff8a80"}),
		medium:  r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#8a5a00", Dark: "#ffd479"}),
	}
}

// bar draws a 1–5 value as filled cells with the target marked by ┃.
func (p palette) bar(value *float64, target int) string {
	filled := 0
	if value != nil {
		filled = int((*value-1)/4*barWidth + 0.5)
	}
	mark := min((target-1)*barWidth/4, barWidth-1)
	var b strings.Builder
	for i := range barWidth {
		switch {
		case i == mark && target > 1:
			b.WriteString(p.target.Render("┃"))
		case i < filled:
			b.WriteString(p.fill.Render("█"))
		default:
			b.WriteString(p.empty.Render("░"))
		}
	}
	return b.String()
}

func sanitizeBlock(s string) string { return safetext.Block(s) }

func fmtScore(v *float64) string {
	if v == nil {
		return "  – "
	}
	return fmt.Sprintf("%.2f", *v)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// view is what the renderers draw: a scorecard and its plan, with a
// heading naming whose they are.
type view struct {
	heading string // organization · title
	detail  string // id, kind, progress; may be empty
	inst    *questionnaire.Instrument
	res     assessment.Result
	plan    assessment.Plan
}

// renderScore prints the scorecard, the principle alignment and the plan.
func renderScore(w io.Writer, v view) error {
	var b strings.Builder
	p := newPalette(w)
	renderScorecard(&b, p, v)
	b.WriteString("\n")
	renderPlan(&b, p, v.plan)
	_, err := io.WriteString(w, b.String())
	return err
}

func renderHeading(b *strings.Builder, p palette, v view) {
	if v.heading != "" {
		fmt.Fprintf(b, "%s\n", p.bold.Render(safetext.Line(v.heading)))
	}
	if v.detail != "" {
		fmt.Fprintf(b, "%s\n", p.dim.Render(v.detail))
	}
	fmt.Fprintf(b, "%s\n\n", p.dim.Render(fmt.Sprintf("Instrument %s %s (hash %s)", safetext.Line(v.inst.ID), safetext.Line(v.inst.Version), v.inst.ShortHash())))
}

// renderScorecard prints the heading, a bar per mode and the principle alignment.
func renderScorecard(b *strings.Builder, p palette, v view) {
	line := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	renderHeading(b, p, v)
	line("%s", p.heading.Render("Scorecard")+p.dim.Render("  (bars run from 1 to 5, ┃ marks the target; answered/applicable)"))
	group := ""
	for _, ms := range v.res.Modes {
		if ms.Group != group {
			group = ms.Group
			line("%s", p.dim.Render(strings.ToUpper(safetext.Line(group))))
		}
		risks := ""
		if ms.HighRisks > 0 {
			risks = p.high.Render(fmt.Sprintf(" %d high", ms.HighRisks))
		}
		line("  %-3s %-34s %s %s %-10s %2d/%-2d%s",
			safetext.Line(ms.ID), truncate(safetext.Line(ms.Name), 34), p.bar(ms.Score, ms.Target), fmtScore(ms.Score), ms.LevelName,
			ms.Answered, ms.Applicable, risks)
	}
	line("")
	staged := "not rated (a mode has no score)"
	if v.res.Staged > 0 {
		staged = fmt.Sprintf("%d %s (weakest: %s)", v.res.Staged, v.res.StagedName, safetext.Line(v.res.Weakest))
	}
	line("%s %s %s · staged level %s", p.bold.Render("Overall index"), fmtScore(v.res.Overall), v.res.OverallLevelName, staged)
	line("%s", p.dim.Render(fmt.Sprintf("Coverage %d/%d (%.0f %%) · %d don't know · %d unverified (level 3+ without evidence)",
		v.res.Answered, v.res.Applicable, v.res.Coverage*100, v.res.DontKnow, v.res.Unverified)))
	line("")
	line("%s", p.heading.Render("Principle alignment"))
	for _, ps := range v.res.Principles {
		pct := "  – "
		var asLevel *float64
		if ps.Alignment != nil {
			pct = fmt.Sprintf("%3.0f %%", *ps.Alignment)
			lvl := 1 + *ps.Alignment/25
			asLevel = &lvl
		}
		line("  %-38s %s %s", truncate(safetext.Line(ps.Name), 38), p.bar(asLevel, 0), pct)
	}
}

func renderPlan(b *strings.Builder, p palette, plan assessment.Plan) {
	fmt.Fprintf(b, "%s\n", p.heading.Render(fmt.Sprintf("Remediation plan (%d items)", len(plan.Items))))
	if len(plan.Items) == 0 {
		fmt.Fprintf(b, "  Every answered question meets its target: nothing to remediate.\n")
		return
	}
	for _, bucket := range assessment.Buckets {
		items := plan.In(bucket)
		if len(items) == 0 {
			continue
		}
		fmt.Fprintf(b, "%s\n", p.bold.Render(bucket.Label()))
		for _, it := range items {
			step := fmt.Sprintf("level %d → %d", it.Level, it.Toward)
			if it.Kind == assessment.FindOut {
				step = "find out"
			}
			fmt.Fprintf(b, "  %2d. %s %s  %s\n", it.Rank, p.bold.Render(it.Question), safetext.Line(it.Title), p.dim.Render(fmt.Sprintf("[%s · effort %s · priority %.2f]", step, it.Effort, it.Priority)))
			fmt.Fprintf(b, "      %s\n", safetext.Line(it.Do))
			fmt.Fprintf(b, "      %s %s (business) + %s (IT)\n", p.dim.Render("Owners:"), safetext.Line(it.Owners.Business), safetext.Line(it.Owners.IT))
			fmt.Fprintf(b, "      %s %s\n", p.dim.Render("KPI:"), safetext.Line(it.KPI))
			fmt.Fprintf(b, "      %s %s\n", p.dim.Render("Why:"), safetext.Line(it.Why))
		}
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
