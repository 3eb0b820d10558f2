package backend

import "github.com/seam-dev/seam/assessment"

// WithCapacity is the assessment evaluated with another capacity for the
// plan (effort points per horizon), for one run of a command: nothing is
// stored. 0 keeps the assessment's own.
func (e *Evaluated) WithCapacity(capacity int) *Evaluated {
	if capacity == 0 {
		return e
	}
	r := e.Responses()
	r.Capacity = capacity
	return &Evaluated{Loaded: e.Loaded, Evaluation: assessment.Evaluate(r)}
}

// WithCapacity is the answers file evaluated with another capacity for
// the plan; 0 keeps the default.
func (f *FileEvaluation) WithCapacity(capacity int) *FileEvaluation {
	if capacity == 0 {
		return f
	}
	r := f.Responses
	r.Capacity = capacity
	return &FileEvaluation{File: f.File, Responses: r, Evaluation: assessment.Evaluate(r)}
}
