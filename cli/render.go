package cli

import (
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// palette is the theme for a command's standard output: colours only when
// it is a terminal that wants them.
func palette(cmd *cobra.Command) theme.Palette {
	return theme.New(lipgloss.NewRenderer(cmd.OutOrStdout()))
}

// heading joins an organization and a title: "Acme · Q3 self-check".
func heading(parts ...string) string {
	var out []string
	for _, s := range parts {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, " · ")
}

// lineText is text as one line of safe text, whatever it holds: what a
// file, a flag or the database put into it cannot act on the terminal.
func lineText(s string) string { return strings.Join(strings.Fields(safetext.Line(s)), " ") }

// Text output is fitted to a width: what COLUMNS says, else the
// terminal's, else (a pipe, a file) defaultWidth; never below minWidth,
// where no table or bar fits.
const (
	defaultWidth = 80
	minWidth     = 40
)

// outputWidth is the width text written to w is fitted to.
func outputWidth(w io.Writer) int {
	if n, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && n > 0 {
		return max(n, minWidth)
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if n, _, err := term.GetSize(int(f.Fd())); err == nil && n > 0 {
			return max(n, minWidth)
		}
	}
	return defaultWidth
}
