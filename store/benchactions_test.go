package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// wideInstrument has n questions of two actions each, in the format
// before 1.1: 2n actions to adopt.
func wideInstrument(tb testing.TB, n int) *questionnaire.Instrument {
	tb.Helper()
	var b strings.Builder
	b.WriteString("id: wide\nversion: \"1\"\ntitle: Wide\nprinciples:\n  - {id: p, name: P, description: D.}\nmodes:\n  - id: m\n    group: g\n    name: M\n    summary: S.\n    questions:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `      - id: m.q%[1]d
        title: Q
        text: T?
        why: W.
        importance: 2
        principles: {p: 1}
        levels: [a, b, c, d, e]
        actions:
          - {id: m.q%[1]d.a1, from: [1, 2], do: D., effort: S, owners: {business: B, it: I}, kpi: K 1 %%.}
          - {id: m.q%[1]d.a2, from: [3, 4], do: D., effort: M, owners: {business: B, it: I}, kpi: K 2 %%.}
`, i)
	}
	inst, err := questionnaire.Parse("wide.yaml", []byte(b.String()))
	require.NoError(tb, err)
	return inst
}

// BenchmarkActions500 measures listing a register of 500 actions, each
// adopted and then changed twice (1,500 entries in the log). The issue's
// budget is 10 ms.
//
//	go test ./store -run XXX -bench Actions500 -benchtime 300x
func BenchmarkActions500(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "seam.db"))
	require.NoError(b, err)
	defer s.Close()
	a, err := s.Create(NewAssessment{Organization: "Acme", Kind: Self, Instrument: wideInstrument(b, 250), Respondent: Participant{Name: "Jo", Function: "it"}})
	require.NoError(b, err)
	for i := 1; i <= 250; i++ {
		for _, act := range []string{"a1", "a2"} {
			q := fmt.Sprintf("m.q%d", i)
			id := q + "." + act
			_, err := s.AdoptAction(a.ID, q, id, assessment.ActionUpdate{Owner: new("Owner of " + id), Due: new(assessment.Date("2027-06-30"))})
			require.NoError(b, err)
			_, err = s.UpdateAction(a.ID, q, id, assessment.ActionUpdate{Status: new(assessment.ActionInProgress), Notes: new("started with the team")})
			require.NoError(b, err)
			_, err = s.UpdateAction(a.ID, q, id, assessment.ActionUpdate{Status: new(assessment.ActionDone)})
			require.NoError(b, err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		acts, err := s.Actions(a.ID)
		if err != nil || len(acts) != 500 {
			b.Fatal(err, len(acts))
		}
	}
}
