package report

// The HTML report in a real browser: headless Chromium, driven over the
// DevTools protocol by chromedp, loads the page from a file, prints it to
// PDF on A4, and reports every request the page makes.

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/internal/browsertest"
)

// browser starts one headless Chromium for a test; its tabs share it.
func browser(t *testing.T) context.Context {
	return browsertest.Start(t, "to check the HTML report in a browser")
}

// tab is a page loaded from a file, with the URLs of every request it
// made (sent or only attempted) and why the browser blocked any.
type tab struct {
	ctx     context.Context
	url     string
	mu      sync.Mutex
	reqs    []string
	ids     map[network.RequestID]string
	blocked map[string]network.BlockedReason
}

// blockedWhy is why the browser refused a request to u, or "".
func (tb *tab) blockedWhy(u string) network.BlockedReason {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return tb.blocked[u]
}

func (tb *tab) requests() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.reqs...)
}

// open writes the page to a file and loads it in a new tab.
func open(t *testing.T, browserCtx context.Context, page []byte) *tab {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(path, page, 0o600))
	tb := &tab{url: (&url.URL{Scheme: "file", Path: path}).String(),
		ids: map[network.RequestID]string{}, blocked: map[string]network.BlockedReason{}}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithListener(func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			tb.reqs = append(tb.reqs, ev.Request.URL)
			tb.ids[ev.RequestID] = ev.Request.URL
		case *network.EventLoadingFailed:
			if ev.BlockedReason != "" {
				tb.blocked[tb.ids[ev.RequestID]] = ev.BlockedReason
			}
		}
	}))
	t.Cleanup(cancel)
	tb.ctx = ctx
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(tb.url)))
	return tb
}

// pdf prints the page as a reader does from the print dialog: the paper
// and margins of the page's @page rule.
func (tb *tab) pdf(t *testing.T) []byte {
	t.Helper()
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	require.NoError(t, err, "printing to PDF")
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")), "a PDF")
	return pdf
}

// pdfPage matches a page object of a PDF (not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b`)

// pages counts the page objects of a PDF as Chromium writes it (page
// dictionaries are not in compressed object streams).
func pages(pdf []byte) int { return len(pdfPage.FindAll(pdf, -1)) }

// onlyItself fails when the page asked for anything but its own file.
func (tb *tab) onlyItself(t *testing.T) {
	t.Helper()
	reqs := tb.requests()
	assert.NotEmpty(t, reqs, "the listener saw the page's own request")
	for _, r := range reqs {
		assert.Equal(t, tb.url, r, "the page made a request that leaves the file")
	}
}

// upTo is the document up to its page break (the decision page), or nil.
func upTo(d doc) doc {
	for i, bl := range d {
		if _, ok := bl.(pageBreak); ok {
			return d[:i]
		}
	}
	return nil
}

// decisionPage is a decision page of at least n words laid out as the
// report's: a title, the title block, a heading, a headline, three
// numbered actions and a decision, then the page break. It returns the
// page and its word count.
func decisionPage(n int) (doc, int) {
	const sentence = "Make a written rollback procedure a condition of change approval for every significant integration release. "
	for extra := 0; ; extra++ {
		title := table{align: "ll", head: cells("", "")}
		for _, label := range []string{"Organization", "Title", "Scope", "Date", "Assessment", "Respondents", "Instrument"} {
			title.rows = append(title.rows, []text{line(label), line(their("Northwind Freight board workshop, five participants"))})
		}
		// The sentences go to the three actions and the decision in turn.
		said := func(place int) string { return strings.Repeat(sentence, 1+extra/4+min(1, max(0, extra%4-place))) }
		var actions list
		for i := range 3 {
			actions.items = append(actions.items, item{number: i + 1, text: line(strong("Action ", fmt.Sprint(i+1)), " (m6.q2): ", said(i))})
		}
		d := doc{
			heading{level: 1, text: line("Integration strategy assessment: Northwind Freight (sample)")},
			title,
			heading{level: 2, text: line("Decision page")},
			list{items: []item{
				{text: line(strong("Overall index 2.08 (Developing)"), " on a scale of 1 Initial to 5 Optimizing; coverage 100 %.")},
				{text: line(strong("First actions"), " (of 39 in the plan):"), sub: []block{actions}},
				{text: line(strong("Decision needed: "), said(3))},
			}},
			pageBreak{},
		}
		var b strings.Builder
		for _, bl := range d {
			b.WriteString(textOfBlock(bl) + " ")
		}
		if words := len(strings.Fields(b.String())); words >= n {
			return d, words
		}
	}
}

// textOfBlock is the words of a block, for counting.
func textOfBlock(bl block) string {
	var b strings.Builder
	switch bl := bl.(type) {
	case heading:
		b.WriteString(plain(bl.text))
	case para:
		b.WriteString(plain(bl.text))
	case table:
		for _, row := range bl.rows {
			for _, c := range row {
				b.WriteString(plain(c) + " ")
			}
		}
	case list:
		for _, it := range bl.items {
			b.WriteString(plain(it.text) + " ")
			for _, sub := range it.sub {
				b.WriteString(textOfBlock(sub) + " ")
			}
		}
	}
	return b.String()
}

// a4Content is the height of an A4 page inside the 18 mm margins, in CSS
// pixels (96 to the inch).
const a4Content = (297.0 - 2*18) / 25.4 * 96

func TestHTMLInChromium(t *testing.T) {
	ctx := browser(t)

	t.Run("page one prints on one page", func(t *testing.T) {
		d := blocksDoc(chartSVG)
		one := open(t, ctx, htmlOfDoc(t, upTo(d)))
		assert.Equal(t, 1, pages(one.pdf(t)), "the decision page alone is one A4 page")
		one.onlyItself(t)

		whole := open(t, ctx, htmlOfDoc(t, d))
		assert.Equal(t, 2, pages(whole.pdf(t)), "the short body starts on a page of its own")
		whole.onlyItself(t)

		// The marker stands within the first page, laid out as printed.
		_, err := chromedp.Call(whole.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		require.NoError(t, err)
		top, err := chromedp.Run(whole.ctx, chromedp.Evaluate[float64](`document.querySelector("hr.page-break").getBoundingClientRect().top + window.scrollY`))
		require.NoError(t, err)
		assert.Greater(t, top, 0.0)
		assert.LessOrEqual(t, top, a4Content, "the page break marker is within one A4 page")
	})

	t.Run("a decision page of 400 words fits one page", func(t *testing.T) {
		d, words := decisionPage(400)
		require.GreaterOrEqual(t, words, 400)
		assert.Equal(t, 1, pages(open(t, ctx, htmlOfDoc(t, d)).pdf(t)), "the print stylesheet leaves room for the budget of page one")
	})

	t.Run("a page one too long for a page is found", func(t *testing.T) {
		d := blocksDoc(chartSVG)
		long := append(doc{}, d[:len(upTo(d))]...)
		for range 40 {
			long = append(long, para{text: line("A paragraph that makes the decision page run past one page of A4.")})
		}
		tb := open(t, ctx, htmlOfDoc(t, long))
		assert.Greater(t, pages(tb.pdf(t)), 1, "the check can fail")
	})

	for name, in := range map[string]Input{"self-assessment": fixture(t), "workshop": workshopFixture(t, 5),
		"comparison": comparedFixture(t), "workshop comparison": comparedWorkshops(t)} {
		t.Run(name+" report", func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, HTML(&buf, in))
			tb := open(t, ctx, buf.Bytes())
			title, err := chromedp.Run(tb.ctx, chromedp.Title())
			require.NoError(t, err)
			assert.Equal(t, "Integration strategy assessment: "+in.Organization, title)
			assert.Greater(t, pages(tb.pdf(t)), 2, "the whole report prints")
			tb.onlyItself(t)

			if one := upTo(build(in)); one != nil {
				assert.Equal(t, 1, pages(open(t, ctx, htmlOfDoc(t, one)).pdf(t)), "the decision page fits one A4 page")
			} else {
				t.Log("the report has no page break yet: only the whole report was printed")
			}
		})
	}

	t.Run("nothing leaves the file, by the page's own policy", func(t *testing.T) {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.WriteHeader(http.StatusNoContent)
		}))
		defer srv.Close()
		probe := `<img src="` + srv.URL + `/probe.png" alt="">`

		// Control: without the policy, the listener and the server see it.
		bare := open(t, ctx, []byte(`<!DOCTYPE html><title>probe</title>`+probe))
		require.Eventually(t, func() bool { return hits.Load() == 1 }, 10*time.Second, 50*time.Millisecond, "the probe page reached the server")
		assert.Contains(t, bare.requests(), srv.URL+"/probe.png")

		// The report's page with the same image slipped in: the browser
		// tries it (the listener sees that) and its policy blocks it.
		hits.Store(0)
		page := htmlOfDoc(t, blocksDoc(chartSVG))
		page = bytes.Replace(page, []byte("<main>"), []byte("<main>"+probe), 1)
		tb := open(t, ctx, page)
		_ = tb.pdf(t)
		assert.Zero(t, hits.Load(), "the Content-Security-Policy kept the request from leaving")
		assert.Contains(t, tb.requests(), srv.URL+"/probe.png", "the listener sees even a blocked request")
		require.Eventually(t, func() bool { return tb.blockedWhy(srv.URL+"/probe.png") != "" }, 10*time.Second, 50*time.Millisecond)
		assert.Equal(t, network.BlockedReasonCsp, tb.blockedWhy(srv.URL+"/probe.png"))
	})
}
