package store

import (
	"database/sql"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

func TestAdoptedActionsAreTrackedWithTheirHistory(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	l, err := s.Load(a.ID)
	require.NoError(t, err)
	rev := l.Revision()

	first, err := s.AdoptAction(a.ID, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Owner: new("Ann (COO)"), Due: new(assessment.Date("2027-03-31"))})
	require.NoError(t, err)
	assert.Equal(t, assessment.ActionState{Owner: "Ann (COO)", Due: "2027-03-31", Status: assessment.ActionNotStarted}, first.ActionState)
	l, err = s.Current(a.ID)
	require.NoError(t, err)
	assert.Equal(t, rev+1, l.Revision(), "adopting raises the revision, so a screen looking again sees it")
	assert.Equal(t, first.UpdatedAt, l.UpdatedAt)

	_, err = s.AdoptAction(a.ID, "", "m3.find-out", assessment.ActionUpdate{Status: new(assessment.ActionInProgress)})
	require.NoError(t, err)
	_, err = s.AdoptAction(a.ID, "m1.q2", "m1.q2.a2", assessment.ActionUpdate{})
	require.NoError(t, err)
	changed, err := s.UpdateAction(a.ID, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionDropped), Reason: new("budget cut"),
		Notes: new("see board minutes")})
	require.NoError(t, err)
	assert.True(t, changed.UpdatedAt.After(first.UpdatedAt))
	_, err = s.UpdateAction(a.ID, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionInProgress), Due: new(assessment.Date(""))})
	require.NoError(t, err)

	acts, err := s.Actions(a.ID)
	require.NoError(t, err)
	require.Len(t, acts, 3)
	assert.Equal(t, Action{Question: "m1.q1", Action: "m1.q1.a1", ActionState: assessment.ActionState{Owner: "Ann (COO)", Status: assessment.ActionInProgress,
		Notes: "see board minutes"}, UpdatedAt: acts[0].UpdatedAt}, acts[0], "the reason went with the decision")
	assert.True(t, acts[0].UpdatedAt.After(changed.UpdatedAt))
	assert.Equal(t, []string{"m1.q1.a1", "m1.q2.a2", "m3.find-out"}, []string{acts[0].Action, acts[1].Action, acts[2].Action},
		"in the instrument's order, whatever the order adopted")
	assert.Equal(t, "", acts[2].Question, "a find-out item has no question")

	h, err := s.ActionHistory(a.ID)
	require.NoError(t, err)
	require.Len(t, h, 5, "each adoption and every change")
	assert.Equal(t, []assessment.ActionStatus{assessment.ActionNotStarted, assessment.ActionInProgress, assessment.ActionNotStarted, assessment.ActionDropped,
		assessment.ActionInProgress}, []assessment.ActionStatus{h[0].Status, h[1].Status, h[2].Status, h[3].Status, h[4].Status})
	assert.Equal(t, first.UpdatedAt, h[0].At, "the first entry is the adoption")
	assert.Equal(t, "budget cut", h[3].Reason)
	assert.Equal(t, assessment.Date("2027-03-31"), h[3].Due)
	assert.Equal(t, "m3.find-out", h[1].Action)
	for i := 1; i < len(h); i++ {
		assert.Greater(t, h[i].Seq, h[i-1].Seq)
	}

	// Reopened, the register reads the same.
	again, err := Open(s.Path())
	require.NoError(t, err)
	defer again.Close()
	reread, err := again.Actions(a.ID)
	require.NoError(t, err)
	assert.Equal(t, acts, reread)
}

func TestAnActionChangeThatChangesNothingWritesNothing(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	adopted, err := s.AdoptAction(a.ID, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Owner: new("Bo")})
	require.NoError(t, err)
	l, err := s.Current(a.ID)
	require.NoError(t, err)
	same, err := s.UpdateAction(a.ID, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Owner: new(" Bo "), Status: new(assessment.ActionNotStarted)})
	require.NoError(t, err)
	assert.Equal(t, adopted, same)
	after, err := s.Current(a.ID)
	require.NoError(t, err)
	assert.Equal(t, l.Revision(), after.Revision())
	h, err := s.ActionHistory(a.ID)
	require.NoError(t, err)
	assert.Len(t, h, 1)
}

func TestActionChangesSeamRefusesWriteNothing(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	_, err := s.AdoptAction(a.ID, "m2.q1", "m2.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionRiskAccepted), Reason: new("vendor exit in 2028")})
	require.NoError(t, err)
	l, err := s.Current(a.ID)
	require.NoError(t, err)
	rev := l.Revision()
	for _, tc := range []struct {
		name   string
		adopt  bool
		q, act string
		u      assessment.ActionUpdate
		want   string
	}{
		{"unknown question", true, "m9.q9", "m9.q9.a1", assessment.ActionUpdate{}, `no such action: instrument seam-integration-strategy has no question "m9.q9"`},
		{"another question's action", true, "m1.q1", "m1.q2.a1", assessment.ActionUpdate{}, `no such action "m1.q2.a1" for m1.q1: its actions are m1.q1.a1, m1.q1.a2`},
		{"unknown mode", true, "", "m9.find-out", assessment.ActionUpdate{}, `no such action "m9.find-out": instrument seam-integration-strategy has no failure mode "m9"`},
		{"bad status", true, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionStatus("later"))}, `m1.q1.a1: status must be one of not-started, in-progress, done, risk-accepted, dropped, not "later"`},
		{"no reason", true, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionDropped)}, "m1.q1.a1: status dropped needs a reason: say why"},
		{"bad date", true, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Due: new(assessment.Date("2027-02-30"))}, `m1.q1.a1: due date "2027-02-30" is not a date written YYYY-MM-DD, such as 2027-03-31`},
		{"adopted twice", true, "m2.q1", "m2.q1.a1", assessment.ActionUpdate{}, "m2.q1.a1 is already adopted for " + a.ID + ": change it instead"},
		{"not adopted", false, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Owner: new("Bo")}, "m1.q1.a1 is not adopted for " + a.ID + ": adopt it first"},
		{"another decision without its reason", false, "m2.q1", "m2.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionDropped)}, "m2.q1.a1: status dropped needs a reason: say why"},
		{"a reason for open work", false, "m2.q1", "m2.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionInProgress), Reason: new("why not")}, "m2.q1.a1: a reason is only for risk-accepted or dropped, not for in-progress"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			change := s.UpdateAction
			if tc.adopt {
				change = s.AdoptAction
			}
			_, err := change(a.ID, tc.q, tc.act, tc.u)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error(), "one line, naming the problem, without the database path")
		})
	}
	l, err = s.Current(a.ID)
	require.NoError(t, err)
	assert.Equal(t, rev, l.Revision(), "nothing written")
	h, err := s.ActionHistory(a.ID)
	require.NoError(t, err)
	assert.Len(t, h, 1)
	_, err = s.AdoptAction("nope22", "m1.q1", "m1.q1.a1", assessment.ActionUpdate{})
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = s.Actions("nope22")
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = s.ActionHistory("nope22")
	assert.ErrorIs(t, err, ErrNotFound)
	acts, err := s.Actions(newSelf(t, s, "Empty").ID)
	require.NoError(t, err)
	assert.NotNil(t, acts, "an empty register is an empty list (JSON [])")
	assert.Empty(t, acts)
}

// TestAnotherSeamSeesAnActionChange: a seam holding the assessment (a
// served room, the app) sees the register change by the revision, and a
// save it makes afterwards keeps the other seam's change.
func TestAnotherSeamSeesAnActionChange(t *testing.T) {
	s1 := open(t)
	a := newSelf(t, s1, "Acme")
	l1, err := s1.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(2)})
	require.NoError(t, err)
	s2, err := Open(s1.Path())
	require.NoError(t, err)
	defer s2.Close()
	_, err = s2.AdoptAction(a.ID, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Owner: new("Bo")})
	require.NoError(t, err)

	now, err := s1.Current(a.ID)
	require.NoError(t, err)
	assert.Greater(t, now.Revision(), l1.Revision())
	l, err := s1.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q2": lvl(3)})
	require.NoError(t, err)
	assert.Len(t, l.Answers, 2)
	acts, err := s1.Actions(a.ID)
	require.NoError(t, err)
	require.Len(t, acts, 1)
	assert.Equal(t, "Bo", acts[0].Owner)
}

func TestDeletingAnAssessmentDeletesItsActions(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	_, err := s.AdoptAction(a.ID, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{})
	require.NoError(t, err)
	require.NoError(t, s.Delete(a.ID))
	var n int
	require.NoError(t, s.db.QueryRow("SELECT count(*) FROM action_log").Scan(&n))
	assert.Zero(t, n)
}

// TestTheSchemaRefusesAnActionSeamWouldNot: the table's checks hold what
// seam writes, so sqlite3 with its checks on refuses the rest.
func TestTheSchemaRefusesAnActionSeamWouldNot(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	at := timestamp(time.Now())
	for _, stmt := range []string{
		`INSERT INTO action_log (assessment_id, question_id, action_id, revision, status, changed_at) VALUES (?, 'm1.q1', 'm1.q1.a1', 1, 'later', ?)`,
		`INSERT INTO action_log (assessment_id, question_id, action_id, revision, status, changed_at) VALUES (?, 'm1.q1', 'm1.q1.a1', 1, 'dropped', ?)`,
		`INSERT INTO action_log (assessment_id, question_id, action_id, revision, status, reason, changed_at) VALUES (?, 'm1.q1', 'm1.q1.a1', 1, 'done', 'x', ?)`,
		`INSERT INTO action_log (assessment_id, question_id, action_id, revision, status, due, changed_at) VALUES (?, 'm1.q1', 'm1.q1.a1', 1, 'done', '2027-02-30', ?)`,
		`INSERT INTO action_log (assessment_id, question_id, action_id, revision, status, due, changed_at) VALUES (?, 'm1.q1', 'm1.q1.a1', 1, 'done', '2027-02-03 10:00', ?)`,
	} {
		_, err := s.db.Exec(stmt, a.ID, at)
		assert.ErrorContains(t, err, "CHECK constraint failed", stmt)
	}
	_, err := s.db.Exec("UPDATE assessments SET previous_id = id WHERE id = ?", a.ID)
	assert.ErrorContains(t, err, "CHECK constraint failed", "an assessment does not follow itself")
	b := newSelf(t, s, "Acme")
	c := newSelf(t, s, "Acme")
	_, err = s.db.Exec("UPDATE assessments SET previous_id = ? WHERE id = ?", a.ID, b.ID)
	require.NoError(t, err)
	_, err = s.db.Exec("UPDATE assessments SET previous_id = ? WHERE id = ?", a.ID, c.ID)
	assert.ErrorContains(t, err, "UNIQUE constraint failed", "one follow-up per assessment")
	_, err = s.db.Exec("UPDATE assessments SET previous_id = 'gone22' WHERE id = ?", c.ID)
	assert.ErrorContains(t, err, "FOREIGN KEY constraint failed")
	var prev sql.NullString
	require.NoError(t, s.db.QueryRow("SELECT previous_id FROM assessments WHERE id = ?", c.ID).Scan(&prev))
	assert.False(t, prev.Valid)
}
