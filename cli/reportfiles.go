package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/seam-dev/seam/files"
	"github.com/seam-dev/seam/report"
)

// chartFolder is the folder beside a Markdown report that its chart
// images go in: acme-report.md → acme-report-files.
func chartFolder(out string) string {
	base := strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
	return filepath.Join(filepath.Dir(out), base+"-files")
}

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

// writeCharts writes a report's chart files into dir, made 0700 if new,
// each file 0600 and replaced atomically. The names are seam's own; dir
// must be a real directory, not a link, so nothing lands outside the
// report's folder. undo removes what it added, for when the report itself
// cannot be written after them.
func writeCharts(dir string, charts []report.File) (undo func(), err error) {
	if len(charts) == 0 {
		return func() {}, nil
	}
	made := false
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Mkdir(dir, 0o700); err != nil {
			return nil, files.At(dir, err)
		}
		made = true
	case err != nil:
		return nil, files.At(dir, err)
	case !info.IsDir():
		return nil, fmt.Errorf("%s: %s, not a folder for the report's charts; nothing was written", dir, files.KindOf(info.Mode()))
	}
	// A failure (a full disk) leaves nothing new behind: the files this run
	// added go, and the folder if this run made it.
	var added []string
	undo = func() {
		for _, p := range added {
			os.Remove(p)
		}
		if made {
			os.Remove(dir)
		}
	}
	for _, f := range charts {
		if f.Name != filepath.Base(f.Name) || strings.HasPrefix(f.Name, ".") {
			undo()
			return nil, fmt.Errorf("%s: the chart file name %q is not a plain name; nothing was written", dir, f.Name)
		}
		path := filepath.Join(dir, f.Name)
		_, statErr := os.Lstat(path)
		if err := files.Write(path, f.Data); err != nil {
			undo()
			return nil, err
		}
		if errors.Is(statErr, fs.ErrNotExist) {
			added = append(added, path)
		}
	}
	return undo, nil
}
