//go:build !cgo

package store

// Without a C compiler Go builds with cgo off, and the SQLite driver is
// left out. seam still builds, so that the first thing a newcomer sees is
// this one line rather than a wall of compile errors.

func sqliteCode(error) (int, bool) { return 0, false }

func checkDriver() error { return ErrNoSQLite }
