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
	// Unlinked is the previous assessment the bundle names when the
	// assessment was stored without the link: that one is not in the
	// database (nor in this import), or already has a follow-up. Import
	// the previous one first to keep the chain.
	Unlinked string
}

// ImportAll stores several bundles in one transaction: all of them or
// none, so a failure half-way (a full disk) leaves the database as it
// was. A bundle whose assessment id is already stored is left out and
// reported as Existed, unless opts.AsNew imports it under a fresh id; any
// other failure stores nothing. The results are in the bundles' order.
// Follow-ups are linked once every bundle is in, so the order of the
// bundles does not matter to the chain; a chain imported as a copy
// (AsNew) links its copies.
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
		links, at, stored := []link{}, []int{}, map[string]string{}
		for i, b := range bundles {
			id, err := s.importBundle(tx, b, opts)
			switch {
			case errors.Is(err, ErrExists):
				out = append(out, Imported{ID: b.Assessment.ID, Existed: true})
			case err != nil:
				return err
			default:
				out = append(out, Imported{ID: id})
				links, at = append(links, link{id, b.Assessment.Previous}), append(at, i)
				stored[b.Assessment.ID] = id
			}
		}
		unlinked, err := linkImported(tx, links, stored)
		for j, previous := range unlinked {
			out[at[j]].Unlinked = previous
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
