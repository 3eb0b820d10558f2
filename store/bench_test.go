package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// BenchmarkCommitAnswer measures saving one answer: one immediate
// transaction with synchronous=FULL, as every answer in the TUI is saved.
func BenchmarkCommitAnswer(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "seam.db"))
	require.NoError(b, err)
	defer s.Close()
	a := newSelf(b, s, "Acme")
	require.NoError(b, saved(s.SaveAnswers(a.ID, "", allAnswers(b, 0))))
	var took []time.Duration
	i := 0
	for b.Loop() {
		i++
		start := time.Now()
		if _, err := s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(1 + i%5)}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
}

// BenchmarkLoadAssessment measures reading a fully answered assessment.
func BenchmarkLoadAssessment(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "seam.db"))
	require.NoError(b, err)
	defer s.Close()
	a := newSelf(b, s, "Acme")
	require.NoError(b, saved(s.SaveAnswers(a.ID, "", allAnswers(b, 0))))
	for b.Loop() {
		if _, err := s.Load(a.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkList1000 measures listing 1,000 fully answered assessments with
// their progress and overall index.
func BenchmarkList1000(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "seam.db"))
	require.NoError(b, err)
	defer s.Close()
	Fill(b, s, 1000)
	b.ResetTimer()
	for b.Loop() {
		list, err := s.List()
		if err != nil || len(list) != 1000 {
			b.Fatal(err, len(list))
		}
	}
}

func allAnswers(tb testing.TB, seed int) map[string]assessment.Answer {
	out := map[string]assessment.Answer{}
	for i, id := range questionIDs(tb) {
		out[id] = lvl(1 + (i+seed)%5)
	}
	return out
}

func questionIDs(tb testing.TB) []string {
	var ids []string
	for _, m := range defaultInstrument(tb).Modes {
		for _, q := range m.Questions {
			ids = append(ids, q.ID)
		}
	}
	return ids
}

// Fill adds n fully answered self-assessments.
func Fill(tb testing.TB, s *Store, n int) {
	tb.Helper()
	for i := range n {
		a, err := s.Create(NewAssessment{Organization: fmt.Sprintf("Org %d", i), Kind: Self, Instrument: defaultInstrument(tb),
			Respondent: Participant{Name: "Jo", Function: "it"}})
		require.NoError(tb, err)
		require.NoError(tb, saved(s.SaveAnswers(a.ID, "", allAnswers(tb, i))))
	}
}
