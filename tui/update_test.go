package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
)

// onQuestion is an app showing the second question of a fresh assessment,
// the first answered with 3.
func onQuestion(t *testing.T) (*App, string) {
	t.Helper()
	a := sized(New(backend.New(openStore(t))), 80, 24)
	id := create(t, a.be.Store(), "Acme")
	a.reloadHome()
	press(a, "enter", "3")
	require.Equal(t, screenQuestion, a.screen)
	require.Equal(t, 1, a.quest.index)
	return a, id
}

func TestQuestionKeys(t *testing.T) {
	tests := []struct {
		keys   []string
		screen screen
		index  int
		choice int
		why    bool
		saved  map[string]assessment.Answer // answers to m1.q2 expected on disk
	}{
		{keys: []string{"4"}, screen: screenQuestion, index: 2, saved: map[string]assessment.Answer{"m1.q2": {Kind: assessment.Level, Level: 4}}},
		{keys: []string{"down", "down", "enter"}, screen: screenQuestion, index: 2, saved: map[string]assessment.Answer{"m1.q2": {Kind: assessment.Level, Level: 3}}},
		{keys: []string{"j", "k", "k"}, screen: screenQuestion, index: 1, choice: choiceNA},
		{keys: []string{"d"}, screen: screenQuestion, index: 2, saved: map[string]assessment.Answer{"m1.q2": {Kind: assessment.DontKnow}}},
		{keys: []string{"a"}, screen: screenForm, index: 1, choice: choiceNA},
		{keys: []string{"w"}, screen: screenQuestion, index: 1, why: true},
		{keys: []string{"w", "w"}, screen: screenQuestion, index: 1},
		{keys: []string{"left"}, screen: screenQuestion, index: 0, choice: 2},
		{keys: []string{"left", "left"}, screen: screenQuestion, index: 0, choice: 2},
		{keys: []string{"right"}, screen: screenQuestion, index: 2},
		{keys: []string{"l", "h"}, screen: screenQuestion, index: 1},
		{keys: []string{"e"}, screen: screenForm, index: 1},
		{keys: []string{"r"}, screen: screenResults, index: 1},
		{keys: []string{"esc"}, screen: screenHome, index: 1},
		{keys: []string{"z"}, screen: screenQuestion, index: 1},
	}
	for _, tc := range tests {
		t.Run(fmtKeys(tc.keys), func(t *testing.T) {
			a, id := onQuestion(t)
			press(a, tc.keys...)
			assert.Equal(t, tc.screen, a.screen, "screen")
			assert.Equal(t, tc.index, a.quest.index, "question")
			if tc.screen == screenQuestion {
				assert.Equal(t, tc.choice, a.quest.choice, "highlighted choice")
				assert.Equal(t, tc.why, a.quest.why, "why it matters shown")
			}
			got := answersOf(t, a.be.Store(), id)
			delete(got, "m1.q1")
			if tc.saved == nil {
				tc.saved = map[string]assessment.Answer{}
			}
			assert.Equal(t, tc.saved, got, "answers on disk")
		})
	}
}

func fmtKeys(keys []string) string {
	s := ""
	for _, k := range keys {
		s += k + " "
	}
	return s
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		a, _ := onQuestion(t)
		cmd := press(a, k)
		require.NotNil(t, cmd, k)
		assert.IsType(t, tea.QuitMsg{}, cmd(), k)
	}
}

func TestEscCancelsAFormAndChangesNothing(t *testing.T) {
	a, id := onQuestion(t)
	press(a, "e")
	for _, r := range "half a note" {
		a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	press(a, "esc")
	assert.Equal(t, screenQuestion, a.screen)
	assert.Empty(t, a.quest.pendingNote)
	assert.Equal(t, assessment.Answer{Kind: assessment.Level, Level: 3}, answersOf(t, a.be.Store(), id)["m1.q1"])
}

func TestResumeGoesToTheFirstUnansweredQuestion(t *testing.T) {
	s := openStore(t)
	id := create(t, s, "Acme")
	require.NoError(t, saved(s.SaveAnswers(id, "", map[string]assessment.Answer{
		"m1.q1": {Kind: assessment.Level, Level: 2}, "m1.q2": {Kind: assessment.DontKnow}, "m1.q4": {Kind: assessment.Level, Level: 3},
	})))
	a := sized(New(backend.New(s)), 80, 24)
	press(a, "enter")
	assert.Equal(t, "m1.q3", a.quest.current().ID)
}

func TestHomeKeys(t *testing.T) {
	a := sized(New(backend.New(openStore(t))), 80, 24)
	press(a, "enter", "r", "p", "D", "down", "up")
	assert.Equal(t, screenHome, a.screen, "with nothing listed, these keys do nothing")
	press(a, "n")
	assert.Equal(t, screenForm, a.screen)
	press(a, "esc")
	assert.Equal(t, screenHome, a.screen)

	create(t, a.be.Store(), "First")
	second := create(t, a.be.Store(), "Second")
	a.reloadHome()
	require.Len(t, a.home.list, 2)
	press(a, "down", "down", "up")
	assert.Equal(t, 0, a.home.cursor)
	press(a, "down", "D", "n")
	assert.Equal(t, screenHome, a.screen)
	require.Len(t, a.home.list, 2, "n keeps the assessment")
	press(a, "D", "y")
	a.reloadHome()
	require.Len(t, a.home.list, 1)
	assert.Equal(t, second, a.home.list[0].ID, "the selected row (the older one, listed second) was deleted")
}

func TestResultsExplainTheSelectedRow(t *testing.T) {
	a, _ := onQuestion(t)
	press(a, "r")
	require.Equal(t, "overall", a.results.rows[a.results.cursor].Subject)
	press(a, "down", "x")
	require.NotNil(t, a.results.explain)
	assert.Equal(t, "m1", a.results.explain.Subject)
	press(a, "x")
	assert.Nil(t, a.results.explain, "x again closes it")
	press(a, "up", "up")
	assert.Equal(t, "overall", a.results.rows[a.results.cursor].Subject, "the cursor skips headings and stops at the top")
}

func TestUserTextIsDrawnWithoutEscapes(t *testing.T) {
	a := sized(New(backend.New(openStore(t))), 100, 30)
	create(t, a.be.Store(), "Evil\x1b[2J\x1b]0;pwned\x07Corp")
	a.reloadHome()
	view := a.View()
	assert.NotContains(t, view, "\x1b")
	assert.NotContains(t, view, "\x07")
	assert.Contains(t, view, "EvilCorp")
}
