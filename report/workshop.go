package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/seam-dev/seam/assessment"
)

// workshop writes the section that makes the room's disagreement visible:
// who took part, how far they agree, the disputed questions with their
// spread and consensus, and where business and IT see things differently.
func (r mdReport) workshop() {
	w := r.in.Agreement
	if w == nil {
		return
	}
	r.line("## Workshop: where the room agrees and where it does not")
	r.line("")
	byFunction := map[string][]string{}
	for _, p := range r.in.Participants {
		byFunction[p.Function] = append(byFunction[p.Function], md(p.Name))
	}
	r.line("| Function | Participants |")
	r.line("|---|---|")
	for _, f := range assessment.Functions {
		if names := byFunction[f]; len(names) > 0 {
			r.line("| %s | %s |", f, strings.Join(names, ", "))
		}
	}
	r.line("")
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
	r.line("Of %d questions with levels given, participants disagree (average deviation above %.1f) on %d; business and IT see %d differently by a level or more; a consensus was recorded for %d. Scores use the consensus where there is one, else the median, and rank disputed gaps lower (confidence is the agreement index rwg, at least 0.5).",
		rated, assessment.DisagreementAD, disputed, gaps, agreed)
	r.line("")
	r.line("| Failure mode | Questions rated | Mean AD | Mean rwg | Disputed | Business mean | IT mean |")
	r.line("|---|---:|---:|---:|---:|---:|---:|")
	for _, ma := range w.Modes {
		mode, _ := r.in.Instrument.Mode(ma.Mode)
		gap := ""
		if ma.PerceptionGap {
			gap = " (gap)"
		}
		r.line("| %s %s | %d | %s | %s | %d | %s | %s%s |", md(ma.Mode), md(mode.Name), ma.Rated, score(ma.AD), score(ma.RWG), ma.Disagreements,
			score(ma.BusinessMean), score(ma.ITMean), gap)
	}
	r.line("")
	list := w.Disputed()
	if len(list) > 0 {
		r.line("### Disputed questions")
		r.line("")
		r.line("| Question | Answers by function | Median | AD | rwg | Consensus |")
		r.line("|---|---|---:|---:|---:|---|")
		for _, ag := range list[:min(12, len(list))] {
			q, _ := r.in.Instrument.Question(ag.Question)
			consensus := "–"
			if ag.Consensus != nil {
				consensus = md(ag.Consensus.Value())
				if ag.Consensus.Note != "" {
					consensus += ": " + md(ag.Consensus.Note)
				}
			}
			flag := ""
			if ag.Disagreement {
				flag = " (disputed)"
			}
			r.line("| %s %s%s | %s | %s | %.2f | %.2f | %s |", md(ag.Question), md(q.Title), flag, distribution(ag), score(ag.Median), *ag.AD, *ag.RWG, consensus)
		}
		r.line("")
	}
	var plain []string
	for _, ag := range w.Questions {
		if !ag.PerceptionGap {
			continue
		}
		q, _ := r.in.Instrument.Question(ag.Question)
		higher, lower, diff := "IT", "the business", *ag.ITMean-*ag.BusinessMean
		if diff < 0 {
			higher, lower = "the business", "IT"
		}
		plain = append(plain, fmt.Sprintf("- **%s %s**: business participants average %.1f and IT %.1f; %s sees it %.1f levels more mature than %s does.",
			md(ag.Question), md(q.Title), *ag.BusinessMean, *ag.ITMean, higher, math.Abs(diff), lower))
	}
	if len(plain) > 0 {
		r.line("### Business and IT see these differently")
		r.line("")
		r.line("Integration run as an IT-only effort is the first failure mode; these gaps show where it starts.")
		r.line("")
		for _, l := range plain {
			r.line("%s", l)
		}
		r.line("")
	}
}

// distribution lists the answers per function: "business 1, 2 · it 4".
func distribution(ag assessment.QuestionAgreement) string {
	var parts []string
	for _, fa := range ag.ByFunctionInOrder() {
		parts = append(parts, md(fa.Function)+" "+strings.Join(fa.Given(), ", "))
	}
	return strings.Join(parts, " · ")
}
