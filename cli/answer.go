package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
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
			return withAssessment(args[0], func(b *backend.Backend, e *backend.Evaluated) error {
				p, err := e.Participant(participant)
				if err != nil {
					return err
				}
				var answers map[string]assessment.Answer
				if file != "" {
					answers, err = readAnswersFile(cmd, file, e.Instrument)
				} else {
					answers, err = oneAnswer(e.Instrument, args[1], args[2], note, evidence, reason)
				}
				if err != nil {
					return err
				}
				after, err := b.Answer(e.ID, p.Name, answers)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "saved %d answer(s) to %s (%d/%d questions answered)\n",
					len(answers), e.ID, after.AnsweredQuestions(), after.Instrument.QuestionCount())
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
	af, err := backend.ReadAnswersFile(file, inst)
	if err != nil {
		return nil, err
	}
	if len(af.Targets) > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "seam: note: the targets in %s are not applied to a stored assessment\n", file)
	}
	if len(af.Answers) == 0 {
		return nil, fmt.Errorf("%s: the file has no answers", file)
	}
	return af.Answers, nil
}

// oneAnswer builds a single answer from the command line, checked like a
// line of an answers file.
func oneAnswer(inst *questionnaire.Instrument, question, value, note, evidence, reason string) (map[string]assessment.Answer, error) {
	if _, ok := inst.Question(question); !ok {
		return nil, fmt.Errorf("unknown question id %q (see seam instrument show)", question)
	}
	a, err := assessment.ParseValue(value)
	if err != nil {
		return nil, fmt.Errorf("%s: answer %w", question, err)
	}
	a.Note, a.Evidence, a.Reason = strings.TrimSpace(note), strings.TrimSpace(evidence), strings.TrimSpace(reason)
	if err := a.Validate(); err != nil {
		if a.Kind == assessment.NotApplicable && a.Reason == "" {
			return nil, fmt.Errorf("%s: n/a needs a reason: add --reason \"...\"", question)
		}
		return nil, fmt.Errorf("%s: %w", question, err)
	}
	return map[string]assessment.Answer{question: a}, nil
}
