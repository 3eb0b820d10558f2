package cli

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/files"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
)

func newExportCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export ID [-o FILE]",
		Short: "Write an assessment as a versioned JSON bundle (to move or archive it)",
		Long: `Export writes the whole assessment as a JSON bundle (format seam.bundle,
version 2): the instrument's full body and hash, the assessment (with the id
of the assessment it follows up, for a follow-up), its participants,
current answers and the history of every change, a workshop's consensus
and the history of every consensus recorded, changed or cleared, the
baseline figures, and the action register with every change to it, with a
SHA-256 checksum of the content. Times are UTC (RFC 3339). Text is kept
exactly; control characters are written as \u escapes. 'seam import' reads
it back on any machine.`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withBackend(func(be *backend.Backend) error {
				id, err := be.Store().Resolve(args[0])
				if err != nil {
					return err
				}
				b, err := be.Store().Export(id)
				if err != nil {
					return err
				}
				data, err := b.Encode()
				if err != nil {
					return err
				}
				return writeOutput(cmd, out, data, fmt.Sprintf("exported %s to %s", id, out))
			})
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE (created 0600, replaced atomically) instead of stdout")
	return cmd
}

func newImportCmd() *cobra.Command {
	var asNew bool
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Read an assessment bundle into the database, all or nothing",
		Long: `Import reads a bundle written by 'seam export' and stores it in one
transaction: everything or nothing. A truncated or inconsistent bundle, an
unknown bundle version, missing fields, unknown or duplicate question ids are
refused with the place named, and so are keys that appear twice, lists that
are null, ids that are not seam ids and a consensus history whose last entry
for a question is not its consensus (or cleared when it has none). A bundle
without a consensus history (from an older seam) starts it with its consensus. A checksum, when present, must match
the content (remove it to import a bundle edited by hand). Times may carry
any offset; they are stored in UTC. Importing a bundle whose assessment id is
already in the database is refused; --as-new imports it as a copy under a new id.

A follow-up's bundle names the assessment it follows up: import links the
two when that one is in the database and has no follow-up yet, and says so
on stderr when it could not (import the earlier assessment first). Bundles
of version 1, from older seams, import as before.`,
		Args: exactArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := files.Read(args[0], store.MaxBundleSize)
			if err != nil {
				return err
			}
			b, err := store.ReadBundle(args[0], data)
			if err != nil {
				return err
			}
			return withBackend(func(be *backend.Backend) error {
				id, err := be.Store().Import(b, store.ImportOptions{AsNew: asNew})
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "imported %s as %s\n", safetext.Line(args[0]), id)
				if prev := b.Assessment.Previous; prev != "" {
					chain, err := be.Store().Chain(id)
					if err != nil {
						return err
					}
					i := slices.IndexFunc(chain, func(l store.ChainLink) bool { return l.ID == id })
					if i < 1 || chain[i-1].ID != prev {
						fmt.Fprintln(cmd.ErrOrStderr(), lineText(fmt.Sprintf("note: %s follows up %s, which is not in this database or already has a follow-up: it is stored without the link (to keep the chain, delete %s, import %s's bundle, then this one again)", id, prev, id, prev)))
					}
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asNew, "as-new", false, "import under a new id when the bundle's id is already in the database")
	return cmd
}

// writeOutput writes data to stdout, or with -o to a file created 0600 and
// replaced atomically, and then says so on stderr.
func writeOutput(cmd *cobra.Command, out string, data []byte, done string) error {
	if out == "" || out == "-" {
		_, err := cmd.OutOrStdout().Write(data)
		return err
	}
	if err := files.Write(out, data); err != nil {
		return err
	}
	fmt.Fprintln(cmd.ErrOrStderr(), done)
	return nil
}
