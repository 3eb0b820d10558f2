package files

import (
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAtNamesThePathAndTheReasonOnly(t *testing.T) {
	missing := t.TempDir() + string(os.PathSeparator) + "missing.yaml"
	_, err := os.Open(missing)
	got := At("missing.yaml", err)
	assert.Equal(t, "missing.yaml: no such file or directory", got.Error())
	assert.ErrorIs(t, got, os.ErrNotExist, "callers can still test the condition")

	err = os.Rename(missing, missing+".new")
	assert.Equal(t, "x: no such file or directory", At("x", err).Error(), "a rename's two paths are not repeated")

	plain := errors.New("is a directory")
	assert.Equal(t, "d: is a directory", At("d", plain).Error())
}
