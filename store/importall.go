package store

import (
	"database/sql"
	"errors"
)

// Imported says what ImportAll did with one bundle.
type Imported struct {
	// ID is the assessment's id in the database: the bundle's own, or a
	// fresh one under ImportOptions.AsNew.
	ID string
	// Existed is set when the bundle's id was already stored and the
	// bundle was left out (without AsNew).
	Existed bool
}

// ImportAll stores several bundles in one transaction: all of them or
// none, so a failure half-way (a full disk) leaves the database as it
// was. A bundle whose assessment id is already stored is left out and
// reported as Existed, unless opts.AsNew imports it under a fresh id; any
// other failure stores nothing. The results are in the bundles' order.
func (s *Store) ImportAll(bundles []*Bundle, opts ImportOptions) ([]Imported, error) {
	for _, b := range bundles {
		if b.instrument == nil {
			if err := b.check(); err != nil {
				return nil, err
			}
		}
	}
	var out []Imported
	err := s.write(func(tx *sql.Tx) error {
		out = out[:0]
		for _, b := range bundles {
			id, err := s.importBundle(tx, b, opts)
			switch {
			case errors.Is(err, ErrExists):
				out = append(out, Imported{ID: b.Assessment.ID, Existed: true})
			case err != nil:
				return err
			default:
				out = append(out, Imported{ID: id})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
