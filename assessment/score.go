package assessment

import (
	"fmt"
	"math"
	"slices"

	"github.com/seam-dev/seam/questionnaire"
)

// DefaultTarget is the level every mode aims at unless told otherwise: the
// "vanguard" profile.
const DefaultTarget = 4

// ScoreInput is everything scoring needs: the answers scored, one per
// question (a workshop's are aggregated first, see Evaluate).
type ScoreInput struct {
	Instrument *questionnaire.Instrument
	// Answers by question id; a missing question is unanswered.
	Answers map[string]Answer
	// Targets by mode id, 1–5; a missing mode aims at DefaultTarget.
	Targets map[string]int
	// Confidence by question id, 0.5–1; a missing question has 1 (one
	// respondent). Workshops lower it where participants disagree.
	Confidence map[string]float64
}

// Risk grades what a question's answer means for the business.
type Risk string

// The risk grades.
const (
	RiskHigh    Risk = "high"
	RiskMedium  Risk = "medium"
	RiskNone    Risk = "none"
	RiskUnknown Risk = "unknown"
)

// RatedFrom is the coverage from which a mode is rated: at least this share
// of its applicable questions answered with a level. Below it the mode's
// score is provisional, and the overall index is not rated.
const RatedFrom = 0.8

// DontKnowCounts is the level a don't-know counts as in scores and
// alignment: not knowing whether something is in place means it is not
// managed. (It still raises a find-out item, and is not coverage.)
const DontKnowCounts = 1

// ModeStatus says how far a mode's score can be relied on.
type ModeStatus string

// The statuses of a mode.
const (
	// Rated: at least RatedFrom of the applicable questions have a level.
	Rated ModeStatus = "rated"
	// Provisional: a score exists, on too few answers to rate the mode.
	Provisional ModeStatus = "provisional"
	// ModeUnanswered: no applicable question has a level or a don't-know.
	ModeUnanswered ModeStatus = "unanswered"
	// ModeNotApplicable: every question is n/a; the mode is left out of the
	// index, with its reasons.
	ModeNotApplicable ModeStatus = "not-applicable"
)

// HighRiskSeverity is the gap × importance from which a gap is a high risk:
// two levels short on an important question, or more.
const HighRiskSeverity = 4

// QuestionResult is one question's answer as scoring sees it.
type QuestionResult struct {
	ID         string `json:"id"`
	Mode       string `json:"mode"`
	Title      string `json:"title"`
	Importance int    `json:"importance"`
	Answer     string `json:"answer"`
	Level      int    `json:"level"`
	LevelName  string `json:"level_name"`
	Note       string `json:"note"`
	Evidence   string `json:"evidence"`
	Reason     string `json:"na_reason"`
	// Counted is the level scores count: the level, DontKnowCounts for a
	// don't-know, 0 otherwise.
	Counted    int     `json:"counted_level"`
	Target     int     `json:"target"`
	Gap        int     `json:"gap"`
	Risk       Risk    `json:"risk"`
	Unverified bool    `json:"unverified"`
	Confidence float64 `json:"confidence"`
	// Given is the answer itself.
	Given Answer `json:"-"`
}

// ModeScore is a failure mode's score: the importance-weighted mean of its
// answered levels.
type ModeScore struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Group string `json:"group"`
	// Score is 1.0–5.0 (don't-knows counted as DontKnowCounts), nil when
	// no question has a level or a don't-know.
	Score *float64 `json:"score"`
	// Status says whether Score is rated; Missing says what is missing
	// while it is not ("2 of 6 answered, 5 needed"); NAReasons are the
	// reasons given when the whole mode is not applicable.
	Status    ModeStatus `json:"status"`
	Missing   string     `json:"missing,omitempty"`
	NAReasons []string   `json:"na_reasons,omitempty"`
	LevelName string     `json:"level_name"`
	Target    int        `json:"target"`
	// Gap is how far the score is below the target (0 at or above it).
	Gap *float64 `json:"gap"`
	// Coverage is answered ÷ applicable, 0–1 (1 when nothing applies).
	Coverage      float64          `json:"coverage"`
	Questions     int              `json:"questions"`
	Answered      int              `json:"answered"`
	Applicable    int              `json:"applicable"`
	DontKnow      int              `json:"dont_know"`
	NotApplicable int              `json:"not_applicable"`
	Unanswered    int              `json:"unanswered"`
	Unverified    int              `json:"unverified"`
	HighRisks     int              `json:"high_risks"`
	MediumRisks   int              `json:"medium_risks"`
	Results       []QuestionResult `json:"results"`
}

// PrincipleScore is how far the answers realise a blueprint principle.
type PrincipleScore struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Alignment is 0–100 %, nil when no question feeding it has a level.
	Alignment *float64 `json:"alignment"`
	// FedBy counts the questions feeding the principle; Answered those of
	// them with a level.
	FedBy    int `json:"fed_by"`
	Answered int `json:"answered"`
}

// Result is a whole scorecard.
type Result struct {
	InstrumentID      string           `json:"instrument_id"`
	InstrumentVersion string           `json:"instrument_version"`
	InstrumentHash    string           `json:"instrument_hash"`
	Modes             []ModeScore      `json:"modes"`
	Principles        []PrincipleScore `json:"principles"`
	// Overall is the mean of the applicable modes' scores, nil if none has
	// one. It is rated (Rated) only when every applicable mode is rated;
	// NotRated then says what is missing, mode by mode ("m6 has 2 of 6
	// answered"). NotApplicable lists the modes left out as not applicable.
	Overall          *float64 `json:"overall_index"`
	OverallLevelName string   `json:"overall_level_name"`
	Rated            bool     `json:"rated"`
	NotRated         []string `json:"not_rated"`
	NotApplicable    []string `json:"not_applicable_modes"`
	// Staged is the highest whole level every mode reaches (the weakest
	// link), 0 while a mode has no score.
	Staged     int    `json:"staged_level"`
	StagedName string `json:"staged_level_name"`
	// Weakest is the id of the mode with the lowest score ("" if none).
	Weakest    string  `json:"weakest_mode"`
	Coverage   float64 `json:"coverage"`
	Answered   int     `json:"answered"`
	Applicable int     `json:"applicable"`
	DontKnow   int     `json:"dont_know"`
	Unverified int     `json:"unverified"`
}

// Mode returns the score of the mode with the given id.
func (r Result) Mode(id string) (*ModeScore, bool) {
	for i := range r.Modes {
		if r.Modes[i].ID == id {
			return &r.Modes[i], true
		}
	}
	return nil, false
}

// Question returns the result for the question with the given id.
func (r Result) Question(id string) (*QuestionResult, bool) {
	for i := range r.Modes {
		for j := range r.Modes[i].Results {
			if r.Modes[i].Results[j].ID == id {
				return &r.Modes[i].Results[j], true
			}
		}
	}
	return nil, false
}

// Score computes the scorecard. It never fails: answers to unknown questions
// are ignored (the readers refuse them before this point).
func Score(in ScoreInput) Result {
	inst := in.Instrument
	res := Result{InstrumentID: inst.ID, InstrumentVersion: inst.Version, InstrumentHash: inst.Hash(),
		Modes: make([]ModeScore, 0, len(inst.Modes)), Principles: make([]PrincipleScore, 0, len(inst.Principles))}
	for _, m := range inst.Modes {
		ms := scoreMode(m, in)
		res.Modes = append(res.Modes, ms)
		res.Answered += ms.Answered
		res.Applicable += ms.Applicable
		res.DontKnow += ms.DontKnow
		res.Unverified += ms.Unverified
	}
	res.Coverage = ratio(res.Answered, res.Applicable)
	for _, p := range inst.Principles {
		res.Principles = append(res.Principles, scorePrinciple(p, inst, in.Answers))
	}

	scores := make([]*float64, 0, len(res.Modes))
	lowest, allRated := math.Inf(1), true
	for _, ms := range res.Modes {
		switch ms.Status {
		case ModeNotApplicable:
			res.NotApplicable = append(res.NotApplicable, ms.ID)
			continue
		case Rated:
		default:
			allRated = false
			res.NotRated = append(res.NotRated, fmt.Sprintf("%s has %d of %d answered", ms.ID, ms.Answered, ms.Applicable))
		}
		scores = append(scores, ms.Score)
		if ms.Score != nil && *ms.Score < lowest {
			lowest, res.Weakest = *ms.Score, ms.ID
		}
	}
	if res.NotRated == nil {
		res.NotRated = []string{}
	}
	if res.NotApplicable == nil {
		res.NotApplicable = []string{}
	}
	res.Overall = overallOf(scores)
	if res.Overall != nil {
		res.OverallLevelName = levelNameOf(*res.Overall)
	}
	res.Rated = allRated && res.Overall != nil
	if res.Rated {
		res.Staged = int(math.Floor(lowest))
		res.StagedName = questionnaire.LevelName(res.Staged)
	}
	return res
}

// TargetFor is the target level of a mode.
func (in ScoreInput) TargetFor(mode string) int {
	if t, ok := in.Targets[mode]; ok && t >= 1 && t <= 5 {
		return t
	}
	return DefaultTarget
}

// ConfidenceFor is the confidence in a question's answer, 0.5–1.
func (in ScoreInput) ConfidenceFor(question string) float64 {
	if c, ok := in.Confidence[question]; ok {
		return math.Max(0.5, math.Min(1, c))
	}
	return 1
}

func scoreMode(m questionnaire.Mode, in ScoreInput) ModeScore {
	ms := ModeScore{ID: m.ID, Name: m.Name, Group: m.Group, Target: in.TargetFor(m.ID), Questions: len(m.Questions),
		Results: make([]QuestionResult, 0, len(m.Questions))}
	for _, q := range m.Questions {
		a := in.Answers[q.ID]
		qr := QuestionResult{
			ID: q.ID, Mode: m.ID, Title: q.Title, Importance: q.Importance,
			Answer: a.Value(), Note: a.Note, Evidence: a.Evidence, Reason: a.Reason,
			Target: ms.Target, Unverified: a.Unverified(), Confidence: in.ConfidenceFor(q.ID), Given: a,
		}
		qr.Risk, qr.Gap = riskOf(a, q.Importance, ms.Target)
		qr.Counted = countedLevel(a)
		switch a.Kind {
		case Level:
			qr.Level, qr.LevelName = a.Level, questionnaire.LevelName(a.Level)
			ms.Answered++
		case DontKnow:
			ms.DontKnow++
		case NotApplicable:
			ms.NotApplicable++
		default:
			ms.Unanswered++
		}
		if qr.Unverified {
			ms.Unverified++
		}
		switch qr.Risk {
		case RiskHigh:
			ms.HighRisks++
		case RiskMedium:
			ms.MediumRisks++
		}
		ms.Results = append(ms.Results, qr)
	}
	ms.Applicable = ms.Questions - ms.NotApplicable
	ms.Coverage = ratio(ms.Answered, ms.Applicable)
	if ms.Applicable == 0 {
		ms.Status, ms.Coverage = ModeNotApplicable, 0
		for _, qr := range ms.Results {
			if qr.Reason != "" && !slices.Contains(ms.NAReasons, qr.Reason) {
				ms.NAReasons = append(ms.NAReasons, qr.Reason)
			}
		}
		return ms
	}
	if ms.Score = modeMean(m, in.Answers); ms.Score != nil {
		ms.LevelName = levelNameOf(*ms.Score)
		ms.Gap = round(math.Max(0, float64(ms.Target)-*ms.Score), 2)
	}
	needed := NeededForRating(ms.Applicable)
	switch {
	case ms.Answered >= needed:
		ms.Status = Rated
	case ms.Score == nil:
		ms.Status = ModeUnanswered
	default:
		ms.Status = Provisional
	}
	if ms.Status != Rated {
		ms.Missing = fmt.Sprintf("%d of %d answered, %d needed to rate it", ms.Answered, ms.Applicable, needed)
	}
	return ms
}

// NeededForRating is how many of a mode's applicable questions must have
// a level for the mode to be rated: RatedFrom of them, rounded up.
func NeededForRating(applicable int) int {
	return int(math.Ceil(RatedFrom*float64(applicable) - 1e-9))
}

// countedLevel is the level an answer counts as in scores and alignment:
// its level, DontKnowCounts for a don't-know, 0 (not counted) otherwise.
func countedLevel(a Answer) int {
	switch a.Kind {
	case Level:
		return a.Level
	case DontKnow:
		return DontKnowCounts
	}
	return 0
}

// modeMean is a mode's score: the mean of its counted levels (don't-knows
// as DontKnowCounts) weighted by importance, to two places; nil when no
// question has a level or a don't-know.
func modeMean(m questionnaire.Mode, answers map[string]Answer) *float64 {
	weighted, weights := 0.0, 0.0
	for _, q := range m.Questions {
		if l := countedLevel(answers[q.ID]); l > 0 {
			weighted += float64(q.Importance * l)
			weights += float64(q.Importance)
		}
	}
	if weights == 0 {
		return nil
	}
	return round(weighted/weights, 2)
}

// overallOf is the overall index: the mean of the modes' scores that
// exist, to two places; nil when none does.
func overallOf(scores []*float64) *float64 {
	sum, n := 0.0, 0
	for _, s := range scores {
		if s != nil {
			sum += *s
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return round(sum/float64(n), 2)
}

// OverallIndex is the overall index of these responses when it is rated,
// nil while it is not: the list of assessments shows it, and every saved
// answer keeps it current, so it must never show a provisional number as
// if it were a rating.
func OverallIndex(r Responses) *float64 {
	in, _ := r.scoreInput()
	res := Score(in)
	if !res.Rated {
		return nil
	}
	return res.Overall
}

// riskOf grades an answer: unknown when there is no level, none at or above
// the target (or not applicable), otherwise high when gap × importance
// reaches HighRiskSeverity and medium below it.
func riskOf(a Answer, importance, target int) (Risk, int) {
	switch a.Kind {
	case NotApplicable:
		return RiskNone, 0
	case Level:
	default:
		return RiskUnknown, 0
	}
	gap := target - a.Level
	switch {
	case gap <= 0:
		return RiskNone, 0
	case gap*importance >= HighRiskSeverity:
		return RiskHigh, gap
	}
	return RiskMedium, gap
}

// scorePrinciple maps each feeding question's level onto 0–100 % ((level−1)/4)
// and takes the mean weighted by how strongly the question feeds it.
func scorePrinciple(p questionnaire.Principle, inst *questionnaire.Instrument, answers map[string]Answer) PrincipleScore {
	ps := PrincipleScore{ID: p.ID, Name: p.Name}
	weighted, weights := 0.0, 0.0
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			w := q.Weight(p.ID)
			if w == 0 {
				continue
			}
			ps.FedBy++
			a := answers[q.ID]
			if a.Kind == Level {
				ps.Answered++
			}
			if l := countedLevel(a); l > 0 {
				weighted += w * percentOf(l)
				weights += w
			}
		}
	}
	if weights > 0 {
		ps.Alignment = round(weighted/weights, 1)
	}
	return ps
}

// percentOf places a level on the 0–100 % scale: 1 → 0 %, 5 → 100 %.
func percentOf(level int) float64 { return float64(level-1) * 25 }

// levelNameOf names the whole level a score has reached.
func levelNameOf(score float64) string {
	return questionnaire.LevelName(int(math.Floor(score)))
}

func ratio(part, whole int) float64 {
	if whole == 0 {
		return 1
	}
	return *round(float64(part)/float64(whole), 4)
}

func round(v float64, places int) *float64 {
	p := math.Pow(10, float64(places))
	r := math.Round(v*p) / p
	return &r
}
