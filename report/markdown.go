package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// Markdown writes the leadership report: title block, a one-page executive
// summary, the scorecard and principle tables with Mermaid charts, the
// roadmap, findings per failure mode and a method appendix. The output
// depends only on the input.
func Markdown(w io.Writer, in Input) error {
	var b strings.Builder
	r := mdReport{b: &b, in: in}
	r.titleBlock()
	r.summary()
	r.scorecard()
	r.workshop()
	r.roadmap()
	r.findings()
	r.method()
	_, err := io.WriteString(w, b.String())
	return err
}

type mdReport struct {
	b  *strings.Builder
	in Input
}

func (r mdReport) line(format string, args ...any) { fmt.Fprintf(r.b, format+"\n", args...) }

func score(v *float64) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", *v)
}

func (r mdReport) titleBlock() {
	in := r.in
	r.line("# Integration strategy assessment: %s", md(in.Organization))
	r.line("")
	r.line("| | |")
	r.line("|---|---|")
	r.line("| Organization | %s |", md(in.Organization))
	r.line("| Title | %s |", mdOr(in.Title))
	if in.Scope != "" {
		r.line("| Scope | %s |", md(in.Scope))
	}
	r.line("| Date | %s |", in.Date.UTC().Format("2 January 2006"))
	r.line("| Assessment | `%s` (%s, %s) |", in.ID, in.Kind, in.Status)
	var who []string
	for _, p := range in.Participants {
		who = append(who, fmt.Sprintf("%s (%s, %s)", md(p.Name), mdOr(p.Role), md(p.Function)))
	}
	respondents := strings.Join(who, "; ")
	if respondents == "" {
		respondents = "–"
	}
	r.line("| Respondents | %s |", respondents)
	r.line("| Instrument | %s %s, hash `%s` |", md(in.Instrument.ID), md(in.Instrument.Version), in.Instrument.ShortHash())
	r.line("")
}

func (r mdReport) summary() {
	res := r.in.Scorecard
	r.line("## Executive summary")
	r.line("")
	staged := "not yet rated: at least one failure mode has no answered question"
	if res.Staged > 0 {
		staged = fmt.Sprintf("**%d %s**: the highest level every failure mode reaches", res.Staged, res.StagedName)
	}
	r.line("- **Overall index %s (%s)** on a scale of 1 Initial to 5 Optimizing; staged level %s.", score(res.Overall), mdOr(res.OverallLevelName), staged)
	if ms, ok := res.Mode(res.Weakest); ok {
		mode, _ := r.in.Instrument.Mode(ms.ID)
		r.line("- **Weakest area: %s** (%s, %s). %s%s", md(ms.Name), score(ms.Score), ms.LevelName, md(mode.Summary), r.consequence(ms))
	}
	items := r.in.Plan.Items
	if len(items) == 0 {
		r.line("- **No remediation is needed** to reach the targets set.")
	} else {
		r.line("- **First actions** (of %d in the plan):", len(items))
		for _, it := range items[:min(3, len(items))] {
			r.line("  %d. **%s** (%s): %s Owners: %s (business) with %s (IT). KPI: %s", it.Rank, md(it.Title), md(it.Question),
				md(it.Do), md(it.Owners.Business), md(it.Owners.IT), md(it.KPI))
		}
	}
	trust := fmt.Sprintf("- **How far to trust this:** %d of %d applicable questions answered with a level (%.0f %%); %d answered \"don't know\"; %d answers at level 3 or above cite no evidence and are unverified.",
		res.Answered, res.Applicable, res.Coverage*100, res.DontKnow, res.Unverified)
	if res.Coverage < 0.8 {
		trust += " With this coverage, treat the scores as provisional."
	}
	r.line("%s", trust)
	r.line("- **Context, not a prediction:** a Gartner survey cited in the source guide puts the success rate of digital initiatives at 71 %% for \"digital vanguards\" against 48 %% on average; estimates cited there have technical debt consuming up to 40 %% of IT budgets; and surveys it cites found 67 %% of executives do not fully trust their data.")
	r.line("")
}

// consequence names the business consequence of the weakest mode's most
// pressing question, from the instrument's "why it matters".
func (r mdReport) consequence(ms *assessment.ModeScore) string {
	var worst *assessment.QuestionResult
	for i := range ms.Results {
		q := &ms.Results[i]
		if q.Risk != assessment.RiskHigh && q.Risk != assessment.RiskMedium {
			continue
		}
		if worst == nil || q.Gap*q.Importance > worst.Gap*worst.Importance {
			worst = q
		}
	}
	if worst == nil {
		return ""
	}
	q, _ := r.in.Instrument.Question(worst.ID)
	return " Why it matters: " + md(q.Why)
}

// textBar draws a 1–5 value in ten cells.
func textBar(v *float64) string {
	filled := 0
	if v != nil {
		filled = int(math.Round((*v - 1) / 4 * 10))
	}
	return strings.Repeat("█", filled) + strings.Repeat("░", 10-filled)
}

func (r mdReport) scorecard() {
	res := r.in.Scorecard
	r.line("## Scorecard")
	r.line("")
	r.line("| Failure mode | Score | Level | Target | Gap | High risks | Medium risks | Answered | |")
	r.line("|---|---:|---|---:|---:|---:|---:|---:|---|")
	for _, ms := range res.Modes {
		gap := "–"
		if ms.Gap != nil {
			gap = fmt.Sprintf("%.2f", *ms.Gap)
		}
		r.line("| %s %s | %s | %s | %d | %s | %d | %d | %d/%d | `%s` |", md(ms.ID), md(ms.Name), score(ms.Score), mdOr(ms.LevelName), ms.Target, gap,
			ms.HighRisks, ms.MediumRisks, ms.Answered, ms.Applicable, textBar(ms.Score))
	}
	r.line("| **Overall index** | **%s** | %s | | | | | %d/%d | `%s` |", score(res.Overall), mdOr(res.OverallLevelName), res.Answered, res.Applicable, textBar(res.Overall))
	r.line("")
	r.line("```mermaid")
	r.line("xychart-beta")
	r.line("    title \"Failure-mode scores (bars) against targets (line)\"")
	var ids, scores, targets []string
	for _, ms := range res.Modes {
		ids = append(ids, ms.ID)
		v := 0.0
		if ms.Score != nil {
			v = *ms.Score
		}
		scores = append(scores, fmt.Sprintf("%.2f", v))
		targets = append(targets, fmt.Sprint(ms.Target))
	}
	r.line("    x-axis [%s]", strings.Join(ids, ", "))
	r.line("    y-axis \"Level\" 0 --> 5")
	r.line("    bar [%s]", strings.Join(scores, ", "))
	r.line("    line [%s]", strings.Join(targets, ", "))
	r.line("```")
	r.line("")
	r.line("### Principle alignment")
	r.line("")
	r.line("| Principle | Alignment | Questions answered | |")
	r.line("|---|---:|---:|---|")
	for _, ps := range res.Principles {
		pct, bar := "–", textBar(nil)
		if ps.Alignment != nil {
			pct = fmt.Sprintf("%.0f %%", *ps.Alignment)
			lvl := 1 + *ps.Alignment/25
			bar = textBar(&lvl)
		}
		r.line("| %s | %s | %d/%d | `%s` |", md(ps.Name), pct, ps.Answered, ps.FedBy, bar)
	}
	r.line("")
}

func (r mdReport) roadmap() {
	plan := r.in.Plan
	r.line("## Remediation roadmap")
	r.line("")
	if len(plan.Items) == 0 {
		r.line("Every answered question is at or above its target: there is nothing to remediate.")
		r.line("")
		return
	}
	r.line("Each action aims at the next level only. Rank: priority = importance × gap × confidence ÷ effort (S = 1, M = 2, L = 3); prerequisites come first.")
	r.line("")
	for _, bucket := range assessment.Buckets {
		items := plan.In(bucket)
		if len(items) == 0 {
			continue
		}
		r.line("### %s", bucket.Label())
		r.line("")
		for _, it := range items {
			step := fmt.Sprintf("level %d → %d", it.Level, it.Toward)
			if it.Kind == assessment.FindOut {
				step = "find out"
			}
			r.line("%d. **%s %s** (%s · effort %s · priority %.2f)", it.Rank, md(it.Question), md(it.Title), step, it.Effort, it.Priority)
			r.line("   - Do: %s", md(it.Do))
			r.line("   - Why it ranks here: %s", md(it.Why))
			r.line("   - Owners: %s (business) with %s (IT)", md(it.Owners.Business), md(it.Owners.IT))
			r.line("   - KPI: %s", md(it.KPI))
			if len(it.Requires) > 0 {
				r.line("   - Prerequisites: %s", md(strings.Join(it.Requires, ", ")))
			}
		}
		r.line("")
	}
	r.quadrant()
}

// quadrant charts the first actions by impact (importance × gap) and effort.
func (r mdReport) quadrant() {
	items := r.in.Plan.Items
	items = items[:min(15, len(items))]
	r.line("```mermaid")
	r.line("quadrantChart")
	r.line("    title \"First %d actions by impact and effort\"", len(items))
	r.line("    x-axis \"Low effort\" --> \"High effort\"")
	r.line("    y-axis \"Low impact\" --> \"High impact\"")
	r.line("    quadrant-1 \"Major projects\"")
	r.line("    quadrant-2 \"Quick wins\"")
	r.line("    quadrant-3 \"Fill-ins\"")
	r.line("    quadrant-4 \"Reconsider\"")
	for i, it := range items {
		x := 0.1 + float64(it.EffortCost-1)*0.4 + float64(i%4)*0.02
		y := math.Min(0.95, 0.05+float64(it.Importance*it.Gap)/12*0.9) - float64(i%3)*0.02
		r.line("    %s: [%.2f, %.2f]", it.Question, x, y)
	}
	r.line("```")
	r.line("")
	r.line("Impact is importance × gap (at most 12); effort S, M, L runs left to right.")
	r.line("")
}

func (r mdReport) findings() {
	r.line("## Findings by failure mode")
	r.line("")
	for _, ms := range r.in.Scorecard.Modes {
		mode, _ := r.in.Instrument.Mode(ms.ID)
		r.line("### %s %s: %s (%s)", md(ms.ID), md(ms.Name), score(ms.Score), mdOr(ms.LevelName))
		r.line("")
		r.line("%s", md(mode.Summary))
		r.line("")
		r.line("| Question | Answer | What was observed | Risk | Note | Evidence |")
		r.line("|---|---|---|---|---|---|")
		var unknown []string
		for _, qr := range ms.Results {
			q, _ := r.in.Instrument.Question(qr.ID)
			answer, observed := "not answered", "–"
			switch qr.Given.Kind {
			case assessment.Level:
				answer = fmt.Sprintf("%d %s", qr.Level, qr.LevelName)
				observed = md(q.Levels[qr.Level-1])
				if qr.Unverified {
					answer += " (unverified)"
				}
			case assessment.DontKnow:
				answer = "**don't know**"
				unknown = append(unknown, qr.ID)
			case assessment.NotApplicable:
				answer = "n/a: " + md(qr.Reason)
			}
			r.line("| %s %s | %s | %s | %s | %s | %s |", md(qr.ID), md(qr.Title), answer, observed, qr.Risk, mdOr(qr.Note), mdOr(qr.Evidence))
		}
		r.line("")
		if len(unknown) > 0 {
			r.line("Not known, and a finding in itself: %s.", md(strings.Join(unknown, ", ")))
			r.line("")
		}
	}
}

func (r mdReport) method() {
	in := r.in
	r.line("## Method")
	r.line("")
	r.line("Each question is answered on five levels described by what can be observed:")
	r.line("")
	r.line("| Level | Name |")
	r.line("|---:|---|")
	for l := 1; l <= questionnaire.Levels; l++ {
		r.line("| %d | %s |", l, questionnaire.LevelName(l))
	}
	r.line("")
	r.line("- **Failure-mode score**: the mean of the mode's answered levels, weighted by question importance (1 to 3). \"Don't know\", not applicable and unanswered questions are left out; coverage = answered ÷ applicable.")
	r.line("- **Principle alignment**: each feeding question's level placed on 0–100 %% as (level − 1) ÷ 4, averaged with the instrument's weights toward the principle.")
	r.line("- **Overall index**: the mean of the failure-mode scores. **Staged level**: the highest whole level every failure mode reaches.")
	r.line("- **Risk**: unknown for \"don't know\"; none at or above the target or not applicable; otherwise high when gap × importance ≥ %d, else medium. Answers at level 3 or above without evidence are unverified.", assessment.HighRiskSeverity)
	r.line("- **Plan**: for each question below target, the action toward the next level; priority = importance × gap × confidence ÷ effort; Now from %.1f, Next from %.1f, Later below; a \"don't know\" on a question of importance %d or more is a find-out item in Now; prerequisites are pulled forward and come first.", assessment.NowFrom, assessment.NextFrom, assessment.FindOutFrom)
	var targets []string
	for _, ms := range in.Scorecard.Modes {
		targets = append(targets, fmt.Sprintf("%s %d", ms.ID, ms.Target))
	}
	r.line("- **Targets**: %s.", strings.Join(targets, ", "))
	r.line("- **Instrument**: %s version %s, SHA-256 `%s`.", md(in.Instrument.ID), md(in.Instrument.Version), in.Instrument.Hash())
	r.line("")
	r.line("Every number here can be reproduced with `seam explain %s WHAT`, where WHAT is `overall`, a failure mode (`m3`), a principle (`%s`), a question (`m3.q2`) or an action id.", in.ID, principleExample(in.Instrument))
	r.line("")
	r.line("The questions are built from the guide *How CIOs Can Fix a Broken Integration Strategy* (3 February 2026); its figures are quoted with attribution as context.")
}

func principleExample(inst *questionnaire.Instrument) string {
	if len(inst.Principles) == 0 {
		return "outcomes"
	}
	return inst.Principles[0].ID
}
