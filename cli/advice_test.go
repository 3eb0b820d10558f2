package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestAdviceNamesSeamAsTheUserRanIt: under go run the binary sits in a
// go-build directory, and a newcomer without seam on PATH must be told
// "go run . show ...", not a command that is not found.
func TestAdviceNamesSeamAsTheUserRanIt(t *testing.T) {
	assert.Equal(t, "go run .", commandFor("/tmp/go-build123456/b001/exe/seam", "/tmp"))
	assert.Equal(t, "seam", commandFor("/home/jo/go/bin/seam", "/tmp"))
	assert.Equal(t, "seam", commandFor("/tmp/work/seam", "/tmp"), "a binary built into /tmp by hand")
	assert.Equal(t, "seam", commandFor("/tmp/go-build123456/seam.test", "/tmp"), "a test binary")
}
