package cli

import (
	"runtime/debug"
)

// versionString reads the module version and VCS commit that the Go
// toolchain stamped into the binary.
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown version)"
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var commit, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if commit != "" {
		if len(commit) > 12 {
			commit = commit[:12]
		}
		version += " (commit " + commit + modified + ")"
	}
	return version
}
