package tui

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/serve"
	"github.com/seam-dev/seam/store"
)

// fakeRoom is a room as the screen sees it, without a server: a link of
// the usual length and some progress.
func fakeRoom(urls []string, secure, onlyHere bool) *liveRoom {
	return &liveRoom{workshop: "", org: "Acme Logistics", urls: urls, secure: secure, onlyHere: onlyHere, qr: qrLines(urls[0]),
		progress: serve.Progress{Questions: 41, Participants: []serve.Joined{
			{Name: "Ann", Function: "business", Answered: 3, Online: true},
			{Name: "Bo", Function: "it", Answered: 0},
			{Name: "Cy", Function: "data", Answered: 41, Online: true},
		}}}
}

const lanLink = "http://192.168.1.23:8765/r/AbCdEfGhIjKlMnOpQrStUv/"

// onLive is the app on the room screen of the fixture workshop, its room r.
func onLive(t *testing.T, w, h int, r *liveRoom) *App {
	t.Helper()
	a := newApp(t, openStore(t), w, h)
	workshopFixture(t, a)
	press(a, "enter")
	r.workshop = a.current.ID
	a.live = r
	a.Update(showLive{})
	require.Equal(t, "live", kind(a))
	return a
}

// fills checks the view is the window's size exactly.
func fills(t *testing.T, a *App) string {
	t.Helper()
	view := a.View()
	lines := strings.Split(view, "\n")
	assert.Len(t, lines, a.height, "the view fills the window")
	for i, l := range lines {
		assert.LessOrEqual(t, lipgloss.Width(l), a.width, "line %d is wider than the window: %q", i, l)
	}
	return view
}

func TestTheRoomScreen(t *testing.T) {
	loopback := "http://127.0.0.1:8765/r/AbCdEfGhIjKlMnOpQrStUv/"
	tests := []struct {
		name             string
		w, h             int
		urls             []string
		secure, onlyHere bool
		qr               bool
		want, not        []string
	}{
		{name: "wide, open to the network", w: 120, h: 40, urls: []string{lanLink, loopback}, qr: true,
			want: []string{"Join at " + lanLink, "Answers travel unencrypted on the local network.", "Also at 127.0.0.1:8765",
				"Results hidden until you reveal them (v).", "44 of 123 answers · 2 of 3 online",
				"● Ann", " 3 of 41  online", "○ Bo", " 0 of 41  not joined", "41 of 41  online"},
			not: []string{"Only this computer", "No QR code"}},
		{name: "80x24 still shows the QR code and everyone", w: 80, h: 24, urls: []string{lanLink, loopback}, qr: true,
			want: []string{"Join at " + lanLink, "Answers travel unencrypted", "○ Bo", "44 of 123 answers"}},
		{name: "loopback only, over TLS", w: 120, h: 40, urls: []string{"https://127.0.0.1:8765/r/AbCdEfGhIjKlMnOpQrStUv/"}, secure: true, onlyHere: true, qr: true,
			want: []string{"Only this computer can join: listen on 0.0.0.0"},
			not:  []string{"unencrypted", "Also at"}},
		{name: "too narrow for the QR code", w: 60, h: 24, urls: []string{lanLink, loopback},
			want: []string{"Join at " + lanLink, "also " + loopback, "No QR code: it needs a window of 69×23 or more, and this one is 60×24.",
				"Answers travel unencrypted", " 3 of 41  online"}},
		{name: "too low for the QR code", w: 120, h: 20, urls: []string{lanLink},
			want: []string{"Join at " + lanLink, "No QR code: it needs a window of 69×23 or more, and this one is 120×20.", "○ Bo"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := fakeRoom(tc.urls, tc.secure, tc.onlyHere)
			require.Len(t, r.qr, 19, "a link of this length makes a QR code of 19 lines")
			a := onLive(t, tc.w, tc.h, r)
			view := fills(t, a)
			flat := strings.Join(strings.Fields(view), " ")
			for _, w := range tc.want {
				assert.Contains(t, flat, strings.Join(strings.Fields(w), " "))
			}
			for _, n := range tc.not {
				assert.NotContains(t, flat, n)
			}
			lines := strings.Split(view, "\n")
			for i, q := range r.qr {
				if tc.qr {
					require.Greater(t, len(lines), i+2)
					assert.True(t, strings.HasPrefix(lines[i+2], q), "QR line %d drawn whole at the left: %q", i, lines[i+2])
				} else {
					assert.NotContains(t, view, q)
				}
			}
		})
	}
}

func TestTheRoomScreenCountsWhoDoesNotFit(t *testing.T) {
	r := fakeRoom([]string{lanLink}, false, false)
	for i := range 30 {
		r.progress.Participants = append(r.progress.Participants, serve.Joined{Name: fmt.Sprintf("P%02d", i), Function: "it"})
	}
	a := onLive(t, 80, 24, r)
	view := fills(t, a)
	assert.Contains(t, view, r.qr[0])
	assert.Regexp(t, `… and \d+ more: a taller window shows them`, view)
	assert.Contains(t, view, "44 of 1353 answers · 2 of 33 online", "the total counts everyone")
}

// submitRoomForm serves the fixture workshop from the app on loopback, as
// the form does once completed with these values.
func submitRoomForm(t *testing.T, a *App, v roomValues) {
	t.Helper()
	press(a, "o")
	f := on[*formScreen](t, a)
	*a.roomValues = v
	a.screen = f.back // as the form does when completed
	f.done(a)
	drain(a)
}

// get asks the room's link, as a participant's phone would.
func get(link string) (int, error) {
	c := &http.Client{Timeout: 5 * time.Second}
	res, err := c.Get(link)
	if err != nil {
		return 0, err
	}
	res.Body.Close()
	return res.StatusCode, nil
}

func TestOpeningAndClosingTheRoom(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	workshopFixture(t, a)
	press(a, "enter")
	assert.Contains(t, a.View(), "o open room")
	submitRoomForm(t, a, roomValues{addr: "127.0.0.1:0"})
	require.Equal(t, "live", kind(a), a.err)
	t.Cleanup(a.Close)
	r := a.live
	require.NotNil(t, r)
	assert.Regexp(t, `^http://127\.0\.0\.1:[1-9]\d*/r/[A-Za-z0-9_-]{22}/$`, r.url(), "the real port, not 0")
	assert.Contains(t, a.View(), "Join at "+r.url())
	status, err := get(r.url())
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, status)

	// The workshop screen says the room is open; o goes back to it.
	press(a, "esc")
	assert.Contains(t, a.View(), "Room open at "+r.url())
	assert.Contains(t, a.View(), "o room")
	press(a, "o")
	require.Equal(t, "live", kind(a))

	// Closing asks first; n keeps it open.
	press(a, "X")
	assert.Contains(t, a.View(), "Close the room?")
	assert.Contains(t, a.View(), "21 of 123 answers, 0 of 3 participants online")
	press(a, "n")
	assert.Contains(t, a.View(), "Join at "+r.url())
	_, err = get(r.url())
	require.NoError(t, err, "still served")

	press(a, "X", "y")
	assert.Contains(t, a.View(), "The room is closed.")
	assert.Contains(t, a.View(), "participants can no longer join or answer")
	assert.NotContains(t, a.View(), r.qr[0], "no QR code for a link that leads nowhere")
	_, err = get(r.url())
	assert.Error(t, err, "nothing listens any more")

	// Leaving the app with no room open quits at once.
	cmd := press(a, "q")
	require.NotNil(t, cmd)
	assert.IsType(t, tea.QuitMsg{}, cmd())
}

func TestQuittingClosesTheRoom(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	workshopFixture(t, a)
	press(a, "enter")
	submitRoomForm(t, a, roomValues{addr: "127.0.0.1:0"})
	require.Equal(t, "live", kind(a), a.err)
	link := a.live.url()
	cmd := press(a, "ctrl+c")
	require.NotNil(t, cmd)
	_, err := get(link)
	require.NoError(t, err, "the room closes as the app quits, not before the key")
	runSequence(t, cmd())
	_, err = get(link)
	assert.Error(t, err, "nothing listens once the app has quit")
}

// runSequence runs the commands of a tea.Sequence one after another, as
// the program does, and checks the last quits.
func runSequence(t *testing.T, msg tea.Msg) {
	t.Helper()
	seq := reflect.ValueOf(msg)
	require.Equal(t, "tea.sequenceMsg", fmt.Sprintf("%T", msg))
	var last tea.Msg
	for i := range seq.Len() {
		if c, _ := seq.Index(i).Interface().(tea.Cmd); c != nil {
			last = c()
		}
	}
	assert.IsType(t, tea.QuitMsg{}, last)
}

func TestAFailureToListenIsOneLineOnTheForm(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "room.crt")
	require.NoError(t, os.WriteFile(notPEM, []byte("not a certificate"), 0o600))
	for _, tc := range []struct {
		v    roomValues
		want string
	}{
		{roomValues{addr: "8765"}, `not opened: the address must be HOST:PORT, for example 0.0.0.0:8765, not "8765"`},
		{roomValues{addr: "127.0.0.1:99999"}, `not opened: the address must end in a port number from 0 to 65535, not "127.0.0.1:99999"`},
		{roomValues{addr: taken.Addr().String()}, "not opened: " + taken.Addr().String() + ": address already in use"},
		{roomValues{addr: "127.0.0.1:0", cert: notPEM}, "not opened: the TLS certificate and key go together: give both, or neither for plain HTTP"},
		{roomValues{addr: "127.0.0.1:0", cert: notPEM, key: notPEM}, "not opened: reading the TLS certificate and key: tls: failed to find any PEM data in certificate input"},
		{roomValues{addr: "127.0.0.1:0", cert: filepath.Join(dir, "missing.crt"), key: notPEM}, "not opened: reading the TLS certificate and key: open " + filepath.Join(dir, "missing.crt") + ": no such file or directory"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			a := newApp(t, openStore(t), 200, 30)
			workshopFixture(t, a)
			press(a, "enter")
			submitRoomForm(t, a, tc.v)
			assert.Equal(t, "form", kind(a), "the form opens again")
			assert.Equal(t, tc.v, *a.roomValues, "with what was typed")
			assert.Nil(t, a.live, "nothing started")
			assert.Equal(t, tc.want, a.err)
			assert.Contains(t, a.View(), tc.want, "said on one line under the form")
		})
	}
}

// TestOneRoomAtATime: with the room of one workshop open, another
// workshop's o says which room to close first, and opens nothing.
func TestOneRoomAtATime(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	workshopFixture(t, a)
	press(a, "enter")
	submitRoomForm(t, a, roomValues{addr: "127.0.0.1:0"})
	require.Equal(t, "live", kind(a), a.err)
	t.Cleanup(a.Close)
	first := a.live

	_, err := a.be.Create(backend.NewAssessment{Organization: "Beta Freight", Workshop: true})
	require.NoError(t, err)
	goHome(a)
	require.Len(t, a.home.list, 2)
	a.home.cursor = slices.IndexFunc(a.home.list, func(sm store.Summary) bool { return sm.Organization == "Beta Freight" })
	press(a, "enter")
	require.Equal(t, "Beta Freight", a.current.Organization)
	require.Equal(t, "participants", kind(a))
	assert.NotContains(t, a.View(), "Room open")
	press(a, "o")
	assert.Equal(t, "participants", kind(a))
	assert.Equal(t, "the room of Acme Logistics is open: close it first on its room screen (open its workshop, o, then X)", a.err)
	assert.Same(t, first, a.live)
	_, err = get(first.url())
	assert.NoError(t, err, "the first room still serves")
}

// TestTheFacilitatorLetsInADeviceAskingForATakenName: a second device
// asking for Ann while her first holds the name waits; the room screen
// says so and a lets it in (the first device is signed out). d refuses
// the next one.
func TestTheFacilitatorLetsInADeviceAskingForATakenName(t *testing.T) {
	a := newApp(t, openStore(t), 60, 40) // no QR code beside the text: the sentences read whole
	workshopFixture(t, a)
	press(a, "enter")
	submitRoomForm(t, a, roomValues{addr: "127.0.0.1:0"})
	require.Equal(t, "live", kind(a), a.err)
	t.Cleanup(a.Close)
	r, link := a.live, a.live.url()

	first, second := newPhone(t), newPhone(t)
	first.join(link, "Ann")
	second.read(second.c.Get(link))
	waiting := second.read(second.c.PostForm(link+"join", url.Values{"csrf": {second.csrf}, "name": {"Ann"}}))
	assert.Contains(t, waiting, "Waiting for the facilitator")
	a.Update(waitAsked(r)()) // the server's nudge reaches the app
	assert.Contains(t, a.status, "Ann asks to join on another device")
	view := strings.Join(strings.Fields(a.View()), " ")
	assert.Contains(t, view, "Ann asks to join from 127.0.0.1 but is on another device already: a lets this one in")
	assert.Contains(t, view, "a let in")

	press(a, "a")
	assert.Equal(t, "Let Ann in on the new device; the other device is signed out.", a.status)
	assert.Empty(t, r.requests)
	assert.NotContains(t, a.View(), "asks to join")
	assert.Contains(t, second.read(second.c.Get(link+"wait")), "Ann · question", "the waiting device checks again and is in")
	assert.Contains(t, second.answer(link, 1, "4"), "Saved:", "the new device answers as Ann")
	res, err := first.c.Get(link + "q/1")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, "/r/"+strings.Split(link, "/r/")[1], res.Request.URL.Path, "the first device is sent back to the join page")

	third := newPhone(t)
	third.join(link, "Ann")
	a.Update(waitAsked(r)())
	press(a, "d")
	assert.Equal(t, "Refused the device asking to join as Ann; Ann stays on the first device.", a.status)
	press(a, "d")
	assert.Equal(t, "No device is waiting to join.", a.status)
}

// TestTheRoomScreenListsPersonalLinksAndSharesTheCounts: L lists each
// participant's own link on the room's address (and L again goes back);
// s lets the room see the counts after the reveal, and says so.
func TestTheRoomScreenListsPersonalLinksAndSharesTheCounts(t *testing.T) {
	a := newApp(t, openStore(t), 120, 40)
	workshopFixture(t, a)
	press(a, "enter")
	submitRoomForm(t, a, roomValues{addr: "127.0.0.1:0"})
	require.Equal(t, "live", kind(a), a.err)
	t.Cleanup(a.Close)
	r, link := a.live, a.live.url()

	press(a, "L")
	view := a.View()
	assert.Contains(t, view, "Personal links")
	personal := regexp.MustCompile(`Bo: (http://127\.0\.0\.1:\d+/r/[^/]+/p/[A-Za-z0-9_-]{22})`).FindStringSubmatch(view)
	require.NotNil(t, personal, view)
	assert.True(t, strings.HasPrefix(personal[1], link), "on the room's own address")
	bo := newPhone(t)
	page := bo.read(bo.c.Get(personal[1]))
	assert.Contains(t, page, "Bo · question", "the personal link joins Bo with no name to pick")
	press(a, "L")
	assert.NotContains(t, a.View(), "Bo: http", "L again shows the progress")
	assert.Contains(t, a.View(), "of 3 online")

	a.Update(tea.WindowSizeMsg{Width: 60, Height: 40}) // no QR code beside the text: the sentences read whole
	assert.Contains(t, a.View(), "Results hidden until you reveal them (v).")
	require.NoError(t, a.be.Store().Reveal(a.current.ID))
	r.progress.Revealed = true
	assert.Contains(t, strings.Join(strings.Fields(a.View()), " "), "The room sees none of them (s shows it how many chose each answer).")
	press(a, "s")
	assert.Contains(t, strings.Join(strings.Fields(a.View()), " "), "The room sees how many chose each answer, never who (s hides it).")
	assert.Contains(t, bo.read(bo.c.Get(link+"done")), "How the room answered", "the room sees the counts now")
	press(a, "s")
	assert.NotContains(t, bo.read(bo.c.Get(link+"done")), "How the room answered")
}

// TestAWorkshopWithItsRoomOpenIsNotDeleted: D on home asks to close the
// room first, and the workshop stays.
func TestAWorkshopWithItsRoomOpenIsNotDeleted(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	workshopFixture(t, a)
	press(a, "enter")
	submitRoomForm(t, a, roomValues{addr: "127.0.0.1:0"})
	require.Equal(t, "live", kind(a), a.err)
	t.Cleanup(a.Close)
	id := a.current.ID
	goHome(a)
	press(a, "D")
	assert.NotEqual(t, "delete", kind(a))
	assert.Equal(t, "the room of Acme Logistics is open: close it first on its room screen (o, then X)", a.err)
	_, err := a.be.Store().Load(id)
	assert.NoError(t, err, "the workshop stays")
	_, err = get(a.live.url())
	assert.NoError(t, err, "and its room still serves")
}

// TestPersonalLinksThatDoNotFitAreCounted: in a room bigger than the
// window, L says how many links it cannot show, as the progress does,
// rather than cut them off without a word.
func TestPersonalLinksThatDoNotFitAreCounted(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	workshopFixture(t, a)
	press(a, "enter")
	for i := range 30 {
		_, err := a.be.Store().AddParticipant(a.current.ID, store.Participant{Name: fmt.Sprintf("P%02d", i), Function: "it"})
		require.NoError(t, err)
	}
	submitRoomForm(t, a, roomValues{addr: "127.0.0.1:0"})
	require.Equal(t, "live", kind(a), a.err)
	t.Cleanup(a.Close)

	press(a, "L")
	view := fills(t, a)
	shown := regexp.MustCompile(`(?m)^\S+: http://127\.0\.0\.1:\d+/r/[^/]+/p/`).FindAllString(view, -1)
	more := regexp.MustCompile(`… and (\d+) more: a taller window shows them`).FindStringSubmatch(view)
	require.NotNil(t, more, view)
	assert.Equal(t, fmt.Sprint(33-len(shown)), more[1], "every participant's link is shown or counted")
	assert.Contains(t, view, "Ann: http", "sorted by name, the first ones shown")
}
