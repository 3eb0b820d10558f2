package report

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

func trackerInput() TrackerInput {
	return TrackerInput{AssessmentID: "k3f9q2", Organization: "Acme", Title: "Q3", Entries: []assessment.RegisterEntry{
		{Question: "m2.q1", Action: "m2.q1.a1", Mode: "m2", Title: "A distinct strategy document", Do: "Write a <short> strategy document.",
			DoneWhen: "The executive team approved it.", KPI: "Initiatives that met their objectives: 61 %.", Answer: "level 2 Developing",
			Level: 2, Target: 4, Bucket: assessment.Now,
			ActionState: assessment.ActionState{Owner: "=HYPERLINK(\"http://x\")", Due: "2027-03-31", Status: assessment.ActionInProgress, Notes: "kick-off Monday"}},
		{Action: "m6.find-out", Mode: "m6", Title: "Unknowns to establish: No plan for integration failure", Do: "Find out.", Met: true,
			ActionState: assessment.ActionState{Status: assessment.ActionDropped, Reason: "covered by the DR programme"}},
	}}
}

func readTrackerCSV(t *testing.T, tracker Tracker) [][]string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, CSVTracker(&buf, tracker, trackerInput()))
	r := csv.NewReader(&buf)
	rows, err := r.ReadAll()
	require.NoError(t, err, "RFC 4180 with one column count throughout")
	return rows
}

func TestJiraCSVHasTheColumnsItsImporterMaps(t *testing.T) {
	rows := readTrackerCSV(t, Jira)
	require.Len(t, rows, 3)
	assert.Equal(t, []string{"Summary", "Issue Type", "Description", "Assignee", "Due Date", "Priority", "Labels", "Labels", "Labels"}, rows[0])
	r := rows[1]
	assert.Equal(t, "A distinct strategy document (m2.q1.a1)", r[0])
	assert.Equal(t, "Task", r[1])
	assert.Equal(t, "Write a <short> strategy document.\nDone when: The executive team approved it.\nKPI: Initiatives that met their objectives: 61 %.\n"+
		"Question: m2.q1 A distinct strategy document (level 2 Developing now, target 4)\nStatus in seam: in progress\nNotes: kick-off Monday\n"+
		"From seam assessment k3f9q2 (Acme · Q3).", r[2])
	assert.Equal(t, `'=HYPERLINK("http://x")`, r[3], "an owner cannot run as a formula")
	assert.Equal(t, "2027-03-31", r[4])
	assert.Equal(t, "High", r[5], "the Now horizon")
	assert.Equal(t, []string{"seam", "m2", "in-progress"}, r[6:])

	f := rows[2]
	assert.Equal(t, "Lowest", f[5], "the plan no longer holds it")
	assert.Contains(t, f[2], "Status in seam: dropped (covered by the DR programme); the question is at its target now")
	assert.Empty(t, f[3])
	assert.Empty(t, f[4])
	assert.Equal(t, []string{"seam", "m6", "dropped"}, f[6:])
}

func TestAzureCSVHasTheColumnsItsImporterTakes(t *testing.T) {
	rows := readTrackerCSV(t, AzureDevOps)
	require.Len(t, rows, 3)
	assert.Equal(t, []string{"Work Item Type", "Title", "Description", "Priority", "Tags", "Due Date"}, rows[0])
	r := rows[1]
	assert.Equal(t, "Issue", r[0])
	assert.Equal(t, "A distinct strategy document (m2.q1.a1)", r[1])
	assert.Contains(t, r[2], "Write a &lt;short&gt; strategy document.<br>Done when:", "HTML, escaped")
	assert.Contains(t, r[2], "<br>Owner: =HYPERLINK(&#34;http://x&#34;)<br>", "no Assigned To column: the owner is in the description")
	assert.Equal(t, "1", r[3])
	assert.Equal(t, "seam; m2; in-progress", r[4])
	assert.Equal(t, "2027-03-31", r[5])
	assert.Equal(t, "4", rows[2][3])
}

func TestCSVTrackerRefusesATrackerItDoesNotKnow(t *testing.T) {
	var buf bytes.Buffer
	assert.EqualError(t, CSVTracker(&buf, "trello", trackerInput()), `no CSV for tracker "trello": seam writes for jira and azure`)
	assert.Empty(t, buf.String())
}
