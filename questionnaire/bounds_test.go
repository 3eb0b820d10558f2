package questionnaire

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// problems parses src and returns its problems as FILE:LINE lines.
func problems(t *testing.T, src string) []string {
	t.Helper()
	_, err := Parse("i.yaml", []byte(src))
	var fe *FileError
	require.True(t, errors.As(err, &fe), "want a FileError, got %v", err)
	return fe.Lines()
}

func TestAliasesAreRefusedBeforeAnyWalk(t *testing.T) {
	// Nine levels of nine aliases each stand for 9^9 (387 million) nodes.
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 9 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("modes: *a9\n")
	got := problems(t, b.String())
	require.NotEmpty(t, got)
	assert.Equal(t, "i.yaml:1: YAML anchors and aliases (&name, *name) are not allowed here: write the text out", got[0])
	assert.LessOrEqual(t, len(got), 3, "a few are named, not every one")

	_, err := Parse("i.yaml", []byte(strings.Replace(base, "title: T\n", "title: &t T\nsource: *t\n", 1)))
	assert.ErrorContains(t, err, "i.yaml:3: YAML anchors and aliases")
}

func TestTextsAndQuestionsAreBounded(t *testing.T) {
	long := strings.Repeat("w", MaxTextLen+1)
	got := problems(t, strings.Replace(base, "text: Text one?", "text: "+long, 1))
	assert.Contains(t, got, fmt.Sprintf("i.yaml:14: question text is %d characters, more than the %d allowed", MaxTextLen+1, MaxTextLen))

	var b strings.Builder
	b.WriteString(base[:strings.Index(base, "      - id: m.q2")])
	for i := 2; i <= MaxQuestions+1; i++ {
		fmt.Fprintf(&b, `      - id: m.q%[1]d
        title: Q
        text: T?
        why: W.
        importance: 1
        principles: {p: 1}
        levels: [a, b, c, d, e]
        actions:
          - {id: m.q%[1]d.a1, from: [1, 2], do: D., effort: S, owners: {business: B, it: I}, kpi: K.}
          - {id: m.q%[1]d.a2, from: [3, 4], do: D., effort: S, owners: {business: B, it: I}, kpi: K.}
`, i)
	}
	got = problems(t, b.String())
	assert.Contains(t, got, fmt.Sprintf("i.yaml:7: the instrument has %d questions, more than the %d allowed", MaxQuestions+1, MaxQuestions))
}

// TestALongPrerequisiteChainIsCheckedOnce builds 12,000 questions whose
// prerequisites form one chain closed into a cycle: the check walks it
// once (it took a minute when every requirement walked the chain again).
func TestALongPrerequisiteChainIsCheckedOnce(t *testing.T) {
	const n = 12000
	p := &parser{questionLine: map[string]int{}}
	for i := range n {
		from := fmt.Sprintf("q%d", i)
		p.questionLine[from] = i + 1
		p.requires = append(p.requires, requirement{from: from, to: fmt.Sprintf("q%d", (i+1)%n), node: &yaml.Node{Line: i + 1}})
	}
	p.checkRequires()
	require.Len(t, p.Problems, 1, "one cycle, named once")
	assert.Equal(t, 1, p.Problems[0].Line, "where the cycle's first prerequisite stands")
	assert.True(t, strings.HasPrefix(p.Problems[0].Message, "prerequisites form a cycle: q0 → q1 → q2"))
	assert.True(t, strings.HasSuffix(p.Problems[0].Message, "q11999 → q0"))
}

// TestAnyFileUnderTheCapsLoadsInLittleMemory parses the worst inputs of
// the largest size allowed: nothing but one-character scalars, deep
// nesting, many keys, long texts. None may take 100 MB.
func TestAnyFileUnderTheCapsLoadsInLittleMemory(t *testing.T) {
	size := MaxFileSize
	inputs := map[string]string{
		"scalars":    "[" + strings.Repeat("1,", size/2-2) + "1]",
		"nesting":    strings.Repeat("[", size/2) + strings.Repeat("]", size/2),
		"keys":       strings.Repeat("k: 1\n", size/5),
		"texts":      strings.Repeat("- "+strings.Repeat("t", 1000)+"\n", size/1003),
		"instrument": string(DefaultYAML()) + strings.Repeat("# padding\n", (size-len(DefaultYAML()))/10),
	}
	for name, src := range inputs {
		require.LessOrEqual(t, len(src), size, name)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, _ = Parse(name+".yaml", []byte(src))
		runtime.ReadMemStats(&after)
		used := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: %d MB", name, used>>20)
		assert.Less(t, used, uint64(100<<20), "%s: parsing %d bytes allocated %d MB", name, len(src), used>>20)
	}
}

func BenchmarkPrerequisiteChain12000(b *testing.B) {
	for b.Loop() {
		p := &parser{questionLine: map[string]int{}}
		for i := range 12000 {
			from := fmt.Sprintf("q%d", i)
			p.questionLine[from] = i + 1
			p.requires = append(p.requires, requirement{from: from, to: fmt.Sprintf("q%d", i+1), node: &yaml.Node{Line: i + 1}})
		}
		p.questionLine["q12000"] = 12001
		p.checkRequires()
	}
}

func TestAFileOfManyMistakesListsTheFirstHundred(t *testing.T) {
	_, err := Parse("i.yaml", []byte(strings.Repeat("k: 1\n", 5000)))
	var fe *FileError
	require.True(t, errors.As(err, &fe))
	lines := fe.Lines()
	require.Len(t, lines, MaxListed+1)
	assert.Equal(t, fmt.Sprintf("i.yaml: %d more problems not listed; fix these first", fe.Count()-MaxListed), lines[MaxListed])
	assert.Greater(t, fe.Count(), 5000, "every unknown key and every missing one is counted")
	assert.Contains(t, err.Error(), fmt.Sprintf("(and %d more problems)", fe.Count()-1))
}
