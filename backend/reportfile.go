package backend

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/seam-dev/seam/files"
	"github.com/seam-dev/seam/report"
)

// ChartFolder is the folder beside a Markdown report that its chart
// images go in: acme-report.md → acme-report-files.
func ChartFolder(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return filepath.Join(filepath.Dir(path), base+"-files")
}

// WriteMarkdownReport writes the Markdown report to path (0600, replaced
// at once) with its charts as mode says. Images go into ChartFolder(path)
// first, so the report never links a file that is not there; if a chart
// or the report cannot be written, what this call added is removed. The
// command line and the app both save reports through it.
func WriteMarkdownReport(path string, in report.Input, mode report.Charts) error {
	if err := files.CheckOutput(path); err != nil {
		return err
	}
	// A folder that is not there is said of the report, as for any other
	// report, not of the charts' folder, which nobody typed.
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		return files.At(path, err)
	}
	folder := ChartFolder(path)
	var md bytes.Buffer
	images, err := report.MarkdownWith(&md, in, report.MarkdownOptions{Charts: mode, Folder: filepath.Base(folder)})
	if err != nil {
		return err
	}
	undo, err := writeCharts(folder, images)
	if err != nil {
		return err
	}
	if err := files.Write(path, md.Bytes()); err != nil {
		undo() // no report: no charts left beside it either
		return err
	}
	return nil
}

// writeCharts writes a report's chart files into dir, made 0700 if new,
// each file 0600 and replaced atomically. The names are seam's own; dir
// must be a real directory, not a link, so nothing lands outside the
// report's folder. undo removes what it added.
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
	// A failure (a full disk) leaves nothing new behind: the files this call
	// added go, and the folder if this call made it.
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
