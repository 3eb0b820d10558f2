package backend

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/store"
)

func TestCompareTwoAssessmentsOfOneOrganisation(t *testing.T) {
	b := open(t)
	first, err := b.Create(NewAssessment{Organization: "Acme  Logistics"})
	require.NoError(t, err)
	second, err := b.Create(NewAssessment{Organization: "acme logistics"})
	require.NoError(t, err)
	_, err = b.Answer(first.ID, "", map[string]assessment.Answer{"m1.q1": lvl(1)})
	require.NoError(t, err)
	_, err = b.Answer(second.ID, "", map[string]assessment.Answer{"m1.q1": lvl(3)})
	require.NoError(t, err)

	c, err := b.Compare(first.ID[:4], second.ID)
	require.NoError(t, err, "the same organisation, whatever the case and spacing of its name")
	assert.Equal(t, first.ID, c.Before.ID)
	assert.Equal(t, second.ID, c.After.ID)
	assert.Equal(t, 1, c.Comparison.Moves.Up)
	in := c.Report()
	require.NotNil(t, in.Previous)
	assert.Equal(t, first.ID, in.Previous.ID)
	assert.Equal(t, second.ID, in.ID, "the report is the later assessment's")
	assert.Equal(t, 7, c.WithCapacity(7).After.Evaluation.Plan.Capacity, "a capacity for one run builds the later plan")
}

func TestCompareRefusesWhatDoesNotCompare(t *testing.T) {
	b := open(t)
	acme, err := b.Create(NewAssessment{Organization: "Acme"})
	require.NoError(t, err)
	globex, err := b.Create(NewAssessment{Organization: "Globex"})
	require.NoError(t, err)

	_, err = b.Compare(acme.ID, globex.ID)
	assert.ErrorIs(t, err, ErrOtherOrganization)
	assert.EqualError(t, err, "only assessments of one organisation compare: "+acme.ID+` is of "Acme", `+globex.ID+` of "Globex"`)

	_, err = b.Compare(acme.ID, acme.ID[:3])
	assert.ErrorIs(t, err, ErrSameAssessment)
	assert.EqualError(t, err, "both ids name the same assessment, "+acme.ID+`: compare it with another assessment of "Acme"`)

	_, err = b.Compare(acme.ID, "zzzzzz")
	assert.ErrorIs(t, err, store.ErrNotFound)
}
