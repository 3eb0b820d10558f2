package assessment

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seam-dev/seam/questionnaire"
)

// tiny loads the hand-computable test instrument.
func tiny(t testing.TB) *questionnaire.Instrument {
	t.Helper()
	data, err := os.ReadFile("testdata/tiny.yaml")
	require.NoError(t, err)
	inst, err := questionnaire.Parse("tiny.yaml", data)
	require.NoError(t, err)
	return inst
}

func defaultInstrument(t testing.TB) *questionnaire.Instrument {
	t.Helper()
	inst, err := questionnaire.Default()
	require.NoError(t, err)
	return inst
}

func lvl(n int) Answer { return Answer{Kind: Level, Level: n} }

var dontKnow = Answer{Kind: DontKnow}

func na(reason string) Answer { return Answer{Kind: NotApplicable, Reason: reason} }
