package theme

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWrapKeepsANumberWithItsUnit(t *testing.T) {
	assert.Equal(t, "cut by\n61 %\nwithin", Wrap("cut by 61 % within", 10))
	assert.Equal(t, "a b", Wrap("a b", 10), "a short text stays as it is")
}
