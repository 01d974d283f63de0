// Package memstore implements ecosystem.Store in memory, persisted to one
// JSON file in a data directory. It needs nothing installed: it is the
// store hubgraph uses when no Neo4j is configured.
//
// Durability: every write builds the new state beside the old one, writes
// it to a temporary file, fsyncs it, renames it over graph.json and
// fsyncs the directory before the write returns; a crash at any point
// leaves the old or the new file, never a torn one. A data file that
// cannot be read stops Open with a message naming it; it is never
// replaced silently.
//
// Concurrency: one writer at a time, many readers; readers see either the
// state before a write or after it, and never wait for a write's disk
// work: a writer builds and persists the next state aside and holds the
// readers' lock only to swap it in. One process at a time: Open takes an
// exclusive lock on the data directory (a flock on graph.lock) and holds
// it until Close, so that a second server or a `hubgraph import` on the
// same directory fails at once instead of losing writes.
package memstore

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// FileName is the data file's name inside the data directory.
const FileName = "graph.json"

// record is a stored entity: its label and the properties
// storekit.StoredProperties makes, plus id, version and updatedAt.
type record struct {
	Label ecosystem.Label `json:"label"`
	Props map[string]any  `json:"props"`
}

// linkKey identifies a relationship: at most one of a type between two
// nodes, as MERGE gives in Neo4j. It is ecosystem.LinkKey with the names
// the data file uses.
type linkKey struct {
	From string            `json:"from"`
	Type ecosystem.RelType `json:"type"`
	To   string            `json:"to"`
}

// state is one immutable version of the graph. Writers build a new state
// and swap it in; records and property maps are never changed in place.
type state struct {
	// tombstones are the keys (storekit.Tombstoner) of ids an editor
	// deleted; seeds and imports skip them.
	tombstones map[string]bool
	// redirects map a merged id to the id it was merged into.
	redirects    map[string]string
	nodes        map[string]*record
	links        map[linkKey]map[string]any
	out, in      map[string][]linkKey
	graphVersion int

	// indexes hold each label's entities in each order asked for, built
	// on first use: a published state never changes, so a list pages by
	// binary search instead of sorting the label on every request.
	indexMu sync.Mutex
	indexes map[indexKey]*orderIndex
	// search is the index of the nodes' search words (see searchIndex).
	search lazySearch
}

// newState returns an empty graph.
func newState() *state {
	return &state{tombstones: map[string]bool{}, redirects: map[string]string{}, nodes: map[string]*record{}, links: map[linkKey]map[string]any{},
		out: map[string][]linkKey{}, in: map[string][]linkKey{}}
}

// clone copies the maps (not the records, which are immutable).
func (s *state) clone() *state {
	c := &state{tombstones: make(map[string]bool, len(s.tombstones)), redirects: make(map[string]string, len(s.redirects)), nodes: make(map[string]*record, len(s.nodes)), links: make(map[linkKey]map[string]any, len(s.links)),
		out: make(map[string][]linkKey, len(s.out)), in: make(map[string][]linkKey, len(s.in)), graphVersion: s.graphVersion}
	for k, v := range s.tombstones {
		c.tombstones[k] = v
	}
	for k, v := range s.redirects {
		c.redirects[k] = v
	}
	for k, v := range s.nodes {
		c.nodes[k] = v
	}
	for k, v := range s.links {
		c.links[k] = v
	}
	for k, v := range s.out {
		c.out[k] = v
	}
	for k, v := range s.in {
		c.in[k] = v
	}
	return c
}

// resolve follows a merge redirect.
func (s *state) resolve(id string) string {
	if to, ok := s.redirects[id]; ok {
		return to
	}
	return id
}

// removeLink deletes a link and reports whether it existed.
func (s *state) removeLink(k linkKey) bool {
	if _, ok := s.links[k]; !ok {
		return false
	}
	delete(s.links, k)
	without := func(ks []linkKey) []linkKey {
		out := make([]linkKey, 0, len(ks))
		for _, x := range ks {
			if x != k {
				out = append(out, x)
			}
		}
		return out
	}
	s.out[k.From] = without(s.out[k.From])
	s.in[k.To] = without(s.in[k.To])
	return true
}

// addLink sets a link's properties, adding the link when it is new, and
// reports whether it was.
func (s *state) addLink(k linkKey, props map[string]any) bool {
	_, existed := s.links[k]
	s.links[k] = props
	if !existed {
		s.out[k.From] = append(append([]linkKey(nil), s.out[k.From]...), k)
		s.in[k.To] = append(append([]linkKey(nil), s.in[k.To]...), k)
	}
	return !existed
}

// Store is an ecosystem.Store in memory with an optional data file.
type Store struct {
	// mu guards st and closed; writers hold it only to swap st.
	mu     sync.RWMutex
	st     *state
	closed bool
	// wmu serialises writers and Close, so that a write's clone, encode
	// and fsync run outside mu.
	wmu sync.Mutex
	dir string
	// lock is the open lock file; closing it releases the directory.
	lock *os.File
	// readOnly stores refuse every write (see OpenReadOnly).
	readOnly bool
	faults   faults
	// tomb keys tombstones with the secret in dir/tombstone.key (a
	// random one for a store without a directory).
	tomb storekit.Tombstoner
}

var _ ecosystem.Store = (*Store)(nil)

// Open returns a store persisted in dir, loading dir/graph.json when it
// exists. With dir "" the store lives in memory only. It locks dir until
// Close: when another process (or another Open) holds it, the error wraps
// ErrInUse and names the directory. A data file that cannot be read, does
// not parse or holds an entity or link that does not decode and validate
// is an error naming the file (and the entity); the file is left as it is.
func Open(dir string) (*Store, error) {
	s := &Store{st: newState(), dir: dir, tomb: storekit.NewTombstoner(storekit.NewSecret())}
	if dir == "" {
		return s, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory %s: %w", dir, err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	secret, err := tombstoneSecret(dir, true)
	if err != nil {
		lock.Close()
		return nil, err
	}
	st, err := load(dir, true)
	if err != nil {
		lock.Close()
		return nil, err
	}
	s.st, s.lock, s.tomb = st, lock, storekit.NewTombstoner(secret)
	return s, nil
}

// OpenReadOnly returns a store holding what dir/graph.json holds now,
// without taking the directory's lock, so that it works beside a running
// server (for an export). Every write is refused. Reading without the
// lock is safe: writers replace the file whole, by rename.
func OpenReadOnly(dir string) (*Store, error) {
	st, err := load(dir, false)
	if err != nil {
		return nil, err
	}
	return &Store{st: st, dir: dir, readOnly: true}, nil
}

// SecretFileName is the file beside the data file that holds the
// secret keying its tombstones (see storekit.Tombstoner). It is kept
// apart so that the data file alone (a copy, an export, a backup)
// cannot confirm which ids were erased: back it up separately, and
// keep it as private as the tokens.
const SecretFileName = "tombstone.key"

// tombstoneSecret reads dir's tombstone secret, creating it (readable
// by the owner only) when absent and create is true.
func tombstoneSecret(dir string, create bool) ([]byte, error) {
	path := filepath.Join(dir, SecretFileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && create {
		secret := []byte(hex.EncodeToString(storekit.NewSecret()))
		if err := os.WriteFile(path, secret, 0o600); err != nil {
			return nil, fmt.Errorf("tombstone secret %s: %w", path, err)
		}
		return secret, nil
	}
	if err != nil {
		return nil, fmt.Errorf("tombstone secret %s cannot be read: %w", path, err)
	}
	if len(bytes.TrimSpace(data)) < 32 {
		return nil, fmt.Errorf("tombstone secret %s is shorter than 32 characters; it was left untouched", path)
	}
	return bytes.TrimSpace(data), nil
}

// load reads the data directory; the lock holder (locked) also removes
// what crashed writes left.
func load(dir string, locked bool) (*state, error) {
	// Temporary files are what a crash before a rename leaves; the data
	// file still holds the last acknowledged state. Only the lock holder
	// may remove them: another process's may be a write in progress.
	leftovers, _ := filepath.Glob(filepath.Join(dir, FileName+".tmp-*"))
	for _, f := range leftovers {
		if locked {
			_ = os.Remove(f)
		}
	}
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return newState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("data file %s cannot be read: %w", path, err)
	}
	st, err := decodeState(data)
	if err != nil {
		return nil, fmt.Errorf("data file %s is corrupt (%v); it was left untouched: restore it from a backup, or move it away to start again from the seed", path, err)
	}
	return st, nil
}

// Path returns the data file's path, or "" for a memory-only store.
func (s *Store) Path() string {
	if s.dir == "" {
		return ""
	}
	return filepath.Join(s.dir, FileName)
}

var errClosed = errors.New("memstore: the store is closed")

// errReadOnly is what a read-only store's writes return.
var errReadOnly = errors.New("memstore: the store was opened read-only")

// read returns the current state for a reader.
func (s *Store) read() (*state, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return nil, errClosed
	}
	return s.st, nil
}

// Ping reports whether the store is open.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read()
	return err
}

// Close waits for a write in progress, closes the store (later calls
// fail) and releases the data directory's lock. Closing twice is a no-op.
func (s *Store) Close(ctx context.Context) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	if s.lock == nil {
		return nil
	}
	err := s.lock.Close()
	s.lock = nil
	return err
}

// write runs change on a copy of the state, persists the copy, and only
// then makes it current, so that a write is on disk before it returns.
// Writers take turns (wmu); readers go on reading the current state
// meanwhile and wait only for the swap. A failed change or a write that
// fails before the rename leaves the store as it was. When the rename
// happened but the directory's fsync failed, the data file holds the new
// state, so memory takes it too (what a reader sees matches the file) and
// the error, which wraps ErrUnsynced, reports the doubt about durability
// as INTERNAL.
func (s *Store) write(change func(*state) error) error {
	if s.readOnly {
		return errReadOnly
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	cur, err := s.read()
	if err != nil {
		return err
	}
	next := cur.clone()
	if err := change(next); err != nil {
		return err
	}
	cur.withSearchIndex(next)
	renamed, err := s.persist(next)
	if err != nil && !renamed {
		return err
	}
	s.mu.Lock()
	s.st = next
	s.mu.Unlock()
	return err
}
