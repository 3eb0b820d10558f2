package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/cli"
)

var updateSample = flag.Bool("update-sample", false, "rewrite docs/sample-report.md from the demo workshop")

// sampleReport is the report the README links: the demo workshop as
// `seam report` writes it.
const sampleReport = "docs/sample-report.md"

// TestTheSampleReportIsWhatSeamWritesToday keeps the README's sample from
// drifting: when the report changes, this fails until the sample is made
// again with go test . -run TestTheSampleReport -update-sample.
func TestTheSampleReportIsWhatSeamWritesToday(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seam.db")
	var out, errs bytes.Buffer
	require.Equal(t, cli.ExitOK, cli.Main([]string{"--db", db, "demo"}, strings.NewReader(""), &out, &errs), errs.String())
	out.Reset()
	require.Equal(t, cli.ExitOK, cli.Main([]string{"--db", db, "report", "dem2ws"}, strings.NewReader(""), &out, &errs), errs.String())
	if *updateSample {
		require.NoError(t, os.WriteFile(sampleReport, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(sampleReport)
	require.NoError(t, err)
	assert.Equal(t, string(want), out.String(),
		"%s differs from what seam report writes; if the change is intended, run go test . -run TestTheSampleReport -update-sample and review the diff", sampleReport)
}
