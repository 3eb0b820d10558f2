package store

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// The commit budget: saving an answer costs at most 1.3 times a bare
// one-row commit with the same settings, on the same disk. Run the three
// together:
//
//	go test ./store -run XXX -bench Commit -benchtime 2000x -count 5
//
// BenchmarkCommitBare and BenchmarkCommitAnswer give each figure;
// BenchmarkCommitRatio alternates the two in one loop, so that the disk's
// drift from second to second touches both alike, and reports the ratio
// of their medians.

// bareDB is a database opened as the store opens one, with a one-column
// table to insert into.
func bareDB(b *testing.B) *sql.DB {
	db, err := sql.Open("sqlite3", writeDSN(filepath.Join(b.TempDir(), "bare.db")))
	require.NoError(b, err)
	b.Cleanup(func() { db.Close() })
	require.NoError(b, ensureWAL(db))
	_, err = db.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)")
	require.NoError(b, err)
	return db
}

// bareCommit is one immediate transaction inserting one row.
func bareCommit(db *sql.DB, i int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("INSERT INTO t (v) VALUES (?)", i); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// answered is a store with a fully answered self-assessment.
func answered(b *testing.B) (*Store, string) {
	s, err := Open(filepath.Join(b.TempDir(), "seam.db"))
	require.NoError(b, err)
	b.Cleanup(func() { s.Close() })
	a := newSelf(b, s, "Acme")
	require.NoError(b, saved(s.SaveAnswers(a.ID, "", allAnswers(b, 0))))
	return s, a.ID
}

// answerCommit saves one changed answer, as the app saves each answer.
func answerCommit(s *Store, id string, i int) error {
	_, err := s.SaveAnswers(id, "", map[string]assessment.Answer{"m1.q1": lvl(1 + i%5)})
	return err
}

// BenchmarkCommitBare measures the floor: a bare one-row commit.
func BenchmarkCommitBare(b *testing.B) {
	db := bareDB(b)
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := bareCommit(db, i); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.ReportMetric(median(took), "ms-median")
}

// BenchmarkCommitAnswer measures saving one answer: one immediate
// transaction with synchronous=FULL, as every answer in the app is saved.
func BenchmarkCommitAnswer(b *testing.B) {
	s, id := answered(b)
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := answerCommit(s, id, i); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.ReportMetric(median(took), "ms-median")
}

// BenchmarkCommitRatio alternates a bare commit and an answer commit and
// reports both medians and their ratio (x-bare, the budget is 1.3).
func BenchmarkCommitRatio(b *testing.B) {
	db := bareDB(b)
	s, id := answered(b)
	var bare, answer []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := bareCommit(db, i); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := answerCommit(s, id, i); err != nil {
			b.Fatal(err)
		}
		bare, answer = append(bare, mid.Sub(start)), append(answer, time.Since(mid))
	}
	b.ReportMetric(median(bare), "ms-bare")
	b.ReportMetric(median(answer), "ms-answer")
	b.ReportMetric(median(answer)/median(bare), "x-bare")
}

// median is the middle duration in milliseconds.
func median(took []time.Duration) float64 {
	slices.Sort(took)
	return float64(took[len(took)/2].Microseconds()) / 1000
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
