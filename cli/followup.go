package cli

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
)

// Re-assessment on the command line: seam reassess, and where an
// assessment sits in its chain (show's heading, list's CHAIN column).

func newReassessCmd() *cobra.Command {
	var sameInstrument bool
	var title string
	cmd := &cobra.Command{
		Use:   "reassess ID [--same-instrument] [--title T]",
		Short: "Start a follow-up of an assessment, to measure again, and print its id",
		Long: `Reassess starts a follow-up of an assessment, to measure again a quarter or
a year on. The follow-up has the same organisation, title, scope, targets,
plan capacity and participants (a workshop's names, roles and functions), and
is answered on the newest version of the instrument seam knows;
--same-instrument keeps the version the assessment was answered on.

Nothing is answered yet: the answers, a workshop's consensus and the
baseline figures are measured anew, and the actions adopted stay with the
assessment that adopted them ('seam actions FOLLOW-UP' shows what they came
to). The two are linked: show, list and the app say where an assessment
sits in its chain. An assessment has one follow-up; re-assess the last one
of a chain.

The new id goes to stdout (id=$(seam reassess k3f9) works as with seam new);
what was carried over, and what was not, goes to stderr.`,
		Example: "  id=$(seam reassess k3f9)\n  seam reassess k3f9 --title \"Q1 2027 check\" --same-instrument",
		Args:    exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withBackend(func(b *backend.Backend) error {
				r, err := b.Reassess(args[0], store.ReassessOptions{SameInstrument: sameInstrument, Title: title})
				if err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), r.FollowUp.ID)
				fmt.Fprintln(cmd.ErrOrStderr(), lineText(r.CarriedOver("seam actions "+r.Previous.ID)))
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&sameInstrument, "same-instrument", false, "answer the follow-up on the instrument version the assessment was answered on, not the newest")
	cmd.Flags().StringVar(&title, "title", "", "the follow-up's title (default: the assessment's)")
	return cmd
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// dayText is a day as people write it: 12 Mar 2026, where the user is.
func dayText(t time.Time) string { return t.Local().Format("2 Jan 2006") }

// chainLine says where an assessment sits in its chain of
// re-assessments: "Follow-up 2 of 3 · previous k3f9q2 (12 Mar 2026) ·
// next p7q2x4 (14 Jun 2026)"; "" for an assessment alone.
func chainLine(chain []store.ChainLink, id string) string {
	i := slices.IndexFunc(chain, func(l store.ChainLink) bool { return l.ID == id })
	if len(chain) < 2 || i < 0 {
		return ""
	}
	parts := []string{fmt.Sprintf("Follow-up %d of %d", i+1, len(chain))}
	if i == 0 {
		parts[0] = fmt.Sprintf("First assessment of %d", len(chain))
	} else {
		p := chain[i-1]
		parts = append(parts, fmt.Sprintf("previous %s (%s)", p.ID, dayText(p.CreatedAt)))
	}
	if i < len(chain)-1 {
		n := chain[i+1]
		parts = append(parts, fmt.Sprintf("next %s (%s)", n.ID, dayText(n.CreatedAt)))
	}
	return safetext.Line(strings.Join(parts, " · "))
}

// chainPositions gives each listed assessment that is in a chain its
// place in it, "2 of 3"; an assessment alone has none. A link to an
// assessment not listed (not in the database) counts for nothing, and a
// chain edited into a loop stops where it comes back.
func chainPositions(list []store.Summary) map[string]string {
	listed := map[string]bool{}
	for _, sm := range list {
		listed[sm.ID] = true
	}
	previous, next := map[string]string{}, map[string]string{}
	for _, sm := range list {
		if sm.Previous != "" && listed[sm.Previous] {
			previous[sm.ID], next[sm.Previous] = sm.Previous, sm.ID
		}
	}
	out := map[string]string{}
	for _, sm := range list {
		if previous[sm.ID] == "" && next[sm.ID] == "" {
			continue
		}
		seen := map[string]bool{sm.ID: true}
		before, after := 0, 0
		for p := previous[sm.ID]; p != "" && !seen[p]; p = previous[p] {
			seen[p] = true
			before++
		}
		for n := next[sm.ID]; n != "" && !seen[n]; n = next[n] {
			seen[n] = true
			after++
		}
		out[sm.ID] = fmt.Sprintf("%d of %d", before+1, before+after+1)
	}
	return out
}
