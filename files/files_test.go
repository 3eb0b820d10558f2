package files

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// special makes a named pipe, a socket and, as root, a character device
// (the one /dev/zero is) in a fresh directory, never touching /dev.
func special(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{"a directory": dir}
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	out["a named pipe"] = fifo
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	out["a socket"] = sock
	if os.Geteuid() == 0 {
		zero := filepath.Join(dir, "zero")
		require.NoError(t, syscall.Mknod(zero, syscall.S_IFCHR|0o600, 1<<8|5)) // major 1, minor 5: zero
		out["a character device"] = zero
	} else {
		t.Log("not root: no character device made (mknod needs root); the named pipe stands in for it")
	}
	return out
}

func TestOutputsGoOnlyToFilesOrNewPaths(t *testing.T) {
	for what, path := range special(t) {
		info, err := os.Lstat(path)
		require.NoError(t, err)
		err = Write(path, []byte("report"))
		require.Error(t, err, what)
		assert.Regexp(t, "^"+regexpQuote(path)+": is a .*, not a file; nothing was written$", err.Error(), what)
		after, err := os.Lstat(path)
		require.NoError(t, err)
		assert.Equal(t, info.Mode(), after.Mode(), "%s is left as it was", what)
	}
	newPath := filepath.Join(t.TempDir(), "new.md")
	assert.NoError(t, CheckOutput(newPath), "a new path is fine")
	link := filepath.Join(t.TempDir(), "link")
	require.NoError(t, os.Symlink(special(t)["a named pipe"], link))
	assert.ErrorContains(t, Write(link, []byte("x")), "is a named pipe", "a link counts as what it points to")
}

func regexpQuote(s string) string {
	return strings.NewReplacer(".", `\.`, "+", `\+`, "(", `\(`, ")", `\)`).Replace(s)
}

func TestReadIsBoundedWhateverTheFile(t *testing.T) {
	s := special(t)
	_, err := Read(s["a directory"], 10)
	assert.EqualError(t, err, s["a directory"]+": is a directory, not a file")
	_, err = Read(s["a socket"], 10)
	assert.EqualError(t, err, s["a socket"]+": is a socket, not a file")

	if zero, ok := s["a character device"]; ok {
		_, err = Read(zero, 1<<20)
		assert.EqualError(t, err, zero+": larger than the 1 MiB allowed", "an endless device stops at the limit")
	}

	fifo := s["a named pipe"]
	go func() { // a writer that never stops, as a pipe from a runaway program
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		chunk := make([]byte, 1<<16)
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}()
	_, err = Read(fifo, 1<<20)
	assert.EqualError(t, err, fifo+": larger than the 1 MiB allowed")

	file := filepath.Join(t.TempDir(), "a.yaml")
	require.NoError(t, os.WriteFile(file, []byte("answers: {}\n"), 0o600))
	data, err := Read(file, 12)
	require.NoError(t, err)
	assert.Equal(t, "answers: {}\n", string(data), "a file of exactly the limit is read")
	_, err = Read(file, 11)
	assert.EqualError(t, err, file+": larger than the 11 bytes allowed")
}

func TestSizeReadsAsPeopleWriteIt(t *testing.T) {
	for n, want := range map[int64]string{512 << 10: "512 KiB", 128 << 20: "128 MiB", 127457557: "121.6 MiB", 78345: "78345 bytes", 11: "11 bytes"} {
		assert.Equal(t, want, Size(n), "%d", n)
	}
}
