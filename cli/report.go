package cli

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/report"
)

func newReportCmd() *cobra.Command {
	var format, what, out, charts, compareWith string
	var anonymous bool
	var capacity capacityFlag
	cmd := &cobra.Command{
		Use:   "report ID [--format md|html|json|csv] [--anonymous] [-o FILE]",
		Short: "Write the leadership report (Markdown or HTML), or the results as JSON or CSV",
		Long: `Report writes an assessment's results. The Markdown report (the default) is
for leadership: page one decides (what was found, the one number, the
first actions and the decisions asked), the body explains (scorecard,
roadmap, findings with the room's evidence), the appendix holds the
method and every answer. With -o its charts are SVG and PNG files in a
folder beside it (acme-report.md: acme-report-files/). HTML is the same
report as one self-contained page (styles and charts inline, no scripts,
nothing fetched) to e-mail, open in any browser or print to PDF on A4.
JSON (schema seam.report/v1) carries every score, risk, alignment and
plan item with its explanation. CSV has one row per question; with --what
plan one row per plan item; with --what votes one row per participant's
answer (workshops).

With --anonymous the report names each participant by function, numbered
in the order they were added to the workshop (Business 1, Business 2,
IT 1 …), wherever it would name them: respondents, who rated a disputed
question how, the room's table, JSON and the votes CSV; roles are left
out, since a role such as COO names its holder. Notes, evidence and
reasons are shown as written: seam warns on stderr about the questions
whose notes may name a participant, for you to read before sharing.

The report of a follow-up (seam reassess) compares with the assessment
it follows up: page one says in one sentence what moved since then (the
index from → to, what improved and what fell the most, with both dates)
with a chart of both scores per failure mode, and the body has a table of
the changes; see 'seam compare'. --compare-with OLDER_ID compares with
another assessment of the same organisation instead, --compare-with none
with nothing.

When plan items are adopted as actions (seam action), the roadmap shows
each one's owner, due date and status, the body lists every adopted
action with overdue ones first (and those met: their question is at its
target now), and page one says what is overdue.

Output goes to stdout, or with -o to FILE, created 0600 and replaced
atomically.`,
		Example: "  seam report k3f9 -o acme-report.md\n  seam report x7yy --compare-with k3f9 -o acme-q3.md\n  seam report x7yy --compare-with none\n  seam report k3f9 --format html -o acme-report.html\n  seam report k3f9 --anonymous --format html -o acme-room.html\n  seam report k3f9 --format csv --what plan > plan.csv",
		Args:    exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "md" && format != "html" && format != "json" && format != "csv" {
				return usagef("--format must be md, html, json or csv, not %q", format)
			}
			if what != "questions" && what != "plan" && what != "votes" {
				return usagef("--what must be questions, plan or votes, not %q", what)
			}
			if what != "questions" && format != "csv" {
				return usagef("--what %s goes with --format csv", what)
			}
			if err := capacity.check(cmd); err != nil {
				return err
			}
			if charts != "" && format != "md" {
				return usagef("--charts goes with --format md (HTML has its charts inline)")
			}
			mode, err := chartsMode(charts, out)
			if err != nil {
				return err
			}
			return withReport(args[0], compareWith, capacity, func(e *backend.Evaluated, in report.Input) error {
				in.Anonymous = anonymous
				if anonymous {
					if qs := report.NamesInNotes(in); len(qs) > 0 {
						fmt.Fprintf(cmd.ErrOrStderr(), "warning: the notes, evidence or reasons on %s may name a participant; an anonymous report shows them as written, so read them before sharing it\n", strings.Join(qs, ", "))
					}
				}
				done := fmt.Sprintf("wrote the %s report of %s to %s", format, e.ID, out)
				if format == "md" && out != "" && out != "-" {
					if err := backend.WriteMarkdownReport(out, in, mode); err != nil {
						return err
					}
					fmt.Fprintln(cmd.ErrOrStderr(), done)
					return nil
				}
				var buf bytes.Buffer
				var err error
				switch {
				case format == "md":
					_, err = report.MarkdownWith(&buf, in, report.MarkdownOptions{Charts: mode})
				case format == "html":
					err = report.HTML(&buf, in)
				case format == "json":
					err = report.JSON(&buf, in)
				case what == "plan":
					err = report.CSVPlan(&buf, in)
				case what == "votes":
					err = report.CSVVotes(&buf, in)
				default:
					err = report.CSVQuestions(&buf, in)
				}
				if err != nil {
					return err
				}
				return writeOutput(cmd, out, buf.Bytes(), done)
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "md", "md, html, json or csv")
	cmd.Flags().StringVar(&charts, "charts", "", "with md: images (SVG and PNG in a folder beside the file; the default with -o), mermaid (blocks for wikis that draw them) or none (their numbers in words; the default on stdout)")
	cmd.Flags().StringVar(&what, "what", "questions", "with csv: questions (one row each), plan (one row per item) or votes (one row per participant's answer)")
	cmd.Flags().BoolVar(&anonymous, "anonymous", false, "name participants by function (Business 1, IT 1 …), not by name, and leave roles out")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE (created 0600, replaced atomically) instead of stdout")
	cmd.Flags().StringVar(&compareWith, "compare-with", "", "the assessment (ID) of the same organisation to show what changed since (default: the one a follow-up follows up), or none")
	capacity.register(cmd)
	return cmd
}

// withReport loads the assessment a report is of, with its plan built for
// the --capacity given, and its report's input (backend.Report): the
// comparison with the assessment --compare-with names (by default the
// previous one of a follow-up) and the action register.
func withReport(id, compareWith string, c capacityFlag, fn func(e *backend.Evaluated, in report.Input) error) error {
	return withCapacity(id, c, func(b *backend.Backend, e *backend.Evaluated) error {
		in, err := b.Report(e, backend.ReportOptions{CompareWith: strings.TrimSpace(compareWith)})
		if err != nil {
			return err
		}
		return fn(e, in)
	})
}
