package backend

import (
	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/store"
)

// DefaultRespondent answers a self-assessment created without naming one.
var DefaultRespondent = store.Participant{Name: "Respondent", Role: "CIO", Function: "it"}

// NewAssessment is what creating an assessment takes from a front end.
type NewAssessment struct {
	Organization, Title, Scope string
	// Workshop creates a facilitated workshop (participants are added
	// later) instead of a self-assessment.
	Workshop bool
	// InstrumentFile is a custom instrument; empty for the built-in one.
	InstrumentFile string
	// Target is every failure mode's target (0 for
	// assessment.DefaultTarget); Targets by mode id win over it, for the
	// modes the instrument has.
	Target  int
	Targets map[string]int
	// Capacity is the effort points each horizon of the plan holds (0 for
	// assessment.DefaultCapacity).
	Capacity int
	// Respondent answers a self-assessment; an empty name takes
	// DefaultRespondent.
	Respondent store.Participant
}

// Create stores a new assessment with the instrument and targets asked for.
func (b *Backend) Create(n NewAssessment) (store.Assessment, error) {
	inst, err := Instrument(n.InstrumentFile)
	if err != nil {
		return store.Assessment{}, err
	}
	target := n.Target
	if target == 0 {
		target = assessment.DefaultTarget
	}
	targets := map[string]int{}
	for _, m := range inst.Modes {
		targets[m.ID] = target
	}
	for mode, t := range n.Targets {
		if _, ok := targets[mode]; ok {
			targets[mode] = t
		}
	}
	kind, respondent := store.Self, n.Respondent
	if n.Workshop {
		kind = store.Workshop
	}
	if respondent.Name == "" {
		respondent = DefaultRespondent
	}
	return b.store.Create(store.NewAssessment{Organization: n.Organization, Title: n.Title, Scope: n.Scope, Kind: kind,
		Instrument: inst, Targets: targets, Capacity: n.Capacity, Respondent: respondent})
}
