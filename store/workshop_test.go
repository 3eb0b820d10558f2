package store

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

func newWorkshop(t testing.TB, s *Store) string {
	t.Helper()
	a, err := s.Create(NewAssessment{Organization: "Acme", Title: "Workshop", Kind: Workshop, Instrument: defaultInstrument(t)})
	require.NoError(t, err)
	for _, p := range []Participant{{Name: "Ann", Role: "COO", Function: "business"}, {Name: "Bo", Role: "CIO", Function: "it"}, {Name: "Cy", Role: "CDO", Function: "data"}} {
		_, err := s.AddParticipant(a.ID, p)
		require.NoError(t, err)
	}
	return a.ID
}

func TestWorkshopParticipantsAnswerApart(t *testing.T) {
	s := open(t)
	id := newWorkshop(t, s)
	_, err := s.AddParticipant(id, Participant{Name: "Ann", Function: "it"})
	assert.ErrorIs(t, err, ErrParticipantExists)
	_, err = s.AddParticipant(id, Participant{Name: "Di", Function: "finance"})
	assert.ErrorContains(t, err, "function must be one of business, it, data, security, other")
	self := newSelf(t, s, "Solo")
	_, err = s.AddParticipant(self.ID, Participant{Name: "Ed", Function: "it"})
	assert.ErrorContains(t, err, "is a self-assessment")

	require.NoError(t, saved(s.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": lvl(1), "m1.q2": lvl(2)})))
	require.NoError(t, saved(s.SaveAnswers(id, "Bo", map[string]assessment.Answer{"m1.q1": lvl(4), "m1.q2": lvl(2)})))
	require.NoError(t, saved(s.SaveAnswers(id, "Cy", map[string]assessment.Answer{"m1.q1": lvl(3), "m1.q2": {Kind: assessment.DontKnow}})))
	assert.ErrorIs(t, saved(s.SaveAnswers(id, "", map[string]assessment.Answer{"m1.q1": lvl(3)})), ErrWhoAnswers)

	l, err := s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, lvl(1), l.AnswersOf("Ann")["m1.q1"], "each participant's answer is kept apart")
	assert.Equal(t, lvl(4), l.AnswersOf("Bo")["m1.q1"])
	ev := assessment.Evaluate(l.Responses())
	require.NotNil(t, ev.Agreement, "a workshop is evaluated as a room")
	q1, _ := ev.Scorecard.Question("m1.q1")
	q2, _ := ev.Scorecard.Question("m1.q2")
	assert.Equal(t, 3, q1.Level, "the median of 1, 3, 4")
	assert.Equal(t, 2, q2.Level, "don't know stays out of the median")
	assert.Equal(t, 1.0, q2.Confidence)
	assert.Equal(t, 0.5, q1.Confidence, "1, 3, 4: s² = 2.33, rwg floored")

	require.NoError(t, s.SaveConsensus(id, "m1.q1", assessment.Answer{Kind: assessment.Level, Level: 2, Note: "agreed"}))
	l, err = s.Load(id)
	require.NoError(t, err)
	ev = assessment.Evaluate(l.Responses())
	q1, _ = ev.Scorecard.Question("m1.q1")
	assert.Equal(t, 2, q1.Level, "the consensus is scored")
	assert.Equal(t, lvl(1), l.AnswersOf("Ann")["m1.q1"], "the votes stay as they were")
	list, err := s.List()
	require.NoError(t, err)
	for _, sm := range list {
		if sm.ID == id {
			assert.Equal(t, assessment.OverallIndex(l.Responses()), sm.Overall, "the list scores the room as the scorecard does")
		}
	}
	assert.ErrorContains(t, s.SaveConsensus(self.ID, "m1.q1", lvl(3)), "not a workshop")
	assert.ErrorContains(t, s.SaveConsensus(id, "m9.q1", lvl(3)), "unknown question id")

	require.NoError(t, s.Reveal(id))
	l, err = s.Load(id)
	require.NoError(t, err)
	assert.NotNil(t, l.RevealedAt)
}

func TestWorkshopBundleCarriesVotesAndConsensus(t *testing.T) {
	s := open(t)
	id := newWorkshop(t, s)
	require.NoError(t, saved(s.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": lvl(1)})))
	require.NoError(t, saved(s.SaveAnswers(id, "Bo", map[string]assessment.Answer{"m1.q1": lvl(5)})))
	require.NoError(t, s.SaveConsensus(id, "m1.q1", lvl(3)))
	b, err := s.Export(id)
	require.NoError(t, err)
	data, err := json.Marshal(b)
	require.NoError(t, err)
	back, err := ReadBundle("w.json", data)
	require.NoError(t, err)
	dst := open(t)
	_, err = dst.Import(back, ImportOptions{})
	require.NoError(t, err)
	l, err := dst.Load(id)
	require.NoError(t, err)
	assert.Len(t, l.Participants, 3)
	assert.Equal(t, lvl(5), l.AnswersOf("Bo")["m1.q1"])
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": lvl(3)}, l.Consensus)
}

func TestCurrentReadsAgainOnlyAfterAChange(t *testing.T) {
	s := open(t)
	id := newWorkshop(t, s)
	first, err := s.Current(id)
	require.NoError(t, err)
	again, err := s.Current(id)
	require.NoError(t, err)
	assert.Same(t, first, again, "nothing changed: the snapshot")
	saved, err := s.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": lvl(2)})
	require.NoError(t, err)
	now, err := s.Current(id)
	require.NoError(t, err)
	assert.Same(t, saved, now, "the store's own save is current")
	assert.Equal(t, lvl(2), now.AnswersOf("Ann")["m1.q1"])

	other, err := Open(s.path) // another process adds someone
	require.NoError(t, err)
	defer other.Close()
	_, err = other.AddParticipant(id, Participant{Name: "Di", Function: "it"})
	require.NoError(t, err)
	now, err = s.Current(id)
	require.NoError(t, err)
	_, err = now.Participant("Di")
	assert.NoError(t, err, "a change made elsewhere is read")
	_, err = s.Current("nope")
	assert.ErrorIs(t, err, ErrNotFound)
}

// TestConsensusHistoryKeepsEveryChange: recording, changing and clearing a
// consensus each leave a row in its history; the consensus shown is the
// last one, and clearing scores the question from the votes again.
func TestConsensusHistoryKeepsEveryChange(t *testing.T) {
	s := open(t)
	w := newWorkshop(t, s)
	two := assessment.Answer{Kind: assessment.Level, Level: 2, Note: "steering group without business"}
	na := assessment.Answer{Kind: assessment.NotApplicable, Reason: "no mandates here", Note: "agreed"}
	require.NoError(t, s.SaveConsensus(w, "m1.q1", two))
	require.NoError(t, s.SaveConsensus(w, "m1.q1", assessment.Answer{Kind: assessment.Level, Level: 3}))
	require.NoError(t, s.SaveConsensus(w, "m4.q5", na))
	require.NoError(t, s.ClearConsensus(w, "m1.q1"))

	l, err := s.Load(w)
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.Answer{"m4.q5": na}, l.Consensus)
	h, err := s.ConsensusHistory(w)
	require.NoError(t, err)
	require.Len(t, h, 4)
	assert.Equal(t, []string{"m1.q1", "m1.q1", "m4.q5", "m1.q1"}, []string{h[0].Question, h[1].Question, h[2].Question, h[3].Question})
	assert.Equal(t, two, h[0].Answer, "what was replaced is kept")
	assert.Equal(t, 3, h[1].Answer.Level)
	assert.Equal(t, na, h[2].Answer)
	assert.True(t, h[3].Cleared)
	assert.False(t, h[3].At.IsZero())

	err = s.ClearConsensus(w, "m1.q1")
	require.ErrorIs(t, err, ErrNotFound, "nothing left to clear")
	h, err = s.ConsensusHistory(w)
	require.NoError(t, err)
	assert.Len(t, h, 4, "a refused clear writes nothing")
}
