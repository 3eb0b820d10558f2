package tui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

// baselineScreen is the baseline chapter: the organisation's own figures
// that the plan's KPIs start from, one per line with its value and unit,
// the highlighted one's question in full. Enter edits a value in a form
// that checks it as it is typed (backend's ParseFigure, the rules every
// front end uses); d records don't know, del clears. Each save is a job:
// a figure shows as saved only once its commit has returned.
type baselineScreen struct {
	cursor int
}

func (s *baselineScreen) name() string { return "baseline" }

// figures lists the instrument's baseline figures.
func figures(a *App) []questionnaire.Figure { return a.current.Instrument.Baseline }

func (s *baselineScreen) key(a *App, k tea.KeyMsg) tea.Cmd {
	keys, all := a.keys, figures(a)
	if len(all) == 0 {
		if key.Matches(k, keys.Back) || key.Matches(k, keys.Chapters) {
			return a.navigate(showChapters{at: 1})
		}
		return nil
	}
	s.cursor = max(0, min(s.cursor, len(all)-1))
	if moveCursor(keys, k, &s.cursor, len(all)) {
		return nil
	}
	fg := &all[s.cursor]
	switch {
	case key.Matches(k, keys.Edit):
		return s.edit(a, fg)
	case key.Matches(k, keys.DontKnow):
		return s.save(a, fg, &assessment.BaselineValue{DontKnow: true})
	case key.Matches(k, keys.Clear):
		if _, recorded := a.current.Baseline[fg.ID]; !recorded {
			a.say("%s is not recorded: nothing to clear.", safetext.Line(fg.Name))
			return nil
		}
		return s.save(a, fg, nil)
	case key.Matches(k, keys.Next):
		a.say("The baseline is optional: on to the questions.")
		return a.navigate(showQuestion{resume: true})
	case key.Matches(k, keys.Results):
		return resultsIfRevealed(a)
	case key.Matches(k, keys.Back), key.Matches(k, keys.Chapters):
		return a.navigate(showChapters{at: 0})
	}
	return nil
}

// errEmptyFigure asks for something to save when the field is emptied.
var errEmptyFigure = errors.New("type a number, dont-know or clear; esc leaves the figure as it is")

// edit asks for a figure's value: a number in its unit, dont-know or
// clear, checked as the user types and again when the form completes
// (huh refuses to complete while the check fails, and shows why under the
// field); nothing is saved until it passes.
func (s *baselineScreen) edit(a *App, fg *questionnaire.Figure) tea.Cmd {
	ev := a.current
	var text string
	if v, ok := ev.Baseline[fg.ID]; ok {
		text = v.Text()
	}
	check := func(t string) error {
		if strings.TrimSpace(t) == "" {
			return errEmptyFigure
		}
		_, err := ev.ParseFigure(fg.ID, t)
		return err
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title(safetext.Line(fg.Name) + " (" + unitWords(fg) + ")").
			Description(safetext.Line(fg.Question) + "\nA number, dont-know, or clear to leave it unrecorded.").
			CharLimit(40).Value(&text).Validate(check),
	))
	return a.openFittedForm(form, func(a *App) tea.Cmd {
		v, err := ev.ParseFigure(fg.ID, text)
		if err != nil { // the form checked it: only a change made meanwhile
			a.fail(fmt.Errorf("not saved: %w", err))
			return nil
		}
		return s.save(a, fg, v)
	})
}

// save records a figure's value (nil clears it) as a job.
func (s *baselineScreen) save(a *App, fg *questionnaire.Figure, v *assessment.BaselineValue) tea.Cmd {
	old, had := a.current.Baseline[fg.ID]
	if (v == nil && !had) || (v != nil && had && old == *v) {
		a.say("%s is unchanged.", safetext.Line(fg.Name))
		return nil
	}
	be, id, figure, name, unit := a.be, a.current.ID, fg.ID, safetext.Line(fg.Name), fg.Unit
	return a.start(func() tea.Msg {
		ev, err := be.SetBaseline(id, figure, v)
		if err != nil {
			return failed{err: fmt.Errorf("not saved: %w", err)}
		}
		if v == nil {
			return changed{ev: ev, status: fmt.Sprintf("✓ Cleared %s.", name)}
		}
		return changed{ev: ev, status: fmt.Sprintf("✓ Saved %s: %s.", name, v.Format(unit))}
	})
}

// unitWords says what a figure's value is.
func unitWords(fg *questionnaire.Figure) string {
	switch fg.Unit {
	case questionnaire.UnitPercent:
		return "a percentage, 0-100"
	case questionnaire.UnitCount:
		return "a whole number"
	case questionnaire.UnitDays:
		return "days"
	}
	return string(fg.Unit)
}

// recordedValue is what the screen shows of a figure.
func recordedValue(ev *backend.Evaluated, fg *questionnaire.Figure) string {
	if v, ok := ev.Baseline[fg.ID]; ok {
		return v.Format(fg.Unit)
	}
	return "not recorded"
}

func (s *baselineScreen) view(a *App) (string, bindings) {
	st, k := a.st, a.keys
	all := figures(a)
	keys := bindings{
		short: []key.Binding{k.Edit, k.DontKnow, k.Clear, short(k.Next, "→", "questions"), short(k.Back, "esc", "chapters"), k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Edit, k.DontKnow, k.Clear}, {k.Next, k.Results, k.Chapters}, {k.Back, k.Quit, k.Help}},
	}
	width := min(a.width, 100)
	var b []string
	n, of := a.current.Recorded()
	b = append(b, st.Title.Render("Baseline (optional, not scored)")+st.Subtle.Render(fmt.Sprintf(" · %d of %d recorded", n, of)))
	if len(all) == 0 {
		b = append(b, "", "This assessment's instrument has no baseline chapter.")
		return join(b), keys
	}
	for _, l := range strings.Split(theme.Wrap("Your organisation's own figures: where the plan's KPIs start from. "+
		"Record what you know; skipping any costs nothing.", width), "\n") {
		b = append(b, st.Subtle.Render(l))
	}
	b = append(b, "")
	s.cursor = max(0, min(s.cursor, len(all)-1))
	nameW, valueW := 10, 5
	for i := range all {
		nameW = max(nameW, len([]rune(safetext.Line(all[i].Name))))
		valueW = max(valueW, len([]rune(recordedValue(a.current, &all[i]))))
	}
	nameW = min(nameW, max(10, width-4-valueW-2-16))
	for i := range all {
		fg := &all[i]
		line := fmt.Sprintf("%-*s  %-*s  %s", nameW, theme.Cut(safetext.Line(fg.Name), nameW), valueW, recordedValue(a.current, fg), unitWords(fg))
		if i != s.cursor {
			b = append(b, "  "+theme.Cut(line, width-2))
			continue
		}
		b = append(b, st.Selected.Render("▸ "+theme.Cut(line, width-2)))
		question := safetext.Line(fg.Question)
		if whole, ok := a.current.Instrument.Figure(fg.PartOf); ok {
			question += " (Part of " + lowerFirst(safetext.Line(whole.Name)) + ": never more than it.)"
		}
		for _, l := range strings.Split(theme.Wrap(question, max(20, width-4)), "\n") {
			b = append(b, st.Subtle.Render("    "+l))
		}
	}
	b = append(b, "")
	if a.busy {
		b = append(b, st.Subtle.Render("Saving…"))
	} else {
		b = append(b, st.Subtle.Render(theme.Cut("enter types a value · d don't know · del clears · → goes on to the questions", width)))
	}
	return join(b), keys
}

// lowerFirst lowers a name's first letter to use it inside a sentence.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToLower(string(r[0])) + string(r[1:])
}
