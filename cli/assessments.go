package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
)

// dbFlag is the root's --db; empty means SEAM_DB or the XDG default.
var dbFlag string

func openStore() (*store.Store, error) {
	path := dbFlag
	if path == "" {
		path = store.DefaultPath()
	}
	return store.Open(path)
}

// withStore opens the database for the length of one command.
func withStore(fn func(s *store.Store) error) error {
	s, err := openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s)
}

// withAssessment opens the database, resolves an id prefix and loads the
// assessment for the length of one command.
func withAssessment(prefix string, fn func(s *store.Store, l *store.Loaded) error) error {
	return withStore(func(s *store.Store) error {
		id, err := s.Resolve(prefix)
		if err != nil {
			return err
		}
		l, err := s.Load(id)
		if err != nil {
			return err
		}
		return fn(s, l)
	})
}

func newNewCmd() *cobra.Command {
	var org, title, scope, instrumentFile, respondent, role, function string
	var target int
	var workshop bool
	cmd := &cobra.Command{
		Use:   "new --org NAME",
		Short: "Create a self-assessment (or with --workshop a workshop) and print its id",
		Long: `New creates a self-assessment in the database and prints its id, which the
other commands take (a unique prefix is enough). With --workshop it creates a
facilitated workshop instead: add its participants with 'seam participant add',
and each answers on their own with 'seam answer ID --participant NAME'.`,
		Example: "  seam new --org \"Acme Logistics\" --title \"Q3 self-check\"\n  id=$(seam new --org Acme --target 3)",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if strings.TrimSpace(org) == "" {
				return usagef("--org NAME is required")
			}
			if target < 1 || target > 5 {
				return usagef("--target must be from 1 to 5, not %d", target)
			}
			inst, err := loadInstrument(instrumentFile)
			if err != nil {
				return err
			}
			targets := map[string]int{}
			for _, m := range inst.Modes {
				targets[m.ID] = target
			}
			return withStore(func(s *store.Store) error {
				kind := store.Self
				if workshop {
					kind = store.Workshop
				}
				a, err := s.Create(store.NewAssessment{
					Organization: org, Title: title, Scope: scope, Kind: kind, Instrument: inst, Targets: targets,
					Respondent: store.Participant{Name: respondent, Role: role, Function: function},
				})
				if err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), a.ID)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&org, "org", "", "the organization assessed (required)")
	cmd.Flags().StringVar(&title, "title", "", "a title, for example \"Q3 self-check\"")
	cmd.Flags().StringVar(&scope, "scope", "", "what the assessment covers")
	cmd.Flags().StringVar(&instrumentFile, "instrument", "", "custom instrument file (default: the built-in instrument)")
	cmd.Flags().IntVar(&target, "target", assessment.DefaultTarget, "target level 1-5 for every failure mode")
	cmd.Flags().StringVar(&respondent, "respondent", "Respondent", "who answers")
	cmd.Flags().StringVar(&role, "role", "CIO", "the respondent's role")
	cmd.Flags().StringVar(&function, "function", "it", "the respondent's function: "+strings.Join(store.Functions, ", "))
	cmd.Flags().BoolVar(&workshop, "workshop", false, "a facilitated workshop with several participants instead of a self-assessment")
	return cmd
}

func newListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the assessments: progress, overall index, last update",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withStore(func(s *store.Store) error {
				list, err := s.List()
				if err != nil {
					return err
				}
				if asJSON {
					if list == nil {
						list = []store.Summary{}
					}
					return writeJSON(cmd.OutOrStdout(), struct {
						Schema      string          `json:"schema"`
						Assessments []store.Summary `json:"assessments"`
					}{"seam.list/v1", list})
				}
				return renderList(cmd.OutOrStdout(), s.Path(), list)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON with stable keys instead of a table")
	return cmd
}

func renderList(w io.Writer, path string, list []store.Summary) error {
	if len(list) == 0 {
		_, err := fmt.Fprintf(w, "No assessments in %s yet. Start one with: seam new --org \"Your organization\"\n", path)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tORGANIZATION\tTITLE\tKIND\tPROGRESS\tINDEX\tUPDATED")
	for _, sm := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d/%d\t%s\t%s\n", sm.ID, cell(sm.Organization, 30), cell(sm.Title, 30), sm.Kind,
			sm.Answered, sm.Questions, strings.TrimSpace(fmtScore(sm.Overall)), sm.UpdatedAt.Local().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

// cell makes user text fit one table cell: one line, no tabs, bounded.
func cell(s string, n int) string {
	s = truncate(safetext.Line(s), n)
	if s == "" {
		return "-"
	}
	return s
}

func newShowCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show an assessment's scorecard and principle alignment",
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withAssessment(args[0], func(s *store.Store, l *store.Loaded) error {
				v := storedView(l)
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), struct {
						Schema     string            `json:"schema"`
						Assessment store.Assessment  `json:"assessment"`
						Scorecard  assessment.Result `json:"scorecard"`
					}{"seam.show/v1", l.Assessment, v.res})
				}
				var b strings.Builder
				renderScorecard(&b, newPalette(cmd.OutOrStdout()), v)
				_, err := io.WriteString(cmd.OutOrStdout(), b.String())
				return err
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON with stable keys instead of text")
	return cmd
}

func newPlanCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "plan ID",
		Short: "Show an assessment's prioritized remediation plan",
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withAssessment(args[0], func(s *store.Store, l *store.Loaded) error {
				v := storedView(l)
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), struct {
						Schema       string          `json:"schema"`
						AssessmentID string          `json:"assessment_id"`
						Plan         assessment.Plan `json:"plan"`
					}{"seam.plan/v1", l.ID, v.plan})
				}
				var b strings.Builder
				p := newPalette(cmd.OutOrStdout())
				renderHeading(&b, p, v)
				renderPlan(&b, p, v.plan)
				_, err := io.WriteString(cmd.OutOrStdout(), b.String())
				return err
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON with stable keys instead of text")
	return cmd
}

// storedView scores a stored assessment for the renderers.
func storedView(l *store.Loaded) view {
	res := assessment.Score(l.Input())
	return view{
		heading: strings.Join(nonEmpty(l.Organization, l.Title), " · "),
		detail: fmt.Sprintf("Assessment %s · %s · %s · %d/%d questions answered · updated %s", l.ID, l.Kind, l.Status,
			l.AnsweredQuestions(), l.Instrument.QuestionCount(), l.UpdatedAt.Local().Format("2006-01-02 15:04")),
		inst: l.Instrument, res: res, plan: assessment.BuildPlan(l.Instrument, res),
	}
}

func newDeleteCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete an assessment with its answers and history (asks first)",
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withAssessment(args[0], func(s *store.Store, l *store.Loaded) error {
				if !yes {
					fmt.Fprintf(cmd.ErrOrStderr(), "Delete assessment %s (%s, %d answers) for good? Type yes to confirm: ",
						l.ID, cell(l.Organization, 40), len(l.Answers))
					answer, _ := bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
					if a := strings.ToLower(strings.TrimSpace(answer)); a != "yes" && a != "y" {
						return fmt.Errorf("not deleted: %s was not confirmed (use --yes to skip the question)", l.ID)
					}
				}
				if err := s.Delete(l.ID); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "deleted %s\n", l.ID)
				return nil
			})
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "delete without asking")
	return cmd
}

func newBackupCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the whole database, even while it is in use",
		Args:  exactArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withStore(func(s *store.Store) error {
				start := time.Now()
				if err := s.Backup(args[0]); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "backed up %s to %s in %s\n", s.Path(), args[0], time.Since(start).Round(time.Millisecond))
				return nil
			})
		},
	}
}
