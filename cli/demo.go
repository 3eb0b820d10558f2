package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/backend"
)

func newDemoCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Add a sample self-assessment and a sample five-person workshop",
		Long: `Demo adds two clearly labelled samples to the database (or the one --db
names): a self-assessment and a five-person workshop of a fictional freight
company, so that results, the plan and the report can be seen at once.
Both are added in one transaction: if one cannot be saved (a full disk),
neither is. Running it again adds nothing.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withBackend(func(be *backend.Backend) error {
				samples, err := be.AddDemo()
				if err != nil {
					return err
				}
				for _, s := range samples {
					fmt.Fprintln(cmd.OutOrStdout(), s)
				}
				seam := invokedAs()
				next := [][2]string{
					{seam + " show " + backend.DemoSelfID, "the self-assessment's scorecard"},
					{seam + " plan " + backend.DemoSelfID, "its remediation plan"},
					{seam + " report " + backend.DemoWorkshopID, "the workshop's report"},
					{seam, "the app"},
				}
				fmt.Fprintln(cmd.OutOrStdout(), "Next, try:")
				for _, n := range next {
					fmt.Fprintf(cmd.OutOrStdout(), "  %-*s  %s\n", len(next[2][0]), n[0], n[1])
				}
				return nil
			})
		},
	}
}
