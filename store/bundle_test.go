package store

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
)

func exported(t *testing.T) (*Store, string, []byte) {
	t.Helper()
	s := open(t)
	a := newSelf(t, s, "Acme | <script>")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(2), "m3.q6": {Kind: assessment.DontKnow, Note: "ask"}})))
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 3, Evidence: "minutes"}})))
	b, err := s.Export(a.ID)
	require.NoError(t, err)
	data, err := json.MarshalIndent(b, "", "  ")
	require.NoError(t, err)
	return s, a.ID, data
}

func TestExportImportRoundTrip(t *testing.T) {
	src, id, data := exported(t)
	b, inst, err := ReadBundle("b.json", data)
	require.NoError(t, err)
	assert.Equal(t, BundleVersion, b.Version)

	dst := open(t)
	got, err := dst.Import(b, inst, ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, id, got, "the id travels with the assessment")

	want, err := src.Load(id)
	require.NoError(t, err)
	have, err := dst.Load(id)
	require.NoError(t, err)
	assert.Equal(t, want.Organization, have.Organization)
	assert.Equal(t, want.Targets, have.Targets)
	assert.Equal(t, want.CreatedAt, have.CreatedAt)
	assert.Equal(t, want.UpdatedAt, have.UpdatedAt)
	assert.Equal(t, want.AnswersOf("Jo"), have.AnswersOf("Jo"))
	hw, err := src.History(id)
	require.NoError(t, err)
	hh, err := dst.History(id)
	require.NoError(t, err)
	require.Len(t, hh, 3)
	for i := range hw {
		assert.Equal(t, hw[i].Answer, hh[i].Answer)
		assert.Equal(t, hw[i].At, hh[i].At)
	}

	again, err := dst.Export(id)
	require.NoError(t, err)
	b.ExportedAt, again.ExportedAt = "", ""
	assert.Equal(t, b, again, "export after import gives the same bundle")
}

func TestImportingTheSameBundleTwice(t *testing.T) {
	_, id, data := exported(t)
	dst := open(t)
	b, inst, err := ReadBundle("b.json", data)
	require.NoError(t, err)
	_, err = dst.Import(b, inst, ImportOptions{})
	require.NoError(t, err)

	_, err = dst.Import(b, inst, ImportOptions{})
	assert.ErrorIs(t, err, ErrExists)
	assert.EqualError(t, err, "assessment "+id+" is already in the database (was this bundle imported before?)",
		"a whole sentence, without the database path or the command line's advice")
	list, err := dst.List()
	require.NoError(t, err)
	assert.Len(t, list, 1, "refused: nothing added")

	copyID, err := dst.Import(b, inst, ImportOptions{AsNew: true})
	require.NoError(t, err)
	assert.NotEqual(t, id, copyID)
	l, err := dst.Load(copyID)
	require.NoError(t, err)
	assert.Equal(t, 3, l.AnswersOf("Jo")["m1.q1"].Level)
}

func TestReadBundleRefusesBadBundles(t *testing.T) {
	_, _, data := exported(t)
	edit := func(fn func(m map[string]any)) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(data, &m))
		fn(m)
		out, err := json.Marshal(m)
		require.NoError(t, err)
		return out
	}
	answers := func(m map[string]any) []any { return m["answers"].([]any) }
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"truncated", data[:len(data)/2], "b.json: not a valid bundle: the file is truncated"},
		{"empty", nil, "b.json: not a valid bundle: the file is truncated"},
		{"not json", []byte("hello\n"), "b.json: not a valid bundle: line 1: invalid character"},
		{"wrong type", edit(func(m map[string]any) { m["version"] = "one" }), "version must be int"},
		{"other format", edit(func(m map[string]any) { m["format"] = "x" }), `not a seam bundle (format "x"`},
		{"newer version", edit(func(m map[string]any) { m["version"] = 2 }), "bundle version 2 is not supported (this seam reads version 1)"},
		{"no assessment", edit(func(m map[string]any) { delete(m, "assessment") }), `missing field: the bundle needs both "instrument" and "assessment"`},
		{"no organization", edit(func(m map[string]any) { m["assessment"].(map[string]any)["organization"] = "" }), "missing field: assessment.organization"},
		{"no id", edit(func(m map[string]any) { delete(m["assessment"].(map[string]any), "id") }), "missing field: assessment.id"},
		{"bad hash", edit(func(m map[string]any) { m["instrument"].(map[string]any)["hash"] = strings.Repeat("0", 64) }), "inconsistent: instrument.hash 000000000000… does not match its body"},
		{"bad body", edit(func(m map[string]any) { m["instrument"].(map[string]any)["body"] = "id: [" }), "instrument: instrument.body:1: not valid YAML"},
		{"unknown question", edit(func(m map[string]any) { answers(m)[0].(map[string]any)["question"] = "m9.q9" }), `answers[0]: unknown question id "m9.q9"`},
		{"duplicate answer", edit(func(m map[string]any) { m["answers"] = append(answers(m), answers(m)[0]) }), `answers[2]: duplicate answer of "Jo" to m1.q1`},
		{"bad level", edit(func(m map[string]any) { answers(m)[0].(map[string]any)["answer"] = "7" }), `answers[0]: m1.q1: answer must be 1 to 5, dont-know or n/a, not "7"`},
		{"unknown participant", edit(func(m map[string]any) { answers(m)[1].(map[string]any)["participant"] = "Max" }), `answers[1]: unknown participant "Max"`},
		{"two respondents", edit(func(m map[string]any) {
			m["participants"] = append(m["participants"].([]any), map[string]any{"name": "Max", "function": "it", "created_at": "2026-01-01T00:00:00Z"})
		}), "inconsistent: a self-assessment has one participant, this one has 2"},
		{"bad history time", edit(func(m map[string]any) { m["history"].([]any)[0].(map[string]any)["at"] = "yesterday" }), `history[0]: m1.q1: at: not a time: "yesterday"`},
		{"trailing data", append(append([]byte{}, data...), []byte("{}")...), "more data after the JSON document"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ReadBundle("b.json", tc.data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "b.json: "), err.Error())
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}

func TestImportOnAFullDiskAddsNothing(t *testing.T) {
	_, _, data := exported(t)
	b, inst, err := ReadBundle("b.json", data)
	require.NoError(t, err)
	dst := open(t)
	newSelf(t, dst, "Existing") // the schema and instrument pages exist
	dst.db.SetMaxOpenConns(1)
	var pages int
	require.NoError(t, dst.db.QueryRow("PRAGMA page_count").Scan(&pages))
	_, err = dst.db.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages))
	require.NoError(t, err)
	for i := range b.History { // enough text to need new pages
		b.History[i].Note = strings.Repeat("h", assessment.MaxNoteLen)
	}
	for i := 0; i < 40; i++ {
		b.History = append(b.History, b.History[0])
	}
	_, err = dst.Import(b, inst, ImportOptions{})
	var dbe *DBError
	require.True(t, errors.As(err, &dbe), "%v", err)
	assert.Contains(t, err.Error(), "the disk is full; nothing was saved")
	list, err := dst.List()
	require.NoError(t, err)
	assert.Len(t, list, 1, "no half-imported assessment")
}

func TestExportUnknownID(t *testing.T) {
	s := open(t)
	_, err := s.Export("nope22")
	assert.ErrorIs(t, err, ErrNotFound)
}
