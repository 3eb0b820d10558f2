package questionnaire

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// base is a minimal valid instrument; the cases below break it one way each.
const base = `id: t
version: "1"
title: T
principles:
  - {id: p, name: P, description: D.}
modes:
  - id: m
    group: g
    name: M
    summary: S.
    questions:
      - id: m.q1
        title: Q1
        text: Text one?
        why: Why one.
        importance: 2
        principles: {p: 1}
        levels: [l1, l2, l3, l4, l5]
        actions:
          - {id: m.q1.a1, from: [1, 2], do: Do., effort: S, owners: {business: B, it: I}, kpi: K 1 %.}
          - {id: m.q1.a2, from: [3, 4], do: Do more., effort: M, owners: {business: B, it: I}, kpi: K 2 %.}
      - id: m.q2
        title: Q2
        text: Text two?
        why: Why two.
        importance: 1
        principles: {p: 0.5}
        levels: [k1, k2, k3, k4, k5]
        actions:
          - {id: m.q2.a1, from: [1, 2], do: Do., effort: L, owners: {business: B, it: I}, kpi: K 3 %., requires: [m.q1]}
          - {id: m.q2.a2, from: [3, 4], do: Do more., effort: S, owners: {business: B, it: I}, kpi: K 4 %.}
`

func TestParseBase(t *testing.T) {
	in, err := Parse("base.yaml", []byte(base))
	require.NoError(t, err)
	assert.Equal(t, 2, in.QuestionCount())
	q, ok := in.Question("m.q2")
	require.True(t, ok)
	assert.Equal(t, "m", q.Mode)
	assert.Equal(t, "k3", q.Levels[2])
	assert.Equal(t, Requirements{{Question: "m.q1"}}, q.Actions[0].Requires, "the list form names no level")
	assert.Equal(t, LegacyRequiredLevel, q.Actions[0].Requires[0].MinLevel())
	assert.True(t, q.AllowsNA(), "no na and no gate anywhere: n/a allowed as before")
	assert.Equal(t, 3, q.Actions[0].Effort.Cost())
	assert.Len(t, in.Hash(), 64)
}

func TestParseReportsEachProblemAtItsLine(t *testing.T) {
	tests := []struct {
		name, old, new string
		line           int
		msg            string
	}{
		{"unknown key", "        why: Why one.\n", "        why: Why one.\n        colour: red\n", 16, `unknown key "colour"`},
		{"duplicate id", "      - id: m.q2\n", "      - id: m.q1\n", 22, `duplicate id "m.q1" (first used on line 12)`},
		{"missing level", "[l1, l2, l3, l4, l5]", "[l1, l2, l3, l4]", 18, "exactly 5 descriptions"},
		{"extra level", "[l1, l2, l3, l4, l5]", "[l1, l2, l3, l4, l5, l6]", 18, "not 6"},
		{"repeated level", "[l1, l2, l3, l4, l5]", "[l1, l2, l2, l4, l5]", 18, "level 3 repeats the description of level 2"},
		{"empty level", "[l1, l2, l3, l4, l5]", `[l1, "", l3, l4, l5]`, 18, "level 2 is empty"},
		{"weight too big", "principles: {p: 1}", "principles: {p: 1.5}", 17, "greater than 0 and at most 1"},
		{"weight zero", "principles: {p: 1}", "principles: {p: 0}", 17, "greater than 0 and at most 1"},
		{"weight not a number", "principles: {p: 1}", "principles: {p: lots}", 17, `not "lots"`},
		{"unknown principle", "principles: {p: 1}", "principles: {q: 1}", 17, `unknown principle "q"`},
		{"importance", "importance: 2", "importance: 4", 16, "importance must be from 1 to 3"},
		{"dangling prerequisite", "requires: [m.q1]", "requires: [m.q9]", 30, `requires "m.q9", which is not a question id`},
		{"self prerequisite", "requires: [m.q1]", "requires: [m.q2]", 30, "m.q2 requires itself"},
		{"empty text", "        text: Text one?\n", "        text: \"\"\n", 14, "question text is empty"},
		{"missing why", "        why: Why two.\n", "", 22, `missing key "why"`},
		{"bad effort", "effort: S,", "effort: XL,", 20, `effort must be S, M or L, not "XL"`},
		{"missing owner", "owners: {business: B, it: I}, kpi: K 1 %.", "owners: {business: B}, kpi: K 1 %.", 20, `missing key "it"`},
		{"one action", "          - {id: m.q1.a2, from: [3, 4], do: Do more., effort: M, owners: {business: B, it: I}, kpi: K 2 %.}\n", "", 20, "needs at least two actions"},
		{"uncovered level", "from: [3, 4], do: Do more., effort: M", "from: [3], do: Do more., effort: M", 20, "no action starts from level 4"},
		{"overlapping actions", "from: [3, 4], do: Do more., effort: M", "from: [2, 3, 4], do: Do more., effort: M", 21, "two actions start from level 2"},
		{"from level 5", "from: [3, 4], do: Do more., effort: M", "from: [3, 4, 5], do: Do more., effort: M", 21, "from level must be from 1 to 4"},
		{"bad id", "id: m.q1\n", "id: M Q1\n", 12, "may hold only lower-case letters"},
		{"syntax", "    group: g\n", "    group: [g\n", 7, "not valid YAML"},
		{"no modes", base[strings.Index(base, "modes:"):], "modes: []\n", 6, "the instrument has no failure modes"},
		{"level required too high", "requires: [m.q1]", "requires: {m.q1: 6}", 30, "m.q2.a1: the level required of m.q1 must be from 1 to 5, not 6"},
		{"level required zero", "requires: [m.q1]", "requires: {m.q1: 0}", 30, "must be from 1 to 5, not 0"},
		{"level required not a number", "requires: [m.q1]", "requires: {m.q1: high}", 30, `must be a whole number from 1 to 5, not "high"`},
		{"dangling prerequisite at a level", "requires: [m.q1]", "requires: {m.q9: 3}", 30, `requires "m.q9", which is not a question id`},
		{"self prerequisite at a level", "requires: [m.q1]", "requires: {m.q2: 3}", 30, "m.q2 requires itself"},
		{"prerequisite twice", "requires: [m.q1]", "requires: {m.q1: 3, m.q1: 4}", 30, `key "m.q1" appears twice`},
		{"requires a word", "requires: [m.q1]", "requires: m.q1", 30, "requires must map question ids to the level they must reach, for example {m1.q2: 3}"},
		{"na not a list", "        why: Why one.\n", "        why: Why one.\n        na: none here\n", 16, "m.q1: na must be a list of reasons"},
		{"na empty list", "        why: Why one.\n", "        why: Why one.\n        na: []\n", 16, "m.q1: na lists no reason"},
		{"na empty reason", "        why: Why one.\n", "        why: Why one.\n        na: [\"\"]\n", 16, "m.q1: na reason 1 is empty"},
		{"na reason repeated", "        why: Why one.\n", "        why: Why one.\n        na: [No partners, no partners]\n", 16, "m.q1: na reason 2 repeats reason 1"},
		{"na reason too long", "        why: Why one.\n", "        why: Why one.\n        na: [" + strings.Repeat("r", MaxReasonLen+1) + "]\n", 16, "m.q1: na reason 1 is 501 characters, more than the 500 allowed"},
		{"na reason two lines", "        why: Why one.\n", "        why: Why one.\n        na: [\"one\\ntwo\"]\n", 16, "m.q1: na reason 1 must be one line"},
		{"na reason a list", "        why: Why one.\n", "        why: Why one.\n        na: [[a]]\n", 16, "m.q1: na reason 1 must be text"},
		{"gate empty", "    summary: S.\n", "    summary: S.\n    gate: \"\"\n", 11, "m: gate is empty"},
		{"gate a list", "    summary: S.\n", "    summary: S.\n    gate: [a]\n", 11, "m: gate must be text"},
		{"gate too long", "    summary: S.\n", "    summary: S.\n    gate: " + strings.Repeat("g", MaxReasonLen+1) + "\n", 11, "m: gate is 501 characters"},
		{"unknown mode key", "    summary: S.\n", "    summary: S.\n    gated: yes\n", 11, `mode: unknown key "gated" (known keys: id, group, name, summary, gate, questions)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(base, tc.old, tc.new, 1)
			require.NotEqual(t, base, src, "the case changes the file")
			_, err := Parse("c.yaml", []byte(src))
			var fe *FileError
			require.True(t, errors.As(err, &fe), "want a FileError, got %v", err)
			found := false
			for _, p := range fe.Problems {
				if strings.Contains(p.Message, tc.msg) {
					found = true
					assert.Equal(t, tc.line, p.Line, "line of %q", p.Message)
				}
			}
			assert.True(t, found, "no problem says %q; got %v", tc.msg, fe.Lines())
		})
	}
}

func TestParseFindsPrerequisiteCycles(t *testing.T) {
	for name, src := range map[string]string{
		"lists":  strings.Replace(base, "kpi: K 1 %.}", "kpi: K 1 %., requires: [m.q2]}", 1),
		"levels": strings.NewReplacer("kpi: K 1 %.}", "kpi: K 1 %., requires: {m.q2: 2}}", "requires: [m.q1]", "requires: {m.q1: 4}").Replace(base),
		"mixed":  strings.Replace(base, "kpi: K 1 %.}", "kpi: K 1 %., requires: {m.q2: 5}}", 1),
	} {
		_, err := Parse("c.yaml", []byte(src))
		var fe *FileError
		require.True(t, errors.As(err, &fe), name)
		require.Len(t, fe.Problems, 1, fe.Lines())
		assert.Contains(t, fe.Problems[0].Message, "prerequisites form a cycle: m.q1 → m.q2 → m.q1", name)
		assert.Equal(t, 20, fe.Problems[0].Line, name)
	}
}

func TestParseRequiresLevels(t *testing.T) {
	src := strings.Replace(base, "requires: [m.q1]", "requires: {m.q1: 4}", 1)
	in, err := Parse("r.yaml", []byte(src))
	require.NoError(t, err)
	q, _ := in.Question("m.q2")
	assert.Equal(t, Requirements{{Question: "m.q1", Level: 4}}, q.Actions[0].Requires)
	assert.Equal(t, 4, q.Actions[0].Requires[0].MinLevel())
	assert.Equal(t, []string{"m.q1"}, q.Actions[0].Requires.IDs())
	legacy, err := Parse("b.yaml", []byte(base))
	require.NoError(t, err)
	assert.NotEqual(t, legacy.Hash(), in.Hash(), "a named level is content")
	at3, err := Parse("r3.yaml", []byte(strings.Replace(base, "requires: [m.q1]", "requires: {m.q1: 3}", 1)))
	require.NoError(t, err)
	assert.NotEqual(t, legacy.Hash(), at3.Hash(), "level 3 named is written as named, apart from the list form")
	// An empty or null requires asks for nothing.
	for _, empty := range []string{"requires: {}", "requires: []", "requires: null"} {
		in, err := Parse("e.yaml", []byte(strings.Replace(base, "requires: [m.q1]", empty, 1)))
		require.NoError(t, err, empty)
		q, _ := in.Question("m.q2")
		assert.Empty(t, q.Actions[0].Requires, empty)
	}
}

func TestParseNotApplicableReasonsAndGates(t *testing.T) {
	withNA := strings.Replace(base, "        why: Why one.\n", "        why: Why one.\n        na: [\"No partners take part\", Not yet started]\n", 1)
	in, err := Parse("n.yaml", []byte(withNA))
	require.NoError(t, err)
	q1, _ := in.Question("m.q1")
	q2, _ := in.Question("m.q2")
	assert.Equal(t, []string{"No partners take part", "Not yet started"}, q1.NA)
	assert.True(t, q1.AllowsNA())
	assert.Equal(t, q1.NA, q1.NAReasons())
	assert.False(t, q2.AllowsNA(), "once any question names reasons, the others without refuse n/a")
	assert.Empty(t, q2.NAReasons())

	gated := strings.Replace(withNA, "    summary: S.\n", "    summary: S.\n    gate: No platform in use\n", 1)
	in, err = Parse("g.yaml", []byte(gated))
	require.NoError(t, err)
	m, _ := in.Mode("m")
	assert.True(t, m.Gated())
	assert.Equal(t, "No platform in use", m.Gate)
	q1, _ = in.Question("m.q1")
	q2, _ = in.Question("m.q2")
	assert.True(t, q2.AllowsNA(), "every question of a gated mode allows n/a")
	assert.Equal(t, []string{"No platform in use"}, q2.NAReasons())
	assert.Equal(t, []string{"No partners take part", "Not yet started", "No platform in use"}, q1.NAReasons(), "the question's own reasons, then the gate")

	plain, err := Parse("b.yaml", []byte(base))
	require.NoError(t, err)
	hashes := map[string]bool{plain.Hash(): true}
	for _, in := range []*Instrument{mustParse(t, withNA), mustParse(t, gated)} {
		assert.False(t, hashes[in.Hash()], "na and gate are content")
		hashes[in.Hash()] = true
	}
}

func mustParse(t *testing.T, src string) *Instrument {
	t.Helper()
	in, err := Parse("i.yaml", []byte(src))
	require.NoError(t, err)
	return in
}

// TestAnInstrumentWrittenBeforeKeepsItsHash loads the default instrument
// as seam 1.0.0 embedded it (requires as lists, no na, no gate): stored
// assessments are keyed by its hash, which must not change, and it keeps
// n/a allowed on every question.
func TestAnInstrumentWrittenBeforeKeepsItsHash(t *testing.T) {
	data, err := os.ReadFile("testdata/default-1.0.0.yaml")
	require.NoError(t, err)
	in, err := Parse("default-1.0.0.yaml", data)
	require.NoError(t, err)
	assert.Equal(t, "1.0.0", in.Version)
	assert.Equal(t, "cc87851e2cebccd234dd5e4c8d7f566db7a85bb37c2f8191e8a5ff5eaf5106a1", in.Hash())
	for _, q := range in.Questions() {
		assert.True(t, q.AllowsNA(), "%s: n/a stays allowed on a legacy instrument", q.ID)
		assert.Empty(t, q.NAReasons(), q.ID)
		for _, a := range q.Actions {
			for _, r := range a.Requires {
				assert.Zero(t, r.Level, a.ID)
				assert.Equal(t, LegacyRequiredLevel, r.MinLevel(), a.ID)
			}
		}
	}
	assert.NotEqual(t, in.Hash(), defaultInstrument(t).Hash(), "1.1 is another instrument")
}

// TestInstrument101KeepsItsHash: assessments stored with 1.0.1 find their
// instrument by this hash, so reading it in the format before 1.1 must
// give the same canonical form it had.
func TestInstrument101KeepsItsHash(t *testing.T) {
	in, err := Load("testdata/default-1.0.1.yaml")
	require.NoError(t, err)
	assert.Equal(t, "1.0.1", in.Version)
	assert.True(t, strings.HasPrefix(in.Hash(), "da5eab214f75"), in.Hash())
	assert.Empty(t, in.Roles)
	q, _ := in.Question("m1.q1")
	assert.Nil(t, q.Evidence)
	assert.Equal(t, "COO", q.Actions[0].Owners.Business)
	assert.Contains(t, q.Actions[0].KPI.String(), "30 %", "a KPI of one text reads as written")
}

func TestParseListsEveryProblem(t *testing.T) {
	src := strings.NewReplacer("importance: 2", "importance: 9", "effort: L", "effort: Q", "title: T\n", "").Replace(base)
	_, err := Parse("c.yaml", []byte(src))
	var fe *FileError
	require.True(t, errors.As(err, &fe))
	assert.Len(t, fe.Problems, 3, fe.Lines())
	for i := 1; i < len(fe.Problems); i++ {
		assert.LessOrEqual(t, fe.Problems[i-1].Line, fe.Problems[i].Line, "sorted by line")
	}
	assert.Regexp(t, `^c\.yaml:1: instrument: missing key "title" \(and 2 more problems\)$`, err.Error())
}

func TestHashIgnoresLayoutButNotContent(t *testing.T) {
	a, err := Parse("a", []byte(base))
	require.NoError(t, err)
	b, err := Parse("b", []byte("# a comment\n"+strings.ReplaceAll(base, "Why one.", "\"Why one.\"")))
	require.NoError(t, err)
	c, err := Parse("c", []byte(strings.ReplaceAll(base, "Why one.", "Why one!")))
	require.NoError(t, err)
	assert.Equal(t, a.Hash(), b.Hash(), "comments and quoting are not content")
	assert.NotEqual(t, a.Hash(), c.Hash())
	assert.Equal(t, a.Hash()[:12], a.ShortHash())
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(filepath.Join(dir, "missing.yaml"))
	assert.EqualError(t, err, filepath.Join(dir, "missing.yaml")+": no such file or directory")
	_, err = Load(dir)
	assert.EqualError(t, err, dir+": is a directory, not a file")
	big := filepath.Join(dir, "big.yaml")
	require.NoError(t, os.WriteFile(big, make([]byte, MaxFileSize+1), 0o600))
	_, err = Load(big)
	assert.ErrorContains(t, err, "larger than the")
	good := filepath.Join(dir, "good.yaml")
	require.NoError(t, os.WriteFile(good, []byte(base), 0o600))
	in, err := Load(good)
	require.NoError(t, err)
	assert.Equal(t, []byte(base), in.Body())
}

func TestDefaultRoundTripsThroughTheLoader(t *testing.T) {
	in := defaultInstrument(t)
	again, err := Parse("copy.yaml", DefaultYAML())
	require.NoError(t, err)
	assert.Equal(t, in.Hash(), again.Hash())
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(base))
	f.Add(DefaultYAML()[:2000])
	f.Add([]byte("id: [\n"))
	f.Add([]byte("a: &x [*x]\nmodes: *x\n"))
	f.Add([]byte(strings.Replace(base, "kpi: K 1 %.}", "kpi: K 1 %., requires: [m.q2]}", 1)))
	// Aliases and sizes: an alias bomb, an anchored text, a text over the cap.
	f.Add([]byte("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nmodes: *c\n"))
	f.Add([]byte(strings.Replace(base, "title: T\n", "title: &t T\nsource: *t\n", 1)))
	f.Add([]byte(strings.Replace(base, "text: Text one?", "text: "+strings.Repeat("w", MaxTextLen+1), 1)))
	f.Add([]byte(strings.Replace(base, "requires: [m.q1]", "requires: {m.q1: 4}", 1)))
	f.Add([]byte(strings.NewReplacer("    summary: S.\n", "    summary: S.\n    gate: G\n", "        why: Why one.\n", "        why: Why one.\n        na: [R]\n").Replace(base)))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Parse("f.yaml", data)
		if err != nil {
			var fe *FileError
			require.True(t, errors.As(err, &fe), "error is not a FileError: %v", err)
			require.NotEmpty(t, fe.Problems)
			for _, p := range fe.Problems {
				assert.Positive(t, p.Line, "problem without a line: %s", p.Message)
			}
			return
		}
		assert.Len(t, in.Hash(), 64)
		assert.LessOrEqual(t, len(in.Questions()), MaxQuestions)
		for _, m := range in.Modes {
			for _, q := range m.Questions {
				for _, r := range q.NAReasons() {
					assert.LessOrEqual(t, len([]rune(r)), MaxReasonLen, "an offered reason can be saved")
				}
				for _, a := range q.Actions {
					for _, r := range a.Requires {
						assert.True(t, r.MinLevel() >= 1 && r.MinLevel() <= Levels, "%s requires %v", a.ID, r)
					}
				}
				for lvl := 1; lvl < Levels; lvl++ {
					_, ok := q.ActionFor(lvl)
					assert.True(t, ok, "%s from %d", q.ID, lvl)
				}
			}
		}
	})
}
