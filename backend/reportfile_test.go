package backend

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/report"
)

// A Markdown report with charts into a folder that does not exist names
// the report the user typed, as a report without charts does, and writes
// nothing.
func TestAMarkdownReportIntoAMissingFolderNamesTheReport(t *testing.T) {
	b := open(t)
	a, err := b.Create(NewAssessment{Organization: "Acme"})
	require.NoError(t, err)
	e, err := b.Answer(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(2)})
	require.NoError(t, err)
	dir := t.TempDir()
	path := filepath.Join(dir, "missing", "acme.md")
	for _, charts := range []report.Charts{report.ChartImages, report.ChartNone} {
		err = WriteMarkdownReport(path, e.Report(), charts)
		assert.EqualError(t, err, path+": no such file or directory", string(charts))
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)

	path = filepath.Join(dir, "acme.md")
	require.NoError(t, WriteMarkdownReport(path, e.Report(), report.ChartImages))
	assert.FileExists(t, path)
	charts, err := os.ReadDir(ChartFolder(path))
	require.NoError(t, err)
	assert.NotEmpty(t, charts, "the charts beside it")
}
