package files

import (
	"os"
	"path/filepath"
)

// Write writes data to a temporary file beside path (mode 0600), syncs it
// and renames it over path, so that readers see the old content or the
// new, never half of it. path must be a regular file or new (CheckOutput).
func Write(path string, data []byte) error {
	if err := CheckOutput(path); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return At(path, err)
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
		return At(path, err)
	}
	return nil
}
