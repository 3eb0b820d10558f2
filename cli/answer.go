package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
)

func newAnswerCmd() *cobra.Command {
	var file, participant, note, evidence, reason string
	cmd := &cobra.Command{
		Use:   "answer ID (--answers FILE | QUESTION ANSWER)",
		Short: "Save answers to a stored assessment, from a file or one at a time",
		Long: `Answer saves answers to a stored assessment. With --answers FILE it applies
the whole answers file (the format of 'seam score') in one transaction: all of
it or none of it, with the figures of its baseline: section if it has one
(see seam baseline). With QUESTION ANSWER it saves one answer, for example
'seam answer k3f9q2 m3.q2 3 --evidence wiki/dq-standard'. ANSWER is 1 to 5,
dont-know or n/a. Levels are cumulative: give the highest level whose
description is fully true today. n/a needs --reason and is allowed only where
the instrument allows it (seam instrument show: a question's na reasons, a
mode's gate). QUESTION may be a gated failure mode, as in 'seam answer k3f9q2
m4 n/a': every question of the mode is then n/a in one transaction, with
--reason or else the gate as the reason. Only the answers are taken from a file:
the assessment keeps its own organization, title and targets (set by 'seam
new'); when the file's targets differ, a note on stderr says they were not
applied. 'seam score --answers FILE' is the command that uses them.`,
		Example: "  seam answer k3f9 --answers answers.yaml\n  seam answer k3f9 m6.q2 dont-know --note \"ask ops\"\n  seam answer k3f9 m4 n/a",
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
				var targets map[string]int
				var figures map[string]assessment.BaselineValue
				if file != "" {
					answers, targets, figures, err = readAnswersFile(file, e)
				} else if _, isMode := e.Instrument.Mode(args[1]); isMode {
					answers, err = modeAnswers(e, p.Name, args[1], args[2], note, evidence, reason)
				} else {
					answers, err = oneAnswer(e.Instrument, args[1], args[2], note, evidence, reason)
				}
				if err != nil {
					return err
				}
				after, err := b.AnswerWithBaseline(e.ID, p.Name, answers, figures)
				if err != nil {
					return err
				}
				saved := fmt.Sprintf("%d answer(s)", len(answers))
				if len(figures) > 0 {
					saved += fmt.Sprintf(" and %d baseline figure(s)", len(figures))
				}
				fmt.Fprintf(cmd.OutOrStdout(), "saved %s to %s (%d/%d questions answered)\n",
					saved, e.ID, after.AnsweredQuestions(), after.Instrument.QuestionCount())
				if note := targetsNote(file, targets, e); note != "" {
					fmt.Fprintln(cmd.ErrOrStderr(), safetext.Line(note))
				}
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

// readAnswersFile reads the answers, the targets and the baseline figures
// of an answers file against the assessment's instrument.
func readAnswersFile(file string, e *backend.Evaluated) (map[string]assessment.Answer, map[string]int, map[string]assessment.BaselineValue, error) {
	af, err := backend.ReadAnswersFile(file, e.Instrument)
	if err != nil {
		return nil, nil, nil, ifFileProblems(err, "nothing was saved")
	}
	if len(af.Answers) == 0 && len(af.Baseline) == 0 {
		return nil, nil, nil, fmt.Errorf("%s: the file has no answers; nothing was saved", file)
	}
	return af.Answers, af.Targets, af.Baseline, nil
}

// targetsNote says, once the answers are saved, when an answers file
// sets targets other than the assessment's, that they were not applied. Targets belong to the
// assessment: set when it is created, the same for every participant of a
// workshop, and outside the history of answers that export and the report
// carry; a file of answers does not change them. seam score uses them.
func targetsNote(file string, targets map[string]int, e *backend.Evaluated) string {
	var theirs, ours []string
	for _, m := range e.Instrument.Modes {
		t, ok := targets[m.ID]
		if !ok {
			continue
		}
		own, ok := e.Targets[m.ID]
		if !ok {
			own = assessment.DefaultTarget
		}
		if t != own {
			theirs = append(theirs, fmt.Sprintf("%s: %d", m.ID, t))
			ours = append(ours, fmt.Sprintf("%s: %d", m.ID, own))
		}
	}
	if len(theirs) == 0 {
		return ""
	}
	return fmt.Sprintf("seam: note: the targets in %s (%s) were not applied: %s keeps the targets it was created with (%s); only seam score uses a file's targets",
		file, strings.Join(theirs, ", "), e.ID, strings.Join(ours, ", "))
}

// oneAnswer builds a single answer from the command line, checked like a
// line of an answers file. A question the instrument lacks is an error (1);
// an ANSWER or a flag that can be no answer to it, n/a where the
// instrument does not allow it included, is a usage mistake (2).
func oneAnswer(inst *questionnaire.Instrument, question, value, note, evidence, reason string) (map[string]assessment.Answer, error) {
	q, ok := inst.Question(question)
	if !ok {
		return nil, fmt.Errorf("unknown question id %q (see seam instrument show)", question)
	}
	a, err := assessment.ParseValue(value)
	if err != nil {
		return nil, usagef("%s: answer %w", question, err)
	}
	a.Note, a.Evidence, a.Reason = strings.TrimSpace(note), strings.TrimSpace(evidence), strings.TrimSpace(reason)
	if err := a.ValidateFor(q); err != nil {
		switch {
		case errors.Is(err, assessment.ErrNotApplicableRefused):
			return nil, usagef("%s: %w", question, err)
		case a.Kind == assessment.NotApplicable && a.Reason == "":
			return nil, usagef("%s: n/a needs a reason: add --reason \"...\"", question)
		}
		return nil, usagef("%s: %w", question, err)
	}
	return map[string]assessment.Answer{question: a}, nil
}

// modeAnswers answers every question of a gated failure mode n/a: with
// --reason, else the mode's gate as the reason; each keeps the note and
// evidence it had unless --note or --evidence is given.
func modeAnswers(e *backend.Evaluated, who, mode, value, note, evidence, reason string) (map[string]assessment.Answer, error) {
	a, err := assessment.ParseValue(value)
	if err != nil {
		return nil, usagef("%s: answer %w", mode, err)
	}
	if a.Kind != assessment.NotApplicable {
		return nil, usagef("%s is a failure mode: only n/a answers a whole mode (answer its questions, %s.q1 and on, one by one)", mode, mode)
	}
	answers, err := assessment.GatedModeAnswers(e.Instrument, mode, reason)
	if err != nil {
		return nil, usagef("%w", err)
	}
	had := e.AnswersOf(who)
	for qid, a := range answers {
		old := had[qid]
		a.Note, a.Evidence = old.Note, old.Evidence
		if strings.TrimSpace(note) != "" {
			a.Note = strings.TrimSpace(note)
		}
		if strings.TrimSpace(evidence) != "" {
			a.Evidence = strings.TrimSpace(evidence)
		}
		if err := a.Validate(); err != nil {
			return nil, usagef("%s: %w", mode, err)
		}
		answers[qid] = a
	}
	return answers, nil
}
