package store

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

// chained is a workshop and its follow-up, each with a register that
// changed: the first's m1.q1.a1 was done, its m2.q1.a1 dropped with a
// reason and its m3 find-out item is in progress with a hostile note; the
// follow-up adopted m1.q2.a1. It returns the store, the two ids and their
// bundles as export writes them (at a fixed time).
func chained(t testing.TB) (s *Store, first, next string, bundles [2][]byte) {
	t.Helper()
	s = open(t)
	first = newWorkshop(t, s)
	require.NoError(t, saved(s.SaveAnswers(first, "Ann", map[string]assessment.Answer{"m1.q1": lvl(1), "m2.q1": lvl(2)})))
	adopt := func(id, q, a string, u assessment.ActionUpdate) {
		_, err := s.AdoptAction(id, q, a, u)
		require.NoError(t, err)
	}
	update := func(id, q, a string, u assessment.ActionUpdate) {
		_, err := s.UpdateAction(id, q, a, u)
		require.NoError(t, err)
	}
	adopt(first, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Owner: new("Ann"), Due: new(assessment.Date("2027-03-31"))})
	adopt(first, "m2.q1", "m2.q1.a1", assessment.ActionUpdate{Owner: new("Bo (CIO)")})
	adopt(first, "", "m3.find-out", assessment.ActionUpdate{Status: new(assessment.ActionInProgress), Notes: new(hostileNote)})
	update(first, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionInProgress)})
	update(first, "m2.q1", "m2.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionDropped), Reason: new("merged into the ERP programme")})
	update(first, "m1.q1", "m1.q1.a1", assessment.ActionUpdate{Status: new(assessment.ActionDone), Notes: new("owners named in the register")})
	f, err := s.Reassess(first, ReassessOptions{})
	require.NoError(t, err)
	next = f.ID
	require.NoError(t, saved(s.SaveAnswers(next, "Bo", map[string]assessment.Answer{"m1.q1": lvl(2)})))
	adopt(next, "m1.q2", "m1.q2.a1", assessment.ActionUpdate{Owner: new("Cy"), Due: new(assessment.Date("2027-09-30"))})

	now := s.now
	s.now = func() time.Time { return time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC) }
	for i, id := range []string{first, next} {
		b, err := s.Export(id)
		require.NoError(t, err)
		bundles[i], err = b.Encode()
		require.NoError(t, err)
	}
	s.now = now
	return s, first, next, bundles
}

func TestTheChainAndTheRegisterTravelInBundles(t *testing.T) {
	src, first, next, bundles := chained(t)
	text := string(bundles[0])
	assert.Contains(t, text, `"version": 2,`)
	assert.Contains(t, string(bundles[1]), `"previous": "`+first+`"`)
	assert.Regexp(t, `"actions": \[\n\s+\{\n\s+"question": "m1.q1",\n\s+"action": "m1.q1.a1",\n\s+"owner": "Ann",\n\s+"due": "2027-03-31",\n\s+"status": "done",`, text)
	assert.Contains(t, text, `"reason": "merged into the ERP programme"`)
	assert.Contains(t, text, `"question": "",`+"\n"+`      "action": "m3.find-out"`, "a find-out item has no question")
	assert.Contains(t, text, `c1 \u009b31m bidi \u202egnp.exe`, "hostile text kept, written as escapes")

	// Imported into another database, follow-up first, in one import:
	// the chain forms whatever the order.
	var read []*Bundle
	for i, data := range [][]byte{bundles[1], bundles[0]} {
		b, err := ReadBundle([]string{"next.json", "first.json"}[i], data)
		require.NoError(t, err)
		read = append(read, b)
	}
	dst := open(t)
	done, err := dst.ImportAll(read, ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, []Imported{{ID: next}, {ID: first}}, done)
	chain, err := dst.Chain(first)
	require.NoError(t, err)
	require.Len(t, chain, 2)
	assert.Equal(t, [2]string{first, next}, [2]string{chain[0].ID, chain[1].ID})
	for _, id := range []string{first, next} {
		want, err := src.Actions(id)
		require.NoError(t, err)
		have, err := dst.Actions(id)
		require.NoError(t, err)
		assert.Equal(t, want, have, "the register as it stands, in the instrument's order, with its times")
		wantH, err := src.ActionHistory(id)
		require.NoError(t, err)
		haveH, err := dst.ActionHistory(id)
		require.NoError(t, err)
		require.Len(t, haveH, len(wantH))
		for i := range wantH {
			wantH[i].Seq, haveH[i].Seq = 0, 0 // revisions are the database's own
		}
		assert.Equal(t, wantH, haveH, "every change, in order, with its time")
	}
	acts, err := dst.Actions(first)
	require.NoError(t, err)
	assert.Equal(t, hostileNote, acts[2].Notes, "the text itself is exactly what was typed")

	// Exported again: byte for byte what the first database wrote.
	dst.now = func() time.Time { return time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC) }
	for i, id := range []string{first, next} {
		b, err := dst.Export(id)
		require.NoError(t, err)
		again, err := b.Encode()
		require.NoError(t, err)
		assert.Equal(t, string(bundles[i]), string(again), id)
	}
}

// TestAFollowUpWithoutItsPreviousIsStoredUnlinked: a link always names an
// assessment in the database. A follow-up whose previous is missing, or
// already followed up, is stored without the link, and ImportAll says
// which.
func TestAFollowUpWithoutItsPreviousIsStoredUnlinked(t *testing.T) {
	_, first, next, bundles := chained(t)
	read := func(data []byte) *Bundle {
		b, err := ReadBundle("b.json", data)
		require.NoError(t, err)
		return b
	}
	dst := open(t)
	id, err := dst.Import(read(bundles[1]), ImportOptions{})
	require.NoError(t, err)
	l, err := dst.Load(id)
	require.NoError(t, err)
	assert.Empty(t, l.Previous, "its previous assessment is not in this database")
	acts, err := dst.Actions(id)
	require.NoError(t, err)
	assert.Len(t, acts, 1, "the rest of it is there")

	dst = open(t)
	done, err := dst.ImportAll([]*Bundle{read(bundles[1])}, ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, []Imported{{ID: next, Unlinked: first}}, done)

	// The previous one first, then its follow-up twice: the copy finds the
	// previous one followed up already.
	dst = open(t)
	_, err = dst.Import(read(bundles[0]), ImportOptions{})
	require.NoError(t, err)
	done, err = dst.ImportAll([]*Bundle{read(bundles[1])}, ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, []Imported{{ID: next}}, done)
	done, err = dst.ImportAll([]*Bundle{read(bundles[1])}, ImportOptions{AsNew: true})
	require.NoError(t, err)
	require.Len(t, done, 1)
	assert.Equal(t, first, done[0].Unlinked)
	l, err = dst.Load(done[0].ID)
	require.NoError(t, err)
	assert.Empty(t, l.Previous)

	// A whole chain imported again as a copy links its copies.
	done, err = dst.ImportAll([]*Bundle{read(bundles[0]), read(bundles[1])}, ImportOptions{AsNew: true})
	require.NoError(t, err)
	require.Len(t, done, 2)
	assert.Empty(t, done[0].Unlinked+done[1].Unlinked)
	chain, err := dst.Chain(done[1].ID)
	require.NoError(t, err)
	require.Len(t, chain, 2)
	assert.Equal(t, [2]string{done[0].ID, done[1].ID}, [2]string{chain[0].ID, chain[1].ID})
}

// TestAVersion1BundleStillImports reads a bundle written by the seam
// before version 2 (testdata/bundle-v1.json: a workshop with votes, a
// consensus history, figures and a capacity): it imports as it did, and
// exports as version 2 with the same content.
func TestAVersion1BundleStillImports(t *testing.T) {
	data, err := os.ReadFile("testdata/bundle-v1.json")
	require.NoError(t, err)
	require.Contains(t, string(data), `"version": 1,`)
	b, err := ReadBundle("bundle-v1.json", data)
	require.NoError(t, err, "its checksum still matches")
	s := open(t)
	id, err := s.Import(b, ImportOptions{})
	require.NoError(t, err)
	l, err := s.Load(id)
	require.NoError(t, err)
	assert.Equal(t, "Fixture Corp", l.Organization)
	assert.Equal(t, 5, l.Capacity)
	assert.Equal(t, map[string]int{"m1": 4, "m2": 3}, l.Targets)
	assert.Equal(t, assessment.Answer{Kind: assessment.Level, Level: 3, Note: "agreed"}, l.Consensus["m1.q1"])
	assert.Equal(t, map[string]assessment.BaselineValue{"integrations": {Value: 140}, "data-trust": {DontKnow: true}}, l.Baseline)
	assert.Equal(t, assessment.Answer{Kind: assessment.DontKnow, Note: "ask finance"}, l.AnswersOf("Ann")["m1.q2"])
	assert.Empty(t, l.Previous)
	acts, err := s.Actions(id)
	require.NoError(t, err)
	assert.Empty(t, acts)

	s.now = func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) } // the fixture's export time
	again, err := s.Export(id)
	require.NoError(t, err)
	out, err := again.Encode()
	require.NoError(t, err)
	withoutChecksum := regexp.MustCompile(`(?m)^  "checksum": "sha256:[0-9a-f]{64}",\n`)
	assert.Equal(t, strings.Replace(withoutChecksum.ReplaceAllString(string(data), ""), `"version": 1,`, `"version": 2,`, 1),
		withoutChecksum.ReplaceAllString(string(out), ""), "everything a version 1 bundle holds comes through")
}

func TestAChecksumFindsAChangedActionCharacter(t *testing.T) {
	_, _, _, bundles := chained(t)
	flipped := strings.Replace(string(bundles[0]), `"owner": "Bo (CIO)"`, `"owner": "Bo (CFO)"`, 1)
	require.NotEqual(t, string(bundles[0]), flipped)
	_, err := ReadBundle("b.json", []byte(flipped))
	assert.ErrorContains(t, err, "b.json: not a valid bundle: the checksum does not match the content")
}

// TestAnEditedRegisterIsLoggedAfterItsHistory: a bundle whose action, as
// it stands, is not its history's last entry (edited by hand, without
// the checksum) imports with the edit logged last, as answers do.
func TestAnEditedRegisterIsLoggedAfterItsHistory(t *testing.T) {
	_, first, _, bundles := chained(t)
	var m map[string]any
	require.NoError(t, json.Unmarshal(bundles[0], &m))
	delete(m, "checksum")
	m["actions"].([]any)[1].(map[string]any)["owner"] = "Di"
	data, err := json.Marshal(m)
	require.NoError(t, err)
	b, err := ReadBundle("b.json", data)
	require.NoError(t, err)
	dst := open(t)
	_, err = dst.Import(b, ImportOptions{})
	require.NoError(t, err)
	acts, err := dst.Actions(first)
	require.NoError(t, err)
	assert.Equal(t, "Di", acts[1].Owner)
	assert.Equal(t, assessment.ActionDropped, acts[1].Status)
	h, err := dst.ActionHistory(first)
	require.NoError(t, err)
	assert.Len(t, h, 7, "the six changes and the edit")
	assert.Equal(t, "Di", h[6].Owner)
}

func TestReadBundleRefusesABadLinkOrRegister(t *testing.T) {
	_, _, _, bundles := chained(t)
	edit := func(which int, fn func(m map[string]any)) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(bundles[which], &m))
		delete(m, "checksum")
		fn(m)
		out, err := json.Marshal(m)
		require.NoError(t, err)
		return out
	}
	action := func(m map[string]any, i int) map[string]any { return m["actions"].([]any)[i].(map[string]any) }
	history := func(m map[string]any, i int) map[string]any { return m["action_history"].([]any)[i].(map[string]any) }
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"register in version 1", edit(0, func(m map[string]any) { m["version"] = 1 }),
			"inconsistent: assessment.previous, actions and action_history are new in bundle version 2, and this bundle says version 1"},
		{"link in version 1", edit(1, func(m map[string]any) { m["version"] = 1; delete(m, "actions"); delete(m, "action_history") }),
			"are new in bundle version 2, and this bundle says version 1"},
		{"previous not an id", edit(1, func(m map[string]any) { m["assessment"].(map[string]any)["previous"] = "../x" }),
			`assessment.previous "../x" is not a seam id`},
		{"previous itself", edit(1, func(m map[string]any) {
			m["assessment"].(map[string]any)["previous"] = m["assessment"].(map[string]any)["id"]
		}), "names itself as its previous assessment"},
		{"unknown action", edit(0, func(m map[string]any) { action(m, 0)["action"] = "m1.q1.a9" }),
			`actions[0]: no such action "m1.q1.a9" for m1.q1: its actions are m1.q1.a1, m1.q1.a2`},
		{"unknown question", edit(0, func(m map[string]any) { action(m, 0)["question"] = "m9.q9" }),
			`actions[0]: no such action: instrument seam-integration-strategy has no question "m9.q9"`},
		{"unknown mode", edit(0, func(m map[string]any) { action(m, 2)["action"] = "m9.find-out" }),
			`actions[2]: no such action "m9.find-out": instrument seam-integration-strategy has no failure mode "m9"`},
		{"bad status", edit(0, func(m map[string]any) { action(m, 0)["status"] = "finished" }),
			`actions[0]: m1.q1.a1: status must be one of not-started, in-progress, done, risk-accepted, dropped, not "finished"`},
		{"dropped without a reason", edit(0, func(m map[string]any) { delete(action(m, 1), "reason") }),
			"actions[1]: m2.q1.a1: status dropped needs a reason: say why"},
		{"a reason for done", edit(0, func(m map[string]any) { action(m, 0)["reason"] = "x" }),
			"actions[0]: m1.q1.a1: a reason is only for risk-accepted or dropped, not for done"},
		{"bad due date", edit(0, func(m map[string]any) { action(m, 0)["due"] = "31.03.2027" }),
			`actions[0]: m1.q1.a1: due date "31.03.2027" is not a date written YYYY-MM-DD`},
		{"a time for a due date", edit(0, func(m map[string]any) { history(m, 0)["due"] = "2027-03-31T00:00:00Z" }),
			`action_history[0]: m1.q1.a1: due date "2027-03-31T00:00:00Z" is not a date`},
		{"bad time", edit(0, func(m map[string]any) { history(m, 1)["at"] = "yesterday" }),
			`action_history[1]: m2.q1.a1: at: "yesterday" is not an RFC 3339 time`},
		{"twice in the register", edit(0, func(m map[string]any) { m["actions"] = append(m["actions"].([]any), action(m, 0)) }),
			"actions[3]: m1.q1.a1 is in the register twice"},
		{"history of an action not adopted", edit(0, func(m map[string]any) { m["actions"] = m["actions"].([]any)[1:] }),
			"action_history[0]: m1.q1.a1 is not in actions (an action with a history is adopted)"},
		{"unknown key", edit(0, func(m map[string]any) { action(m, 0)["assignee"] = "Ann" }), `unknown key "assignee"`},
		{"actions an object", edit(0, func(m map[string]any) { m["actions"] = map[string]any{} }), "actions must be a list, not an object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBundle("b.json", tc.data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "b.json: "), err.Error())
			assert.NotContains(t, err.Error(), "\n")
			assert.NotContains(t, err.Error(), "store.", "no Go type names")
		})
	}
}
