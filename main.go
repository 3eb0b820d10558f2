// Command seam helps a CIO find out why an enterprise integration strategy
// fails and what to fix first. All behaviour lives in package cli.
package main

import (
	"os"

	"github.com/seam-dev/seam/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
