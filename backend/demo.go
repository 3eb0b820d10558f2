package backend

import (
	"fmt"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// The demo's fixed ids: adding the demo again finds them and adds nothing.
const (
	DemoSelfID     = "dem2se"
	DemoWorkshopID = "dem2ws"
)

// DemoSample is one of the demo's two samples as AddDemo left it.
type DemoSample struct {
	ID, Title string
	// Added is set when this run stored the sample; otherwise it was
	// already in the database and is left as it is.
	Added bool
}

// String says what became of the sample, as seam demo prints it.
func (d DemoSample) String() string {
	if d.Added {
		return fmt.Sprintf("added %s: %s", d.ID, d.Title)
	}
	return fmt.Sprintf("%s is already there: %s", d.ID, d.Title)
}

// AddDemo stores two clearly labelled samples of a fictional freight
// company, a self-assessment and a five-person workshop, in one
// transaction: both or, on a failure such as a full disk, neither. A
// sample already in the database (by its fixed id) is left as it is, so
// adding the demo twice adds nothing.
func (b *Backend) AddDemo() ([]DemoSample, error) {
	inst, err := questionnaire.Default()
	if err != nil {
		return nil, err
	}
	bundles := []*store.Bundle{demoSelf(inst), demoWorkshop(inst)}
	imported, err := b.store.ImportAll(bundles, store.ImportOptions{})
	if err != nil {
		return nil, err
	}
	out := make([]DemoSample, len(imported))
	for i, im := range imported {
		out[i] = DemoSample{ID: im.ID, Title: bundles[i].Assessment.Title, Added: !im.Existed}
	}
	return out, nil
}

// demoTime is the samples' fixed date, so the demo is the same everywhere.
var demoTime = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)

func demoBundle(inst *questionnaire.Instrument, id, title string, kind store.AssessmentKind, people []store.BundleParticipant) *store.Bundle {
	at := demoTime.Format(time.RFC3339)
	targets := map[string]int{}
	for _, m := range inst.Modes {
		targets[m.ID] = assessment.DefaultTarget
	}
	if _, ok := targets["m6"]; ok {
		targets["m6"] = 5 // the sample company had a costly outage
	}
	for i := range people {
		people[i].CreatedAt = at
	}
	return &store.Bundle{
		Format: store.BundleFormat, Version: store.BundleVersion, ExportedAt: at,
		Instrument: &store.BundleInstrument{ID: inst.ID, Version: inst.Version, Hash: inst.Hash(), Body: string(inst.Body())},
		Assessment: &store.BundleAssessment{ID: id, Organization: "Northwind Freight (sample)", Title: title, Scope: "Sample data made by seam demo",
			Kind: string(kind), Status: store.InProgress, Targets: targets, CreatedAt: at, UpdatedAt: at},
		Participants: people,
		Baseline:     demoBaseline(inst, at),
	}
}

// demoFigures are the sample company's own figures for the baseline
// chapter: the share of its IT budget spent on running what exists, its
// integrations and how many are point-to-point, projects that failed or
// ran late, and how far executives trust their data; nobody counts the
// data incidents the business reports.
var demoFigures = map[string]assessment.BaselineValue{
	"run-share":       {Value: 72},
	"integrations":    {Value: 140},
	"point-to-point":  {Value: 95},
	"projects-failed": {Value: 3},
	"data-incidents":  {DontKnow: true},
	"data-trust":      {Value: 35},
}

// demoBaseline records the demo's figures that the instrument's baseline
// chapter lists (none before instrument 1.1), in its order.
func demoBaseline(inst *questionnaire.Instrument, at string) []store.BundleFigure {
	var out []store.BundleFigure
	for _, fg := range inst.Baseline {
		v, ok := demoFigures[fg.ID]
		if !ok {
			continue
		}
		f := store.BundleFigure{Figure: fg.ID, DontKnow: v.DontKnow, At: at}
		if !v.DontKnow {
			f.Value = &v.Value
		}
		out = append(out, f)
	}
	return out
}

// The samples' answers, written as bundles carry them.
var dontKnow = assessment.Answer{Kind: assessment.DontKnow}.Value()

func level(l int) string { return assessment.Answer{Kind: assessment.Level, Level: l}.Value() }

// demoLevels is the sample company's picture: owners and strategy weak,
// mandates handled fairly well, failure barely planned for.
// Levels by question id; 0 is don't know, and a question not listed (of
// another instrument) is answered don't know too.
var demoLevels = map[string]int{
	"m1.q1": 3, "m1.q2": 2, "m1.q3": 2, "m1.q4": 3, "m1.q5": 2, "m1.q6": 1, "m1.q7": 2,
	"m2.q1": 2, "m2.q2": 2, "m2.q3": 3, "m2.q4": 1, "m2.q5": 2, "m2.q6": 2,
	"m3.q1": 1, "m3.q2": 2, "m3.q3": 2, "m3.q4": 1, "m3.q5": 2, "m3.q6": 0, "m3.q7": 2, "m3.q8": 1, "m3.q9": 3, "m3.q10": 2,
	"m4.q1": 3, "m4.q2": 4, "m4.q3": 2, "m4.q4": 3, "m4.q5": 3,
	"m5.q1": 4, "m5.q2": 3, "m5.q3": 2, "m5.q4": 1, "m5.q5": 2, "m5.q6": 2,
	"m6.q1": 1, "m6.q2": 0, "m6.q3": 2, "m6.q4": 2, "m6.q5": 1, "m6.q7": 1, "m6.q8": 2,
}

func demoSelf(inst *questionnaire.Instrument) *store.Bundle {
	b := demoBundle(inst, DemoSelfID, "Sample self-assessment (seam demo)", store.Self,
		[]store.BundleParticipant{{Name: "Sam Rivera", Role: "CIO", Function: "it"}})
	at := demoTime.Format(time.RFC3339)
	for _, m := range inst.Modes {
		for _, q := range m.Questions {
			a := store.BundleAnswer{Participant: "Sam Rivera", Question: q.ID, At: at, Answer: dontKnow}
			if l := demoLevels[q.ID]; l > 0 {
				a.Answer = level(l)
			}
			switch q.ID {
			case "m4.q2":
				a.Evidence = "Cloud placement criteria v2 (architecture wiki)"
			case "m5.q1":
				a.Evidence, a.Note = "Integration strategy 2026, owned by the CIO office", "Drafted in-house; a consultancy reviewed it"
			case "m6.q2":
				a.Note = "Operations say rollback exists; nobody has seen it tested"
			case "m3.q9":
				a.Evidence = "Integration security checklist, signed off per release"
			}
			b.Answers = append(b.Answers, a)
			b.History = append(b.History, a)
		}
	}
	return b
}

func demoWorkshop(inst *questionnaire.Instrument) *store.Bundle {
	people := []store.BundleParticipant{
		{Name: "Avery Chen", Role: "COO", Function: "business"},
		{Name: "Blake Osei", Role: "Head of Sales Operations", Function: "business"},
		{Name: "Casey Novak", Role: "CIO", Function: "it"},
		{Name: "Dana Kim", Role: "Chief Data Officer", Function: "data"},
		{Name: "Emery Silva", Role: "CISO", Function: "security"},
	}
	b := demoBundle(inst, DemoWorkshopID, "Sample workshop (seam demo)", store.Workshop, people)
	at := demoTime.Add(time.Hour).Format(time.RFC3339)
	// How each function leans against the company's picture: IT sees
	// itself as business-aligned, the business does not.
	lean := map[string]map[string]int{
		"business": {"m1": -1, "m2": -1, "m6": -1},
		"it":       {"m1": 2, "m2": 1, "m5": 1},
		"data":     {"m3": 1},
		"security": {"m6": 1},
	}
	for pi, p := range people {
		for _, m := range inst.Modes {
			for i, q := range m.Questions {
				a := store.BundleAnswer{Participant: p.Name, Question: q.ID, At: at, Answer: dontKnow}
				if base := demoLevels[q.ID]; base > 0 || pi%2 == 0 {
					l := max(1, base) + lean[p.Function][m.ID] + (pi+i)%3 - 1
					a.Answer = level(min(5, max(1, l)))
				}
				b.Answers = append(b.Answers, a)
				b.History = append(b.History, a)
			}
		}
	}
	b.Consensus = []store.BundleAnswer{{Question: "m1.q2", Answer: level(2), Note: "A steering group exists, but the business attends without decision rights", At: at}}
	return b
}
