package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func defaultInstrument(t *testing.T) *Instrument {
	t.Helper()
	in, err := Default()
	require.NoError(t, err)
	return in
}

// remedies lists every remedy the source guide gives for each of its six
// mistakes, with a pattern that a question of that mode must match in its
// title or text for the remedy to count as addressed.
var remedies = map[string][]struct {
	remedy  string
	pattern string
}{
	"m1": {
		{"a formal cross-functional governance body (business units, data governance, security, IT)", `(?i)governance|standing body`},
		{"shared ownership and accountability for the strategy's success", `(?i)own|answers for|accountab`},
		{"every initiative tied to a measurable business outcome (outcome-driven roadmap)", `(?i)roadmap.*outcome|outcome.*roadmap`},
		{"prioritisation and funding by business value", `(?i)priorit|fund`},
		{"business leaders as active participants in delivery", `(?i)participat|process owners|deliver`},
		{"measuring success and return after go-live", `(?i)go-live|adoption|value`},
	},
	"m2": {
		{"a distinct strategy document separate from project plans", `(?i)strategy document|separate`},
		{"alignment with business drivers", `(?i)driver`},
		{"target integration capabilities to build", `(?i)capabilit`},
		{"governance: decision rights, roles and responsibilities", `(?i)decision`},
		{"guiding principles for technology and architecture choices", `(?i)principle`},
		{"success metrics tied to business outcomes, not activity", `(?i)metric|measure`},
		{"every charter, architecture review and resource request traced to the strategy", `(?i)trace|charter`},
		{"new requests evaluated against the strategy, avoiding one-off point-to-point builds", `(?i)request|point-to-point|one-off`},
	},
	"m3": {
		{"named data owners and stewards for key domains", `(?i)owner|steward`},
		{"governance embedded from day one, as a prerequisite", `(?i)day one|lifecycle|start`},
		{"data quality standards defined before building", `(?i)quality standard|standard`},
		{"master data management: one authoritative source", `(?i)master data|authoritative`},
		{"critical data domains prioritised first, phased", `(?i)critical data domains|first`},
		{"stopping bad data from being amplified through pipelines", `(?i)pipeline`},
		{"mapping data flows and keeping metadata", `(?i)flow|metadata|lineage`},
	},
	"m4": {
		{"mandates translated into guiding principles", `(?i)mandate.*principle|principle.*mandate`},
		{"documented criteria for evaluating workloads", `(?i)criteria|workload`},
		{"a decision framework for exceptions", `(?i)exception`},
		{"technology chosen for fit, not compliance", `(?i)fit|requirement|alternative`},
		{"mandates reviewed against the cost and performance they deliver", `(?i)review|result|deliver`},
	},
	"m5": {
		{"internal ownership of the core strategy", `(?i)internal.*own|own.*internal|author|lead`},
		{"external partners advise and execute within the internal framework", `(?i)partner|vendor|consult|external`},
		{"training programmes for internal integration skills", `(?i)skill|training`},
		{"integration champions in business units", `(?i)champion`},
		{"communities of practice sharing knowledge", `(?i)community of practice|knowledge`},
		{"feedback loops and regular review of the strategy", `(?i)feedback|review`},
	},
	"m6": {
		{"retirement criteria for each integration", `(?i)retire|decommission|exit criteria`},
		{"documented, mandatory rollback procedures", `(?i)roll ?back|revers`},
		{"data portability and platform exit plans", `(?i)portab|exit plan|extract`},
		{"contingency when a platform underperforms", `(?i)contingenc|fallback|under-?perform|volume|latency`},
		{"monitoring linked to business KPIs", `(?i)monitor|alert.*business|business.*kpi`},
		{"alerts prioritised by business severity", `(?i)severit|priorit`},
	},
}

func TestDefaultAddressesEveryRemedyOfTheGuide(t *testing.T) {
	in := defaultInstrument(t)
	for modeID, list := range remedies {
		m, ok := in.Mode(modeID)
		require.True(t, ok, modeID)
		for _, r := range list {
			re := regexp.MustCompile(r.pattern)
			found := false
			for _, q := range m.Questions {
				if re.MatchString(q.Title) || re.MatchString(q.Text) {
					found = true
					break
				}
			}
			assert.True(t, found, "%s: no question addresses the remedy %q", modeID, r.remedy)
		}
	}
}

func TestDefaultShape(t *testing.T) {
	in := defaultInstrument(t)
	var ids, groups []string
	for _, m := range in.Modes {
		ids = append(ids, m.ID)
		groups = append(groups, m.Group)
		assert.GreaterOrEqual(t, len(m.Questions), 5, m.ID)
		assert.LessOrEqual(t, len(m.Questions), 7, m.ID)
		for i, q := range m.Questions {
			assert.Regexp(t, `^`+m.ID+`\.q`+regexp.QuoteMeta(itoa(i+1))+`$`, q.ID, "ids are stable and in order")
		}
	}
	assert.Equal(t, []string{"m1", "m2", "m3", "m4", "m5", "m6"}, ids, "the guide's order")
	assert.Equal(t, []string{"foundations", "foundations", "foundations", "leadership", "leadership", "operations"}, groups)
	assert.GreaterOrEqual(t, in.QuestionCount(), 30)
	assert.LessOrEqual(t, in.QuestionCount(), 40)
	var principles []string
	for _, p := range in.Principles {
		principles = append(principles, p.ID)
	}
	assert.Equal(t, []string{"outcomes", "partnership", "data", "resilience", "expertise", "measurement"}, principles)
}

func itoa(i int) string { return string(rune('0' + i)) }

func TestDefaultEveryPrincipleFedByThreeQuestions(t *testing.T) {
	in := defaultInstrument(t)
	for _, p := range in.Principles {
		fed := 0
		for _, m := range in.Modes {
			for _, q := range m.Questions {
				if q.Weight(p.ID) > 0 {
					fed++
				}
			}
		}
		assert.GreaterOrEqual(t, fed, 3, "principle %s", p.ID)
	}
}

// activity matches KPIs that count work done rather than results.
var activity = regexp.MustCompile(`(?i)\b(workshops?|trainings?|training hours|sessions?|meetings?|documents?) (held|run|completed|delivered|written)\b|number of (projects|integrations|meetings|documents)|projects documented`)

func TestDefaultQuestionsAndActionsAreComplete(t *testing.T) {
	in := defaultInstrument(t)
	for _, m := range in.Modes {
		for _, q := range m.Questions {
			seen := map[string]bool{}
			for i, l := range q.Levels {
				assert.NotEmpty(t, l, "%s level %d", q.ID, i+1)
				assert.False(t, seen[l], "%s level %d repeats another", q.ID, i+1)
				seen[l] = true
				assert.NotRegexp(t, `(?i)\b(agree|disagree)\b`, l, "%s: levels describe behaviour, not opinion", q.ID)
			}
			assert.NotContains(t, q.Why, "\n", "%s: why is one line", q.ID)
			low, ok := q.ActionFor(1)
			require.True(t, ok, "%s has an action from level 1", q.ID)
			assert.Equal(t, low, mustAction(t, q, 2), "%s: one action lifts levels 1-2", q.ID)
			high, ok := q.ActionFor(3)
			require.True(t, ok, "%s has an action from level 3", q.ID)
			assert.Equal(t, high, mustAction(t, q, 4), "%s: one action lifts levels 3-4", q.ID)
			for _, a := range q.Actions {
				assert.NotEmpty(t, a.Owners.Business, a.ID)
				assert.NotEmpty(t, a.Owners.IT, a.ID)
				assert.Regexp(t, `\d`, a.KPI, "%s: the KPI names a figure", a.ID)
				assert.NotRegexp(t, activity, a.KPI, "%s: the KPI counts activity", a.ID)
			}
		}
	}
}

func mustAction(t *testing.T, q Question, level int) *Action {
	a, ok := q.ActionFor(level)
	require.True(t, ok, "%s from level %d", q.ID, level)
	return a
}

func TestDefaultPrerequisitesTheGuideImplies(t *testing.T) {
	in := defaultInstrument(t)
	// required returns the level q's actions need pre to reach (0: none).
	required := func(q, pre string) int {
		question, ok := in.Question(q)
		require.True(t, ok, q)
		for _, a := range question.Actions {
			for _, r := range a.Requires {
				if r.Question == pre {
					return r.MinLevel()
				}
			}
		}
		return 0
	}
	assert.Equal(t, 3, required("m3.q4", "m3.q1"), "data owners named in a register before master data management")
	assert.Equal(t, 3, required("m3.q3", "m3.q1"), "data owners named before they approve quality standards")
	assert.Equal(t, 3, required("m1.q3", "m1.q2"), "a chartered governance body before it approves outcome roadmaps")
	assert.Equal(t, 3, required("m4.q3", "m1.q2"), "a body with decision rights before it decides exceptions")
	assert.Equal(t, 3, required("m2.q4", "m2.q1"), "an approved strategy before projects must cite it")
	assert.Equal(t, 2, required("m2.q2", "m2.q1"), "a strategy draft to add drivers and capabilities to")
	assert.Equal(t, 2, required("m4.q1", "m2.q1"), "a strategy draft to write a mandate's principles into")
	assert.Equal(t, 2, required("m1.q1", "m1.q2"), "a forum where business and IT meet to name owners in")
	assert.Equal(t, 3, required("m5.q6", "m5.q1"), "a strategy owned inside before reviews led by its owner")
	assert.Equal(t, 3, required("m6.q6", "m6.q5"), "alerts mapped to business processes before severity by business impact")
	for _, q := range in.Questions() {
		for _, a := range q.Actions {
			for _, r := range a.Requires {
				assert.NotZero(t, r.Level, "%s: every prerequisite of the default names its level", a.ID)
			}
		}
	}
}

// TestDefaultAllowsNotApplicableSparingly checks where the default lets a
// question be answered n/a: the chapter on executive mandates as a whole
// (gated: an organisation may have none in force) and two questions that
// assume something some organisations do not have.
func TestDefaultAllowsNotApplicableSparingly(t *testing.T) {
	in := defaultInstrument(t)
	var allowed []string
	for _, q := range in.Questions() {
		if q.AllowsNA() {
			allowed = append(allowed, q.ID)
			assert.NotEmpty(t, q.NAReasons(), "%s: n/a offers a reason", q.ID)
		} else {
			assert.Empty(t, q.NAReasons(), q.ID)
		}
	}
	assert.Equal(t, []string{"m4.q1", "m4.q2", "m4.q3", "m4.q4", "m4.q5", "m5.q2", "m6.q4"}, allowed)
	for _, m := range in.Modes {
		assert.Equal(t, m.ID == "m4", m.Gated(), "only the mandates chapter is gated: %s", m.ID)
	}
	m4, _ := in.Mode("m4")
	assert.Regexp(t, `(?i)^no executive technology mandate .*is in force$`, m4.Gate)
	q, _ := in.Question("m4.q5")
	assert.Equal(t, []string{m4.Gate}, q.NAReasons(), "a gated question offers the gate as its reason")
	q, _ = in.Question("m5.q2")
	assert.Regexp(t, `(?i)consultanc|vendor`, q.NAReasons()[0], "partners: n/a for an organisation that has none")
}

func TestDefaultStatesTheAnsweringRule(t *testing.T) {
	header := string(DefaultYAML()[:strings.Index(string(DefaultYAML()), "\nid: ")])
	flat := strings.Join(strings.Fields(strings.ReplaceAll(header, "#", "")), " ")
	assert.Contains(t, flat, "levels are cumulative. Pick the highest level whose description is fully true today")
	assert.Contains(t, flat, "requires: {m1.q2: 3}")
	assert.Contains(t, flat, "na:")
	assert.Contains(t, flat, "gate:")
	assert.Equal(t, "1.0.1", defaultInstrument(t).Version)
}

// shingleRun is how many words in a row make a copied phrase.
const shingleRun = 8

var updateShingles = flag.Bool("update-shingles", false, "rebuild testdata/guide-shingles.txt from ../../shared/seed")

// shingles hashes every run of shingleRun words of a text, with case and
// punctuation folded, so the check needs no copy of the guide in the repo.
func shingles(text string) []string {
	var words []string
	for _, w := range strings.Fields(strings.ToLower(text)) {
		w = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, w)
		if w != "" {
			words = append(words, w)
		}
	}
	var out []string
	for i := 0; i+shingleRun <= len(words); i++ {
		sum := sha256.Sum256([]byte(strings.Join(words[i:i+shingleRun], " ")))
		out = append(out, hex.EncodeToString(sum[:8]))
	}
	return out
}

func TestDefaultCopiesNoSentenceOfTheGuide(t *testing.T) {
	const file = "testdata/guide-shingles.txt"
	if *updateShingles {
		article, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "integration-strategy-article.txt"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(file, []byte(strings.Join(shingles(string(article)), "\n")+"\n"), 0o644))
	}
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	guide := map[string]bool{}
	for _, h := range strings.Fields(string(data)) {
		guide[h] = true
	}
	require.Greater(t, len(guide), 1000, "the guide's fingerprint is loaded")
	require.True(t, guide[shingles("Billions of dollars dedicated to digital transformation initiatives are")[0]],
		"a phrase of the guide is recognised")
	// The instrument's own text, without YAML keys, one field at a time.
	var texts []string
	in := defaultInstrument(t)
	for _, r := range in.Roles {
		texts = append(texts, r.Name, r.Description)
	}
	for _, tm := range in.Terms {
		texts = append(texts, tm.Meaning)
	}
	for _, f := range in.Baseline {
		texts = append(texts, f.Name, f.Question)
	}
	for _, m := range in.Modes {
		texts = append(texts, m.Name, m.Summary, m.Gate)
		for _, q := range m.Questions {
			texts = append(texts, q.Title, q.Text, q.Why)
			texts = append(texts, q.NA...)
			texts = append(texts, q.Levels[:]...)
			texts = append(texts, q.Evidence...)
			for _, a := range q.Actions {
				texts = append(texts, a.Do, a.DoneWhen, a.Decision, a.KPI.String(), a.KPI.Baseline, a.KPI.Target)
			}
		}
	}
	for _, text := range texts {
		for _, h := range shingles(text) {
			assert.False(t, guide[h], "a run of %d words is copied from the guide: %q", shingleRun, text)
		}
	}
}
