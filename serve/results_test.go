package serve

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
)

// answeredRoom is a room where three participants answered question 1
// (two level 3, one don't know) and question 2 (one n/a where allowed,
// else level 1); Ann Alpha's device is returned.
func answeredRoom(t *testing.T) (*room, *device) {
	r := newRoom(t, Options{}, "Ann Alpha", "Bo Bravo", "Cy Charlie")
	ann, bo, cy := r.device(), r.device(), r.device()
	ann.join("Ann Alpha")
	bo.join("Bo Bravo")
	cy.join("Cy Charlie")
	require.Equal(t, http.StatusOK, ann.answer(1, "3", url.Values{"note": {"ANN-NOTE"}}).status)
	require.Equal(t, http.StatusOK, bo.answer(1, "3", url.Values{"note": {"BO-NOTE"}}).status)
	require.Equal(t, http.StatusOK, cy.answer(1, "dont-know", nil).status)
	require.Equal(t, http.StatusOK, bo.answer(2, "1", nil).status)
	return r, ann
}

// rows are a page's count tables as text, one string per row, cells
// joined by "|".
func rows(t *testing.T, body string) []string {
	var out []string
	for _, tbl := range elements(t, body, "table") {
		walk(tbl, func(n *html.Node) {
			if n.Type != html.ElementNode || n.Data != "tr" {
				return
			}
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					cells = append(cells, strings.Join(strings.Fields(words(c)), " "))
				}
			}
			out = append(out, strings.Join(cells, "|"))
		})
	}
	return out
}

// words is the text inside a node, without attributes.
func words(n *html.Node) string {
	var sb strings.Builder
	walk(n, func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data + " ")
		}
	})
	return sb.String()
}

// annsPages are what Ann's device shows: question 1, question 2, the last page.
func annsPages(t *testing.T, r *room, d *device) map[string]string {
	out := map[string]string{}
	for _, path := range []string{"q/1", "q/2", "done"} {
		p := d.get(r.srv.Path() + path)
		require.Equal(t, http.StatusOK, p.status, path)
		out[path] = p.body
	}
	return out
}

func TestTheRoomSeesNoCountsBeforeTheReveal(t *testing.T) {
	r, ann := answeredRoom(t)
	r.srv.ShowDistribution(true) // allowed, but not revealed yet
	for path, body := range annsPages(t, r, ann) {
		assert.Empty(t, elements(t, body, "table"), path)
		assert.NotContains(t, body, "How the room answered", path)
		assert.NotContains(t, body, "BO-NOTE", path)
		assert.NotContains(t, body, "Bo Bravo", path)
	}
}

func TestAfterTheRevealTheRoomSeesNothingUnlessAllowed(t *testing.T) {
	r, ann := answeredRoom(t)
	require.NoError(t, r.b.Store().Reveal(r.id))
	for path, body := range annsPages(t, r, ann) {
		assert.Empty(t, elements(t, body, "table"), path)
		assert.NotContains(t, body, "How the room answered", path)
	}
	r.srv.ShowDistribution(true)
	r.srv.ShowDistribution(false) // and taken back
	for path, body := range annsPages(t, r, ann) {
		assert.Empty(t, elements(t, body, "table"), path)
	}
}

func TestAfterTheRevealTheRoomSeesTheCountsWhenAllowedAndNoNames(t *testing.T) {
	r, ann := answeredRoom(t)
	require.NoError(t, r.b.Store().Reveal(r.id))
	r.srv.ShowDistribution(true)
	l, err := r.b.Store().Load(r.id)
	require.NoError(t, err)
	q1, q2 := l.Instrument.Questions()[0], l.Instrument.Questions()[1]
	got := annsPages(t, r, ann)

	level := func(n int) string { return string(rune('0'+n)) + " · " + questionnaire.LevelName(n) }
	assert.Equal(t, []string{level(1) + "|0|0", level(2) + "|0|0", level(3) + "|2|2", level(4) + "|0|0", level(5) + "|0|0",
		"Don't know|1|1", "Not applicable|0|0"}, rows(t, got["q/1"]), "under question 1: its counts")
	assert.Contains(t, text(t, got["q/1"]), "How the room answered")
	assert.Equal(t, level(1)+"|1|1", rows(t, got["q/2"])[0], "under question 2: its own")

	done := rows(t, got["done"])
	require.Len(t, done, 1+l.Instrument.QuestionCount(), "a header and a row per question")
	assert.Equal(t, "Question|1|2|3|4|5|?|n/a", done[0])
	assert.Equal(t, "1 "+q1.Title+"|0|0|2|0|0|1|0", done[1])
	assert.Equal(t, "2 "+q2.Title+"|1|0|0|0|0|0|0", done[2])
	assert.Equal(t, "3 "+l.Instrument.Questions()[2].Title+"|0|0|0|0|0|0|0", done[3])

	for path, body := range got { // the rows above hold counts only; nothing else on the page names anyone
		for _, secret := range []string{"Bo Bravo", "Cy Charlie", "BO-NOTE", "median", "spread", "agreement"} {
			assert.NotContains(t, strings.ToLower(text(t, body)), strings.ToLower(secret), path)
		}
	}
}

func TestTheCountsFollowAnAnswerChangedAfterTheReveal(t *testing.T) {
	r, ann := answeredRoom(t)
	require.NoError(t, r.b.Store().Reveal(r.id))
	r.srv.ShowDistribution(true)
	level := func(n int) string { return string(rune('0'+n)) + " · " + questionnaire.LevelName(n) }
	before := rows(t, ann.get(r.srv.Path()+"q/1").body)
	require.Contains(t, before, level(4)+"|0|0")
	require.Contains(t, before, "Don't know|1|1")

	require.Equal(t, http.StatusOK, ann.answer(1, "4", nil).status, "answers may change until the room closes")
	after := rows(t, ann.get(r.srv.Path()+"q/1").body)
	assert.Contains(t, after, level(3)+"|1|1", "Ann's 3 is a 4 now")
	assert.Contains(t, after, level(4)+"|1|1")
	assert.Contains(t, after, "Don't know|1|1")
}

// BenchmarkQuestionPageAfterTheReveal is a question page with the room's
// counts under it, in a room of 50 who answered everything.
func BenchmarkQuestionPageAfterTheReveal(b *testing.B) {
	r := newRoom(b, Options{Rate: 1e9, Burst: 1e9}, names(50)...)
	l, err := r.b.Store().Current(r.id)
	require.NoError(b, err)
	all := map[string]assessment.Answer{}
	for _, q := range l.Instrument.Questions() {
		all[q.ID] = assessment.Answer{Kind: assessment.Level, Level: 3}
	}
	for _, n := range names(50) {
		_, err = r.b.Save(r.id, n, all)
		require.NoError(b, err)
	}
	require.NoError(b, r.srv.Reveal())
	r.srv.ShowDistribution(true)
	d := r.device()
	d.join("P00")
	b.ReportAllocs()
	for b.Loop() {
		if p := d.get(r.srv.Path() + "q/7"); p.status != http.StatusOK || !strings.Contains(p.body, "How the room answered") {
			b.Fatalf("%d %s", p.status, p.body)
		}
	}
}
