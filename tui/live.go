package tui

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/serve"
)

// The live room: the facilitator serves the open workshop to the room
// from the app (package serve, in this process), participants answer on
// their own devices, and the room screen shows the join link and the
// progress the server pushes. One room at a time, of the workshop it was
// opened on; closing it, or leaving the app, shuts the server down once
// the answers under way are saved.

// defaultRoomAddr opens the room to the local network: a facilitator who
// starts it from the app means the room to join.
const defaultRoomAddr = "0.0.0.0:8765"

// liveRoom is a room being served.
type liveRoom struct {
	srv              *serve.Server
	workshop, org    string // the workshop's id and organization
	urls             []string
	secure, onlyHere bool
	qr               []string // the first link as a QR code, one string per line
	updates          <-chan serve.Progress
	unsubscribe      func()
	cancel           context.CancelFunc
	stopped          chan struct{} // closed when Serve has returned, its error in err
	err              error
	closeOnce        sync.Once
	asked            chan struct{} // a device asks for a name another holds
	// progress as last pushed, the join requests waiting for the
	// facilitator, whether the room sees the counts after the reveal, and
	// closed once the screen says so: read and written on the UI's
	// goroutine only.
	progress   serve.Progress
	requests   []serve.JoinRequest
	showCounts bool
	closed     bool
}

// roomValues are the fields of the form that opens the room; they outlive
// a refusal, which opens the form again with what was typed.
type roomValues struct{ addr, cert, key string }

// rooms keeps the room served where quitting finds it, even one a job
// started after the app's last message.
type rooms struct {
	mu   sync.Mutex
	room *liveRoom
	done bool // the app has quit: a room started now is closed at once
}

// keep makes r the room served, unless the app has quit.
func (rs *rooms) keep(r *liveRoom) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.done {
		return false
	}
	rs.room = r
	return true
}

// closeAll closes the room served, if any, and any started later.
func (rs *rooms) closeAll() {
	rs.mu.Lock()
	rs.done = true
	r := rs.room
	rs.mu.Unlock()
	if r != nil {
		r.close()
	}
}

// Messages of the live room.
type (
	// roomStarted reports a room listening and served.
	roomStarted struct{ room *liveRoom }
	// roomProgress carries progress the room's server pushed.
	roomProgress struct {
		room *liveRoom
		p    serve.Progress
	}
	// roomClosed reports a room's server stopped; asked is set when the
	// facilitator closed it (a job the keys waited for).
	roomClosed struct {
		room  *liveRoom
		err   error
		asked bool
	}
	// roomAsked reports a device waiting for the facilitator to confirm
	// the name it asked for.
	roomAsked struct{ room *liveRoom }
	// showLive opens the room screen of the open workshop.
	showLive struct{}
	// showRoomForm opens the form that opens the room.
	showRoomForm struct{}
)

// openLiveRoom listens where v says and serves the workshop there; on
// failure nothing is left listening. The form has checked the address.
func openLiveRoom(be *backend.Backend, id, org string, v roomValues) (*liveRoom, error) {
	if (v.cert == "") != (v.key == "") {
		return nil, errors.New("the TLS certificate and key go together: give both, or neither for plain HTTP")
	}
	var cfg *tls.Config
	if v.cert != "" {
		var err error
		if cfg, err = serve.TLSConfig(v.cert, v.key); err != nil {
			return nil, fmt.Errorf("reading the TLS certificate and key: %w", err)
		}
	}
	// The server's log would draw over the app: the room screen says
	// what the facilitator needs.
	asked := make(chan struct{}, 1)
	onAsk := func(serve.JoinRequest) { // the screen reads the requests itself: a nudge is enough
		select {
		case asked <- struct{}{}:
		default:
		}
	}
	srv, err := serve.New(be, id, serve.Options{Log: log.New(io.Discard, "", 0), TLS: cfg, OnJoinRequest: onAsk})
	if err != nil {
		return nil, err
	}
	ln, err := serve.Listen(v.addr)
	if err != nil {
		return nil, err
	}
	r := &liveRoom{srv: srv, workshop: id, org: org, urls: serve.JoinURLs(ln.Addr(), srv.Path(), cfg != nil),
		secure: cfg != nil, onlyHere: serve.OnlyHere(ln.Addr()), stopped: make(chan struct{}), asked: asked}
	r.qr = qrLines(r.urls[0])
	r.updates, r.unsubscribe = srv.Subscribe()
	r.progress = srv.Progress()
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() {
		r.err = srv.Serve(ctx, ln)
		close(r.stopped)
	}()
	return r, nil
}

// qrLines draws a link as a QR code in half blocks, its quiet zone
// included; low error correction keeps it small enough for 80×24, and a
// screen is never smudged. Nil if the link cannot be encoded.
func qrLines(link string) []string {
	q, err := qrcode.New(link, qrcode.Low)
	if err != nil {
		return nil
	}
	return strings.Split(strings.TrimRight(q.ToSmallString(false), "\n"), "\n")
}

// close shuts the room's server down, the requests under way (answers
// being saved) finished first, and stops its progress. Safe to call more
// than once and from any goroutine.
func (r *liveRoom) close() error {
	r.closeOnce.Do(func() {
		r.cancel()
		<-r.stopped
		r.unsubscribe()
	})
	return r.err
}

// url is the link participants join by: on the network if the room is
// open to it.
func (r *liveRoom) url() string { return r.urls[0] }

// openHere tells whether the room serving is the open workshop's.
func (a *App) openHere() bool {
	return a.live != nil && !a.live.closed && a.current != nil && a.live.workshop == a.current.ID
}

// serveKey opens the room of the open workshop: its screen if it is open,
// else the form that opens it. Another workshop's room must be closed
// first: one room at a time.
func serveKey(a *App) tea.Cmd {
	switch {
	case a.openHere():
		return a.navigate(showLive{})
	case a.live != nil && !a.live.closed:
		a.fail(fmt.Errorf("the room of %s is open: close it first on its room screen (open its workshop, o, then X)", safetext.Line(a.live.org)))
		return nil
	}
	return askRoom(a)
}

// askRoom asks where to listen, and for a TLS certificate and key if the
// answers should not travel in clear, then opens the room.
func askRoom(a *App) tea.Cmd {
	if a.roomValues == nil {
		a.roomValues = &roomValues{addr: defaultRoomAddr}
	}
	v := a.roomValues
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Listen on").
			Description("HOST:PORT. 0.0.0.0 opens the room to the local network; 127.0.0.1 to this computer only; port 0 picks a free one.").
			Value(&v.addr),
		huh.NewInput().Title("TLS certificate").Description("A PEM file, to serve HTTPS (optional; with its key).").Value(&v.cert),
		huh.NewInput().Title("TLS key").Description("The certificate's private key, a PEM file.").Value(&v.key),
	).Title("Open the room to the participants"))
	return a.openForm(form, func(a *App) tea.Cmd {
		v.addr, v.cert, v.key = strings.TrimSpace(v.addr), strings.TrimSpace(v.cert), strings.TrimSpace(v.key)
		if err := serve.CheckAddr(v.addr); err != nil {
			a.fail(fmt.Errorf("not opened: the address %w", err))
			return askRoom(a)
		}
		be, id, org, values, rs := a.be, a.current.ID, a.current.Organization, *v, a.rooms
		return a.start(func() tea.Msg {
			r, err := openLiveRoom(be, id, org, values)
			if err != nil {
				return failed{err: fmt.Errorf("not opened: %w", err), then: showRoomForm{}}
			}
			if !rs.keep(r) { // the app quit meanwhile
				r.close()
				return nil
			}
			return roomStarted{room: r}
		})
	})
}

// liveMessage takes the live room's messages.
func (a *App) liveMessage(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case roomStarted:
		a.busy = false
		a.live = msg.room
		a.say("The room is open: share the link or the QR code.")
		return tea.Batch(a.navigate(showLive{}), waitProgress(msg.room), waitAsked(msg.room), waitStopped(msg.room), a.replay())
	case roomProgress:
		if msg.room != a.live {
			return nil // a room closed since
		}
		msg.room.progress = msg.p
		msg.room.requests = msg.room.srv.JoinRequests() // a request may have lapsed
		return waitProgress(msg.room)
	case roomAsked:
		r := msg.room
		if r != a.live || r.closed {
			return nil
		}
		r.requests = r.srv.JoinRequests()
		if len(r.requests) > 0 {
			q := r.requests[len(r.requests)-1]
			where := "the room screen (o) lets them in (a) or refuses (d)"
			if _, onRoom := a.screen.(*liveScreen); onRoom {
				where = "a lets them in, d refuses"
			}
			a.say("%s asks to join on another device: %s.", safetext.Line(q.Name), where)
		}
		return waitAsked(r)
	case roomClosed:
		if !msg.room.closed { // the first of the two reports of it
			msg.room.closed = true
			if msg.err != nil {
				a.fail(fmt.Errorf("the room stopped: %w", msg.err))
			} else {
				a.say("The room is closed: participants can no longer join or answer. Every answer given is saved.")
			}
		}
		if msg.asked {
			a.busy = false
			return a.replay()
		}
	}
	return nil
}

// waitProgress waits for the next progress the room pushes.
func waitProgress(r *liveRoom) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-r.updates
		if !ok {
			return nil // closed: nothing more comes
		}
		return roomProgress{room: r, p: p}
	}
}

// waitAsked waits for the next device asking for a name another holds.
func waitAsked(r *liveRoom) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-r.asked:
			return roomAsked{room: r}
		case <-r.stopped:
			return nil
		}
	}
}

// decide lets the oldest waiting device in as the name it asked for (the
// device holding it is signed out), or refuses it.
func (r *liveRoom) decide(a *App, allow bool) {
	if len(r.requests) == 0 {
		a.say("No device is waiting to join.")
		return
	}
	q := r.requests[0]
	err := r.srv.Decide(q.ID, allow)
	r.requests = r.srv.JoinRequests()
	name := safetext.Line(q.Name)
	switch {
	case err != nil:
		a.fail(err)
	case allow:
		a.say("Let %s in on the new device; the other device is signed out.", name)
	default:
		a.say("Refused the device asking to join as %s; %s stays on the first device.", name, name)
	}
}

// personalLinks are each participant's own link, joined with no name to
// pick, on the room's first address; sorted by name.
func (r *liveRoom) personalLinks() []string {
	base, err := url.Parse(r.url())
	if err != nil {
		return nil
	}
	links := r.srv.PersonalLinks()
	var out []string
	for _, name := range slices.Sorted(maps.Keys(links)) {
		u := *base
		u.Path = links[name]
		out = append(out, safetext.Line(name)+": "+u.String())
	}
	return out
}

// waitStopped reports the room's server stopped, whoever stopped it (the
// facilitator, or an error of its own).
func waitStopped(r *liveRoom) tea.Cmd {
	return func() tea.Msg {
		<-r.stopped
		return roomClosed{room: r, err: r.err}
	}
}

// closeRoom closes the open room: answers under way are saved first.
func closeRoom(a *App) tea.Cmd {
	r := a.live
	return a.start(func() tea.Msg { return roomClosed{room: r, err: r.close(), asked: true} })
}

// quit leaves the app, closing the room first if one is open: no server
// goroutine or listening socket outlives the app.
func (a *App) quit() tea.Cmd {
	if a.live == nil || a.live.closed {
		a.rooms.closeAll()
		return tea.Quit
	}
	a.say("Closing the room: answers under way are saved first…")
	rs := a.rooms
	return tea.Sequence(func() tea.Msg { rs.closeAll(); return nil }, tea.Quit)
}

// Close closes the room the app serves, if any. Quitting does it; Run
// calls it too, in case the program ended otherwise.
func (a *App) Close() { a.rooms.closeAll() }
