package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/safetext"
)

// JSONSchema names the version of the JSON report. Scripts depend on its
// keys: add keys freely, rename or remove none without raising the version.
const JSONSchema = "seam.report/v1"

// Document is the JSON report.
type Document struct {
	Schema string `json:"schema"`
	// Anonymous is set when participants are named by function: their
	// name is a label such as "Business 1" and their role is empty.
	Anonymous    bool                              `json:"anonymous,omitempty"`
	Assessment   DocumentAssessment                `json:"assessment"`
	Participants []Participant                     `json:"participants"`
	Instrument   DocumentInstrument                `json:"instrument"`
	Scorecard    assessment.Result                 `json:"scorecard"`
	Plan         assessment.Plan                   `json:"plan"`
	Explanations map[string]assessment.Explanation `json:"explanations"`
	// Workshop is present for workshops: the agreement per question, the
	// recorded consensus and every participant's answers.
	Workshop *DocumentWorkshop `json:"workshop,omitempty"`
	// Previous is present when the report compares with an earlier
	// assessment: which one, and what changed since (the shape of seam
	// compare --json's comparison).
	Previous *DocumentPrevious `json:"previous,omitempty"`
	// Register is present when plan items are adopted as actions: each
	// with its owner, due date and status, and where it stands in the
	// plan now.
	Register *DocumentRegister `json:"register,omitempty"`
}

// DocumentRegister is the action register as of a day (today, YYYY-MM-DD),
// overdue actions first, then by due date, then in the instrument's order.
type DocumentRegister struct {
	Today   string           `json:"today"`
	Overdue int              `json:"overdue"`
	Met     int              `json:"met"`
	Actions []DocumentAction `json:"actions"`
}

// DocumentAction is an adopted action: the plan item it stands for
// (question, action, title), its state (owner, due, status, reason,
// notes), whether it is overdue, whether its question is at its target
// now (met), and its rank and horizon when the plan holds it (0 and ""
// when it does not).
type DocumentAction struct {
	Question string `json:"question"`
	Action   string `json:"action"`
	Title    string `json:"title"`
	assessment.ActionState
	Overdue bool              `json:"overdue"`
	Met     bool              `json:"met"`
	Rank    int               `json:"rank"`
	Bucket  assessment.Bucket `json:"bucket"`
}

// DocumentPrevious is the earlier assessment a report compares with.
type DocumentPrevious struct {
	ID         string                `json:"id"`
	Title      string                `json:"title"`
	Date       string                `json:"date"`
	Comparison assessment.Comparison `json:"comparison"`
}

// DocumentWorkshop is the workshop part of the JSON report.
type DocumentWorkshop struct {
	Agreements []assessment.QuestionAgreement `json:"agreements"`
	Modes      []assessment.ModeAgreement     `json:"modes"`
	Consensus  map[string]string              `json:"consensus"`
	Votes      []Vote                         `json:"votes"`
}

// DocumentAssessment identifies the assessment.
type DocumentAssessment struct {
	ID           string `json:"id"`
	Organization string `json:"organization"`
	Title        string `json:"title"`
	Scope        string `json:"scope"`
	Kind         string `json:"kind"`
	Status       string `json:"status"`
	Date         string `json:"date"`
}

// DocumentInstrument identifies the instrument version.
type DocumentInstrument struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// NewDocument builds the JSON report, with the explanation of the overall
// index, every mode, every principle and every plan item keyed by its id.
func NewDocument(in Input) (Document, error) {
	in = in.anonymized()
	d := Document{
		Schema: JSONSchema, Anonymous: in.Anonymous,
		Assessment: DocumentAssessment{ID: in.ID, Organization: in.Organization, Title: in.Title, Scope: in.Scope,
			Kind: in.Kind, Status: in.Status, Date: in.Date.UTC().Format("2006-01-02T15:04:05Z")},
		Participants: in.Participants,
		Instrument:   DocumentInstrument{ID: in.Instrument.ID, Version: in.Instrument.Version, Hash: in.Instrument.Hash()},
		Scorecard:    in.Scorecard,
		Plan:         in.Plan,
		Explanations: map[string]assessment.Explanation{},
	}
	if d.Participants == nil {
		d.Participants = []Participant{}
	}
	if in.Agreement != nil {
		dw := &DocumentWorkshop{Agreements: in.Agreement.Questions, Modes: in.Agreement.Modes, Consensus: map[string]string{}, Votes: in.Votes}
		for _, ag := range in.Agreement.Questions {
			if ag.Consensus != nil {
				dw.Consensus[ag.Question] = ag.Consensus.Value()
			}
		}
		if dw.Votes == nil {
			dw.Votes = []Vote{}
		}
		d.Workshop = dw
	}
	if p := in.Previous; p != nil {
		d.Previous = &DocumentPrevious{ID: p.ID, Title: p.Title, Date: p.Date.UTC().Format("2006-01-02T15:04:05Z"), Comparison: p.Comparison}
	}
	if rows := in.registerRows(); rows != nil {
		dr := &DocumentRegister{Today: string(in.Register.Today), Actions: make([]DocumentAction, 0, len(rows))}
		for _, row := range rows {
			da := DocumentAction{Question: row.Question, Action: row.Action, Title: row.Title, ActionState: row.ActionState, Overdue: row.Overdue, Met: row.Met}
			if row.item != nil {
				da.Rank, da.Bucket = row.item.Rank, row.item.Bucket
			}
			if row.Overdue {
				dr.Overdue++
			}
			if row.Met {
				dr.Met++
			}
			dr.Actions = append(dr.Actions, da)
		}
		d.Register = dr
	}
	subjects := []string{"overall"}
	for _, ms := range in.Scorecard.Modes {
		subjects = append(subjects, ms.ID)
	}
	for _, ps := range in.Scorecard.Principles {
		subjects = append(subjects, ps.ID)
	}
	for _, it := range in.Plan.Items {
		subjects = append(subjects, ItemSubject(it))
	}
	for _, s := range subjects {
		e, err := in.Explain(s)
		if err != nil {
			return Document{}, fmt.Errorf("explaining %s: %w", s, err)
		}
		d.Explanations[s] = e
	}
	return d, nil
}

// JSON writes the JSON report, indented, keys in a fixed order. It is
// meant for display, so text passes safetext.JSONDisplay: a control
// character in a note shows as its picture, a bidirectional override is
// dropped.
func JSON(w io.Writer, in Input) error {
	d, err := NewDocument(in)
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(safetext.JSONDisplay(data), '\n'))
	return err
}
