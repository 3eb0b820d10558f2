package tui

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/report"
	"github.com/seam-dev/seam/safetext"
	"github.com/seam-dev/seam/store"
)

// errInputEnded is returned when the input closes mid-questionnaire.
var errInputEnded = errors.New("the input ended; every answer given so far is saved")

// lineReader hands the input out one byte at a time, so that each prompt
// (which wraps it in its own scanner) reads exactly one line and leaves the
// rest for the next prompt. It remembers reaching the end.
type lineReader struct {
	r   io.Reader
	eof bool
}

func (l *lineReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	n, err := l.r.Read(p[:1])
	if err == io.EOF {
		l.eof = true
	}
	return n, err
}

// accessible runs the questionnaire as plain sequential prompts (huh's
// accessible mode) that a screen reader can follow, saving each answer the
// moment it is given.
type accessible struct {
	be  *backend.Backend
	in  *lineReader
	out io.Writer
}

// RunAccessible asks which assessment to answer (or creates one) and then
// every unanswered question in order.
func RunAccessible(b *backend.Backend, in io.Reader, out io.Writer) error {
	a := &accessible{be: b, in: &lineReader{r: in}, out: out}
	fmt.Fprintln(out, "seam: the integration strategy questionnaire, in plain prompts.")
	fmt.Fprintln(out, "Every answer is saved the moment you give it; you can stop at any question.")
	l, err := a.choose()
	if err != nil {
		return err
	}
	return a.questionnaire(l)
}

// run runs one form accessibly. huh's prompts cannot report a closed input
// (they index an empty choice), so a panic after the input ended is turned
// into errInputEnded; any other panic is reported as an error too.
func (a *accessible) run(form *huh.Form) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if a.in.eof {
				err = errInputEnded
				return
			}
			err = fmt.Errorf("the prompt failed: %v", r)
		}
	}()
	if a.in.eof {
		return errInputEnded
	}
	err = form.WithAccessible(true).WithInput(a.in).WithOutput(a.out).Run()
	if err == nil && a.in.eof {
		return errInputEnded
	}
	return err
}

const newAssessment = "new"

func (a *accessible) choose() (*backend.Evaluated, error) {
	list, err := a.be.Store().List()
	if err != nil {
		return nil, err
	}
	choice := newAssessment
	if len(list) > 0 {
		options := []huh.Option[string]{huh.NewOption("Start a new assessment", newAssessment)}
		for _, sm := range list {
			options = append(options, huh.NewOption(fmt.Sprintf("Continue %s, %s, %d of %d answered",
				safetext.Line(sm.Organization), safetext.Line(sm.Title), sm.Answered, sm.Questions), sm.ID))
		}
		var err error
		if choice, err = ask(a, "Which assessment?", options); err != nil {
			return nil, err
		}
	}
	if choice != newAssessment {
		return a.be.Load(choice)
	}
	var org, title string
	for typedLine(org) == "" {
		if err := a.run(huh.NewForm(huh.NewGroup(huh.NewInput().Title("Organization assessed (required):").CharLimit(store.MaxNameLen).Value(&org)))); err != nil {
			return nil, err
		}
	}
	if err := a.run(huh.NewForm(huh.NewGroup(huh.NewInput().Title("Title, for example Q3 self-check (optional; an empty line leaves it out):").
		CharLimit(store.MaxTitleLen).Value(&title)))); err != nil {
		return nil, err
	}
	created, err := a.be.Create(backend.NewAssessment{Organization: typedLine(org), Title: typedLine(title)})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(a.out, "Created assessment %s.\n", created.ID)
	return a.be.Load(created.ID)
}

// ask offers a numbered choice. There is no default: an empty line (an
// Enter pressed by accident) is refused and the question asked again, so
// nothing is chosen, let alone saved, that the user did not type.
func ask[T comparable](a *accessible, title string, options []huh.Option[T]) (T, error) {
	// huh takes the value a Select points to (Value) as the default an
	// empty line picks; an accessor of its own has none.
	picked := &huh.EmbeddedAccessor[T]{}
	err := a.run(huh.NewForm(huh.NewGroup(huh.NewSelect[T]().Title(title).Options(options...).Accessor(picked))))
	return picked.Get(), err
}

// Choices offered besides the five levels. Their numbers stay the same
// on every question; not applicable comes last, and only where the
// instrument allows it.
const (
	pickDontKnow = 6
	pickSkip     = 7
	pickStop     = 8
	pickNA       = 9
)

// notApplicable asks why a question does not apply: a choice of the
// reasons the instrument offers, or one typed; in a gated mode, whether
// the whole chapter does not apply (whole, then, and no reason: the gate
// is the reason of every question of the mode).
func (a *accessible) notApplicable(l *backend.Evaluated, question *questionnaire.Question) (reason string, whole bool, err error) {
	m, _ := l.Instrument.Mode(question.Mode)
	reasons := question.NAReasons()
	if len(reasons) > 0 || m.Gated() {
		const chapter, another = -1, -2
		var options []huh.Option[int]
		if m.Gated() {
			options = append(options, huh.NewOption(fmt.Sprintf("The whole chapter does not apply, all %d questions: %s", len(m.Questions), safetext.Line(m.Gate)), chapter))
		}
		for i, r := range reasons {
			options = append(options, huh.NewOption("This question only: "+safetext.Line(r), i))
		}
		options = append(options, huh.NewOption("Another reason, typed next", another))
		pick, err := ask(a, "Why does it not apply?", options)
		switch {
		case err != nil:
			return "", false, err
		case pick == chapter:
			return "", true, nil
		case pick >= 0:
			return reasons[pick], false, nil
		}
	}
	for strings.TrimSpace(reason) == "" {
		if err := a.run(huh.NewForm(huh.NewGroup(huh.NewInput().Title("Why does it not apply? (required)").
			CharLimit(assessment.MaxReasonLen).Value(&reason)))); err != nil {
			return "", false, err
		}
	}
	return typedLine(reason), false, nil
}

// baseline offers the baseline chapter as an optional first step: an
// empty line skips it; b goes through the figures, each a prompt where an
// empty line leaves the figure as it is. A value is checked as it is
// typed (the rules every front end uses) and asked again with the reason
// when refused; each is saved the moment it is given.
func (a *accessible) baseline(l *backend.Evaluated) (*backend.Evaluated, error) {
	n, of := l.Recorded()
	fmt.Fprintf(a.out, "\nBaseline chapter, optional and not scored: your organisation's own figures, where the plan's KPIs start from. %d of %d recorded.\n", n, of)
	var choice string
	err := a.run(huh.NewForm(huh.NewGroup(huh.NewInput().
		Title("Press Enter to skip it and go on to the questions, or type b and Enter to record the figures:").
		Validate(func(s string) error {
			switch strings.ToLower(strings.TrimSpace(s)) {
			case "", "b":
				return nil
			}
			return errors.New("press Enter to skip the baseline, or type b to record it")
		}).Value(&choice))))
	if err != nil {
		return l, err
	}
	if strings.ToLower(strings.TrimSpace(choice)) != "b" {
		fmt.Fprintln(a.out, "Skipped the baseline; it stays open in the app and with seam baseline.")
		return l, nil
	}
	for i := range l.Instrument.Baseline {
		fg := &l.Instrument.Baseline[i]
		recorded := "Not recorded."
		if v, ok := l.Baseline[fg.ID]; ok {
			recorded = "Recorded: " + v.Format(fg.Unit) + "."
		}
		fmt.Fprintf(a.out, "\nFigure %s, %s, %s. %s %s\n", fg.ID, safetext.Line(fg.Name), unitWords(fg), safetext.Line(fg.Question), recorded)
		current := l
		var text string
		err := a.run(huh.NewForm(huh.NewGroup(huh.NewInput().
			Title("Type a number, dont-know or clear; Enter leaves it as it is:").CharLimit(40).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return nil
				}
				_, err := current.ParseFigure(fg.ID, s)
				return err
			}).Value(&text))))
		if err != nil {
			return l, err
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		v, err := l.ParseFigure(fg.ID, text)
		if err != nil {
			return l, err
		}
		_, had := l.Baseline[fg.ID]
		if l, err = a.be.SetBaseline(l.ID, fg.ID, v); err != nil {
			return current, err
		}
		switch {
		case v == nil && had:
			fmt.Fprintf(a.out, "Cleared %s.\n", fg.ID)
		case v == nil:
			fmt.Fprintf(a.out, "%s stays not recorded.\n", fg.ID)
		default:
			fmt.Fprintf(a.out, "Saved %s: %s.\n", fg.ID, v.Format(fg.Unit))
		}
	}
	fmt.Fprintln(a.out, "\nThe baseline is done; on to the questions.")
	return l, nil
}

func (a *accessible) questionnaire(l *backend.Evaluated) error {
	who := ""
	if len(l.Participants) > 0 {
		who = l.Participants[0].Name
	}
	if l.Kind == store.Workshop {
		if len(l.Participants) == 0 {
			return fmt.Errorf("workshop %s has no participants yet: add them with seam participant add %s --name NAME --function FUNCTION", l.ID, l.ID)
		}
		var options []huh.Option[string]
		for _, p := range l.Participants {
			options = append(options, huh.NewOption(fmt.Sprintf("%s, %s", safetext.Line(p.Name), p.Function), p.Name))
		}
		var err error
		if who, err = ask(a, "Who is answering?", options); err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Answering as %s. The others' answers stay hidden.\n", safetext.Line(who))
	}
	if len(l.Instrument.Baseline) > 0 {
		var err error
		if l, err = a.baseline(l); err != nil {
			return err
		}
	}
	given := l.AnswersOf(who)
	// A follow-up says last time's answer under each question, as the
	// app does; one whose previous assessment cannot be read goes without.
	var last *lastTime
	if l.Previous != "" {
		if prev, err := a.be.Store().Load(l.Previous); err == nil {
			last = newLastTime(prev, l.Instrument)
		}
	}
	mode, chapter := "", 0
	for _, question := range l.Instrument.Questions() {
		if _, done := given[question.ID]; done {
			continue
		}
		if question.Mode != mode {
			mode = question.Mode
			m, _ := l.Instrument.Mode(mode)
			chapter = l.Instrument.ModeNumber(mode)
			fmt.Fprintf(a.out, "\nChapter %d of %d: %s. %s\n", chapter, len(l.Instrument.Modes), safetext.Line(m.Name), safetext.Line(m.Summary))
		}
		fmt.Fprintf(a.out, "\nQuestion %s, %s. %s\n", question.ID, safetext.Line(question.Title), safetext.Line(question.Text))
		fmt.Fprintf(a.out, "Why it matters: %s\n", safetext.Line(question.Why))
		if line := last.line(question, who); line != "" {
			fmt.Fprintln(a.out, line)
		}
		for _, t := range question.Terms() {
			fmt.Fprintf(a.out, "Here %q means: %s\n", safetext.Line(t.Term), safetext.Line(t.Meaning))
		}
		fmt.Fprintf(a.out, "Levels are cumulative. %s\n", answeringRule)
		var options []huh.Option[int]
		for i, text := range question.Levels {
			label := fmt.Sprintf("Level %d %s: %s", i+1, questionnaire.LevelName(i+1), safetext.Line(text))
			if ev := question.EvidenceFor(i + 1); ev != "" {
				label += " Proven by: " + safetext.Line(ev)
			}
			options = append(options, huh.NewOption(label, i+1))
		}
		options = append(options, huh.NewOption("Don't know", pickDontKnow),
			huh.NewOption("Skip for now", pickSkip), huh.NewOption("Stop here", pickStop))
		if question.AllowsNA() {
			options = append(options, huh.NewOption("Not applicable", pickNA))
		}
		pick, err := ask(a, "Which describes what you can observe?", options)
		if err != nil {
			return err
		}
		var ans assessment.Answer
		switch pick {
		case pickStop:
			fmt.Fprintf(a.out, "Stopped. Resume any time with: seam --accessible (assessment %s).\n", l.ID)
			return nil
		case pickSkip:
			continue
		case pickDontKnow:
			ans = assessment.Answer{Kind: assessment.DontKnow}
		case pickNA:
			reason, whole, err := a.notApplicable(l, question)
			if err != nil {
				return err
			}
			if whole {
				m, _ := l.Instrument.Mode(question.Mode)
				if _, err := a.be.AnswerModeNotApplicable(l.ID, who, m.ID, ""); err != nil {
					return err
				}
				fmt.Fprintf(a.out, "Saved %s as not applicable, all %d questions: %s.\n", m.ID, len(m.Questions), safetext.Line(m.Gate))
				for _, mq := range m.Questions {
					given[mq.ID] = assessment.Answer{Kind: assessment.NotApplicable, Reason: m.Gate}
				}
				continue
			}
			ans = assessment.Answer{Kind: assessment.NotApplicable, Reason: reason}
		default:
			ans = assessment.Answer{Kind: assessment.Level, Level: pick}
		}
		if _, err := a.be.Answer(l.ID, who, map[string]assessment.Answer{question.ID: ans}); err != nil {
			return err
		}
		given[question.ID] = ans
		fmt.Fprintf(a.out, "Saved %s: %s.\n", question.ID, ans.Words())
	}
	l, err := a.be.Load(l.ID)
	if err != nil {
		return err
	}
	res := l.Evaluation.Scorecard
	fmt.Fprintf(a.out, "\nDone. Overall index %s. See the results with: seam show %s, and the report with: seam report %s.\n",
		report.IndexPhrase(res), l.ID, l.ID)
	return nil
}
