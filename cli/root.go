// Package cli is seam's command line (cobra): it reads flags and arguments,
// asks backend for the use cases, and prints what package report draws. Every command writes results to stdout and one-line
// errors to stderr; Main turns the outcome into the exit status: 0 ok,
// 1 error, 2 usage.
package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// usageError marks a mistake in how a command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errReported is returned when the command already printed its problems
// (instrument validate) and only the exit status remains.
var errReported = errors.New("problems reported")

// Main runs seam with args (without the program name) and returns the exit
// status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.InitDefaultCompletionCmd() // after SetOut: its scripts go where it says then
	strictCompletion(root)
	cmd, err := topicArgs(root, args)
	if err == nil {
		cmd, err = root.ExecuteC()
	}
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errReported) {
		return ExitError
	}
	var ue usageError
	if errors.As(err, &ue) || isCobraUsageError(err) {
		fmt.Fprintf(stderr, "seam: %s\nRun '%s --help' for usage.\n", oneLine(err), cmd.CommandPath())
		return ExitUsage
	}
	var fe *questionnaire.FileError
	if errors.As(err, &fe) {
		printProblems(stderr, fe, err)
		return ExitError
	}
	fmt.Fprintf(stderr, "seam: %s\n", oneLine(advise(err)))
	return ExitError
}

// printProblems lists every problem of a file, each on its own line as
// FILE:LINE: message (the format 'seam instrument validate' prints and
// editors jump to), then how many there were and what the command did not
// do because of them.
func printProblems(w io.Writer, fe *questionnaire.FileError, err error) {
	for _, line := range fe.Lines() {
		fmt.Fprintln(w, lineText(line))
	}
	summary := fmt.Sprintf("%s: %d problem", fe.File, fe.Count())
	if fe.Count() != 1 {
		summary += "s"
	}
	var nd notDone
	if errors.As(err, &nd) {
		summary += "; " + nd.what
	}
	fmt.Fprintf(w, "seam: %s\n", oneLine(errors.New(summary)))
}

// notDone carries what a command did not do because of a file's problems
// ("nothing was saved"), for the line after the list of them.
type notDone struct {
	err  error
	what string
}

func (e notDone) Error() string { return e.err.Error() + "; " + e.what }
func (e notDone) Unwrap() error { return e.err }

// ifFileProblems says what was not done when err is the list of a file's
// problems; other errors say for themselves.
func ifFileProblems(err error, what string) error {
	var fe *questionnaire.FileError
	if errors.As(err, &fe) {
		return notDone{err, what}
	}
	return err
}

// isCobraUsageError recognises the errors cobra raises itself for unknown
// commands before any of seam's code runs.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") || strings.Contains(msg, "flag needs an argument")
}

// oneLine is an error as one line of safe text (lineText).
func oneLine(err error) string { return lineText(err.Error()) }

func newRoot() *cobra.Command {
	var accessible bool
	root := &cobra.Command{
		Use:   "seam",
		Short: "Find out why an integration strategy fails and what to fix first",
		Long: `seam assesses an enterprise integration strategy against six failure modes,
scores its maturity against six blueprint principles, and produces a
prioritized, explainable remediation plan.

Run seam with no command to open the interactive app.`,
		Version:       versionString(),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runApp(cmd, accessible)
		},
	}
	root.Flags().BoolVar(&accessible, "accessible", false, "plain sequential prompts for screen readers instead of the full-screen app (also when TERM=dumb)")
	root.SetVersionTemplate("seam {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.PersistentFlags().StringVar(&dbFlag, "db", "", "database file (default $"+store.EnvDB+", else seam/seam.db in the XDG data directory)")
	root.SetHelpCommand(newHelpCmd())
	root.AddCommand(newScoringTopic(), newFormatsTopic(), newDemoCmd())
	root.AddCommand(newNewCmd(), newListCmd(), newShowCmd(), newPlanCmd(), newAnswerCmd(), newBaselineCmd(), newExplainCmd(),
		newReassessCmd(), newActionsCmd(), newActionCmd(),
		newParticipantCmd(), newConsensusCmd(), newServeCmd(), newReportCmd(), newCompareCmd(), newExportCmd(), newImportCmd(), newDeleteCmd(), newBackupCmd(), newDoctorCmd(), newScoreCmd(), newInstrumentCmd())
	return root
}

// newHelpCmd replaces cobra's help command, which prints the root's help
// and exits 0 for a topic it does not know: here that is a usage mistake.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command | topic]",
		Short: "Help about any command, or a topic: scoring, formats",
		Long: `Help prints the help of a command ('seam help participant add') or of a
topic: 'seam help scoring' (how answers become scores and the plan) or
'seam help formats' (the answers file, custom instruments, bundles, reports).`,
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			target, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range target.Commands() {
				if (sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand()) && strings.HasPrefix(sub.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return usagef("unknown help topic %q; topics: %s, or any command that seam --help lists",
					strings.Join(args, " "), strings.Join(topicNames(c.Root()), ", "))
			}
			target.InitDefaultHelpFlag()
			target.InitDefaultVersionFlag()
			return target.Help()
		},
	}
}

// topicNames are the help topics: commands without a Run of their own.
func topicNames(root *cobra.Command) []string {
	return commandNames(root, (*cobra.Command).IsAdditionalHelpTopicCommand)
}

// topicArgs refuses arguments after a help topic ('seam scoring x'), which
// cobra would answer with the topic's text and status 0.
func topicArgs(root *cobra.Command, args []string) (*cobra.Command, error) {
	c, rest, err := root.Find(args)
	if err != nil || c == root || !c.IsAdditionalHelpTopicCommand() {
		return root, nil
	}
	if err := c.ParseFlags(rest); err != nil {
		return root, nil // cobra reports it
	}
	if c.Flags().NArg() > 0 {
		return c, usagef("%s is a help topic and takes no arguments, got %q", c.CommandPath(), c.Flags().Arg(0))
	}
	return root, nil
}

// strictCompletion makes 'seam completion' with no shell or one it does
// not know a usage mistake; cobra's prints its help and exits 0.
func strictCompletion(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			shells := strings.Join(subcommandNames(cmd), ", ")
			if len(args) == 0 {
				return usagef("%s needs a shell: %s", cmd.CommandPath(), shells)
			}
			return usagef("unknown shell %q for %s; shells: %s", args[0], cmd.CommandPath(), shells)
		}
	}
}

// needsSubcommand is the RunE of a command that only groups others
// ('seam participant'): run alone it is a usage mistake.
func needsSubcommand(cmd *cobra.Command, _ []string) error {
	return usagef("%s needs a command: %s", cmd.CommandPath(), strings.Join(subcommandNames(cmd), ", "))
}

func subcommandNames(cmd *cobra.Command) []string {
	return commandNames(cmd, (*cobra.Command).IsAvailableCommand)
}

// commandNames are the names of cmd's commands that keep says yes to.
func commandNames(cmd *cobra.Command, keep func(*cobra.Command) bool) []string {
	var names []string
	for _, c := range cmd.Commands() {
		if keep(c) {
			names = append(names, c.Name())
		}
	}
	return names
}

// noArgs refuses positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
		}
		return usagef("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// checkFunction refuses a --function that is none of store.Functions.
func checkFunction(function string) error {
	if !slices.Contains(store.Functions, function) {
		return usagef("--function must be one of %s, not %q", strings.Join(store.Functions, ", "), function)
	}
	return nil
}

// exactArgs requires n positional arguments, named in the message.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usagef("%s needs %s", cmd.CommandPath(), strings.Join(names, " and "))
		}
		return nil
	}
}
