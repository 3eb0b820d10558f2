package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/theme"
)

// reportBar is the width of the text bars in the report's tables.
const reportBar = 10

// build lays out the leadership report in three parts: page one, which
// decides (what was found, the one number, the first actions and the
// decisions asked of leadership); the body (scorecard and charts, the
// room's agreement, the roadmap, the baseline, findings in plain words
// with the room's evidence); and the appendix (the method, why each action
// ranks where it does, the room's statistics and every answer).
func build(in Input) doc {
	r := &builder{in: in.anonymized()}
	r.register = r.in.registerRows()
	r.titleBlock()
	r.decisionPage()
	r.add(pageBreak{})
	r.scorecard()
	r.changes()
	r.workshop()
	r.roadmap()
	r.registerSection()
	r.baseline()
	r.findings()
	r.appendix()
	return r.doc
}

type builder struct {
	in  Input
	doc doc
	// votes and roles index the workshop's votes by question and its
	// participants' roles by name, made when first needed.
	votes      map[string][]Vote
	roles      map[string]string
	agreements map[string]*assessment.QuestionAgreement
	// register is the action register as the report reads it, once: page
	// one, the roadmap and the register's section all show it.
	register []registerRow
	// overdueAt is where page one's line on overdue actions stands: the
	// list's block and its item; nil when nothing is overdue.
	overdueAt *[2]int
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
		if in.Anonymous {
			who = append(who, their(p.Name))
			continue
		}
		who = append(who, their(p.Name), words(" ("), theirOr(p.Role), words(", "), their(p.Function), words(")"))
	}
	switch {
	case len(who) == 0:
		who = line("–")
	case in.Anonymous:
		who = append(who, words(" (anonymous: named by function)"))
	}
	t.rows = append(t.rows, []text{line("Respondents"), who},
		[]text{line("Instrument"), line(their(in.Instrument.ID), " ", their(in.Instrument.Version), ", hash ", literal(in.Instrument.ShortHash()))})
	r.add(t)
}

// headline is the one number of the report: the overall index with its
// level name when it is rated (else what keeps it from being rated), its
// coverage and the weakest mode beside it.
func (r *builder) headline() text {
	res := r.in.Scorecard
	var t text
	switch {
	case res.Overall == nil:
		t = line(strong("Overall index: not rated"), " (", NotRatedPhrase(res), ")")
	case !res.Rated:
		t = line(strong("Overall index ", theme.Score(res.Overall), ", provisional"), " (", NotRatedPhrase(res), "), of 5")
	default:
		t = line(strong("Overall index ", theme.Score(res.Overall), " (", theirOr(res.OverallLevelName), ")"), " of 5")
	}
	if c := CoveragePhrase(res); c != "" {
		t = append(t, words("; %s (%d of %d applicable questions answered with a level)", c, res.Answered, res.Applicable))
	}
	if ms, ok := res.Mode(res.Weakest); ok && ms.Score != nil {
		t = append(t, words("; weakest failure mode: "), their(ms.ID), words(" "), their(ms.Name), words(" (%s)", theme.Score(ms.Score)))
	}
	return append(t, words("."))
}

func (r *builder) scorecard() {
	res := r.in.Scorecard
	r.heading(2, "Scorecard")
	t := table{align: "lrlrrrrrl", head: cells("Failure mode", "Score", "Level", "Target", "Gap", "High risks", "Medium risks", "Answered", "")}
	for _, ms := range res.Modes {
		name := line(their(ms.ID), " ", their(ms.Name))
		if ms.Status == assessment.ModeNotApplicable {
			t.rows = append(t.rows, []text{name, line("–"), line(ModeStatusPhrase(ms)), line(fmt.Sprint(ms.Target)), nil, nil, nil, line("n/a"), nil})
			continue
		}
		level := line(theirOr(ms.LevelName))
		if ms.Status != assessment.Rated {
			level = line(ModeStatusPhrase(ms))
		}
		t.rows = append(t.rows, []text{name, line(theme.Score(ms.Score)), level,
			line(fmt.Sprint(ms.Target)), line(theme.Score(ms.Gap)), line(fmt.Sprint(ms.HighRisks)), line(fmt.Sprint(ms.MediumRisks)),
			line(fmt.Sprintf("%d/%d", ms.Answered, ms.Applicable)), line(literal(theme.BarCells(ms.Score, 0, reportBar)))})
	}
	overallLevel := line(theirOr(res.OverallLevelName))
	if !res.Rated {
		overallLevel = line(NotRatedPhrase(res))
		if res.Overall != nil {
			overallLevel = line("provisional; ", NotRatedPhrase(res))
		}
	}
	t.rows = append(t.rows, []text{line(strong("Overall index")), line(strong(theme.Score(res.Overall))), overallLevel,
		nil, nil, nil, nil, line(fmt.Sprintf("%d/%d", res.Answered, res.Applicable)), line(literal(theme.BarCells(res.Overall, 0, reportBar)))})
	r.add(t)
	var ids, scores, targets, said []string
	for _, ms := range res.Modes {
		ids = append(ids, ms.ID)
		v := 0.0
		if ms.Score != nil {
			v = *ms.Score
		}
		scores = append(scores, fmt.Sprintf("%.2f", v))
		targets = append(targets, fmt.Sprint(ms.Target))
		said = append(said, fmt.Sprintf("%s %s (target %d)", ms.ID, theme.Score(ms.Score), ms.Target))
	}
	r.add(figure{name: "scores", draw: scoresChart(res),
		alt: "Failure-mode scores on the scale 1 to 5 against their targets: " + strings.Join(said, ", ") + ".",
		mermaid: []string{
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
	var aligned []string
	for _, ps := range res.Principles {
		aligned = append(aligned, fmt.Sprintf("%s %s", ps.Name, theme.Percent(ps.Alignment)))
	}
	r.add(figure{name: "alignment", draw: alignmentChart(res), alt: "Alignment with the blueprint principles, 0 to 100 %: " + strings.Join(aligned, ", ") + "."})
}

func (r *builder) roadmap() {
	plan := r.in.Plan
	r.heading(2, "Remediation roadmap")
	if len(plan.Items) == 0 {
		r.para(EmptyPlanPhrase(r.in.Scorecard))
		return
	}
	intro := fmt.Sprintf("Each action lifts a question one level. Now, Next and Later each hold at most %d effort points (S = 1, M = 2, L = 3)", capacityOf(plan))
	if d := DeferredPhrase(plan); d != "" {
		intro += "; " + d
	}
	r.para(intro + ". Why each action ranks where it does is in the appendix.")
	adopted := tracked(r.register) // empty without a register
	for _, bucket := range assessment.Buckets {
		items := plan.In(bucket)
		if len(items) == 0 {
			continue
		}
		r.heading(3, bucket.Label(), ": ", CapacityPhrase(plan, bucket))
		switch bucket {
		case assessment.Now:
			r.add(r.nowItems(items, adopted))
			continue
		case assessment.Waiting:
			r.waiting(items, adopted)
			continue
		}
		t := table{align: "rlll", head: cells("#", "Action", "Owners", "Effort")}
		withTracked := slices.ContainsFunc(items, func(it assessment.PlanItem) bool { _, ok := adopted[it.Action]; return ok })
		if withTracked {
			t.align += "l"
			t.head = append(t.head, line("Tracked"))
		}
		for _, it := range items {
			row := []text{line(fmt.Sprint(it.Rank)), line(their(ItemSubject(it)), " ", their(it.Title)),
				line(their(roleNames(it.Owners))), line(it.Effort)}
			if withTracked {
				cell := line("–")
				if a, ok := adopted[it.Action]; ok {
					cell = trackedText(a)
				}
				row = append(row, cell)
			}
			t.rows = append(t.rows, row)
		}
		r.add(t)
	}
}

// waiting names the items waiting for capacity in one paragraph, each
// adopted one with how it is tracked.
func (r *builder) waiting(items []assessment.PlanItem, adopted map[string]registerRow) {
	var names []string
	t := line("In plan order: ")
	for i, it := range items {
		names = append(names, fmt.Sprintf("%s %s", ItemSubject(it), it.Title))
		if i > 0 {
			t = append(t, words("; "))
		}
		t = append(t, their(names[i]))
		if row, ok := adopted[it.Action]; ok {
			t = append(append(t, words(" (tracked: ")), append(trackedText(row), words(")"))...)
		}
	}
	if len(adopted) == 0 { // as before the register
		r.para("In plan order: ", their(strings.Join(names, "; ")), ".")
		return
	}
	r.add(para{text: append(t, words("."))})
}

// nowItems are the actions to start within 90 days, in detail: what to
// do, when it is done, who owns it (and, adopted, who has it, by when and
// how far it is), the KPI with its baseline, and the decision it needs.
func (r *builder) nowItems(items []assessment.PlanItem, adopted map[string]registerRow) list {
	var l list
	for _, it := range items {
		details := list{items: []item{{text: line("Do: ", their(it.Do))}}}
		if it.DoneWhen != "" {
			details.items = append(details.items, item{text: line("Done when: ", their(it.DoneWhen))})
		}
		if it.Kind == assessment.FindOut && len(it.Questions) > 0 {
			details.items = append(details.items, item{text: line("Questions not known: ", their(strings.Join(it.Questions, ", ")))})
		}
		details.items = append(details.items,
			item{text: line("Owners: ", their(questionnaire.RoleLabels(it.Owners)))})
		if row, ok := adopted[it.Action]; ok {
			details.items = append(details.items, item{text: line(strong("Tracked:"), " ", trackedText(row))})
		}
		details.items = append(details.items, item{text: line("KPI: ", their(it.KPI))})
		if it.Baseline != "" {
			details.items = append(details.items, item{text: line("Your baseline: ", their(it.Baseline), " (from the baseline chapter)")})
		}
		if it.Decision != "" {
			details.items = append(details.items, item{text: line(strong("Decision needed:"), " ", their(it.Decision))})
		}
		if len(it.Requires) > 0 {
			details.items = append(details.items, item{text: line("Comes after: ", their(strings.Join(it.Requires, ", ")))})
		}
		l.items = append(l.items, item{number: it.Rank, sub: []block{details},
			text: line(strong(their(ItemSubject(it)), " ", their(it.Title)), fmt.Sprintf(" (%s · effort %s)", theme.Step(it), it.Effort))})
	}
	return l
}

// answersAppendix lists every question's answer per failure mode: the
// level given, what it describes and what would prove it, the risk, and
// the note and evidence.
func (r *builder) answersAppendix() {
	r.heading(3, "Every answer")
	for _, ms := range r.in.Scorecard.Modes {
		r.heading(4, "Answers: ", their(ms.ID), " ", their(ms.Name))
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
				if ev := q.EvidenceFor(qr.Level); ev != "" {
					observed = append(observed, words(" "))
					observed = append(observed, emphasis("Proven by:")...)
					observed = append(observed, words(" "), their(ev))
				}
				if qr.Unverified {
					answer = append(answer, words(" (unverified)"))
				}
			case assessment.DontKnow:
				answer = line(strong("don't know"), fmt.Sprintf(" (counted as %d)", assessment.DontKnowCounts))
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

// baseline lists the organisation's own figures of the baseline chapter
// and the plan items whose KPIs start from each; nothing when the
// instrument has no baseline chapter.
func (r *builder) baseline() {
	figures := r.in.Instrument.Baseline
	if len(figures) == 0 {
		return
	}
	r.heading(2, "Baseline figures")
	recorded := 0
	t := table{align: "lrl", head: cells("Figure", "Yours", "KPIs that start from it")}
	for _, fg := range figures {
		value := "not recorded"
		if v, ok := r.in.Baseline[fg.ID]; ok {
			value = v.Format(fg.Unit)
			recorded++
		}
		var users []string
		for _, it := range r.in.Plan.Items {
			if it.KPIParts != nil && it.KPIParts.Figure == fg.ID {
				users = append(users, ItemSubject(it))
			}
		}
		t.rows = append(t.rows, []text{line(their(fg.Name)), line(their(value)), line(theirOr(strings.Join(users, ", ")))})
	}
	r.para(fmt.Sprintf("The organization's own figures that the KPIs start from, %d of %d recorded; they are not scored. ", recorded, len(figures)),
		"Record them with ", literal("seam baseline "+r.in.ID+" FIGURE VALUE"), " or in the app's baseline chapter.")
	r.add(t)
}

func (r *builder) method() {
	in := r.in
	r.heading(3, "Method")
	r.para("Each question is answered on five levels described by what can be observed. Levels are cumulative: the respondent picks the highest level whose description is fully true today, and \"don't know\" when they cannot tell.")
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
		{text: line(strong("Failure-mode score"), fmt.Sprintf(": the mean of the mode's levels, weighted by question importance (1 to 3), with \"don't know\" counted as level %d (not knowing whether something is in place means it is not managed); not applicable and unanswered questions are left out. Coverage = answered with a level ÷ applicable. A mode is rated from %.0f %% coverage; below it its score is provisional and says what is missing.", assessment.DontKnowCounts, assessment.RatedFrom*100))},
		{text: line(strong("Not applicable"), ": only where the instrument allows it, always with a reason. A failure mode whose questions are all not applicable is shown as such with its reasons and left out of the overall index.")},
		{text: line(strong("Principle alignment"), fmt.Sprintf(": each feeding question's level placed on 0–100 %% as (level − 1) ÷ 4 (\"don't know\" as level %d), averaged with the instrument's weights toward the principle.", assessment.DontKnowCounts))},
		{text: line(strong("Overall index"), ": the mean of the applicable failure modes' scores, with the level name it reaches; rated only when every applicable failure mode is rated, otherwise provisional, naming what is missing.")},
		{text: line(strong("Risk"), fmt.Sprintf(": unknown for \"don't know\"; none at or above the target or not applicable; otherwise high when gap × importance ≥ %d, else medium. Answers at level 3 or above without evidence are unverified.", assessment.HighRiskSeverity))},
		{text: line(strong("Plan"), fmt.Sprintf(": for each question below target, the action toward the next level; priority = importance × gap × confidence ÷ effort (S = 1, M = 2, L = 3); items in order of priority, ties by importance, then id. The \"don't know\" answers of a failure mode on questions of importance %d or more make one find-out item, effort S, listing them and ranked as if each stood at level 1. A prerequisite names a level; only an unmet one counts, and it stands just before the highest-ranked item that needs it, so a dependent is never moved down for it. Horizons by priority: Now from %.1f, Next from %.1f, Later below; each holds at most %d effort points (default %d, set per assessment or with --capacity), items beyond it move to the next horizon in priority order, and what does not fit in Later waits for capacity.", assessment.FindOutFrom, assessment.NowFrom, assessment.NextFrom, capacityOf(in.Plan), assessment.DefaultCapacity))},
		{text: line(strong("Confidence"), ": 1.0 for one respondent or a consensus the workshop recorded; otherwise the question's agreement rwg, at least 0.5. In a workshop a question's value is the level scored, the consensus or else the lower median, shown with the spread of the answers.")},
		{text: line(strong("Targets"), ": ", their(strings.Join(targets, ", ")), ".")},
		{text: line(strong("Owners"), ": roles from the instrument's catalogue, each with its function; every action names a business role and an IT, data or security role together.")},
		{text: line(strong("Instrument"), ": ", their(in.Instrument.ID), " version ", their(in.Instrument.Version), ", SHA-256 ", literal(in.Instrument.Hash()), ".")},
	}})
	if in.Anonymous {
		r.para(strong("Anonymous report"), ": wherever it would name a participant, this report names their function, numbered in the order participants were added to the workshop ",
			"(Business 1, Business 2, IT 1 …); names and roles are left out. ",
			"Notes, evidence and reasons are shown as written and attributed to no one: a note that names someone still names them, so read them before sharing this report.")
	}
	if terms := in.Instrument.Terms; len(terms) > 0 {
		r.para("Terms as the questions use them:")
		var l list
		for _, t := range terms {
			l.items = append(l.items, item{text: line(strong(their(t.Term)), ": ", their(t.Meaning))})
		}
		r.add(l)
	}
	r.para("Every number here can be reproduced with ", literal("seam explain "+in.ID+" WHAT"), ", where WHAT is ", literal("overall"), ", a failure mode (", literal("m3"),
		"), a principle (", literal(principleExample(in.Instrument)), "), a question (", literal("m3.q2"), "), a find-out item (", literal("m3.find-out"), ") or an action id.")
	r.para("The questions are built from the guide ", emphasis("How CIOs Can Fix a Broken Integration Strategy"), " (3 February 2026); its figures are quoted with attribution as context.")
}

// capacityOf is the effort points a horizon of the plan holds.
func capacityOf(plan assessment.Plan) int {
	if plan.Capacity > 0 {
		return plan.Capacity
	}
	return assessment.DefaultCapacity
}

func principleExample(inst *questionnaire.Instrument) string {
	if len(inst.Principles) == 0 {
		return "outcomes"
	}
	return inst.Principles[0].ID
}

// roleNames lists roles by name only, for compact tables.
func roleNames(roles []questionnaire.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = r.Name
	}
	return strings.Join(names, ", ")
}
