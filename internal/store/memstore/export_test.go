package memstore

import "os"

// SetBeforeRename makes every write of s call f once its temporary file
// is written and synced, before the rename.
func SetBeforeRename(s *Store, f func()) { s.faults.beforeRename = f }

// SetSyncDir replaces the fsync of the data directory after a rename.
func SetSyncDir(s *Store, f func(dir *os.File) error) { s.faults.syncDir = f }

// WithChecksum signs an edited data file as a write would, so that tests
// reach the checks behind the checksum.
var WithChecksum = withChecksum

// SetCreateTemp replaces the creation of a write's temporary file.
func SetCreateTemp(s *Store, f func(dir, pattern string) (*os.File, error)) {
	s.faults.createTemp = f
}
