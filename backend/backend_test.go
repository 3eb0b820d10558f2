package backend

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/store"
)

func open(t *testing.T) *Backend {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "seam.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return New(s)
}

func lvl(n int) assessment.Answer { return assessment.Answer{Kind: assessment.Level, Level: n} }

func TestCreateSetsTargetsAndTheRespondent(t *testing.T) {
	b := open(t)
	a, err := b.Create(NewAssessment{Organization: "Acme", Target: 3, Targets: map[string]int{"m6": 5}})
	require.NoError(t, err)
	e, err := b.Open(a.ID[:4])
	require.NoError(t, err)
	assert.Equal(t, store.Self, e.Kind)
	assert.Equal(t, map[string]int{"m1": 3, "m2": 3, "m3": 3, "m4": 3, "m5": 3, "m6": 5}, e.Targets, "one target for all, the named mode's own")
	require.Len(t, e.Participants, 1)
	assert.Equal(t, DefaultRespondent.Name, e.Participants[0].Name)

	w, err := b.Create(NewAssessment{Organization: "Acme", Workshop: true})
	require.NoError(t, err)
	e, err = b.Load(w.ID)
	require.NoError(t, err)
	assert.Equal(t, store.Workshop, e.Kind)
	assert.Empty(t, e.Participants, "a workshop's participants are added later")
	assert.Equal(t, assessment.DefaultTarget, e.Targets["m1"])

	_, err = b.Create(NewAssessment{Organization: "Acme", InstrumentFile: filepath.Join(t.TempDir(), "missing.yaml")})
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestAnswerReturnsTheAssessmentEvaluated(t *testing.T) {
	b := open(t)
	a, err := b.Create(NewAssessment{Organization: "Acme"})
	require.NoError(t, err)
	e, err := b.Answer(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(2), "m1.q2": lvl(4)})
	require.NoError(t, err)
	m1, _ := e.Evaluation.Scorecard.Mode("m1")
	require.NotNil(t, m1.Score)
	assert.Equal(t, 2, m1.Answered)
	_, planned := e.Evaluation.Plan.Find("m1.q1")
	assert.True(t, planned, "the gap at m1.q1 is in the plan")

	fresh, err := b.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, fresh.Evaluation, e.Evaluation, "what Answer returns is what a fresh load evaluates")
	assert.Nil(t, e.Evaluation.Agreement, "a self-assessment has no room")
	assert.Empty(t, e.Report().Votes)
}

// workshopOfTwo is a new workshop with Ann (business) and Bo (IT).
func workshopOfTwo(t *testing.T, b *Backend) store.Assessment {
	t.Helper()
	w, err := b.Create(NewAssessment{Organization: "Acme", Workshop: true})
	require.NoError(t, err)
	for _, p := range []store.Participant{{Name: "Ann", Function: "business"}, {Name: "Bo", Function: "it"}} {
		_, _, err := b.AddParticipant(w.ID, p)
		require.NoError(t, err)
	}
	return w
}

func TestAWorkshopIsEvaluatedAsARoom(t *testing.T) {
	b := open(t)
	w := workshopOfTwo(t, b)
	_, err := b.Answer(w.ID, "Ann", map[string]assessment.Answer{"m1.q1": lvl(1)})
	require.NoError(t, err)
	e, err := b.Answer(w.ID, "Bo", map[string]assessment.Answer{"m1.q1": lvl(5)})
	require.NoError(t, err)
	require.NotNil(t, e.Evaluation.Agreement)
	q, _ := e.Evaluation.Scorecard.Question("m1.q1")
	assert.Equal(t, 1, q.Level, "the lower median of 1 and 5")
	own, _ := e.Own("Bo").Scorecard.Question("m1.q1")
	assert.Equal(t, 5, own.Level, "Bo's own answers alone")

	e, err = b.RecordConsensus(w.ID, "m1.q1", assessment.Answer{Kind: assessment.Level, Level: 3, Note: "  agreed  "})
	require.NoError(t, err)
	q, _ = e.Evaluation.Scorecard.Question("m1.q1")
	assert.Equal(t, 3, q.Level, "the consensus is scored")
	assert.Equal(t, "agreed", q.Note)

	in := e.Report()
	assert.Len(t, in.Votes, 2, "every participant's answer goes into the report")
	assert.Equal(t, "workshop", in.Kind)
	assert.Len(t, in.Participants, 2)
}

func TestEvaluateFileLetsTheFileTargetsWin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "answers.yaml")
	require.NoError(t, os.WriteFile(path, []byte("organization: Acme\ntargets: {m6: 5}\nanswers:\n  m1.q1: 2\n  m6.q1: 2\n"), 0o600))
	fe, err := EvaluateFile(path, "", 3)
	require.NoError(t, err)
	assert.Equal(t, "Acme", fe.File.Organization)
	m1, _ := fe.Scorecard.Mode("m1")
	m6, _ := fe.Scorecard.Mode("m6")
	assert.Equal(t, 3, m1.Target)
	assert.Equal(t, 5, m6.Target)

	require.NoError(t, os.WriteFile(path, []byte("answers:\n  m9.q1: 2\n"), 0o600))
	_, err = EvaluateFile(path, "", 3)
	assert.EqualError(t, err, path+":2: unknown question id \"m9.q1\"")
}

func TestTheCapacityIsKeptAndCanBeOverriddenForOneRun(t *testing.T) {
	b := open(t)
	a, err := b.Create(NewAssessment{Organization: "Acme", Capacity: 3})
	require.NoError(t, err)
	answers := map[string]assessment.Answer{}
	for _, id := range []string{"m1.q1", "m1.q2", "m2.q1", "m3.q1", "m3.q2", "m6.q1"} {
		answers[id] = lvl(1)
	}
	_, err = b.Answer(a.ID, "", answers)
	require.NoError(t, err)
	e, err := b.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, e.Capacity)
	assert.Equal(t, 3, e.Evaluation.Plan.Capacity, "the plan holds the assessment's capacity")
	assert.LessOrEqual(t, e.Evaluation.Plan.Used[assessment.Now], 3)

	wider := e.WithCapacity(10)
	assert.Equal(t, 10, wider.Evaluation.Plan.Capacity)
	assert.Equal(t, 3, e.Evaluation.Plan.Capacity, "the evaluation asked for first is left as it was")
	assert.Same(t, e, e.WithCapacity(0), "0 keeps the assessment's own")
	again, err := b.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, again.Evaluation.Plan.Capacity, "nothing was stored")

	def, err := b.Create(NewAssessment{Organization: "Beta"})
	require.NoError(t, err)
	e, err = b.Load(def.ID)
	require.NoError(t, err)
	assert.Equal(t, assessment.DefaultCapacity, e.Evaluation.Plan.Capacity)
}

func TestAFileCanBeEvaluatedWithAnotherCapacity(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	require.NoError(t, os.WriteFile(path, []byte("answers:\n  m1.q1: 1\n  m1.q2: 1\n  m3.q1: 1\n"), 0o600))
	fe, err := EvaluateFile(path, "", 4)
	require.NoError(t, err)
	assert.Equal(t, assessment.DefaultCapacity, fe.Plan.Capacity)
	narrow := fe.WithCapacity(1)
	assert.Equal(t, 1, narrow.Plan.Capacity)
	assert.Equal(t, fe.Scorecard, narrow.Scorecard, "the capacity moves the plan only")
}

func na(reason string) assessment.Answer {
	return assessment.Answer{Kind: assessment.NotApplicable, Reason: reason}
}

// TestNotApplicableIsSavedOnlyWhereTheInstrumentAllowsIt: the backend is
// the one door every front end saves through.
func TestNotApplicableIsSavedOnlyWhereTheInstrumentAllowsIt(t *testing.T) {
	b := open(t)
	a, err := b.Create(NewAssessment{Organization: "Acme"})
	require.NoError(t, err)
	_, err = b.Answer(a.ID, "", map[string]assessment.Answer{"m1.q2": lvl(3), "m1.q1": na("no initiatives yet")})
	assert.ErrorIs(t, err, assessment.ErrNotApplicableRefused)
	assert.EqualError(t, err, "m1.q1: n/a is not allowed for this question: answer 1 to 5 or dont-know")
	e, err := b.Load(a.ID)
	require.NoError(t, err)
	assert.Empty(t, e.AnswersOf(DefaultRespondent.Name), "nothing of the refused save is written")

	e, err = b.Answer(a.ID, "", map[string]assessment.Answer{"m5.q2": na("no outside partners"), "m4.q3": na("No executive technology mandate is in force")})
	require.NoError(t, err, "a question with reasons, a question of a gated mode")
	assert.Equal(t, na("no outside partners"), e.AnswersOf(DefaultRespondent.Name)["m5.q2"])

	// An assessment made on the instrument before n/a flags keeps n/a everywhere.
	legacy, err := b.Create(NewAssessment{Organization: "Old", InstrumentFile: filepath.Join("..", "questionnaire", "testdata", "default-1.0.0.yaml")})
	require.NoError(t, err)
	e, err = b.Answer(legacy.ID, "", map[string]assessment.Answer{"m1.q1": na("no initiatives yet")})
	require.NoError(t, err)
	assert.Equal(t, "1.0.0", e.Instrument.Version)
	assert.Equal(t, na("no initiatives yet"), e.AnswersOf(DefaultRespondent.Name)["m1.q1"])
}

func TestAConsensusOfNotApplicableIsCheckedToo(t *testing.T) {
	b := open(t)
	w := workshopOfTwo(t, b)
	_, err := b.RecordConsensus(w.ID, "m1.q1", na("out of scope"))
	assert.ErrorIs(t, err, assessment.ErrNotApplicableRefused)
	e, err := b.RecordConsensus(w.ID, "m4.q1", na("No executive technology mandate is in force"))
	require.NoError(t, err)
	assert.Equal(t, na("No executive technology mandate is in force"), e.Consensus["m4.q1"])
}

func TestAGatedModeIsAnsweredNotApplicableInOneSave(t *testing.T) {
	b := open(t)
	a, err := b.Create(NewAssessment{Organization: "Acme"})
	require.NoError(t, err)
	before, err := b.Answer(a.ID, "", map[string]assessment.Answer{"m4.q2": {Kind: assessment.Level, Level: 4, Note: "criteria drafted", Evidence: "wiki/cloud"}})
	require.NoError(t, err)

	e, err := b.AnswerModeNotApplicable(a.ID, "", "m4", "")
	require.NoError(t, err)
	assert.Equal(t, before.Revision()+1, e.Revision(), "one transaction for the whole mode")
	m4, _ := e.Instrument.Mode("m4")
	answers := e.AnswersOf(DefaultRespondent.Name)
	require.Len(t, answers, len(m4.Questions))
	for _, q := range m4.Questions {
		assert.Equal(t, assessment.NotApplicable, answers[q.ID].Kind, q.ID)
		assert.Equal(t, m4.Gate, answers[q.ID].Reason, "%s: the gate is the reason", q.ID)
	}
	assert.Equal(t, "criteria drafted", answers["m4.q2"].Note, "a note given before is kept")

	e, err = b.AnswerModeNotApplicable(a.ID, "", "m4", "mandates withdrawn in May")
	require.NoError(t, err)
	assert.Equal(t, "mandates withdrawn in May", e.AnswersOf(DefaultRespondent.Name)["m4.q5"].Reason)

	_, err = b.AnswerModeNotApplicable(a.ID, "", "m1", "")
	assert.ErrorIs(t, err, assessment.ErrNotGated)
	_, err = b.AnswerModeNotApplicable(a.ID, "", "m9", "")
	assert.EqualError(t, err, `unknown failure mode "m9"`)
	after, err := b.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, e.Revision(), after.Revision(), "a refused mode saves nothing")
}

func TestSaveChecksAndSavesAsAnswerDoes(t *testing.T) {
	b := open(t)
	w, err := b.Create(NewAssessment{Organization: "Acme", Workshop: true})
	require.NoError(t, err)
	_, _, err = b.AddParticipant(w.ID, store.Participant{Name: "Ann", Function: "it"})
	require.NoError(t, err)
	l, err := b.Save(w.ID, "Ann", map[string]assessment.Answer{"m1.q1": lvl(4)})
	require.NoError(t, err)
	assert.Equal(t, lvl(4), l.AnswersOf("Ann")["m1.q1"])
	_, err = b.Save(w.ID, "Ann", map[string]assessment.Answer{"m1.q1": {Kind: assessment.NotApplicable, Reason: "no"}})
	assert.ErrorIs(t, err, assessment.ErrNotApplicableRefused, "n/a where the instrument does not allow it")
	got, err := b.Load(w.ID)
	require.NoError(t, err)
	assert.Equal(t, lvl(4), got.AnswersOf("Ann")["m1.q1"])
}

// TestChangedEvaluatesOnlyAfterAChange: a screen's periodic look gets
// nothing while the assessment stands still, and the new state once
// another process changed it.
func TestChangedEvaluatesOnlyAfterAChange(t *testing.T) {
	b := open(t)
	a, err := b.Create(NewAssessment{Organization: "Acme"})
	require.NoError(t, err)
	e, err := b.Load(a.ID)
	require.NoError(t, err)
	got, err := b.Changed(a.ID, e.Revision())
	require.NoError(t, err)
	assert.Nil(t, got, "nothing changed")

	other, err := store.Open(b.Store().Path()) // another terminal answers
	require.NoError(t, err)
	defer other.Close()
	_, err = New(other).Answer(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(3)})
	require.NoError(t, err)
	got, err = b.Changed(a.ID, e.Revision())
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Greater(t, got.Revision(), e.Revision())
	assert.Equal(t, 3, got.Evaluation.Scorecard.Modes[0].Results[0].Level)

	_, err = b.Changed("zzzzzz", 0)
	assert.ErrorIs(t, err, store.ErrNotFound)
}

// TestSaveManyChecksEachSaveAsSaveDoes: a served room commits several
// participants' answers at once; n/a where the instrument takes none is
// refused for that participant only, and the others are saved.
func TestSaveManyChecksEachSaveAsSaveDoes(t *testing.T) {
	b := open(t)
	w := workshopOfTwo(t, b)
	l, refused, err := b.SaveMany(w.ID, []store.Save{
		{Participant: "Ann", Answers: map[string]assessment.Answer{"m1.q1": na("no initiatives yet")}},
		{Participant: "Bo", Answers: map[string]assessment.Answer{"m1.q1": lvl(4), "m5.q2": na("no outside partners")}},
		{Participant: "Zed", Answers: map[string]assessment.Answer{"m1.q1": lvl(2)}},
	})
	require.NoError(t, err)
	assert.ErrorIs(t, refused[0], assessment.ErrNotApplicableRefused)
	assert.NoError(t, refused[1])
	assert.ErrorContains(t, refused[2], `no participant named "Zed"`)
	assert.Empty(t, l.AnswersOf("Ann"))
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": lvl(4), "m5.q2": na("no outside partners")}, l.AnswersOf("Bo"))

	_, refused, err = b.SaveMany(w.ID, []store.Save{{Participant: "Ann", Answers: map[string]assessment.Answer{"m1.q1": na("none")}}})
	require.NoError(t, err)
	assert.Error(t, refused[0], "every save refused: nothing to commit")
}
