// What the room sees after the reveal: nothing unless the facilitator
// allows it, then how many chose each answer per question. Never a name,
// a function, a score or the index.

package serve

import (
	"strconv"
	"sync"

	"github.com/seam-dev/seam/assessment"
	"github.com/seam-dev/seam/questionnaire"
	"github.com/seam-dev/seam/store"
)

// ShowDistribution lets the room see, once the workshop is revealed, how
// many chose each level, don't know and n/a per question: under each
// question and on the last page. It takes effect after the reveal only;
// false (the default) shows the room nothing.
func (s *Server) ShowDistribution(show bool) { s.showDistribution.Store(show) }

// ShowsDistribution tells whether the room sees the counts after the reveal.
func (s *Server) ShowsDistribution() bool { return s.showDistribution.Load() }

// roomCounts is how the room answered one question, as counts.
type roomCounts struct {
	Number int
	Title  string
	Given  int // answers of any kind
	Rows   []countRow
}

type countRow struct {
	Label, Short string // "3 · Managed", "3"
	Count        int
}

// roomCounts are the counts per question in the instrument's order, nil
// when the room may not see them: before the reveal, or when the
// facilitator has not allowed it.
func (s *Server) roomCounts(l *store.Loaded) []roomCounts {
	if l.RevealedAt == nil || !s.showDistribution.Load() {
		return nil
	}
	s.counted.mu.Lock()
	defer s.counted.mu.Unlock()
	if s.counted.from != l {
		s.counted.from, s.counted.counts = l, countRoom(l)
	}
	return s.counted.counts
}

// counted keeps the last counts and the reading of the workshop they were
// counted from. A reading never changes: every page drawn from it shares
// its counts (read-only), and only a newer one, an answer changed since,
// is counted again. Counting aggregates the whole workshop, milliseconds
// for a room of fifty: too much for every page.
type counted struct {
	mu     sync.Mutex
	from   *store.Loaded
	counts []roomCounts
}

// countRoom counts how the room answered each question.
func countRoom(l *store.Loaded) []roomCounts {
	// The workshop's aggregation counts the answers; consensus plays no
	// part in what the room chose.
	ag := assessment.Aggregate(l.Instrument, l.Responses().Votes, nil)
	titles := map[string]string{}
	for _, q := range l.Instrument.Questions() {
		titles[q.ID] = q.Title
	}
	out := make([]roomCounts, len(ag.Questions))
	for i, qa := range ag.Questions {
		var levels [questionnaire.Levels]int
		for _, lv := range qa.Levels {
			levels[lv-1]++
		}
		rc := roomCounts{Number: i + 1, Title: titles[qa.Question], Given: len(qa.Levels) + qa.DontKnow + qa.NotApplicable}
		for lv, n := range levels {
			rc.Rows = append(rc.Rows, countRow{Label: strconv.Itoa(lv+1) + " · " + questionnaire.LevelName(lv+1), Short: strconv.Itoa(lv + 1), Count: n})
		}
		rc.Rows = append(rc.Rows, countRow{Label: "Don't know", Short: "?", Count: qa.DontKnow},
			countRow{Label: "Not applicable", Short: "n/a", Count: qa.NotApplicable})
		out[i] = rc
	}
	return out
}
