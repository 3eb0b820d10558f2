package report

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"strings"
	"testing"

	"github.com/seam-dev/seam/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChartsAreImagesBesideTheReport: with images, every chart is an SVG
// and a PNG to write into the report's folder, linked with alt text that
// states its numbers; a self-assessment has two charts, a workshop four.
func TestChartsAreImagesBesideTheReport(t *testing.T) {
	for name, tc := range map[string]struct {
		in     Input
		charts []string
	}{
		"self":     {fixture(t), []string{"scores", "alignment"}},
		"workshop": {workshopFixture(t, 5), []string{"scores", "alignment", "business-it", "agreement"}},
	} {
		var md bytes.Buffer
		files, err := MarkdownWith(&md, tc.in, MarkdownOptions{Charts: ChartImages, Folder: "acme report-files"})
		require.NoError(t, err, name)
		require.Len(t, files, 2*len(tc.charts), name)
		for i, c := range tc.charts {
			svg, pngFile := files[2*i], files[2*i+1]
			assert.Equal(t, c+".svg", svg.Name)
			assert.Equal(t, c+".png", pngFile.Name)
			require.NoError(t, xml.Unmarshal(svg.Data, new(struct{})), "%s: %s is well-formed SVG", name, svg.Name)
			img, err := png.Decode(bytes.NewReader(pngFile.Data))
			require.NoError(t, err, "%s: %s", name, pngFile.Name)
			assert.Greater(t, img.Bounds().Dx(), 600)
			assert.Contains(t, md.String(), "](acme%20report-files/"+c+".png)", "%s: linked beside the report", name)
		}
		assert.NotContains(t, md.String(), "```mermaid", name)
		// The alignment chart shows the percentages the table shows.
		for _, ps := range tc.in.Scorecard.Principles {
			assert.Contains(t, string(files[2].Data), ">"+theme.Percent(ps.Alignment)+"<", "%s: %s in the alignment chart", name, ps.Name)
		}
		assert.Regexp(t, `!\[Failure-mode scores on the scale 1 to 5 against their targets\\: m1 \d\.\d\d \(target 4\), `, md.String(), name)
	}
	var again bytes.Buffer
	files, err := MarkdownWith(&again, fixture(t), MarkdownOptions{Charts: ChartImages, Folder: "f"})
	require.NoError(t, err)
	first, err := MarkdownWith(&bytes.Buffer{}, fixture(t), MarkdownOptions{Charts: ChartImages, Folder: "f"})
	require.NoError(t, err)
	assert.Equal(t, first, files, "the same report draws the same bytes")
}

// TestChartsNoneAndMermaid: none writes each chart's numbers in words and
// no file; mermaid keeps the Mermaid block where there is one.
func TestChartsNoneAndMermaid(t *testing.T) {
	var md bytes.Buffer
	files, err := MarkdownWith(&md, workshopFixture(t, 5), MarkdownOptions{Charts: ChartNone})
	require.NoError(t, err)
	assert.Empty(t, files)
	assert.NotContains(t, md.String(), "![")
	assert.Contains(t, md.String(), "\nMean level given by business and by IT participants per failure mode\\: m1 business ")
	md.Reset()
	files, err = MarkdownWith(&md, workshopFixture(t, 5), MarkdownOptions{Charts: ChartMermaid})
	require.NoError(t, err)
	assert.Empty(t, files)
	assert.Equal(t, 1, strings.Count(md.String(), "```mermaid\nxychart-beta"))
}
