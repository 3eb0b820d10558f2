package main

// Every channel seam writes to, with hostile text in every field a user,
// a bundle or a custom instrument can fill: nothing that acts on a
// terminal, a spreadsheet or a viewer leaves the binary raw.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
)

// hostileText has an OSC 52 clipboard write, a screen clear, a C1 CSI, a
// bidirectional override and isolates, and a line separator.
const hostileText = "Evil\x1b]52;c;cHduZWQ=\x07\x1b[2J \u009b31m \u202egnp.exe \u2066x\u2069 \u2028end"

// rawHazards names the characters in out that act instead of showing,
// each kind once.
func rawHazards(out string) []string {
	found := map[string]bool{}
	for _, r := range out {
		if safetext.Hazard(r) && r != '\n' && r != '\r' {
			found[fmt.Sprintf("%U", r)] = true
		}
	}
	return slices.Sorted(maps.Keys(found))
}

func TestNoOutputCarriesCharactersThatAct(t *testing.T) {
	bin := buildSeam(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "seam.db")
	runSeam(t, bin, db, "demo")
	bundle := filepath.Join(dir, "w.json")
	runSeam(t, bin, db, "export", "dem2ws", "-o", bundle)

	// The workshop again, every text hostile, as a bundle edited by hand.
	data, err := os.ReadFile(bundle)
	require.NoError(t, err)
	var b map[string]any
	require.NoError(t, json.Unmarshal(data, &b))
	delete(b, "checksum")
	a := b["assessment"].(map[string]any)
	a["id"], a["organization"], a["title"], a["scope"] = "hst234", hostileText, hostileText, hostileText
	names := map[string]string{}
	for i, p := range b["participants"].([]any) {
		p := p.(map[string]any)
		names[p["name"].(string)] = hostileText + string(rune('A'+i))
		p["name"], p["role"] = names[p["name"].(string)], hostileText
	}
	for _, list := range []string{"answers", "history", "consensus", "consensus_history"} {
		entries, _ := b[list].([]any)
		require.NotEmpty(t, entries, list)
		for _, e := range entries {
			e := e.(map[string]any)
			who, _ := e["participant"].(string) // a consensus history entry has none
			if n, ok := names[who]; ok {
				e["participant"] = n
			}
			switch {
			case e["answer"] == "n/a", e["answer"] == "cleared": // a clear has no note
			case list == "consensus_history": // no evidence; the same note as the consensus it ends with
				e["note"] = hostileText
			default:
				e["note"], e["evidence"] = hostileText, hostileText
			}
		}
	}
	data, err = json.Marshal(b)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(bundle, data, 0o600))
	runSeam(t, bin, db, "import", bundle)

	// A custom instrument whose texts and version are hostile, and an
	// answers file for it.
	yamlText := strings.NewReplacer("\x1b", `\e`, "\x07", `\a`, "\u009b", `\x9b`, "\u2028", `\L`).Replace(hostileText) // YAML refuses them raw
	inst := strings.Replace(string(questionnaire.DefaultYAML()), "title: Business ownership of outcomes", `title: "`+yamlText+`"`, 1)
	inst = strings.Replace(inst, `version: "1.0.0"`, `version: "9`+yamlText+`"`, 1)
	require.NotEqual(t, string(questionnaire.DefaultYAML()), inst)
	instFile := filepath.Join(dir, "evil.yaml")
	require.NoError(t, os.WriteFile(instFile, []byte(inst), 0o600))
	answersFile := filepath.Join(dir, "answers.yaml")
	require.NoError(t, os.WriteFile(answersFile, []byte("organization: \""+yamlText+"\"\nanswers:\n  m1.q1: {level: 2, note: \""+yamlText+"\"}\n"), 0o600))
	brokenFile := filepath.Join(dir, "broken.yaml")
	require.NoError(t, os.WriteFile(brokenFile, []byte(strings.Replace(inst, "id: m1.q1\n", `id: "m1.q1`+yamlText+`"`+"\n", 1)), 0o600))

	for _, args := range [][]string{
		{"list"}, {"list", "--json"},
		{"show", "hst234"}, {"show", "hst234", "--json"},
		{"plan", "hst234"}, {"explain", "hst234", "m1"}, {"explain", "hst234", "m1.q1"}, {"explain", "hst234", "overall"},
		{"participant", "list", "hst234"},
		{"report", "hst234"}, {"report", "hst234", "--format", "html"}, {"report", "hst234", "--format", "json"},
		{"report", "hst234", "--format", "csv"}, {"report", "hst234", "--format", "csv", "--what", "plan"},
		{"report", "hst234", "--format", "csv", "--what", "votes"},
		{"export", "hst234"},
		{"instrument", "validate", instFile}, {"instrument", "validate", brokenFile},
		{"score", "--instrument", instFile, "--answers", answersFile}, {"explain", "--instrument", instFile, "--answers", answersFile, "m1.q1"},
		{"import", filepath.Join(dir, "missing"+hostileText+".json")},
		{"show", "nope\x1b[2J"},
		{"doctor"},
	} {
		c := newSeamCmd(context.Background(), bin, db, args...)
		_ = c.Run() // some refuse on purpose: their messages count too
		assert.NotEmpty(t, c.stdout.String()+c.stderr.String(), "%q says something", args)
		assert.Empty(t, rawHazards(c.stdout.String()), "stdout of seam %q", args)
		assert.Empty(t, rawHazards(c.stderr.String()), "stderr of seam %q", args)
	}

	// Saved files, like a report written with -o, follow the same policy.
	for _, format := range []string{"md", "html", "json", "csv"} {
		out := filepath.Join(dir, "report."+format)
		runSeam(t, bin, db, "report", "hst234", "--format", format, "-o", out)
		saved, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Empty(t, rawHazards(string(saved)), out)
		assert.Contains(t, string(saved), "Evil", "%s: the text is there, only what acts is gone", out)
	}
}
