package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/store"
)

// TestAFollowUpsReportComparesAndShowsItsRegister: seam report of a
// follow-up says what moved since the assessment it follows up without
// --compare-with, --compare-with none leaves it out, and the actions
// adopted on it are in the roadmap, the register and the JSON.
func TestAFollowUpsReportComparesAndShowsItsRegister(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "seam.db")
	answers := func(name, body string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
		return path
	}
	status, out, stderr := run(t, "--db", db, "new", "--org", "Acme Logistics", "--title", "Q1 check")
	require.Equal(t, ExitOK, status, stderr)
	first := strings.TrimSpace(out)
	status, _, stderr = run(t, "--db", db, "answer", first, "--answers", answers("q1.yaml", "answers:\n  m1.q1: 1\n  m1.q2: 2\n"))
	require.Equal(t, ExitOK, status, stderr)

	s, err := store.Open(db)
	require.NoError(t, err)
	next, err := s.Reassess(first, store.ReassessOptions{})
	require.NoError(t, err)
	owner, due := "Jo Smith", assessment.Date("2020-01-31") // long overdue
	_, err = s.AdoptAction(next.ID, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Owner: &owner, Due: &due})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	status, _, stderr = run(t, "--db", db, "answer", next.ID, "--answers", answers("q2.yaml", "answers:\n  m1.q1: 2\n  m1.q2: 2\n"))
	require.Equal(t, ExitOK, status, stderr)

	status, md, stderr := run(t, "--db", db, "report", next.ID)
	require.Equal(t, ExitOK, status, stderr)
	assert.Contains(t, md, "- **Since last assessment:** From an earlier assessment the same day")
	assert.Contains(t, md, "Compared with assessment `"+first+"` (Q1 check)")
	assert.Contains(t, md, "- **Overdue:** 1 action is overdue: m1.q1 Business ownership of outcomes (Jo Smith, due 31 January 2020); see the action register.")
	assert.Contains(t, md, "   - **Tracked:** Jo Smith, due 31 January 2020, not started, **overdue**")
	assert.Contains(t, md, "## Action register")

	status, md, stderr = run(t, "--db", db, "report", next.ID, "--compare-with", "none")
	require.Equal(t, ExitOK, status, stderr)
	assert.NotContains(t, md, "ince last assessment")
	assert.Contains(t, md, "## Action register", "none leaves out the comparison only")

	status, js, stderr := run(t, "--db", db, "report", next.ID, "--format", "json")
	require.Equal(t, ExitOK, status, stderr)
	var doc struct {
		Previous struct{ ID string } `json:"previous"`
		Register struct {
			Overdue int `json:"overdue"`
			Actions []struct {
				Action, Owner, Status string
			} `json:"actions"`
		} `json:"register"`
	}
	require.NoError(t, json.Unmarshal([]byte(js), &doc))
	assert.Equal(t, first, doc.Previous.ID)
	assert.Equal(t, 1, doc.Register.Overdue)
	require.Len(t, doc.Register.Actions, 1)
	assert.Equal(t, "m1.q1.a1", doc.Register.Actions[0].Action)

	// The first of the chain compares with nothing and has no register.
	status, md, stderr = run(t, "--db", db, "report", first)
	require.Equal(t, ExitOK, status, stderr)
	assert.NotContains(t, md, "ince last assessment")
	assert.NotContains(t, md, "Action register")
}
