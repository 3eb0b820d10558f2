package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
	"github.com/seam-dev/seam/theme"
)

// CompareSchema names the version of `seam compare --json` output. Scripts
// depend on its keys: add keys freely, rename or remove none without
// changing the version.
const CompareSchema = "seam.compare/v1"

func newCompareCmd() *cobra.Command {
	var asJSON, facilitator bool
	cmd := &cobra.Command{
		Use:   "compare A B [--json]",
		Short: "Compare two assessments of one organisation: what moved from A to B",
		Long: `Compare shows what changed from assessment A (the earlier) to assessment B
(the later) of the same organisation: the overall index from → to, each
failure mode and principle before and after with the change, the questions
whose answers moved (up, down, newly answered, no longer answered),
coverage of both and, for two workshops, the change in the room's
agreement (rwg).

Like for like: both are scored again on B's instrument and the questions
both instruments ask unchanged. Across instrument versions a question whose
text or levels changed, a new one and a dropped one are listed but left out
of every change, and compare says how many. A failure mode is compared only
where at least 80 % of its applicable questions have a level both times
among the questions compared (the rule that rates a mode at all); otherwise
it says why instead of a number, and the index is the mean of the modes
compared.

A workshop's results stay hidden until the facilitator reveals them to the
room: compare refuses one that is not revealed yet unless --facilitator.

With --json it prints a document with schema "seam.compare/v1": before and
after (id, organization, title, kind, date, overall_index, rated) and
comparison: instruments (same, before, after, changed, new, dropped), note,
overall (before, after, change, modes, left_out), modes (id, name, before,
after, change, compared, why, moves, agreement), principles (id, name,
before, after, change, compared, why), questions (id, mode, title,
importance, move, before, after, change), moves, top_up, top_down,
coverage and workshops. A move is up, down, unchanged, newly-answered,
no-longer-answered, changed, new or dropped; a number that does not exist
is null.`,
		Example: "  seam compare k3f9 x7yy\n  seam compare k3f9 x7yy --json",
		Args:    exactArgs("A", "B"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withBackend(func(b *backend.Backend) error {
				c, err := b.Compare(args[0], args[1])
				if err != nil {
					return err
				}
				for _, e := range []*backend.Evaluated{c.Before, c.After} {
					if !facilitator && e.Kind == store.Workshop && e.RevealedAt == nil {
						return fmt.Errorf("the results of workshop %s are hidden until the facilitator reveals them to the room; compare them yourself with --facilitator", e.ID)
					}
				}
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), compareJSON(c))
				}
				return writeComparison(cmd.OutOrStdout(), outputWidth(cmd.OutOrStdout()), c)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON with stable keys instead of text")
	cmd.Flags().BoolVar(&facilitator, "facilitator", false, "compare workshops whose results are not revealed to the room yet")
	return cmd
}

// compareOutput is the document `seam compare --json` prints.
type compareOutput struct {
	Schema     string                `json:"schema"`
	Before     compareSide           `json:"before"`
	After      compareSide           `json:"after"`
	Comparison assessment.Comparison `json:"comparison"`
}

// compareSide identifies one of the two assessments, with its own overall
// index as its scorecard shows it (not the like-for-like one).
type compareSide struct {
	ID           string   `json:"id"`
	Organization string   `json:"organization"`
	Title        string   `json:"title"`
	Kind         string   `json:"kind"`
	Date         string   `json:"date"`
	Overall      *float64 `json:"overall_index"`
	Rated        bool     `json:"rated"`
}

func compareJSON(c *backend.Compared) compareOutput {
	side := func(e *backend.Evaluated) compareSide {
		return compareSide{ID: e.ID, Organization: e.Organization, Title: e.Title, Kind: string(e.Kind),
			Date: e.AnsweredAt().UTC().Format("2006-01-02T15:04:05Z"), Overall: e.Evaluation.Scorecard.Overall, Rated: e.Evaluation.Scorecard.Rated}
	}
	return compareOutput{Schema: CompareSchema, Before: side(c.Before), After: side(c.After), Comparison: c.Comparison}
}

// writeComparison prints the comparison as text: who is compared, the
// headline sentence, a table of the failure modes, the principles, the
// questions that moved, coverage and what was left out across versions.
func writeComparison(w io.Writer, width int, c *backend.Compared) error {
	cmp := c.Comparison
	var b strings.Builder
	para := func(s string) { b.WriteString(theme.Wrap(safetext.Line(s), width) + "\n") }
	para(heading(c.After.Organization, c.Before.Title+" → "+c.After.Title))
	para(fmt.Sprintf("Assessment %s (%s, %s) → %s (%s, %s)", c.Before.ID, c.Before.Kind, c.Before.AnsweredAt().Local().Format("2006-01-02"),
		c.After.ID, c.After.Kind, c.After.AnsweredAt().Local().Format("2006-01-02")))
	b.WriteString("\n")
	para(report.SinceSentence(report.Previous{ID: c.Before.ID, Title: c.Before.Title, Date: c.Before.AnsweredAt(), Comparison: cmp}, c.After.AnsweredAt()))
	if cmp.Note != "" {
		para(cmp.Note)
	}

	b.WriteString("\nFailure modes\n")
	var rows [][]string
	var why []string
	for _, md := range cmp.Modes {
		rows = append(rows, []string{cell(md.ID, 8), cell(md.Name, 60), theme.Score(md.Before), theme.Score(md.After), changeCell(md.Change)})
		if !md.Compared {
			why = append(why, fmt.Sprintf("%s not compared: %s", md.ID, md.Why))
		}
	}
	o := cmp.Overall
	rows = append(rows, []string{"", "Overall index", theme.Score(o.Before), theme.Score(o.After), changeCell(o.Change)})
	if err := writeTable(&b, width, []string{"MODE", "NAME", "BEFORE", "AFTER", "CHANGE"}, rows, cutTo(1, 12)); err != nil {
		return err
	}
	if len(o.LeftOut) > 0 && o.Change != nil {
		why = append(why, fmt.Sprintf("The overall index here is the mean of the %d of %d failure modes that compare; each assessment's own report shows its full index.",
			len(o.Modes), len(o.Modes)+len(o.LeftOut)))
	}
	for _, s := range why {
		para(s)
	}

	if cmp.Workshops {
		b.WriteString("\nRoom agreement (rwg, 1 = all alike; disagreements before → after)\n")
		rows = rows[:0]
		for _, md := range cmp.Modes {
			if ag := md.Agreement; ag != nil {
				rows = append(rows, []string{cell(md.ID, 8), theme.Score(ag.Before), theme.Score(ag.After), changeCell(ag.Change),
					fmt.Sprintf("%d → %d", ag.DisagreementsBefore, ag.DisagreementsAfter)})
			}
		}
		if err := writeTable(&b, width, []string{"MODE", "BEFORE", "AFTER", "CHANGE", "DISAGREEMENTS"}, rows); err != nil {
			return err
		}
	}

	b.WriteString("\nPrinciples (alignment)\n")
	rows = rows[:0]
	for _, pd := range cmp.Principles {
		change := report.SignedPoints(pd.Change)
		if pd.Change != nil {
			change += " " + report.Arrow(pd.Change)
		}
		if !pd.Compared {
			change = "not compared"
		}
		rows = append(rows, []string{cell(pd.Name, 60), theme.Percent(pd.Before), theme.Percent(pd.After), change})
	}
	if err := writeTable(&b, width, []string{"PRINCIPLE", "BEFORE", "AFTER", "CHANGE"}, rows, cutTo(0, 16)); err != nil {
		return err
	}

	b.WriteString("\n")
	para("Questions: " + report.MovesPhrase(cmp.Moves) + ".")
	rows = rows[:0]
	for _, qd := range cmp.Questions {
		switch qd.Move {
		case assessment.MovedUp, assessment.MovedDown, assessment.NewlyAnswered, assessment.NoLongerAnswered:
			move := report.MoveWord(qd.Move)
			if qd.Change != 0 {
				move = fmt.Sprintf("%s %+d", move, qd.Change)
			}
			rows = append(rows, []string{cell(qd.ID, 12), cell(qd.Title, 80), report.AnswerWord(qd.Before), report.AnswerWord(qd.After), move})
		}
	}
	if len(rows) > 0 {
		if err := writeTable(&b, width, []string{"QUESTION", "TITLE", "BEFORE", "AFTER", "MOVE"}, rows, cutTo(1, 12), leaveOut(1)); err != nil {
			return err
		}
	}
	b.WriteString("\n")
	para("Coverage: " + report.CoverageChangePhrase(cmp.Coverage) + ".")
	_, err := io.WriteString(w, b.String())
	return err
}

// changeCell is a change with its sign and arrow: "+0.55 ↑", "–".
func changeCell(v *float64) string {
	return strings.TrimSpace(report.SignedChange(v) + " " + report.Arrow(v))
}
