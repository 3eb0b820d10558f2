package tui

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestJourneyAFollowUpComparedWithTheLastAssessment: a CIO opens the
// follow-up's results, presses C and reads what moved since the last
// assessment, goes on to its report, which says the same, and back.
func TestJourneyAFollowUpComparedWithTheLastAssessment(t *testing.T) {
	t.Chdir(t.TempDir())
	s := openStore(t)
	first, second := storedFollowUp(t, s)
	j := start(t, s)
	j.waitFor("Q4 check") // the follow-up, answered last, is listed first
	j.keys("r")
	j.waitFor("C since last time")
	j.keys("C")
	// one frame: every text of it at once
	j.waitForAll("What moved since the last assessment", "then "+first, "now  "+second,
		"m1 Integration treated as an IT-only effort  1.81  2.19  +0.38 ↑",
		"m2 Strategy confused with tactical plans     2.00  1.79  -0.21 ↓")
	j.keys("p")
	j.waitFor("Since last assessment:")
	j.keys("esc")
	j.waitFor("C since last time")
	final := j.quit()
	assert.Equal(t, second, final.current.ID)
	assert.IsType(t, &resultsScreen{}, final.screen)
}
