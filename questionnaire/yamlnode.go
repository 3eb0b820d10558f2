package questionnaire

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with a file, at a line (1-based; 0 when the
// problem concerns the file as a whole).
type Problem struct {
	Line    int
	Message string
}

// FileError lists the problems found in one file: the first MaxListed with
// their lines, and how many more there were. Its Error is one line: the
// first problem, and how many more there are.
type FileError struct {
	File     string
	Problems []Problem
	Unlisted int // problems found beyond MaxListed
}

// MaxListed bounds the problems listed for one file: a file of a hundred
// thousand unknown keys gets a hundred lines, not a hundred thousand (and
// not the memory they would take).
const MaxListed = 100

// Count is how many problems were found, listed or not.
func (e *FileError) Count() int { return len(e.Problems) + e.Unlisted }

func (e *FileError) Error() string {
	first := e.Problems[0]
	msg := fmt.Sprintf("%s:%d: %s", e.File, first.Line, first.Message)
	if n := e.Count() - 1; n == 1 {
		msg += " (and 1 more problem)"
	} else if n > 1 {
		msg += fmt.Sprintf(" (and %d more problems)", n)
	}
	return msg
}

// Lines renders every listed problem as FILE:LINE: message, then how many
// more there were.
func (e *FileError) Lines() []string {
	out := make([]string, len(e.Problems), len(e.Problems)+1)
	for i, p := range e.Problems {
		out[i] = fmt.Sprintf("%s:%d: %s", e.File, p.Line, p.Message)
	}
	if e.Unlisted > 0 {
		out = append(out, fmt.Sprintf("%s: %d more problems not listed; fix these first", e.File, e.Unlisted))
	}
	return out
}

// NodeReader decodes a yaml.Node tree by hand so that every problem is
// collected with its line, rather than stopping at the first one. The answers
// reader in package assessment uses it too.
type NodeReader struct {
	Problems []Problem
	unlisted int
}

// Errorf records a problem at the node's line; beyond MaxListed it only
// counts it.
func (r *NodeReader) Errorf(n *yaml.Node, format string, args ...any) {
	if len(r.Problems) >= MaxListed {
		r.unlisted++
		return
	}
	line := 0
	if n != nil {
		line = n.Line
	}
	r.Problems = append(r.Problems, Problem{Line: line, Message: fmt.Sprintf(format, args...)})
}

// Err returns the collected problems as a *FileError sorted by line, or nil.
func (r *NodeReader) Err(file string) error {
	if len(r.Problems) == 0 {
		return nil
	}
	slices.SortStableFunc(r.Problems, func(a, b Problem) int { return a.Line - b.Line })
	return &FileError{File: file, Problems: r.Problems, Unlisted: r.unlisted}
}

// Document parses data into its root node, recording a syntax error as a
// problem. It returns nil when there is no usable document.
func (r *NodeReader) Document(data []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		r.Problems = append(r.Problems, syntaxProblem(err))
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		r.Problems = append(r.Problems, Problem{Line: 1, Message: "the file is empty"})
		return nil
	}
	if r.refuseAliases(&doc) {
		return nil
	}
	return doc.Content[0]
}

// refuseAliases reports YAML anchors and aliases, which seam's files do
// not need: a few lines of aliases can stand for a document larger than
// memory once walked. It walks each node once, never through an alias,
// and reports the first few.
func (r *NodeReader) refuseAliases(doc *yaml.Node) bool {
	found := 0
	stack := []*yaml.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			if found++; found <= 3 {
				r.Errorf(n, "YAML anchors and aliases (&name, *name) are not allowed here: write the text out")
			}
			continue
		}
		for i := len(n.Content) - 1; i >= 0; i-- { // in document order
			stack = append(stack, n.Content[i])
		}
	}
	return found > 0
}

// syntaxProblem turns a yaml syntax error ("yaml: line 7: did not find ...")
// into a problem at that line.
func syntaxProblem(err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, after, ok := strings.Cut(rest, ":"); ok {
			if n, convErr := strconv.Atoi(num); convErr == nil {
				line, msg = n, strings.TrimSpace(after)
			}
		}
	}
	return Problem{Line: line, Message: "not valid YAML: " + msg}
}

// Field is one key of a mapping with its value node.
type Field struct {
	Key   *yaml.Node
	Value *yaml.Node
}

// Mapping checks that n is a mapping whose keys are all in known and appear
// once, and returns the values by key. Keys listed in required but absent are
// reported at the mapping's line. A missing node (nil) was already reported
// by the mapping that should have held it and gives nil.
func (r *NodeReader) Mapping(n *yaml.Node, what string, known, required []string) map[string]*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "%s must be a mapping of keys to values", what)
		return nil
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		switch {
		case !slices.Contains(known, key):
			r.Errorf(k, "%s: unknown key %q (known keys: %s)", what, key, strings.Join(known, ", "))
		case out[key] != nil:
			r.Errorf(k, "%s: key %q appears twice", what, key)
		default:
			out[key] = v
		}
	}
	for _, key := range required {
		if out[key] == nil && !hasKey(n, key) {
			r.Errorf(n, "%s: missing key %q", what, key)
		}
	}
	return out
}

// Pairs returns a mapping's fields in file order, reporting keys that repeat.
func (r *NodeReader) Pairs(n *yaml.Node, what string) []Field {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "%s must be a mapping", what)
		return nil
	}
	var out []Field
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if seen[k.Value] {
			r.Errorf(k, "%s: key %q appears twice", what, k.Value)
			continue
		}
		seen[k.Value] = true
		out = append(out, Field{Key: k, Value: n.Content[i+1]})
	}
	return out
}

func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// Sequence checks that n is a sequence and returns its items.
func (r *NodeReader) Sequence(n *yaml.Node, what string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.Errorf(n, "%s must be a list", what)
		return nil
	}
	return n.Content
}

// Text returns a non-empty single scalar string. Missing nodes (nil) were
// already reported by Mapping and give "".
func (r *NodeReader) Text(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.Errorf(n, "%s must be text", what)
		return ""
	}
	s := strings.TrimSpace(n.Value)
	if s == "" {
		r.Errorf(n, "%s is empty", what)
	}
	return r.bounded(n, what, s)
}

// bounded refuses a text longer than MaxTextLen characters.
func (r *NodeReader) bounded(n *yaml.Node, what, s string) string {
	if l := utf8.RuneCountInString(s); l > MaxTextLen {
		r.Errorf(n, "%s is %d characters, more than the %d allowed", what, l, MaxTextLen)
		return ""
	}
	return s
}

// OptionalText is Text for a key that may be absent or empty.
func (r *NodeReader) OptionalText(n *yaml.Node, what string) string {
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.Errorf(n, "%s must be text", what)
		return ""
	}
	return r.bounded(n, what, strings.TrimSpace(n.Value))
}

// Int returns a whole number in [min, max].
func (r *NodeReader) Int(n *yaml.Node, what string, lo, hi int) (int, bool) {
	if n == nil {
		return 0, false
	}
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		r.Errorf(n, "%s must be a whole number from %d to %d, not %q", what, lo, hi, n.Value)
		return 0, false
	}
	if v < lo || v > hi {
		r.Errorf(n, "%s must be from %d to %d, not %d", what, lo, hi, v)
		return 0, false
	}
	return v, true
}

// Weight returns a number in (0, 1].
func (r *NodeReader) Weight(n *yaml.Node, what string) (float64, bool) {
	if n == nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || err != nil || math.IsNaN(v) {
		r.Errorf(n, "%s must be a number greater than 0 and at most 1, not %q", what, n.Value)
		return 0, false
	}
	if !(v > 0 && v <= 1) {
		r.Errorf(n, "%s must be greater than 0 and at most 1, not %s", what, n.Value)
		return 0, false
	}
	return v, true
}
