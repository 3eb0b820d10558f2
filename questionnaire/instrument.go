// Package questionnaire holds seam's instrument: the failure modes, their
// questions with behaviourally anchored levels, the blueprint principles the
// answers roll up to, and the remediation actions. It embeds the default
// instrument and loads custom ones through the same validating loader. It does
// no I/O beyond reading a file it is asked to load.
package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
)

// Levels is the number of anchored levels every question has.
const Levels = 5

// LevelNames names the five levels of the scale, index 1 to 5 (index 0 is
// unused so that LevelNames[level] reads naturally).
var LevelNames = [Levels + 1]string{"", "Initial", "Developing", "Defined", "Managed", "Optimizing"}

// LevelName returns the name of a whole level, or "" outside 1–5.
func LevelName(level int) string {
	if level < 1 || level > Levels {
		return ""
	}
	return LevelNames[level]
}

// Instrument is a complete, validated questionnaire.
type Instrument struct {
	ID          string      `json:"id"`
	Version     string      `json:"version"`
	Title       string      `json:"title"`
	Source      string      `json:"source,omitempty"`
	Principles  []Principle `json:"principles"`
	Modes       []Mode      `json:"modes"`
	hash        string
	body        []byte
	questionIdx map[string]*Question
	ordered     []*Question
}

// Principle is a blueprint principle that answers roll up to.
type Principle struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Mode is a failure mode: one chapter of the questionnaire.
type Mode struct {
	ID      string `json:"id"`
	Group   string `json:"group"`
	Name    string `json:"name"`
	Summary string `json:"summary"`
	// Gate, when set, is the condition under which the whole mode does not
	// apply ("no executive technology mandate is in force"): every question
	// of the mode may then be answered n/a with it as the reason.
	Gate      string     `json:"gate,omitempty"`
	Questions []Question `json:"questions"`
}

// Question is one diagnostic question with five anchored levels.
type Question struct {
	ID         string            `json:"id"`
	Mode       string            `json:"-"`
	Title      string            `json:"title"`
	Text       string            `json:"text"`
	Why        string            `json:"why"`
	Importance int               `json:"importance"`
	Principles []PrincipleWeight `json:"principles"`
	// Levels holds the descriptions of levels 1 to 5 at index 0 to 4.
	Levels  [Levels]string `json:"levels"`
	Actions []Action       `json:"actions"`
	// NA lists the reasons offered for answering not applicable; only a
	// question with reasons (or in a gated mode) may be answered n/a.
	NA []string `json:"na,omitempty"`
	// naAllowed is set when the instrument is sealed: NA is set, the mode
	// has a gate, or the instrument predates n/a flags (none has any).
	naAllowed bool
	// gate is the mode's gate, copied when the instrument is sealed.
	gate string
}

// AllowsNA says whether the question may be answered not applicable.
func (q *Question) AllowsNA() bool { return q.naAllowed }

// NAReasons are the reasons to offer for answering the question not
// applicable: its own, then its mode's gate. Empty when n/a is not
// allowed, or allowed (a legacy instrument) without reasons to offer.
func (q *Question) NAReasons() []string {
	out := slices.Clone(q.NA)
	if q.gate != "" && !slices.Contains(out, q.gate) {
		out = append(out, q.gate)
	}
	return out
}

// Gated reports whether the whole mode may be declared not applicable
// (its Gate names when).
func (m *Mode) Gated() bool { return m.Gate != "" }

// PrincipleWeight says how strongly a question feeds a principle (0 < w ≤ 1).
type PrincipleWeight struct {
	Principle string  `json:"principle"`
	Weight    float64 `json:"weight"`
}

// Action is a remediation step that lifts a question from the levels in From
// toward the next level.
type Action struct {
	ID     string `json:"id"`
	From   []int  `json:"from"`
	Do     string `json:"do"`
	Effort Effort `json:"effort"`
	Owners Owners `json:"owners"`
	KPI    string `json:"kpi"`
	// Requires lists the questions that must reach a level before this
	// action can start.
	Requires Requirements `json:"requires,omitempty"`
}

// Requirement is one prerequisite: Question at Level or above.
type Requirement struct {
	Question string
	// Level is the level the question must reach, 1–5; 0 in an instrument
	// written before levels were named (requires: [ids]), which means
	// LegacyRequiredLevel.
	Level int
}

// LegacyRequiredLevel is what a prerequisite named without a level asks
// for: Defined, the level at which a thing exists and is written down.
const LegacyRequiredLevel = 3

// MinLevel is the level that meets the requirement.
func (r Requirement) MinLevel() int {
	if r.Level == 0 {
		return LegacyRequiredLevel
	}
	return r.Level
}

// Requirements are an action's prerequisites in the instrument's order.
type Requirements []Requirement

// MarshalJSON writes the canonical form the hash is taken of: a list of
// ids when no level is named (so an instrument written before levels
// keeps its hash), else an object of id → level.
func (rs Requirements) MarshalJSON() ([]byte, error) {
	named := false
	for _, r := range rs {
		named = named || r.Level != 0
	}
	if !named {
		ids := make([]string, len(rs))
		for i, r := range rs {
			ids[i] = r.Question
		}
		return json.Marshal(ids)
	}
	levels := make(map[string]int, len(rs))
	for _, r := range rs {
		levels[r.Question] = r.MinLevel()
	}
	return json.Marshal(levels)
}

// IDs are the questions required, in order.
func (rs Requirements) IDs() []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.Question
	}
	return ids
}

// Owners names the accountable roles on both sides of the partnership.
type Owners struct {
	Business string `json:"business"`
	IT       string `json:"it"`
}

// Effort is the size of an action: S, M or L.
type Effort string

// Efforts in increasing size.
const (
	EffortS Effort = "S"
	EffortM Effort = "M"
	EffortL Effort = "L"
)

// Cost is the divisor the plan uses for an effort: S=1, M=2, L=3.
func (e Effort) Cost() int {
	switch e {
	case EffortS:
		return 1
	case EffortM:
		return 2
	case EffortL:
		return 3
	}
	return 0
}

// Hash is the SHA-256 of the instrument's canonical JSON form, in hex: it
// identifies an instrument version whatever its YAML layout or comments.
func (in *Instrument) Hash() string { return in.hash }

// ShortHash is the first 12 hex digits of Hash, enough to tell versions apart.
func (in *Instrument) ShortHash() string { return in.hash[:12] }

// Body is the YAML the instrument was loaded from.
func (in *Instrument) Body() []byte { return in.body }

// Question returns the question with the given id.
func (in *Instrument) Question(id string) (*Question, bool) {
	q, ok := in.questionIdx[id]
	return q, ok
}

// Mode returns the failure mode with the given id.
func (in *Instrument) Mode(id string) (*Mode, bool) {
	for i := range in.Modes {
		if in.Modes[i].ID == id {
			return &in.Modes[i], true
		}
	}
	return nil, false
}

// Questions lists every question in the questionnaire's order, mode by
// mode. The slice is shared: do not change it.
func (in *Instrument) Questions() []*Question { return in.ordered }

// ModeNumber is a mode's chapter number, from 1; 0 for an unknown id.
func (in *Instrument) ModeNumber(id string) int {
	for i := range in.Modes {
		if in.Modes[i].ID == id {
			return i + 1
		}
	}
	return 0
}

// QuestionCount is the number of questions over all modes.
func (in *Instrument) QuestionCount() int { return len(in.questionIdx) }

// ActionFor returns the action that lifts the question from level, or false
// when the level is the top one or no action covers it.
func (q *Question) ActionFor(level int) (*Action, bool) {
	for i := range q.Actions {
		if slices.Contains(q.Actions[i].From, level) {
			return &q.Actions[i], true
		}
	}
	return nil, false
}

// Weight returns how strongly the question feeds a principle (0 if not).
func (q *Question) Weight(principle string) float64 {
	for _, pw := range q.Principles {
		if pw.Principle == principle {
			return pw.Weight
		}
	}
	return 0
}

// seal computes the hash and the lookup index once the instrument is valid.
func (in *Instrument) seal(body []byte) {
	in.body = body
	in.questionIdx = map[string]*Question{}
	in.ordered = nil
	// An instrument that names no n/a reasons and no gate predates them:
	// n/a stays allowed on every question, as it was.
	legacyNA := true
	for _, m := range in.Modes {
		legacyNA = legacyNA && m.Gate == ""
		for _, q := range m.Questions {
			legacyNA = legacyNA && len(q.NA) == 0
		}
	}
	for mi := range in.Modes {
		for qi := range in.Modes[mi].Questions {
			q := &in.Modes[mi].Questions[qi]
			q.Mode = in.Modes[mi].ID
			q.naAllowed = legacyNA || len(q.NA) > 0 || in.Modes[mi].Gate != ""
			q.gate = in.Modes[mi].Gate
			in.questionIdx[q.ID] = q
			in.ordered = append(in.ordered, q)
		}
	}
	canonical, err := json.Marshal(in)
	if err != nil { // cannot happen: the struct holds only strings, numbers and slices
		panic(err)
	}
	sum := sha256.Sum256(canonical)
	in.hash = hex.EncodeToString(sum[:])
}
