package report

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/seam-dev/seam/assessment"
)

// adopt is the register's entry for the plan's item for a question (or
// find-out item) of the fixture.
func adopt(t testing.TB, in Input, item string, st assessment.ActionState) assessment.Adopted {
	t.Helper()
	it, ok := in.Plan.Find(item)
	require.True(t, ok, "the plan has %s", item)
	return assessment.Adopted{Question: it.Question, Action: it.Action, ActionState: st}
}

// registerFixture is fixture's assessment with five adopted actions on 20
// November 2026: m2.q1 (Now) overdue, in progress; the find-out item of
// m6 (Now) due in January; m6.q5 (Next) with the risk accepted; m6.q7
// (waiting for capacity) overdue with no owner; and m2.q3's action, done
// and met (the question is at its target).
func registerFixture(t testing.TB) Input {
	t.Helper()
	in := fixture(t)
	q, ok := in.Instrument.Question("m2.q3")
	require.True(t, ok)
	act, ok := q.ActionFor(3)
	require.True(t, ok)
	in.Register = &ActionRegister{Today: "2026-11-20", Actions: []assessment.Adopted{
		adopt(t, in, "m6.find-out", assessment.ActionState{Owner: "Head of Operations", Due: "2027-01-31", Status: assessment.ActionNotStarted}),
		adopt(t, in, "m2.q1", assessment.ActionState{Owner: "Jo Smith", Due: "2026-10-31", Status: assessment.ActionInProgress, Notes: "draft with the COO"}),
		adopt(t, in, "m6.q5", assessment.ActionState{Owner: "Dana Kim", Status: assessment.ActionRiskAccepted, Reason: "Monitoring budget frozen | until Q3"}),
		adopt(t, in, "m6.q7", assessment.ActionState{Due: "2026-11-01", Status: assessment.ActionNotStarted}),
		{Question: "m2.q3", Action: act.ID, ActionState: assessment.ActionState{Owner: "Architecture lead", Due: "2026-09-30", Status: assessment.ActionDone}},
	}}
	return in
}

func TestRegisterReportGolden(t *testing.T) {
	in := registerFixture(t)
	md := render(t, in, formats["report.md"])
	golden(t, "register-report.md", md)
	golden(t, "register-report.html", render(t, in, formats["report.html"]))
	golden(t, "register-report.json", render(t, in, formats["report.json"]))
	assert.Equal(t, md, render(t, registerFixture(t), formats["report.md"]), "the output is deterministic")

	page := pageOne(t, string(md))
	assert.LessOrEqual(t, wordCount(page), 400, "page one has %d words", wordCount(page))
	assert.Contains(t, page, "- **Overdue:** 2 actions are overdue: m2.q1 A distinct strategy document (Jo Smith, due 31 October 2026) and 1 more; see the action register.\n",
		"page one names the overdue actions it has room for, overdue first")

	body := string(md)[len(page):]
	roadmap := body[strings.Index(body, "## Remediation roadmap"):strings.Index(body, "## Action register")]
	assert.Contains(t, roadmap, "   - **Tracked:** Jo Smith, due 31 October 2026, in progress, **overdue**\n", "a Now item says who has it, by when and how far")
	assert.Contains(t, roadmap, "   - **Tracked:** Head of Operations, due 31 January 2027, not started\n")
	assert.Contains(t, roadmap, "| # | Action | Owners | Effort | Tracked |\n", "Next, where an item is adopted, has a column for it")
	assert.Contains(t, roadmap, "| 5 | m6.q5 Monitoring and alerts by business impact | Value-stream owner, Operations lead | M | Dana Kim, risk accepted: Monitoring budget frozen \\| until Q3 |\n")
	assert.Contains(t, roadmap, "| 6 | m1.q6 Adoption and value checked after go-live | Value-stream owner, Finance partner, Integration lead | S | – |\n")
	later := roadmap[strings.Index(roadmap, "### Later"):]
	assert.Contains(t, later, "| # | Action | Owners | Effort |\n", "Later, where nothing is adopted, stays as it was")
	assert.Contains(t, roadmap, "m6.q7 Fallback for an under-performing platform or connection (tracked: no owner named, due 1 November 2026, not started, **overdue**);")

	register := body[strings.Index(body, "## Action register"):strings.Index(body, "## Baseline figures")]
	assert.Contains(t, register, "As of 20 November 2026, 5 plan items are adopted as actions: 2 not started, 1 in progress, 1 done and 1 risk accepted; 2 overdue, listed first. "+
		"1 action is met: its question is at its target now, so the plan no longer holds it.")
	rows := regexpLines(register, `^\| m`)
	require.Len(t, rows, 5)
	assert.Equal(t, "| m2.q1 A distinct strategy document | Jo Smith | 31 October 2026 | in progress, **overdue** | #2, Now (0-90 days) |", rows[0], "overdue first")
	assert.Equal(t, "| m6.q7 Fallback for an under-performing platform or connection | – | 1 November 2026 | not started, **overdue** | #10, Waiting for capacity (after 12 months) |", rows[1])
	assert.Equal(t, "| m2.q3 Guiding principles for technology and architecture choices | Architecture lead | 30 September 2026 | done | met (level 4, target 4) |", rows[2],
		"then by due date; a met action stays in the register")
	assert.Equal(t, "| m6.find-out Unknowns to establish\\: No plan for integration failure | Head of Operations | 31 January 2027 | not started | #1, Now (0-90 days) |", rows[3])
	assert.Equal(t, "| m6.q5 Monitoring and alerts by business impact | Dana Kim | – | risk accepted: Monitoring budget frozen \\| until Q3 | #5, Next (3-6 months) |", rows[4])

	// Every table row has every cell, read as GitHub reads it.
	src := md
	_ = ast.Walk(parse(t, src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if tb, ok := n.(*east.Table); ok && entering {
			for row := tb.FirstChild(); row != nil; row = row.NextSibling() {
				assert.Equal(t, tb.FirstChild().ChildCount(), row.ChildCount(), "a row of %q", plainText(tb.FirstChild(), src))
			}
		}
		return ast.WalkContinue, nil
	})
}

// regexpLines are the lines of s that match pattern.
func regexpLines(s, pattern string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if ok, _ := regexp.MatchString(pattern, l); ok {
			out = append(out, l)
		}
	}
	return out
}

func TestTheJSONReportCarriesTheRegister(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, JSON(&buf, registerFixture(t)))
	var d struct {
		Register struct {
			Today   string `json:"today"`
			Overdue int    `json:"overdue"`
			Met     int    `json:"met"`
			Actions []struct {
				Question, Action, Title, Owner, Due, Status, Reason, Notes string
				Overdue, Met                                               bool
				Rank                                                       int
				Bucket                                                     string
			} `json:"actions"`
		} `json:"register"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &d))
	r := d.Register
	assert.Equal(t, "2026-11-20", r.Today)
	assert.Equal(t, 2, r.Overdue)
	assert.Equal(t, 1, r.Met)
	require.Len(t, r.Actions, 5)
	first := r.Actions[0]
	assert.Equal(t, "m2.q1", first.Question)
	assert.Equal(t, "A distinct strategy document", first.Title)
	assert.Equal(t, "Jo Smith", first.Owner)
	assert.Equal(t, "2026-10-31", first.Due)
	assert.Equal(t, "in-progress", first.Status)
	assert.Equal(t, "draft with the COO", first.Notes)
	assert.True(t, first.Overdue)
	assert.Equal(t, 2, first.Rank)
	assert.Equal(t, "now", first.Bucket)
	findOut := r.Actions[3]
	assert.Equal(t, "", findOut.Question)
	assert.Equal(t, "m6.find-out", findOut.Action)
	met := r.Actions[2]
	assert.True(t, met.Met)
	assert.Equal(t, 0, met.Rank, "the plan does not hold a met action")
	assert.Equal(t, "", met.Bucket)

	buf.Reset()
	require.NoError(t, JSON(&buf, fixture(t)))
	assert.NotContains(t, buf.String(), `"register"`)
}

// A report without adopted actions is the report as it always was: an
// empty register changes nothing, byte for byte, in any format (the
// goldens of TestGolden hold the rest).
func TestAnEmptyRegisterChangesNothing(t *testing.T) {
	for name, fn := range formats {
		in := fixture(t)
		in.Register = &ActionRegister{Today: "2026-11-20"}
		assert.Equal(t, string(render(t, fixture(t), fn)), string(render(t, in, fn)), name)
	}
}

func TestNothingOverdueSaysNothingOnPageOne(t *testing.T) {
	in := registerFixture(t)
	in.Register.Today = "2026-09-01" // before every due date
	md := string(render(t, in, formats["report.md"]))
	assert.NotContains(t, pageOne(t, md), "Overdue")
	assert.NotContains(t, md, "**overdue**")
	assert.Contains(t, md, "As of 1 September 2026, 5 plan items are adopted as actions: 2 not started, 1 in progress, 1 done and 1 risk accepted. 1 action is met")
}

// Page one names at most three overdue actions and stays one printed page
// with a comparison beside it.
func TestManyOverdueActionsKeepPageOneShort(t *testing.T) {
	in := comparedFixture(t)
	in.Register = &ActionRegister{Today: "2026-11-20"}
	for _, it := range in.Plan.Items[:12] {
		in.Register.Actions = append(in.Register.Actions, assessment.Adopted{Question: it.Question, Action: it.Action,
			ActionState: assessment.ActionState{Owner: "Programme office of the COO", Due: "2026-06-30", Status: assessment.ActionNotStarted}})
	}
	var printed bytes.Buffer
	_, err := MarkdownWith(&printed, in, MarkdownOptions{Charts: ChartImages, Folder: "f"})
	require.NoError(t, err)
	page := regexp.MustCompile(`(?m)^!\[.*$`).ReplaceAllString(pageOne(t, printed.String()), "") // as TestComparisonReportGolden counts it
	assert.Contains(t, page, "- **Overdue:** 12 actions are overdue; the action register lists them first.\n", "with no room left, page one counts them")
	assert.LessOrEqual(t, wordCount(page), 400, "page one with a comparison and the overdue line")

	// With room (no comparison, the first actions of a short plan), it
	// names up to three.
	in.Previous = nil
	in.Plan.Items = in.Plan.Items[:12]
	for i := range in.Plan.Items {
		in.Plan.Items[i].DoneWhen = ""
	}
	page = pageOne(t, string(render(t, in, formats["report.md"])))
	assert.Regexp(t, `- \*\*Overdue:\*\* 12 actions are overdue: m1\.q2 [^;]+ \(Programme office of the COO, due 30 June 2026\); m1\.q6 [^;]+; m1\.q7 [^;]+ and 9 more; see the action register\.\n`, page)
	assert.LessOrEqual(t, wordCount(page), 400)
}

func TestAnAnonymousReportNamesAnOwnerWhoIsAParticipantByFunction(t *testing.T) {
	in := registerFixture(t)
	in.Anonymous = true
	for name, fn := range map[string]func(*bytes.Buffer, Input) error{"md": formats["report.md"], "json": formats["report.json"]} {
		out := string(render(t, in, fn))
		assert.NotContains(t, out, "Jo Smith", name)
		assert.Contains(t, out, "IT 1", name)
	}
	in.Register.Actions[2].Notes = "ask Smith first"
	assert.Contains(t, NamesInNotes(in), "m6.q5", "a register's notes that name someone are warned of")
}

// An adopted action the plan does not hold, its question not at target,
// says why: the answer moved on to another of the question's actions, or
// is not known now.
func TestAnAdoptedActionThePlanDoesNotHoldSaysWhy(t *testing.T) {
	in := fixture(t)
	in.Register = &ActionRegister{Today: "2026-11-20", Actions: []assessment.Adopted{
		{Question: "m1.q1", Action: "m1.q1.a1", ActionState: assessment.ActionState{Owner: "Jo Smith", Status: assessment.ActionDone}},
		{Question: "m3.q6", Action: "m3.q6.a1", ActionState: assessment.ActionState{Owner: "Data office", Status: assessment.ActionInProgress}},
	}}
	md := string(render(t, in, formats["report.md"]))
	assert.Contains(t, md, "| m1.q1 Business ownership of outcomes | Jo Smith | – | done | not in the plan: at level 3, another action is the next step |")
	assert.Contains(t, md, "| m3.q6 Quality checks inside integrations | Data office | – | in progress | not in the plan: don't know now (see `m3.find-out`) |")
	assert.NotContains(t, md, "**Tracked:**", "the roadmap marks only the items it holds")
}
