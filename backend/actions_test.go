package backend

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/store"
)

func TestSetActionAdoptsOnFirstUseAndChangesAfter(t *testing.T) {
	b := open(t)
	a, err := b.Create(NewAssessment{Organization: "Acme", Workshop: true})
	require.NoError(t, err)
	_, _, err = b.AddParticipant(a.ID, store.Participant{Name: "Ann", Function: "business"})
	require.NoError(t, err)
	e, err := b.Answer(a.ID, "Ann", map[string]assessment.Answer{"m2.q1": lvl(2)})
	require.NoError(t, err)

	set, err := b.SetAction(e, "m2.q1", assessment.ActionUpdate{Owner: new("ann")})
	require.NoError(t, err)
	assert.True(t, set.Adopted)
	assert.Equal(t, "m2.q1.a1", set.Action.Action, "the plan's action for level 2")
	assert.Equal(t, "Ann", set.Owner, "written as the participant is named")
	assert.Equal(t, "Ann", set.Participant)
	assert.Equal(t, assessment.ActionNotStarted, set.Status)

	set, err = b.SetAction(e, "m2.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionInProgress), Owner: new("Head of Integration")})
	require.NoError(t, err)
	assert.False(t, set.Adopted)
	assert.True(t, set.Changed)
	assert.Equal(t, "Head of Integration", set.Owner)
	assert.Empty(t, set.Participant)

	set, err = b.SetAction(e, "m2.q1", assessment.ActionUpdate{Status: new(assessment.ActionInProgress)})
	require.NoError(t, err)
	assert.False(t, set.Changed, "already in progress")

	_, err = b.SetAction(e, "m2.q1", assessment.ActionUpdate{Status: new(assessment.ActionDropped)})
	assert.ErrorIs(t, err, assessment.ErrNeedsReason)
	_, err = b.SetAction(e, "m9.q9", assessment.ActionUpdate{})
	assert.ErrorIs(t, err, assessment.ErrUnknownAction)

	acts, err := b.Store().Actions(a.ID)
	require.NoError(t, err)
	require.Len(t, acts, 1)
	assert.Equal(t, assessment.ActionInProgress, acts[0].Status)

	// The question reaches its target: the plan no longer holds it, and its
	// name still names the action adopted for it.
	e, err = b.Answer(a.ID, "Ann", map[string]assessment.Answer{"m2.q1": lvl(4)})
	require.NoError(t, err)
	set, err = b.SetAction(e, "m2.q1", assessment.ActionUpdate{Status: new(assessment.ActionDone)})
	require.NoError(t, err)
	assert.Equal(t, "m2.q1.a1", set.Action.Action)
	assert.Equal(t, assessment.ActionDone, set.Status)
	reg, err := b.Register(e, "2027-01-01")
	require.NoError(t, err)
	require.Len(t, reg.Entries, 1)
	assert.True(t, reg.Entries[0].Met)
	_, err = b.SetAction(e, "m2.q2", assessment.ActionUpdate{})
	assert.ErrorContains(t, err, "m2.q2 is not in the plan", "a question with no action adopted is still refused")
}

func TestAFollowUpsRegisterReviewsThePreviousAssessmentsActions(t *testing.T) {
	b := open(t)
	a, err := b.Create(NewAssessment{Organization: "Acme"})
	require.NoError(t, err)
	e, err := b.Answer(a.ID, "", map[string]assessment.Answer{"m2.q1": lvl(2), "m2.q4": lvl(1), "m3.q1": lvl(2)})
	require.NoError(t, err)
	_, err = b.SetAction(e, "m2.q1", assessment.ActionUpdate{Status: new(assessment.ActionDone)})
	require.NoError(t, err)
	_, err = b.SetAction(e, "m2.q4", assessment.ActionUpdate{Status: new(assessment.ActionDone)})
	require.NoError(t, err)

	r, err := b.Reassess(a.ID[:4], store.ReassessOptions{})
	require.NoError(t, err)
	assert.Equal(t, 2, r.Actions, "they stay with the previous assessment")
	assert.Equal(t, a.ID, r.FollowUp.Previous)
	assert.Equal(t, a.ID, r.Previous.ID)

	next, err := b.Answer(r.FollowUp.ID, "", map[string]assessment.Answer{"m2.q1": lvl(2), "m2.q4": lvl(2), "m3.q1": lvl(3)})
	require.NoError(t, err)
	reg, err := b.Register(next, "2027-01-01")
	require.NoError(t, err)
	assert.Empty(t, reg.Entries, "a follow-up starts with no actions")
	assert.NotEmpty(t, reg.Unadopted)
	require.NotNil(t, reg.Previous)
	assert.Equal(t, a.ID, reg.Previous.ID)
	var got []string
	for _, rv := range reg.Review {
		got = append(got, string(rv.Kind)+" "+rv.Question)
	}
	assert.Equal(t, []string{"done-not-moved m2.q1", "done-moved m2.q4", "improved-without-action m3.q1"}, got)
	assert.Zero(t, reg.PreviousOpen, "both were done")

	// The previous assessment's own register has no review.
	reg, err = b.Register(r.Previous, "2027-01-01")
	require.NoError(t, err)
	assert.Nil(t, reg.Previous)
	assert.Len(t, reg.Entries, 2)

	_, err = b.Reassess(a.ID, store.ReassessOptions{})
	assert.ErrorIs(t, err, store.ErrFollowedUp)
}

// What a follow-up carried over is one sentence for every front end; the
// title counts as carried over when the follow-up kept it, whether or not
// it was typed again.
func TestCarriedOverSaysWhatTheFollowUpTookAndLeft(t *testing.T) {
	b := open(t)
	for _, tc := range []struct {
		title, see, carried, end string
	}{
		{"", "", "the organisation, title, scope, targets, capacity and the respondent", ")"},
		{"Q3 check", "seam actions X", "the organisation, title, scope, targets, capacity and the respondent", ": seam actions X)"},
		{"Q4 check", "", "the organisation, scope, targets, capacity and the respondent", ")"},
	} {
		a, err := b.Create(NewAssessment{Organization: "Acme", Title: "Q3 check"})
		require.NoError(t, err)
		e, err := b.Answer(a.ID, "", map[string]assessment.Answer{"m2.q1": lvl(2), "m2.q4": lvl(1)})
		require.NoError(t, err)
		_, err = b.SetAction(e, "m2.q1", assessment.ActionUpdate{})
		require.NoError(t, err)
		r, err := b.Reassess(a.ID, store.ReassessOptions{Title: tc.title})
		require.NoError(t, err)
		assert.Equal(t, "follow-up "+r.FollowUp.ID+" of "+a.ID+", on "+r.FollowUp.Instrument.ID+" "+r.FollowUp.Instrument.Version+": carried over "+tc.carried+
			"; not carried over: answers (2 questions answered), baseline figures (0) and actions (1, which stay with "+a.ID+tc.end, r.CarriedOver(tc.see), "title %q", tc.title)
	}
}
