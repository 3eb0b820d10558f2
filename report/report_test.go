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

func TestExecutiveSummaryFitsOnePage(t *testing.T) {
	md := string(render(t, fixture(t), formats["report.md"]))
	start := strings.Index(md, "## Executive summary")
	end := strings.Index(md, "## Scorecard")
	require.True(t, start >= 0 && end > start)
	summary := md[start:end]
	// A printed page holds about 50 lines of 90 characters.
	lines := 0
	for _, l := range strings.Split(summary, "\n") {
		lines += 1 + len([]rune(l))/90
	}
	assert.LessOrEqual(t, lines, 50, "the executive summary runs to %d printed lines", lines)
	assert.Contains(t, summary, "Overall index 2.")
	assert.Contains(t, summary, "Weakest area: No plan for integration failure")
	assert.Contains(t, summary, "71 %")
	assert.Contains(t, summary, "48 %")
	assert.Contains(t, summary, "40 %")
	assert.Contains(t, summary, "67 %")
	assert.Contains(t, summary, "Context, not a prediction")
	assert.Equal(t, 3, strings.Count(summary, "Owners:"), "three first actions with owners")
}
