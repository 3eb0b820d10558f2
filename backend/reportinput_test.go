package backend

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/store"
)

// followUp stores an assessment of Acme answered m1.q1 = 1 and its
// follow-up answered m1.q1 = 3, and returns both ids.
func followUp(t *testing.T, b *Backend) (first, second string) {
	t.Helper()
	a, err := b.Create(NewAssessment{Organization: "Acme"})
	require.NoError(t, err)
	_, err = b.Answer(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(1)})
	require.NoError(t, err)
	next, err := b.Store().Reassess(a.ID, store.ReassessOptions{})
	require.NoError(t, err)
	_, err = b.Answer(next.ID, "", map[string]assessment.Answer{"m1.q1": lvl(3)})
	require.NoError(t, err)
	return a.ID, next.ID
}

func TestAFollowUpsReportComparesWithThePreviousAssessment(t *testing.T) {
	b := open(t)
	first, second := followUp(t, b)
	e, err := b.Load(second)
	require.NoError(t, err)

	in, err := b.Report(e, ReportOptions{})
	require.NoError(t, err)
	require.NotNil(t, in.Previous, "a follow-up compares with the assessment it follows up, unasked")
	assert.Equal(t, first, in.Previous.ID)
	assert.Equal(t, 1, in.Previous.Comparison.Moves.Up)
	assert.Nil(t, in.Register, "nothing adopted, no register")

	in, err = b.Report(e, ReportOptions{CompareWith: NoComparison})
	require.NoError(t, err)
	assert.Nil(t, in.Previous, "none asked")

	other, err := b.Create(NewAssessment{Organization: "ACME"})
	require.NoError(t, err)
	in, err = b.Report(e, ReportOptions{CompareWith: other.ID[:4]})
	require.NoError(t, err)
	require.NotNil(t, in.Previous)
	assert.Equal(t, other.ID, in.Previous.ID, "an id named wins over the chain")

	globex, err := b.Create(NewAssessment{Organization: "Globex"})
	require.NoError(t, err)
	_, err = b.Report(e, ReportOptions{CompareWith: globex.ID})
	assert.ErrorIs(t, err, ErrOtherOrganization)
	_, err = b.Report(e, ReportOptions{CompareWith: second})
	assert.ErrorIs(t, err, ErrSameAssessment)
	_, err = b.Report(e, ReportOptions{CompareWith: "zzzzzz"})
	assert.ErrorIs(t, err, store.ErrNotFound)

	// The first of a chain has nothing before it.
	e, err = b.Load(first)
	require.NoError(t, err)
	in, err = b.Report(e, ReportOptions{})
	require.NoError(t, err)
	assert.Nil(t, in.Previous)

	// A previous assessment deleted since: the follow-up loses its link
	// and its report compares with nothing.
	require.NoError(t, b.Store().Delete(first))
	e, err = b.Load(second)
	require.NoError(t, err)
	in, err = b.Report(e, ReportOptions{})
	require.NoError(t, err)
	assert.Nil(t, in.Previous)
}

func TestTheReportCarriesTheActionRegister(t *testing.T) {
	b := open(t)
	a, err := b.Create(NewAssessment{Organization: "Acme"})
	require.NoError(t, err)
	e, err := b.Answer(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(1), "m1.q2": lvl(2)})
	require.NoError(t, err)
	due, owner := assessment.Date("2026-03-31"), "Jo Smith"
	for _, q := range []string{"m1.q1", "m1.q2"} {
		question, action, err := assessment.ItemKey(e.Instrument, e.Evaluation.Plan, q)
		require.NoError(t, err)
		_, err = b.Store().AdoptAction(a.ID, question, action, assessment.ActionUpdate{Owner: &owner, Due: &due})
		require.NoError(t, err)
	}
	e, err = b.Load(a.ID)
	require.NoError(t, err)

	in, err := b.Report(e, ReportOptions{Today: time.Date(2026, 4, 2, 12, 0, 0, 0, time.Local)})
	require.NoError(t, err)
	require.NotNil(t, in.Register)
	assert.Equal(t, assessment.Date("2026-04-02"), in.Register.Today)
	require.Len(t, in.Register.Actions, 2)
	assert.Equal(t, assessment.Adopted{Question: "m1.q1", Action: in.Register.Actions[0].Action,
		ActionState: assessment.ActionState{Owner: "Jo Smith", Due: "2026-03-31", Status: assessment.ActionNotStarted}}, in.Register.Actions[0])
	var md bytes.Buffer
	require.NoError(t, report.Markdown(&md, in))
	assert.Contains(t, md.String(), "**Overdue:** 2 actions are overdue")

	in, err = b.Report(e, ReportOptions{})
	require.NoError(t, err)
	assert.Equal(t, assessment.DateOf(time.Now()), in.Register.Today, "today where seam runs")
}
