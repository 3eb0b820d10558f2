package backend

import (
	"errors"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/store"
)

// NoComparison, as ReportOptions.CompareWith, makes a follow-up's report
// compare with nothing. No assessment id can be it: ids have no o.
const NoComparison = "none"

// ReportOptions says what a report shows beside the assessment itself.
type ReportOptions struct {
	// CompareWith names the assessment to compare with by an id prefix.
	// "" is the previous assessment of its chain, if it has one (a
	// follow-up's report says what moved since without being asked);
	// NoComparison is none.
	CompareWith string
	// Today is the day the action register counts overdue actions from;
	// the zero time is today where seam runs.
	Today time.Time
}

// Report is the input of an evaluated assessment's report, in every form
// and on every front end: the assessment (its plan as e has it, for a
// capacity of one run), what changed since the assessment it is compared
// with (see ReportOptions.CompareWith), and its action register. A
// previous assessment named by the chain that is no longer in the
// database is left out; one named by an id is loaded and checked as
// Compare checks it.
func (b *Backend) Report(e *Evaluated, opts ReportOptions) (report.Input, error) {
	in := e.Report()
	var was *Evaluated
	switch opts.CompareWith {
	case NoComparison:
	case "":
		if e.Previous == "" {
			break
		}
		prev, err := b.Load(e.Previous)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return report.Input{}, err
		default:
			was = prev
		}
	default:
		prev, err := b.Open(opts.CompareWith)
		if err != nil {
			return report.Input{}, err
		}
		if err := comparable(prev, e); err != nil {
			return report.Input{}, err
		}
		was = prev
	}
	if was != nil {
		in.Previous = previous(was, assessment.Compare(was.Evaluation, e.Evaluation))
	}
	actions, err := b.store.Actions(e.ID)
	if err != nil {
		return report.Input{}, err
	}
	if len(actions) > 0 {
		today := opts.Today
		if today.IsZero() {
			today = time.Now()
		}
		in.Register = &report.ActionRegister{Today: assessment.DateOf(today), Actions: Adopted(actions)}
	}
	return in, nil
}

// previous is the earlier assessment as the later one's report shows it,
// with what changed since.
func previous(was *Evaluated, c assessment.Comparison) *report.Previous {
	return &report.Previous{ID: was.ID, Title: was.Title, Date: was.AnsweredAt(), Comparison: c}
}
