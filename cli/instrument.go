package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
)

func newInstrumentCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "instrument",
		Short: "Show the built-in instrument or validate a custom one",
		Args:  noArgs,
		RunE:  needsSubcommand,
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "show",
		Short:   "Print the built-in instrument as YAML (a starting point for your own)",
		Example: "  seam instrument show > my-instrument.yaml",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(questionnaire.DefaultYAML())
			return err
		},
	}, &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a custom instrument and list every problem as FILE:LINE: message",
		Long: `Validate loads a custom instrument the way every other command does and lists
every problem it finds, one per line as FILE:LINE: message: unknown keys,
duplicate ids, missing or extra levels, bad weights, dangling or cyclic
prerequisites, empty texts. It exits 1 if there is any problem.`,
		Example: "  seam instrument validate my-instrument.yaml",
		Args:    exactArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			inst, err := questionnaire.Load(args[0])
			var fe *questionnaire.FileError
			if errors.As(err, &fe) {
				for _, line := range fe.Lines() {
					fmt.Fprintln(cmd.ErrOrStderr(), safetext.Line(line))
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "%s: %d problem(s)\n", safetext.Line(args[0]), fe.Count())
				return errReported
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: valid instrument %s version %s, hash %s: %d questions in %d failure modes, %d principles\n",
				safetext.Line(args[0]), inst.ID, safetext.Line(inst.Version), inst.ShortHash(), inst.QuestionCount(), len(inst.Modes), len(inst.Principles))
			return nil
		},
	})
	return cmd
}
