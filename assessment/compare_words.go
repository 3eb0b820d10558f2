package assessment

import (
	"fmt"
	"strings"
)

// Note says in words which questions a comparison across instrument
// versions leaves out: "3 questions changed between instrument 1.0.1 and
// 1.1.0 and are left out; 6 are new and 1 was dropped." It is "" when both
// assessments use the same instrument.
func (ic InstrumentChange) Note() string {
	if ic.Same {
		return ""
	}
	between := "between " + ic.name(ic.Before) + " and " + ic.versionOf(ic.After)
	changed, added, dropped := len(ic.Changed), len(ic.New), len(ic.Dropped)
	if changed+added+dropped == 0 {
		return fmt.Sprintf("No question changed %s: every question is compared, both scored with the weights of %s.", between, ic.versionOf(ic.After))
	}
	var extras []string
	if added > 0 {
		extras = append(extras, fmt.Sprintf("%d %s new", added, plural(added, "is", "are")))
	}
	if dropped > 0 {
		extras = append(extras, fmt.Sprintf("%d %s dropped", dropped, plural(dropped, "was", "were")))
	}
	if changed == 0 {
		return fmt.Sprintf("Between %s and %s, %d %s %s; %s left out.", ic.name(ic.Before), ic.versionOf(ic.After),
			added+dropped, plural(added+dropped, "question", "questions"), strings.Join(extras, " and "), plural(added+dropped, "it is", "they are"))
	}
	s := fmt.Sprintf("%d %s changed %s and %s left out", changed, plural(changed, "question", "questions"), between, plural(changed, "is", "are"))
	if len(extras) > 0 {
		s += "; " + strings.Join(extras, " and ")
	}
	return s + "."
}

// name is an instrument as the comparison names it: "instrument 1.1.0",
// with its id when the two instruments' ids differ, and its short hash
// when their versions are the same.
func (ic InstrumentChange) name(ref InstrumentRef) string {
	return "instrument " + ic.versionOf(ref)
}

// versionOf is name without the word "instrument".
func (ic InstrumentChange) versionOf(ref InstrumentRef) string {
	s := ref.Version
	if ic.Before.ID != ic.After.ID {
		s = ref.ID + " " + s
	}
	if ic.Before.Version == ic.After.Version && ic.Before.ID == ic.After.ID && !ic.Same {
		s += " (hash " + shortHash(ref.Hash) + ")"
	}
	return s
}

func shortHash(h string) string { return h[:min(len(h), 12)] }
