package serve

// The room's page in a real browser: headless Chromium, sized and
// announced as a phone, with JavaScript off, driven over the DevTools
// protocol by chromedp. It taps the page's own buttons and links as a
// participant does and keeps every page it was shown, to check what they
// say, what they hide and how they lay out.

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	chromedevice "github.com/chromedp/chromedp/device"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/backend"
	"github.com/seam-dev/seam/internal/browsertest"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

var phonePicture = flag.String("phone-picture", "",
	"save the room's question page as a phone shows it to this PNG file (docs/pictures.sh makes docs/room-phone.png with it)")

// aPhone is a participant's phone: 390 by 844 CSS pixels (an iPhone 13's
// viewport), two device pixels to each, touch, and a phone's user agent.
var aPhone = chromedevice.Info{Name: "phone",
	UserAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
	Width:     390, Height: 844, Scale: 2, Mobile: true, Touch: true}

// minTouch is the smallest a thing to tap may be, in CSS pixels: Apple's
// and Google's guidelines for touch targets ask for 44 (48 on Android).
const minTouch = 44

// phone is one tab of the browser, emulating aPhone with scripts off.
type phone struct {
	t     *testing.T
	r     *room
	ctx   context.Context
	mu    sync.Mutex
	csp   []string // console lines about the Content-Security-Policy
	shown []shown  // every page the phone was shown, in order
}

// shown is a page as the phone had it: its path, its HTML as the browser
// parsed it and the text a reader sees.
type shown struct {
	path, html, text string
}

func newPhone(t *testing.T, browser context.Context, r *room) *phone {
	t.Helper()
	p := &phone{t: t, r: r}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithListener(func(ev any) {
		var line string
		switch ev := ev.(type) {
		case *log.EventEntryAdded:
			line = ev.Entry.Text
		case *runtime.EventConsoleAPICalled:
			for _, a := range ev.Args {
				line += string(a.Value) + " "
			}
		case *runtime.EventExceptionThrown:
			line = ev.ExceptionDetails.Text
		}
		if strings.Contains(line, "Content Security Policy") {
			p.mu.Lock()
			p.csp = append(p.csp, line)
			p.mu.Unlock()
		}
	}))
	t.Cleanup(cancel)
	p.ctx = ctx
	require.NoError(t, chromedp.Do(ctx, chromedp.Emulate(aPhone)))
	_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	require.NoError(t, err, "turning JavaScript off")
	return p
}

// cspLines are the console's complaints about the policy so far.
func (p *phone) cspLines() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.csp...)
}

// open loads a page of the room by its path and keeps it.
func (p *phone) open(path string) shown {
	p.t.Helper()
	return p.openURL(p.r.http.URL + path)
}

func (p *phone) openURL(u string) shown {
	p.t.Helper()
	res, err := chromedp.Run(p.ctx, chromedp.NavigateResponse(u))
	require.NoError(p.t, err, "opening %s", u)
	require.EqualValues(p.t, 200, res.Status, "opening %s", u)
	return p.look()
}

// tap taps the element the XPath finds, as a finger does, and waits for
// the page it leads to.
func (p *phone) tap(xpath string) shown {
	p.t.Helper()
	res, err := chromedp.RunResponse(p.ctx, chromedp.Tap(xpath))
	require.NoError(p.t, err, "tapping %s", xpath)
	require.EqualValues(p.t, 200, res.Status, "tapping %s led to %s", xpath, res.URL)
	return p.look()
}

// look keeps the page on the screen and checks that it fits the phone.
func (p *phone) look() shown {
	p.t.Helper()
	loc, err := chromedp.Run(p.ctx, chromedp.Location())
	require.NoError(p.t, err)
	html, err := chromedp.Run(p.ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	require.NoError(p.t, err)
	text, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.body.innerText`))
	require.NoError(p.t, err)
	s := shown{path: strings.TrimPrefix(loc, p.r.http.URL), html: html, text: text}
	p.shown = append(p.shown, s)
	p.fits(s.path)
	return s
}

// fits checks the page on the screen lays out for a phone: nothing wider
// than the screen (no sideways scrolling) and every button and link big
// enough for a finger.
func (p *phone) fits(where string) {
	p.t.Helper()
	widths, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]float64](`[document.scrollingElement.scrollWidth, window.innerWidth]`))
	require.NoError(p.t, err)
	assert.EqualValues(p.t, aPhone.Width, widths[1], "%s: the page lays out at the phone's width (the viewport meta tag)", where)
	assert.LessOrEqual(p.t, widths[0], widths[1], "%s: the page scrolls sideways on a phone", where)
	type target struct {
		Label  string  `json:"label"`
		Height float64 `json:"height"`
	}
	targets, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]target](`Array.from(document.querySelectorAll("button, a, summary, label:has(input[type=radio])")).map(e =>
		({label: e.innerText.split("\n")[0], height: e.getBoundingClientRect().height}))`))
	require.NoError(p.t, err)
	for _, tg := range targets {
		assert.GreaterOrEqual(p.t, tg.Height, float64(minTouch), "%s: %q is too small to tap", where, tg.Label)
	}
}

// chosen is the values of the answer buttons marked chosen on the page.
func (s shown) chosen(t *testing.T) []string {
	var out []string
	for _, b := range elements(t, s.html, "button") {
		if attr(b, "aria-pressed") == "true" && strings.Contains(attr(b, "class"), "chosen") {
			out = append(out, attr(b, "value"))
		}
	}
	return out
}

// theLevel finds the answer button of a level by the words on it.
func theLevel(level int) string {
	return fmt.Sprintf(`//button[span[normalize-space()=%q]]`, strconv.Itoa(level)+" · "+questionnaire.LevelName(level))
}

// link finds a link by its words.
func link(words string) string { return fmt.Sprintf(`//a[normalize-space()=%q]`, words) }

func TestAParticipantsJourneyOnAPhoneWithoutJavaScript(t *testing.T) {
	r := newRoom(t, Options{}, "Ann", "Bo")
	l, err := r.b.Store().Load(r.id)
	require.NoError(t, err)
	qs := l.Instrument.Questions()

	// Bo answers first, from his own device, with words nobody else may see.
	const boNote, boEvidence = "BO-PRIVATE-NOTE the ESB contract ends in March", "BO-PRIVATE-EVIDENCE audit 2025"
	bo := r.device()
	bo.join("Bo")
	bo.answer(1, "5", url.Values{"note": {boNote}, "evidence": {boEvidence}})
	bo.answer(2, "1", nil)
	bo.answer(3, "dont-know", nil)
	require.Len(t, r.answers("Bo"), 3)

	browser := browsertest.Start(t, "to walk the room's page on a phone")

	// Control: a page under the room's policy with a stylesheet the
	// policy does not name; the console says so and the phone hears it.
	stray := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		fmt.Fprint(w, `<!DOCTYPE html><meta name="viewport" content="width=device-width"><title>stray</title><style>p{color:red}</style><p>stray`)
	}))
	defer stray.Close()
	control := newPhone(t, browser, r)
	control.openURL(stray.URL)
	require.Eventually(t, func() bool { return len(control.cspLines()) > 0 }, 10*time.Second, 50*time.Millisecond,
		"the console's complaint about a stray style reaches the test")
	// Control: a page with a script and no policy; the phone does not run it.
	scripted := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `<!DOCTYPE html><meta name="viewport" content="width=device-width"><title>before</title><script>document.title = "after"</script>`)
	}))
	defer scripted.Close()
	control.openURL(scripted.URL)
	title, err := chromedp.Run(control.ctx, chromedp.Title())
	require.NoError(t, err)
	require.Equal(t, "before", title, "JavaScript is off on the phone")

	p := newPhone(t, browser, r)
	join := p.open(r.srv.Path())
	assert.Contains(t, join.text, "Pick your name")
	page := p.tap(`//button[normalize-space()="Ann"]`)
	require.Equal(t, r.srv.Path()+"q/1", page.path, "joining leads to the first question")
	assert.NotContains(t, page.text, "Saved")
	assert.Empty(t, page.chosen(t), "Bo's answer is not marked on Ann's page")

	const note = "Only the finance integrations have owners"
	steps := []struct {
		level int
		note  string
	}{{3, ""}, {2, note}, {4, ""}}
	for i, step := range steps {
		n, q := i+1, qs[i]
		require.Equal(t, r.srv.Path()+"q/"+strconv.Itoa(n), page.path)
		assert.Contains(t, page.text, q.Title)
		if step.note != "" {
			require.NoError(t, chromedp.Do(p.ctx, chromedp.Tap(`//summary[contains(., "Add a note")]`)), "opening the note")
			require.NoError(t, chromedp.Do(p.ctx, chromedp.SendKeys(`//textarea[@name="note"]`, step.note)))
		}
		require.NotContains(t, r.answers("Ann"), q.ID, "nothing saved before the tap")
		page = p.tap(theLevel(step.level))
		want := assessment.Answer{Kind: assessment.Level, Level: step.level, Note: step.note}
		assert.Contains(t, page.text, "Saved: "+q.Title+" ("+want.Words()+").", "question %d", n)
		assert.Equal(t, want, r.answers("Ann")[q.ID], "the page said saved: the answer is in the store")
	}
	require.Equal(t, r.srv.Path()+"q/4", page.path, "three answers lead to the fourth question")
	assert.Contains(t, page.text, "3 answered")

	page = p.tap(link("Back"))
	assert.Equal(t, r.srv.Path()+"q/3", page.path)
	assert.Equal(t, []string{"4"}, page.chosen(t), "back on question 3: its answer is marked chosen")
	assert.NotContains(t, page.text, "Saved", "said once, after the commit")
	page = p.tap(link("Back"))
	assert.Equal(t, r.srv.Path()+"q/2", page.path)
	assert.Equal(t, []string{"2"}, page.chosen(t), "back on question 2: its answer is marked chosen")
	areas := elements(t, page.html, "textarea")
	require.Len(t, areas, 1)
	assert.Equal(t, note, areas[0].FirstChild.Data, "the note is shown with the answer")
	page = p.tap(link("Back"))
	assert.Equal(t, []string{"3"}, page.chosen(t), "question 1 has Ann's answer marked, not Bo's 5")

	done := p.open(r.srv.Path() + "done")
	assert.Contains(t, done.text, "You answered 3 of 41")

	// Silent voting: nothing Ann was shown has Bo's words, a result or
	// the index. The instrument's own words are taken out first (its
	// questions speak of results and medians).
	var own []string
	for _, q := range qs {
		own = append(own, q.Title, q.Text)
		own = append(own, q.Levels[:]...)
		own = append(own, q.NAReasons()...)
	}
	for _, s := range p.shown {
		assert.NotContains(t, s.html, "BO-PRIVATE", "%s shows Bo's note or evidence", s.path)
		rest := strings.ToLower(withoutAll(s.text, own))
		for _, word := range []string{"index", "score", "median", "agreement", "spread", "distribution", "consensus"} {
			assert.NotContains(t, rest, word, "%s shows something of the results", s.path)
		}
		for _, sentence := range strings.Split(rest, ".") {
			if strings.Contains(sentence, "result") {
				assert.Contains(t, sentence, "facilitator", "%s speaks of results other than as the facilitator's to show: %q", s.path, sentence)
			}
		}
	}
	assert.Empty(t, p.cspLines(), "the page keeps to its own Content-Security-Policy")
}

// withoutAll is s with each of the words taken out, spaces evened.
func withoutAll(s string, words []string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, w := range words {
		if w = strings.Join(strings.Fields(w), " "); w != "" {
			s = strings.ReplaceAll(s, w, "")
		}
	}
	return s
}

// northwind are the demo workshop's people (seam demo): a realistic room.
var northwind = []store.Participant{
	{Name: "Avery Chen", Role: "COO", Function: "business"},
	{Name: "Blake Osei", Role: "Head of Sales Operations", Function: "business"},
	{Name: "Casey Novak", Role: "CIO", Function: "it"},
	{Name: "Dana Kim", Role: "Chief Data Officer", Function: "data"},
	{Name: "Emery Silva", Role: "CISO", Function: "security"},
}

// TestEveryQuestionPageFitsAPhone opens every question of the default
// instrument on the phone: the longest texts must wrap, not widen the
// page, and every button stay big enough to tap. With -phone-picture it
// saves the screen of question 3, as the README shows it.
func TestEveryQuestionPageFitsAPhone(t *testing.T) {
	r := newRoomOf(t, Options{Rate: 1000, Burst: 1000},
		backend.NewAssessment{Organization: "Northwind Freight", Title: "Board workshop"}, northwind...)
	p := newPhone(t, browsertest.Start(t, "to check the room's page on a phone"), r)
	p.open(r.srv.Path())
	p.tap(`//button[normalize-space()="Casey Novak"]`)
	p.tap(theLevel(2))
	page := p.tap(theLevel(3))
	require.Equal(t, r.srv.Path()+"q/3", page.path)
	require.Contains(t, page.text, "Saved:")
	if *phonePicture != "" {
		shot, err := chromedp.Call(p.ctx, cdppage.CaptureScreenshot, cdppage.CaptureScreenshotParams{Format: cdppage.CaptureScreenshotFormatPng})
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(*phonePicture, shot.Data, 0o644))
		t.Logf("saved %s", *phonePicture)
	}

	l, err := r.b.Store().Load(r.id)
	require.NoError(t, err)
	for n := 1; n <= l.Instrument.QuestionCount(); n++ {
		p.open(r.srv.Path() + "q/" + strconv.Itoa(n))
	}
	p.open(r.srv.Path() + "done")
	assert.Empty(t, p.cspLines(), "the page keeps to its own Content-Security-Policy")
}
