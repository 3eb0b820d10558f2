package cli

import (
	"errors"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/tui"
)

// errNoTerminal says what to use instead of the app.
var errNoTerminal = errors.New("the interactive app needs a terminal on stdin and stdout; " +
	"without one use seam --accessible, or the commands new, answer, list, show, plan, report and export (see seam --help)")

// runApp opens the interactive app, or the accessible prompts with
// --accessible or TERM=dumb.
func runApp(cmd *cobra.Command, accessible bool) error {
	if accessible || os.Getenv("TERM") == "dumb" {
		return withBackend(func(b *backend.Backend) error {
			return tui.RunAccessible(b, cmd.InOrStdin(), cmd.OutOrStdout())
		})
	}
	if !isTerminal(cmd.InOrStdin()) || !isTerminal(cmd.OutOrStdout()) {
		return errNoTerminal
	}
	return withBackend(tui.Run)
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
