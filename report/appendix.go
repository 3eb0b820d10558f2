package report

import (
	"fmt"
)

// appendix holds what a reader checks rather than decides from: the
// method and its formulas, why each action ranks and sits where it does,
// the room's statistics, every answer, the instrument's hash and the
// guide's context figures.
func (r *builder) appendix() {
	r.heading(2, "Appendix: method and every answer")
	r.method()
	r.ranks()
	r.workshopAppendix()
	r.answersAppendix()
	r.heading(3, "Context")
	r.para("A Gartner survey cited in the source guide puts the success rate of digital initiatives at 71 % for \"digital vanguards\" against 48 % on average; estimates cited there have technical debt consuming up to 40 % of IT budgets; and surveys it cites found 67 % of executives do not fully trust their data. These are the guide's figures, not this organization's, and no target here is set from them.")
}

// ranks says for every plan item how its priority was computed and why it
// sits in its horizon.
func (r *builder) ranks() {
	items := r.in.Plan.Items
	if len(items) == 0 {
		return
	}
	r.heading(3, "Why each action ranks where it does")
	r.para("Rank: priority = importance × gap × confidence ÷ effort (S = 1, M = 2, L = 3), ties by importance, then id; an unmet prerequisite stands just before the highest-ranked item that needs it.")
	t := table{align: "rlll", head: cells("#", "Action", "Priority", "Horizon")}
	for _, it := range items {
		why, placement := whyAndPlacement(it)
		if placement == "" {
			placement = it.Bucket.Label()
		}
		t.rows = append(t.rows, []text{line(fmt.Sprint(it.Rank)), line(their(ItemSubject(it))), line(their(why)), line(their(placement))})
	}
	r.add(t)
}

// modeName is the failure mode's id and name, as the tables show it.
func (r *builder) modeName(id string) text {
	mode, _ := r.in.Instrument.Mode(id)
	return line(their(id), " ", their(mode.Name))
}
