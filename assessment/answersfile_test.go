package assessment

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/questionnaire"
)

func TestParseAnswersFile(t *testing.T) {
	inst := tiny(t)
	sheet, err := ParseAnswersFile("a.yaml", []byte(`
organization: Acme
title: Q3
respondent: Jo
targets: {b: 5}
answers:
  a.q1: 3
  a.q2: {level: 2, note: "meets ad hoc", evidence: "wiki/gov"}
  b.q1: dont-know
  b.q2: {level: n/a, reason: no platforms}
`), inst)
	require.NoError(t, err)
	assert.Equal(t, "Acme", sheet.Organization)
	assert.Equal(t, "Q3", sheet.Title)
	assert.Equal(t, "Jo", sheet.Respondent)
	assert.Equal(t, map[string]int{"b": 5}, sheet.Targets)
	assert.Equal(t, map[string]Answer{
		"a.q1": lvl(3),
		"a.q2": {Kind: Level, Level: 2, Note: "meets ad hoc", Evidence: "wiki/gov"},
		"b.q1": dontKnow,
		"b.q2": na("no platforms"),
	}, sheet.Answers)
}

func TestParseAnswersFileErrorsNameTheLine(t *testing.T) {
	inst := tiny(t)
	tests := []struct {
		name string
		src  string
		line int
		msg  string
	}{
		{"unknown question", "answers:\n  a.q1: 3\n  z.q9: 2\n", 3, `unknown question id "z.q9"`},
		{"level too high", "answers:\n  a.q1: 6\n", 2, `a.q1: level must be 1 to 5, dont-know or n/a, not "6"`},
		{"level zero", "answers:\n  a.q1: {level: 0}\n", 2, "level must be 1 to 5"},
		{"word", "answers:\n  a.q1: maybe\n", 2, `not "maybe"`},
		{"n/a without reason", "answers:\n\n  b.q1: n/a\n", 3, "n/a needs a reason"},
		{"n/a mapping without reason", "answers:\n  b.q1: {level: n/a}\n", 2, "n/a needs a reason"},
		{"reason on a level", "answers:\n  b.q1: {level: 2, reason: x}\n", 2, "a reason is only for n/a"},
		{"unknown answer key", "answers:\n  b.q1: {level: 2, comment: x}\n", 2, `unknown key "comment"`},
		{"unknown top key", "answer:\n  b.q1: 2\n", 1, `unknown key "answer"`},
		{"missing answers", "organization: x\n", 1, `missing key "answers"`},
		{"duplicate question", "answers:\n  a.q1: 2\n  a.q1: 3\n", 3, `key "a.q1" appears twice`},
		{"bad target", "targets: {a: 7}\nanswers: {}\n", 1, "target for a must be from 1 to 5"},
		{"unknown mode target", "targets:\n  zz: 3\nanswers: {}\n", 2, `unknown failure mode "zz"`},
		{"wrong instrument", "instrument: other\nanswers: {}\n", 1, `answers are for instrument "other"`},
		{"syntax", "answers:\n  a.q1: [\n", 2, "not valid YAML"},
		{"empty", "", 1, "the file is empty"},
		{"not a mapping", "- 1\n- 2\n", 1, "answers file must be a mapping"},
		{"oversized note", "answers:\n  a.q1: {level: 2, note: " + strings.Repeat("x", MaxNoteLen+1) + "}\n", 2, "note is 2001 characters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseAnswersFile("a.yaml", []byte(tc.src), inst)
			var fe *questionnaire.FileError
			require.True(t, errors.As(err, &fe), "want a FileError, got %v", err)
			assert.Equal(t, tc.line, fe.Problems[0].Line, fe.Error())
			assert.Contains(t, fe.Problems[0].Message, tc.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "a.yaml:"), err.Error())
			assert.NotContains(t, err.Error(), "\n", "one line")
		})
	}
}

func TestParseAnswersFileReportsEveryProblem(t *testing.T) {
	_, err := ParseAnswersFile("a.yaml", []byte("answers:\n  a.q1: 9\n  x: 1\n  b.q1: n/a\n"), tiny(t))
	var fe *questionnaire.FileError
	require.True(t, errors.As(err, &fe))
	require.Len(t, fe.Problems, 3)
	assert.Equal(t, []int{2, 3, 4}, []int{fe.Problems[0].Line, fe.Problems[1].Line, fe.Problems[2].Line})
	assert.Contains(t, err.Error(), "(and 2 more problems)")
}

func TestAnswersFileRefusesNotApplicableWhereTheInstrumentDoes(t *testing.T) {
	inst := gatedTiny(t)
	src := "answers:\n" +
		"  a.q1: {level: n/a, reason: does not apply}\n" + // 2: refused
		"  a.q2: {level: n/a, reason: No registry is needed here}\n" + // 3: reasons named
		"  b.q1: {level: n/a, reason: No platform is in use}\n" + // 4: gated mode
		"  b.q2: 2\n"
	_, err := ParseAnswersFile("a.yaml", []byte(src), inst)
	var fe *questionnaire.FileError
	require.True(t, errors.As(err, &fe), "want a FileError, got %v", err)
	assert.Equal(t, []string{"a.yaml:2: a.q1: n/a is not allowed for this question: answer 1 to 5 or dont-know"}, fe.Lines())

	// A bare n/a where it is refused says so, not that it needs a reason.
	_, err = ParseAnswersFile("a.yaml", []byte("answers:\n  b.q2: 3\n  a.q1: n/a\n  a.q2: N/A\n"), inst)
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, []string{
		"a.yaml:3: a.q1: n/a is not allowed for this question: answer 1 to 5 or dont-know",
		`a.yaml:4: a.q2: n/a needs a reason: write {level: n/a, reason: "..."}`,
	}, fe.Lines())

	sheet, err := ParseAnswersFile("a.yaml", []byte(strings.Replace(src, "  a.q1: {level: n/a, reason: does not apply}\n", "  a.q1: dont-know\n", 1)), inst)
	require.NoError(t, err)
	assert.Equal(t, na("No platform is in use"), sheet.Answers["b.q1"])

	// An instrument that predates n/a flags takes n/a anywhere.
	sheet, err = ParseAnswersFile("a.yaml", []byte(src), tiny(t))
	require.NoError(t, err)
	assert.Equal(t, na("does not apply"), sheet.Answers["a.q1"])
}

func TestAnswersFileAnswersAGatedModeAsAWhole(t *testing.T) {
	inst := gatedTiny(t)
	sheet, err := ParseAnswersFile("a.yaml", []byte("answers:\n  a.q1: 2\n  b: n/a\n"), inst)
	require.NoError(t, err)
	assert.Equal(t, map[string]Answer{"a.q1": lvl(2), "b.q1": na("No platform is in use"), "b.q2": na("No platform is in use")}, sheet.Answers,
		"a bare n/a takes the gate as the reason")
	sheet, err = ParseAnswersFile("a.yaml", []byte("answers:\n  b: {level: n/a, reason: platform sold, note: since May}\n"), inst)
	require.NoError(t, err)
	assert.Equal(t, Answer{Kind: NotApplicable, Reason: "platform sold", Note: "since May"}, sheet.Answers["b.q2"])

	tests := []struct {
		name, src string
		want      []string
	}{
		{"ungated mode", "answers:\n  a: n/a\n", []string{"a.yaml:2: a: only a gated failure mode can be answered n/a as a whole; answer its questions one by one"}},
		{"a level for a mode", "answers:\n  b: 3\n", []string{"a.yaml:2: b is a failure mode: only n/a answers a whole mode; answer its questions (b.q1 ...) one by one"}},
		{"question after its mode", "answers:\n  b: n/a\n  b.q1: 2\n", []string{"a.yaml:3: b.q1 is answered twice: here and by b on line 2"}},
		{"mode after its question", "answers:\n  b.q2: 2\n  b: n/a\n", []string{"a.yaml:3: b.q2 is answered twice: by b here and on line 2"}},
		{"legacy instrument", "answers:\n  b: n/a\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			use := inst
			if tc.want == nil {
				use = tiny(t)
				tc.want = []string{"a.yaml:2: b: only a gated failure mode can be answered n/a as a whole; answer its questions one by one"}
			}
			_, err := ParseAnswersFile("a.yaml", []byte(tc.src), use)
			var fe *questionnaire.FileError
			require.True(t, errors.As(err, &fe), "want a FileError, got %v", err)
			assert.Equal(t, tc.want, fe.Lines())
		})
	}
}

func FuzzParseAnswersFile(f *testing.F) {
	for _, seed := range []string{
		"answers:\n  m1.q1: 3\n  m1.q2: {level: n/a, reason: x}\n  m3.q1: dont-know\n",
		"targets: {m1: 5}\nanswers: {m1.q1: {level: 2, note: n, evidence: e}}\n",
		"answers:\n  m1.q1: [\n",
		"answers: &a {m1.q1: *a}\n",
		"",
		"- a\n",
		"answers:\n  m1.q1: 3\n  m1.q1: 4\n",
		"answers:\n  m4: n/a\n  m5.q2: {level: n/a, reason: none}\n",
		"answers:\n  m4: {level: n/a, reason: r}\n  m4.q1: 2\n",
	} {
		f.Add([]byte(seed))
	}
	inst, err := questionnaire.Default()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, data []byte) {
		sheet, err := ParseAnswersFile("f.yaml", data, inst)
		if err != nil {
			var fe *questionnaire.FileError
			require.True(t, errors.As(err, &fe), "error is not a FileError: %v", err)
			for _, p := range fe.Problems {
				assert.Positive(t, p.Line, "problem without a line: %s", p.Message)
			}
			return
		}
		for id, a := range sheet.Answers {
			q, ok := inst.Question(id)
			require.True(t, ok, id)
			assert.NoError(t, a.ValidateFor(q), "n/a only where allowed")
		}
		Score(ScoreInput{Instrument: inst, Answers: sheet.Answers, Targets: sheet.Targets})
	})
}

// TestAnyAnswersFileUnderTheCapLoadsInLittleMemory parses the worst answers
// files of the largest size allowed: one-character scalars, many keys, long
// notes. None may take 100 MB.
func TestAnyAnswersFileUnderTheCapLoadsInLittleMemory(t *testing.T) {
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	size := questionnaire.MaxFileSize
	note := strings.Repeat("n", MaxNoteLen)
	inputs := map[string]string{
		"scalars": "answers: [" + strings.Repeat("1,", size/2-8) + "1]",
		"keys":    "answers:\n" + strings.Repeat("  m1.q1: 3\n", size/11-1),
		"notes":   "answers:\n" + strings.Repeat("  m1.q1: {level: 3, note: "+note+"}\n", size/(len(note)+30)),
	}
	for name, src := range inputs {
		require.LessOrEqual(t, len(src), size, name)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, _ = ParseAnswersFile(name+".yaml", []byte(src), inst)
		runtime.ReadMemStats(&after)
		used := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: %d MB", name, used>>20)
		assert.Less(t, used, uint64(100<<20), "%s: parsing %d bytes allocated %d MB", name, len(src), used>>20)
	}
}
