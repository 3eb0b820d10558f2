package backend

// WithCapacity is the assessment with its plan built for another capacity
// (effort points per horizon), for one run of a command: nothing is
// stored. 0 keeps the assessment's own.
func (e *Evaluated) WithCapacity(capacity int) *Evaluated {
	if capacity == 0 {
		return e
	}
	return &Evaluated{Loaded: e.Loaded, Evaluation: e.Evaluation.WithCapacity(capacity)}
}

// WithCapacity is the answers file with its plan built for another
// capacity; 0 keeps the default.
func (f *FileEvaluation) WithCapacity(capacity int) *FileEvaluation {
	if capacity == 0 {
		return f
	}
	return &FileEvaluation{File: f.File, Evaluation: f.Evaluation.WithCapacity(capacity)}
}
