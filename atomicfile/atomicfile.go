// Package atomicfile writes files so that readers see the old content or
// the new, never half of it, and only the owner can read them.
package atomicfile

import (
	"os"
	"path/filepath"

	"github.com/seam-dev/seam/fileerr"
)

// Write writes data to a temporary file beside path (mode 0600), syncs it
// and renames it over path. Errors name path.
func Write(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fileerr.At(path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err = tmp.Chmod(0o600); err == nil {
		if _, err = tmp.Write(data); err == nil {
			err = tmp.Sync()
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fileerr.At(path, err)
	}
	return nil
}
