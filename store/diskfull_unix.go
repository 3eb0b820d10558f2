//go:build unix

package store

import (
	"path/filepath"
	"syscall"
)

// diskFull reports whether the file system that holds path has no room
// left. SQLite reports a full disk met while opening a database (creating
// its -wal and -shm files) as a plain I/O error; this tells the two apart.
// A variable, so tests can fill a disk without one.
var diskFull = func(path string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		return false
	}
	return uint64(st.Bavail)*uint64(st.Bsize) < 64<<10 // less than the -shm file needs
}
