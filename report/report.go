// Package report draws an assessment's evaluated results, in every form
// seam shows them: the leadership report (built once as a document of
// blocks, written as Markdown or drawn in a terminal), a versioned JSON
// document, CSV tables, and the scorecard and plan lines that the command
// line prints and the app moves its cursor over. It works on an
// Evaluation and knows nothing of the store.
package report

import (
	"strings"
	"time"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/safetext"
)

// Input is everything a report shows.
type Input struct {
	ID           string
	Organization string
	Title        string
	Scope        string
	Kind         string
	Status       string
	// Date is when the assessment was last updated: the date of its facts.
	Date         time.Time
	Participants []Participant
	// Evaluation is what the report shows of the assessment's numbers:
	// scorecard, plan and, for a workshop, the room's agreement.
	assessment.Evaluation
	// Votes are every participant's answers (workshops).
	Votes []Vote
	// Anonymous names every participant by function ("Business 1", "IT
	// 1") instead of by name, and leaves roles out, in every form of the
	// report; notes are shown as written.
	Anonymous bool
	// Previous, when set, is the earlier assessment to show what changed
	// since; nil for a report of this assessment alone.
	Previous *Previous
	// Register, when set, is the assessment's action register: the
	// roadmap marks the adopted items, the body lists them, page one says
	// what is overdue. Nil (or empty) for a report without one.
	Register *ActionRegister
}

// Vote is one participant's answer, as the exports list them.
type Vote struct {
	Participant string `json:"participant"`
	Function    string `json:"function"`
	Question    string `json:"question"`
	Answer      string `json:"answer"`
	Reason      string `json:"na_reason"`
	Note        string `json:"note"`
	Evidence    string `json:"evidence"`
}

// Participant is a respondent as the report names them.
type Participant struct {
	Name     string `json:"name"`
	Role     string `json:"role"`
	Function string `json:"function"`
}

// mdEscaper backslash-escapes the ASCII characters that Markdown, GFM
// tables or pandoc's extensions could read as syntax where user text stands:
// always inline, after other text, never at the start of a line. So it
// renders as the literal text: no emphasis, code, links, HTML, entities,
// table cells, strikeout, math or sub- and superscripts. Parentheses stay
// as they are: with the brackets escaped they cannot form a link.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `{`, `\{`, `}`, `\}`, `[`, `\[`, `]`, `\]`,
	`#`, `\#`, `!`, `\!`, `|`, `\|`, `<`, `\<`, `>`, `\>`, `~`, `\~`, `&`, `\&`, `:`, `\:`, `$`, `\$`, `^`, `\^`,
)

// md escapes user text for any place in a Markdown document, table cells
// included.
func md(s string) string { return mdEscaper.Replace(safetext.Inert(s)) }
