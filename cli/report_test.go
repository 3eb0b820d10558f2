package cli

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// demoNames matches the demo workshop's participants, by name or role.
var demoNames = regexp.MustCompile(`Avery|Chen|Blake|Osei|Casey|Novak|Dana|Emery|Silva|COO|CISO|Head of Sales|Chief Data`)

// TestReportAnonymousNamesNoOneInAnyFormat: seam report --anonymous on the
// demo workshop writes no participant's name or role in Markdown, HTML,
// JSON or the votes CSV, where the same report without it names them; a
// note that names someone is warned about on stderr, by question.
func TestReportAnonymousNamesNoOneInAnyFormat(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seam.db")
	status, _, stderr := run(t, "--db", db, "demo")
	require.Equal(t, ExitOK, status, stderr)
	for _, format := range [][]string{{"--format", "md"}, {"--format", "html"}, {"--format", "json"}, {"--format", "csv", "--what", "votes"}} {
		status, named, stderr := run(t, append([]string{"--db", db, "report", "dem2ws"}, format...)...)
		require.Equal(t, ExitOK, status, stderr)
		assert.Regexp(t, demoNames, named, "%v without --anonymous names people", format)
		status, anonymous, stderr := run(t, append([]string{"--db", db, "report", "dem2ws", "--anonymous"}, format...)...)
		require.Equal(t, ExitOK, status, stderr)
		assert.Empty(t, stderr, "%v: the demo's notes name no one", format)
		assert.NotRegexp(t, demoNames, anonymous, "%v", format)
		assert.Contains(t, anonymous, "Business 2", "%v", format)
	}

	status, _, stderr = run(t, "--db", db, "consensus", "dem2ws", "m3.q1", "2", "--note", "Dana says there is no steward")
	require.Equal(t, ExitOK, status, stderr)
	status, _, stderr = run(t, "--db", db, "report", "dem2ws", "--anonymous")
	require.Equal(t, ExitOK, status)
	assert.Equal(t, "warning: the notes, evidence or reasons on m3.q1 may name a participant; an anonymous report shows them as written, so read them before sharing it\n", stderr)
}
