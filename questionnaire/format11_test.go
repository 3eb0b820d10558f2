package questionnaire

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// base11 is a minimal valid instrument in the 1.1 format: a role
// catalogue, terms, a baseline chapter, levels with evidence, and actions
// with done-when, catalogue owners and a KPI in parts. The cases below
// break it one way each, at a known line.
const base11 = `id: t
version: "1.1"
title: T
principles:
  - {id: p, name: P, description: D.}
roles:
  - {id: sponsor, name: Sponsor, function: business}
  - {id: lead, name: Lead, function: it}
  - {id: steward, name: Steward, function: data}
terms:
  - {term: significant integration, meaning: One a core process needs daily.}
baseline:
  - {id: all, name: All integrations, question: "How many?", unit: count}
  - {id: p2p, name: Point-to-point, question: "How many direct?", unit: count, part_of: all}
modes:
  - id: m
    group: g
    name: M
    summary: S.
    questions:
      - id: m.q1
        title: Q1
        text: Does every significant integration have an owner?
        why: Why one.
        importance: 2
        principles: {p: 1}
        levels:
          - {text: l1, evidence: e1}
          - {text: l2, evidence: e2}
          - {text: l3, evidence: e3}
          - {text: l4, evidence: e4}
          - {text: l5, evidence: e5}
        actions:
          - id: m.q1.a1
            from: [1, 2]
            do: Do.
            done_when: Done.
            effort: S
            owners: [sponsor, lead]
            kpi: {measure: Owned integrations, baseline: The register, figure: all, target: 85 %, within: 2 quarters}
            decision: Appoint the owners.
          - id: m.q1.a2
            from: [3, 4]
            do: Do more.
            done_when: Done more.
            effort: M
            owners: [sponsor, steward]
            kpi: {measure: Late changes, baseline: The change log, target: under 12, within: 12 months}
`

func TestParseTheFormatOf11(t *testing.T) {
	in, err := Parse("base11.yaml", []byte(base11))
	require.NoError(t, err)
	q, _ := in.Question("m.q1")
	assert.Equal(t, "l3", q.Levels[2])
	assert.Equal(t, "e3", q.EvidenceFor(3))
	assert.Equal(t, "", q.EvidenceFor(6))
	assert.Equal(t, []Term{{Term: "significant integration", Meaning: "One a core process needs daily."}}, q.Terms(),
		"the term is found in the question's text")
	a := q.Actions[0]
	assert.Equal(t, "Done.", a.DoneWhen)
	assert.Equal(t, "Appoint the owners.", a.Decision)
	assert.Equal(t, []Role{{ID: "sponsor", Name: "Sponsor", Function: "business"}, {ID: "lead", Name: "Lead", Function: "it"}}, in.OwnersOf(&a))
	assert.Equal(t, "Sponsor (business) and Lead (IT)", RoleLabels(in.OwnersOf(&a)))
	assert.Equal(t, "Owned integrations: 85 % within 2 quarters (baseline: the register).", a.KPI.String())
	fg, ok := in.Figure("p2p")
	require.True(t, ok)
	assert.Equal(t, "all", fg.PartOf)
	assert.Equal(t, UnitCount, fg.Unit)

	// The canonical form (what the hash is taken of) keeps the parts.
	body, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Contains(t, string(body), `"owners":["sponsor","lead"]`)
	assert.Contains(t, string(body), `"kpi":{"measure":"Owned integrations","baseline":"The register","figure":"all","target":"85 %","within":"2 quarters"}`)
	assert.Contains(t, string(body), `"evidence":["e1","e2","e3","e4","e5"]`)

	other, err := Parse("b.yaml", []byte(strings.Replace(base11, "evidence: e3", "evidence: e3b", 1)))
	require.NoError(t, err)
	assert.NotEqual(t, in.Hash(), other.Hash(), "evidence is part of what identifies the instrument")
}

func TestParse11ReportsEachProblemAtItsLine(t *testing.T) {
	tests := []struct {
		name, old, new string
		line           int
		msg            string
	}{
		{"level without evidence", "{text: l3, evidence: e3}", "l3", 30, "m.q1: level 3 must give its text and the evidence that proves it"},
		{"level evidence missing key", "{text: l3, evidence: e3}", "{text: l3}", 30, `missing key "evidence"`},
		{"level evidence empty", "evidence: e3}", "evidence: \"\"}", 30, "m.q1: level 3: evidence is empty"},
		{"no done_when", "            done_when: Done.\n", "", 34, `missing key "done_when"`},
		{"done_when empty", "done_when: Done.\n", "done_when: \"\"\n", 37, "m.q1.a1: done_when is empty"},
		{"kpi as text", "kpi: {measure: Late changes, baseline: The change log, target: under 12, within: 12 months}", "kpi: Late changes under 12.", 48, "m.q1.a2: kpi must be a mapping"},
		{"kpi without baseline", "baseline: The register, ", "", 40, `missing key "baseline"`},
		{"kpi without time", ", within: 2 quarters}", "}", 40, `missing key "within"`},
		{"kpi target without a number", "target: 85 %", "target: most", 40, `m.q1.a1: kpi target must state a number`},
		{"kpi unknown figure", "figure: all,", "figure: total,", 40, `m.q1.a1: kpi figure "total" is not a baseline figure`},
		{"kpi unknown part", "within: 2 quarters}", "within: 2 quarters, source: guide}", 40, `unknown key "source"`},
		{"owners as text", "owners: [sponsor, lead]", "owners: {business: B, it: I}", 39, "m.q1.a1: owners must list role ids from the roles catalogue"},
		{"owner outside the catalogue", "owners: [sponsor, lead]", "owners: [sponsor, head-of-manufacturing]", 39, `m.q1.a1: owner "head-of-manufacturing" is not a role of the catalogue`},
		{"owners all business", "owners: [sponsor, lead]", "owners: [sponsor]", 39, "m.q1.a1: owners need a business role and an IT, data or security role together"},
		{"owners without business", "owners: [sponsor, steward]", "owners: [lead, steward]", 47, "m.q1.a2: owners need a business role"},
		{"owner twice", "owners: [sponsor, lead]", "owners: [sponsor, lead, lead]", 39, `owner "lead" is listed twice`},
		{"role function", "function: data}", "function: finance}", 9, `role steward: function must be one of business, it, data, security, not "finance"`},
		{"role without function", ", function: it}", "}", 8, `missing key "function"`},
		{"role id reused", "{id: lead, name: Lead", "{id: sponsor, name: Lead", 8, `duplicate id "sponsor"`},
		{"no roles", "roles:\n  - {id: sponsor, name: Sponsor, function: business}\n  - {id: lead, name: Lead, function: it}\n  - {id: steward, name: Steward, function: data}\n", "roles: []\n", 6, "roles: the catalogue lists no role"},
		{"decision two lines", "decision: Appoint the owners.", "decision: \"Appoint\\nthe owners.\"", 41, "m.q1.a1: decision must be one line"},
		{"requires as a list", "within: 12 months}\n", "within: 12 months}\n            requires: [m.q1]\n", 49, "m.q1.a2: requires must name the level each question must reach, for example {m1.q2: 3}"},
		{"term unused", "term: significant integration,", "term: critical data domain,", 11, `term "critical data domain" is used by no question's text or levels`},
		{"term twice", "terms:\n", "terms:\n  - {term: Significant integration, meaning: Again.}\n", 12, `term "significant integration" is defined twice (first on line 11)`},
		{"unit unknown", "unit: count}\n", "unit: euros}\n", 13, `all: unit must be percent, count or days, not "euros"`},
		{"part_of unknown", "part_of: all}", "part_of: none}", 14, `p2p: part_of "none" is not another baseline figure`},
		{"part_of another unit", `"How many?", unit: count}`, `"How many?", unit: percent}`, 14, "p2p: part_of all, whose unit is percent, not count"},
		{"figure id reused", "{id: p2p,", "{id: all,", 14, `duplicate id "all"`},
		{"terms without roles", "roles:\n  - {id: sponsor, name: Sponsor, function: business}\n  - {id: lead, name: Lead, function: it}\n  - {id: steward, name: Steward, function: data}\n", "", 7, "terms: the 1.1 format needs a roles catalogue too"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(base11, tc.old, tc.new, 1)
			require.NotEqual(t, base11, src, "the case changes the file")
			_, err := Parse("c.yaml", []byte(src))
			var fe *FileError
			require.True(t, errors.As(err, &fe), "want a FileError, got %v", err)
			found := false
			for _, p := range fe.Problems {
				if strings.Contains(p.Message, tc.msg) {
					found = true
					assert.Equal(t, tc.line, p.Line, "line of %q", p.Message)
				}
			}
			assert.True(t, found, "no problem says %q; got %v", tc.msg, fe.Lines())
		})
	}
}

func TestUnitsBoundTheirValues(t *testing.T) {
	assert.True(t, UnitPercent.Valid(62.5))
	assert.False(t, UnitPercent.Valid(101))
	assert.False(t, UnitPercent.Valid(-1))
	assert.True(t, UnitCount.Valid(140))
	assert.False(t, UnitCount.Valid(1.5), "a count is a whole number")
	assert.True(t, UnitDays.Valid(2.5))
	assert.Equal(t, "62.5 %", UnitPercent.Format(62.5))
	assert.Equal(t, "140", UnitCount.Format(140))
	assert.Equal(t, "1 day", UnitDays.Format(1))
	assert.Equal(t, "12 days", UnitDays.Format(12))
}
