package report

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// earlierDate is when the earlier assessment of the comparison fixtures
// was made.
var earlierDate = time.Date(2026, 5, 2, 9, 0, 0, 0, time.UTC)

// comparedFixture is fixture's assessment with an earlier one of the same
// organisation: m1.q1 and m2.q3 were lower then, m4.q2 higher, and m6.q7
// not answered.
func comparedFixture(t testing.TB) Input {
	t.Helper()
	in := fixture(t)
	data, err := os.ReadFile("testdata/answers.yaml")
	require.NoError(t, err)
	file, err := assessment.ParseAnswersFile("answers.yaml", data, in.Instrument)
	require.NoError(t, err)
	earlier := file.Answers
	earlier["m1.q1"] = assessment.Answer{Kind: assessment.Level, Level: 1}
	earlier["m2.q3"] = assessment.Answer{Kind: assessment.Level, Level: 2}
	earlier["m4.q2"] = assessment.Answer{Kind: assessment.Level, Level: 5}
	delete(earlier, "m6.q7")
	was := assessment.Evaluate(assessment.Responses{Instrument: in.Instrument, Answers: earlier, Targets: map[string]int{"m6": 5}})
	in.Previous = &Previous{ID: "e4r1y2", Title: "Q1 self-check", Date: earlierDate, Comparison: assessment.Compare(was, in.Evaluation)}
	return in
}

// pageOne is the Markdown report up to the scorecard.
func pageOne(t *testing.T, md string) string {
	t.Helper()
	end := strings.Index(md, "## Scorecard")
	require.Positive(t, end)
	return md[:end]
}

func TestComparisonReportGolden(t *testing.T) {
	in := comparedFixture(t)
	md := render(t, in, formats["report.md"])
	golden(t, "compare-report.md", md)
	golden(t, "compare-report.html", render(t, in, formats["report.html"]))
	assert.Equal(t, md, render(t, comparedFixture(t), formats["report.md"]), "the output is deterministic")

	page := pageOne(t, string(md))
	// Page one as it is read: its chart is a picture (as in HTML, PDF and
	// the Markdown written with -o), not the words of a Mermaid block.
	var printed bytes.Buffer
	_, err := MarkdownWith(&printed, in, MarkdownOptions{Charts: ChartImages, Folder: "f"})
	require.NoError(t, err)
	read := pageOne(t, printed.String())
	require.Contains(t, read, "![Failure-mode scores on the scale 1 to 5, 2 May 2026 (e4r1y2) and 20 November 2026 (k3f9q2)\\: m1 1.81 → 2.19, ")
	read = regexp.MustCompile(`(?m)^!\[.*$`).ReplaceAllString(read, "")
	assert.LessOrEqual(t, wordCount(read), 400, "page one has %d words", wordCount(read))
	assert.Equal(t, 3, strings.Count(page, "Done when:"), "with a comparison page one names the first three actions")
	assert.Contains(t, page, "- **Since last assessment:** From 2 May")
	assert.Contains(t, page, "From 2 May to 20 November 2026, the index over the 5 of 6 failure modes that compare rose from 2.23 to 2.30 (+0.07); "+
		"“Integration treated as an IT-only effort” improved the most (+0.38) and “Executive mandates in place of strategy” fell the most (-0.30).")
	assert.Contains(t, page, "xychart-beta", "page one charts both scores per mode")
	assert.Less(t, strings.Index(page, "Since last assessment"), strings.Index(page, "### First actions"), "what moved comes before what to do")

	body := string(md)[len(page):]
	assert.Contains(t, body, "## Changes since last assessment")
	assert.Contains(t, body, "Compared with assessment `e4r1y2` (Q1 self-check) of 2 May 2026.")
	assert.Contains(t, body, "| m1 Integration treated as an IT-only effort | 1.81 | 2.19 | +0.38 ↑ | – |")
	assert.Contains(t, body, "| m6 No plan for integration failure | 1.33 | 1.27 | – | too few answers to compare\\: 4 of 7 applicable questions answered with a level before, 5 of 7 now; 80 % needed each time |")
	assert.Contains(t, body, "| **Overall index** | **2.23** | **2.30** | **+0.07 ↑** | over 5 of 6 failure modes: m6 left out |")
	assert.Contains(t, body, "2 up, 1 down, 1 newly answered, 37 unchanged.")
	assert.Contains(t, body, "| m1.q1 Business ownership of outcomes | 1 | 3 | up +2 |")
	assert.Contains(t, body, "| m4.q2 Documented workload evaluation criteria | 5 | 4 | down -1 |")
	assert.Regexp(t, `\| m6\.q7 [^|]+ \| – \| 1 \| newly answered \|`, body)
	assert.Less(t, strings.Index(body, "## Scorecard"), strings.Index(body, "## Changes since last assessment"), "the changes follow the scorecard")
}

func TestTheJSONReportCarriesTheComparison(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, JSON(&buf, comparedFixture(t)))
	assert.Contains(t, buf.String(), `"previous": {
    "id": "e4r1y2",
    "title": "Q1 self-check",
    "date": "2026-05-02T09:00:00Z",
    "comparison": {`)
	assert.Contains(t, buf.String(), `"top_up": [`)
	buf.Reset()
	require.NoError(t, JSON(&buf, fixture(t)))
	assert.NotContains(t, buf.String(), `"previous"`)
}

// Without a previous assessment nothing of the comparison shows: the
// goldens of TestGolden hold the rest byte for byte.
func TestAReportWithoutPreviousSaysNothingOfIt(t *testing.T) {
	md := string(render(t, fixture(t), formats["report.md"]))
	assert.NotContains(t, md, "Since last assessment")
	assert.NotContains(t, md, "Changes since last assessment")
}

func TestAComparisonAcrossInstrumentVersionsSaysWhatIsLeftOut(t *testing.T) {
	in := fixture(t)
	data, err := os.ReadFile("../questionnaire/testdata/default-1.0.1.yaml")
	require.NoError(t, err)
	old, err := questionnaire.Parse("default-1.0.1.yaml", data)
	require.NoError(t, err)
	answers := map[string]assessment.Answer{}
	for _, q := range old.Questions() {
		answers[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 2}
	}
	was := assessment.Evaluate(assessment.Responses{Instrument: old, Answers: answers})
	in.Previous = &Previous{ID: "e4r1y2", Title: "Q1", Date: earlierDate, Comparison: assessment.Compare(was, in.Evaluation)}
	md := string(render(t, in, formats["report.md"]))
	page := pageOne(t, md)
	assert.Contains(t, page, "From 2 May to 20 November 2026, no failure mode has enough comparable answers, so the overall index is not compared "+
		"(35 questions changed between instrument 1.0.1 and 1.1.0 and are left out; 6 are new and 1 was dropped).")
	assert.NotContains(t, page, "xychart-beta", "no chart of numbers that do not compare")
	assert.Contains(t, md, "too few comparable questions\\: 0 of 7 unchanged between the instruments, 6 needed")
	assert.Contains(t, md, "35 changed, 6 new and 1 dropped, not compared.")
	_, err = MarkdownWith(&bytes.Buffer{}, in, MarkdownOptions{Charts: ChartImages, Folder: "f"})
	assert.NoError(t, err, "no chart to draw is no error")
}

// comparedWorkshops is the five-person workshop fixture with an earlier
// workshop of three.
func comparedWorkshops(t testing.TB) Input {
	in := workshopFixture(t, 5)
	was := workshopFixture(t, 3)
	in.Previous = &Previous{ID: "w0rk00", Title: "First workshop", Date: earlierDate, Comparison: assessment.Compare(was.Evaluation, in.Evaluation)}
	return in
}

func TestAWorkshopComparisonShowsTheRoomsAgreement(t *testing.T) {
	in := comparedWorkshops(t)
	md := string(render(t, in, formats["report.md"]))
	assert.Contains(t, md, "| Failure mode | Then | Now | Change | Agreement (rwg) | |")
	assert.Regexp(t, `\| m1 [^|]+ \| \d\.\d\d \| \d\.\d\d \| [-+]?\d\.\d\d [↑↓→] \| \d\.\d\d → \d\.\d\d \([-+]?\d\.\d\d\) \|`, md)
	var buf bytes.Buffer
	require.NoError(t, HTML(&buf, in))
	assert.Contains(t, buf.String(), `<figure class="compact">`+"\n<svg", "the HTML draws the chart inline")
	assert.Contains(t, buf.String(), "figure.compact figcaption {", "its caption is for screen readers")
}

func TestSinceSentenceIsSafeText(t *testing.T) {
	in := comparedFixture(t)
	in.Previous.ID = "e4r1y2"
	for i := range in.Previous.Comparison.Modes {
		in.Previous.Comparison.Modes[i].Name = "\x1b[31mred\x1b[0m\u202e"
	}
	s := SinceSentence(*in.Previous, in.Date)
	assert.NotContains(t, s, "\x1b")
	assert.NotContains(t, s, "\u202e")
	assert.Contains(t, s, "From 2 May to 20 November 2026, the index over the 5 of 6 failure modes that compare rose from 2.23 to 2.30")
}

func TestChangePhrases(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	assert.Equal(t, "+0.55", SignedChange(f(0.55)))
	assert.Equal(t, "-0.30", SignedChange(f(-0.3)))
	assert.Equal(t, "0.00", SignedChange(f(0)))
	assert.Equal(t, "–", SignedChange(nil))
	assert.Equal(t, "↑", Arrow(f(0.1)))
	assert.Equal(t, "↓", Arrow(f(-0.1)))
	assert.Equal(t, "→", Arrow(f(0)))
	assert.Equal(t, "", Arrow(nil))
	assert.Equal(t, "+12.5 pt", SignedPoints(f(12.5)))
	assert.Equal(t, "rose from 2.10 to 2.65 (+0.55)", OverallMovePhrase(assessment.OverallChange{Before: f(2.1), After: f(2.65), Change: f(0.55)}))
	assert.Equal(t, "stayed at 2.10", OverallMovePhrase(assessment.OverallChange{Before: f(2.1), After: f(2.1), Change: f(0)}))
	assert.Equal(t, "4 up, 1 down, 2 newly answered, 30 unchanged; 3 changed, 6 new and 1 dropped, not compared",
		MovesPhrase(assessment.Tally{Up: 4, Down: 1, NewlyAnswered: 2, Unchanged: 30, Changed: 3, New: 6, Dropped: 1}))
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	assert.Equal(t, "From 2 May to 20 November 2026", sincePhrase(day(2026, 5, 2), day(2026, 11, 20)))
	assert.Equal(t, "From 2 December 2025 to 20 November 2026", sincePhrase(day(2025, 12, 2), day(2026, 11, 20)))
	assert.Equal(t, "From an earlier assessment the same day (2 November 2026)", sincePhrase(day(2026, 11, 2), day(2026, 11, 2)))
	assert.Equal(t, "not asked", AnswerWord(""))
	assert.Equal(t, "don't know", AnswerWord("dont-know"))
	assert.Equal(t, "–", AnswerWord("unanswered"))
}

func TestMovedSentenceIsTheSinceSentenceWithoutDates(t *testing.T) {
	in := comparedFixture(t)
	assert.Equal(t, "The index over the 5 of 6 failure modes that compare rose from 2.23 to 2.30 (+0.07); "+
		"“Integration treated as an IT-only effort” improved the most (+0.38) and “Executive mandates in place of strategy” fell the most (-0.30).",
		MovedSentence(in.Previous.Comparison))
	assert.Equal(t, "No failure mode has enough comparable answers, so the overall index is not compared.", MovedSentence(assessment.Comparison{}))
}
