package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/safetext"
)

// CSVQuestions writes one row per question: RFC 4180, UTF-8, a header row.
func CSVQuestions(w io.Writer, in Input) error {
	// counted_level is the level scores count: a don't-know counts as
	// assessment.DontKnowCounts, n/a and unanswered as nothing (empty).
	rows := [][]string{{"mode", "question_id", "title", "answer", "level_name", "risk", "unverified", "note", "evidence", "na_reason", "counted_level"}}
	for _, ms := range in.Scorecard.Modes {
		for _, qr := range ms.Results {
			counted := ""
			if qr.Counted > 0 {
				counted = fmt.Sprint(qr.Counted)
			}
			rows = append(rows, []string{ms.ID, qr.ID, qr.Title, qr.Answer, qr.LevelName, string(qr.Risk),
				fmt.Sprint(qr.Unverified), qr.Note, qr.Evidence, qr.Reason, counted})
		}
	}
	return writeCSV(w, rows)
}

// CSVPlan writes one row per plan item. A mode's find-out item has no
// question_id: its item_id is MODE.find-out and questions lists the
// questions it is to find out about.
func CSVPlan(w io.Writer, in Input) error {
	rows := [][]string{{"rank", "bucket", "kind", "question_id", "action_id", "title", "do", "owners", "kpi",
		"level", "toward", "target", "importance", "gap", "confidence", "effort", "priority", "requires", "why",
		"item_id", "questions", "placement", "done_when", "baseline", "decision"}}
	for _, it := range in.Plan.Items {
		rows = append(rows, []string{fmt.Sprint(it.Rank), string(it.Bucket), string(it.Kind), it.Question, it.Action, it.Title, it.Do,
			questionnaire.RoleLabels(it.Owners), it.KPI, fmt.Sprint(it.Level), fmt.Sprint(it.Toward), fmt.Sprint(it.Target),
			fmt.Sprint(it.Importance), fmt.Sprint(it.Gap), fmt.Sprintf("%.2f", it.Confidence), it.Effort, fmt.Sprintf("%.2f", it.Priority),
			strings.Join(it.Requires, " "), it.Why, ItemSubject(it), strings.Join(it.Questions, " "), it.Placement, it.DoneWhen, it.Baseline, it.Decision})
	}
	return writeCSV(w, rows)
}

func writeCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180 line ends
	for _, row := range rows {
		for i := range row {
			row[i] = cellText(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cellText keeps a spreadsheet from running user text as a formula (a cell
// starting with = + - @ or a tab is prefixed with an apostrophe, as OWASP
// advises) and drops the characters that act instead of showing
// (safetext.Cell). Line breaks stay: RFC 4180 quoting carries them.
func cellText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return safetext.Cell(s)
}

// CSVVotes writes one row per participant's answer (workshops); in an
// anonymous report the participant column holds their function label.
func CSVVotes(w io.Writer, in Input) error {
	in = in.anonymized()
	rows := [][]string{{"participant", "function", "question_id", "answer", "note", "evidence", "na_reason"}}
	for _, v := range in.Votes {
		rows = append(rows, []string{v.Participant, v.Function, v.Question, v.Answer, v.Note, v.Evidence, v.Reason})
	}
	return writeCSV(w, rows)
}
