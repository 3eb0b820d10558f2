//go:build cgo

package store

import (
	"errors"

	"github.com/mattn/go-sqlite3"
)

// sqliteCode is the primary SQLite result code of a driver error.
func sqliteCode(err error) (int, bool) {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return 0, false
	}
	return int(se.Code), true
}

// checkDriver reports whether this build can open a database: with cgo it
// always can.
func checkDriver() error { return nil }
