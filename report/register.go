package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
)

// The action register in the report: the plan items adopted as actions,
// each with its owner, due date and status. The roadmap marks the adopted
// items where they stand; a table in the body lists every adopted action,
// overdue first, also those the plan no longer holds because their
// question is at its target now ("met": answers that change do not delete
// what was decided); page one says in one line what is overdue. A report
// of an assessment with no adopted action says nothing of it.

// ActionRegister is an assessment's adopted actions as of a day.
type ActionRegister struct {
	// Today is the day the report is written: an open action due before
	// it is overdue.
	Today assessment.Date
	// Actions are the adopted actions, in any order.
	Actions []assessment.Adopted
}

// registerRow is an adopted action as assessment.Register reads it, with
// what the report writes beside it.
type registerRow struct {
	assessment.RegisterEntry
	// item is the plan's item for the action; nil when the plan does not
	// hold it.
	item *assessment.PlanItem
	// qr is the question's result (nil for a find-out item).
	qr *assessment.QuestionResult
}

// subject names the action as the plan does: "m1.q1", "m3.find-out".
func (r registerRow) subject() string { return cmp.Or(r.Question, r.Action) }

// registerRows is the register read against the evaluation by
// assessment.Register (met, overdue, and its order); nil without a
// register.
func (in Input) registerRows() []registerRow {
	if in.Register == nil || len(in.Register.Actions) == 0 {
		return nil
	}
	entries := assessment.Register(in.Evaluation, in.Register.Actions, in.Register.Today)
	rows := make([]registerRow, len(entries))
	for i, e := range entries {
		rows[i].RegisterEntry = e
		rows[i].item, _ = in.Plan.ItemFor(e.Action)
		if e.Question != "" {
			rows[i].qr, _ = in.Scorecard.Question(e.Question)
		}
	}
	return rows
}

// dueDate writes a due date as the report writes dates: "31 March 2027".
func dueDate(d assessment.Date) string {
	t, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return string(d)
	}
	return reportDate(t)
}

// trackedText is how an adopted action stands, in a few words: "Jo
// Smith, due 31 March 2027, in progress"; "**overdue**" after an open
// action past its date, the reason after a decision.
func trackedText(r registerRow) text {
	t := line(theirOr(r.Owner))
	if r.Owner == "" {
		t = line("no owner named")
	}
	if r.Due != "" {
		t = append(t, words(", due %s", dueDate(r.Due)))
	}
	return append(append(t, words(", ")), statusText(r)...)
}

// statusText is "in progress", "not started, **overdue**" or "risk
// accepted: REASON".
func statusText(r registerRow) text {
	t := line(r.Status.Words())
	if r.Reason != "" {
		t = append(t, words(": "), their(r.Reason))
	}
	if r.Overdue {
		t = append(t, words(", "))
		t = append(t, strong("overdue")...)
	}
	return t
}

// tracked indexes the register's rows by the action of the plan item
// each stands for, for the roadmap.
func tracked(rows []registerRow) map[string]registerRow {
	out := make(map[string]registerRow, len(rows))
	for _, r := range rows {
		out[r.Action] = r
	}
	return out
}

// planCell says where an adopted action stands in the plan now: "#3,
// Now", "met (level 4, target 4)", or why the plan does not hold it.
func planCell(r registerRow) text {
	switch {
	case r.item != nil:
		return line(fmt.Sprintf("#%d, %s", r.item.Rank, r.item.Bucket.Label()))
	case r.Met && r.qr != nil:
		return line(fmt.Sprintf("met (level %d, target %d)", r.Level, r.Target))
	case r.Met:
		return line("met (every question it listed is known now)")
	case r.qr == nil:
		return line("not in the plan: the instrument has no such question")
	}
	switch r.qr.Given.Kind {
	case assessment.NotApplicable:
		return line("not in the plan: not applicable now")
	case assessment.DontKnow:
		return line("not in the plan: don't know now (see ", literal(r.qr.Mode+assessment.FindOutSuffix), ")")
	case assessment.Level:
		return line(fmt.Sprintf("not in the plan: at level %d, another action is the next step", r.qr.Given.Level))
	}
	return line("not in the plan: not answered now")
}

// registerSection is the body's table of every adopted action, overdue
// first; nothing without one.
func (r *builder) registerSection() {
	rows := r.register
	if rows == nil {
		return
	}
	r.heading(2, "Action register")
	overdue, met := 0, 0
	byStatus := map[assessment.ActionStatus]int{}
	for _, row := range rows {
		byStatus[row.Status]++
		if row.Overdue {
			overdue++
		}
		if row.Met {
			met++
		}
	}
	var counts []string
	for _, st := range assessment.ActionStatuses {
		if n := byStatus[st]; n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", n, st.Words()))
		}
	}
	intro := fmt.Sprintf("As of %s, %d plan %s adopted as %s: %s", dueDate(r.in.Register.Today), len(rows), plural(len(rows), "item is", "items are"),
		plural(len(rows), "an action", "actions"), andList(counts))
	if overdue > 0 {
		intro += fmt.Sprintf("; %d overdue, listed first", overdue)
	}
	intro += "."
	if met > 0 {
		intro += fmt.Sprintf(" %s met: %s question is at its target now, so the plan no longer holds %s.",
			countPhrase(met, "action is", "actions are"), plural(met, "its", "each one's"), plural(met, "it", "them"))
	}
	r.para(intro)
	t := table{align: "lllll", head: cells("Action", "Owner", "Due", "Status", "In the plan")}
	for _, row := range rows {
		due := line("–")
		if row.Due != "" {
			due = line(dueDate(row.Due))
		}
		t.rows = append(t.rows, []text{line(their(row.subject()), " ", their(row.Title)), line(theirOr(row.Owner)), due, statusText(row), planCell(row)})
	}
	r.add(t)
}

// hasOverdue reports an overdue action in the register.
func (r *builder) hasOverdue() bool {
	return slices.ContainsFunc(r.register, func(row registerRow) bool { return row.Overdue })
}

// overdueLine writes page one's bullet on the overdue actions: how many,
// and as many of them by name (with owner and due date) as page one has
// words left for. Page one is complete when it runs.
func (r *builder) overdueLine() {
	if r.overdueAt == nil {
		return
	}
	var late []registerRow
	for _, row := range r.register {
		if row.Overdue {
			late = append(late, row)
		}
	}
	// The page as written so far, the overdue bullet still empty ("- "),
	// counted in Markdown words; a chart is a picture, not words.
	var page doc
	for _, bl := range r.doc {
		if _, chart := bl.(figure); !chart {
			page = append(page, bl)
		}
	}
	room := pageOneWords - len(strings.Fields((&mdWriter{}).doc(page)))
	say := func(named int) text {
		t := line(strong("Overdue:"), " ", countPhrase(len(late), "action is", "actions are"), " overdue")
		if named == 0 {
			return append(t, words("; the action register lists them first."))
		}
		t = append(t, words(": "))
		for i, row := range late[:named] {
			switch {
			case i > 0 && i == len(late)-1:
				t = append(t, words(" and "))
			case i > 0:
				t = append(t, words("; "))
			}
			owner := their(row.Owner)
			if row.Owner == "" {
				owner = words("no owner named")
			}
			t = append(t, their(row.subject()), words(" "), their(row.Title), words(" ("), owner, words(", due %s)", dueDate(row.Due)))
		}
		if len(late) > named {
			t = append(t, words(" and %d more", len(late)-named))
		}
		return append(t, words("; see the action register."))
	}
	best := say(0)
	for named := 1; named <= min(len(late), maxOverdueNamed); named++ {
		t := say(named)
		if len(strings.Fields(mdText(t))) > room {
			break
		}
		best = t
	}
	l := r.doc[r.overdueAt[0]].(list)
	l.items[r.overdueAt[1]].text = best
	r.doc[r.overdueAt[0]] = l
}

// maxOverdueNamed is the most overdue actions page one names.
const maxOverdueNamed = 3

// countPhrase is "1 action is", "2 actions are".
func countPhrase(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}
