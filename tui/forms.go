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

// openForm shows an embedded huh form; done runs when it completes, esc
// returns to back without running it.
func (a *App) openForm(form *huh.Form, back screen, done func(a *App) tea.Cmd) tea.Cmd {
	a.form = form.WithShowHelp(true).WithWidth(min(a.width, 100)).WithHeight(a.bodyHeight())
	a.formDone, a.formBack = done, back
	a.screen = screenForm
	return a.form.Init()
}

func (a *App) updateForm(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "esc" {
		a.closeForm()
		a.say("Cancelled: nothing changed.")
		return nil
	}
	m, cmd := a.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		a.form = f
	}
	switch a.form.State {
	case huh.StateCompleted:
		done := a.formDone
		a.closeForm()
		return tea.Batch(cmd, done(a))
	case huh.StateAborted:
		a.closeForm()
		return nil
	}
	return cmd
}

func (a *App) closeForm() {
	a.screen = a.formBack
	a.form, a.formDone = nil, nil
}

// newValues are the fields of the new-assessment form.
type newValues struct {
	org, title, scope, instrument string
	workshop                      bool
	targets                       []int
}

// openNewForm asks for a new assessment; on a problem it opens again with
// what was typed and says what is wrong.
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
	return a.showNewForm(v, inst)
}

func (a *App) showNewForm(v *newValues, inst *questionnaire.Instrument) tea.Cmd {
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
	return a.openForm(huh.NewForm(about, targets), screenHome, func(a *App) tea.Cmd {
		created, err := a.createFrom(v, inst)
		if err != nil {
			a.fail(err)
			return a.showNewForm(v, inst)
		}
		if err := a.open(created.ID); err != nil {
			a.fail(err)
			return nil
		}
		a.reloadHome()
		if v.workshop {
			a.say("Created workshop %s. Add its participants with n.", created.ID)
			return a.showParticipants()
		}
		a.say("Created %s. Answer with 1-5; every answer is saved at once.", created.ID)
		a.showQuestion(0)
		return nil
	})
}

func (a *App) createFrom(v *newValues, inst *questionnaire.Instrument) (store.Assessment, error) {
	if strings.TrimSpace(v.org) == "" {
		return store.Assessment{}, errors.New("not created: the organization is required")
	}
	// The targets are asked per mode of the built-in instrument; a custom
	// one with other modes keeps the default for those.
	targets := map[string]int{}
	for i, m := range inst.Modes {
		if i < len(v.targets) {
			targets[m.ID] = v.targets[i]
		}
	}
	created, err := a.be.Create(backend.NewAssessment{Organization: v.org, Title: v.title, Scope: v.scope, Workshop: v.workshop,
		InstrumentFile: v.instrument, Targets: targets})
	if err != nil {
		return created, fmt.Errorf("not created: %w", err)
	}
	return created, nil
}
