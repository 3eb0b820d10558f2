package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// TestSaveManyCommitsSeveralParticipantsAtOnce: answers of several
// participants reach the disk in one commit (one revision); a save that is
// refused is named and changes nothing, and the others are saved.
func TestSaveManyCommitsSeveralParticipantsAtOnce(t *testing.T) {
	s := open(t)
	id := newWorkshop(t, s)
	before, err := s.Load(id)
	require.NoError(t, err)

	l, refused, err := s.SaveMany(id, []Save{
		{Participant: "Ann", Answers: map[string]assessment.Answer{"m1.q1": lvl(2)}},
		{Participant: "Nobody", Answers: map[string]assessment.Answer{"m1.q1": lvl(5)}},
		{Participant: "Bo", Answers: map[string]assessment.Answer{"m1.q1": lvl(4), "m1.q2": {Kind: assessment.DontKnow}}},
		{Participant: "Cy", Answers: map[string]assessment.Answer{"m9.q9": lvl(3)}},
		{Participant: "Cy", Answers: map[string]assessment.Answer{"m1.q1": lvl(3), "m1.q2": lvl(9)}},
	})
	require.NoError(t, err)
	require.Len(t, refused, 5)
	assert.NoError(t, refused[0])
	assert.ErrorContains(t, refused[1], `no participant named "Nobody"`)
	assert.NoError(t, refused[2])
	assert.ErrorContains(t, refused[3], `unknown question id "m9.q9"`)
	assert.ErrorContains(t, refused[4], "m1.q2", "a refused save names the answer")
	assert.Equal(t, before.Revision()+1, l.Revision(), "one commit for all")

	again, err := Open(s.path) // what is on disk
	require.NoError(t, err)
	defer again.Close()
	disk, err := again.Load(id)
	require.NoError(t, err)
	assert.Equal(t, lvl(2), disk.AnswersOf("Ann")["m1.q1"])
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": lvl(4), "m1.q2": {Kind: assessment.DontKnow}}, disk.AnswersOf("Bo"))
	assert.Empty(t, disk.AnswersOf("Cy"), "Cy's saves were both refused: nothing of them is kept")
	assert.Equal(t, l.Revision(), disk.Revision())
	assert.Equal(t, 2, disk.AnsweredQuestions(), "the list's summary counts the batch")
}

// TestSaveManyKeepsTheLaterOfTwoAnswersToOneQuestion: a participant who
// changes an answer before the commit has the later one saved, and the
// history keeps one row for that revision.
func TestSaveManyKeepsTheLaterOfTwoAnswersToOneQuestion(t *testing.T) {
	s := open(t)
	id := newWorkshop(t, s)
	_, refused, err := s.SaveMany(id, []Save{
		{Participant: "Ann", Answers: map[string]assessment.Answer{"m1.q1": lvl(2)}},
		{Participant: "Ann", Answers: map[string]assessment.Answer{"m1.q1": lvl(4)}},
	})
	require.NoError(t, err)
	assert.Equal(t, []error{nil, nil}, refused)
	l, err := s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, lvl(4), l.AnswersOf("Ann")["m1.q1"])
	h, err := s.History(id)
	require.NoError(t, err)
	require.Len(t, h, 1)
	assert.Equal(t, lvl(4), h[0].Answer)
}

// TestSaveManyWithEverySaveRefusedChangesNothing: the revision stays, so
// no screen reads the assessment again for nothing.
func TestSaveManyWithEverySaveRefusedChangesNothing(t *testing.T) {
	s := open(t)
	id := newWorkshop(t, s)
	before, err := s.Load(id)
	require.NoError(t, err)
	_, refused, err := s.SaveMany(id, []Save{{Participant: "Nobody", Answers: map[string]assessment.Answer{"m1.q1": lvl(1)}}})
	require.NoError(t, err)
	assert.Error(t, refused[0])
	after, err := s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, before.Revision(), after.Revision())
}

// TestAnOlderReadDoesNotReplaceTheSnapshot: a whole read that began before
// a save committed finishes after it; the save's state stays current, so
// the next save needs no whole read.
func TestAnOlderReadDoesNotReplaceTheSnapshot(t *testing.T) {
	s := open(t)
	id := newWorkshop(t, s)
	old, err := s.Load(id)
	require.NoError(t, err)
	newer, err := s.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": lvl(2)})
	require.NoError(t, err)
	s.keep(old) // the older read lands last
	now, err := s.Current(id)
	require.NoError(t, err)
	assert.Same(t, newer, now)
}

// TestAnsweredAtIsWhenTheAnswersWereGiven: adopting an action moves
// UpdatedAt, not the date a comparison gives the assessment.
func TestAnsweredAtIsWhenTheAnswersWereGiven(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	l, err := s.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, l.CreatedAt, l.AnsweredAt(), "nothing answered: when it was made")
	answered, err := s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(2)})
	require.NoError(t, err)
	at := answered.AnsweredAt()
	assert.True(t, at.After(l.CreatedAt))
	_, err = s.AdoptAction(a.ID, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{})
	require.NoError(t, err)
	after, err := s.Load(a.ID)
	require.NoError(t, err)
	assert.True(t, after.UpdatedAt.After(at), "adopting an action changes the assessment")
	assert.Equal(t, at, after.AnsweredAt(), "but not when it was answered")
}
