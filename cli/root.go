// Package cli is seam's command line (cobra): it reads flags and arguments,
// asks backend for the use cases, and prints what package report draws. Every command writes results to stdout and one-line
// errors to stderr; Main turns the outcome into the exit status: 0 ok,
// 1 error, 2 usage.
package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/safetext"
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
	cmd, err := root.ExecuteC()
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
	fmt.Fprintf(stderr, "seam: %s\n", oneLine(advise(err)))
	return ExitError
}

// isCobraUsageError recognises the errors cobra raises itself for unknown
// commands before any of seam's code runs.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") || strings.Contains(msg, "flag needs an argument")
}

// oneLine is an error as one line of safe text: whatever a file, a flag or
// a database put into it, it cannot act on the terminal.
func oneLine(err error) string {
	return strings.Join(strings.Fields(safetext.Line(err.Error())), " ")
}

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
	root.AddCommand(newScoringTopic(), newFormatsTopic(), newDemoCmd())
	root.AddCommand(newNewCmd(), newListCmd(), newShowCmd(), newPlanCmd(), newAnswerCmd(), newExplainCmd(),
		newParticipantCmd(), newConsensusCmd(), newReportCmd(), newExportCmd(), newImportCmd(), newDeleteCmd(), newBackupCmd(), newDoctorCmd(), newScoreCmd(), newInstrumentCmd())
	return root
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

// exactArgs requires n positional arguments, named in the message.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usagef("%s needs %s", cmd.CommandPath(), strings.Join(names, " and "))
		}
		return nil
	}
}
