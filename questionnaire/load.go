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
	// modern is set when the instrument has a role catalogue: it is in the
	// 1.1 format, whose actions name catalogue roles, a structured KPI and
	// when they are done, and whose levels name their evidence.
	modern  bool
	roles   map[string]Role
	figures map[string]Figure
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
	f := p.Mapping(root, "instrument", []string{"id", "version", "title", "source", "principles", "roles", "terms", "baseline", "modes"},
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
	p.modern = f["roles"] != nil
	in.Roles = p.roleList(f["roles"])
	in.Baseline = p.figureList(f["baseline"])
	if !p.modern {
		for _, key := range []string{"terms", "baseline"} {
			if f[key] != nil {
				p.Errorf(f[key], "%s: the 1.1 format needs a roles catalogue too (roles: [{id, name, function}])", key)
			}
		}
	}
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
	in.Terms = p.termList(f["terms"], in.Modes)
	return in
}

// roleList reads the catalogue of owner roles.
func (p *parser) roleList(n *yaml.Node) []Role {
	p.roles = map[string]Role{}
	if n == nil {
		return nil
	}
	items := p.Sequence(n, "roles")
	if n.Kind == yaml.SequenceNode && len(items) == 0 {
		p.Errorf(n, "roles: the catalogue lists no role")
	}
	var out []Role
	for _, item := range items {
		f := p.Mapping(item, "role", []string{"id", "name", "function", "description"}, []string{"id", "name", "function"})
		if f == nil {
			continue
		}
		r := Role{
			ID:          p.id(f["id"], "role id"),
			Name:        p.Text(f["name"], "role name"),
			Function:    p.Text(f["function"], "role function"),
			Description: p.OptionalText(f["description"], "role description"),
		}
		if r.Function != "" && !slices.Contains(RoleFunctions, r.Function) {
			p.Errorf(f["function"], "role %s: function must be one of %s, not %q", r.ID, strings.Join(RoleFunctions, ", "), r.Function)
		}
		p.roles[r.ID] = r
		out = append(out, r)
	}
	return out
}

// figureList reads the baseline chapter: the organisation's own figures.
func (p *parser) figureList(n *yaml.Node) []Figure {
	p.figures = map[string]Figure{}
	if n == nil {
		return nil
	}
	items := p.Sequence(n, "baseline")
	if n.Kind == yaml.SequenceNode && len(items) == 0 {
		p.Errorf(n, "baseline: lists no figure (leave the key out for no baseline chapter)")
	}
	var out []Figure
	partOf := map[string]*yaml.Node{}
	for _, item := range items {
		f := p.Mapping(item, "baseline figure", []string{"id", "name", "question", "unit", "part_of"}, []string{"id", "name", "question", "unit"})
		if f == nil {
			continue
		}
		fg := Figure{
			ID:       p.id(f["id"], "baseline figure id"),
			Name:     p.Text(f["name"], "baseline figure name"),
			Question: p.Text(f["question"], "baseline figure question"),
			PartOf:   p.OptionalText(f["part_of"], "part_of"),
		}
		if u := p.Text(f["unit"], fg.ID+": unit"); u != "" {
			fg.Unit = Unit(u)
			if !slices.Contains(Units, fg.Unit) {
				p.Errorf(f["unit"], "%s: unit must be percent, count or days, not %q", fg.ID, u)
			}
		}
		if fg.PartOf != "" {
			partOf[fg.ID] = f["part_of"]
		}
		p.figures[fg.ID] = fg
		out = append(out, fg)
	}
	for _, fg := range out {
		n := partOf[fg.ID]
		if n == nil {
			continue
		}
		whole, ok := p.figures[fg.PartOf]
		switch {
		case !ok || fg.PartOf == fg.ID:
			p.Errorf(n, "%s: part_of %q is not another baseline figure", fg.ID, fg.PartOf)
		case whole.Unit != fg.Unit:
			p.Errorf(n, "%s: part_of %s, whose unit is %s, not %s", fg.ID, whole.ID, whole.Unit, fg.Unit)
		}
	}
	return out
}

// termList reads the defined scope words; each must be used by a question,
// or its definition would be shown nowhere.
func (p *parser) termList(n *yaml.Node, modes []Mode) []Term {
	if n == nil {
		return nil
	}
	items := p.Sequence(n, "terms")
	var out []Term
	seen := map[string]int{}
	for _, item := range items {
		f := p.Mapping(item, "term", []string{"term", "meaning"}, []string{"term", "meaning"})
		if f == nil {
			continue
		}
		t := Term{Term: p.reason(f["term"], "term"), Meaning: p.Text(f["meaning"], "term meaning")}
		if t.Term == "" {
			continue
		}
		if first, dup := seen[strings.ToLower(t.Term)]; dup {
			p.Errorf(f["term"], "term %q is defined twice (first on line %d)", t.Term, first)
			continue
		}
		seen[strings.ToLower(t.Term)] = f["term"].Line
		used := false
		for _, m := range modes {
			for i := range m.Questions {
				used = used || len(termsUsed([]Term{t}, &m.Questions[i])) > 0
			}
		}
		if !used && len(modes) > 0 {
			p.Errorf(f["term"], "term %q is used by no question's text or levels", t.Term)
		}
		out = append(out, t)
	}
	return out
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
	evidence := make([]string, 0, Levels)
	for i, item := range items {
		if i >= Levels {
			break
		}
		what := fmt.Sprintf("%s: level %d", q.ID, i+1)
		var text string
		switch {
		case item.Kind == yaml.MappingNode:
			f := p.Mapping(item, what, []string{"text", "evidence"}, []string{"text", "evidence"})
			text = p.Text(f["text"], what)
			if f["evidence"] != nil {
				evidence = append(evidence, p.Text(f["evidence"], what+": evidence"))
			}
		case p.modern:
			p.Errorf(item, "%s must give its text and the evidence that proves it ({text: ..., evidence: ...})", what)
		default:
			text = p.Text(item, what)
		}
		key := strings.ToLower(text)
		if prev, dup := seen[key]; dup && text != "" {
			p.Errorf(item, "%s: level %d repeats the description of level %d", q.ID, i+1, prev)
		}
		seen[key] = i + 1
		q.Levels[i] = text
	}
	if len(evidence) > 0 && len(evidence) == len(items) && len(items) == Levels {
		q.Evidence = evidence
	} else if len(evidence) > 0 && !p.modern {
		p.Errorf(n, "%s: name the evidence of all five levels or of none", q.ID)
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
	known := []string{"id", "from", "do", "effort", "owners", "kpi", "requires"}
	required := []string{"id", "from", "do", "effort", "owners", "kpi"}
	if p.modern {
		known = append(known, "done_when", "decision")
		required = append(required, "done_when")
	}
	f := p.Mapping(n, qid+": action", known, required)
	if f == nil {
		return Action{}
	}
	a := Action{
		ID: p.id(f["id"], "action id"),
		Do: p.Text(f["do"], qid+": action do"),
	}
	if p.modern {
		a.DoneWhen = p.Text(f["done_when"], a.ID+": done_when")
		if f["decision"] != nil {
			a.Decision = p.reason(f["decision"], a.ID+": decision")
		}
		a.KPI = p.kpi(f["kpi"], a.ID)
	} else {
		a.KPI = KPI{Text: p.Text(f["kpi"], qid+": action kpi")}
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
	if p.modern {
		a.Owners = p.roleOwners(f["owners"], a.ID)
	} else if o := p.Mapping(f["owners"], a.ID+": owners", []string{"business", "it"}, []string{"business", "it"}); o != nil {
		a.Owners = Owners{Business: p.Text(o["business"], a.ID+": business owner"), IT: p.Text(o["it"], a.ID+": it owner")}
	}
	a.Requires = p.prerequisites(f["requires"], a.ID, qid)
	return a
}

// roleOwners reads an action's owners in the 1.1 format: catalogue role
// ids, at least one from the business and one from IT, data or security,
// so that every action is owned by the partnership.
func (p *parser) roleOwners(n *yaml.Node, aid string) Owners {
	if n == nil {
		return Owners{}
	}
	if n.Kind != yaml.SequenceNode {
		p.Errorf(n, "%s: owners must list role ids from the roles catalogue, for example [executive-sponsor, integration-lead]", aid)
		return Owners{}
	}
	roles := []string{}
	business, other := false, false
	for _, item := range n.Content {
		id := p.Text(item, aid+": owner")
		if id == "" {
			continue
		}
		r, ok := p.roles[id]
		switch {
		case !ok:
			p.Errorf(item, "%s: owner %q is not a role of the catalogue", aid, id)
			continue
		case slices.Contains(roles, id):
			p.Errorf(item, "%s: owner %q is listed twice", aid, id)
			continue
		}
		business = business || r.Function == "business"
		other = other || r.Function != "business"
		roles = append(roles, id)
	}
	if len(roles) == len(n.Content) && (!business || !other) {
		p.Errorf(n, "%s: owners need a business role and an IT, data or security role together", aid)
	}
	return Owners{Roles: roles}
}

// kpi reads an action's outcome KPI in the 1.1 format: what is measured,
// where the organisation's own baseline comes from, the target (with a
// number) and the time.
func (p *parser) kpi(n *yaml.Node, aid string) KPI {
	f := p.Mapping(n, aid+": kpi", []string{"measure", "baseline", "figure", "target", "within"}, []string{"measure", "baseline", "target", "within"})
	if f == nil {
		return KPI{}
	}
	k := KPI{
		Measure:  p.Text(f["measure"], aid+": kpi measure"),
		Baseline: p.Text(f["baseline"], aid+": kpi baseline"),
		Figure:   p.OptionalText(f["figure"], aid+": kpi figure"),
		Target:   p.Text(f["target"], aid+": kpi target"),
		Within:   p.Text(f["within"], aid+": kpi within"),
	}
	if k.Target != "" && !strings.ContainsAny(k.Target, "0123456789") {
		p.Errorf(f["target"], "%s: kpi target must state a number, for example \"85 %% of active initiatives\"", aid)
	}
	if k.Figure != "" {
		if _, ok := p.figures[k.Figure]; !ok {
			p.Errorf(f["figure"], "%s: kpi figure %q is not a baseline figure", aid, k.Figure)
		}
	}
	return k
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
		if p.modern {
			p.Errorf(n, "%s: requires must name the level each question must reach, for example {m1.q2: 3}", aid)
			return nil
		}
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
