package questionnaire

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Two versions of a question ask the same thing when their text and
// levels say the same, spacing aside, in the same failure mode: the
// comparison of two assessments and last time's answer on a follow-up
// both rest on it.
func TestSameQuestionComparesTextLevelsAndModeOnly(t *testing.T) {
	was := Question{ID: "m1.q1", Mode: "m1", Title: "Ownership", Text: "Who owns the outcome?", Why: "Because.", Importance: 2,
		Levels: [Levels]string{"None.", "Some.", "Most.", "All.", "All, checked."}}
	tests := []struct {
		name   string
		change func(q *Question)
		same   bool
	}{
		{"unchanged", func(q *Question) {}, true},
		{"re-wrapped text and levels", func(q *Question) {
			q.Text = "  Who owns\n  the outcome? "
			q.Levels[3] = "All.\n"
		}, true},
		{"a new title, why, importance, actions and evidence", func(q *Question) {
			q.Title, q.Why, q.Importance = "Business ownership", "Since.", 3
			q.Actions = []Action{{ID: "m1.q1.a1", Do: "Name one."}}
			q.Evidence = []string{"a", "b", "c", "d", "e"}
		}, true},
		{"reworded text", func(q *Question) { q.Text = "Who answers for the outcome?" }, false},
		{"a reworded level", func(q *Question) { q.Levels[4] = "All, audited." }, false},
		{"moved to another mode", func(q *Question) { q.Mode = "m2" }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			now := was
			tc.change(&now)
			assert.Equal(t, tc.same, SameQuestion(&was, &now))
			assert.Equal(t, tc.same, SameQuestion(&now, &was), "either way round")
		})
	}
}

// A question finds its own actions by id, and no other question's.
func TestQuestionFindsItsActionByID(t *testing.T) {
	inst, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	q, _ := inst.Question("m1.q1")
	act, ok := q.Action("m1.q1.a2")
	assert.True(t, ok)
	assert.Same(t, &q.Actions[1], act)
	_, ok = q.Action("m1.q2.a1")
	assert.False(t, ok, "another question's action")
	_, ok = q.Action("")
	assert.False(t, ok)
}
