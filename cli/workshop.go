package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/store"
)

func newParticipantCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "participant",
		Short: "Add or list the participants of a workshop",
		Args:  noArgs,
		RunE:  needsSubcommand,
	}
	var name, role, function string
	add := &cobra.Command{
		Use:     "add ID --name NAME --function FUNCTION [--role ROLE]",
		Short:   "Add a participant to a workshop",
		Example: "  seam participant add k3f9 --name \"Ann Lee\" --role COO --function business",
		Args:    exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(name) == "" {
				return usagef("--name NAME is required")
			}
			if err := checkFunction(function); err != nil {
				return err
			}
			return withBackend(func(b *backend.Backend) error {
				id, err := b.Store().Resolve(args[0])
				if err != nil {
					return err
				}
				p, _, err := b.AddParticipant(id, store.Participant{Name: name, Role: role, Function: function})
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "added %s (%s) to %s\n", cell(p.Name, 60), p.Function, id)
				return nil
			})
		},
	}
	add.Flags().StringVar(&name, "name", "", "the participant's name (required, unique in the workshop)")
	add.Flags().StringVar(&role, "role", "", "the participant's role, for example COO")
	add.Flags().StringVar(&function, "function", "business", "one of "+strings.Join(store.Functions, ", "))

	var asJSON bool
	list := &cobra.Command{
		Use:   "list ID",
		Short: "List a workshop's participants and how far each has answered",
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withAssessment(args[0], func(_ *backend.Backend, l *backend.Evaluated) error {
				answered := map[string]int{}
				for _, r := range l.Answers {
					answered[r.Participant]++
				}
				if asJSON {
					type row struct {
						store.Participant
						Answered int `json:"answered"`
					}
					rows := []row{}
					for _, p := range l.Participants {
						rows = append(rows, row{p, answered[p.Name]})
					}
					return writeJSON(cmd.OutOrStdout(), struct {
						Schema       string `json:"schema"`
						Participants []row  `json:"participants"`
					}{"seam.participants/v1", rows})
				}
				var rows [][]string
				for _, p := range l.Participants {
					rows = append(rows, []string{cell(p.Name, 40), cell(p.Role, 30), p.Function, fmt.Sprintf("%d/%d", answered[p.Name], l.Instrument.QuestionCount())})
				}
				const name, role = 0, 1
				return writeTable(cmd.OutOrStdout(), outputWidth(cmd.OutOrStdout()), []string{"NAME", "ROLE", "FUNCTION", "ANSWERED"}, rows,
					cutTo(role, 8), cutTo(name, 12))
			})
		},
	}
	list.Flags().BoolVar(&asJSON, "json", false, "print JSON with stable keys instead of a table")
	cmd.AddCommand(add, list)
	return cmd
}

func newConsensusCmd() *cobra.Command {
	var note, reason string
	cmd := &cobra.Command{
		Use:   "consensus ID QUESTION ANSWER [--note TEXT]",
		Short: "Record the answer a workshop agreed on for a question",
		Long: `Consensus records the answer a workshop agreed on after discussing a
question. It is kept apart from the participants' answers, which stay as
they were; scoring and the plan use it instead of the lower median, and
rank its gap with full confidence (1.0): the room agreed.`,
		Example: "  seam consensus k3f9 m3.q1 2 --note \"no steward named for product data\"",
		Args:    exactArgs("ID", "QUESTION", "ANSWER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withAssessment(args[0], func(b *backend.Backend, l *backend.Evaluated) error {
				answers, err := oneAnswer(l.Instrument, args[1], args[2], note, "", reason)
				if err != nil {
					return err
				}
				if _, err := b.RecordConsensus(l.ID, args[1], answers[args[1]]); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "recorded the consensus on %s for %s\n", args[1], l.ID)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&note, "note", "", "what the discussion concluded")
	cmd.Flags().StringVar(&reason, "reason", "", "why the question does not apply (with n/a)")
	return cmd
}
