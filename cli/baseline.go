package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/theme"
)

func newBaselineCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "baseline ID [FIGURE VALUE]",
		Short: "List or record the baseline chapter: your own figures the KPIs start from",
		Long: `Baseline lists the figures of the assessment's baseline chapter: the
organisation's own numbers that the plan's KPIs start from (the run share of
the IT budget, integrations in production, ...), each with its question, unit
and what is recorded. The chapter is optional and never scored; a KPI whose
figure is recorded shows it as its baseline in the plan and the report.

With FIGURE VALUE it records one figure: VALUE is a number in the figure's
unit (a percentage from 0 to 100, a whole count, a number of days),
dont-know (or "don't know"), or clear to leave it unrecorded. A figure that
is part of another (point-to-point integrations of all integrations) can
never be more than it. Instruments before 1.1 have no baseline chapter.`,
		Example: "  seam baseline k3f9\n  seam baseline k3f9 integrations 140\n  seam baseline k3f9 data-trust dont-know\n  seam baseline k3f9 run-share clear",
		Args: func(cmd *cobra.Command, args []string) error {
			switch len(args) {
			case 1, 3:
				return nil
			case 0:
				return usagef("%s needs ID, or ID FIGURE VALUE to record a figure", cmd.CommandPath())
			}
			return usagef("%s needs ID to list the figures, or ID FIGURE VALUE to record one; got %d arguments", cmd.CommandPath(), len(args))
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 3 && asJSON {
				return usagef("--json lists the figures: give only the ID")
			}
			return withAssessment(args[0], func(b *backend.Backend, e *backend.Evaluated) error {
				if len(e.Instrument.Baseline) == 0 {
					return fmt.Errorf("assessment %s uses instrument %s %s, which has no baseline chapter (instruments have one from version 1.1)",
						e.ID, safetext.Line(e.Instrument.ID), safetext.Line(e.Instrument.Version))
				}
				if len(args) == 1 {
					if asJSON {
						return writeJSON(cmd.OutOrStdout(), baselineDoc(e))
					}
					return renderBaseline(cmd.OutOrStdout(), outputWidth(cmd.OutOrStdout()), e)
				}
				figure, text := args[1], args[2]
				v, err := e.ParseFigure(figure, text)
				if err != nil {
					if errors.Is(err, assessment.ErrUnknownFigure) {
						return usagef("%w; list them with seam baseline %s", err, e.ID)
					}
					return usagef("%w", err)
				}
				after, err := b.SetBaseline(e.ID, figure, v)
				if err != nil {
					return err
				}
				n, of := after.Recorded()
				fg, _ := after.Instrument.Figure(figure)
				what := "cleared " + figure
				if v != nil {
					what = "recorded " + figure + ": " + v.Format(fg.Unit)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s for %s (%d of %d figures recorded)\n", what, e.ID, n, of)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "list the figures as JSON with stable keys")
	return cmd
}

// recordedText is what a figure shows as recorded.
func recordedText(e *backend.Evaluated, fg *questionnaire.Figure) string {
	v, ok := e.Baseline[fg.ID]
	if !ok {
		return "not recorded"
	}
	return v.Format(fg.Unit)
}

// unitText describes a figure's unit, and the figure it is part of.
func unitText(fg *questionnaire.Figure) string {
	u := string(fg.Unit)
	switch fg.Unit {
	case questionnaire.UnitPercent:
		u = "percent, 0-100"
	case questionnaire.UnitCount:
		u = "count"
	}
	if fg.PartOf != "" {
		u += ", part of " + fg.PartOf
	}
	return u
}

// renderBaseline lists the figures: a line each with the id, what is
// recorded and the unit, in columns, and the question wrapped beneath it,
// all fitted to width.
func renderBaseline(w io.Writer, width int, e *backend.Evaluated) error {
	var b strings.Builder
	line := func(s string) { b.WriteString(theme.Cut(s, width) + "\n") }
	n, of := e.Recorded()
	if h := heading(e.Organization, e.Title); h != "" {
		for _, l := range strings.Split(theme.Wrap(safetext.Line(h), width), "\n") {
			line(l)
		}
	}
	for _, l := range strings.Split(theme.Wrap(fmt.Sprintf("Baseline chapter of %s: %d of %d figures recorded (optional, not scored)", e.ID, n, of), width), "\n") {
		line(l)
	}
	line("")
	idW, valueW := len("FIGURE"), len("VALUE")
	for i := range e.Instrument.Baseline {
		fg := &e.Instrument.Baseline[i]
		idW = max(idW, len([]rune(safetext.Line(fg.ID))))
		valueW = max(valueW, len([]rune(recordedText(e, fg))))
	}
	row := func(id, value, unit string) string {
		return strings.TrimRight(fmt.Sprintf("%-*s  %-*s  %s", idW, id, valueW, value, unit), " ")
	}
	line(row("FIGURE", "VALUE", "UNIT"))
	const indent = "    "
	for i := range e.Instrument.Baseline {
		fg := &e.Instrument.Baseline[i]
		line(row(safetext.Line(fg.ID), recordedText(e, fg), unitText(fg)))
		for _, l := range strings.Split(theme.Wrap(safetext.Line(fg.Question), max(10, width-len(indent))), "\n") {
			line(indent + l)
		}
	}
	line("")
	for _, l := range strings.Split(theme.Wrap(fmt.Sprintf("Record one with: seam baseline %s FIGURE VALUE (a number, dont-know or clear)", e.ID), width), "\n") {
		line(l)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// baselineFigure is a figure as --json lists it.
type baselineFigure struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Question string   `json:"question"`
	Unit     string   `json:"unit"`
	PartOf   string   `json:"part_of,omitempty"`
	Recorded bool     `json:"recorded"`
	Value    *float64 `json:"value"`
	DontKnow bool     `json:"dont_know"`
}

func baselineDoc(e *backend.Evaluated) any {
	figures := []baselineFigure{}
	for i := range e.Instrument.Baseline {
		fg := &e.Instrument.Baseline[i]
		f := baselineFigure{ID: fg.ID, Name: fg.Name, Question: fg.Question, Unit: string(fg.Unit), PartOf: fg.PartOf}
		if v, ok := e.Baseline[fg.ID]; ok {
			f.Recorded, f.DontKnow = true, v.DontKnow
			if !v.DontKnow {
				value := v.Value
				f.Value = &value
			}
		}
		figures = append(figures, f)
	}
	return struct {
		Schema     string           `json:"schema"`
		Assessment string           `json:"assessment"`
		Figures    []baselineFigure `json:"figures"`
	}{"seam.baseline/v1", e.ID, figures}
}
