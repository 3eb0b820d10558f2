package tui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// TestTheChaptersFollowAnswersGivenElsewhere: a workshop participant's
// chapter list counts their own answers; one they give from another
// device (the room) shows at the app's next look at the workshop.
func TestTheChaptersFollowAnswersGivenElsewhere(t *testing.T) {
	a := newApp(t, openStore(t), 100, 30)
	workshopFixture(t, a)
	press(a, "enter", "enter", "g") // Ann answers, then lists the chapters
	require.Equal(t, "chapters", kind(a))
	require.Equal(t, "Ann", a.who)
	m2 := a.current.Instrument.Modes[1]
	assert.Regexp(t, `2  `+m2.Name+` +0 of \d+ answered`, a.View())

	_, err := a.be.Store().SaveAnswers(a.current.ID, "Ann", map[string]assessment.Answer{m2.Questions[0].ID: {Kind: assessment.Level, Level: 2}})
	require.NoError(t, err)
	a.Update(refreshDue{gen: a.refreshGen}) // the app's two-second look
	drain(a)
	assert.Regexp(t, `2  `+m2.Name+` +1 of \d+ answered`, a.View())
}
