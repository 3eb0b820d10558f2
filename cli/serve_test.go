package cli

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/serve"
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

// servedRoom is `seam serve` running in the test: what it prints, line by
// line, and the facilitator's keyboard.
type servedRoom struct {
	t       *testing.T
	lines   chan string
	keys    *io.PipeWriter
	cancel  context.CancelFunc
	done    chan error
	printed []string
}

func startServe(t *testing.T, db, id string, flags ...string) *servedRoom {
	t.Helper()
	t.Cleanup(func() { dbFlag = "" })
	root := newRoot()
	outR, outW := io.Pipe()
	inR, inW := io.Pipe()
	root.SetArgs(append([]string{"--db", db, "serve", id, "--addr", "127.0.0.1:0"}, flags...))
	root.SetOut(outW)
	root.SetErr(io.Discard)
	root.SetIn(inR)
	ctx, cancel := context.WithCancel(context.Background())
	s := &servedRoom{t: t, lines: make(chan string, 100), keys: inW, cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- root.ExecuteContext(ctx); outW.Close() }()
	go func() {
		sc := bufio.NewScanner(outR)
		for sc.Scan() {
			s.lines <- sc.Text()
		}
		close(s.lines)
	}()
	t.Cleanup(func() { cancel(); inW.Close() })
	s.until("Press Ctrl-C")
	return s
}

// until reads what serve prints up to the line that contains want.
func (s *servedRoom) until(want string) string {
	s.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case line, ok := <-s.lines:
			if !ok {
				s.t.Fatalf("serve stopped before printing %q; printed %q", want, s.printed)
			}
			s.printed = append(s.printed, line)
			if strings.Contains(line, want) {
				return line
			}
		case <-deadline:
			s.t.Fatalf("serve did not print %q; printed %q", want, s.printed)
		}
	}
}

// next is the next line serve prints.
func (s *servedRoom) next() string {
	s.t.Helper()
	return s.until("")
}

func (s *servedRoom) typeLine(line string) {
	s.t.Helper()
	_, err := io.WriteString(s.keys, line+"\n")
	require.NoError(s.t, err)
}

// close presses Ctrl-C and waits for serve to stop.
func (s *servedRoom) close() {
	s.t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		assert.NoError(s.t, err)
	case <-time.After(10 * time.Second):
		s.t.Fatal("serve did not stop")
	}
	s.until("The room is closed.")
}

// browse is one device's browser: it GETs a URL and says where it ended
// and what it read.
func browse(t *testing.T) func(string) (string, string) {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	return func(u string) (string, string) {
		t.Helper()
		res, err := c.Get(u)
		require.NoError(t, err)
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res.Request.URL.Path, string(body)
	}
}

func TestServeAsksTheFacilitatorToConfirmATakenName(t *testing.T) {
	db, id := newServedWorkshop(t)
	status, _, errOut := run(t, "--db", db, "participant", "add", id, "--name", "Eve\x1b[31m<b>", "--function", "business")
	require.Equal(t, ExitOK, status, errOut)
	s := startServe(t, db, id, "--links", "--show-results")

	var room string
	personal := map[string]string{}
	link := regexp.MustCompile(`(http://127\.0\.0\.1:\d+)(/r/[A-Za-z0-9_-]{22}/)(p/[A-Za-z0-9_-]{22})?$`)
	for i, line := range s.printed {
		m := link.FindStringSubmatch(line)
		switch {
		case m == nil:
		case m[3] == "":
			room = m[0]
			assert.Equal(t, "Personal links (each joins one participant directly; hand each to its owner only):", s.printed[i+1])
		default:
			personal[strings.TrimSpace(line[:strings.Index(line, ": http")])] = m[0]
		}
		assert.NotContains(t, line, "\x1b", "names are sanitized in the terminal")
	}
	require.NotEmpty(t, room, s.printed)
	require.Len(t, personal, 2, s.printed)
	assert.Contains(t, personal, "Eve<b>", "the escape sequence is dropped")
	assert.True(t, strings.HasPrefix(personal["Ann"], room+"p/"))
	assert.Contains(t, s.printed, "A name already taken on another device is asked here: type confirm N or refuse N.")

	first, second, third := browse(t), browse(t), browse(t)
	at, _ := first(personal["Ann"])
	assert.True(t, strings.HasSuffix(at, "/q/1"), at)
	at, _ = second(personal["Ann"])
	assert.True(t, strings.HasSuffix(at, "/wait"), at)
	assert.Equal(t, `Ann asks to join from 127.0.0.1, already joined on another device: type "confirm 1" or "refuse 1".`, s.next())

	s.typeLine("frob")
	assert.Equal(t, `Not understood: "frob". Type confirm N or refuse N (waiting: 1), progress, reveal, counts on or counts off.`, s.next())
	s.typeLine("confirm 9")
	assert.Equal(t, `Not done: no join request "9" is waiting.`, s.next())
	s.typeLine("")
	s.typeLine("confirm 1")
	assert.Equal(t, "Confirmed: Ann joins on the new device; the other device is signed out.", s.next())
	at, _ = second(room + "wait")
	assert.True(t, strings.HasSuffix(at, "/q/1"), "let in: %s", at)
	at, body := first(room + "q/1")
	assert.Equal(t, strings.TrimPrefix(room, link.FindStringSubmatch(room)[1]), at)
	assert.Contains(t, body, "You were signed out: your name was confirmed on another device.")

	third(personal["Ann"])
	assert.Contains(t, s.next(), `type "confirm 2" or "refuse 2"`)
	s.typeLine("refuse 2")
	assert.Equal(t, "Refused: Ann is not let in on that device.", s.next())
	s.typeLine("confirm 2")
	assert.Equal(t, "Not done: join request 2 (Ann) is decided already.", s.next())

	require.NoError(t, s.keys.Close()) // the terminal goes away: the room stays open
	first(personal["Ann"])
	assert.Contains(t, s.next(), `type "confirm 3" or "refuse 3"`)
	at, _ = browse(t)(personal["Eve<b>"])
	assert.True(t, strings.HasSuffix(at, "/q/1"), at)
	s.close()
}

func TestServeWithoutATerminalKeepsServing(t *testing.T) {
	db, id := newServedWorkshop(t)
	s := startServe(t, db, id)
	require.NoError(t, s.keys.Close())
	var room string
	for _, line := range s.printed {
		if m := regexp.MustCompile(`http://\S+/r/\S+/$`).FindString(line); m != "" {
			room = m
		}
	}
	require.NotEmpty(t, room)
	assert.NotContains(t, strings.Join(s.printed, "\n"), "Personal links", "only with --links")
	for range 3 {
		at, body := browse(t)(room)
		assert.True(t, strings.HasSuffix(at, "/"), at)
		assert.Contains(t, body, ">Ann</button>")
	}
	s.close()
}

func TestAJoinRequestPrintsAHostileNameAsText(t *testing.T) {
	var out strings.Builder
	printJoinRequest(&out, serve.JoinRequest{ID: "3", Name: "<script>x</script>\x1b[2J\x07Eve\nfake line", Addr: "10.0.0.7"})
	assert.Equal(t, "<script>x</script>Eve fake line asks to join from 10.0.0.7, already joined on another device: type \"confirm 3\" or \"refuse 3\".\n",
		out.String())
}

func TestServeHelpSaysWhatTheRoomSeesAfterTheReveal(t *testing.T) {
	status, out, _ := run(t, "serve", "--help")
	require.Equal(t, ExitOK, status)
	flat := strings.Join(strings.Fields(out), " ")
	assert.Contains(t, flat, "--show-results after the reveal, show the room how many chose each answer per question (never names); no effect before the reveal")
	assert.Contains(t, flat, "--links print each participant's personal link")
	assert.Contains(t, flat, `type "confirm N" to let it in`)
}

// TestTheFacilitatorRevealsAndSharesTheCountsFromTheTerminal: seam serve
// alone runs the room: progress says who has answered how much, reveal
// reveals (once), and counts on lets the room see the counts after it.
func TestTheFacilitatorRevealsAndSharesTheCountsFromTheTerminal(t *testing.T) {
	db, id := newServedWorkshop(t)
	s := startServe(t, db, id)
	assert.Contains(t, s.printed, "Type progress to see who has answered how much, reveal to reveal the results, counts on to let the room see the counts after it.")
	var room string
	for _, line := range s.printed {
		if m := regexp.MustCompile(`http://\S+/r/\S+/$`).FindString(line); m != "" {
			room = m
		}
	}
	require.NotEmpty(t, room)
	s.typeLine("progress")
	assert.Equal(t, "0 of 41 answers · 0 of 1 online", s.next())
	assert.Equal(t, "  Ann: 0 of 41, not joined", s.next())

	// Ann answers question 1 on her phone.
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	page := func(res *http.Response, err error) string {
		t.Helper()
		require.NoError(t, err)
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return string(body)
	}
	token := func(body string) string {
		t.Helper()
		m := csrf.FindStringSubmatch(body)
		require.NotNil(t, m, body)
		return m[1]
	}
	body := page(c.Get(room))
	body = page(c.PostForm(room+"join", url.Values{"csrf": {token(body)}, "name": {"Ann"}}))
	assert.Contains(t, page(c.PostForm(room+"q/1", url.Values{"csrf": {token(body)}, "answer": {"3"}})), "Saved:")
	s.typeLine("progress")
	assert.Equal(t, "1 of 41 answers · 1 of 1 online", s.next())
	assert.Equal(t, "  Ann: 1 of 41, online", s.next())

	s.typeLine("reveal")
	assert.Equal(t, "Revealed: the results show on the facilitator's screens (seam, seam show); the room sees none of them (counts on shows it the counts).", s.next())
	s.typeLine("reveal")
	assert.Equal(t, "The results are revealed already.", s.next())
	status, out, errOut := run(t, "--db", db, "list", "--json")
	require.Equal(t, ExitOK, status, errOut)
	assert.Contains(t, out, `"revealed_at"`, "revealed in the database")

	s.typeLine("counts on")
	assert.Equal(t, "Counts on: after the reveal each question's page shows how many chose each answer, never who.", s.next())
	assert.Contains(t, page(c.Get(room+"done")), "How the room answered")
	s.typeLine("counts off")
	assert.Equal(t, "Counts off: the room sees nothing of the results.", s.next())
	s.close()
}
