package assessment

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/seam-dev/seam/questionnaire"
)

// Workshop statistics on five levels.
const (
	// DisagreementAD is the average deviation above which participants
	// disagree: the c/6 rule for c = 5 levels, rounded to 0.8.
	DisagreementAD = 0.8
	// PerceptionGapLevels is how far apart the business and IT means must
	// be to call it a perception gap.
	PerceptionGapLevels = 1.0
	// nullVariance is the variance of answers spread evenly over five
	// levels ((5² − 1) ÷ 12), the yardstick of rwg.
	nullVariance = 2.0
)

// Functions a workshop participant may belong to, in the order reports
// list them.
var Functions = []string{"business", "it", "data", "security", "other"}

// Vote is one participant's answer in a workshop.
type Vote struct {
	Participant string
	Function    string
	Answer      Answer
}

// QuestionAgreement describes how a workshop answered one question.
type QuestionAgreement struct {
	Question string `json:"question"`
	// Levels are the levels given, ascending; don't-knows and n/a are
	// counted apart and take no part in the statistics.
	Levels        []int    `json:"levels"`
	DontKnow      int      `json:"dont_know"`
	NotApplicable int      `json:"not_applicable"`
	Median        *float64 `json:"median"`
	// Scored is the level scores use: the consensus, else the lower
	// median; nil with no level given. Show this, not Median, as the
	// question's value.
	Scored *int     `json:"scored"`
	Mean   *float64 `json:"mean"`
	// Spread is the highest level minus the lowest.
	Spread int `json:"spread"`
	// AD is the average deviation from the mean, mean |x − mean|.
	AD *float64 `json:"ad"`
	// RWG is 1 − s² ÷ 2 (s² the sample variance), floored at 0; 1 with a
	// single level.
	RWG          *float64 `json:"rwg"`
	Disagreement bool     `json:"disagreement"`
	// BusinessMean and ITMean are the means of the business and IT
	// participants' levels; PerceptionGap when they differ by a level or more.
	BusinessMean  *float64 `json:"business_mean"`
	ITMean        *float64 `json:"it_mean"`
	PerceptionGap bool     `json:"perception_gap"`
	// ByFunction counts the answers per function: levels 1–5 at index 0–4,
	// don't know at 5, n/a at 6.
	ByFunction map[string][7]int `json:"by_function"`
	// Consensus is the level the workshop agreed after discussion, if any.
	Consensus *Answer `json:"-"`
}

// Agreement is the aggregate of a workshop's votes: what is scored, with
// what confidence, and how far the room agrees per question and mode.
type Agreement struct {
	// Answers holds the answer scoring uses per question: the recorded
	// consensus where there is one, else the median level.
	Answers map[string]Answer
	// Confidence per question: rwg floored at 0.5, so a gap everyone sees
	// ranks above a disputed one.
	Confidence map[string]float64
	// Questions in the instrument's order.
	Questions []QuestionAgreement
	// Modes rolls the agreements up per failure mode.
	Modes []ModeAgreement
}

// ModeAgreement is the agreement over a failure mode's questions.
type ModeAgreement struct {
	Mode string `json:"mode"`
	// Rated counts the questions with at least one level.
	Rated int `json:"rated"`
	// AD and RWG are the means over the rated questions.
	AD  *float64 `json:"ad"`
	RWG *float64 `json:"rwg"`
	// Disagreements and PerceptionGaps count the questions flagged.
	Disagreements  int `json:"disagreements"`
	PerceptionGaps int `json:"perception_gaps"`
	// BusinessMean and ITMean average the business and IT participants'
	// levels over the mode; PerceptionGap when a level or more apart.
	BusinessMean  *float64 `json:"business_mean"`
	ITMean        *float64 `json:"it_mean"`
	PerceptionGap bool     `json:"perception_gap"`
}

// Aggregate combines the participants' votes per question with the
// consensus recorded for some questions.
func Aggregate(inst *questionnaire.Instrument, votes map[string][]Vote, consensus map[string]Answer) Agreement {
	w := Agreement{Answers: map[string]Answer{}, Confidence: map[string]float64{}}
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			ag := agree(q.ID, votes[q.ID])
			if c, ok := consensus[q.ID]; ok {
				c := c
				ag.Consensus = &c
			}
			if a, ok := workshopAnswer(ag, votes[q.ID]); ok {
				a.Evidence = roomEvidence(a, votes[q.ID])
				w.Answers[q.ID] = a
				if a.Kind == Level {
					l := a.Level
					ag.Scored = &l
				}
			}
			switch {
			case ag.Consensus != nil:
				// The room agreed: its level is as certain as one respondent's.
				w.Confidence[q.ID] = 1
			case ag.RWG != nil:
				w.Confidence[q.ID] = math.Max(0.5, *ag.RWG)
			}
			w.Questions = append(w.Questions, ag)
		}
		w.Modes = append(w.Modes, rollUp(m, w.Questions[len(w.Questions)-len(m.Questions):], votes))
	}
	return w
}

// roomEvidence is the evidence behind a workshop's scored level: its own
// (a consensus may cite some), else what the participants who gave that
// level or higher cited. A level someone in the room backed with a
// document is not unverified because the median cites none.
func roomEvidence(a Answer, votes []Vote) string {
	if a.Evidence != "" || a.Kind != Level {
		return a.Evidence
	}
	var cited []string
	for _, v := range votes {
		if v.Answer.Kind == Level && v.Answer.Level >= a.Level && v.Answer.Evidence != "" && !slices.Contains(cited, v.Answer.Evidence) {
			cited = append(cited, v.Answer.Evidence)
		}
	}
	return strings.Join(cited, "; ")
}

// rollUp summarises a mode's agreements: mean AD and rwg over the rated
// questions, the flags counted, and the business and IT means over all
// their levels in the mode.
func rollUp(m questionnaire.Mode, ags []QuestionAgreement, votes map[string][]Vote) ModeAgreement {
	ma := ModeAgreement{Mode: m.ID}
	ad, rwg := 0.0, 0.0
	for _, ag := range ags {
		if ag.AD == nil {
			continue
		}
		ma.Rated++
		ad += *ag.AD
		rwg += *ag.RWG
		if ag.Disagreement {
			ma.Disagreements++
		}
		if ag.PerceptionGap {
			ma.PerceptionGaps++
		}
	}
	if ma.Rated > 0 {
		ma.AD, ma.RWG = round(ad/float64(ma.Rated), 2), round(rwg/float64(ma.Rated), 2)
	}
	var business, it []int
	for _, q := range m.Questions {
		for _, v := range votes[q.ID] {
			if v.Answer.Kind != Level {
				continue
			}
			switch v.Function {
			case "business":
				business = append(business, v.Answer.Level)
			case "it":
				it = append(it, v.Answer.Level)
			}
		}
	}
	if len(business) > 0 {
		ma.BusinessMean = round(meanOf(business), 2)
	}
	if len(it) > 0 {
		ma.ITMean = round(meanOf(it), 2)
	}
	if ma.BusinessMean != nil && ma.ITMean != nil {
		ma.PerceptionGap = math.Abs(*ma.BusinessMean-*ma.ITMean) >= PerceptionGapLevels
	}
	return ma
}

func agree(qid string, votes []Vote) QuestionAgreement {
	ag := QuestionAgreement{Question: qid, ByFunction: map[string][7]int{}, Levels: []int{}}
	var business, it []int
	for _, v := range votes {
		counts := ag.ByFunction[v.Function]
		switch v.Answer.Kind {
		case Level:
			ag.Levels = append(ag.Levels, v.Answer.Level)
			counts[v.Answer.Level-1]++
			switch v.Function {
			case "business":
				business = append(business, v.Answer.Level)
			case "it":
				it = append(it, v.Answer.Level)
			}
		case DontKnow:
			ag.DontKnow++
			counts[5]++
		case NotApplicable:
			ag.NotApplicable++
			counts[6]++
		default:
			continue
		}
		ag.ByFunction[v.Function] = counts
	}
	slices.Sort(ag.Levels)
	n := len(ag.Levels)
	if n == 0 {
		return ag
	}
	mean := meanOf(ag.Levels)
	ag.Mean = round(mean, 2)
	if n%2 == 1 {
		ag.Median = round(float64(ag.Levels[n/2]), 2)
	} else {
		ag.Median = round(float64(ag.Levels[n/2-1]+ag.Levels[n/2])/2, 2)
	}
	ag.Spread = ag.Levels[n-1] - ag.Levels[0]
	ad, ss := 0.0, 0.0
	for _, l := range ag.Levels {
		ad += math.Abs(float64(l) - mean)
		ss += (float64(l) - mean) * (float64(l) - mean)
	}
	ag.AD = round(ad/float64(n), 2)
	rwg := 1.0
	if n > 1 {
		rwg = math.Max(0, 1-ss/float64(n-1)/nullVariance)
	}
	ag.RWG = round(rwg, 2)
	ag.Disagreement = *ag.AD > DisagreementAD
	if len(business) > 0 {
		ag.BusinessMean = round(meanOf(business), 2)
	}
	if len(it) > 0 {
		ag.ITMean = round(meanOf(it), 2)
	}
	if ag.BusinessMean != nil && ag.ITMean != nil {
		ag.PerceptionGap = math.Abs(*ag.BusinessMean-*ag.ITMean) >= PerceptionGapLevels
	}
	return ag
}

// FunctionAnswers is what the participants of one function answered to a
// question.
type FunctionAnswers struct {
	Function      string
	Levels        []int // ascending
	DontKnow      int
	NotApplicable int
}

// ByFunctionInOrder lists the answers per function, functions in the order
// of Functions (any other after them, by name).
func (ag QuestionAgreement) ByFunctionInOrder() []FunctionAnswers {
	names := make([]string, 0, len(ag.ByFunction))
	for f := range ag.ByFunction {
		names = append(names, f)
	}
	rank := func(f string) int {
		if i := slices.Index(Functions, f); i >= 0 {
			return i
		}
		return len(Functions)
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := rank(a) - rank(b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	out := make([]FunctionAnswers, 0, len(names))
	for _, f := range names {
		counts := ag.ByFunction[f]
		fa := FunctionAnswers{Function: f, DontKnow: counts[5], NotApplicable: counts[6]}
		for l := range questionnaire.Levels {
			for range counts[l] {
				fa.Levels = append(fa.Levels, l+1)
			}
		}
		out = append(out, fa)
	}
	return out
}

// Given lists the answers as words: each level, then "N don't know" and
// "N n/a" when there are any.
func (fa FunctionAnswers) Given() []string {
	var out []string
	for _, l := range fa.Levels {
		out = append(out, strconv.Itoa(l))
	}
	if fa.DontKnow > 0 {
		out = append(out, fmt.Sprintf("%d don't know", fa.DontKnow))
	}
	if fa.NotApplicable > 0 {
		out = append(out, fmt.Sprintf("%d n/a", fa.NotApplicable))
	}
	return out
}

func meanOf(levels []int) float64 {
	sum := 0
	for _, l := range levels {
		sum += l
	}
	return float64(sum) / float64(len(levels))
}

// workshopAnswer is the answer scoring uses: the consensus if recorded;
// else the median level (for an even count the lower middle level, so a
// split workshop is not scored above what half of it saw); with no level
// at all, n/a when at least as many said n/a as don't know, else don't know.
func workshopAnswer(ag QuestionAgreement, votes []Vote) (Answer, bool) {
	if ag.Consensus != nil {
		return *ag.Consensus, true
	}
	if n := len(ag.Levels); n > 0 {
		return Answer{Kind: Level, Level: ag.Levels[(n-1)/2]}, true
	}
	switch {
	case ag.NotApplicable > 0 && ag.NotApplicable >= ag.DontKnow:
		var reasons []string
		for _, v := range votes {
			if v.Answer.Kind == NotApplicable && !slices.Contains(reasons, v.Answer.Reason) {
				reasons = append(reasons, v.Answer.Reason)
			}
		}
		sort.Strings(reasons)
		return Answer{Kind: NotApplicable, Reason: strings.Join(reasons, "; ")}, true
	case ag.DontKnow > 0:
		return Answer{Kind: DontKnow}, true
	}
	return Answer{}, false
}

// Disputed returns the questions with any spread of levels, sorted for
// discussion: the largest average deviation first; on a tie a perception
// gap first, then the instrument's order.
func (w Agreement) Disputed() []QuestionAgreement {
	var out []QuestionAgreement
	for _, ag := range w.Questions {
		if ag.AD != nil && (*ag.AD > 0 || ag.PerceptionGap) {
			out = append(out, ag)
		}
	}
	slices.SortStableFunc(out, func(a, b QuestionAgreement) int {
		if c := -cmpFloat(*a.AD, *b.AD); c != 0 {
			return c
		}
		switch {
		case a.PerceptionGap && !b.PerceptionGap:
			return -1
		case b.PerceptionGap && !a.PerceptionGap:
			return 1
		}
		return 0
	})
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
