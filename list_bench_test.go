package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// BenchmarkListProcess1000 times `seam list` as a whole process (start,
// open, query, print, exit) over a database of 1,000 answered assessments.
// The budget is 50 ms; ms-median is the figure to compare.
func BenchmarkListProcess1000(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "seam")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(b, err, "%s", out)

	db := filepath.Join(dir, "seam.db")
	s, err := store.Open(db)
	require.NoError(b, err)
	inst, err := questionnaire.Default()
	require.NoError(b, err)
	for i := range 1000 {
		a, err := s.Create(store.NewAssessment{Organization: fmt.Sprintf("Org %d", i), Kind: store.Self, Instrument: inst,
			Respondent: store.Participant{Name: "Jo", Function: "it"}})
		require.NoError(b, err)
		answers := map[string]assessment.Answer{}
		n := 0
		for _, m := range inst.Modes {
			for _, q := range m.Questions {
				n++
				answers[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 1 + (i+n)%5}
			}
		}
		_, err = s.SaveAnswers(a.ID, "", answers)
		require.NoError(b, err)
	}
	require.NoError(b, s.Close())

	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		out, err := exec.Command(bin, "--db", db, "list").Output()
		took = append(took, time.Since(start))
		if err != nil || len(out) < 1000*40 {
			b.Fatalf("seam list: %v (%d bytes)", err, len(out))
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
}
