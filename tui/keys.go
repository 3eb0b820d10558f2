package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// keyMap holds every binding of the app. A key means the same thing on
// every screen; each screen shows the bindings it uses in its help line.
type keyMap struct {
	Up, Down, Prev, Next, Enter, Back, Quit, Help key.Binding
	Level                                         [5]key.Binding
	DontKnow, NotApplicable, Why, Note, Evidence  key.Binding
	New, Results, Report, Delete, Explain, Save   key.Binding
	Heatmap, Queue, Names                         key.Binding
	Compare                                       key.Binding
	Yes, No                                       key.Binding
	Demo, FullLevels                              key.Binding
	Chapters, Edit, Clear                         key.Binding
	Serve, Reveal, CloseRoom                      key.Binding
	Admit, Refuse, Links, Counts                  key.Binding
	// Quarter after quarter: a follow-up, the action register, a plan
	// item adopted into it, and the register's two filters.
	Reassess, Actions, Adopt, StatusFilter, OwnerFilter key.Binding
}

func newKeyMap() keyMap {
	k := keyMap{
		Up:            key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:          key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Prev:          key.NewBinding(key.WithKeys("left", "h", "pgup"), key.WithHelp("←/h", "previous")),
		Next:          key.NewBinding(key.WithKeys("right", "l", "pgdown"), key.WithHelp("→/l", "next")),
		Enter:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Back:          key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Quit:          key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help:          key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "keys")),
		DontKnow:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "don't know")),
		NotApplicable: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "n/a")),
		Why:           key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "why")),
		Note:          key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note")),
		Evidence:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "evidence")),
		New:           key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Results:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "results")),
		Report:        key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "report")),
		Delete:        key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete")),
		Explain:       key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "explain")),
		Save:          key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save to file")),
		Heatmap:       key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "heatmap")),
		Queue:         key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "discuss")),
		Names:         key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "names")),
		Compare:       key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "since last time")),
		Yes:           key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:            key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),
		Demo:          key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "add the demo")),
		FullLevels:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "full levels")),
		Chapters:      key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "chapters")),
		Edit:          key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "edit")),
		Clear:         key.NewBinding(key.WithKeys("backspace", "delete"), key.WithHelp("del", "clear")),
		Serve:         key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open room")),
		Reveal:        key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "reveal")),
		CloseRoom:     key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "close room")),
		Admit:         key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "let in")),
		Refuse:        key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "refuse")),
		Links:         key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "personal links")),
		Counts:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "counts to the room")),
		Reassess:      key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "follow up")),
		Actions:       key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "actions")),
		Adopt:         key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "adopt")),
		StatusFilter:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "status")),
		OwnerFilter:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "owner")),
	}
	for i := range k.Level {
		d := string(rune('1' + i))
		k.Level[i] = key.NewBinding(key.WithKeys(d), key.WithHelp("1-5", "level"))
	}
	return k
}

// bindings is one screen's set, shown by the help bubble.
type bindings struct {
	short []key.Binding
	full  [][]key.Binding
}

func (b bindings) ShortHelp() []key.Binding  { return b.short }
func (b bindings) FullHelp() [][]key.Binding { return b.full }

// short is a binding with a shorter help text, for crowded help lines.
func short(b key.Binding, keys, desc string) key.Binding {
	s := key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(keys, desc))
	s.SetEnabled(b.Enabled())
	return s
}

// moveCursor moves a list's cursor on up or down, within n rows; it
// reports whether the key was one of those.
func moveCursor(keys keyMap, k tea.KeyMsg, cursor *int, n int) bool {
	switch {
	case key.Matches(k, keys.Up):
		*cursor = max(0, *cursor-1)
	case key.Matches(k, keys.Down):
		*cursor = max(0, min(n-1, *cursor+1))
	default:
		return false
	}
	return true
}
