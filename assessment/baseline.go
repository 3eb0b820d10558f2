package assessment

import "github.com/seam-dev/seam/questionnaire"

// BaselineValue is one of the organisation's own figures as recorded in
// the baseline chapter: a number in the figure's unit, or don't know.
// Baseline figures are never scored; they are where the KPIs start from.
type BaselineValue struct {
	Value    float64 `json:"value"`
	DontKnow bool    `json:"dont_know,omitempty"`
}

// Format writes the value in the figure's unit, or "don't know".
func (v BaselineValue) Format(u questionnaire.Unit) string {
	if v.DontKnow {
		return "don't know"
	}
	return u.Format(v.Value)
}
