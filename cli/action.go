package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
)

// seam action: adopt a plan item as an action, or change an adopted one.

func newActionCmd() *cobra.Command {
	var status, owner, due, reason, notes string
	cmd := &cobra.Command{
		Use:   "action ID ITEM [--status S] [--owner O] [--due YYYY-MM-DD|none] [--reason R] [--notes N]",
		Short: "Adopt a plan item as an action with an owner and a due date, or change one adopted",
		Long: `Action adopts a plan item as an action the first time it names it, and
changes the adopted action after; every change is kept in a history. ITEM is
the item's number in the plan as seam plan shows it (3), its id (m2.q1, or
m6.find-out for a mode's unknowns), or an action id of the instrument
(m2.q1.a2) for an action the plan does not hold now. A number names the plan
as it is now: the action it names is what is kept, whatever the plan
becomes.

--status is not-started (where an action starts), in-progress, done,
risk-accepted or dropped; the last two need --reason, saying why. --owner is
free text (a person, a role) or a participant's name, written as the
participant is named. --due is a day, YYYY-MM-DD; none clears it. --notes
replaces the notes. What is not given stays as it is.`,
		Example: "  seam action k3f9 m2.q1 --owner \"Ann (COO)\" --due 2027-03-31\n  seam action k3f9 3 --owner Ann\n" +
			"  seam action k3f9 m2.q1 --status in-progress --notes \"kick-off 4 Jan\"\n  seam action k3f9 m6.find-out --status dropped --reason \"covered by the DR programme\"",
		Args: exactArgs("ID", "ITEM"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var u assessment.ActionUpdate
			flags := cmd.Flags()
			if flags.Changed("status") {
				st, err := assessment.ParseActionStatus(status)
				if err != nil {
					return err
				}
				u.Status = &st
			}
			if flags.Changed("owner") {
				u.Owner = &owner
			}
			if flags.Changed("due") {
				d := assessment.Date("")
				if !strings.EqualFold(strings.TrimSpace(due), "none") {
					var err error
					if d, err = assessment.ParseDate(due); err != nil {
						return fmt.Errorf("due date %w (or none to clear it)", err)
					}
				}
				u.Due = &d
			}
			if flags.Changed("reason") {
				u.Reason = &reason
			}
			if flags.Changed("notes") {
				u.Notes = &notes
			}
			return withAssessment(args[0], func(b *backend.Backend, e *backend.Evaluated) error {
				set, err := b.SetAction(e, args[1], u)
				switch {
				case errors.Is(err, assessment.ErrUnknownAction):
					return fmt.Errorf("%w; seam plan %s lists the items", err, e.ID)
				case errors.Is(err, assessment.ErrNeedsReason):
					return fmt.Errorf("%w with --reason TEXT", err)
				case err != nil:
					return err
				}
				done := "updated"
				switch {
				case set.Adopted:
					done = "adopted"
				case !set.Changed:
					done = "unchanged"
				}
				fmt.Fprintln(cmd.OutOrStdout(), lineText(fmt.Sprintf("%s %s for %s: %s", done, set.Action.Action, e.ID, stateText(set))))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&status, "status", "", "not-started, in-progress, done, risk-accepted or dropped (the last two need --reason)")
	cmd.Flags().StringVar(&owner, "owner", "", "who owns it: free text, or a participant's name")
	cmd.Flags().StringVar(&due, "due", "", "the due date, YYYY-MM-DD; none clears it")
	cmd.Flags().StringVar(&reason, "reason", "", "why the risk is accepted or the action dropped")
	cmd.Flags().StringVar(&notes, "notes", "", "notes (replace the ones there)")
	return cmd
}

// stateText says an action's state in one line: "in progress · owner Ann
// (a participant) · due 2027-03-31 · notes".
func stateText(set backend.ActionSet) string {
	parts := []string{set.Status.Words()}
	if set.Reason != "" {
		parts[0] += ": " + set.Reason
	}
	switch {
	case set.Participant != "":
		parts = append(parts, "owner "+set.Owner+" (a participant)")
	case set.Owner != "":
		parts = append(parts, "owner "+set.Owner)
	default:
		parts = append(parts, "no owner")
	}
	if set.Due != "" {
		parts = append(parts, "due "+string(set.Due))
	} else {
		parts = append(parts, "no due date")
	}
	if set.Notes != "" {
		parts = append(parts, "with notes")
	}
	return strings.Join(parts, " · ")
}
