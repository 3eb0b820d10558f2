package files

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// A file problem is one line a user can act on: the path, then the reason
// ("seam.db: permission denied"), without the operation words ("open",
// "stat") that Go's path errors put in between.

// Reason strips a *os.PathError, *os.LinkError or *os.SyscallError down to
// the error beneath it, so that errors.Is still matches os.ErrNotExist and
// friends but the message is only the reason.
func Reason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		return se.Err
	}
	return err
}

// At names the file a problem is about: "PATH: reason". A full disk says
// so in words ("the disk is full"), not as "no space left on device".
func At(path string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("%s: the disk is full (%w)", path, Reason(err))
	}
	return fmt.Errorf("%s: %w", path, Reason(err))
}
