package cli

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newServedWorkshop(t *testing.T) (db, id string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "seam.db")
	status, out, errOut := run(t, "--db", db, "new", "--workshop", "--org", "Acme")
	require.Equal(t, ExitOK, status, errOut)
	id = strings.TrimSpace(out)
	status, _, errOut = run(t, "--db", db, "participant", "add", id, "--name", "Ann", "--function", "it")
	require.Equal(t, ExitOK, status, errOut)
	return db, id
}

func TestServeUsageMistakes(t *testing.T) {
	db, id := newServedWorkshop(t)
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"serve"}, "seam serve needs ID"},
		{[]string{"serve", id, "--tls-cert", "c.pem"}, "--tls-cert and --tls-key go together"},
		{[]string{"serve", id, "--addr", "8765"}, `--addr must be HOST:PORT, for example 0.0.0.0:8765, not "8765"`},
	} {
		status, stdout, stderr := run(t, append([]string{"--db", db}, tc.args...)...)
		assert.Equal(t, ExitUsage, status, tc.args)
		assert.Empty(t, stdout)
		assert.Equal(t, "seam: "+tc.msg+"\nRun 'seam serve --help' for usage.\n", stderr)
	}
}

func TestServeSaysInOneLineWhenThePortIsTaken(t *testing.T) {
	db, id := newServedWorkshop(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	status, stdout, stderr := run(t, "--db", db, "serve", id, "--addr", ln.Addr().String())
	assert.Equal(t, ExitError, status)
	assert.Empty(t, stdout)
	assert.Equal(t, "seam: "+ln.Addr().String()+": address already in use\n", stderr)
}

func TestServeRefusesASelfAssessment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seam.db")
	_, out, _ := run(t, "--db", db, "new", "--org", "Acme")
	status, _, stderr := run(t, "--db", db, "serve", strings.TrimSpace(out), "--addr", "127.0.0.1:0")
	assert.Equal(t, ExitError, status)
	assert.Contains(t, stderr, "only a workshop is served to a room")
}

func TestServePrintsTheLinkAndWarnsItIsUnencrypted(t *testing.T) {
	db, id := newServedWorkshop(t)
	t.Cleanup(func() { dbFlag = "" })
	root := newRoot()
	pr, pw := io.Pipe()
	root.SetArgs([]string{"--db", db, "serve", id, "--addr", "127.0.0.1:0"})
	root.SetOut(pw)
	root.SetErr(io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx); pw.Close() }()

	lines := bufio.NewScanner(pr)
	var printed []string
	var link string
	for lines.Scan() {
		printed = append(printed, lines.Text())
		if m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/r/[A-Za-z0-9_-]{22}/`).FindString(lines.Text()); m != "" {
			link = m
		}
		if strings.HasPrefix(lines.Text(), "Press Ctrl-C") {
			break
		}
	}
	require.NotEmpty(t, link, printed)
	assert.Contains(t, printed, "Warning: answers travel unencrypted on the local network; use --tls-cert and --tls-key for HTTPS.")
	res, err := http.Get(link)
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, string(body), ">Ann</button>")

	cancel()
	rest, _ := io.ReadAll(pr)
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	assert.Equal(t, "The room is closed.\n", string(rest))
}
