package cli

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func table(t *testing.T, width int, headers []string, rows [][]string, steps ...fitStep) []string {
	t.Helper()
	var b strings.Builder
	require.NoError(t, writeTable(&b, width, headers, rows, steps...))
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

func TestTablesFitTheWidthByCuttingThenLeavingOut(t *testing.T) {
	headers := []string{"ID", "ORGANIZATION", "TITLE", "KIND", "PROGRESS", "INDEX", "UPDATED"}
	rows := [][]string{
		{"dem2se", "Northwind Freight (sample)", "Sample self-assessment (seam …", "self", "36/36", "2.11", "2026-11-02 10:00"},
		{"dem2ws", "Northwind Freight (sample)", "Sample workshop (seam demo)", "workshop", "36/36", "2.09", "2026-11-02 10:00"},
	}
	steps := []fitStep{cutTo(2, 12), leaveOut(6), cutTo(1, 12), leaveOut(3)}
	tests := []struct {
		width int
		want  []string
	}{
		{120, []string{
			"ID      ORGANIZATION                TITLE                           KIND      PROGRESS  INDEX  UPDATED",
			"dem2se  Northwind Freight (sample)  Sample self-assessment (seam …  self      36/36     2.11   2026-11-02 10:00",
			"dem2ws  Northwind Freight (sample)  Sample workshop (seam demo)     workshop  36/36     2.09   2026-11-02 10:00",
		}},
		{100, []string{ // the title is cut first
			"ID      ORGANIZATION                TITLE                KIND      PROGRESS  INDEX  UPDATED",
			"dem2se  Northwind Freight (sample)  Sample self-assess…  self      36/36     2.11   2026-11-02 10:00",
			"dem2ws  Northwind Freight (sample)  Sample workshop (s…  workshop  36/36     2.09   2026-11-02 10:00",
		}},
		{80, []string{ // then the time left out, rather than cut the organization
			"ID      ORGANIZATION                TITLE              KIND      PROGRESS  INDEX",
			"dem2se  Northwind Freight (sample)  Sample self-asse…  self      36/36     2.11",
			"dem2ws  Northwind Freight (sample)  Sample workshop …  workshop  36/36     2.09",
		}},
		{60, []string{
			"ID      ORGANIZATION           TITLE         PROGRESS  INDEX",
			"dem2se  Northwind Freight (s…  Sample self…  36/36     2.11",
			"dem2ws  Northwind Freight (s…  Sample work…  36/36     2.09",
		}},
		{40, []string{ // the last resort: cut below the least, headers too
			"ID      ORGANIZ…  TITLE  PROGRESS  INDEX",
			"dem2se  Northwi…  Samp…  36/36     2.11",
			"dem2ws  Northwi…  Samp…  36/36     2.09",
		}},
	}
	for _, tc := range tests {
		got := table(t, tc.width, headers, rows, steps...)
		assert.Equal(t, tc.want, got, "at %d columns", tc.width)
		for _, l := range got {
			assert.LessOrEqual(t, lipgloss.Width(l), tc.width)
		}
	}
}

// A column cut first and left out when that is not enough: the cut of a
// column not shown makes no room, and the others are cut as far as needed.
func TestAColumnLeftOutAfterItWasCutMakesNoRoomTwice(t *testing.T) {
	headers := []string{"ITEM", "ACTION", "OWNER", "DUE"}
	rows := [][]string{{"m6.find-out", "Find out where these stand", "Head of Operations", "2020-01-31"}}
	got := table(t, 36, headers, rows, cutTo(1, 12), cutTo(2, 8), leaveOut(1))
	assert.Equal(t, []string{"ITEM         OWNER        DUE", "m6.find-out  Head of Op…  2020-01-31"}, got)
	for _, l := range got {
		assert.LessOrEqual(t, lipgloss.Width(l), 36)
	}
}

func TestATableCellIsCutNeverWrapped(t *testing.T) {
	got := table(t, 20, []string{"NAME", "N"}, [][]string{{"Avery Chen of the long name", "36/36"}}, cutTo(0, 4))
	assert.Equal(t, []string{"NAME           N", "Avery Chen o…  36/36"}, got)
}

func TestOutputWidth(t *testing.T) {
	var b strings.Builder
	t.Setenv("COLUMNS", "")
	assert.Equal(t, 80, outputWidth(&b), "not a terminal, no COLUMNS: 80")
	t.Setenv("COLUMNS", "132")
	assert.Equal(t, 132, outputWidth(&b))
	t.Setenv("COLUMNS", "12")
	assert.Equal(t, minWidth, outputWidth(&b), "never below what a table needs")
	t.Setenv("COLUMNS", "wide")
	assert.Equal(t, 80, outputWidth(&b))
}
