// Package browsertest starts headless Chromium for the tests that look at
// seam's pages in a real browser: the HTML report and the workshop room's
// participant page. Only tests import it.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// names are the names Chromium goes by on PATH.
var names = []string{"chromium", "chromium-browser", "google-chrome"}

// Required is the environment variable that makes a missing browser a
// failure rather than a skip; CI sets it to 1.
const Required = "SEAM_REQUIRE_BROWSER"

// Path finds the browser. The README's test command must pass on a
// machine with Go and a C compiler only, so without a browser the test
// says what it left out (why says what for); CI installs chromium and
// sets SEAM_REQUIRE_BROWSER=1, so there a missing browser fails.
func Path(t testing.TB, why string) string {
	t.Helper()
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	msg := fmt.Sprintf("no Chromium on PATH (looked for %s): install it (Debian: apt-get install chromium) %s",
		strings.Join(names, ", "), why)
	if os.Getenv(Required) == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Start starts one headless Chromium for a test, stopped when the test
// ends; tabs made with chromedp.NewContext from the context share it.
func Start(t testing.TB, why string) context.Context {
	t.Helper()
	path := Path(t, why)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	t.Cleanup(cancelBrowser)
	require.NoError(t, chromedp.Do(ctx), "starting %s", path)
	return ctx
}
