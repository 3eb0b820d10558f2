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
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
	ID         string      `json:"id"`
	Version    string      `json:"version"`
	Title      string      `json:"title"`
	Source     string      `json:"source,omitempty"`
	Principles []Principle `json:"principles"`
	// Roles is the catalogue of owner roles actions name; empty in an
	// instrument written before 1.1, whose owners are free text.
	Roles []Role `json:"roles,omitempty"`
	// Terms define the scope words questions use, shown where they appear.
	Terms []Term `json:"terms,omitempty"`
	// Baseline lists the organisation's own figures the KPIs start from:
	// an optional, unscored chapter before the first failure mode.
	Baseline    []Figure `json:"baseline,omitempty"`
	Modes       []Mode   `json:"modes"`
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
	Levels [Levels]string `json:"levels"`
	// Evidence names, per level at the same index, what would prove it;
	// nil in an instrument that names none.
	Evidence []string `json:"evidence,omitempty"`
	Actions  []Action `json:"actions"`
	// NA lists the reasons offered for answering not applicable; only a
	// question with reasons (or in a gated mode) may be answered n/a.
	NA []string `json:"na,omitempty"`
	// naAllowed is set when the instrument is sealed: NA is set, the mode
	// has a gate, or the instrument predates n/a flags (none has any).
	naAllowed bool
	// gate is the mode's gate, copied when the instrument is sealed.
	gate string
	// terms are the instrument's terms this question's text or levels use.
	terms []Term
}

// EvidenceFor is what would prove the given level (1–5), or "".
func (q *Question) EvidenceFor(level int) string {
	if level < 1 || level > len(q.Evidence) {
		return ""
	}
	return q.Evidence[level-1]
}

// SameQuestion reports whether two versions of a question (by id, in two
// versions of an instrument) ask the same thing, so that an answer to one
// means the same for the other: the same text and level descriptions,
// spacing aside (a question re-wrapped in its YAML still asks the same),
// in the same failure mode. Its title, why, evidence, actions, importance
// and principle weights may change: the answer still means the same.
func SameQuestion(was, now *Question) bool {
	if was.Mode != now.Mode || squash(was.Text) != squash(now.Text) {
		return false
	}
	for i := range was.Levels {
		if squash(was.Levels[i]) != squash(now.Levels[i]) {
			return false
		}
	}
	return true
}

// squash folds runs of white space into one space and trims the ends.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// Terms are the defined scope words that the question's text or levels
// use, in the instrument's order: what to show beside it.
func (q *Question) Terms() []Term { return q.terms }

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
	ID   string `json:"id"`
	From []int  `json:"from"`
	Do   string `json:"do"`
	// DoneWhen is what is true when the action itself is finished,
	// checkable within its horizon; "" in an instrument before 1.1.
	DoneWhen string `json:"done_when,omitempty"`
	Effort   Effort `json:"effort"`
	Owners   Owners `json:"owners"`
	KPI      KPI    `json:"kpi"`
	// Decision, when set, is what leadership must approve, fund or appoint
	// before the action can start.
	Decision string `json:"decision,omitempty"`
	// Requires lists the questions that must reach a level before this
	// action can start.
	Requires Requirements `json:"requires,omitempty"`
	// owners are the catalogue roles of Owners, resolved when sealed.
	owners []Role
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

// Owners names who answers for an action: role ids from the instrument's
// catalogue, or, in an instrument before 1.1, one free-text role on each
// side of the partnership.
type Owners struct {
	Roles []string
	// Business and IT are the free-text roles of an instrument before 1.1.
	Business string
	IT       string
}

// MarshalJSON writes the form the instrument was written in, so an
// instrument before 1.1 keeps its hash.
func (o Owners) MarshalJSON() ([]byte, error) {
	if o.Roles != nil {
		return json.Marshal(o.Roles)
	}
	return json.Marshal(struct {
		Business string `json:"business"`
		IT       string `json:"it"`
	}{o.Business, o.IT})
}

// KPI is an action's outcome measure: what is measured, where the
// organisation's own starting figure comes from, the target and the time.
// An instrument before 1.1 gives it as one free text.
type KPI struct {
	// Text is the whole KPI of an instrument before 1.1; "" otherwise.
	Text     string `json:"-"`
	Measure  string `json:"measure"`
	Baseline string `json:"baseline"`
	// Figure is the baseline chapter's figure the KPI starts from, if any.
	Figure string `json:"figure,omitempty"`
	Target string `json:"target"`
	Within string `json:"within"`
	// sentence is String, made once when the instrument is sealed: every
	// evaluation's plan shows it.
	sentence string
}

// MarshalJSON writes a free-text KPI as its text, so an instrument before
// 1.1 keeps its hash.
func (k KPI) MarshalJSON() ([]byte, error) {
	if k.Measure == "" {
		return json.Marshal(k.Text)
	}
	type parts KPI
	return json.Marshal(parts(k))
}

// String is the KPI in one sentence.
func (k KPI) String() string {
	switch {
	case k.Measure == "":
		return k.Text
	case k.sentence != "":
		return k.sentence
	}
	return fmt.Sprintf("%s: %s within %s (baseline: %s).", k.Measure, k.Target, k.Within, lowerFirst(k.Baseline))
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	// keep acronyms and names ("IT", "CRM") as written
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// Role is an owner role of the instrument's catalogue, industry-neutral,
// with the function of the people who usually hold it.
type Role struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Function    string `json:"function"`
	Description string `json:"description,omitempty"`
}

// RoleFunctions are the functions a role may belong to: those of workshop
// participants, less "other".
var RoleFunctions = []string{"business", "it", "data", "security"}

// Term is a scope word the instrument defines once ("significant
// integration") and shows wherever a question uses it.
type Term struct {
	Term    string `json:"term"`
	Meaning string `json:"meaning"`
}

// Figure is one of the organisation's own figures in the baseline chapter.
type Figure struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Question string `json:"question"`
	Unit     Unit   `json:"unit"`
	// PartOf names a figure this one cannot exceed (point-to-point
	// integrations are part of all integrations).
	PartOf string `json:"part_of,omitempty"`
}

// Unit is what a baseline figure counts.
type Unit string

// Units a baseline figure may have.
const (
	UnitPercent Unit = "percent"
	UnitCount   Unit = "count"
	UnitDays    Unit = "days"
)

// Units lists the known units.
var Units = []Unit{UnitPercent, UnitCount, UnitDays}

// Valid says whether v is a possible value of the unit: 0–100 for a
// percentage, a whole number from 0 for a count, 0 or more days.
func (u Unit) Valid(v float64) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return false
	}
	switch u {
	case UnitPercent:
		return v <= 100
	case UnitCount:
		return v == math.Trunc(v) && v <= 1e12
	case UnitDays:
		return v <= 1e6
	}
	return false
}

// Format writes a value in the unit: "62 %", "140", "12 days".
func (u Unit) Format(v float64) string {
	n := strconv.FormatFloat(v, 'f', -1, 64)
	switch u {
	case UnitPercent:
		return n + " %"
	case UnitDays:
		if v == 1 {
			return "1 day"
		}
		return n + " days"
	}
	return n
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

// Role returns the catalogue role with the given id.
func (in *Instrument) Role(id string) (Role, bool) {
	for _, r := range in.Roles {
		if r.ID == id {
			return r, true
		}
	}
	return Role{}, false
}

// OwnersOf are the roles that answer for an action: its catalogue roles,
// or for an instrument before 1.1 its two free-text roles as a business
// and an IT role. The slice is shared: do not change it.
func (in *Instrument) OwnersOf(a *Action) []Role {
	if a.owners != nil {
		return a.owners
	}
	if a.Owners.Roles == nil {
		return []Role{{Name: a.Owners.Business, Function: "business"}, {Name: a.Owners.IT, Function: "it"}}
	}
	out := make([]Role, 0, len(a.Owners.Roles))
	for _, id := range a.Owners.Roles {
		if r, ok := in.Role(id); ok {
			out = append(out, r)
		}
	}
	return out
}

// Figure returns the baseline figure with the given id.
func (in *Instrument) Figure(id string) (*Figure, bool) {
	for i := range in.Baseline {
		if in.Baseline[i].ID == id {
			return &in.Baseline[i], true
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

// Action returns the question's action with the given id.
func (q *Question) Action(id string) (*Action, bool) {
	for i := range q.Actions {
		if q.Actions[i].ID == id {
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
			q.terms = termsUsed(in.Terms, q)
			for ai := range q.Actions {
				a := &q.Actions[ai]
				a.owners = in.OwnersOf(a)
				a.KPI.sentence = a.KPI.String()
			}
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

// termsUsed are the terms whose words appear in the question's text or
// levels, whatever their case.
func termsUsed(terms []Term, q *Question) []Term {
	if len(terms) == 0 {
		return nil
	}
	text := strings.ToLower(q.Text + "\n" + strings.Join(q.Levels[:], "\n"))
	var out []Term
	for _, t := range terms {
		if strings.Contains(text, strings.ToLower(t.Term)) {
			out = append(out, t)
		}
	}
	return out
}

// Label is the role with its function: "Data owner (data)", "Technology
// executive (IT)".
func (r Role) Label() string {
	f := r.Function
	if f == "it" {
		f = "IT"
	}
	return r.Name + " (" + f + ")"
}

// RoleLabels lists roles with their functions in one phrase: "A (business),
// B (data) and C (IT)".
func RoleLabels(roles []Role) string {
	labels := make([]string, len(roles))
	for i, r := range roles {
		labels[i] = r.Label()
	}
	switch len(labels) {
	case 0:
		return ""
	case 1:
		return labels[0]
	}
	return strings.Join(labels[:len(labels)-1], ", ") + " and " + labels[len(labels)-1]
}
