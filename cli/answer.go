package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

func newAnswerCmd() *cobra.Command {
	var file, participant, note, evidence, reason string
	cmd := &cobra.Command{
		Use:   "answer ID (--answers FILE | QUESTION ANSWER)",
		Short: "Save answers to a stored assessment, from a file or one at a time",
		Long: `Answer saves answers to a stored assessment. With --answers FILE it applies
the whole answers file (the format of 'seam score') in one transaction: all of
it or none of it. With QUESTION ANSWER it saves one answer, for example
'seam answer k3f9q2 m3.q2 3 --evidence wiki/dq-standard'. ANSWER is 1 to 5,
dont-know or n/a (n/a needs --reason). Only the answers are taken from a file:
the assessment keeps its own organization, title and targets.`,
		Example: "  seam answer k3f9 --answers answers.yaml\n  seam answer k3f9 m6.q2 dont-know --note \"ask ops\"",
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case file != "" && len(args) == 1:
				return nil
			case file == "" && len(args) == 3:
				return nil
			case file != "":
				return usagef("with --answers, answer takes only the assessment ID")
			}
			return usagef("answer needs ID and either --answers FILE or QUESTION ANSWER")
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return withAssessment(args[0], func(s *store.Store, l *store.Loaded) error {
				p, err := l.Participant(participant)
				if err != nil {
					return err
				}
				var answers map[string]assessment.Answer
				if file != "" {
					answers, err = readAnswersFile(cmd, file, l.Instrument)
				} else {
					answers, err = oneAnswer(l.Instrument, args[1], args[2], note, evidence, reason)
				}
				if err != nil {
					return err
				}
				after, err := s.SaveAnswersLoaded(l.ID, p.Name, answers)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "saved %d answer(s) to %s (%d/%d questions answered)\n",
					len(answers), l.ID, after.AnsweredQuestions(), after.Instrument.QuestionCount())
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&file, "answers", "", "answers file to apply in one transaction")
	cmd.Flags().StringVar(&participant, "participant", "", "who answers (needed when the assessment has several participants)")
	cmd.Flags().StringVar(&note, "note", "", "a note with a single answer")
	cmd.Flags().StringVar(&evidence, "evidence", "", "evidence (a link or document name) with a single answer")
	cmd.Flags().StringVar(&reason, "reason", "", "why a single answer is n/a")
	return cmd
}

func readAnswersFile(cmd *cobra.Command, file string, inst *questionnaire.Instrument) (map[string]assessment.Answer, error) {
	data, err := questionnaire.ReadFile(file)
	if err != nil {
		return nil, err
	}
	sheet, err := assessment.ParseSheet(file, data, inst)
	if err != nil {
		return nil, err
	}
	if len(sheet.Targets) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "seam: note: the targets in %s are not applied to a stored assessment\n", file)
	}
	if len(sheet.Answers) == 0 {
		return nil, fmt.Errorf("%s: the file has no answers", file)
	}
	return sheet.Answers, nil
}

// oneAnswer builds a single answer from the command line, checked like a
// line of an answers file.
func oneAnswer(inst *questionnaire.Instrument, question, value, note, evidence, reason string) (map[string]assessment.Answer, error) {
	if _, ok := inst.Question(question); !ok {
		return nil, fmt.Errorf("unknown question id %q (see seam instrument show)", question)
	}
	a := assessment.Answer{Note: strings.TrimSpace(note), Evidence: strings.TrimSpace(evidence), Reason: strings.TrimSpace(reason)}
	switch v := strings.ToLower(strings.TrimSpace(value)); v {
	case assessment.WordDontKnow:
		a.Kind = assessment.DontKnow
	case assessment.WordNA:
		a.Kind = assessment.NotApplicable
	case "1", "2", "3", "4", "5":
		a.Kind, a.Level = assessment.Level, int(v[0]-'0')
	default:
		return nil, fmt.Errorf("%s: answer must be 1 to 5, %s or %s, not %q", question, assessment.WordDontKnow, assessment.WordNA, value)
	}
	if err := a.Validate(); err != nil {
		if a.Kind == assessment.NotApplicable && a.Reason == "" {
			return nil, fmt.Errorf("%s: n/a needs a reason: add --reason \"...\"", question)
		}
		return nil, fmt.Errorf("%s: %w", question, err)
	}
	return map[string]assessment.Answer{question: a}, nil
}
