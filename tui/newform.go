package tui

import (
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
)

// newValues are the fields of the new-assessment form; they outlive a
// refused form, which opens again with what was typed.
type newValues struct {
	org, title, scope, instrument string
	workshop                      bool
	targets                       []int
}

// showNewForm opens the new-assessment form again after a refusal.
type showNewForm struct{ values *newValues }

// openNewForm asks for a new assessment.
func (a *App) openNewForm() tea.Cmd {
	inst, err := questionnaire.Default()
	if err != nil {
		a.fail(err)
		return nil
	}
	v := &newValues{targets: make([]int, len(inst.Modes))}
	for i := range v.targets {
		v.targets[i] = assessment.DefaultTarget
	}
	return a.newForm(v)
}

// newForm asks for the organization, title, kind, scope, instrument and a
// target per failure mode of the built-in instrument (a custom instrument
// with other modes keeps the default target for those).
func (a *App) newForm(v *newValues) tea.Cmd {
	inst, err := questionnaire.Default()
	if err != nil {
		a.fail(err)
		return nil
	}
	about := huh.NewGroup(
		huh.NewInput().Title("Organization").Description("Whose integration strategy is assessed (required).").
			CharLimit(store.MaxNameLen).Value(&v.org),
		huh.NewInput().Title("Title").Description("For example \"Q3 self-check\" (optional).").CharLimit(store.MaxTitleLen).Value(&v.title),
		huh.NewSelect[bool]().Title("Kind").Options(huh.NewOption("Self-assessment: you answer alone", false),
			huh.NewOption("Workshop: several participants answer apart", true)).Inline(true).Value(&v.workshop),
		huh.NewText().Title("Scope").Description("What the assessment covers (optional).").CharLimit(store.MaxScopeLen).
			Lines(2).ExternalEditor(false).Value(&v.scope),
		huh.NewInput().Title("Custom instrument file").Description("Leave empty for the built-in questionnaire.").Value(&v.instrument),
	).Title("New assessment")
	var fields []huh.Field
	for i, m := range inst.Modes {
		var options []huh.Option[int]
		for l := 1; l <= questionnaire.Levels; l++ {
			options = append(options, huh.NewOption(fmt.Sprintf("%d %s", l, questionnaire.LevelName(l)), l))
		}
		fields = append(fields, huh.NewSelect[int]().Title(fmt.Sprintf("Target for %s %s", m.ID, safetext.Line(m.Name))).
			Options(options...).Inline(true).Value(&v.targets[i]))
	}
	targets := huh.NewGroup(fields...).Title("Targets").Description("The level each failure mode should reach; 4 Managed is the vanguard profile.")
	return a.openForm(huh.NewForm(about, targets), func(a *App) tea.Cmd {
		if strings.TrimSpace(v.org) == "" {
			a.fail(errors.New("not created: the organization is required"))
			return a.newForm(v)
		}
		byMode := map[string]int{}
		for i, m := range inst.Modes {
			byMode[m.ID] = v.targets[i]
		}
		be := a.be
		n := backend.NewAssessment{Organization: v.org, Title: v.title, Scope: v.scope, Workshop: v.workshop,
			InstrumentFile: v.instrument, Targets: byMode}
		return a.start(func() tea.Msg {
			created, err := be.Create(n)
			if err != nil {
				return failed{err: fmt.Errorf("not created: %w", err), then: showNewForm{values: v}}
			}
			ev, err := be.Load(created.ID)
			if err != nil {
				return failed{err: err, then: showHome{}}
			}
			if n.Workshop {
				return opened{ev: ev, then: thenSay{fmt.Sprintf("Created workshop %s. Add its participants with n.", created.ID), showWorkshop{}}}
			}
			return opened{ev: ev, then: thenSay{fmt.Sprintf("Created %s. Answer with 1-5; every answer is saved at once.", created.ID), showQuestion{}}}
		})
	})
}

// thenSay shows a status and then goes where then says.
type thenSay struct {
	status string
	then   any
}
