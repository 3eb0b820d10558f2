package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/theme"
)

// reportBar is the width of the text bars in the report's tables.
const reportBar = 10

// build lays out the leadership report: title block, executive summary,
// scorecard, the workshop's agreement, roadmap, findings and method.
func build(in Input) doc {
	r := &builder{in: in}
	r.titleBlock()
	r.summary()
	r.scorecard()
	r.workshop()
	r.roadmap()
	r.findings()
	r.method()
	return r.doc
}

type builder struct {
	in  Input
	doc doc
}

func (r *builder) add(blocks ...block) { r.doc = append(r.doc, blocks...) }

func (r *builder) heading(level int, parts ...any) {
	r.add(heading{level: level, text: line(parts...)})
}

func (r *builder) para(parts ...any) { r.add(para{text: line(parts...)}) }

func (r *builder) titleBlock() {
	in := r.in
	r.heading(1, "Integration strategy assessment: ", their(in.Organization))
	t := table{align: "ll", head: cells("", "")}
	t.rows = append(t.rows, []text{line("Organization"), line(their(in.Organization))}, []text{line("Title"), line(theirOr(in.Title))})
	if in.Scope != "" {
		t.rows = append(t.rows, []text{line("Scope"), line(their(in.Scope))})
	}
	t.rows = append(t.rows, cells("Date", in.Date.UTC().Format("2 January 2006")),
		[]text{line("Assessment"), line(literal(in.ID), fmt.Sprintf(" (%s, %s)", in.Kind, in.Status))})
	var who text
	for i, p := range in.Participants {
		if i > 0 {
			who = append(who, words("; "))
		}
		who = append(who, their(p.Name), words(" ("), theirOr(p.Role), words(", "), their(p.Function), words(")"))
	}
	if len(who) == 0 {
		who = line("–")
	}
	t.rows = append(t.rows, []text{line("Respondents"), who},
		[]text{line("Instrument"), line(their(in.Instrument.ID), " ", their(in.Instrument.Version), ", hash ", literal(in.Instrument.ShortHash()))})
	r.add(t)
}

func (r *builder) summary() {
	res := r.in.Scorecard
	r.heading(2, "Executive summary")
	var bullets []item
	staged := line("not yet rated: at least one failure mode has no answered question")
	if res.Staged > 0 {
		staged = line(strong(theme.Level(res.Staged, res.StagedName)), ": the highest level every failure mode reaches")
	}
	bullets = append(bullets, item{text: line(strong("Overall index ", theme.Score(res.Overall), " (", theirOr(res.OverallLevelName), ")"),
		" on a scale of 1 Initial to 5 Optimizing; staged level ", staged, ".")})
	if ms, ok := res.Mode(res.Weakest); ok {
		mode, _ := r.in.Instrument.Mode(ms.ID)
		bullets = append(bullets, item{text: line(strong("Weakest area: ", their(ms.Name)),
			fmt.Sprintf(" (%s, %s). ", theme.Score(ms.Score), ms.LevelName), their(mode.Summary), r.consequence(ms))})
	}
	items := r.in.Plan.Items
	if len(items) == 0 {
		bullets = append(bullets, item{text: line(strong("No remediation is needed"), " to reach the targets set.")})
	} else {
		first := item{text: line(strong("First actions"), fmt.Sprintf(" (of %d in the plan):", len(items)))}
		var actions list
		for _, it := range items[:min(3, len(items))] {
			actions.items = append(actions.items, item{number: it.Rank, text: line(strong(their(it.Title)), " (", their(it.Question), "): ",
				their(it.Do), " Owners: ", their(it.Owners.Business), " (business) with ", their(it.Owners.IT), " (IT). KPI: ", their(it.KPI))})
		}
		first.sub = []block{actions}
		bullets = append(bullets, first)
	}
	trust := line(strong("How far to trust this:"), fmt.Sprintf(" %d of %d applicable questions answered with a level (%.0f %%); %d answered \"don't know\"; %d answers at level 3 or above cite no evidence and are unverified.",
		res.Answered, res.Applicable, res.Coverage*100, res.DontKnow, res.Unverified))
	if res.Coverage < 0.8 {
		trust = append(trust, words(" With this coverage, treat the scores as provisional."))
	}
	bullets = append(bullets, item{text: trust},
		item{text: line(strong("Context, not a prediction:"), " a Gartner survey cited in the source guide puts the success rate of digital initiatives at 71 % for \"digital vanguards\" against 48 % on average; estimates cited there have technical debt consuming up to 40 % of IT budgets; and surveys it cites found 67 % of executives do not fully trust their data.")})
	r.add(list{items: bullets})
}

// consequence names the business consequence of the weakest mode's most
// pressing question, from the instrument's "why it matters".
func (r *builder) consequence(ms *assessment.ModeScore) text {
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
		return nil
	}
	q, _ := r.in.Instrument.Question(worst.ID)
	return line(" Why it matters: ", their(q.Why))
}

func (r *builder) scorecard() {
	res := r.in.Scorecard
	r.heading(2, "Scorecard")
	t := table{align: "lrlrrrrrl", head: cells("Failure mode", "Score", "Level", "Target", "Gap", "High risks", "Medium risks", "Answered", "")}
	for _, ms := range res.Modes {
		t.rows = append(t.rows, []text{line(their(ms.ID), " ", their(ms.Name)), line(theme.Score(ms.Score)), line(theirOr(ms.LevelName)),
			line(fmt.Sprint(ms.Target)), line(theme.Score(ms.Gap)), line(fmt.Sprint(ms.HighRisks)), line(fmt.Sprint(ms.MediumRisks)),
			line(fmt.Sprintf("%d/%d", ms.Answered, ms.Applicable)), line(literal(theme.BarCells(ms.Score, 0, reportBar)))})
	}
	t.rows = append(t.rows, []text{line(strong("Overall index")), line(strong(theme.Score(res.Overall))), line(theirOr(res.OverallLevelName)),
		nil, nil, nil, nil, line(fmt.Sprintf("%d/%d", res.Answered, res.Applicable)), line(literal(theme.BarCells(res.Overall, 0, reportBar)))})
	r.add(t)
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
	r.add(code{lang: "mermaid", lines: []string{
		"xychart-beta",
		`    title "Failure-mode scores (bars) against targets (line)"`,
		fmt.Sprintf("    x-axis [%s]", strings.Join(ids, ", ")),
		`    y-axis "Level" 0 --> 5`,
		fmt.Sprintf("    bar [%s]", strings.Join(scores, ", ")),
		fmt.Sprintf("    line [%s]", strings.Join(targets, ", ")),
	}})
	r.heading(3, "Principle alignment")
	p := table{align: "lrrl", head: cells("Principle", "Alignment", "Questions answered", "")}
	for _, ps := range res.Principles {
		p.rows = append(p.rows, []text{line(their(ps.Name)), line(theme.Percent(ps.Alignment)), line(fmt.Sprintf("%d/%d", ps.Answered, ps.FedBy)),
			line(literal(theme.BarCells(theme.AsLevel(ps.Alignment), 0, reportBar)))})
	}
	r.add(p)
}

func (r *builder) roadmap() {
	plan := r.in.Plan
	r.heading(2, "Remediation roadmap")
	if len(plan.Items) == 0 {
		r.para("Every answered question is at or above its target: there is nothing to remediate.")
		return
	}
	r.para("Each action aims at the next level only. Rank: priority = importance × gap × confidence ÷ effort (S = 1, M = 2, L = 3); prerequisites come first.")
	for _, bucket := range assessment.Buckets {
		items := plan.In(bucket)
		if len(items) == 0 {
			continue
		}
		r.heading(3, bucket.Label())
		var l list
		for _, it := range items {
			details := list{items: []item{
				{text: line("Do: ", their(it.Do))},
				{text: line("Why it ranks here: ", their(it.Why))},
				{text: line("Owners: ", their(it.Owners.Business), " (business) with ", their(it.Owners.IT), " (IT)")},
				{text: line("KPI: ", their(it.KPI))},
			}}
			if len(it.Requires) > 0 {
				details.items = append(details.items, item{text: line("Prerequisites: ", their(strings.Join(it.Requires, ", ")))})
			}
			l.items = append(l.items, item{number: it.Rank, sub: []block{details},
				text: line(strong(their(it.Question), " ", their(it.Title)), fmt.Sprintf(" (%s · effort %s · priority %.2f)", theme.Step(it), it.Effort, it.Priority))})
		}
		r.add(l)
	}
	r.quadrant()
}

// quadrant charts the first actions by impact (importance × gap) and effort.
func (r *builder) quadrant() {
	items := r.in.Plan.Items
	items = items[:min(15, len(items))]
	c := code{lang: "mermaid", lines: []string{
		"quadrantChart",
		fmt.Sprintf(`    title "First %d actions by impact and effort"`, len(items)),
		`    x-axis "Low effort" --> "High effort"`,
		`    y-axis "Low impact" --> "High impact"`,
		`    quadrant-1 "Major projects"`,
		`    quadrant-2 "Quick wins"`,
		`    quadrant-3 "Fill-ins"`,
		`    quadrant-4 "Reconsider"`,
	}}
	for i, it := range items {
		x := 0.1 + float64(it.EffortCost-1)*0.4 + float64(i%4)*0.02
		y := math.Min(0.95, 0.05+float64(it.Importance*it.Gap)/12*0.9) - float64(i%3)*0.02
		c.lines = append(c.lines, fmt.Sprintf("    %s: [%.2f, %.2f]", it.Question, x, y))
	}
	r.add(c)
	r.para("Impact is importance × gap (at most 12); effort S, M, L runs left to right.")
}

func (r *builder) findings() {
	r.heading(2, "Findings by failure mode")
	for _, ms := range r.in.Scorecard.Modes {
		mode, _ := r.in.Instrument.Mode(ms.ID)
		r.heading(3, their(ms.ID), " ", their(ms.Name), ": ", theme.Score(ms.Score), " (", theirOr(ms.LevelName), ")")
		r.para(their(mode.Summary))
		t := table{align: "llllll", head: cells("Question", "Answer", "What was observed", "Risk", "Note", "Evidence")}
		var unknown []string
		for _, qr := range ms.Results {
			q, _ := r.in.Instrument.Question(qr.ID)
			answer, observed := line("not answered"), line("–")
			switch qr.Given.Kind {
			case assessment.Level:
				answer = line(theme.Level(qr.Level, qr.LevelName))
				if qr.Level >= 1 && qr.Level <= questionnaire.Levels {
					observed = line(their(q.Levels[qr.Level-1]))
				}
				if qr.Unverified {
					answer = append(answer, words(" (unverified)"))
				}
			case assessment.DontKnow:
				answer = line(strong("don't know"))
				unknown = append(unknown, qr.ID)
			case assessment.NotApplicable:
				answer = line("n/a: ", their(qr.Reason))
			}
			t.rows = append(t.rows, []text{line(their(qr.ID), " ", their(qr.Title)), answer, observed, line(string(qr.Risk)),
				line(theirOr(qr.Note)), line(theirOr(qr.Evidence))})
		}
		r.add(t)
		if len(unknown) > 0 {
			r.para("Not known, and a finding in itself: ", their(strings.Join(unknown, ", ")), ".")
		}
	}
}

func (r *builder) method() {
	in := r.in
	r.heading(2, "Method")
	r.para("Each question is answered on five levels described by what can be observed:")
	scale := table{align: "rl", head: cells("Level", "Name")}
	for l := 1; l <= questionnaire.Levels; l++ {
		scale.rows = append(scale.rows, cells(fmt.Sprint(l), questionnaire.LevelName(l)))
	}
	r.add(scale)
	var targets []string
	for _, ms := range in.Scorecard.Modes {
		targets = append(targets, fmt.Sprintf("%s %d", ms.ID, ms.Target))
	}
	r.add(list{items: []item{
		{text: line(strong("Failure-mode score"), ": the mean of the mode's answered levels, weighted by question importance (1 to 3). \"Don't know\", not applicable and unanswered questions are left out; coverage = answered ÷ applicable.")},
		{text: line(strong("Principle alignment"), ": each feeding question's level placed on 0–100 % as (level − 1) ÷ 4, averaged with the instrument's weights toward the principle.")},
		{text: line(strong("Overall index"), ": the mean of the failure-mode scores. ", strong("Staged level"), ": the highest whole level every failure mode reaches.")},
		{text: line(strong("Risk"), fmt.Sprintf(": unknown for \"don't know\"; none at or above the target or not applicable; otherwise high when gap × importance ≥ %d, else medium. Answers at level 3 or above without evidence are unverified.", assessment.HighRiskSeverity))},
		{text: line(strong("Plan"), fmt.Sprintf(": for each question below target, the action toward the next level; priority = importance × gap × confidence ÷ effort; Now from %.1f, Next from %.1f, Later below; a \"don't know\" on a question of importance %d or more is a find-out item in Now; prerequisites are pulled forward and come first.", assessment.NowFrom, assessment.NextFrom, assessment.FindOutFrom))},
		{text: line(strong("Targets"), ": ", their(strings.Join(targets, ", ")), ".")},
		{text: line(strong("Instrument"), ": ", their(in.Instrument.ID), " version ", their(in.Instrument.Version), ", SHA-256 ", literal(in.Instrument.Hash()), ".")},
	}})
	r.para("Every number here can be reproduced with ", literal("seam explain "+in.ID+" WHAT"), ", where WHAT is ", literal("overall"), ", a failure mode (", literal("m3"),
		"), a principle (", literal(principleExample(in.Instrument)), "), a question (", literal("m3.q2"), ") or an action id.")
	r.para("The questions are built from the guide ", emphasis("How CIOs Can Fix a Broken Integration Strategy"), " (3 February 2026); its figures are quoted with attribution as context.")
}

func principleExample(inst *questionnaire.Instrument) string {
	if len(inst.Principles) == 0 {
		return "outcomes"
	}
	return inst.Principles[0].ID
}
