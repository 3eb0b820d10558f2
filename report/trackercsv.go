package report

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/seam-dev/seam/assessment"
)

// The action register as a CSV file that an issue tracker's importer
// takes, one row per action: the action becomes a ticket its owner works
// from, and seam stays where the assessment is.
//
// Jira ("Importing data from CSV", "Create issues using the CSV
// importer"): a header row with a Summary column, no punctuation in the
// headers, every comma kept for empty cells; a field that takes several
// values (Labels) repeats its column, one value in each (as Jira's own CSV
// export does); labels hold no spaces; dates are read in the format set
// in the import wizard (seam writes YYYY-MM-DD: set the wizard's date
// format to yyyy-MM-dd). Columns: Summary, Issue Type, Description,
// Assignee, Due Date, Priority (Jira's default names), Labels.
// https://confluence.atlassian.com/adminjiracloud/importing-data-from-csv-776636762.html
// https://support.atlassian.com/jira-service-management-cloud/docs/create-issues-with-the-csv-importer/
//
// Azure DevOps ("Import or update work items in bulk by using CSV files",
// Boards > Queries > Import work items): the file must have the Work Item
// Type and Title columns, other columns are field names; no ID column for
// new items; every item is created in its New state, so no State column.
// Tags are one column, separated by "; ". Due Date
// (Microsoft.VSTS.Scheduling.DueDate) is the Issue's date in the Agile
// process (the date fields table of "Query by date or current iteration"
// lists it for Issue (Agile) only), hence Work Item Type Issue. Assigned
// To is left out: the importer hangs on a name it cannot resolve to a user
// of the organisation (MicrosoftDocs/azure-devops-docs#10320), and an
// owner in seam is free text; the owner is in the description instead.
// Description is an HTML field: the lines are escaped and joined with <br>.
// https://learn.microsoft.com/azure/devops/boards/queries/import-work-items-from-csv
// https://learn.microsoft.com/azure/devops/boards/queries/query-by-date-or-current-iteration
//
// Both: RFC 4180, UTF-8, cells neutralised against formulas (cellText).

// Tracker is an issue tracker whose CSV importer seam writes for.
type Tracker string

// The trackers.
const (
	Jira        Tracker = "jira"
	AzureDevOps Tracker = "azure"
)

// Trackers lists them, for flags and messages.
var Trackers = []Tracker{Jira, AzureDevOps}

// TrackerInput is a register to export, with the assessment it belongs to.
type TrackerInput struct {
	AssessmentID string
	Organization string
	Title        string
	Entries      []assessment.RegisterEntry
}

// maxSummary is the longest summary (Jira) or title (Azure DevOps) both
// take.
const maxSummary = 255

// CSVTracker writes the register for tracker's CSV importer.
func CSVTracker(w io.Writer, tracker Tracker, in TrackerInput) error {
	var rows [][]string
	switch tracker {
	case Jira:
		rows = append(rows, []string{"Summary", "Issue Type", "Description", "Assignee", "Due Date", "Priority", "Labels", "Labels", "Labels"})
		for _, e := range in.Entries {
			labels := trackerLabels(e)
			rows = append(rows, []string{trackerSummary(e), "Task", strings.Join(trackerDescription(in, e, false), "\n"),
				e.Owner, string(e.Due), trackerPriority(e.Bucket, jiraPriorities), labels[0], labels[1], labels[2]})
		}
	case AzureDevOps:
		rows = append(rows, []string{"Work Item Type", "Title", "Description", "Priority", "Tags", "Due Date"})
		for _, e := range in.Entries {
			lines := trackerDescription(in, e, true)
			for i, l := range lines {
				lines[i] = html.EscapeString(l)
			}
			rows = append(rows, []string{"Issue", trackerSummary(e), strings.Join(lines, "<br>"),
				trackerPriority(e.Bucket, azurePriorities), strings.Join(trackerLabels(e), "; "), string(e.Due)})
		}
	default:
		return fmt.Errorf("no CSV for tracker %q: seam writes for %s and %s", tracker, Jira, AzureDevOps)
	}
	return writeCSV(w, rows)
}

// trackerSummary names the ticket: what is improved, and the action's id
// to find it again in seam.
func trackerSummary(e assessment.RegisterEntry) string {
	s := strings.Join(strings.Fields(e.Title), " ") + " (" + e.Action + ")"
	if r := []rune(s); len(r) > maxSummary {
		s = string(r[:maxSummary-1]) + "…"
	}
	return s
}

// trackerDescription is the ticket's text, a line each: the action, when
// it is done, its KPI, the question it improves, its status in seam, the
// owner where the tracker has no column for one, the notes, and where it
// comes from.
func trackerDescription(in TrackerInput, e assessment.RegisterEntry, withOwner bool) []string {
	lines := []string{e.Do}
	if e.DoneWhen != "" {
		lines = append(lines, "Done when: "+e.DoneWhen)
	}
	if e.KPI != "" {
		lines = append(lines, "KPI: "+e.KPI)
	}
	if e.Question != "" {
		lines = append(lines, fmt.Sprintf("Question: %s %s (%s now, target %d)", e.Question, e.Title, e.Answer, e.Target))
	}
	status := "Status in seam: " + e.Status.Words()
	if e.Reason != "" {
		status += " (" + e.Reason + ")"
	}
	if e.Met {
		status += "; the question is at its target now"
	}
	lines = append(lines, status)
	if withOwner && e.Owner != "" {
		lines = append(lines, "Owner: "+e.Owner)
	}
	if e.Notes != "" {
		lines = append(lines, "Notes: "+e.Notes)
	}
	from := "From seam assessment " + in.AssessmentID
	if name := strings.Join(nonEmpty(in.Organization, in.Title), " · "); name != "" {
		from += " (" + name + ")"
	}
	return append(lines, from+".")
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// trackerLabels are seam, the failure mode and the status, each one word.
func trackerLabels(e assessment.RegisterEntry) []string {
	return []string{"seam", strings.Join(strings.Fields(e.Mode), "-"), string(e.Status)}
}

// trackerPriority maps the plan's horizon to a tracker's priorities,
// given highest first: Now, Next, Later, and the lowest for an action the
// plan no longer holds (met, or moved on).
func trackerPriority(b assessment.Bucket, scale [4]string) string {
	switch b {
	case assessment.Now:
		return scale[0]
	case assessment.Next:
		return scale[1]
	case assessment.Later:
		return scale[2]
	}
	return scale[3]
}

// The trackers' priority scales: Jira's default priorities, Azure
// DevOps' 1 (highest) to 4.
var (
	jiraPriorities  = [4]string{"High", "Medium", "Low", "Lowest"}
	azurePriorities = [4]string{"1", "2", "3", "4"}
)
