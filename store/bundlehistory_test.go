package store

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// withHistory is a workshop whose consensus on m1.q1 went from 2 to 3 and
// whose n/a on m4.q5 was cleared: its bundle's consensus_history is
// m1.q1 2, m4.q5 n/a, m1.q1 3, m4.q5 cleared.
func withHistory(t testing.TB) (*Store, string, []byte) {
	t.Helper()
	s := open(t)
	id := newWorkshop(t, s)
	require.NoError(t, s.SaveConsensus(id, "m1.q1", lvl(2)))
	require.NoError(t, s.SaveConsensus(id, "m4.q5", assessment.Answer{Kind: assessment.NotApplicable, Reason: "no mandates"}))
	require.NoError(t, s.SaveConsensus(id, "m1.q1", assessment.Answer{Kind: assessment.Level, Level: 3, Note: "agreed"}))
	require.NoError(t, s.ClearConsensus(id, "m4.q5"))
	b, err := s.Export(id)
	require.NoError(t, err)
	data, err := json.MarshalIndent(b, "", "  ")
	require.NoError(t, err)
	return s, id, data
}

func TestABundleCarriesTheConsensusHistory(t *testing.T) {
	src, id, data := withHistory(t)
	b, err := ReadBundle("w.json", data)
	require.NoError(t, err)
	require.Len(t, b.ConsensusHistory, 4)
	assert.Equal(t, BundleConsensusChange{Question: "m4.q5", Answer: "n/a", Reason: "no mandates", At: b.ConsensusHistory[1].At}, b.ConsensusHistory[1])
	assert.Equal(t, "cleared", b.ConsensusHistory[3].Answer)

	dst := open(t)
	_, err = dst.Import(b, ImportOptions{})
	require.NoError(t, err)
	want, err := src.ConsensusHistory(id)
	require.NoError(t, err)
	have, err := dst.ConsensusHistory(id)
	require.NoError(t, err)
	assert.Equal(t, want, have, "every change, in order, with its time")
	l, err := dst.Load(id)
	require.NoError(t, err)
	assert.Equal(t, map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 3, Note: "agreed"}}, l.Consensus)
}

// TestABundleWithoutAConsensusHistoryStartsIt: bundles written before the
// history had none; their consensus starts it, as it did.
func TestABundleWithoutAConsensusHistoryStartsIt(t *testing.T) {
	_, id, data := withHistory(t)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	delete(m, "consensus_history")
	old, err := json.Marshal(m)
	require.NoError(t, err)
	b, err := ReadBundle("old.json", old)
	require.NoError(t, err)
	dst := open(t)
	_, err = dst.Import(b, ImportOptions{})
	require.NoError(t, err)
	h, err := dst.ConsensusHistory(id)
	require.NoError(t, err)
	require.Len(t, h, 1)
	assert.Equal(t, ConsensusChange{Question: "m1.q1", Answer: assessment.Answer{Kind: assessment.Level, Level: 3, Note: "agreed"}, At: h[0].At}, h[0])
	assert.Equal(t, b.Consensus[0].At, timestamp(h[0].At), "the consensus starts its history, at its own time")
}

func TestReadBundleRefusesABadConsensusHistory(t *testing.T) {
	_, _, data := withHistory(t)
	edit := func(fn func(m map[string]any, h []any)) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(data, &m))
		h := m["consensus_history"].([]any)
		fn(m, h)
		out, err := json.Marshal(m)
		require.NoError(t, err)
		return out
	}
	entry := func(h []any, i int) map[string]any { return h[i].(map[string]any) }
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"unknown question", edit(func(_ map[string]any, h []any) { entry(h, 1)["question"] = "m9.q9" }),
			`consensus_history[1]: unknown question id "m9.q9"`},
		{"bad kind", edit(func(_ map[string]any, h []any) { entry(h, 0)["answer"] = "agreed" }),
			`consensus_history[0]: m1.q1: answer must be 1 to 5, dont-know, n/a or cleared, not "agreed"`},
		{"level out of range", edit(func(_ map[string]any, h []any) { entry(h, 0)["answer"] = "6" }),
			`consensus_history[0]: m1.q1: answer must be 1 to 5, dont-know, n/a or cleared, not "6"`},
		{"bad time", edit(func(_ map[string]any, h []any) { entry(h, 2)["at"] = "yesterday" }),
			`consensus_history[2]: m1.q1: at: "yesterday" is not an RFC 3339 time such as 2026-11-02T10:00:00Z`},
		{"reason on a level", edit(func(_ map[string]any, h []any) { entry(h, 0)["na_reason"] = "no mandates" }),
			`consensus_history[0]: m1.q1: a reason is only for n/a answers`},
		{"reason on a clear", edit(func(_ map[string]any, h []any) { entry(h, 3)["na_reason"] = "no mandates" }),
			`consensus_history[3]: m4.q5: a reason is only for n/a answers, not for cleared`},
		{"note on a clear", edit(func(_ map[string]any, h []any) { entry(h, 3)["note"] = "why" }),
			`consensus_history[3]: m4.q5: a cleared entry has no note`},
		{"n/a without a reason", edit(func(_ map[string]any, h []any) { delete(entry(h, 1), "na_reason") }),
			`consensus_history[1]: m4.q5: n/a needs a reason`},
		{"another last level", edit(func(_ map[string]any, h []any) { entry(h, 2)["answer"] = "2" }),
			`consensus_history[2]: m1.q1: the last entry records 2, but the consensus is 3`},
		{"another last note", edit(func(_ map[string]any, h []any) { entry(h, 2)["note"] = "agreed?" }),
			`consensus_history[2]: m1.q1: the last entry has another note than the consensus`},
		{"another last time", edit(func(_ map[string]any, h []any) { entry(h, 2)["at"] = "2030-01-01T00:00:00Z" }),
			`consensus_history[2]: m1.q1: the last entry was recorded at 2030-01-01T00:00:00.000000Z, the consensus at 2026-11-25T09:00:`},
		{"cleared last but agreed", edit(func(m map[string]any, h []any) {
			m["consensus"] = append(m["consensus"].([]any), map[string]any{"participant": "", "question": "m4.q5", "answer": "1", "at": "2026-11-25T10:00:00Z"})
		}), `consensus_history[3]: m4.q5: the last entry is cleared, but the consensus is 1`},
		{"no consensus for the last entry", edit(func(m map[string]any, _ []any) { m["consensus"] = []any{} }),
			`consensus_history[2]: m1.q1: the last entry records 3, but there is no consensus`},
		{"a consensus without history", edit(func(m map[string]any, h []any) { m["consensus_history"] = []any{h[1], h[3]} }),
			`consensus[0]: m1.q1 has no entry in consensus_history`},
		{"a list of text", edit(func(m map[string]any, _ []any) { m["consensus_history"] = []any{"m1.q1"} }),
			`line 1: consensus_history must be an object, not text`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBundle("w.json", tc.data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "w.json: "), err.Error())
			assert.NotContains(t, err.Error(), "\n")
			assert.NotContains(t, err.Error(), "store.", "no Go type names")
		})
	}
}

// TestImportRefusesAConsensusHistoryThatDisagrees: a bundle built in
// code (not read) whose history disagrees is refused by Import itself,
// adding nothing; and only a workshop carries a history.
func TestImportRefusesAConsensusHistoryThatDisagrees(t *testing.T) {
	s, id, _ := withHistory(t)
	b, err := s.Export(id)
	require.NoError(t, err)
	b.ConsensusHistory[2].Note = "changed"
	dst := open(t)
	_, err = dst.Import(b, ImportOptions{})
	assert.EqualError(t, err, "consensus_history[2]: m1.q1: the last entry has another note than the consensus")
	list, err := dst.List()
	require.NoError(t, err)
	assert.Empty(t, list, "refused: nothing added")

	self := newSelf(t, s, "Acme")
	b, err = s.Export(self.ID)
	require.NoError(t, err)
	b.ConsensusHistory = []BundleConsensusChange{{Question: "m1.q1", Answer: "cleared", At: "2026-11-25T10:00:00Z"}}
	_, err = dst.Import(b, ImportOptions{})
	assert.EqualError(t, err, "inconsistent: only a workshop can carry a consensus")
}
