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
	assert.Equal(t, []string{"m.q1"}, q.Actions[0].Requires)
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
	src := strings.Replace(base, "kpi: K 1 %.}", "kpi: K 1 %., requires: [m.q2]}", 1)
	_, err := Parse("c.yaml", []byte(src))
	var fe *FileError
	require.True(t, errors.As(err, &fe))
	require.Len(t, fe.Problems, 1, fe.Lines())
	assert.Contains(t, fe.Problems[0].Message, "prerequisites form a cycle: m.q1 → m.q2 → m.q1")
	assert.Equal(t, 20, fe.Problems[0].Line)
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
				for lvl := 1; lvl < Levels; lvl++ {
					_, ok := q.ActionFor(lvl)
					assert.True(t, ok, "%s from %d", q.ID, lvl)
				}
			}
		}
	})
}
