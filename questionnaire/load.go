package questionnaire

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/seam-dev/seam/files"
)

//go:embed default.yaml
var defaultYAML []byte

// DefaultName is the name the embedded instrument goes by in messages.
const DefaultName = "default.yaml"

// Default returns the embedded instrument. It is validated by the tests, so
// a failure here is a build defect, reported as an error rather than a panic.
func Default() (*Instrument, error) {
	return Parse(DefaultName, defaultYAML)
}

// DefaultYAML returns the embedded instrument's source, comments included:
// the starting point for a consultant's own version.
func DefaultYAML() []byte { return slices.Clone(defaultYAML) }

// MaxFileSize bounds what seam reads as an instrument or answers file:
// six times the built-in instrument. Parsing YAML can take some 115 bytes
// of memory per byte of input (a file of nothing but "1,"), so the bound
// also keeps any file under 100 MB to load.
const MaxFileSize = 512 << 10

// Bounds of an instrument, each reported at its line.
const (
	MaxQuestions = 300
	MaxTextLen   = 2000 // characters in any text
	// MaxReasonLen bounds a reason for not applicable, the instrument's
	// (na, gate) as the respondent's: what is offered can be saved.
	MaxReasonLen = 500
)

// Load reads and validates an instrument file.
func Load(path string) (*Instrument, error) {
	data, err := files.Read(path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// Parse validates an instrument's YAML and returns it, or a *FileError that
// lists every problem with its line. file is used only in messages.
func Parse(file string, data []byte) (*Instrument, error) {
	p := &parser{ids: map[string]int{}}
	in := p.instrument(data)
	if err := p.Err(file); err != nil {
		return nil, err
	}
	in.seal(data)
	return in, nil
}

// parser builds an Instrument from nodes and records every problem.
type parser struct {
	NodeReader
	ids          map[string]int // every id in the file → line of first use
	principles   map[string]bool
	fedBy        map[string]int
	requires     []requirement
	questionLine map[string]int
}

type requirement struct {
	from, to string
	node     *yaml.Node
}

func (p *parser) instrument(data []byte) *Instrument {
	root := p.Document(data)
	if root == nil {
		return nil
	}
	f := p.Mapping(root, "instrument", []string{"id", "version", "title", "source", "principles", "modes"},
		[]string{"id", "version", "title", "principles", "modes"})
	if f == nil {
		return nil
	}
	in := &Instrument{
		ID:      p.id(f["id"], "instrument id"),
		Version: p.Text(f["version"], "version"),
		Title:   p.Text(f["title"], "title"),
		Source:  p.OptionalText(f["source"], "source"),
	}
	in.Principles = p.principleList(f["principles"])
	p.fedBy = map[string]int{}
	p.questionLine = map[string]int{}
	items := p.Sequence(f["modes"], "modes")
	if f["modes"] != nil && len(items) == 0 && f["modes"].Kind == yaml.SequenceNode {
		p.Errorf(f["modes"], "modes: the instrument has no failure modes")
	}
	for _, n := range items {
		in.Modes = append(in.Modes, p.mode(n))
	}
	if n := len(p.questionLine); n > MaxQuestions {
		p.Errorf(f["modes"], "the instrument has %d questions, more than the %d allowed", n, MaxQuestions)
	}
	for _, pr := range in.Principles {
		if p.fedBy[pr.ID] == 0 && len(in.Modes) > 0 {
			p.Errorf(f["principles"], "principle %q is fed by no question", pr.ID)
		}
	}
	p.checkRequires()
	return in
}

// id checks an identifier's shape and that no other element uses it.
func (p *parser) id(n *yaml.Node, what string) string {
	s := p.Text(n, what)
	if s == "" {
		return ""
	}
	if !idPattern.MatchString(s) {
		p.Errorf(n, "%s %q may hold only lower-case letters, digits, '.', '_' and '-'", what, s)
		return s
	}
	if first, dup := p.ids[s]; dup {
		p.Errorf(n, "duplicate id %q (first used on line %d)", s, first)
		return s
	}
	p.ids[s] = n.Line
	return s
}

func (p *parser) principleList(n *yaml.Node) []Principle {
	p.principles = map[string]bool{}
	items := p.Sequence(n, "principles")
	if n != nil && len(items) == 0 && n.Kind == yaml.SequenceNode {
		p.Errorf(n, "principles: the instrument has no principles")
	}
	var out []Principle
	for _, item := range items {
		f := p.Mapping(item, "principle", []string{"id", "name", "description"}, []string{"id", "name", "description"})
		if f == nil {
			continue
		}
		pr := Principle{
			ID:          p.id(f["id"], "principle id"),
			Name:        p.Text(f["name"], "principle name"),
			Description: p.Text(f["description"], "principle description"),
		}
		p.principles[pr.ID] = true
		out = append(out, pr)
	}
	return out
}

func (p *parser) mode(n *yaml.Node) Mode {
	f := p.Mapping(n, "mode", []string{"id", "group", "name", "summary", "gate", "questions"},
		[]string{"id", "group", "name", "summary", "questions"})
	if f == nil {
		return Mode{}
	}
	m := Mode{
		ID:      p.id(f["id"], "mode id"),
		Group:   p.Text(f["group"], "mode group"),
		Name:    p.Text(f["name"], "mode name"),
		Summary: p.Text(f["summary"], "mode summary"),
	}
	if n := f["gate"]; n != nil {
		m.Gate = p.reason(n, m.ID+": gate")
	}
	items := p.Sequence(f["questions"], "questions")
	if f["questions"] != nil && len(items) == 0 && f["questions"].Kind == yaml.SequenceNode {
		p.Errorf(f["questions"], "mode %s has no questions", m.ID)
	}
	for _, q := range items {
		m.Questions = append(m.Questions, p.question(q, m.ID))
	}
	return m
}

func (p *parser) question(n *yaml.Node, mode string) Question {
	f := p.Mapping(n, "question", []string{"id", "title", "text", "why", "importance", "principles", "levels", "actions", "na"},
		[]string{"id", "title", "text", "why", "importance", "principles", "levels", "actions"})
	if f == nil {
		return Question{}
	}
	q := Question{
		ID:    p.id(f["id"], "question id"),
		Mode:  mode,
		Title: p.Text(f["title"], "question title"),
		Text:  p.Text(f["text"], "question text"),
		Why:   p.Text(f["why"], "why"),
	}
	if f["id"] != nil {
		p.questionLine[q.ID] = f["id"].Line
	}
	q.Importance, _ = p.Int(f["importance"], q.ID+": importance", 1, 3)
	q.Principles = p.weights(f["principles"], q.ID)
	p.levels(f["levels"], &q)
	p.actions(f["actions"], &q)
	q.NA = p.naReasons(f["na"], q.ID)
	return q
}

// naReasons reads the reasons a question offers for answering not
// applicable: a list of distinct, non-empty texts.
func (p *parser) naReasons(n *yaml.Node, qid string) []string {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.Errorf(n, "%s: na must be a list of reasons, for example [\"No outside partners take part\"]", qid)
		return nil
	}
	if len(n.Content) == 0 {
		p.Errorf(n, "%s: na lists no reason (leave the key out if n/a is not allowed)", qid)
		return nil
	}
	var out []string
	seen := map[string]int{}
	for i, item := range n.Content {
		r := p.reason(item, fmt.Sprintf("%s: na reason %d", qid, i+1))
		if r == "" {
			continue
		}
		if prev, dup := seen[strings.ToLower(r)]; dup {
			p.Errorf(item, "%s: na reason %d repeats reason %d", qid, i+1, prev)
			continue
		}
		seen[strings.ToLower(r)] = i + 1
		out = append(out, r)
	}
	return out
}

// reason reads a text that becomes an answer's reason when chosen (an n/a
// reason, a gate): non-empty, one line, at most MaxReasonLen characters.
func (p *parser) reason(n *yaml.Node, what string) string {
	s := p.Text(n, what)
	switch {
	case s == "":
		return ""
	case strings.ContainsAny(s, "\n\r"):
		p.Errorf(n, "%s must be one line", what)
		return ""
	case utf8.RuneCountInString(s) > MaxReasonLen:
		p.Errorf(n, "%s is %d characters, more than the %d allowed", what, utf8.RuneCountInString(s), MaxReasonLen)
		return ""
	}
	return s
}

func (p *parser) weights(n *yaml.Node, qid string) []PrincipleWeight {
	if n == nil {
		return nil
	}
	fields := p.Pairs(n, qid+": principles")
	if fields == nil && n.Kind == yaml.MappingNode {
		p.Errorf(n, "%s: principles: a question must feed at least one principle", qid)
	}
	var out []PrincipleWeight
	for _, fl := range fields {
		if !p.principles[fl.Key.Value] {
			p.Errorf(fl.Key, "%s: unknown principle %q", qid, fl.Key.Value)
			continue
		}
		w, ok := p.Weight(fl.Value, qid+": weight of "+fl.Key.Value)
		if !ok {
			continue
		}
		p.fedBy[fl.Key.Value]++
		out = append(out, PrincipleWeight{Principle: fl.Key.Value, Weight: w})
	}
	return out
}

func (p *parser) levels(n *yaml.Node, q *Question) {
	items := p.Sequence(n, q.ID+": levels")
	if n == nil || n.Kind != yaml.SequenceNode {
		return
	}
	if len(items) != Levels {
		p.Errorf(n, "%s: levels must list exactly %d descriptions (1 Initial to 5 Optimizing), not %d", q.ID, Levels, len(items))
	}
	seen := map[string]int{}
	for i, item := range items {
		if i >= Levels {
			break
		}
		text := p.Text(item, fmt.Sprintf("%s: level %d", q.ID, i+1))
		key := strings.ToLower(text)
		if prev, dup := seen[key]; dup && text != "" {
			p.Errorf(item, "%s: level %d repeats the description of level %d", q.ID, i+1, prev)
		}
		seen[key] = i + 1
		q.Levels[i] = text
	}
}

func (p *parser) actions(n *yaml.Node, q *Question) {
	items := p.Sequence(n, q.ID+": actions")
	if n == nil || n.Kind != yaml.SequenceNode {
		return
	}
	covered := map[int]int{}
	for _, item := range items {
		a := p.action(item, q.ID)
		for _, lvl := range a.From {
			if line, dup := covered[lvl]; dup {
				p.Errorf(item, "%s: two actions start from level %d (the other is on line %d)", q.ID, lvl, line)
			}
			covered[lvl] = item.Line
		}
		q.Actions = append(q.Actions, a)
	}
	if len(items) < 2 {
		p.Errorf(n, "%s: needs at least two actions: one from levels 1-2 to 3, one from level 3 toward 4-5", q.ID)
	}
	var missing []string
	for lvl := 1; lvl < Levels; lvl++ {
		if _, ok := covered[lvl]; !ok {
			missing = append(missing, fmt.Sprint(lvl))
		}
	}
	if len(missing) > 0 && len(items) >= 2 {
		p.Errorf(n, "%s: no action starts from level %s", q.ID, strings.Join(missing, ", "))
	}
}

func (p *parser) action(n *yaml.Node, qid string) Action {
	f := p.Mapping(n, qid+": action", []string{"id", "from", "do", "effort", "owners", "kpi", "requires"},
		[]string{"id", "from", "do", "effort", "owners", "kpi"})
	if f == nil {
		return Action{}
	}
	a := Action{
		ID:  p.id(f["id"], "action id"),
		Do:  p.Text(f["do"], qid+": action do"),
		KPI: p.Text(f["kpi"], qid+": action kpi"),
	}
	for _, item := range p.Sequence(f["from"], a.ID+": from") {
		if lvl, ok := p.Int(item, a.ID+": from level", 1, Levels-1); ok {
			a.From = append(a.From, lvl)
		}
	}
	if f["from"] != nil && f["from"].Kind == yaml.SequenceNode && len(f["from"].Content) == 0 {
		p.Errorf(f["from"], "%s: from lists no level", a.ID)
	}
	if e := p.Text(f["effort"], a.ID+": effort"); e != "" {
		a.Effort = Effort(e)
		if a.Effort.Cost() == 0 {
			p.Errorf(f["effort"], "%s: effort must be S, M or L, not %q", a.ID, e)
		}
	}
	if o := p.Mapping(f["owners"], a.ID+": owners", []string{"business", "it"}, []string{"business", "it"}); o != nil {
		a.Owners = Owners{Business: p.Text(o["business"], a.ID+": business owner"), IT: p.Text(o["it"], a.ID+": it owner")}
	}
	a.Requires = p.prerequisites(f["requires"], a.ID, qid)
	return a
}

// prerequisites reads an action's requires: a mapping of question id to
// the level it must reach ({m1.q2: 3}), or, as instruments wrote it
// before levels were named, a list of question ids (each then needs
// LegacyRequiredLevel).
func (p *parser) prerequisites(n *yaml.Node, aid, qid string) Requirements {
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	var out Requirements
	add := func(target *yaml.Node, level int) {
		if id := p.Text(target, aid+": requires"); id != "" {
			out = append(out, Requirement{Question: id, Level: level})
			p.requires = append(p.requires, requirement{from: qid, to: id, node: target})
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		for _, fl := range p.Pairs(n, aid+": requires") {
			level, ok := p.Int(fl.Value, fmt.Sprintf("%s: the level required of %s", aid, fl.Key.Value), 1, Levels)
			if ok {
				add(fl.Key, level)
			}
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			add(item, 0)
		}
	default:
		p.Errorf(n, "%s: requires must map question ids to the level they must reach, for example {m1.q2: 3}", aid)
	}
	return out
}

// checkRequires reports prerequisites that name no question, name their own
// question, or form a cycle. One depth-first walk finds the cycles, so the
// check takes time in proportion to the prerequisites, however they chain.
func (p *parser) checkRequires() {
	type edge struct {
		to   string
		node *yaml.Node
	}
	graph := map[string][]edge{}
	for _, r := range p.requires {
		switch {
		case r.to == r.from:
			p.Errorf(r.node, "%s requires itself", r.from)
		case p.questionLine[r.to] == 0:
			p.Errorf(r.node, "%s requires %q, which is not a question id", r.from, r.to)
		default:
			graph[r.from] = append(graph[r.from], edge{r.to, r.node})
		}
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var path []string
	var via []*yaml.Node // via[i] is the prerequisite that led from path[i] to path[i+1]
	at := map[string]int{}
	reported := 0
	var visit func(string)
	visit = func(n string) {
		state[n], at[n] = onPath, len(path)
		path = append(path, n)
		for _, e := range graph[n] {
			switch state[e.to] {
			case unseen:
				via = append(via, e.node)
				visit(e.to)
				via = via[:len(via)-1]
			case onPath:
				if reported++; reported > maxCycles {
					continue
				}
				i := at[e.to]
				cycle := append(slices.Clone(path[i:]), e.to)
				line := e.node // the cycle is named where its first prerequisite stands
				if i < len(via) {
					line = via[i]
				}
				p.Errorf(line, "prerequisites form a cycle: %s", strings.Join(cycle, " → "))
			}
		}
		path = path[:len(path)-1]
		state[n] = done
	}
	for _, r := range p.requires {
		if state[r.from] == unseen {
			visit(r.from)
		}
	}
}

// maxCycles bounds how many prerequisite cycles are reported.
const maxCycles = 10
