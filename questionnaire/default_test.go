package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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

// coverageRow is one line of testdata/guide-coverage.tsv: a remedy,
// blueprint principle or warning sign of the guide, paraphrased, and the
// questions that cover it.
type coverageRow struct {
	id, kind, what string
	questions      []string
	line           int
}

func readCoverage(t *testing.T) []coverageRow {
	t.Helper()
	data, err := os.ReadFile("testdata/guide-coverage.tsv")
	require.NoError(t, err)
	var rows []coverageRow
	for i, l := range strings.Split(string(data), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		require.Len(t, f, 4, "guide-coverage.tsv:%d: id, kind, what, questions", i+1)
		rows = append(rows, coverageRow{id: f[0], kind: f[1], what: f[2], questions: strings.Fields(f[3]), line: i + 1})
	}
	return rows
}

// TestDefaultCoversEveryRemedyPrincipleAndWarningOfTheGuide holds the
// instrument to the guide: every remedy, blueprint principle and warning
// sign maps to questions that exist, and every question traces to one.
func TestDefaultCoversEveryRemedyPrincipleAndWarningOfTheGuide(t *testing.T) {
	in := defaultInstrument(t)
	rows := readCoverage(t)
	kinds := map[string]int{}
	ids := map[string]bool{}
	traced := map[string]bool{}
	for _, r := range rows {
		assert.False(t, ids[r.id], "guide-coverage.tsv:%d: %s twice", r.line, r.id)
		ids[r.id] = true
		assert.Contains(t, []string{"remedy", "principle", "warning"}, r.kind, "guide-coverage.tsv:%d", r.line)
		kinds[r.kind]++
		assert.NotEmpty(t, r.questions, "guide-coverage.tsv:%d: %s (%s) maps to no question", r.line, r.id, r.what)
		for _, q := range r.questions {
			_, ok := in.Question(q)
			assert.True(t, ok, "guide-coverage.tsv:%d: %s maps to %s, which is not a question", r.line, r.id, q)
			traced[q] = true
		}
	}
	assert.Equal(t, len(in.Principles), kinds["principle"], "one row per blueprint principle")
	assert.GreaterOrEqual(t, kinds["remedy"], 40)
	assert.GreaterOrEqual(t, kinds["warning"], 15)
	for _, q := range in.Questions() {
		assert.True(t, traced[q.ID], "%s traces to nothing in the guide", q.ID)
	}
	// The widening the consultant asked for in 1.1.
	for _, id := range []string{"r.co-create", "r.stop-projects", "r.contingency", "r.analytics-ready", "p.data", "w.exec-distrust"} {
		assert.True(t, ids[id], id)
	}
}

func TestDefaultShape(t *testing.T) {
	in := defaultInstrument(t)
	var ids, groups []string
	for _, m := range in.Modes {
		ids = append(ids, m.ID)
		groups = append(groups, m.Group)
		assert.GreaterOrEqual(t, len(m.Questions), 5, m.ID)
		assert.LessOrEqual(t, len(m.Questions), 10, m.ID)
		last := 0
		for _, q := range m.Questions {
			// Ids stay with their meaning across versions: a dropped
			// question's id is not reused, so numbers may skip.
			require.Regexp(t, `^`+m.ID+`\.q\d+$`, q.ID)
			n, _ := strconv.Atoi(strings.TrimPrefix(q.ID, m.ID+".q"))
			assert.Greater(t, n, last, "%s: ids in order", q.ID)
			last = n
		}
	}
	assert.Equal(t, []string{"m1", "m2", "m3", "m4", "m5", "m6"}, ids, "the guide's order")
	assert.Equal(t, []string{"foundations", "foundations", "foundations", "leadership", "leadership", "operations"}, groups)
	assert.GreaterOrEqual(t, in.QuestionCount(), 30)
	assert.LessOrEqual(t, in.QuestionCount(), 42)
	var principles []string
	for _, p := range in.Principles {
		principles = append(principles, p.ID)
	}
	assert.Equal(t, []string{"outcomes", "partnership", "data", "resilience", "expertise", "measurement"}, principles)
}

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
			assert.Len(t, q.Evidence, Levels, "%s: every level names its evidence", q.ID)
			for _, a := range q.Actions {
				assert.NotEmpty(t, a.DoneWhen, a.ID)
				assert.GreaterOrEqual(t, len(a.Owners.Roles), 2, a.ID)
				assert.NotEmpty(t, a.KPI.Measure, a.ID)
				assert.NotEmpty(t, a.KPI.Baseline, a.ID)
				assert.NotEmpty(t, a.KPI.Within, a.ID)
				assert.Regexp(t, `\d`, a.KPI.Target, "%s: the KPI names a figure", a.ID)
				assert.NotRegexp(t, activity, a.KPI.Measure+" "+a.KPI.Target, "%s: the KPI counts activity", a.ID)
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
	assert.Equal(t, 3, required("m5.q6", "m5.q1"), "a strategy owned inside before reviews led by its owner")
	assert.Equal(t, 3, required("m3.q1", "m1.q2"), "a governance body with decision rights before it approves data owners")
	assert.Equal(t, 3, required("m2.q5", "m2.q1"), "an approved strategy before intake is scored for fit with it")
	assert.Equal(t, 3, required("m2.q6", "m2.q1"), "an approved strategy before outcome metrics are written into it")
	assert.Equal(t, 3, required("m3.q6", "m3.q3"), "written quality standards before data is validated against them")
	q, _ := in.Question("m1.q1")
	low, _ := q.ActionFor(1)
	assert.Empty(t, low.Requires, "naming a business owner needs no governance body")
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
	for _, field := range []string{"roles:", "terms:", "baseline:", "done_when", "evidence", "decision", "measure, baseline", "within"} {
		assert.Contains(t, flat, field, "the header documents %s", field)
	}
	assert.Equal(t, "1.1.0", defaultInstrument(t).Version)
}

// number finds the figures in a KPI target: "3.5", "85", "0.5".
var number = regexp.MustCompile(`\d+(?:[.,]\d+)?`)

// TestDefaultKPIsAreTheOrganisationsOwn checks that every KPI starts from
// the organisation's own figure and that no two questions claim the same
// movement: no number of a target and no measure repeats across actions
// of different questions, and the guide's survey figures are context, never
// a baseline.
func TestDefaultKPIsAreTheOrganisationsOwn(t *testing.T) {
	in := defaultInstrument(t)
	numbers, measures := map[string]string{}, map[string]string{}
	survey := regexp.MustCompile(`(?i)\b(48|71|67|40) ?%|gartner|survey cited|vanguard|the guide`)
	for _, q := range in.Questions() {
		for _, a := range q.Actions {
			k := a.KPI
			assert.NotRegexp(t, survey, k.Measure+" "+k.Baseline+" "+k.Target, "%s: the guide's survey figures are context, not this organisation's baseline", a.ID)
			for _, n := range number.FindAllString(k.Target, -1) {
				if other, ok := numbers[n]; ok && other != q.ID {
					t.Errorf("%s: target number %s is also claimed by %s", a.ID, n, other)
				}
				numbers[n] = q.ID
			}
			m := strings.ToLower(k.Measure)
			if other, ok := measures[m]; ok && other != q.ID {
				t.Errorf("%s: measure %q is also claimed by %s", a.ID, k.Measure, other)
			}
			measures[m] = q.ID
			if k.Figure != "" {
				_, ok := in.Figure(k.Figure)
				assert.True(t, ok, a.ID)
			}
		}
	}
	used := map[string]bool{}
	for _, q := range in.Questions() {
		for _, a := range q.Actions {
			used[a.KPI.Figure] = true
		}
	}
	for _, f := range in.Baseline {
		assert.True(t, used[f.ID], "baseline figure %s is the start of some KPI", f.ID)
	}
}

// TestDefaultOwnersAreIndustryNeutralRoles checks the owner catalogue: no
// role of one industry, data and security not counted as IT, and every
// action owned by the business and IT, data or security together.
func TestDefaultOwnersAreIndustryNeutralRoles(t *testing.T) {
	in := defaultInstrument(t)
	industry := regexp.MustCompile(`(?i)manufactur|supply chain|e-?commerce|logistics|retail|bank|insur|sales|marketing|chief|head of|ceo|cio|cfo|coo`)
	functions := map[string]string{}
	for _, r := range in.Roles {
		assert.NotRegexp(t, industry, r.Name, "role %s is industry-neutral and not a job title", r.ID)
		functions[r.ID] = r.Function
	}
	assert.Equal(t, "data", functions["data-lead"], "the chief data officer's role is not IT")
	assert.Equal(t, "security", functions["security-lead"])
	uses := map[string]int{}
	for _, q := range in.Questions() {
		for _, a := range q.Actions {
			business, other := false, false
			for _, id := range a.Owners.Roles {
				f, ok := functions[id]
				require.True(t, ok, "%s: owner %s is in the catalogue", a.ID, id)
				business, other = business || f == "business", other || f != "business"
				uses[id]++
			}
			assert.True(t, business && other, "%s: business and IT, data or security own it together", a.ID)
		}
	}
	for _, r := range in.Roles {
		assert.Positive(t, uses[r.ID], "role %s owns some action", r.ID)
	}
}

// TestDefaultLevelsAreRecentPastAndPlain holds every level to what an
// auditor can check: levels 3 to 5 within a recency window, level 5 a past
// instance rather than a prediction, no vendor terms or jargon, scope
// words always qualified, and the fixed review cycle scored in one place.
func TestDefaultLevelsAreRecentPastAndPlain(t *testing.T) {
	in := defaultInstrument(t)
	recent := regexp.MustCompile(`(?i)(within|in) the last|in each of the last`)
	prediction := regexp.MustCompile(`(?i)\b(ahead of|before they need|anticipat\w*|will|proactive\w*|predict\w*)\b`)
	jargon := regexp.MustCompile(`(?i)api-led|capability map|match and merge|\bmdm\b|ipaas|golden record|single pane`)
	bare := regexp.MustCompile(`(?i)\bevery integration\b[^ ]|\bevery integration$|\bcritical domains?\b`)
	fixedCycle := regexp.MustCompile(`(?i)fixed (review )?cycle|review cycle`)
	var cycle []string
	for _, q := range in.Questions() {
		texts := append([]string{q.Title, q.Text}, q.Levels[:]...)
		for i, l := range q.Levels {
			if i >= 2 {
				assert.Regexp(t, recent, l, "%s level %d carries a recency window", q.ID, i+1)
			}
		}
		assert.NotRegexp(t, prediction, q.Levels[Levels-1], "%s level 5 cites a past instance, not a prediction", q.ID)
		for _, a := range q.Actions {
			texts = append(texts, a.Do, a.DoneWhen)
		}
		for _, text := range texts {
			assert.NotRegexp(t, jargon, text, q.ID)
			assert.NotRegexp(t, bare, text, "%s: say which integrations or domains (a defined term)", q.ID)
		}
		for _, l := range q.Levels {
			if fixedCycle.MatchString(l) {
				cycle = append(cycle, q.ID)
				break
			}
		}
	}
	assert.Subset(t, []string{"m5.q6"}, cycle, "a review on a fixed cycle is scored in m5.q6 only")
	for _, term := range in.Terms {
		var users []string
		for _, q := range in.Questions() {
			for _, used := range q.Terms() {
				if used == term {
					users = append(users, q.ID)
				}
			}
		}
		assert.NotEmpty(t, users, "term %q is shown beside the questions that use it", term.Term)
	}
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
