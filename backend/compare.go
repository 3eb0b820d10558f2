package backend

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/report"
)

// Refusals of Compare.
var (
	ErrSameAssessment    = errors.New("both ids name the same assessment")
	ErrOtherOrganization = errors.New("only assessments of one organisation compare")
)

// Compared is two stored assessments of one organisation, evaluated, and
// what changed from the first (Before) to the second (After).
type Compared struct {
	Before, After *Evaluated
	Comparison    assessment.Comparison
}

// Compare loads the assessments two id prefixes name and compares them,
// before with after, in the order given. It refuses one assessment named
// twice and assessments of two organisations (named apart by more than
// case and spacing), saying which.
func (b *Backend) Compare(before, after string) (*Compared, error) {
	was, err := b.Open(before)
	if err != nil {
		return nil, err
	}
	now, err := b.Open(after)
	if err != nil {
		return nil, err
	}
	if err := comparable(was, now); err != nil {
		return nil, err
	}
	return &Compared{Before: was, After: now, Comparison: assessment.Compare(was.Evaluation, now.Evaluation)}, nil
}

// comparable refuses one assessment compared with itself, and two of
// different organisations.
func comparable(was, now *Evaluated) error {
	if was.ID == now.ID {
		return fmt.Errorf("%w, %s: compare it with another assessment of %q", ErrSameAssessment, was.ID, was.Organization)
	}
	if !sameOrganization(was.Organization, now.Organization) {
		return fmt.Errorf("%w: %s is of %q, %s of %q", ErrOtherOrganization, was.ID, was.Organization, now.ID, now.Organization)
	}
	return nil
}

// sameOrganization reports whether two names are one organisation's:
// "Acme  Logistics" and "acme logistics" are.
func sameOrganization(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// Report is the later assessment's report with a part on what changed
// since the earlier one.
func (c *Compared) Report() report.Input {
	in := c.After.Report()
	in.Previous = previous(c.Before, c.Comparison)
	return in
}

// WithCapacity is the comparison with the later assessment's plan built
// for another capacity; the comparison does not depend on it.
func (c *Compared) WithCapacity(capacity int) *Compared {
	out := *c
	out.After = c.After.WithCapacity(capacity)
	return &out
}
