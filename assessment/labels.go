package assessment

import "strconv"

// functionTitles are the functions as a label begins with them.
var functionTitles = map[string]string{"business": "Business", "it": "IT", "data": "Data", "security": "Security", "other": "Other"}

// FunctionLabels names workshop participants by function instead of by
// name, for an anonymous heatmap or report: given each participant's
// function in the workshop's order, it returns "Business 1", "Business 2",
// "IT 1" …, numbered within each function in that order, so the labels are
// stable for a workshop whatever the names. Always numbered, even when a
// function has one participant, so that a label reads as a person ("IT 1
// rated it 4"), never as the whole function. A function outside Functions
// is labelled "Participant N": whatever it holds is not shown.
func FunctionLabels(functions []string) []string {
	seen := map[string]int{}
	out := make([]string, len(functions))
	for i, f := range functions {
		title, ok := functionTitles[f]
		if !ok {
			title = "Participant"
		}
		seen[title]++
		out[i] = title + " " + strconv.Itoa(seen[title])
	}
	return out
}
