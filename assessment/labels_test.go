package assessment

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFunctionLabelsNumberEachFunctionInTheWorkshopsOrder(t *testing.T) {
	got := FunctionLabels([]string{"business", "it", "business", "data", "security", "other", "it", "Zyx<script>", ""})
	assert.Equal(t, []string{"Business 1", "IT 1", "Business 2", "Data 1", "Security 1", "Other 1", "IT 2", "Participant 1", "Participant 2"}, got,
		"numbered within a function in order; an unknown function shows nothing of itself")
	assert.Empty(t, FunctionLabels(nil))
}
