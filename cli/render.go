package cli

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"

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
