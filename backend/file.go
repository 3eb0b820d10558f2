package backend

import (
	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/files"
	"github.com/seam-dev/seam/questionnaire"
)

// ReadAnswersFile reads an answers file against an instrument; every
// problem is named as FILE:LINE.
func ReadAnswersFile(path string, inst *questionnaire.Instrument) (assessment.AnswersFile, error) {
	data, err := files.Read(path, questionnaire.MaxFileSize)
	if err != nil {
		return assessment.AnswersFile{}, err
	}
	return assessment.ParseAnswersFile(path, data, inst)
}

// FileEvaluation is an answers file evaluated without a database.
type FileEvaluation struct {
	File assessment.AnswersFile
	assessment.Evaluation
}

// EvaluateFile reads an answers file against the instrument in
// instrumentPath (empty for the built-in one) and evaluates it. target is
// every mode's target (1–5); the targets in the file win for the modes
// they name.
func EvaluateFile(answersPath, instrumentPath string, target int) (*FileEvaluation, error) {
	inst, err := Instrument(instrumentPath)
	if err != nil {
		return nil, err
	}
	file, err := ReadAnswersFile(answersPath, inst)
	if err != nil {
		return nil, err
	}
	targets := map[string]int{}
	for _, m := range inst.Modes {
		targets[m.ID] = target
	}
	for mode, t := range file.Targets {
		targets[mode] = t
	}
	r := assessment.Responses{Instrument: inst, Answers: file.Answers, Targets: targets, Baseline: file.Baseline}
	return &FileEvaluation{File: file, Evaluation: assessment.Evaluate(r)}, nil
}
