package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// participantsScreen is the facilitator's home of a workshop: who takes
// part and how far each has answered, refreshed while it is shown.
type participantsScreen struct{ cursor int }

func (p *participantsScreen) name() string { return "workshop" }

// newParticipants opens the participants, the cursor on selecting (a
// name) if given.
func newParticipants(a *App, selecting string) *participantsScreen {
	p := &participantsScreen{}
	for i, part := range a.current.Participants {
		if part.Name == selecting {
			p.cursor = i
		}
	}
	return p
}

func (p *participantsScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	keys, people := a.keys, a.current.Participants
	p.cursor = max(0, min(p.cursor, len(people)-1))
	if moveCursor(keys, k, &p.cursor, len(people)) {
		return nil
	}
	switch {
	case key.Matches(k, keys.New):
		return askParticipant(a)
	case key.Matches(k, keys.Enter):
		if len(people) == 0 {
			return nil
		}
		a.who, a.answering = people[p.cursor].Name, true
		a.say("Answering as %s. The others' answers stay hidden.", safetext.Line(a.who))
		return a.navigate(showQuestion{resume: true})
	case key.Matches(k, keys.Serve):
		return serveKey(a)
	case key.Matches(k, keys.Actions):
		return a.navigate(showActions{back: showWorkshop{}})
	case key.Matches(k, keys.Reassess):
		return reassessOpen(a)
	case isRoomKey(keys, k):
		return openRoom(a, k)
	case key.Matches(k, keys.Back):
		return a.navigate(showHome{})
	}
	return nil
}

func (p *participantsScreen) view(a *App) (string, bindings) {
	k, l, st := a.keys, a.current, a.st
	keys := bindings{
		short: []key.Binding{short(k.Enter, "enter", "answer as"), short(k.New, "n", "add participant"), k.Serve, k.Heatmap, k.Queue, k.Results, k.Report, k.Back, k.Help},
		full: [][]key.Binding{{k.Up, k.Down, k.Enter, k.New}, {k.Serve, k.Heatmap, k.Queue, k.Results, k.Report}, {k.Actions, k.Reassess},
			{k.Back, k.Quit, k.Help}},
	}
	if a.openHere() {
		keys.short[2] = short(k.Serve, "o", "room")
	}
	var b []string
	b = append(b, st.Title.Render("Workshop · "+safetext.Line(l.Organization)+" · "+safetext.Line(l.Title)))
	state := "results hidden until you reveal them"
	if l.RevealedAt != nil {
		state = "results revealed"
	}
	b = append(b, st.Subtle.Render(fmt.Sprintf("%d participants · %s · refreshes every %s", len(l.Participants), state, refreshEvery)))
	if a.openHere() {
		b = append(b, st.Good.Render(theme.Cut("Room open at "+a.live.url()+" · o shows it", a.width)))
	}
	b = append(b, "")
	if len(l.Participants) == 0 {
		b = append(b, "No participants yet. Press "+st.Selected.Render("n")+" to add the first; each then answers on their own.")
		return join(b), keys
	}
	// Role, function and progress take 50 cells with their gaps.
	nameW := max(10, min(30, a.width-52))
	b = append(b, st.Subtle.Render(fmt.Sprintf("  %-*s  %-16s  %-9s  %s", nameW, "PARTICIPANT", "ROLE", "FUNCTION", "PROGRESS")))
	total := l.Instrument.QuestionCount()
	answered := map[string]int{}
	for _, r := range l.Answers {
		answered[r.Participant]++
	}
	cursor := max(0, min(p.cursor, len(l.Participants)-1))
	for i, part := range l.Participants {
		n := answered[part.Name]
		v := 1 + 4*float64(n)/float64(total)
		row := fmt.Sprintf("%-*s  %-16s  %-9s  %s %d/%d", nameW, theme.Cut(safetext.Line(part.Name), nameW), theme.Cut(safetext.Line(part.Role), 16),
			part.Function, theme.BarCells(&v, 0, 12), n, total)
		if i == cursor {
			b = append(b, st.Selected.Render("▸ "+row))
		} else {
			b = append(b, "  "+row)
		}
	}
	return join(b), keys
}

// join makes lines a body.
func join(lines []string) string { return strings.Join(lines, "\n") + "\n" }

// isRoomKey tells a key that opens a view of everyone's answers: m the
// heatmap, c the discussion queue, r the results, p the report.
func isRoomKey(keys keyMap, k tea.KeyMsg) bool {
	return key.Matches(k, keys.Heatmap) || key.Matches(k, keys.Queue) || key.Matches(k, keys.Results) || key.Matches(k, keys.Report)
}

// openRoom opens the view a room key names, asking to reveal first.
func openRoom(a *App, k tea.KeyMsg) tea.Cmd {
	view := roomReport
	switch {
	case key.Matches(k, a.keys.Heatmap):
		view = roomHeatmap
	case key.Matches(k, a.keys.Queue):
		view = roomQueue
	case key.Matches(k, a.keys.Results):
		view = roomResults
	}
	return a.navigate(showRoom{view: view})
}
