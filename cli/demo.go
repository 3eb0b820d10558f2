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
				fmt.Fprintf(cmd.OutOrStdout(), "Try: seam show %s · seam plan %s · seam report %s · or seam to open the app\n",
					backend.DemoSelfID, backend.DemoSelfID, backend.DemoWorkshopID)
				return nil
			})
		},
	}
}
