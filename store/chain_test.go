package store

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// TestAFollowUpMeasuresTheSameOrganisationAgain: a self-assessment on the
// older built-in instrument, answered, is followed up on the newest one,
// with its people, targets and capacity and nothing answered.
func TestAFollowUpMeasuresTheSameOrganisationAgain(t *testing.T) {
	s := open(t)
	legacy, err := questionnaire.Load("../questionnaire/testdata/default-1.0.1.yaml")
	require.NoError(t, err)
	old, err := s.Create(NewAssessment{Organization: "Acme", Title: "Q1 2027", Scope: "Group IT", Kind: Self, Instrument: legacy, Capacity: 9,
		Targets: map[string]int{"m1": 4, "m6": 5}, Respondent: Participant{Name: "Jo", Function: "it"}})
	require.NoError(t, err)
	require.NoError(t, saved(s.SaveAnswers(old.ID, "", map[string]assessment.Answer{"m1.q1": lvl(2)})))
	prev, err := s.Load(old.ID)
	require.NoError(t, err)
	before := prev.Revision()

	next, err := s.Reassess(old.ID, ReassessOptions{})
	require.NoError(t, err)
	assert.Equal(t, old.ID, next.Previous)
	l, err := s.Load(next.ID)
	require.NoError(t, err)
	assert.Equal(t, defaultInstrument(t).Hash(), l.Instrument.Hash(), "the newest instrument: the built-in 1.1")
	assert.Equal(t, "1.0.1", prev.Instrument.Version)
	assert.Equal(t, old.ID, l.Previous)
	assert.Equal(t, [2]string{"Acme", "Group IT"}, [2]string{l.Organization, l.Scope})
	assert.Equal(t, prev.Title, l.Title, "the same title: the chain tells them apart")
	assert.Equal(t, map[string]int{"m1": 4, "m6": 5}, l.Targets)
	assert.Equal(t, 9, l.Capacity)
	assert.Equal(t, Self, l.Kind)
	assert.Equal(t, InProgress, l.Status)
	require.Len(t, l.Participants, 1)
	assert.Equal(t, [3]string{"Jo", "", "it"}, [3]string{l.Participants[0].Name, l.Participants[0].Role, l.Participants[0].Function})
	assert.Empty(t, l.Answers, "measured anew")
	assert.Empty(t, l.Baseline)
	prev, err = s.Load(old.ID)
	require.NoError(t, err)
	assert.Greater(t, prev.Revision(), before, "the previous one's screen sees that it has a follow-up")
	assert.Equal(t, 2, prev.AnswersOf("Jo")["m1.q1"].Level, "the previous one keeps its answers")

	_, err = s.Reassess(old.ID, ReassessOptions{})
	require.ErrorIs(t, err, ErrFollowedUp)
	assert.EqualError(t, err, "assessment "+old.ID+" already has a follow-up, "+next.ID+": re-assess that one")

	third, err := s.Reassess(next.ID, ReassessOptions{SameInstrument: true, Title: "  Q2 2027 "})
	require.NoError(t, err)
	assert.Equal(t, "Q2 2027", third.Title)
	assert.Equal(t, next.InstrumentHash, third.InstrumentHash)

	for _, id := range []string{old.ID, next.ID, third.ID} {
		chain, err := s.Chain(id)
		require.NoError(t, err)
		require.Len(t, chain, 3, id)
		assert.Equal(t, []string{old.ID, next.ID, third.ID}, []string{chain[0].ID, chain[1].ID, chain[2].ID}, "oldest first, from %s", id)
		assert.Equal(t, "1.0.1", chain[0].InstrumentVersion)
		assert.Equal(t, defaultInstrument(t).Version, chain[2].InstrumentVersion)
		assert.Equal(t, "Q2 2027", chain[2].Title)
		assert.True(t, chain[0].CreatedAt.Before(chain[1].CreatedAt))
	}
	alone := newSelf(t, s, "Solo")
	chain, err := s.Chain(alone.ID)
	require.NoError(t, err)
	assert.Equal(t, []ChainLink{{ID: alone.ID, Title: "Q3", Kind: Self, Status: InProgress, CreatedAt: alone.CreatedAt,
		InstrumentID: defaultInstrument(t).ID, InstrumentVersion: defaultInstrument(t).Version}}, chain, "a chain of one")

	list, err := s.List()
	require.NoError(t, err)
	previous := map[string]string{}
	for _, sm := range list {
		previous[sm.ID] = sm.Previous
	}
	assert.Equal(t, map[string]string{old.ID: "", next.ID: old.ID, third.ID: next.ID, alone.ID: ""}, previous, "the list knows the links")
}

// TestAWorkshopIsFollowedUpByTheSameRoom: a workshop's participants come
// along; its votes, consensus, figures and actions stay behind, readable.
func TestAWorkshopIsFollowedUpByTheSameRoom(t *testing.T) {
	s := open(t)
	id := newWorkshop(t, s)
	require.NoError(t, saved(s.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": lvl(1)})))
	require.NoError(t, s.SaveConsensus(id, "m1.q1", lvl(2)))
	_, err := s.AdoptAction(id, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Owner: new("Bo")})
	require.NoError(t, err)
	_, err = s.UpdateAction(id, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionDone)})
	require.NoError(t, err)

	next, err := s.Reassess(id, ReassessOptions{})
	require.NoError(t, err)
	l, err := s.Load(next.ID)
	require.NoError(t, err)
	assert.Equal(t, Workshop, l.Kind)
	var people []string
	for _, p := range l.Participants {
		people = append(people, p.Name+"/"+p.Role+"/"+p.Function)
	}
	assert.Equal(t, []string{"Ann/COO/business", "Bo/CIO/it", "Cy/CDO/data"}, people)
	assert.Empty(t, l.Answers)
	assert.Empty(t, l.Consensus)
	assert.Nil(t, l.RevealedAt)
	acts, err := s.Actions(next.ID)
	require.NoError(t, err)
	assert.Empty(t, acts, "actions stay with the assessment that adopted them")
	acts, err = s.Actions(l.Previous)
	require.NoError(t, err)
	require.Len(t, acts, 1, "the previous register stays readable for the follow-up")
	assert.Equal(t, assessment.ActionDone, acts[0].Status)
}

// withVersion is the built-in instrument under another version: another
// hash, the same id.
func withVersion(t *testing.T, version string) *questionnaire.Instrument {
	t.Helper()
	body := strings.Replace(string(questionnaire.DefaultYAML()), `version: "`+defaultInstrument(t).Version+`"`, `version: "`+version+`"`, 1)
	inst, err := questionnaire.Parse("v.yaml", []byte(body))
	require.NoError(t, err)
	require.Equal(t, version, inst.Version)
	return inst
}

func TestTheNewestInstrumentIsTheHighestVersionSeamKnows(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	newer := withVersion(t, "1.10.0")
	draft := withVersion(t, "1.10.0-draft")
	for _, inst := range []*questionnaire.Instrument{draft, newer, withVersion(t, "1.9.3")} {
		_, err := s.Create(NewAssessment{Organization: "Other", Kind: Self, Instrument: inst, Respondent: Participant{Name: "Al", Function: "it"}})
		require.NoError(t, err)
	}
	next, err := s.Reassess(a.ID, ReassessOptions{})
	require.NoError(t, err)
	assert.Equal(t, newer.Hash(), next.InstrumentHash, "1.10.0 stored for another assessment is newer than the built-in")

	other, err := questionnaire.Load("../testdata/baseline-1.1.yaml")
	require.NoError(t, err)
	_, err = s.Reassess(next.ID, ReassessOptions{Instrument: other})
	assert.EqualError(t, err, "a follow-up is answered on a version of the same instrument: "+next.ID+" is on seam-integration-strategy, not baseline-test")
	_, err = s.Reassess(next.ID, ReassessOptions{Instrument: draft, SameInstrument: true})
	assert.EqualError(t, err, "a follow-up is answered on the same instrument or on another version of it, not both")
	third, err := s.Reassess(next.ID, ReassessOptions{Instrument: draft})
	require.NoError(t, err, "an older version on purpose")
	assert.Equal(t, draft.Hash(), third.InstrumentHash)

	_, err = s.Reassess("nope22", ReassessOptions{})
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = s.Chain("nope22")
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"1.1.0", "1.0.1", 1}, {"1.10", "1.9", 1}, {"1", "1.0.0", 0}, {"1.1.0", "1.1.0-test", 1},
		{"1.1.0-a", "1.1.0-b", -1}, {"2", "10", -1}, {"1.x", "1.y", -1}, {"1.0.0", "1.0.0", 0},
	} {
		assert.Equal(t, tc.want, compareVersions(tc.a, tc.b), "%s vs %s", tc.a, tc.b)
		assert.Equal(t, -tc.want, compareVersions(tc.b, tc.a), "%s vs %s", tc.b, tc.a)
	}
}

// TestDeletingAnAssessmentInAChainKeepsTheOthers: the follow-up keeps its
// data and loses the link; the one before has no follow-up any more.
func TestDeletingAnAssessmentInAChainKeepsTheOthers(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	b, err := s.Reassess(a.ID, ReassessOptions{})
	require.NoError(t, err)
	c, err := s.Reassess(b.ID, ReassessOptions{})
	require.NoError(t, err)
	require.NoError(t, saved(s.SaveAnswers(c.ID, "", map[string]assessment.Answer{"m1.q1": lvl(3)})))
	before := map[string]int64{}
	for _, id := range []string{a.ID, c.ID} {
		l, err := s.Current(id)
		require.NoError(t, err)
		before[id] = l.Revision()
	}

	require.NoError(t, s.Delete(b.ID))
	lc, err := s.Current(c.ID)
	require.NoError(t, err)
	assert.Empty(t, lc.Previous, "the link is gone with the assessment it named")
	assert.Equal(t, 3, lc.AnswersOf("Jo")["m1.q1"].Level, "the follow-up keeps its data")
	assert.Greater(t, lc.Revision(), before[c.ID])
	la, err := s.Current(a.ID)
	require.NoError(t, err)
	assert.Greater(t, la.Revision(), before[a.ID])
	for _, id := range []string{a.ID, c.ID} {
		chain, err := s.Chain(id)
		require.NoError(t, err)
		assert.Len(t, chain, 1, id)
	}
	d, err := s.Reassess(a.ID, ReassessOptions{})
	require.NoError(t, err, "the first one can be followed up again")
	assert.Equal(t, a.ID, d.Previous)
}
