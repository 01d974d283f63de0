//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package memstore

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive flock on f without blocking. A flock belongs
// to the open file description, so two opens of the lock file conflict in
// one process as they do in two.
func lockFile(f *os.File) error {
	raw, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var lockErr error
	if err := raw.Control(func(fd uintptr) {
		lockErr = syscall.Flock(int(fd), syscall.LOCK_EX|syscall.LOCK_NB)
	}); err != nil {
		return err
	}
	if errors.Is(lockErr, syscall.EWOULDBLOCK) {
		return errWouldBlock
	}
	return lockErr
}
