package cli

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDoctorBringsAConsensusHistoryBackInStep: a consensus history edited
// by hand no longer ends with the consensus; export refuses to write a
// bundle import would refuse, doctor names the question, and --fix adds
// the missing entry so that export works again.
func TestDoctorBringsAConsensusHistoryBackInStep(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seam.db")
	status, stdout, stderr := run(t, "--db", db, "new", "--workshop", "--org", "Acme")
	require.Equal(t, ExitOK, status, stderr)
	id := strings.TrimSpace(stdout)
	for _, args := range [][]string{
		{"participant", "add", id, "--name", "Ann", "--function", "business"},
		{"participant", "add", id, "--name", "Bo", "--function", "it"},
		{"consensus", id, "m1.q1", "2", "--note", "no steering group"},
		{"consensus", id, "m1.q1", "3"},
	} {
		status, _, stderr = run(t, append([]string{"--db", db}, args...)...)
		require.Equal(t, ExitOK, status, stderr)
	}
	raw, err := sql.Open("sqlite3", "file:"+db)
	require.NoError(t, err)
	_, err = raw.Exec("DELETE FROM consensus_history WHERE rowid = (SELECT max(rowid) FROM consensus_history)")
	require.NoError(t, err)
	require.NoError(t, raw.Close())

	status, _, stderr = run(t, "--db", db, "export", id)
	assert.Equal(t, ExitError, status)
	assert.Contains(t, stderr, "invalid consensus history for "+id+"/m1.q1 (the last entry records 2, but the consensus is 3)")
	status, stdout, _ = run(t, "--db", db, "doctor")
	assert.Equal(t, ExitError, status)
	assert.Contains(t, stdout, "    consensus_history "+id+"/m1.q1: the last entry records 2, but the consensus is 3\n")

	status, stdout, stderr = run(t, "--db", db, "doctor", "--fix")
	require.Equal(t, ExitOK, status, stderr)
	assert.Contains(t, stdout, "Moved 0 row(s) to the table quarantine")
	assert.Contains(t, stdout, "Added 1 entry(ies) to consensus histories, so that each ends with its consensus (or cleared).\n")
	status, stdout, stderr = run(t, "--db", db, "export", id)
	require.Equal(t, ExitOK, status, stderr)
	assert.Regexp(t, `"consensus_history": \[(?s:.*)"answer": "2",(?s:.*)"answer": "3"`, stdout)
	status, _, _ = run(t, "--db", db, "doctor")
	assert.Equal(t, ExitOK, status, "nothing left to fix")
}

// TestDoctorClearsAFollowUpLinkToNoAssessment: a follow-up edited to name
// an assessment that is not in the database; doctor names it, says --fix
// clears such links, and --fix says it did.
func TestDoctorClearsAFollowUpLinkToNoAssessment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seam.db")
	status, stdout, stderr := run(t, "--db", db, "new", "--org", "Acme")
	require.Equal(t, ExitOK, status, stderr)
	id := strings.TrimSpace(stdout)
	status, stdout, stderr = run(t, "--db", db, "reassess", id)
	require.Equal(t, ExitOK, status, stderr)
	next := strings.TrimSpace(stdout)
	raw, err := sql.Open("sqlite3", "file:"+db)
	require.NoError(t, err)
	_, err = raw.Exec("UPDATE assessments SET previous_id = 'gone22' WHERE id = ?", next)
	require.NoError(t, err)
	require.NoError(t, raw.Close())

	status, stdout, _ = run(t, "--db", db, "doctor")
	assert.Equal(t, ExitError, status)
	assert.Contains(t, stdout, next)
	assert.Contains(t, stdout, "gone22")
	assert.Contains(t, stdout, "clear the follow-up links that name no assessment or loop")

	status, stdout, stderr = run(t, "--db", db, "doctor", "--fix")
	require.Equal(t, ExitOK, status, stderr)
	assert.Contains(t, stdout, "Cleared 1 follow-up link(s) that named no assessment or looped (each kept in the table quarantine; the follow-ups keep their data).\n")
	status, stdout, stderr = run(t, "--db", db, "show", next)
	require.Equal(t, ExitOK, status, stderr)
	assert.NotContains(t, stdout, "Follow-up", "the link is gone")
	status, _, _ = run(t, "--db", db, "doctor")
	assert.Equal(t, ExitOK, status, "nothing left to fix")
}
