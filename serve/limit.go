package serve

import (
	"sync"
	"time"
)

// maxClients caps the clients the rate limit remembers; past it, clients
// idle for a minute are forgotten, and a new one waits if none is.
const maxClients = 4096

// limiter is a token bucket per client: rate requests a second on
// average, burst at once.
type limiter struct {
	rate, burst float64

	mu      sync.Mutex
	clients map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate, burst float64) *limiter {
	return &limiter{rate: rate, burst: burst, clients: map[string]*bucket{}}
}

// allow takes a token from the client's bucket, if it has one.
func (l *limiter) allow(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.clients[client]
	if !ok {
		if len(l.clients) >= maxClients {
			for k, old := range l.clients {
				if now.Sub(old.last) > time.Minute {
					delete(l.clients, k)
				}
			}
			if len(l.clients) >= maxClients {
				return false
			}
		}
		b = &bucket{tokens: l.burst, last: now}
		l.clients[client] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
