package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
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
}

func (f *sheetFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.answers, "answers", "", "answers file (YAML; see 'seam help' and the README)")
	cmd.Flags().StringVar(&f.instrument, "instrument", "", "custom instrument file (default: the built-in instrument)")
	cmd.Flags().IntVar(&f.target, "target", assessment.DefaultTarget, "target level 1-5 for every failure mode (targets in the answers file win)")
	cmd.Flags().BoolVar(&f.json, "json", false, "print JSON with stable keys instead of text")
}

// scored is an answers file with its scorecard and plan.
type scored struct {
	inst  *questionnaire.Instrument
	sheet assessment.Sheet
	res   assessment.Result
	plan  assessment.Plan
}

func (f *sheetFlags) load() (*scored, error) {
	if f.answers == "" {
		return nil, usagef("--answers FILE is required")
	}
	if f.target < 1 || f.target > 5 {
		return nil, usagef("--target must be from 1 to 5, not %d", f.target)
	}
	inst, err := loadInstrument(f.instrument)
	if err != nil {
		return nil, err
	}
	data, err := questionnaire.ReadFile(f.answers)
	if err != nil {
		return nil, err
	}
	sheet, err := assessment.ParseSheet(f.answers, data, inst)
	if err != nil {
		return nil, err
	}
	targets := map[string]int{}
	for _, m := range inst.Modes {
		targets[m.ID] = f.target
	}
	for mode, t := range sheet.Targets {
		targets[mode] = t
	}
	res := assessment.Score(assessment.Input{Instrument: inst, Answers: sheet.Answers, Targets: targets})
	return &scored{inst: inst, sheet: sheet, res: res, plan: assessment.BuildPlan(inst, res)}, nil
}

func loadInstrument(path string) (*questionnaire.Instrument, error) {
	if path == "" {
		return questionnaire.Default()
	}
	return questionnaire.Load(path)
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
			s, err := f.load()
			if err != nil {
				return err
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), scoreJSON(s))
			}
			heading := strings.Join(nonEmpty(s.sheet.Organization, s.sheet.Title), " · ")
			return renderScore(cmd.OutOrStdout(), view{heading: heading, inst: s.inst, res: s.res, plan: s.plan})
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
  overall      the overall index and the staged level
  m1 … m6      a failure mode's score and coverage
  outcomes …   a principle's alignment (ids as in 'seam instrument show')
  m3.q2        a question: its answer, risk and plan item
  m3.q2.a1     an action`,
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
				e, err = explainSheet(&f, args[0])
			} else {
				err = withAssessment(args[0], func(s *store.Store, l *store.Loaded) error {
					v := storedView(l)
					if e, err = assessment.Explain(l.Instrument, v.res, v.plan, args[1]); err == nil && l.Kind == store.Workshop {
						assessment.AddAgreement(&e, l.Workshop())
					}
					return err
				})
			}
			if err != nil {
				return err
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), e)
			}
			_, err = io.WriteString(cmd.OutOrStdout(), sanitizeBlock(e.String()))
			return err
		},
	}
	f.register(cmd)
	return cmd
}

func explainSheet(f *sheetFlags, what string) (assessment.Explanation, error) {
	s, err := f.load()
	if err != nil {
		return assessment.Explanation{}, err
	}
	return assessment.Explain(s.inst, s.res, s.plan, what)
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

func scoreJSON(s *scored) scoreOutput {
	return scoreOutput{Schema: ScoreSchema, Organization: s.sheet.Organization, Title: s.sheet.Title,
		Respondent: s.sheet.Respondent, Scorecard: s.res, Plan: s.plan}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}
