package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWorkshopParticipantsAnswerAtOnce: eight participants of one workshop
// answer every question from their own processes at the same time; every
// vote arrives, kept apart, with no busy or locked error.
func TestWorkshopParticipantsAnswerAtOnce(t *testing.T) {
	const people = 8
	bin := buildSeam(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "workshop.db")
	id := strings.TrimSpace(runSeam(t, bin, db, "new", "--workshop", "--org", "Workshop Test"))
	functions := []string{"business", "it", "data", "security", "other"}
	for p := range people {
		runSeam(t, bin, db, "participant", "add", id, "--name", fmt.Sprintf("P%d", p), "--function", functions[p%len(functions)])
	}
	level := func(p, k int) int { return 1 + (p+k)%5 }
	qs := allQuestions()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([][]string, people)
	for p := range people {
		levels := map[string]int{}
		for k, q := range qs[:18] {
			levels[q] = level(p, k)
		}
		file := writeAnswersFile(t, dir, fmt.Sprintf("p%d.yaml", p), levels, fmt.Sprintf("P%d", p))
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			runs := [][]string{{"answer", id, "--participant", fmt.Sprintf("P%d", p), "--answers", file}}
			for k, q := range qs[18:] {
				runs = append(runs, []string{"answer", id, q, fmt.Sprint(level(p, k+18)), "--participant", fmt.Sprintf("P%d", p)})
			}
			for _, args := range runs {
				c := newSeamCmd(ctx, bin, db, args...)
				if err := c.Run(); err != nil || !strings.Contains(c.stdout.String(), "saved") ||
					strings.Contains(strings.ToLower(c.stderr.String()), "locked") || strings.Contains(strings.ToLower(c.stderr.String()), "busy") {
					errs[p] = append(errs[p], fmt.Sprintf("seam %s: %v: %s", strings.Join(args, " "), err, c.stderr.String()))
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	for p := range people {
		assert.Empty(t, errs[p], "participant P%d", p)
	}

	var bundle struct {
		Answers []struct {
			Participant string `json:"participant"`
			Question    string `json:"question"`
			Answer      string `json:"answer"`
		} `json:"answers"`
	}
	require.NoError(t, json.Unmarshal([]byte(runSeam(t, bin, db, "export", id)), &bundle))
	got := map[string]string{}
	for _, a := range bundle.Answers {
		got[a.Participant+" "+a.Question] = a.Answer
	}
	require.Len(t, got, people*len(qs), "every participant's every answer is there, kept apart")
	for p := range people {
		for k, q := range qs {
			assert.Equal(t, fmt.Sprint(level(p, k)), got[fmt.Sprintf("P%d %s", p, q)])
		}
	}
}
