package cli

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/theme"
)

// The action register on the command line: seam actions lists it (text,
// JSON, or CSV for an issue tracker), seam action adopts a plan item or
// changes an adopted one.

// statusOpen is the --status filter for the actions still to be done.
const statusOpen = "open"

// actionFilter picks the actions seam actions shows.
type actionFilter struct {
	status  assessment.ActionStatus // "" for any
	open    bool                    // not started or in progress
	owner   string
	overdue bool
}

func parseActionFilter(status, owner string, overdue bool) (actionFilter, error) {
	f := actionFilter{owner: strings.TrimSpace(owner), overdue: overdue}
	switch s := strings.TrimSpace(status); {
	case s == "":
	case strings.EqualFold(s, statusOpen):
		f.open = true
	default:
		st, err := assessment.ParseActionStatus(s)
		if err != nil {
			return f, usagef("--status must be open or one of the statuses %s, not %q", statusNames(), status)
		}
		f.status = st
	}
	return f, nil
}

func statusNames() string {
	names := make([]string, len(assessment.ActionStatuses))
	for i, st := range assessment.ActionStatuses {
		names[i] = string(st)
	}
	return strings.Join(names, ", ")
}

func (f actionFilter) keeps(e assessment.RegisterEntry) bool {
	return (f.status == "" || e.Status == f.status) && (!f.open || e.Status.Open()) &&
		(f.owner == "" || strings.EqualFold(strings.TrimSpace(e.Owner), f.owner)) && (!f.overdue || e.Overdue)
}

// words says the filter: "status done, owner Ann, overdue"; "" for none.
func (f actionFilter) words() string {
	var parts []string
	switch {
	case f.open:
		parts = append(parts, "open")
	case f.status != "":
		parts = append(parts, "status "+f.status.Words())
	}
	if f.owner != "" {
		parts = append(parts, "owner "+f.owner)
	}
	if f.overdue {
		parts = append(parts, "overdue")
	}
	return strings.Join(parts, ", ")
}

func newActionsCmd() *cobra.Command {
	var asJSON, overdue bool
	var status, owner, csvFor, out string
	cmd := &cobra.Command{
		Use:   "actions ID [--status S] [--owner O] [--overdue] [--json | --csv jira|azure [-o FILE]]",
		Short: "List the action register: the plan items adopted, with owners, due dates and status",
		Long: `Actions lists the action register of an assessment: the plan items adopted
as actions (seam action), overdue ones first, then by due date, then in the
instrument's order. Each shows its item (the instrument's action id), what is
to be done, its owner, due date and status (with the reason of a risk
accepted or an action dropped); "overdue" marks an open action past its due
date, "met" an action whose question is at its target now (answers that
change do not delete an adopted action). Plan items not adopted yet are
counted at the end, with how to adopt one.

A follow-up (seam reassess) also shows what the previous assessment's
actions came to: an action marked done whose question did not reach the
level it aimed at is flagged "done, but the answer did not move"; a
question that improved with no action adopted for it is credited.

--status (open, or one of not-started, in-progress, done, risk-accepted,
dropped), --owner (the name, whatever the case) and --overdue pick actions.

--csv jira or --csv azure writes the actions shown as a CSV file for that
tracker's importer, a row each: summary (what is improved and the action's
id), description (the action, when it is done, its KPI, the question, the
status in seam, the notes), due date (YYYY-MM-DD), labels (seam, the failure
mode, the status) and a priority from the plan's horizon (Now is the
highest; an action the plan no longer holds the lowest). Jira: Summary,
Issue Type (Task), Description, Assignee (the owner), Due Date, Priority,
Labels; set the import wizard's date format to yyyy-MM-dd. Azure DevOps:
Work Item Type (Issue, which has a Due Date in the Agile process; change it
for another process), Title, Description, Priority 1-4, Tags, Due Date; the
owner is written in the description, since the importer stops at an
Assigned To it cannot match to a user.`,
		Example: "  seam actions k3f9\n  seam actions k3f9 --overdue --owner Ann\n  seam actions k3f9 --status open --json\n  seam actions k3f9 --csv jira -o actions.csv",
		Args:    exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			filter, err := parseActionFilter(status, owner, overdue)
			if err != nil {
				return err
			}
			tracker := report.Tracker(strings.ToLower(strings.TrimSpace(csvFor)))
			switch {
			case csvFor != "" && !slices.Contains(report.Trackers, tracker):
				return usagef("--csv must be jira or azure, not %q", csvFor)
			case csvFor != "" && asJSON:
				return usagef("--json and --csv are two formats: give one")
			case out != "" && csvFor == "" && !asJSON:
				return usagef("-o goes with --csv or --json")
			}
			return withAssessment(args[0], func(b *backend.Backend, e *backend.Evaluated) error {
				today := assessment.DateOf(time.Now())
				reg, err := b.Register(e, today)
				if err != nil {
					return err
				}
				var shown []assessment.RegisterEntry
				for _, en := range reg.Entries {
					if filter.keeps(en) {
						shown = append(shown, en)
					}
				}
				switch {
				case csvFor != "":
					var buf bytes.Buffer
					in := report.TrackerInput{AssessmentID: e.ID, Organization: e.Organization, Title: e.Title, Entries: shown}
					if err := report.CSVTracker(&buf, tracker, in); err != nil {
						return err
					}
					return writeOutput(cmd, out, buf.Bytes(), fmt.Sprintf("wrote %s of %s for %s to %s", countOf(len(shown), "action", "actions"), e.ID, tracker, out))
				case asJSON:
					var buf bytes.Buffer
					if err := writeJSON(&buf, actionsDoc(e, reg, shown, today)); err != nil {
						return err
					}
					return writeOutput(cmd, out, buf.Bytes(), fmt.Sprintf("wrote the actions of %s to %s", e.ID, out))
				}
				return renderActions(cmd.OutOrStdout(), outputWidth(cmd.OutOrStdout()), e, reg, shown, filter)
			})
		},
	}
	cmd.Flags().StringVar(&status, "status", "", "only actions with this status: open (not started or in progress), "+statusNames())
	cmd.Flags().StringVar(&owner, "owner", "", "only actions this owner has (whatever the case)")
	cmd.Flags().BoolVar(&overdue, "overdue", false, "only open actions past their due date")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON with stable keys instead of text")
	cmd.Flags().StringVar(&csvFor, "csv", "", "write CSV for an issue tracker's importer: jira or azure")
	cmd.Flags().StringVarP(&out, "output", "o", "", "with --csv or --json: write to FILE (created 0600, replaced atomically) instead of stdout")
	return cmd
}

// statusText is an action's status as the register shows it: "dropped:
// budget moved", "in progress, overdue", "not started · met".
func statusText(e assessment.RegisterEntry) string {
	s := e.Status.Words()
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	if e.Overdue {
		s += ", overdue"
	}
	if e.Met {
		s += " · met"
	}
	return s
}

// renderActions draws the register fitted to width: a heading, a table of
// the actions shown, what is not adopted yet, and for a follow-up what the
// previous assessment's actions came to.
func renderActions(w io.Writer, width int, e *backend.Evaluated, reg backend.Register, shown []assessment.RegisterEntry, filter actionFilter) error {
	var b strings.Builder
	para := func(s string) {
		b.WriteString(theme.Wrap(lineText(s), width) + "\n")
	}
	if h := heading(e.Organization, e.Title); h != "" {
		para(h)
	}
	overdue, met := 0, 0
	for _, en := range reg.Entries {
		if en.Overdue {
			overdue++
		}
		if en.Met {
			met++
		}
	}
	summary := fmt.Sprintf("Action register of %s: %s adopted, %d overdue, %d met", e.ID,
		countOf(len(reg.Entries), "action", "actions"), overdue, met)
	if f := filter.words(); f != "" {
		summary += fmt.Sprintf(" · showing %d (%s)", len(shown), f)
	}
	para(summary)
	b.WriteString("\n")
	switch {
	case len(reg.Entries) == 0:
		para("No actions adopted yet.")
	case len(shown) == 0:
		para("No action is " + filter.words() + ".")
	default:
		var rows [][]string
		notes := false
		for _, en := range shown {
			item := cell(en.Action, 24)
			if en.Notes != "" { // marked on the item, which is never cut
				item, notes = item+" *", true
			}
			due := "-"
			if en.Due != "" {
				due = string(en.Due)
			}
			rows = append(rows, []string{item, cell(en.Do, 44), cell(en.Owner, 24), due, cell(statusText(en), 48)})
		}
		const action, owner, status = 1, 2, 4
		var tb strings.Builder
		if err := writeTable(&tb, width, []string{"ITEM", "ACTION", "OWNER", "DUE", "STATUS"}, rows,
			cutTo(action, 12), cutTo(status, 16), cutTo(owner, 8), leaveOut(action)); err != nil {
			return err
		}
		b.WriteString(tb.String())
		if notes {
			para(fmt.Sprintf("* has notes: seam actions %s --json shows them.", e.ID))
		}
	}
	b.WriteString("\n")
	for _, l := range strings.Split(adoptHint(e, reg), "\n") {
		para(l)
	}
	if reg.Previous != nil {
		b.WriteString("\n")
		writeReview(&b, width, reg)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// adoptHint says how many plan items are not adopted yet and how to adopt
// one.
func adoptHint(e *backend.Evaluated, reg backend.Register) string {
	switch {
	case len(e.Evaluation.Plan.Items) == 0:
		return "The plan has no items: nothing to adopt."
	case len(reg.Unadopted) == 0:
		return fmt.Sprintf("Every item of the plan (%d) is adopted.", len(e.Evaluation.Plan.Items))
	}
	first := reg.Unadopted[0]
	verb := "are"
	if len(reg.Unadopted) == 1 {
		verb = "is"
	}
	return fmt.Sprintf("%d of %s %s not adopted yet (seam plan %s lists them).\nAdopt one with: seam action %s ITEM --owner NAME --due YYYY-MM-DD (ITEM: its number or id in the plan, such as %d or %s)",
		len(reg.Unadopted), countOf(len(e.Evaluation.Plan.Items), "plan item", "plan items"), verb, e.ID, e.ID, first.Rank, report.ItemSubject(first))
}

// writeReview writes what the previous assessment's actions came to in a
// follow-up: a line each, wrapped beneath its item.
func writeReview(b *strings.Builder, width int, reg backend.Register) {
	prev := reg.Previous
	b.WriteString(theme.Wrap(lineText(fmt.Sprintf("Since the previous assessment %s (%s): what its actions came to", prev.ID, dayText(prev.AnsweredAt()))), width) + "\n")
	if len(reg.Review) == 0 {
		b.WriteString(theme.Wrap("No action of it is marked done, and no answer improved without one.", width) + "\n")
	}
	const indent = "    "
	for _, r := range reg.Review {
		item := r.Action
		if item == "" {
			item = r.Question
		}
		b.WriteString(theme.Cut("  "+lineText(item+" "+r.Title), width) + "\n")
		for _, l := range strings.Split(theme.Wrap(lineText(r.Words()), max(10, width-len(indent))), "\n") {
			b.WriteString(indent + l + "\n")
		}
	}
	if reg.PreviousOpen > 0 {
		b.WriteString(theme.Wrap(fmt.Sprintf("%s of %s not marked done: %s shows them, and the plan here can adopt them again.",
			countOf(reg.PreviousOpen, "action", "actions"), prev.ID, "seam actions "+prev.ID), width) + "\n")
	}
}

// notAdoptedItem is a plan item not adopted, as --json lists it.
type notAdoptedItem struct {
	Rank   int               `json:"rank"`
	ID     string            `json:"id"`
	Action string            `json:"action"`
	Title  string            `json:"title"`
	Bucket assessment.Bucket `json:"bucket"`
}

// reviewDoc is a follow-up's review of the previous actions, for --json.
type reviewDoc struct {
	Previous          string       `json:"previous"`
	PreviousCreatedAt time.Time    `json:"previous_created_at"`
	Items             []reviewItem `json:"items"`
	// NotDone counts the previous actions not marked done.
	NotDone int `json:"not_done"`
}

// reviewItem is one action's review with the sentence seam actions prints.
type reviewItem struct {
	assessment.ActionReview
	Words string `json:"words"`
}

func actionsDoc(e *backend.Evaluated, reg backend.Register, shown []assessment.RegisterEntry, today assessment.Date) any {
	if shown == nil {
		shown = []assessment.RegisterEntry{}
	}
	notAdopted := make([]notAdoptedItem, len(reg.Unadopted))
	for i, it := range reg.Unadopted {
		notAdopted[i] = notAdoptedItem{Rank: it.Rank, ID: report.ItemSubject(it), Action: it.Action, Title: it.Title, Bucket: it.Bucket}
	}
	var review *reviewDoc
	if reg.Previous != nil {
		review = &reviewDoc{Previous: reg.Previous.ID, PreviousCreatedAt: reg.Previous.CreatedAt, Items: []reviewItem{}, NotDone: reg.PreviousOpen}
		for _, r := range reg.Review {
			review.Items = append(review.Items, reviewItem{ActionReview: r, Words: r.Words()})
		}
	}
	return struct {
		Schema       string                     `json:"schema"`
		AssessmentID string                     `json:"assessment_id"`
		Today        assessment.Date            `json:"today"`
		Adopted      int                        `json:"adopted"`
		Actions      []assessment.RegisterEntry `json:"actions"`
		NotAdopted   []notAdoptedItem           `json:"not_adopted"`
		Review       *reviewDoc                 `json:"review,omitempty"`
	}{"seam.actions/v1", e.ID, today, len(reg.Entries), shown, notAdopted, review}
}
