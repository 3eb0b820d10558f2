package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/theme"
)

// workshop says in the body how far the room agrees: a sentence of
// counts, the business-IT gap per failure mode and the questions where the
// two sides differ most. The statistics per mode and question are in the
// appendix.
func (r *builder) workshop() {
	w := r.in.Agreement
	if w == nil {
		return
	}
	r.heading(2, "Workshop: where the room agrees and where it does not")
	rated, disputed, gaps, agreed := 0, 0, 0, 0
	for _, ag := range w.Questions {
		if ag.AD != nil {
			rated++
		}
		if ag.Disagreement {
			disputed++
		}
		if ag.PerceptionGap {
			gaps++
		}
		if ag.Consensus != nil {
			agreed++
		}
	}
	r.para(fmt.Sprintf("%d people answered on their own. Of %d questions with levels given, they disagree on %d and business and IT see %d differently by a level or more; a consensus was recorded for %d. A question's value is the consensus where there is one, else the lower median.",
		len(r.in.Participants), rated, disputed, gaps, agreed))
	var gapSaid, agreeSaid []string
	for _, ma := range w.Modes {
		gapSaid = append(gapSaid, fmt.Sprintf("%s business %s, IT %s", ma.Mode, theme.Score(ma.BusinessMean), theme.Score(ma.ITMean)))
		agreeSaid = append(agreeSaid, fmt.Sprintf("%s %s (%d disputed)", ma.Mode, theme.Score(ma.RWG), ma.Disagreements))
	}
	r.add(figure{name: "business-it", draw: gapChart(w), alt: "Mean level given by business and by IT participants per failure mode: " + strings.Join(gapSaid, "; ") + "."},
		figure{name: "agreement", draw: agreementChart(r.in), alt: "Agreement (rwg, 1 = all alike) per question, by failure mode; mean per mode: " + strings.Join(agreeSaid, ", ") + "."})
	var largest []assessment.QuestionAgreement
	for _, ag := range w.Questions {
		if ag.PerceptionGap {
			largest = append(largest, ag)
		}
	}
	sort.SliceStable(largest, func(i, j int) bool {
		return math.Abs(*largest[i].ITMean-*largest[i].BusinessMean) > math.Abs(*largest[j].ITMean-*largest[j].BusinessMean)
	})
	if len(largest) > 0 {
		r.heading(3, "Business and IT see these differently")
		r.para(fmt.Sprintf("Integration run as an IT-only effort is the first failure mode; these gaps show where it starts. The %d largest of %d:", min(5, len(largest)), len(largest)))
		var l list
		for _, ag := range largest[:min(5, len(largest))] {
			q, _ := r.in.Instrument.Question(ag.Question)
			l.items = append(l.items, item{text: line(strong(their(ag.Question), " ", their(q.Title)), fmt.Sprintf(": business %.1f, IT %.1f.", *ag.BusinessMean, *ag.ITMean))})
		}
		r.add(l)
	}
}

// gapItem says how far business and IT participants differ on a question.
func (r *builder) gapItem(ag assessment.QuestionAgreement) item {
	q, _ := r.in.Instrument.Question(ag.Question)
	higher, lower, diff := "IT", "the business", *ag.ITMean-*ag.BusinessMean
	if diff < 0 {
		higher, lower = "the business", "IT"
	}
	return item{text: line(strong(their(ag.Question), " ", their(q.Title)),
		fmt.Sprintf(": business participants average %.1f and IT %.1f; %s sees it %.1f levels more mature than %s does.",
			*ag.BusinessMean, *ag.ITMean, higher, math.Abs(diff), lower))}
}

// workshopAppendix holds the room's statistics: who took part by
// function, agreement per failure mode, the disputed questions with their
// spread and consensus, and every business-IT gap.
func (r *builder) workshopAppendix() {
	w := r.in.Agreement
	if w == nil {
		return
	}
	r.heading(3, "The room's agreement")
	byFunction := map[string]text{}
	for _, p := range r.in.Participants {
		if len(byFunction[p.Function]) > 0 {
			byFunction[p.Function] = append(byFunction[p.Function], words(", "))
		}
		byFunction[p.Function] = append(byFunction[p.Function], their(p.Name))
	}
	people := table{align: "ll", head: cells("Function", "Participants")}
	for _, f := range assessment.Functions {
		if names := byFunction[f]; len(names) > 0 {
			people.rows = append(people.rows, []text{line(f), names})
		}
	}
	r.add(people)
	r.para(fmt.Sprintf("Agreement per question: average deviation AD = mean |x − mean| (disagreement above %.1f on five levels) and rwg = 1 − s²/2, at least 0. A disputed gap without a consensus ranks lower: its confidence is rwg, at least 0.5.", assessment.DisagreementAD))
	modes := table{align: "lrrrrrr", head: cells("Failure mode", "Questions rated", "Mean AD", "Mean rwg", "Disputed", "Business mean", "IT mean")}
	for _, ma := range w.Modes {
		gap := ""
		if ma.PerceptionGap {
			gap = " (gap)"
		}
		modes.rows = append(modes.rows, []text{r.modeName(ma.Mode), line(fmt.Sprint(ma.Rated)), line(theme.Score(ma.AD)),
			line(theme.Score(ma.RWG)), line(fmt.Sprint(ma.Disagreements)), line(theme.Score(ma.BusinessMean)), line(theme.Score(ma.ITMean) + gap)})
	}
	r.add(modes)
	if list := w.Disputed(); len(list) > 0 {
		r.heading(4, "Disputed questions")
		t := table{align: "llrrrrl", head: cells("Question", "Answers by function", "Scored", "Spread", "AD", "rwg", "Consensus")}
		for _, ag := range list {
			q, _ := r.in.Instrument.Question(ag.Question)
			consensus := line("–")
			if ag.Consensus != nil {
				consensus = line(their(ag.Consensus.Value()))
				if ag.Consensus.Note != "" {
					consensus = append(consensus, words(": "), their(ag.Consensus.Note))
				}
			}
			flag := ""
			if ag.Disagreement {
				flag = " (disputed)"
			}
			t.rows = append(t.rows, []text{line(their(ag.Question), " ", their(q.Title), flag), distribution(ag), line(ScoredPhrase(ag)),
				line(fmt.Sprint(ag.Spread)), line(fmt.Sprintf("%.2f", *ag.AD)), line(fmt.Sprintf("%.2f", *ag.RWG)), consensus})
		}
		r.add(t)
	}
	var gapItems []item
	for _, ag := range w.Questions {
		if ag.PerceptionGap {
			gapItems = append(gapItems, r.gapItem(ag))
		}
	}
	if len(gapItems) > 0 {
		r.heading(4, "Every business-IT gap")
		r.add(list{items: gapItems})
	}
}

// distribution lists the answers per function: "business 1, 2 · it 4".
func distribution(ag assessment.QuestionAgreement) text {
	var out text
	for i, fa := range ag.ByFunctionInOrder() {
		if i > 0 {
			out = append(out, words(" · "))
		}
		out = append(out, their(fa.Function), words(" %s", strings.Join(fa.Given(), ", ")))
	}
	return out
}
