package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// workshopFixture is a fixed workshop of n participants, functions in turn,
// answering every question by a fixed pattern; m1.q1 has a consensus.
func workshopFixture(t testing.TB, n int) Input {
	t.Helper()
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	in := Input{ID: "w0rk5h", Organization: "Acme Logistics", Title: "Board workshop", Kind: "workshop", Status: "in-progress",
		Date: time.Date(2026, 11, 20, 16, 30, 0, 0, time.UTC)}
	votes := map[string][]assessment.Vote{}
	responses := assessment.Responses{Instrument: inst, Workshop: true, Votes: votes,
		Consensus: map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 2, Note: "agreed after a long debate"}}}
	for p := range n {
		name := fmt.Sprintf("Participant %02d", p+1)
		function := assessment.Functions[p%len(assessment.Functions)]
		in.Participants = append(in.Participants, Participant{Name: name, Role: "role", Function: function})
		i := 0
		for _, m := range inst.Modes {
			for _, q := range m.Questions {
				i++
				a := assessment.Answer{Kind: assessment.Level, Level: 1 + (i*(p+1)+p)%5}
				if function == "business" && m.ID == "m1" {
					a.Level = 1 // the business sees IT-only integration where IT does not
				}
				if (i+p)%11 == 0 {
					a = assessment.Answer{Kind: assessment.DontKnow}
				}
				votes[q.ID] = append(votes[q.ID], assessment.Vote{Participant: name, Function: function, Answer: a})
				in.Votes = append(in.Votes, Vote{Participant: name, Function: function, Question: q.ID, Answer: a.Value()})
			}
		}
	}
	in.Evaluation = assessment.Evaluate(responses)
	return in
}

func TestWorkshopReportGolden(t *testing.T) {
	in := workshopFixture(t, 5)
	md := render(t, in, formats["report.md"])
	golden(t, "workshop-report.md", md)
	golden(t, "workshop-report.html", render(t, in, formats["report.html"]))
	src := string(md)
	assert.Contains(t, src, "## Workshop: where the room agrees and where it does not")
	assert.Contains(t, src, "| business | Participant 01 |")
	assert.Contains(t, src, "### Disputed questions")
	assert.Contains(t, src, "2: agreed after a long debate")
	assert.Contains(t, src, "### Business and IT see these differently")

	doc := parse(t, md)
	plain := plainText(doc, md)
	assert.Contains(t, plain, "IT sees it")

	var buf bytes.Buffer
	require.NoError(t, CSVVotes(&buf, in))
	assert.Equal(t, 1+5*in.Instrument.QuestionCount(), strings.Count(buf.String(), "\r\n"), "a header and one row per participant's answer")
	buf.Reset()
	require.NoError(t, JSON(&buf, in))
	assert.Contains(t, buf.String(), `"votes": [`)
	assert.Contains(t, buf.String(), `"m1.q1": "2"`)
}

// BenchmarkWorkshopReport renders the Markdown report of a 50-participant
// workshop (budget 10 ms).
func BenchmarkWorkshopReport(b *testing.B) {
	in := workshopFixture(b, 50)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Markdown(&buf, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorkshopReportWithCharts is the full report of a 50-person
// workshop with its four charts drawn as SVG and PNG (budget: 50 ms).
func BenchmarkWorkshopReportWithCharts(b *testing.B) {
	in := workshopFixture(b, 50)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if _, err := MarkdownWith(&buf, in, MarkdownOptions{Charts: ChartImages, Folder: "r-files"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorkshopHTMLReport is the HTML report of a 50-person workshop
// with its four charts inline as SVG, as seam report --format html writes
// it.
func BenchmarkWorkshopHTMLReport(b *testing.B) {
	in := workshopFixture(b, 50)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := HTML(&buf, in); err != nil {
			b.Fatal(err)
		}
	}
}
