package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is a fixed assessment: the answers in testdata/answers.yaml on
// the built-in instrument, with fixed identity and date.
func fixture(t testing.TB) Input {
	t.Helper()
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	data, err := os.ReadFile("testdata/answers.yaml")
	require.NoError(t, err)
	file, err := assessment.ParseAnswersFile("answers.yaml", data, inst)
	require.NoError(t, err)
	return Input{
		Evaluation: assessment.Evaluate(assessment.Responses{Instrument: inst, Answers: file.Answers, Targets: map[string]int{"m6": 5}}),
		ID:         "k3f9q2", Organization: file.Organization, Title: file.Title, Kind: "self", Status: "in-progress",
		Date:         time.Date(2026, 11, 20, 16, 30, 0, 0, time.UTC),
		Participants: []Participant{{Name: "Jo Smith", Role: "CIO", Function: "it"}},
	}
}

func render(t testing.TB, in Input, fn func(*bytes.Buffer, Input) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, fn(&buf, in))
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./report -update to create it")
	assert.Equal(t, string(want), string(got), "%s differs; if the change is intended, run go test ./report -update and review the diff", name)
}

var formats = map[string]func(*bytes.Buffer, Input) error{
	"report.md":     func(b *bytes.Buffer, in Input) error { return Markdown(b, in) },
	"report.html":   func(b *bytes.Buffer, in Input) error { return HTML(b, in) },
	"report.json":   func(b *bytes.Buffer, in Input) error { return JSON(b, in) },
	"questions.csv": func(b *bytes.Buffer, in Input) error { return CSVQuestions(b, in) },
	"plan.csv":      func(b *bytes.Buffer, in Input) error { return CSVPlan(b, in) },
}

func TestGolden(t *testing.T) {
	in := fixture(t)
	for name, fn := range formats {
		t.Run(name, func(t *testing.T) {
			first := render(t, in, fn)
			golden(t, name, first)
			assert.Equal(t, first, render(t, fixture(t), fn), "the output is deterministic")
		})
	}
}

// wordCount counts words as a reader would: runs of non-space.
func wordCount(s string) int { return len(strings.Fields(s)) }

// TestPageOneDecides: the report's first page (the title block and the
// decision summary, up to the scorecard) fits one printed page (at most
// 400 words) and says what leadership needs: what was found, the one
// number, the first actions with owners and when they are done, and the
// decisions asked; the method is not there.
func TestPageOneDecides(t *testing.T) {
	for name, in := range map[string]Input{"self": fixture(t), "workshop": workshopFixture(t, 5)} {
		md := string(render(t, in, formats["report.md"]))
		end := strings.Index(md, "## Scorecard")
		require.Positive(t, end, name)
		page := md[:end]
		assert.LessOrEqual(t, wordCount(page), 400, "%s: page one has %d words", name, wordCount(page))
		assert.Contains(t, page, "## Decision summary")
		assert.Regexp(t, `\*\*Acme Logistics's integration strategy (is|scores) .+ against a target of .+; its weakest point is “.+” \(\d\.\d\d\)\.\*\*`, page, name)
		assert.Regexp(t, `\*\*Overall index \d\.\d\d`, page, name)
		assert.Contains(t, page, "### First actions")
		first := strings.Count(page, "Owners:")
		assert.True(t, first >= 3 && first <= 5, "%s: %d first actions", name, first)
		assert.Equal(t, first, strings.Count(page, "Done when:"), "%s: each first action says when it is done", name)
		assert.Contains(t, page, "### Decisions requested")
		for _, method := range []string{"priority =", "rwg", "AD ", "71 %", "48 %", "Gartner"} {
			assert.NotContains(t, page, method, "%s: page one holds no method or guide figures", name)
		}
	}
	ws := string(render(t, workshopFixture(t, 5), formats["report.md"]))
	assert.Regexp(t, `\*\*Business and IT:\*\* they see \d+ of \d+ questions differently by a level or more`, ws[:strings.Index(ws, "## Scorecard")])
}
