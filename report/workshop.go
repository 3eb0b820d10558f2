package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/theme"
)

// workshop lays out the section that makes the room's disagreement
// visible: who took part, how far they agree, the disputed questions with
// their spread and consensus, and where business and IT see things
// differently.
func (r *builder) workshop() {
	w := r.in.Agreement
	if w == nil {
		return
	}
	r.heading(2, "Workshop: where the room agrees and where it does not")
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
	r.para(fmt.Sprintf("Of %d questions with levels given, participants disagree (average deviation above %.1f) on %d; business and IT see %d differently by a level or more; a consensus was recorded for %d. A question's value is the level scored: the consensus where there is one, counted with full confidence (1.0), else the lower median, shown with the spread of the answers; disputed gaps without a consensus rank lower (confidence is the agreement index rwg, at least 0.5).",
		rated, assessment.DisagreementAD, disputed, gaps, agreed))
	modes := table{align: "lrrrrrr", head: cells("Failure mode", "Questions rated", "Mean AD", "Mean rwg", "Disputed", "Business mean", "IT mean")}
	for _, ma := range w.Modes {
		mode, _ := r.in.Instrument.Mode(ma.Mode)
		gap := ""
		if ma.PerceptionGap {
			gap = " (gap)"
		}
		modes.rows = append(modes.rows, []text{line(their(ma.Mode), " ", their(mode.Name)), line(fmt.Sprint(ma.Rated)), line(theme.Score(ma.AD)),
			line(theme.Score(ma.RWG)), line(fmt.Sprint(ma.Disagreements)), line(theme.Score(ma.BusinessMean)), line(theme.Score(ma.ITMean) + gap)})
	}
	r.add(modes)
	if list := w.Disputed(); len(list) > 0 {
		r.heading(3, "Disputed questions")
		t := table{align: "llrrrrl", head: cells("Question", "Answers by function", "Scored", "Spread", "AD", "rwg", "Consensus")}
		for _, ag := range list[:min(12, len(list))] {
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
		if !ag.PerceptionGap {
			continue
		}
		q, _ := r.in.Instrument.Question(ag.Question)
		higher, lower, diff := "IT", "the business", *ag.ITMean-*ag.BusinessMean
		if diff < 0 {
			higher, lower = "the business", "IT"
		}
		gapItems = append(gapItems, item{text: line(strong(their(ag.Question), " ", their(q.Title)),
			fmt.Sprintf(": business participants average %.1f and IT %.1f; %s sees it %.1f levels more mature than %s does.",
				*ag.BusinessMean, *ag.ITMean, higher, math.Abs(diff), lower))})
	}
	if len(gapItems) > 0 {
		r.heading(3, "Business and IT see these differently")
		r.para("Integration run as an IT-only effort is the first failure mode; these gaps show where it starts.")
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
