package cli

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
	"github.com/seam-dev/seam/theme"
)

// dbFlag is the root's --db; empty means SEAM_DB or the XDG default.
var dbFlag string

func openStore() (*store.Store, error) {
	return store.Open(dbPath())
}

// dbPath is the database the command works on: --db, else SEAM_DB or the
// default (store.DefaultPath).
func dbPath() string {
	if dbFlag != "" {
		return dbFlag
	}
	return store.DefaultPath()
}

// withBackend opens the database for the length of one command.
func withBackend(fn func(b *backend.Backend) error) error {
	s, err := openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(backend.New(s))
}

// withExistingBackend is withBackend for the commands that look after a
// database rather than use it (backup, doctor): where there is none, they
// say so instead of making an empty one to copy or to find healthy.
func withExistingBackend(fn func(b *backend.Backend) error) error {
	path := dbPath()
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: there is no database here (check --db or SEAM_DB)", path)
	}
	return withBackend(fn)
}

// withAssessment opens the database, and loads and evaluates the
// assessment an id prefix names, for the length of one command.
func withAssessment(prefix string, fn func(b *backend.Backend, e *backend.Evaluated) error) error {
	return withBackend(func(b *backend.Backend) error {
		e, err := b.Open(prefix)
		if err != nil {
			return err
		}
		return fn(b, e)
	})
}

func newNewCmd() *cobra.Command {
	var org, title, scope, instrumentFile, respondent, role, function string
	var target, capacity int
	var workshop bool
	cmd := &cobra.Command{
		Use:   "new --org NAME",
		Short: "Create a self-assessment (or with --workshop a workshop) and print its id",
		Long: fmt.Sprintf(`New creates a self-assessment in the database and prints its id, which the
other commands take (a unique prefix is enough). With --workshop it creates a
facilitated workshop instead: add its participants with 'seam participant add',
and each answers on their own with 'seam answer ID --participant NAME'.

--capacity sets how many effort points (S = 1, M = 2, L = 3) each horizon
of the plan holds for this organisation (default %d); show, plan, report
and explain can try another for one run with their own --capacity.`, assessment.DefaultCapacity),
		Example: "  seam new --org \"Acme Logistics\" --title \"Q3 self-check\"\n  id=$(seam new --org Acme --target 3 --capacity 10)",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if strings.TrimSpace(org) == "" {
				return usagef("--org NAME is required")
			}
			if target < 1 || target > 5 {
				return usagef("--target must be from 1 to 5, not %d", target)
			}
			if err := checkFunction(function); err != nil {
				return err
			}
			if cmd.Flags().Changed("capacity") {
				if err := checkCapacity(capacity); err != nil {
					return err
				}
			}
			return withBackend(func(b *backend.Backend) error {
				a, err := b.Create(backend.NewAssessment{
					Organization: org, Title: title, Scope: scope, Workshop: workshop, InstrumentFile: instrumentFile, Target: target, Capacity: capacity,
					Respondent: store.Participant{Name: respondent, Role: role, Function: function},
				})
				if err != nil {
					return ifFileProblems(err, "no assessment was created")
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
	cmd.Flags().StringVar(&respondent, "respondent", backend.DefaultRespondent.Name, "who answers")
	cmd.Flags().StringVar(&role, "role", backend.DefaultRespondent.Role, "the respondent's role")
	cmd.Flags().StringVar(&function, "function", backend.DefaultRespondent.Function, "the respondent's function: "+strings.Join(store.Functions, ", "))
	cmd.Flags().BoolVar(&workshop, "workshop", false, "a facilitated workshop with several participants instead of a self-assessment")
	cmd.Flags().IntVar(&capacity, "capacity", 0, fmt.Sprintf("effort points each horizon of the plan holds, 1-%d (default %d)", store.MaxCapacity, assessment.DefaultCapacity))
	return cmd
}

func newListCmd() *cobra.Command {
	var asJSON, facilitator bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the assessments: progress, overall index, last update",
		Long: `List the assessments: progress, overall index, last update.

When some assessment follows up another (seam reassess), a CHAIN column
gives each its place in its chain ("2 of 3"); --json has "previous", the id
of the assessment one follows up.

A workshop's index stays hidden until the facilitator reveals the room's
results (in the app: m, c, r or p on the workshop screen), so that a list
shown on the room's screen gives nothing away; --facilitator shows it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withBackend(func(b *backend.Backend) error {
				list, err := b.Store().List()
				if err != nil {
					return err
				}
				if !facilitator {
					for i := range list {
						if list[i].Hidden() {
							list[i].Overall = nil
						}
					}
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
				return renderList(cmd.OutOrStdout(), outputWidth(cmd.OutOrStdout()), b.Store().Path(), list, facilitator)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON with stable keys instead of a table (a hidden index is null)")
	cmd.Flags().BoolVar(&facilitator, "facilitator", false, "show the index of workshops whose results are not revealed yet")
	return cmd
}

func renderList(w io.Writer, width int, path string, list []store.Summary, facilitator bool) error {
	if len(list) == 0 {
		_, err := fmt.Fprintf(w, "No assessments in %s yet. Start one with: seam new --org \"Your organization\"\n", path)
		return err
	}
	var rows [][]string
	positions := chainPositions(list)
	for _, sm := range list {
		index := theme.Score(sm.Overall)
		if sm.Hidden() && !facilitator {
			index = "hidden"
		}
		rows = append(rows, []string{sm.ID, cell(sm.Organization, 30), cell(sm.Title, 30), string(sm.Kind),
			fmt.Sprintf("%d/%d", sm.Answered, sm.Questions), index, sm.UpdatedAt.Local().Format("2006-01-02 15:04"), cmp.Or(positions[sm.ID], "-")})
	}
	// The organization is what an assessment is known by: the title is cut
	// first, and the time of the last update left out, before it is cut.
	// CHAIN (the place in a chain of re-assessments) is there only when
	// some assessment is in one.
	const org, title, kind, updated, chain = 1, 2, 3, 6, 7
	headers := []string{"ID", "ORGANIZATION", "TITLE", "KIND", "PROGRESS", "INDEX", "UPDATED", "CHAIN"}
	if len(positions) == 0 {
		headers = headers[:chain]
		for i := range rows {
			rows[i] = rows[i][:chain]
		}
	} else { // CHAIN after KIND
		headers = moveColumn(headers, chain, kind+1)
		for i := range rows {
			rows[i] = moveColumn(rows[i], chain, kind+1)
		}
		return writeTable(w, width, headers, rows, cutTo(title, 12), leaveOut(updated+1), cutTo(org, 12), leaveOut(kind), leaveOut(kind+1))
	}
	return writeTable(w, width, headers, rows, cutTo(title, 12), leaveOut(updated), cutTo(org, 12), leaveOut(kind))
}

// moveColumn moves the cell at from to the place to (to < from).
func moveColumn(row []string, from, to int) []string {
	out := append([]string{}, row[:to]...)
	out = append(out, row[from])
	out = append(out, row[to:from]...)
	return append(out, row[from+1:]...)
}

// cell makes user text fit one table cell: one line, no tabs, bounded.
func cell(s string, n int) string {
	s = theme.Cut(safetext.Line(s), n)
	if s == "" {
		return "-"
	}
	return s
}

func newShowCmd() *cobra.Command {
	cmd := resultsCmd("show ID", "Show an assessment's scorecard and principle alignment", true, false, func(e *backend.Evaluated, chain []store.ChainLink) any {
		return struct {
			Schema     string            `json:"schema"`
			Assessment store.Assessment  `json:"assessment"`
			Chain      []store.ChainLink `json:"chain,omitempty"`
			Scorecard  assessment.Result `json:"scorecard"`
		}{"seam.show/v1", e.Assessment, chainOrNil(chain), e.Evaluation.Scorecard}
	})
	cmd.Long = `Show an assessment's scorecard and principle alignment.

A follow-up (seam reassess) and the assessment it follows up say where they
sit in their chain: "Follow-up 2 of 3 · previous k3f9q2 (12 Mar 2026) · next
p7q2x4 (14 Jun 2026)"; with --json, "previous" in the assessment and the
whole "chain", oldest first.

A workshop's results stay hidden until the facilitator reveals them to the
room (in the app: m, c, r or p on the workshop screen): show says so and
prints no index or score; --facilitator shows them.`
	cmd.Flags().Bool("facilitator", false, "show a workshop's results before they are revealed to the room")
	return cmd
}

func newPlanCmd() *cobra.Command {
	return resultsCmd("plan ID", "Show an assessment's prioritized remediation plan", false, true, func(e *backend.Evaluated, _ []store.ChainLink) any {
		return struct {
			Schema       string          `json:"schema"`
			AssessmentID string          `json:"assessment_id"`
			Plan         assessment.Plan `json:"plan"`
		}{"seam.plan/v1", e.ID, e.Evaluation.Plan}
	})
}

// resultsCmd shows a stored assessment's scorecard, plan or both as text,
// or with --json the document doc makes of it.
func resultsCmd(use, short string, scorecard, plan bool, doc func(e *backend.Evaluated, chain []store.ChainLink) any) *cobra.Command {
	var asJSON bool
	var capacity capacityFlag
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := capacity.check(cmd); err != nil {
				return err
			}
			return withCapacity(args[0], capacity, func(b *backend.Backend, e *backend.Evaluated) error {
				chain, err := b.Store().Chain(e.ID)
				if err != nil {
					return err
				}
				// show (the command with --facilitator) hides a workshop's
				// results until they are revealed
				if f := cmd.Flags().Lookup("facilitator"); f != nil && f.Value.String() == "false" && e.Kind == store.Workshop && e.RevealedAt == nil {
					return hiddenResults(cmd, e, chain, asJSON)
				}
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), doc(e, chain))
				}
				return report.Results(cmd.OutOrStdout(), palette(cmd), storedHeading(e, chain), e.Evaluation, scorecard, plan, outputWidth(cmd.OutOrStdout()))
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON with stable keys instead of text")
	capacity.register(cmd)
	return cmd
}

// hiddenResults says that a workshop's results are the room's secret
// still, and how to see them.
func hiddenResults(cmd *cobra.Command, e *backend.Evaluated, chain []store.ChainLink, asJSON bool) error {
	if asJSON {
		return writeJSON(cmd.OutOrStdout(), struct {
			Schema     string            `json:"schema"`
			Assessment store.Assessment  `json:"assessment"`
			Chain      []store.ChainLink `json:"chain,omitempty"`
			Hidden     bool              `json:"results_hidden"`
		}{"seam.show/v1", e.Assessment, chainOrNil(chain), true})
	}
	width := outputWidth(cmd.OutOrStdout())
	lines := append(storedHeading(e, chain), "", "Results hidden: the facilitator has not revealed them to the room yet. "+
		"Reveal them in the app (seam, then the workshop), or see them yourself with: seam show "+e.ID+" --facilitator")
	for _, l := range lines {
		if _, err := fmt.Fprintln(cmd.OutOrStdout(), theme.Wrap(safetext.Line(l), width)); err != nil {
			return err
		}
	}
	return nil
}

// storedHeading names a stored assessment above its results, and where
// it sits in its chain of re-assessments when it is in one.
func storedHeading(e *backend.Evaluated, chain []store.ChainLink) []string {
	lines := []string{heading(e.Organization, e.Title),
		fmt.Sprintf("Assessment %s · %s · %s · %d/%d questions answered · updated %s", e.ID, e.Kind, e.Status,
			e.AnsweredQuestions(), e.Instrument.QuestionCount(), e.UpdatedAt.Local().Format("2006-01-02 15:04"))}
	if l := chainLine(chain, e.ID); l != "" {
		lines = append(lines, l)
	}
	return lines
}

// chainOrNil is a chain for JSON: left out for an assessment alone.
func chainOrNil(chain []store.ChainLink) []store.ChainLink {
	if len(chain) < 2 {
		return nil
	}
	return chain
}

func newDeleteCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete an assessment with its answers and history (asks first)",
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withAssessment(args[0], func(b *backend.Backend, e *backend.Evaluated) error {
				if !yes {
					fmt.Fprintf(cmd.ErrOrStderr(), "Delete assessment %s (%s, %d answers) for good? Type yes to confirm: ",
						e.ID, cell(e.Organization, 40), len(e.Answers))
					answer, _ := bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
					if a := strings.ToLower(strings.TrimSpace(answer)); a != "yes" && a != "y" {
						return fmt.Errorf("not deleted: %s was not confirmed (use --yes to skip the question)", e.ID)
					}
				}
				if err := b.Store().Delete(e.ID); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "deleted %s\n", e.ID)
				return nil
			})
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "delete without asking")
	return cmd
}

func newBackupCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup FILE [--force]",
		Short: "Write a consistent copy of the whole database, even while it is in use",
		Long: `Backup writes a consistent copy of the whole database to FILE, a new path,
even while other seams are writing to it. The copy is written beside FILE
under a hidden partial name, checked, and only then named FILE: an
interrupted or failed backup leaves no FILE behind.

If FILE exists, backup refuses; with --force it replaces it, in one step
once the new copy is checked (until then FILE is the old backup). A
directory or special file is never replaced, nor the database itself.`,
		Example: "  seam backup seam-2026-11-02.db\n  seam backup latest.db --force",
		Args:    exactArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return withExistingBackend(func(b *backend.Backend) error {
				start := time.Now()
				backup, replacing := b.Store().Backup, false
				if force {
					backup = b.Store().BackupReplacing
					_, err := os.Lstat(args[0])
					replacing = err == nil
				}
				err := backup(ctx, args[0])
				if errors.Is(err, store.ErrBackupExists) {
					return fmt.Errorf("%w; choose a new file name, or replace it with --force", err)
				}
				if err != nil {
					return err
				}
				took := time.Since(start).Round(time.Millisecond)
				if replacing {
					fmt.Fprintf(cmd.OutOrStdout(), "replaced %s with a backup of %s in %s\n", safetext.Line(args[0]), safetext.Line(b.Store().Path()), took)
				} else {
					fmt.Fprintf(cmd.OutOrStdout(), "backed up %s to %s in %s\n", safetext.Line(b.Store().Path()), safetext.Line(args[0]), took)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVarP(&force, "force", "f", false, "replace FILE if it exists (a regular file only)")
	return cmd
}
