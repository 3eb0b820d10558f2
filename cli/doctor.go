package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
)

func newDoctorCmd() *cobra.Command {
	var fix bool
	cmd := &cobra.Command{
		Use:   "doctor [--fix]",
		Short: "Check the database: integrity, schema, rows seam cannot use, files left behind",
		Long: `Doctor checks the database: SQLite's integrity check, the schema version,
every row seam reads (a database edited by hand or damaged can hold a level
of 9, a question the instrument lacks, a time that is not one), and files
that killed seams left beside it (unfinished backups). It exits 1 when it
finds something.

It also checks that each question's consensus history ends with the
consensus recorded (or with cleared when there is none), the action
register's entries (an action the instrument lacks, a status, a reason, a
due date), and that a follow-up's link names an assessment in the database
and does not loop back to it.

With --fix it first backs the database up beside itself, then moves the
invalid answers, consensus, consensus history entries, targets, baseline
figures and action entries to the table quarantine (as JSON, with the
reason) in one transaction, clears a follow-up's link that names no
assessment or loops (one link per loop; the link is kept in the
quarantine, the follow-up keeps its data), adds to a consensus history the
entry that makes it end with its consensus again (a copy of it, or cleared
when the consensus was moved), and removes unfinished backups. An
assessment, participant or instrument seam cannot read is listed, not
moved: restore a backup for those.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withExistingBackend(func(b *backend.Backend) error {
				c, err := b.Store().Doctor(cmd.Context(), fix)
				if err != nil {
					return err
				}
				printCheckup(cmd.OutOrStdout(), b.Store().Path(), c, fix)
				if remaining(c, fix) {
					return errReported
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&fix, "fix", false, "back up, then move the invalid rows to quarantine and remove unfinished backups")
	return cmd
}

// remaining reports problems a fix did not (or could not) remove.
func remaining(c *store.Checkup, fix bool) bool {
	if !fix {
		return !c.Healthy()
	}
	if len(c.Integrity) > 0 {
		return true
	}
	for _, r := range c.Invalid {
		if !r.Movable {
			return true
		}
	}
	return false
}

func printCheckup(w io.Writer, path string, c *store.Checkup, fix bool) {
	line := func(format string, args ...any) { fmt.Fprintln(w, safetext.Line(fmt.Sprintf(format, args...))) }
	line("Database %s", path)
	if len(c.Integrity) == 0 {
		line("  integrity: ok")
	} else {
		line("  integrity: %d problem(s); restore a backup (seam backup makes one)", len(c.Integrity))
		for _, p := range c.Integrity {
			line("    %s", p)
		}
	}
	line("  schema: version %d (this seam's is %d)", c.Schema, store.SchemaVersion())
	if len(c.Invalid) == 0 {
		line("  rows: all usable")
	} else {
		line("  rows seam cannot use: %d", len(c.Invalid))
		for _, r := range c.Invalid {
			line("    %s %s: %s", r.Table, r.Where, r.Problem)
		}
	}
	if len(c.Orphans) == 0 {
		line("  left behind: nothing")
	} else {
		line("  left behind: %d", len(c.Orphans))
		for _, o := range c.Orphans {
			line("    %s: %s", o.Path, o.What)
		}
	}
	switch {
	case c.Healthy():
		line("Nothing to fix.")
	case !fix:
		line("Run seam doctor --fix to back up, move the invalid rows to the table quarantine, clear the follow-up links that name no assessment or loop, and remove unfinished backups.")
	default:
		if c.Backup != "" {
			line("Backed up to %s first.", c.Backup)
		}
		line("Moved %d row(s) to the table quarantine; removed %d file(s) left behind.", c.Moved, len(c.Removed))
		if c.Unlinked > 0 {
			line("Cleared %d follow-up link(s) that named no assessment or looped (each kept in the table quarantine; the follow-ups keep their data).", c.Unlinked)
		}
		if c.Added > 0 {
			line("Added %d entry(ies) to consensus histories, so that each ends with its consensus (or cleared).", c.Added)
		}
	}
}
