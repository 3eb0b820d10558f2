package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
	"github.com/seam-dev/seam/theme"
)

// actionsScreen is the open assessment's action register: the plan items
// adopted, with owner, due date and status, in the register's order
// (assessment.Register: overdue first). Two keys cycle a filter each, by
// status and by owner; enter edits the highlighted action. Below it, a
// follow-up says what the previous assessment's actions came to; past
// the last action, ↓ scrolls the page on to it. Its rows and that
// section are worked out when the register is read (and again when it
// changes or the window does), not on every frame.
type actionsScreen struct {
	back   any // where esc goes
	status int // in statusFilters
	// owner is the owner shown, when ownerOn; "" stands for no owner.
	owner   string
	ownerOn bool
	cursor  int
	// scroll is how many lines the page is scrolled down, past the last
	// action, to show what follows the register.
	scroll int

	rows    []actionRow
	owners  []string // every owner in the register, for o to cycle through
	overdue int      // in the whole register, whatever the filters
	idW     int      // the widest action id, owner
	ownerW  int
	review  []string // what the previous assessment's actions came to, laid out
}

// actionRow is an action as the register shows it.
type actionRow struct {
	store.Action
	title, do, doneWhen string
	overdue             bool
	// met: its question now stands at its target (the action stays).
	met bool
}

// statusFilter is one step of the status filter.
type statusFilter struct {
	label string
	keep  func(assessment.ActionStatus) bool
}

// statusFilters are what s cycles through: all, the open ones, then each
// status.
var statusFilters = func() []statusFilter {
	out := []statusFilter{{"all", func(assessment.ActionStatus) bool { return true }}, {"open", assessment.ActionStatus.Open}}
	for _, st := range assessment.ActionStatuses {
		out = append(out, statusFilter{st.Words(), func(s assessment.ActionStatus) bool { return s == st }})
	}
	return out
}()

func (s *actionsScreen) name() string { return "actions" }

// openActions shows the register, read again first when an answer was
// saved since it was read: what is met, and what the previous
// assessment's actions came to, follow the answers.
func (a *App) openActions(to showActions) tea.Cmd {
	if a.registerRev == a.current.Revision() {
		a.screen = newActions(a, to.back)
		return nil
	}
	be, ev := a.be, a.current
	return a.start(func() tea.Msg {
		reg, err := readRegister(be, ev)
		if err != nil {
			return registerChanged{err: err} // and stay
		}
		return registerChanged{ev: ev, register: reg, then: to}
	})
}

func newActions(a *App, back any) *actionsScreen {
	if back == nil {
		back = showResults{}
	}
	s := &actionsScreen{back: back}
	s.reload(a)
	return s
}

// reload works the rows out again from the register as read.
func (s *actionsScreen) reload(a *App) {
	// A workshop's scores are the room's secret until the reveal: no
	// action is said to be met before it.
	scored := !a.isWorkshop() || a.revealed()
	kept := make(map[string]store.Action, len(a.register.Actions))
	for _, act := range a.register.Actions {
		kept[act.Action] = act
	}
	owners := map[string]bool{}
	s.rows, s.overdue, s.idW, s.ownerW = nil, 0, len("ACTION"), len("OWNER")
	for _, e := range a.register.Entries {
		act := kept[e.Action] // as kept, with when it last changed
		owners[act.Owner] = true
		row := actionRow{Action: act, title: e.Title, do: e.Do, doneWhen: e.DoneWhen, overdue: e.Overdue, met: scored && e.Met}
		if row.overdue {
			s.overdue++
		}
		// The columns fit the whole register, so that a filter does not
		// move them.
		s.idW = max(s.idW, len(act.Action))
		s.ownerW = max(s.ownerW, lipgloss.Width(safetext.Line(act.Owner)))
		if !statusFilters[s.status].keep(act.Status) || (s.ownerOn && act.Owner != s.owner) {
			continue
		}
		s.rows = append(s.rows, row)
	}
	s.idW, s.ownerW = min(s.idW, 16), min(s.ownerW, 20)
	s.owners = s.owners[:0]
	for o := range owners {
		s.owners = append(s.owners, o)
	}
	slices.SortFunc(s.owners, func(x, y string) int { return cmp.Compare(strings.ToLower(x), strings.ToLower(y)) })
	if s.ownerOn && !owners[s.owner] { // the owner filtered on is gone
		s.ownerOn = false
		s.reload(a)
		return
	}
	s.cursor = max(0, min(s.cursor, len(s.rows)-1))
	s.resize(a)
}

// resize lays out again what follows the register, for the window.
func (s *actionsScreen) resize(a *App) {
	s.review = reviewLines(a)
	s.scroll = max(0, min(s.scroll, s.maxScroll(a)))
}

func (s *actionsScreen) selected() (actionRow, bool) {
	if len(s.rows) == 0 {
		return actionRow{}, false
	}
	return s.rows[s.cursor], true
}

func (s *actionsScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	keys := a.keys
	switch {
	case key.Matches(k, keys.Down) && s.cursor >= len(s.rows)-1:
		// Past the last action the page goes on.
		s.scroll = min(s.scroll+1, s.maxScroll(a))
		return nil
	case key.Matches(k, keys.Up) && s.scroll > 0:
		s.scroll--
		return nil
	}
	if moveCursor(keys, k, &s.cursor, len(s.rows)) {
		return nil
	}
	switch {
	case key.Matches(k, keys.Enter):
		if row, ok := s.selected(); ok {
			return editAction(a, row, nil)
		}
	case key.Matches(k, keys.StatusFilter):
		s.status, s.scroll = (s.status+1)%len(statusFilters), 0
		s.reload(a)
	case key.Matches(k, keys.OwnerFilter):
		s.cycleOwner()
		s.scroll = 0
		s.reload(a)
	case key.Matches(k, keys.Results):
		return resultsIfRevealed(a)
	case key.Matches(k, keys.Back):
		return a.navigate(s.back)
	}
	return nil
}

// cycleOwner shows the next owner in the register, then all again.
func (s *actionsScreen) cycleOwner() {
	if !s.ownerOn {
		if len(s.owners) > 0 {
			s.owner, s.ownerOn = s.owners[0], true
		}
		return
	}
	i := slices.Index(s.owners, s.owner)
	if i < 0 || i+1 >= len(s.owners) {
		s.owner, s.ownerOn = "", false
		return
	}
	s.owner = s.owners[i+1]
}

// ownerWords is an owner as the register shows it.
func ownerWords(owner string) string {
	if owner == "" {
		return "–"
	}
	return safetext.Line(owner)
}

// filterWords says the filters: "status all · owner Ann".
func (s *actionsScreen) filterWords() string {
	owner := "all"
	if s.ownerOn {
		owner = ownerWords(s.owner)
		if s.owner == "" {
			owner = "none"
		}
	}
	return "status " + statusFilters[s.status].label + " · owner " + owner
}

func (s *actionsScreen) view(a *App) (string, bindings) {
	k := a.keys
	keys := bindings{
		short: []key.Binding{short(k.Up, "↑/↓", "move"), short(k.Edit, "enter", "edit"), k.StatusFilter, k.OwnerFilter, k.Results, k.Back, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, short(k.Edit, "enter", "edit")}, {k.StatusFilter, k.OwnerFilter, k.Results}, {k.Back, k.Quit, k.Help}},
	}
	lines, h := s.page(a), a.roomLeft()
	top := max(0, min(s.scroll, len(lines)-h))
	lines = lines[top:]
	if len(lines) > h {
		lines = append(lines[:h-1], a.st.Subtle.Render(fmt.Sprintf("    ↓ %d more lines", len(lines)-h+1)))
	}
	return join(lines), keys
}

// maxScroll is how far the page scrolls: to its last line at the
// window's foot.
func (s *actionsScreen) maxScroll(a *App) int { return max(0, len(s.page(a))-a.roomLeft()) }

// page is every line of the screen, top down: the register fitted to the
// window, then what follows it.
func (s *actionsScreen) page(a *App) []string {
	lines := s.registerLines(a)
	if len(s.review) > 0 {
		lines = append(append(lines, ""), s.review...)
	}
	return lines
}

// registerLines draws the register: its counts and filters, the rows
// that fit the window with the highlighted one's detail below them.
func (s *actionsScreen) registerLines(a *App) []string {
	st := a.st
	width, h := a.width, a.roomLeft()
	adopted := len(a.register.Entries)
	head := st.Title.Render("Action register") + st.Subtle.Render(fmt.Sprintf(" · %d adopted", adopted))
	if s.overdue > 0 {
		head += st.Bad.Render(fmt.Sprintf(" · %d overdue", s.overdue))
	}
	lines := []string{theme.Cut(head, width), st.Subtle.Render(theme.Cut("Showing "+s.filterWords()+" (s, o) · ! overdue · ✓ its question at target", width)), ""}
	if adopted == 0 {
		return append(lines, strings.Split(theme.Wrap("Nothing adopted yet. On the results (r), move to an item of the plan and press a to adopt it; "+
			"then name its owner and due date here with enter.", min(width, 90)), "\n")...)
	}
	if len(s.rows) == 0 {
		return append(lines, theme.Wrap("No action is "+s.filterWords()+". Press s or o until the one you look for shows.", min(width, 90)))
	}
	// The mark, id, owner, due date and status take their columns; the
	// title what is left.
	fixed := 2 + 2 + s.idW + 2 + s.ownerW + 2 + 10 + 2 + 13 + 2
	titleW := width - fixed
	header := fmt.Sprintf("    %-*s  %-*s  %-10s  %-13s", s.idW, "ACTION", s.ownerW, "OWNER", "DUE", "STATUS")
	if titleW >= 8 {
		header += "  WHAT"
	}
	lines = append(lines, st.Subtle.Render(header))
	detail := s.detail(a)
	room := max(1, h-len(lines)-len(detail)-1)
	top := max(0, min(s.cursor-room/2, len(s.rows)-room))
	for i := top; i < len(s.rows) && i < top+room; i++ {
		lines = append(lines, s.rowLine(a, s.rows[i], i == s.cursor, titleW))
	}
	if len(s.rows) > room {
		lines = append(lines, st.Subtle.Render(fmt.Sprintf("    %d of %d shown: ↑/↓ scroll", room, len(s.rows))))
	} else {
		lines = append(lines, "")
	}
	return append(lines, detail...)
}

// rowLine draws one action: ! marks it overdue, ✓ its question at target.
func (s *actionsScreen) rowLine(a *App, row actionRow, cursor bool, titleW int) string {
	st := a.st
	mark := " "
	switch {
	case row.overdue:
		mark = "!"
	case row.met:
		mark = "✓"
	}
	due := string(row.Due)
	if due == "" {
		due = "–"
	}
	text := fmt.Sprintf("%s %-*s  %-*s  %-10s  %-13s", mark, s.idW, theme.Cut(row.Action.Action, s.idW), s.ownerW,
		theme.Cut(ownerWords(row.Owner), s.ownerW), due, row.Status.Words())
	if titleW >= 8 {
		text += "  " + theme.Cut(safetext.Line(row.title), titleW)
	}
	switch {
	case cursor:
		return st.Selected.Render("▸ " + text)
	case row.overdue:
		return "  " + st.Bad.Render(text)
	}
	return "  " + text
}

// detail is what the highlighted action says in full.
func (s *actionsScreen) detail(a *App) []string {
	row, ok := s.selected()
	if !ok {
		return nil
	}
	st, w := a.st, min(a.width, 100)-3
	out := []string{st.Accent.Render(theme.Cut("── "+row.Action.Action+" · "+safetext.Line(row.title), w+3))}
	// A tall window shows the texts whole (up to a few lines each), a
	// short one a line of each.
	tall := a.roomLeft() >= 20
	add := func(label, text string, lines int) {
		if text == "" {
			return
		}
		if !tall {
			lines = 1
		}
		wrapped := strings.Split(theme.Wrap(st.Subtle.Render(label)+" "+safetext.Line(text), w), "\n")
		if len(wrapped) > lines {
			wrapped = wrapped[:lines]
			wrapped[lines-1] = theme.Cut(wrapped[lines-1]+" …", w)
		}
		for _, l := range wrapped {
			out = append(out, "   "+strings.TrimRight(l, " "))
		}
	}
	add("Do:", row.do, 3)
	add("Done when:", row.doneWhen, 2)
	if row.Reason != "" {
		add(row.Status.Words()+":", row.Reason, 2)
	}
	add("Notes:", row.Notes, 3)
	var facts []string
	switch {
	case row.overdue:
		facts = append(facts, st.Bad.Render("overdue since "+string(row.Due)))
	case row.met:
		facts = append(facts, st.Good.Render(row.Question+" is at its target now"))
	}
	facts = append(facts, "last changed "+row.UpdatedAt.Local().Format("2006-01-02"))
	out = append(out, "   "+theme.Cut(strings.Join(facts, st.Subtle.Render(" · ")), w))
	return out
}
