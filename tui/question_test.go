package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// levelsShown joins the question screen's body into one line of words,
// as a reader of the wrapped lines would read it.
func levelsShown(t *testing.T, a *App) string {
	t.Helper()
	body, _ := a.screen.view(a)
	for i, l := range strings.Split(body, "\n") {
		require.LessOrEqual(t, lipgloss.Width(l), a.width, "body line %d is wider than the window: %q", i, l)
	}
	return strings.Join(strings.Fields(body), " ")
}

func TestTheFullLevelsKeyShowsEveryLevelWhole(t *testing.T) {
	a, _ := onQuestion(t) // 80x24, on m1.q2, level 1 highlighted
	question := questions(a)[on[*questionScreen](t, a).index]
	shown := levelsShown(t, a)
	assert.Contains(t, shown, question.Levels[0], "the highlighted level is whole")
	var cut int
	for _, text := range question.Levels[1:] {
		if !strings.Contains(shown, text) {
			cut++
		}
	}
	assert.Positive(t, cut, "at 80 columns the other levels are cut to one line each")
	assert.Contains(t, shown, "… ", "cut with an ellipsis")
	assert.Contains(t, shown, "f shows every level in full")

	press(a, "f")
	shown = levelsShown(t, a)
	for i, text := range question.Levels {
		assert.Contains(t, shown, text, "level %d whole", i+1)
	}
	assert.Contains(t, a.View(), "Don't know")
	assert.Contains(t, a.View(), "Not applicable")

	press(a, "right")
	next := questions(a)[on[*questionScreen](t, a).index]
	shown = levelsShown(t, a)
	for i, text := range next.Levels {
		assert.Contains(t, shown, text, "the next question's level %d: f stays on", i+1)
	}

	press(a, "f")
	assert.NotContains(t, levelsShown(t, a), next.Levels[4], "f again: one line per level")
}

// TestLongLevelsScrollWithTheHighlight shows m5.q2, the longest, in full
// with why it matters in a window of 80x24: what does not fit is marked,
// and the highlighted level is always whole on the screen.
func TestLongLevelsScrollWithTheHighlight(t *testing.T) {
	a, _ := onQuestion(t)
	a.Update(showQuestion{index: 25})
	press(a, "f", "w")
	question := questions(a)[on[*questionScreen](t, a).index]
	require.Equal(t, "m5.q2", question.ID)
	for i := range question.Levels {
		view := a.View()
		lines := strings.Split(view, "\n")
		require.Len(t, lines, 24)
		shown := levelsShown(t, a)
		assert.Contains(t, shown, question.Levels[i], "the highlighted level %d is whole", i+1)
		assert.Contains(t, shown, question.Text)
		if i == 0 {
			assert.Contains(t, shown, "more lines below")
		}
		if i == len(question.Levels)-1 {
			assert.Contains(t, shown, "more lines above")
		}
		press(a, "down")
	}
}
