package store

import (
	"errors"
	"fmt"
	"os"

	"github.com/seam-dev/seam/fileerr"
)

// Backup writes a consistent copy of the whole database to dest (created
// 0600) while other processes may be reading and writing it. dest must not
// exist yet.
func (s *Store) Backup(dest string) error {
	f, err := os.OpenFile(dest, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s: already exists; choose a new file name", dest)
	}
	if err != nil {
		return fileerr.At(dest, err)
	}
	f.Close()
	// VACUUM INTO reads one snapshot of the database and writes a compact
	// copy; the empty file made above fixes its permissions.
	if _, err := s.db.Exec("VACUUM INTO ?", dest); err != nil {
		os.Remove(dest)
		return describe(s.path, err)
	}
	return nil
}
