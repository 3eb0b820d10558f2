package tui

import (
	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/store"
)

// Navigation: each message names a screen to show; App.navigate is the
// one place that opens screens.
type (
	showHome struct{}
	// showQuestion opens question index of the open assessment; resume
	// opens the first one the participant has not answered instead.
	showQuestion struct {
		index  int
		resume bool
	}
	// showChapter sums up a failure mode after its last question (index).
	showChapter struct {
		mode  string
		index int
	}
	// showChapters lists the open assessment's chapters, the baseline
	// chapter first where the instrument has one; the cursor starts on
	// chapter at (1 for the first failure mode; 0 is the baseline).
	showChapters struct{ at int }
	// showBaseline opens the baseline chapter: the organisation's own
	// figures, optional and not scored.
	showBaseline struct{}
	showResults  struct{}
	// showPreview opens the open assessment's report; in is its input
	// once read (nil: read it first, in a job).
	showPreview struct{ in *report.Input }
	// showCompare opens what moved since the previous assessment of the
	// open one's chain; c is the comparison once read (nil: read it
	// first, in a job).
	showCompare struct{ c *backend.Compared }
	showDelete  struct{}
	// showWorkshop opens a workshop's participants, the facilitator's
	// home; selecting puts the cursor on a participant by name.
	showWorkshop struct{ selecting string }
	// showRoom opens a view of everyone's answers, asking the facilitator
	// to reveal them first.
	showRoom struct{ view roomView }
	// showActions opens the open assessment's action register; esc goes
	// back to back.
	showActions struct{ back any }
	// showNewForm opens the new-assessment form again after a refusal.
	showNewForm struct{ values *newValues }
	// showConsensus opens the consensus form of a disputed question, with
	// the question's consensus history (oldest first) as read for it.
	showConsensus struct {
		ag      assessment.QuestionAgreement
		history []store.ConsensusChange
	}
	// thenSay shows a status and then goes where then says.
	thenSay struct {
		status string
		then   any
	}
)

// roomView is a view that shows everyone's answers in a workshop.
type roomView int

const (
	roomHeatmap roomView = iota
	roomQueue
	roomResults
	roomReport
	// roomLive is the room screen, which a reveal asked from it returns to.
	roomLive
)

// Outcomes of jobs.
type (
	// listed carries the assessments for home (or why not).
	listed struct {
		list []store.Summary
		err  error
		// tick marks a reading home's refresh of generation gen asked for.
		tick bool
		gen  int
	}
	// opened makes an assessment the open one, answered by its first
	// participant until someone else is chosen, and then shows then.
	opened struct {
		ev     *backend.Evaluated
		around around
		// err says what of around could not be read; the assessment
		// opens all the same.
		err  error
		then any
	}
	// changed carries the open assessment as a write left it, the status
	// to show, and where to go next (nil: stay).
	changed struct {
		ev     *backend.Evaluated
		status string
		then   any
	}
	// answerSaved reports an answer committed to the database (or err,
	// and nothing saved); advance moves on to the next question.
	answerSaved struct {
		ev       *backend.Evaluated
		err      error
		question string
		answer   assessment.Answer
		advance  bool
	}
	// registerChanged carries the open assessment and its register as a
	// change to the register left them, and the status to show; err, and
	// nothing changed, when it was refused. then, when set, is where to go.
	registerChanged struct {
		ev       *backend.Evaluated
		register backend.Register
		status   string
		err      error
		then     any
	}
	// reportSaved says where the report was written.
	reportSaved struct{ path string }
	// failed reports a job's error; then, if set, is where to go.
	failed struct {
		err  error
		then any
	}
	// refreshDue asks the facilitator's screen of generation gen to read
	// the workshop again; refreshed carries what it read.
	refreshDue struct{ gen int }
	refreshed  struct {
		ev *backend.Evaluated
		// around is read again with a changed assessment.
		around around
		err    error
		gen    int
	}
)
