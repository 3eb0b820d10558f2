package store

import (
	"database/sql"
	"embed"
	"fmt"
	"path"
	"slices"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations holds the schema steps in order; step i brings the schema from
// version i to i+1. Never edit a released step: add a new one.
var migrations = loadMigrations()

func loadMigrations() []string {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		panic(err) // embedded at build time: cannot fail at run time
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	out := make([]string, len(names))
	for i, n := range names {
		body, err := migrationFS.ReadFile(path.Join("migrations", n))
		if err != nil {
			panic(err)
		}
		out[i] = string(body)
	}
	return out
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations) }

// migrate applies the missing steps, each in its own immediate transaction
// that also records the new version, so a crash leaves the database at one
// version or the next, never in between. Several processes may race here:
// the version is read again inside each transaction.
func (s *Store) migrate() error {
	for {
		done, err := s.migrateOne()
		if err != nil || done {
			return err
		}
	}
}

func (s *Store) migrateOne() (done bool, err error) {
	var version int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return false, err
	}
	if version >= len(migrations) {
		if version > len(migrations) {
			return false, fmt.Errorf("%w: its schema is version %d, this seam knows up to version %d; upgrade seam to open it",
				ErrNewerSchema, version, len(migrations))
		}
		return true, nil
	}
	err = s.write(func(tx *sql.Tx) error {
		if err := tx.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
			return err
		}
		if version >= len(migrations) { // another process got there first
			return nil
		}
		if _, err := tx.Exec(migrations[version]); err != nil {
			return fmt.Errorf("schema step %d: %w", version+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", version+1, appID)); err != nil {
			return err
		}
		return nil
	})
	return false, err
}
