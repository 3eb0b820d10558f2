package tui

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// BenchmarkView renders every screen at 200×60 (budget: 2 ms each).
func BenchmarkView(b *testing.B) {
	for _, sc := range screens {
		b.Run(sc.name, func(b *testing.B) {
			b.Chdir(b.TempDir())
			s, err := store.Open("seam.db")
			require.NoError(b, err)
			defer s.Close()
			a := newApp(b, s, 200, 60)
			sc.setup(b, a)
			b.ReportAllocs()
			for b.Loop() {
				_ = a.View()
			}
		})
	}
	b.Run("preview", func(b *testing.B) {
		b.Chdir(b.TempDir())
		s, err := store.Open("seam.db")
		require.NoError(b, err)
		defer s.Close()
		a := newApp(b, s, 200, 60)
		create(b, s, "Acme Logistics")
		goHome(a)
		press(a, "enter", "3", "2", "r", "p")
		on[*previewScreen](b, a)
		for b.Loop() {
			_ = a.View()
		}
	})
	b.Run("actions-every", func(b *testing.B) { // every action of the instrument adopted
		b.Chdir(b.TempDir())
		s, err := store.Open("seam.db")
		require.NoError(b, err)
		defer s.Close()
		id := create(b, s, "Acme Logistics")
		l, err := s.Load(id)
		require.NoError(b, err)
		n := 0
		for _, q := range l.Instrument.Questions() {
			for i, act := range q.Actions {
				due := assessment.Date(fmt.Sprintf("20%02d-01-31", 20+i*40))
				_, err := s.AdoptAction(id, q.ID, act.ID, assessment.ActionUpdate{Owner: ptr(fmt.Sprintf("Owner %d", n%7)), Due: &due})
				require.NoError(b, err)
				n++
			}
		}
		a := newApp(b, s, 200, 60)
		goHome(a)
		press(a, "A")
		require.Len(b, on[*actionsScreen](b, a).rows, n)
		b.ReportAllocs()
		for b.Loop() {
			_ = a.View()
		}
	})
	// Two workshops of 20 participants, every question answered: the
	// compare screen with the room's agreement per mode (the plain one is
	// BenchmarkView/compare, of the screens above).
	b.Run("compare-workshops-20", func(b *testing.B) {
		b.Chdir(b.TempDir())
		s, err := store.Open("seam.db")
		require.NoError(b, err)
		defer s.Close()
		inst, err := questionnaire.Default()
		require.NoError(b, err)
		w, err := s.Create(store.NewAssessment{Organization: "Acme Logistics", Title: "Board workshop", Kind: store.Workshop, Instrument: inst})
		require.NoError(b, err)
		for i := range 20 {
			_, err := s.AddParticipant(w.ID, store.Participant{Name: fmt.Sprintf("P%02d", i), Function: store.Functions[i%len(store.Functions)]})
			require.NoError(b, err)
		}
		next, err := s.Reassess(w.ID, store.ReassessOptions{})
		require.NoError(b, err)
		for round, id := range []string{w.ID, next.ID} {
			for i := range 20 {
				answers := map[string]assessment.Answer{}
				for n, q := range inst.Questions() {
					answers[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 1 + (i+n+round)%5}
				}
				require.NoError(b, saved(s.SaveAnswers(id, fmt.Sprintf("P%02d", i), answers)))
			}
		}
		a := newApp(b, s, 200, 60)
		onFollowUp(b, a, next.ID)
		press(a, "enter")
		a.Update(showResults{})
		drain(a)
		press(a, "C")
		require.Contains(b, a.View(), "Agreement (rwg)")
		b.ReportAllocs()
		for b.Loop() {
			_ = a.View()
		}
	})
	b.Run("home-1000", func(b *testing.B) {
		b.Chdir(b.TempDir())
		s, err := store.Open("seam.db")
		require.NoError(b, err)
		defer s.Close()
		for range 1000 {
			create(b, s, "Northwind Freight (sample)")
		}
		a := newApp(b, s, 200, 60)
		goHome(a)
		require.Len(b, a.home.list, 1000)
		b.ReportAllocs()
		for b.Loop() {
			_ = a.View()
		}
	})
}
