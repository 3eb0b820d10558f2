// Package files is how seam reads and writes the files a user names.
// Reads are bounded whatever the file is, a pipe or a device too, so
// /dev/zero cannot fill memory. Outputs go only to regular files or new
// paths: a directory, device, named pipe or socket is refused and left as
// it was; a file is replaced atomically and readable by its owner only.
// Every problem is one line that names the path.
package files

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Read reads a whole file of at most limit bytes. A directory or socket is
// refused; a pipe or a device is read up to the limit and no further.
func Read(path string, limit int64) ([]byte, error) {
	if info, err := os.Stat(path); err == nil {
		switch {
		case info.IsDir() || info.Mode()&fs.ModeSocket != 0:
			return nil, fmt.Errorf("%s: %s, not a file", path, KindOf(info.Mode()))
		case info.Mode().IsRegular() && info.Size() > limit:
			return nil, tooLarge(path, limit) // without reading a byte
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, At(path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, At(path, err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(path, limit)
	}
	return data, nil
}

func tooLarge(path string, limit int64) error {
	return fmt.Errorf("%s: larger than the %s allowed", path, Size(limit))
}

// Size writes a byte count the way people read one: "512 KiB", "64 MiB",
// "127.5 MiB" (a large count that is not a whole number of MiB, to one
// decimal), "78345 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// CheckOutput refuses a path that exists and is not a regular file; a new
// path is fine. A symbolic link counts as what it points to.
func CheckOutput(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return At(path, err)
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s: %s, not a file; nothing was written", path, KindOf(info.Mode()))
	}
	return nil
}

// KindOf says what a file is: "is a directory", "is a named pipe", ...
func KindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "is a directory"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe"
	case m&fs.ModeSocket != 0:
		return "is a socket"
	case m&fs.ModeCharDevice != 0:
		return "is a character device"
	case m&fs.ModeDevice != 0:
		return "is a device"
	case m.IsRegular():
		return "is a file"
	}
	return "is not a regular file"
}
