package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/theme"
)

// hostileNames are the participants of hostileWorkshop, in its order of
// functions (business, it, data, security, other, business, it); each
// holds a token found in no report otherwise, and each role one more.
var hostileNames = []string{"Zyx<script>Quux", "Vrelk *Ann*_Lee", "Mx. Ölgrond", "Bo [Chen](x)", "Kwaabe\u202eEvil", "Sir Dunmarrow", "Tiff Ygrath"}

// tokens are the strings that must never appear in an anonymous report:
// a piece of every name and of every role that survives any escaping.
var tokens = []string{"Zyx", "Quux", "Vrelk", "Ölgrond", "Chen", "Kwaabe", "Dunmarrow", "Ygrath", "Qwv", "Plonk"}

// hostileWorkshop is workshopFixture's seven participants named
// hostileNames, with distinctive roles, their votes listed last joined
// first, and notes that name no one.
func hostileWorkshop(t testing.TB) Input {
	in := workshopFixture(t, 7)
	rename := map[string]string{}
	for i := range in.Participants {
		rename[in.Participants[i].Name] = hostileNames[i]
		in.Participants[i].Name = hostileNames[i]
		in.Participants[i].Role = []string{"Chief Qwv Officer", "Head of Plonk"}[i%2]
	}
	for i := range in.Votes {
		in.Votes[i].Participant = rename[in.Votes[i].Participant]
		if in.Votes[i].Question == "m1.q2" {
			in.Votes[i].Note = "the steering group never met"
		}
	}
	slices.Reverse(in.Votes)
	return in
}

// anonymousOutputs renders every form of the report with the anonymous
// option: Markdown with its chart files, HTML, the terminal preview, JSON
// and the votes CSV.
func anonymousOutputs(t *testing.T, in Input) map[string]string {
	t.Helper()
	out := map[string]string{}
	var md bytes.Buffer
	files, err := MarkdownWith(&md, in, MarkdownOptions{Charts: ChartImages, Folder: "r-files"})
	require.NoError(t, err)
	out["report.md"] = md.String()
	for _, f := range files {
		if strings.HasSuffix(f.Name, ".svg") {
			out[f.Name] = string(f.Data)
		}
	}
	out["report.html"] = string(render(t, in, formats["report.html"]))
	out["preview"] = Preview(in, theme.Default(), 100)
	out["report.json"] = string(render(t, in, formats["report.json"]))
	out["votes.csv"] = string(render(t, in, func(b *bytes.Buffer, in Input) error { return CSVVotes(b, in) }))
	out["questions.csv"] = string(render(t, in, formats["questions.csv"]))
	return out
}

// TestAnAnonymousReportNamesNoOne renders a workshop of hostile names with
// the anonymous option: no name nor role is anywhere (Markdown with its
// alt texts, HTML, the charts' SVG, the preview, JSON, CSV); the function
// labels stand where the names stood; the same input without the option
// still names everyone, and is left as it was.
func TestAnAnonymousReportNamesNoOne(t *testing.T) {
	named := hostileWorkshop(t)
	in := named
	in.Anonymous = true
	outs := anonymousOutputs(t, in)
	require.Equal(t, 10, len(outs), "six forms and the 4 charts' SVG")
	for form, s := range outs {
		for _, tok := range tokens {
			assert.NotContains(t, s, tok, "%s names someone", form)
		}
	}

	md := outs["report.md"]
	assert.Contains(t, md, "| Respondents | Business 1; IT 1; Data 1; Security 1; Other 1; Business 2; IT 2 (anonymous: named by function) |")
	assert.Contains(t, md, "| business | Business 1, Business 2 |", "the room's table by function")
	assert.Contains(t, md, "| it | IT 1, IT 2 |")
	assert.Contains(t, md, "(consensus 2): Business 1, Data 1 and Business 2 rated it 1, Security 1 3, IT 1 and IT 2 4, Other 1 5;", "who disagreed, by label")
	assert.Contains(t, md, "note: “the steering group never met”", "notes stay")
	assert.Contains(t, md, "**Anonymous report**: wherever it would name a participant")
	assert.Contains(t, md, "Notes, evidence and reasons are shown as written")
	assert.Contains(t, md, "![Agreement (rwg, 1 = all alike) per question", "the charts are there, with their alt texts")
	assert.Contains(t, outs["report.html"], "Business 1, Data 1 and Business 2 rated it 1")
	assert.Contains(t, outs["preview"], "Business 1, Data 1 and Business 2 rated it 1")

	var doc Document
	require.NoError(t, json.Unmarshal([]byte(outs["report.json"]), &doc))
	assert.True(t, doc.Anonymous)
	assert.Equal(t, Participant{Name: "Security 1", Function: "security"}, doc.Participants[3], "the role left out")
	assert.Equal(t, "Business 1", doc.Workshop.Votes[0].Participant)
	rows := strings.Split(outs["votes.csv"], "\r\n")
	assert.True(t, strings.HasPrefix(rows[1], "Business 1,business,"), "the votes in the workshop's order, not as given: %q", rows[1])
	assert.True(t, strings.HasPrefix(rows[len(rows)-2], "IT 2,it,"), "last joined last: %q", rows[len(rows)-2])

	assert.Equal(t, hostileNames[6], in.Votes[0].Participant, "the caller's input keeps its names")
	plain := string(render(t, named, formats["report.md"]))
	for _, tok := range []string{"Zyx", "Vrelk", "Dunmarrow", "Qwv", "Plonk"} {
		assert.Contains(t, plain, tok, "without the option the report names people")
	}
	assert.NotContains(t, plain, "Anonymous")
	assert.NotContains(t, plain, "Business 1")
	plainJSON := string(render(t, named, formats["report.json"]))
	assert.NotContains(t, plainJSON, `"anonymous"`, "the JSON of a named report is as it was")
}

// TestAnAnonymousSelfAssessmentNamesItsRespondentByFunction: the one
// respondent of a self-assessment is "IT 1", their role left out.
func TestAnAnonymousSelfAssessmentNamesItsRespondentByFunction(t *testing.T) {
	in := fixture(t)
	in.Anonymous = true
	md := string(render(t, in, formats["report.md"]))
	assert.Contains(t, md, "| Respondents | IT 1 (anonymous: named by function) |")
	assert.NotContains(t, md, "Jo Smith")
	assert.NotContains(t, md, "CIO (")
}

// TestNamesInNotesFindsTheNotesThatNameSomeone: a note, evidence, reason
// or consensus note naming a participant (whole name, or a word of it)
// is listed by question, so whoever shares an anonymous report is warned.
func TestNamesInNotesFindsTheNotesThatNameSomeone(t *testing.T) {
	in := hostileWorkshop(t)
	assert.Empty(t, NamesInNotes(in), "the steering group never met names no one")
	for i := range in.Votes {
		switch in.Votes[i].Question {
		case "m2.q1":
			in.Votes[i].Note = "as zyx<SCRIPT>quux said"
		case "m3.q2":
			in.Votes[i].Evidence = "Dunmarrow's spreadsheet"
		case "m4.q1":
			in.Votes[i].Note = "a bolder plan" // "Bo" is too short to be a word of a name
		}
	}
	in.Agreement.Questions[0].Consensus.Note = "Ygrath and the others agreed"
	assert.Equal(t, []string{"m1.q1", "m2.q1", "m3.q2"}, NamesInNotes(in))
}
