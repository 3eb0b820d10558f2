package cli

import (
	"github.com/seam-dev/seam/report"
)

// chartsMode checks --charts and picks the default: images for a report
// written to a file, the charts' alt text for one written to stdout
// (images need a folder to go in).
func chartsMode(flag, out string) (report.Charts, error) {
	toFile := out != "" && out != "-"
	if flag == "" {
		if toFile {
			return report.ChartImages, nil
		}
		return report.ChartNone, nil
	}
	for _, m := range report.ChartModes {
		if flag == string(m) {
			if m == report.ChartImages && !toFile {
				return "", usagef("--charts images needs -o FILE: the images are written into a folder beside the report")
			}
			return m, nil
		}
	}
	return "", usagef("--charts must be images, mermaid or none, not %q", flag)
}
