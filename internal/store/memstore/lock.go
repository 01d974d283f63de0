package memstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// LockName is the lock file's name inside the data directory. It is never
// removed: removing a lock file races with a process about to lock it.
const LockName = "graph.lock"

// ErrInUse is what Open returns, wrapped with the directory's name, when
// another process (or another Open in this one) holds the data directory.
var ErrInUse = errors.New("another hubgraph process is using it")

// errWouldBlock is what lockFile returns when the lock is taken.
var errWouldBlock = errors.New("the lock is held elsewhere")

// lockDir takes the data directory's exclusive lock, without waiting, and
// returns the open lock file: closing it releases the lock, and so does
// the end of the process, however it ends.
func lockDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, LockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("data directory %s: %w", dir, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, fmt.Errorf("data directory %s: %w; stop that process (a running `hubgraph serve`?) first, "+
				"or send the data to the running server instead (POST /admin/import/rcn-eu)", dir, ErrInUse)
		}
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return f, nil
}
