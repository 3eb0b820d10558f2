package store

import (
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/safetext"
)

func exported(t testing.TB) (*Store, string, []byte) {
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
	b, err := ReadBundle("b.json", data)
	require.NoError(t, err)
	assert.Equal(t, BundleVersion, b.Version)

	dst := open(t)
	got, err := dst.Import(b, ImportOptions{})
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
	b.instrument = nil // what check parsed, not part of the bundle
	assert.Equal(t, b, again, "export after import gives the same bundle")
}

func TestTheCapacityTravelsInTheBundleAndIsOptional(t *testing.T) {
	src := open(t)
	a, err := src.Create(NewAssessment{Organization: "Acme", Kind: Self, Instrument: defaultInstrument(t), Capacity: 9,
		Respondent: Participant{Name: "Jo", Function: "it"}})
	require.NoError(t, err)
	b, err := src.Export(a.ID)
	require.NoError(t, err)
	data, err := b.Encode()
	require.NoError(t, err)
	assert.Contains(t, string(data), `"capacity": 9,`)
	assert.Contains(t, string(data), `"version": 2,`, "an optional key: the version stays the one export writes")

	read, err := ReadBundle("b.json", data)
	require.NoError(t, err)
	dst := open(t)
	_, err = dst.Import(read, ImportOptions{})
	require.NoError(t, err)
	l, err := dst.Load(a.ID)
	require.NoError(t, err)
	assert.Equal(t, 9, l.Capacity)

	// An assessment on the default writes no key, and a bundle without
	// one (as every bundle before capacities) imports with the default.
	_, id, old := exported(t)
	assert.NotContains(t, string(old), `"capacity"`)
	read, err = ReadBundle("old.json", old)
	require.NoError(t, err)
	dst = open(t)
	_, err = dst.Import(read, ImportOptions{})
	require.NoError(t, err)
	l, err = dst.Load(id)
	require.NoError(t, err)
	assert.Zero(t, l.Capacity)

	// A capacity out of range is refused, and names its place.
	for _, bad := range []string{`"capacity": 0,`, `"capacity": -2,`, `"capacity": 1000,`} {
		edited := strings.Replace(string(data), `"capacity": 9,`, bad, 1)
		edited = regexp.MustCompile(`"checksum": "[^"]*",?\n`).ReplaceAllString(edited, "")
		_, err := ReadBundle("b.json", []byte(edited))
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "assessment.capacity must be from 1 to 999 effort points", bad)
	}
}

func TestImportingTheSameBundleTwice(t *testing.T) {
	_, id, data := exported(t)
	dst := open(t)
	b, err := ReadBundle("b.json", data)
	require.NoError(t, err)
	_, err = dst.Import(b, ImportOptions{})
	require.NoError(t, err)

	_, err = dst.Import(b, ImportOptions{})
	assert.ErrorIs(t, err, ErrExists)
	assert.EqualError(t, err, "assessment "+id+" is already in the database (was this bundle imported before?)",
		"a whole sentence, without the database path or the command line's advice")
	list, err := dst.List()
	require.NoError(t, err)
	assert.Len(t, list, 1, "refused: nothing added")

	copyID, err := dst.Import(b, ImportOptions{AsNew: true})
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
		{"wrong type", edit(func(m map[string]any) { m["version"] = "one" }), "line 1: version must be a whole number, not text"},
		{"answers an object", edit(func(m map[string]any) { m["answers"] = map[string]any{} }), "answers must be a list, not an object"},
		{"answers null", edit(func(m map[string]any) { m["answers"] = nil }), "answers must be a list ([] when there are none), not null or missing"},
		{"no history", edit(func(m map[string]any) { delete(m, "history") }), "history must be a list ([] when there are none), not null or missing"},
		{"unknown key", edit(func(m map[string]any) { m["assessment"].(map[string]any)["orgnization"] = "x" }), `unknown key "orgnization"`},
		{"id with a path", edit(func(m map[string]any) { m["assessment"].(map[string]any)["id"] = "../etc" }), `assessment.id "../etc" is not a seam id`},
		{"id with an escape", edit(func(m map[string]any) { m["assessment"].(map[string]any)["id"] = "ab\x1bcde" }), `assessment.id "ab\x1bcde" is not a seam id`},
		{"time before 1970", edit(func(m map[string]any) { m["history"].([]any)[0].(map[string]any)["at"] = "0001-01-01T00:00:00Z" }), `history[0]: m1.q1: at: "0001-01-01T00:00:00Z" is before 1970`},
		{"time without zone", edit(func(m map[string]any) { m["answers"].([]any)[0].(map[string]any)["at"] = "2026-11-02 10:00:00" }), `answers[0]: m1.q1: at: "2026-11-02 10:00:00" is not an RFC 3339 time`},
		{"participant time", edit(func(m map[string]any) { m["participants"].([]any)[0].(map[string]any)["created_at"] = "" }), `participants[0]: created_at: "" is not an RFC 3339 time`},
		{"huge instrument", edit(func(m map[string]any) {
			m["instrument"].(map[string]any)["body"] = strings.Repeat("# x\n", 200<<10)
		}), "instrument.body is 819200 bytes, more than the 512 KiB an instrument may be"},
		{"other format", edit(func(m map[string]any) { m["format"] = "x" }), `not a seam bundle (format "x"`},
		{"newer version", edit(func(m map[string]any) { m["version"] = 3 }), "bundle version 3 is not supported (this seam reads versions 1 and 2)"},
		{"no version", edit(func(m map[string]any) { delete(m, "version") }), "missing field: version (1 or 2)"},
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
		{"bad history time", edit(func(m map[string]any) { m["history"].([]any)[0].(map[string]any)["at"] = "yesterday" }), `history[0]: m1.q1: at: "yesterday" is not an RFC 3339 time such as 2026-11-02T10:00:00Z`},
		{"duplicate key", []byte(strings.Replace(string(data), `"format": "seam.bundle",`, `"format": "seam.bundle", "format": "seam.bundle",`, 1)),
			`not a valid bundle: line 2: the key "format" appears twice in one object`},
		{"duplicate nested key", []byte(strings.Replace(string(data), `"answer": "3",`, `"answer": "3", "answer": "1",`, 1)),
			`the key "answer" appears twice in one object`},
		{"trailing data", append(append([]byte{}, data...), []byte("{}")...), "more data after the JSON document"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBundle("b.json", tc.data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.msg)
			assert.True(t, strings.HasPrefix(err.Error(), "b.json: "), err.Error())
			assert.NotContains(t, err.Error(), "\n")
			assert.NotContains(t, err.Error(), "store.", "no Go type names")
			assert.NotContains(t, err.Error(), "[]store")
		})
	}
}

func TestImportOnAFullDiskAddsNothing(t *testing.T) {
	_, _, data := exported(t)
	b, err := ReadBundle("b.json", data)
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
	_, err = dst.Import(b, ImportOptions{})
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

// hostileNote holds characters that act on a terminal: a bundle keeps them
// exactly and writes none of them raw.
const hostileNote = "two\nlines \x1b]52;c;cHduZWQ=\x07 c1 \u009b31m bidi \u202egnp.exe"

// TestExportImportExportIsByteIdentical exports a workshop with votes,
// history, hostile notes and a consensus, imports it as a copy and exports
// the copy: the two files differ only in the id (and so the checksum).
func TestExportImportExportIsByteIdentical(t *testing.T) {
	s := open(t)
	id := newWorkshop(t, s)
	require.NoError(t, saved(s.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": lvl(1), "m2.q1": {Kind: assessment.DontKnow, Note: hostileNote}})))
	require.NoError(t, saved(s.SaveAnswers(id, "Bo", map[string]assessment.Answer{"m1.q1": lvl(5)})))
	require.NoError(t, saved(s.SaveAnswers(id, "Ann", map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 2, Evidence: "minutes \u202e"}})))
	require.NoError(t, s.SaveConsensus(id, "m1.q1", assessment.Answer{Kind: assessment.Level, Level: 2, Note: hostileNote}))
	require.NoError(t, s.SaveConsensus(id, "m4.q5", assessment.Answer{Kind: assessment.NotApplicable, Reason: "no mandates"}))
	require.NoError(t, s.SaveConsensus(id, "m1.q1", assessment.Answer{Kind: assessment.Level, Level: 3, Note: "agreed"}))
	require.NoError(t, s.ClearConsensus(id, "m4.q5"))
	require.NoError(t, saved(s.SaveAnswers(id, "Cy", map[string]assessment.Answer{"m3.q1": lvl(4)})))

	export := func(id string) []byte {
		b, err := s.Export(id)
		require.NoError(t, err)
		data, err := b.Encode()
		require.NoError(t, err)
		return data
	}
	s.now = func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }
	first := export(id)
	b, err := ReadBundle("w.json", first)
	require.NoError(t, err)
	copyID, err := s.Import(b, ImportOptions{AsNew: true})
	require.NoError(t, err)
	second := export(copyID)

	withoutChecksum := func(data []byte) string {
		return regexp.MustCompile(`(?m)^  "checksum": "sha256:[0-9a-f]{64}",\n`).ReplaceAllString(string(data), "")
	}
	assert.Equal(t, strings.ReplaceAll(withoutChecksum(first), `"id": "`+id+`"`, `"id": "`+copyID+`"`), withoutChecksum(second))
	assert.NotEqual(t, string(first), string(second), "the id and the checksum differ")
	assert.Contains(t, string(first), `"note": "agreed",`+"\n      \"at\": \"2026-11-25T09:00:")
	assert.Regexp(t, `"consensus_history": \[\n\s+\{\n\s+"question": "m1.q1",\n\s+"answer": "2",(?s:.*)"answer": "cleared"`, string(first),
		"the consensus replaced and the one cleared travel with the bundle")
	for _, w := range []string{id, copyID} {
		h, err := s.ConsensusHistory(w)
		require.NoError(t, err)
		require.Len(t, h, 4, w)
		assert.Equal(t, hostileNote, h[0].Answer.Note, "the history is stored as it was")
		assert.Equal(t, "no mandates", h[1].Answer.Reason)
		assert.Equal(t, 3, h[2].Answer.Level)
		assert.True(t, h[3].Cleared)
	}
	assert.Contains(t, string(first), `c1 \u009b31m bidi \u202egnp.exe`, "kept, written as escapes")
	for _, r := range string(first) {
		require.False(t, safetext.Hazard(r) && r != '\n', "raw %U in the bundle", r)
	}
	l, err := s.Load(copyID)
	require.NoError(t, err)
	assert.Equal(t, hostileNote, l.AnswersOf("Ann")["m2.q1"].Note, "the text itself is exactly what was typed")
}

// TestImportNormalisesTimesToUTC imports times written with offsets and
// fractions: they are stored, shown and exported in UTC to the microsecond.
func TestImportNormalisesTimesToUTC(t *testing.T) {
	_, _, data := exported(t)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	m["assessment"].(map[string]any)["created_at"] = "2026-11-02T10:00:00+02:00"
	for _, h := range m["history"].([]any) {
		h.(map[string]any)["at"] = "2026-11-02T10:30:00.1234567-05:00"
	}
	data, err := json.Marshal(m)
	require.NoError(t, err)
	b, err := ReadBundle("b.json", data)
	require.NoError(t, err)
	dst := open(t)
	id, err := dst.Import(b, ImportOptions{})
	require.NoError(t, err)
	l, err := dst.Load(id)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC), l.CreatedAt)
	again, err := dst.Export(id)
	require.NoError(t, err)
	assert.Equal(t, "2026-11-02T08:00:00.000000Z", again.Assessment.CreatedAt)
	for _, h := range again.History {
		assert.Equal(t, "2026-11-02T15:30:00.123456Z", h.At)
	}
}

func TestAChecksumFindsAChangedCharacter(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": {Kind: assessment.Level, Level: 2, Note: "budget approved"}})))
	b, err := s.Export(a.ID)
	require.NoError(t, err)
	data, err := b.Encode()
	require.NoError(t, err)
	_, err = ReadBundle("b.json", data)
	require.NoError(t, err, "the bundle as written")

	flipped := strings.Replace(string(data), "budget approved", "budget apprived", 1)
	_, err = ReadBundle("b.json", []byte(flipped))
	assert.ErrorContains(t, err, "b.json: not a valid bundle: the checksum does not match the content")

	edited := regexp.MustCompile(`(?m)^  "checksum": .*\n`).ReplaceAllString(flipped, "")
	back, err := ReadBundle("b.json", []byte(edited))
	require.NoError(t, err, "a bundle edited on purpose drops its checksum")
	assert.Equal(t, "budget apprived", back.Answers[0].Note)
}

func TestExportRefusesABundleImportCouldNotRead(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	b, err := s.Export(a.ID)
	require.NoError(t, err)
	defer func(limit int64) { bundleLimit = limit }(bundleLimit)
	bundleLimit = 4 << 10 // smaller than the instrument alone
	_, err = b.Encode()
	require.Error(t, err)
	assert.Regexp(t, `^the bundle of `+a.ID+` would be \d+ bytes, more than the 4 KiB seam import reads; nothing was written$`, err.Error())
}

// TestImportChecksABundleBuiltInCode: a bundle that did not come through
// ReadBundle (the demo builds its own) is checked by Import itself.
func TestImportChecksABundleBuiltInCode(t *testing.T) {
	s := open(t)
	a := newSelf(t, s, "Acme")
	require.NoError(t, saved(s.SaveAnswers(a.ID, "", map[string]assessment.Answer{"m1.q1": lvl(2)})))
	b, err := s.Export(a.ID)
	require.NoError(t, err)
	dst := open(t)

	b.History[0].At = "yesterday"
	_, err = dst.Import(b, ImportOptions{})
	assert.EqualError(t, err, `history[0]: m1.q1: at: "yesterday" is not an RFC 3339 time such as 2026-11-02T10:00:00Z`)
	list, err := dst.List()
	require.NoError(t, err)
	assert.Empty(t, list, "refused: nothing added")

	b.History[0].At = "2026-11-02T10:00:00+02:00"
	id, err := dst.Import(b, ImportOptions{})
	require.NoError(t, err)
	h, err := dst.History(id)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC), h[0].At)
}
