package tui

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/serve"
	"github.com/seam-dev/seam/theme"
)

// liveScreen is the room screen: the join link as a QR code and in text,
// what the room should know (unencrypted, this computer only), and each
// participant's progress as the server pushes it; from here the
// facilitator reveals, looks at the results and closes the room. It reads
// nothing from the database: the progress comes from the server.
type liveScreen struct {
	// confirming asks before the room is closed.
	confirming bool
	// links lists each participant's personal link instead of the
	// progress, while set.
	links []string
}

func (*liveScreen) name() string { return "room" }

// minSideWidth is the least width the text beside the QR code takes.
const minSideWidth = 30

func (s *liveScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	keys, r := a.keys, a.live
	if s.confirming {
		switch {
		case key.Matches(k, keys.Yes):
			s.confirming = false
			return closeRoom(a)
		case key.Matches(k, keys.No):
			s.confirming = false
			a.say("The room stays open.")
		}
		return nil
	}
	open := r != nil && !r.closed
	switch {
	case key.Matches(k, keys.Reveal):
		if a.revealed() {
			a.say("The results are revealed already: r shows them.")
			return nil
		}
		return a.navigate(showRoom{view: roomLive})
	case isRoomKey(keys, k):
		return openRoom(a, k)
	case key.Matches(k, keys.CloseRoom) && open:
		s.confirming = true
	case key.Matches(k, keys.Admit) && open:
		r.decide(a, true)
	case key.Matches(k, keys.Refuse) && open:
		r.decide(a, false)
	case key.Matches(k, keys.Links) && open:
		if s.links != nil {
			s.links = nil
			return nil
		}
		s.links = r.personalLinks()
		a.say("Personal links: each joins its participant with no name to pick. Hand each to its owner only.")
	case key.Matches(k, keys.Counts) && open:
		r.showCounts = !r.showCounts
		r.srv.ShowDistribution(r.showCounts)
		if r.showCounts {
			a.say("After the reveal the room sees how many chose each answer per question, never who.")
		} else {
			a.say("The room sees nothing of the results.")
		}
	case key.Matches(k, keys.Serve) && !open:
		return askRoom(a)
	case key.Matches(k, keys.Back):
		return a.navigate(showWorkshop{})
	}
	return nil
}

func (s *liveScreen) view(a *App) (string, bindings) {
	k, st, r := a.keys, a.st, a.live
	if s.confirming {
		return s.confirmView(a), bindings{short: []key.Binding{short(k.Yes, "y", "close the room"), short(k.No, "n", "keep it open")}}
	}
	full := [][]key.Binding{{k.Reveal, k.Results, k.Heatmap, k.Queue, k.Report}, {k.Admit, k.Refuse, k.Links, k.Counts}, {k.CloseRoom, k.Serve, k.Back, k.Quit, k.Help}}
	if r == nil || r.closed {
		keys := bindings{short: []key.Binding{k.Serve, k.Reveal, k.Results, k.Queue, k.Back, k.Help}, full: full}
		var b []string
		b = append(b, st.Bold.Render("The room is closed."), "")
		b = append(b, wrapAtSpaces("Participants can no longer join or answer; every answer given is saved. "+
			"Press o to open the room again: it gets a new link.", min(a.width, 90))...)
		if r != nil {
			b = append(b, "")
			b = append(b, a.st.Subtle.Render("As the room closed:"))
			b = append(b, progressLines(a, r.progress, min(a.width, 80), a.roomLeft()-len(b))...)
		}
		return join(b), keys
	}
	keys := bindings{short: []key.Binding{k.Reveal, k.Results, k.Queue, k.CloseRoom, k.Back, k.Help}, full: full}
	if len(r.requests) > 0 { // a device waits for the facilitator: those keys first
		keys.short = append([]key.Binding{k.Admit, k.Refuse}, keys.short...)
	}
	if s.links != nil {
		return linksView(a, r, s.links), bindings{short: []key.Binding{short(k.Links, "L", "progress"), k.CloseRoom, k.Back, k.Help}, full: full}
	}
	if len(r.qr) > 0 {
		qrW, qrH := ansi.StringWidth(r.qr[0]), len(r.qr)
		sideW := min(a.width-qrW-2, 60)
		head := wrapAtSpaces("Join at "+r.url(), a.width)
		if len(head) == 1 && sideW >= minSideWidth && 1+qrH <= a.roomLeft() {
			return qrView(a, r, head[0], sideW), keys
		}
		return urlView(a, r, fmt.Sprintf("No QR code: it needs a window of %d×%d or more, and this one is %d×%d. Share the link above, or enlarge the window.",
			qrW+2+minSideWidth, 1+qrH+3, a.width, a.height)), keys
	}
	return urlView(a, r, "No QR code: the link is too long for one."), keys
}

// qrView draws the link, then the QR code with the rest beside it.
func qrView(a *App, r *liveRoom, head string, sideW int) string {
	qrW := ansi.StringWidth(r.qr[0])
	side := roomNotes(a, r, sideW)
	var others []string
	for _, u := range r.urls[1:] {
		if p, err := url.Parse(u); err == nil {
			others = append(others, p.Host)
		}
	}
	if len(others) > 0 {
		side = append(side, wrapAtSpaces("Also at "+strings.Join(others, ", ")+", the same link otherwise.", sideW)...)
	}
	side = append(side, "")
	lines := []string{head}
	budget := a.roomLeft() - 1
	side = append(side, progressLines(a, r.progress, sideW, budget-len(side))...)
	for i := 0; i < max(len(r.qr), len(side)); i++ {
		left := strings.Repeat(" ", qrW)
		if i < len(r.qr) {
			left = r.qr[i] // drawn as it is: no style, no cut
		}
		right := ""
		if i < len(side) {
			right = theme.Cut(side[i], sideW)
		}
		lines = append(lines, strings.TrimRight(left+"  "+right, " "))
	}
	return join(lines)
}

// urlView draws the links in text only, and why there is no QR code.
func urlView(a *App, r *liveRoom, why string) string {
	w := min(a.width, 90)
	lines := wrapAtSpaces("Join at "+r.url(), a.width)
	for _, u := range r.urls[1:] {
		lines = append(lines, wrapAtSpaces("   also "+u, a.width)...)
	}
	lines = append(lines, roomNotes(a, r, w)...)
	lines = append(lines, a.st.Subtle.Render(theme.Wrap(why, w)), "")
	lines = append(lines, progressLines(a, r.progress, min(a.width, 80), a.roomLeft()-len(lines))...)
	return join(lines)
}

// linksView lists each participant's personal link, under the room's, and
// counts those the window has no room for.
func linksView(a *App, r *liveRoom, links []string) string {
	w := min(a.width, 100)
	lines := wrapAtSpaces("Join at "+r.url(), a.width)
	lines = append(lines, "", a.st.Bold.Render("Personal links"))
	lines = append(lines, wrapAtSpaces("Each joins its participant directly, with no name to pick, until the room closes. Hand each to its owner only.", w)...)
	if len(links) == 0 {
		lines = append(lines, "No participants: add them on the workshop screen (esc, then n).")
	}
	left := a.roomLeft() - len(lines)
	for i, l := range links {
		wrapped := wrapAtSpaces(l, a.width)
		if len(wrapped) > left || (len(wrapped) == left && i < len(links)-1) { // one line says how many more
			return join(append(lines, a.st.Subtle.Render(fmt.Sprintf("… and %d more: a taller window shows them", len(links)-i))))
		}
		lines, left = append(lines, wrapped...), left-len(wrapped)
	}
	return join(lines)
}

// roomNotes say what the facilitator should know: whether the results
// are revealed and what the room sees of them, a device waiting to be let
// in, and plainly when answers travel unencrypted or only this computer
// can join.
func roomNotes(a *App, r *liveRoom, w int) []string {
	st := a.st
	var out []string
	for i, q := range r.requests {
		if i == 1 {
			out = append(out, st.Warn.Render(fmt.Sprintf("%d more waiting.", len(r.requests)-1)))
			break
		}
		ask := fmt.Sprintf("%s asks to join from %s but is on another device already: a lets this one in (the other is signed out), d refuses.",
			safetext.Line(q.Name), safetext.Line(q.Addr))
		for _, l := range wrapAtSpaces(ask, w) {
			out = append(out, st.Warn.Render(l))
		}
	}
	switch {
	case (a.revealed() || r.progress.Revealed) && r.showCounts:
		out = append(out, st.Good.Render("Results revealed."))
		out = append(out, wrapAtSpaces("The room sees how many chose each answer, never who (s hides it).", w)...)
	case a.revealed() || r.progress.Revealed:
		out = append(out, st.Good.Render("Results revealed."))
		out = append(out, wrapAtSpaces("The room sees none of them (s shows it how many chose each answer).", w)...)
	default:
		out = append(out, wrapAtSpaces("Results hidden until you reveal them (v).", w)...)
	}
	if !r.secure {
		for _, l := range wrapAtSpaces("Answers travel unencrypted on the local network.", w) {
			out = append(out, st.Warn.Render(l))
		}
	}
	if r.onlyHere {
		for _, l := range wrapAtSpaces("Only this computer can join: listen on 0.0.0.0 to open the room to the local network.", w) {
			out = append(out, st.Warn.Render(l))
		}
	}
	return out
}

// progressLines lists each participant's progress and the total, in at
// most height lines of width w: those that do not fit are counted.
func progressLines(a *App, p serve.Progress, w, height int) []string {
	st := a.st
	n := len(p.Participants)
	out := []string{st.Bold.Render(p.Summary())}
	if n == 0 {
		return append(out, "No participants: add them on the workshop screen (esc, then n).")
	}
	rows := n
	if 1+rows > height {
		rows = max(0, height-2) // one line says how many more
	}
	digits := len(fmt.Sprint(p.Questions))
	nameW := max(6, min(24, w-digits*2-19))
	for _, j := range p.Participants[:rows] {
		mark, state := "○", "not joined"
		if j.Online {
			mark, state = "●", "online"
		}
		out = append(out, fmt.Sprintf("%s %-*s %*d of %d  %s", mark, nameW, theme.Cut(safetext.Line(j.Name), nameW), digits, j.Answered, p.Questions, state))
	}
	if rows < n {
		out = append(out, st.Subtle.Render(fmt.Sprintf("… and %d more: a taller window shows them", n-rows)))
	}
	return out
}

func (s *liveScreen) confirmView(a *App) string {
	st, r, w := a.st, a.live, min(a.width, 90)
	p := r.progress
	body := "\n" + st.Bold.Render("Close the room?") + "\n\n" +
		theme.Wrap("Participants can no longer join or answer. Answers being saved as you close it are saved first; every answer given stays saved.", w) + "\n\n" +
		fmt.Sprintf("So far: %d of %d answers, %d of %d participants online.", p.Answered(), p.Questions*len(p.Participants), p.Online(), len(p.Participants)) + "\n\n" +
		"Press " + st.Selected.Render("y") + " to close the room, " + st.Selected.Render("n") + " or esc to keep it open."
	return body
}
