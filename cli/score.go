package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/safetext"
)

// ScoreSchema names the version of `seam score --json` output. Scripts
// depend on its keys: add keys freely, rename or remove none without
// changing the version.
const ScoreSchema = "seam.score/v1"

// sheetFlags are the flags shared by the commands that read an answers file.
type sheetFlags struct {
	answers    string
	instrument string
	target     int
	json       bool
	capacity   capacityFlag
}

func (f *sheetFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.answers, "answers", "", "answers file (YAML; see 'seam help' and the README)")
	cmd.Flags().StringVar(&f.instrument, "instrument", "", "custom instrument file (default: the built-in instrument)")
	cmd.Flags().IntVar(&f.target, "target", assessment.DefaultTarget, "target level 1-5 for every failure mode (targets in the answers file win)")
	cmd.Flags().BoolVar(&f.json, "json", false, "print JSON with stable keys instead of text")
	f.capacity.register(cmd)
}

func (f *sheetFlags) load(cmd *cobra.Command) (*backend.FileEvaluation, error) {
	if f.answers == "" {
		return nil, usagef("--answers FILE is required")
	}
	if f.target < 1 || f.target > 5 {
		return nil, usagef("--target must be from 1 to 5, not %d", f.target)
	}
	if err := f.capacity.check(cmd); err != nil {
		return nil, err
	}
	s, err := backend.EvaluateFile(f.answers, f.instrument, f.target)
	if err != nil {
		return nil, ifFileProblems(err, "nothing was scored")
	}
	return s.WithCapacity(int(f.capacity)), nil
}

func newScoreCmd() *cobra.Command {
	var f sheetFlags
	cmd := &cobra.Command{
		Use:   "score --answers FILE",
		Short: "Score an answers file: scorecard, principle alignment and the plan",
		Long: `Score reads an answers file, prints the scorecard (a bar per failure mode
with its target marked), the alignment with each blueprint principle, and the
prioritized remediation plan. With --json it prints the same as JSON.`,
		Example: "  seam score --answers answers.yaml\n  seam score --answers answers.yaml --target 3 --json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := f.load(cmd)
			if err != nil {
				return err
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), scoreJSON(s))
			}
			return report.Results(cmd.OutOrStdout(), palette(cmd), []string{heading(s.File.Organization, s.File.Title)}, s.Evaluation, true, true,
				outputWidth(cmd.OutOrStdout()))
		},
	}
	f.register(cmd)
	return cmd
}

func newExplainCmd() *cobra.Command {
	var f sheetFlags
	cmd := &cobra.Command{
		Use:   "explain (ID | --answers FILE) WHAT",
		Short: "Show how a score, an alignment, the index or a plan item was computed",
		Long: `Explain shows the computation behind one number or plan item of a stored
assessment (ID) or of an answers file (--answers FILE), down to the answers
that produced it. WHAT is one of:
  overall      the overall index, its coverage and whether it is rated
  m1 … m6      a failure mode's score and coverage
  outcomes …   a principle's alignment (ids as in 'seam instrument show')
  m3.q2        a question: its answer, risk and plan item
  m3.find-out  a failure mode's find-out item
  m3.q2.a1     an action
A plan item's explanation gives its priority terms and why it sits in its
horizon (capacity used, moved on for capacity, placed before what needs
it); --capacity N builds the plan with N effort points per horizon.`,
		Example: "  seam explain k3f9 m3\n  seam explain --answers answers.yaml overall",
		Args: func(cmd *cobra.Command, args []string) error {
			if f.answers != "" && len(args) != 1 {
				return usagef("with --answers, explain takes WHAT only (overall, a mode, a principle, a question or an action id)")
			}
			if f.answers == "" && len(args) != 2 {
				return usagef("explain needs ID and WHAT (overall, a mode, a principle, a question or an action id), or --answers FILE and WHAT")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var e assessment.Explanation
			var err error
			if f.answers != "" {
				var s *backend.FileEvaluation
				if s, err = f.load(cmd); err == nil {
					e, err = s.Explain(args[0])
				}
			} else {
				if err = f.capacity.check(cmd); err != nil {
					return err
				}
				err = withCapacity(args[0], f.capacity, func(_ *backend.Backend, stored *backend.Evaluated) error {
					e, err = stored.Evaluation.Explain(args[1])
					return err
				})
			}
			if err != nil {
				return err
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), e)
			}
			_, err = io.WriteString(cmd.OutOrStdout(), report.Wrap(safetext.Block(e.String()), outputWidth(cmd.OutOrStdout())))
			return err
		},
	}
	f.register(cmd)
	return cmd
}

// scoreOutput is the document `seam score --json` prints.
type scoreOutput struct {
	Schema       string            `json:"schema"`
	Organization string            `json:"organization"`
	Title        string            `json:"title"`
	Respondent   string            `json:"respondent"`
	Scorecard    assessment.Result `json:"scorecard"`
	Plan         assessment.Plan   `json:"plan"`
}

func scoreJSON(s *backend.FileEvaluation) scoreOutput {
	return scoreOutput{Schema: ScoreSchema, Organization: s.File.Organization, Title: s.File.Title,
		Respondent: s.File.Respondent, Scorecard: s.Scorecard, Plan: s.Plan}
}

// writeJSON prints v as indented JSON for display (see
// safetext.JSONDisplay).
func writeJSON(w io.Writer, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	_, err = w.Write(append(safetext.JSONDisplay(data), '\n'))
	return err
}
