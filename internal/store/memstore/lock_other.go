//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package memstore

import "os"

// lockFile does nothing on systems without flock: there, run one hubgraph
// process per data directory.
func lockFile(f *os.File) error { return nil }
