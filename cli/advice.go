package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/seam-dev/seam/store"
)

// advise adds what to do on the command line to a refusal of the store,
// which says only what is wrong: the flags and commands are the command
// line's to name.
func advise(err error) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("%w (see seam list)", err)
	case errors.Is(err, store.ErrExists):
		return fmt.Errorf("%w; use --as-new to import a copy under a new id", err)
	case errors.Is(err, store.ErrWhoAnswers):
		return fmt.Errorf("%w with --participant NAME", err)
	case errors.Is(err, store.ErrNotWorkshop):
		return fmt.Errorf("%w; create a workshop with seam new --workshop", err)
	case errors.Is(err, store.ErrInvalidData):
		return fmt.Errorf("%w; restore a backup or fix it with seam doctor", err)
	}
	return err
}

// invokedAs is how the user ran seam, for the commands advice shows: "go
// run ." when the binary is one go run built in a temporary directory (a
// newcomer may not have seam on PATH yet), else "seam".
func invokedAs() string {
	exe, err := os.Executable()
	if err != nil {
		return "seam"
	}
	return commandFor(exe, os.TempDir())
}

// commandFor is invokedAs for an executable path and a temporary directory.
func commandFor(exe, tmp string) string {
	rel, err := filepath.Rel(tmp, exe)
	if err == nil && strings.HasPrefix(rel, "go-build") && filepath.Base(filepath.Dir(exe)) == "exe" {
		return "go run ."
	}
	return "seam"
}
