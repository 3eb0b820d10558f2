package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/store"
)

// checkCapacity refuses a --capacity outside 1 to store.MaxCapacity.
func checkCapacity(n int) error {
	if n < 1 || n > store.MaxCapacity {
		return usagef("--capacity must be from 1 to %d effort points, not %d", store.MaxCapacity, n)
	}
	return nil
}

// capacityFlag is the --capacity of the commands that show a plan: the
// effort points per horizon for this run only, 0 when not given.
type capacityFlag int

func (c *capacityFlag) register(cmd *cobra.Command) {
	cmd.Flags().IntVar((*int)(c), "capacity", 0, fmt.Sprintf(
		"effort points each horizon of the plan holds for this run, 1-%d (default: the assessment's own, else %d)", store.MaxCapacity, assessment.DefaultCapacity))
}

// check refuses a --capacity given outside its range.
func (c capacityFlag) check(cmd *cobra.Command) error {
	if !cmd.Flags().Changed("capacity") {
		return nil
	}
	return checkCapacity(int(c))
}

// withCapacity is withAssessment with the plan built for the --capacity
// given, if any.
func withCapacity(prefix string, c capacityFlag, fn func(b *backend.Backend, e *backend.Evaluated) error) error {
	return withAssessment(prefix, func(b *backend.Backend, e *backend.Evaluated) error {
		return fn(b, e.WithCapacity(int(c)))
	})
}
