package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

var (
	defaultOnce sync.Once
	defaultInst *questionnaire.Instrument
	defaultErr  error
)

// defaultInstrument parses the built-in instrument once for all tests.
func defaultInstrument(t testing.TB) *questionnaire.Instrument {
	t.Helper()
	defaultOnce.Do(func() { defaultInst, defaultErr = questionnaire.Default() })
	require.NoError(t, defaultErr)
	return defaultInst
}

// open creates a store in a fresh directory with a clock that ticks one
// second per call, so that times are distinct and predictable.
func open(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "data", "seam.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	clock := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	return s
}

func newSelf(t testing.TB, s *Store, org string) Assessment {
	t.Helper()
	a, err := s.Create(NewAssessment{Organization: org, Title: "Q3", Kind: Self, Instrument: defaultInstrument(t),
		Targets: map[string]int{"m6": 5}, Respondent: Participant{Name: "Jo", Role: "CIO", Function: "it"}})
	require.NoError(t, err)
	return a
}

// newSelfOnLegacy is a self-assessment on the built-in instrument 1.0.1,
// which predates the baseline chapter.
func newSelfOnLegacy(t testing.TB, s *Store, org string) Assessment {
	t.Helper()
	inst, err := questionnaire.Load(filepath.Join("..", "questionnaire", "testdata", "default-1.0.1.yaml"))
	require.NoError(t, err)
	a, err := s.Create(NewAssessment{Organization: org, Kind: Self, Instrument: inst, Respondent: Participant{Name: "Jo", Function: "it"}})
	require.NoError(t, err)
	return a
}

func lvl(n int) assessment.Answer { return assessment.Answer{Kind: assessment.Level, Level: n} }

func TestCreateLoadAnswer(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	assert.Len(t, a.ID, IDLength)
	assert.Regexp(t, "^["+idAlphabet+"]+$", a.ID)

	require.NoError(t, saved(s.SaveAnswers(a.ID, "", map[string]assessment.Answer{
		"m1.q1": lvl(3),
		"m3.q2": {Kind: assessment.DontKnow, Note: "ask the CDO"},
		"m4.q5": {Kind: assessment.NotApplicable, Reason: "no mandates"},
	})))
	l, err := s.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, "Acme", l.Organization)
	assert.Equal(t, Self, l.Kind)
	assert.Equal(t, InProgress, l.Status)
	assert.Equal(t, map[string]int{"m6": 5}, l.Targets)
	require.Len(t, l.Participants, 1)
	assert.Equal(t, Participant{ID: l.Participants[0].ID, Name: "Jo", Role: "CIO", Function: "it", CreatedAt: l.Participants[0].CreatedAt}, l.Participants[0])
	assert.Equal(t, map[string]assessment.Answer{
		"m1.q1": lvl(3),
		"m3.q2": {Kind: assessment.DontKnow, Note: "ask the CDO"},
		"m4.q5": {Kind: assessment.NotApplicable, Reason: "no mandates"},
	}, l.AnswersOf("Jo"))
	assert.True(t, l.UpdatedAt.After(l.CreatedAt))
	assert.Equal(t, defaultInstrument(t).Hash(), l.Instrument.Hash())

	res := assessment.Evaluate(l.Responses()).Scorecard
	m6, _ := res.Mode("m6")
	assert.Equal(t, 5, m6.Target, "stored targets are used")
}

func TestChangedAnswersKeepTheirHistory(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "Jo", map[string]assessment.Answer{"m1.q1": lvl(2)})))
	require.NoError(t, saved(s.SaveAnswers(a.ID, "Jo", map[string]assessment.Answer{"m1.q1": lvl(2)})), "the same answer again")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "Jo", map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 4, Evidence: "charter"}})))
	h, err := s.History(a.ID)
	require.NoError(t, err)
	require.Len(t, h, 2, "an unchanged answer is not recorded again")
	assert.Equal(t, lvl(2), h[0].Answer)
	assert.Equal(t, 4, h[1].Answer.Level)
	assert.Equal(t, "charter", h[1].Answer.Evidence)
	assert.Equal(t, "Jo", h[1].Participant)
	assert.True(t, h[1].At.After(h[0].At))
	l, err := s.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, 4, l.AnswersOf("Jo")["m1.q1"].Level)
}

func TestSaveAnswersIsAllOrNothing(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	_, err := s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(3), "m9.q9": lvl(2)})
	assert.ErrorContains(t, err, `unknown question id "m9.q9"`)
	_, err = s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(3), "m1.q2": {Kind: assessment.NotApplicable}})
	assert.ErrorContains(t, err, "m1.q2: n/a needs a reason")
	_, err = s.SaveAnswers(a.ID, "Someone", map[string]assessment.Answer{"m1.q1": lvl(3)})
	assert.ErrorContains(t, err, `no participant named "Someone"`)
	l, err := s.Load(a.ID)
	require.NoError(t, err)
	assert.Empty(t, l.Answers, "nothing of a refused batch is saved")
	h, err := s.History(a.ID)
	require.NoError(t, err)
	assert.Empty(t, h)
}

func TestStatusBecomesCompleteWhenEveryQuestionIsAnswered(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	all := map[string]assessment.Answer{}
	inst := defaultInstrument(t)
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			all[q.ID] = lvl(3)
		}
	}
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", all)))
	l, err := s.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, Complete, l.Status)
}

func TestResolvePrefixes(t *testing.T) {
	s := open(t)
	ids := []string{"abc234", "abd234", "xyz234"}
	inst := defaultInstrument(t)
	for _, id := range ids {
		require.NoError(t, s.write(func(tx *sql.Tx) error {
			if err := putInstrument(tx, inst, s.now()); err != nil {
				return err
			}
			return insertAssessment(tx, Assessment{ID: id, Organization: "Org", Kind: Self, Status: InProgress,
				InstrumentHash: inst.Hash(), CreatedAt: s.now(), UpdatedAt: s.now()})
		}))
	}
	got, err := s.Resolve("x")
	require.NoError(t, err)
	assert.Equal(t, "xyz234", got)
	got, err = s.Resolve("ABC")
	require.NoError(t, err)
	assert.Equal(t, "abc234", got, "ids are typed in any case")
	_, err = s.Resolve("ab")
	assert.ErrorIs(t, err, ErrAmbiguous)
	assert.ErrorContains(t, err, "it matches abc234, abd234")
	_, err = s.Resolve("q")
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = s.Resolve("%")
	assert.ErrorIs(t, err, ErrNotFound, "prefixes are not patterns")
}

func TestDeleteRemovesEverything(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	b := newSelf(t, s, "Beta")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(3)})))
	require.NoError(t, s.Delete(a.ID))
	_, err := s.Load(a.ID)
	assert.ErrorIs(t, err, ErrNotFound)
	for _, table := range []string{"answer_log", "participants", "targets"} {
		var n int
		require.NoError(t, s.db.QueryRow("SELECT count(*) FROM "+table+" WHERE assessment_id = ?", a.ID).Scan(&n))
		assert.Zero(t, n, table)
	}
	_, err = s.Load(b.ID)
	assert.NoError(t, err, "other assessments stay")
	assert.ErrorIs(t, s.Delete(a.ID), ErrNotFound)
}

func TestListShowsProgressAndIndex(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	b := newSelf(t, s, "Beta")
	c := newSelf(t, s, "Gamma")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", allAnswers(t, 0))))
	require.NoError(t, saved(s.SaveAnswers(c.ID, "", map[string]assessment.Answer{"m1.q1": lvl(3), "m2.q1": lvl(1), "m3.q1": {Kind: assessment.DontKnow}})))
	list, err := s.List()
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, c.ID, list[0].ID, "most recently updated first")
	assert.Equal(t, 3, list[0].Answered)
	assert.Equal(t, defaultInstrument(t).QuestionCount(), list[0].Questions)
	assert.Nil(t, list[0].Overall, "three answers of all rate no index")
	assert.Equal(t, a.ID, list[1].ID)
	la, err := s.Load(a.ID)
	require.NoError(t, err)
	require.NotNil(t, list[1].Overall)
	assert.Equal(t, assessment.Evaluate(la.Responses()).Scorecard.Overall, list[1].Overall, "the index the scorecard shows")
	assert.Equal(t, b.ID, list[2].ID)
	assert.Nil(t, list[2].Overall)
	assert.Equal(t, "seam-integration-strategy", list[2].InstrumentID)
}

func TestListRecomputesAStaleSummary(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", allAnswers(t, 1))))
	l, err := s.Load(a.ID)
	require.NoError(t, err)
	want := assessment.OverallIndex(l.Responses())
	require.NotNil(t, want)
	_, err = s.db.Exec("UPDATE assessments SET summary_version = 0, answered = 99, overall_index = 1.0")
	require.NoError(t, err)
	list, err := s.List()
	require.NoError(t, err)
	assert.Equal(t, defaultInstrument(t).QuestionCount(), list[0].Answered)
	assert.Equal(t, want, list[0].Overall)
}

func TestOldInstrumentStaysReadable(t *testing.T) {
	s := open(t)
	custom, err := questionnaire.Parse("old.yaml", []byte(tinyInstrument))
	require.NoError(t, err)
	a, err := s.Create(NewAssessment{Organization: "Acme", Kind: Self, Instrument: custom,
		Respondent: Participant{Name: "Jo", Function: "business"}})
	require.NoError(t, err)
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m.q1": lvl(2)})))
	path := s.Path()
	require.NoError(t, s.Close())

	again, err := Open(path) // a new process: nothing cached
	require.NoError(t, err)
	defer again.Close()
	l, err := again.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, custom.Hash(), l.Instrument.Hash())
	assert.Equal(t, "Old instrument", l.Instrument.Title)
}

func TestTheCapacityIsKeptAndReachesTheResponses(t *testing.T) {
	s := open(t)
	inst := defaultInstrument(t)
	a, err := s.Create(NewAssessment{Organization: "Acme", Kind: Self, Instrument: inst, Capacity: 4,
		Respondent: Participant{Name: "Jo", Function: "it"}})
	require.NoError(t, err)
	assert.Equal(t, 4, a.Capacity)
	l, err := s.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, 4, l.Capacity)
	assert.Equal(t, 4, l.Responses().Capacity)

	// Saving an answer keeps it (the snapshot carries it).
	l, err = s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(2)})
	require.NoError(t, err)
	assert.Equal(t, 4, l.Responses().Capacity)

	// Without one, the default: stored as NULL, read as 0.
	d := newSelf(t, s, "Default Corp")
	l, err = s.Load(d.ID)
	require.NoError(t, err)
	assert.Zero(t, l.Responses().Capacity)
	var stored sql.NullInt64
	require.NoError(t, s.db.QueryRow("SELECT capacity FROM assessments WHERE id = ?", d.ID).Scan(&stored))
	assert.False(t, stored.Valid, "the default is NULL, not a number")
}

func TestCreateRefusesBadInput(t *testing.T) {
	s := open(t)
	inst := defaultInstrument(t)
	jo := Participant{Name: "Jo", Function: "it"}
	for name, n := range map[string]NewAssessment{
		"empty org":         {Organization: " ", Kind: Self, Instrument: inst, Respondent: jo},
		"long org":          {Organization: string(make([]rune, MaxNameLen+1)), Kind: Self, Instrument: inst, Respondent: jo},
		"unknown mode":      {Organization: "A", Kind: Self, Instrument: inst, Respondent: jo, Targets: map[string]int{"m9": 3}},
		"target too high":   {Organization: "A", Kind: Self, Instrument: inst, Respondent: jo, Targets: map[string]int{"m1": 6}},
		"no respondent":     {Organization: "A", Kind: Self, Instrument: inst},
		"unknown function":  {Organization: "A", Kind: Self, Instrument: inst, Respondent: Participant{Name: "Jo", Function: "sales"}},
		"negative capacity": {Organization: "A", Kind: Self, Instrument: inst, Respondent: jo, Capacity: -1},
		"capacity too high": {Organization: "A", Kind: Self, Instrument: inst, Respondent: jo, Capacity: MaxCapacity + 1},
	} {
		_, err := s.Create(n)
		assert.Error(t, err, name)
	}
	list, err := s.List()
	require.NoError(t, err)
	assert.Empty(t, list)
}

func TestFilesAreOwnerOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "dir")
	s, err := Open(filepath.Join(dir, "seam.db"))
	require.NoError(t, err)
	defer s.Close()
	newSelf(t, s, "Acme")
	info, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), info.Mode().Perm())
	info, err = os.Stat(filepath.Join(dir, "seam.db"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	var journal string
	require.NoError(t, s.db.QueryRow("PRAGMA journal_mode").Scan(&journal))
	assert.Equal(t, "wal", journal)
	var fk, sync int
	require.NoError(t, s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk))
	require.NoError(t, s.db.QueryRow("PRAGMA synchronous").Scan(&sync))
	assert.Equal(t, 1, fk)
	assert.Equal(t, 2, sync, "synchronous=FULL")
}

func TestDefaultPathHonoursTheEnvironment(t *testing.T) {
	t.Setenv(EnvDB, "/somewhere/else.db")
	assert.Equal(t, "/somewhere/else.db", DefaultPath())
	t.Setenv(EnvDB, "")
	assert.Equal(t, filepath.Join("seam", "seam.db"), filepath.Join(filepath.Base(filepath.Dir(DefaultPath())), filepath.Base(DefaultPath())))
}

func TestBackupIsAConsistentCopy(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(3)})))
	dest := filepath.Join(t.TempDir(), "backup.db")
	require.NoError(t, s.Backup(context.Background(), dest))
	info, err := os.Stat(dest)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	assert.ErrorContains(t, s.Backup(context.Background(), dest), "already exists")

	copyStore, err := Open(dest)
	require.NoError(t, err)
	defer copyStore.Close()
	l, err := copyStore.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, lvl(3), l.AnswersOf("Jo")["m1.q1"])
}

const tinyInstrument = `id: old
version: "0.9"
title: Old instrument
principles:
  - {id: p, name: P, description: D.}
modes:
  - id: m
    group: g
    name: M
    summary: S.
    questions:
      - id: m.q1
        title: Q
        text: T?
        why: W.
        importance: 2
        principles: {p: 1}
        levels: [a, b, c, d, e]
        actions:
          - {id: m.q1.a1, from: [1, 2], do: D., effort: S, owners: {business: B, it: I}, kpi: K 1 %.}
          - {id: m.q1.a2, from: [3, 4], do: E., effort: S, owners: {business: B, it: I}, kpi: K 2 %.}
`

// TestConcurrentOpenOfANewFile: several seams starting on a file that does
// not exist yet all get a working database (the switch to WAL waits for the
// others instead of failing with "busy").
func TestConcurrentOpenOfANewFile(t *testing.T) {
	for round := range 20 {
		path := filepath.Join(t.TempDir(), "new.db")
		errs := make(chan error, 8)
		for range 8 {
			go func() {
				s, err := Open(path)
				if err == nil {
					_, err = s.Create(NewAssessment{Organization: "X", Kind: Self, Instrument: defaultInstrument(t),
						Respondent: Participant{Name: "Jo", Function: "it"}})
					s.Close()
				}
				errs <- err
			}()
		}
		for range 8 {
			require.NoError(t, <-errs, "round %d", round)
		}
	}
}

func TestSaveAnswersReturnsWhatAFreshLoadReads(t *testing.T) {
	s := open(t)
	id := newWorkshop(t, s)
	require.NoError(t, saved(s.SaveAnswers(id, "Bo", map[string]assessment.Answer{"m2.q1": lvl(4)})))
	got, err := s.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m3.q1": lvl(2), "m1.q1": lvl(5)})
	require.NoError(t, err)
	fresh, err := s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, fresh, got)
}

// TestAnotherSeamsChangesAreNotLost has two stores on one file, as two
// seams in two terminals: each keeps a snapshot of the workshop, and each
// change through one must show in what the other saves next.
func TestAnotherSeamsChangesAreNotLost(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seam.db")
	first, err := Open(path)
	require.NoError(t, err)
	defer first.Close()
	second, err := Open(path)
	require.NoError(t, err)
	defer second.Close()
	id := newWorkshop(t, first)
	_, err = second.Load(id) // both now hold a snapshot
	require.NoError(t, err)

	require.NoError(t, saved(first.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": lvl(1)})))
	got, err := second.SaveAnswers(id, "Bo", map[string]assessment.Answer{"m1.q1": lvl(5)})
	require.NoError(t, err)
	assert.Equal(t, lvl(1), got.AnswersOf("Ann")["m1.q1"], "the first seam's answer is in what the second saved")

	_, err = first.AddParticipant(id, Participant{Name: "Di", Function: "data"})
	require.NoError(t, err)
	got, err = second.SaveAnswers(id, "Di", map[string]assessment.Answer{"m1.q1": lvl(3)})
	require.NoError(t, err, "a participant added by another seam can answer")
	assert.Len(t, got.Participants, 4, "Ann, Bo, Cy and Di")
	require.NoError(t, first.SaveConsensus(id, "m1.q1", lvl(2)))
	require.NoError(t, first.Reveal(id))
	got, err = second.SaveAnswers(id, "Bo", map[string]assessment.Answer{"m1.q2": lvl(4)})
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": lvl(2)}, got.Consensus)
	assert.NotNil(t, got.RevealedAt)

	fresh, err := first.Load(id)
	require.NoError(t, err)
	assert.Equal(t, fresh, got, "what each seam saved is what the database holds")
	list, err := first.List()
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, 2, list[0].Answered, "the list's summary counts both seams' answers")
	h, err := first.History(id)
	require.NoError(t, err)
	assert.Len(t, h, 4, "every change is in the history")

	require.NoError(t, first.Delete(id))
	_, err = second.SaveAnswers(id, "Bo", map[string]assessment.Answer{"m1.q3": lvl(4)})
	assert.ErrorIs(t, err, ErrNotFound, "an assessment deleted by another seam is gone for this one too")
}

// saved keeps the error of SaveAnswers, for checks that need only that.
func saved(_ *Loaded, err error) error { return err }

// TestOneStoreSavingFromManyGoroutines saves from several goroutines at
// once through one store, as a served room will: saves built on the same
// snapshot must each notice the others and lose nothing.
func TestOneStoreSavingFromManyGoroutines(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "seam.db")) // the real clock: the test's is for one goroutine
	require.NoError(t, err)
	defer s.Close()
	id := newWorkshop(t, s)
	ids := questionIDs(t)
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(ids))
	for _, who := range []string{"Ann", "Bo"} {
		for i, q := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.SaveAnswers(id, who, map[string]assessment.Answer{q: lvl(1 + i%5)})
				errs <- err
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	l, err := s.Load(id)
	require.NoError(t, err)
	assert.Len(t, l.AnswersOf("Ann"), len(ids))
	assert.Len(t, l.AnswersOf("Bo"), len(ids))
	h, err := s.History(id)
	require.NoError(t, err)
	assert.Len(t, h, 2*len(ids), "one history entry per save")
	list, err := s.List()
	require.NoError(t, err)
	assert.Equal(t, len(ids), list[0].Answered)
	assert.Equal(t, Complete, list[0].Status)
}
