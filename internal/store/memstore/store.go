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
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// FileName is the data file's name inside the data directory.
const FileName = "graph.json"

// record is a stored entity: its label and the properties
// ecosystem.StoredProperties makes, plus id, version and updatedAt.
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
	// tombstones are the keys (ecosystem.TombstoneKey) of ids an editor
	// deleted; seeds and imports skip them.
	tombstones map[string]bool
	// redirects map a merged id to the id it was merged into.
	redirects    map[string]string
	nodes        map[string]*record
	links        map[linkKey]map[string]any
	out, in      map[string][]linkKey
	graphVersion int
}

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

// merge moves every link of m.Merge to m.Keep (unless Keep already has
// that link), deletes m.Merge and redirects its id to m.Keep.
func (s *state) merge(m ecosystem.Merge, stats *ecosystem.ApplyStats, touched map[string]bool) {
	for _, k := range append(append([]linkKey(nil), s.out[m.Merge]...), s.in[m.Merge]...) {
		props := s.links[k]
		s.removeLink(k)
		stats.LinksDeleted++
		touched[k.From], touched[k.To] = true, true
		moved := k
		if moved.From == m.Merge {
			moved.From = m.Keep
		}
		if moved.To == m.Merge {
			moved.To = m.Keep
		}
		if moved.From == moved.To {
			continue
		}
		if _, exists := s.links[moved]; !exists {
			s.addLink(moved, props)
			stats.LinksCreated++
			touched[moved.From], touched[moved.To] = true, true
		}
	}
	delete(s.nodes, m.Merge)
	stats.NodesDeleted++
	for from, to := range s.redirects {
		if to == m.Merge {
			s.redirects[from] = m.Keep
		}
	}
	s.redirects[m.Merge] = m.Keep
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
}

var _ ecosystem.Store = (*Store)(nil)

// Open returns a store persisted in dir, loading dir/graph.json when it
// exists. With dir "" the store lives in memory only. It locks dir until
// Close: when another process (or another Open) holds it, the error wraps
// ErrInUse and names the directory. A data file that cannot be read, does
// not parse or holds an entity or link that does not decode and validate
// is an error naming the file (and the entity); the file is left as it is.
func Open(dir string) (*Store, error) {
	s := &Store{st: newState(), dir: dir}
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
	st, err := load(dir, true)
	if err != nil {
		lock.Close()
		return nil, err
	}
	s.st, s.lock = st, lock
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

// decode turns a record into an entity.
func decode(r *record) (ecosystem.Node, error) {
	props := make(map[string]any, len(r.Props))
	for k, v := range r.Props {
		props[k] = v
	}
	for _, k := range ecosystem.InternalProperties {
		delete(props, k)
	}
	return ecosystem.NodeFromProperties(r.Label, props)
}

// NodesByID returns the entities with the given ids.
func (s *Store) NodesByID(ctx context.Context, ids []string) (map[string]ecosystem.Node, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	out := make(map[string]ecosystem.Node, len(ids))
	for _, id := range ids {
		if r, ok := st.nodes[st.resolve(id)]; ok {
			n, err := decode(r)
			if err != nil {
				return nil, err
			}
			out[id] = n
		}
	}
	return out, nil
}

// step follows one relation from id and returns the ids reached with the
// relationship's properties.
func (st *state) step(rel ecosystem.Relation, id string) []neighbour {
	keys := st.out[id]
	if rel.Direction == ecosystem.Incoming {
		keys = st.in[id]
	}
	var out []neighbour
	for _, k := range keys {
		if k.Type != rel.Type {
			continue
		}
		other := k.To
		if rel.Direction == ecosystem.Incoming {
			other = k.From
		}
		if r, ok := st.nodes[other]; ok && r.Label == rel.Target {
			out = append(out, neighbour{id: other, rec: r, props: st.links[k]})
		}
	}
	return out
}

type neighbour struct {
	id    string
	rec   *record
	props map[string]any
}

func sortKeyOf(r *record) string { s, _ := r.Props["sortKey"].(string); return s }

// Neighbours follows one relation from each id, ordered by sort key and id.
func (s *Store) Neighbours(ctx context.Context, rel ecosystem.Relation, ids []string) (map[string][]ecosystem.Neighbour, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	out := make(map[string][]ecosystem.Neighbour, len(ids))
	for _, id := range ids {
		ns := st.step(rel, id)
		sort.Slice(ns, func(i, j int) bool {
			a, b := sortKeyOf(ns[i].rec), sortKeyOf(ns[j].rec)
			if a != b {
				return a < b
			}
			return ns[i].id < ns[j].id
		})
		for _, n := range ns {
			node, err := decode(n.rec)
			if err != nil {
				return nil, err
			}
			props := make(map[string]any, len(n.props))
			for k, v := range n.props {
				props[k] = v
			}
			out[id] = append(out[id], ecosystem.Neighbour{Node: node, Properties: props})
		}
	}
	return out, nil
}

// matches reports whether the entity id satisfies every condition.
func (st *state) matches(id string, r *record, conds []ecosystem.Condition) bool {
	for _, c := range conds {
		switch {
		case c.Equals != nil:
			v, ok := r.Props[c.Equals.Property]
			if !ok || fmt.Sprint(v) != c.Equals.Value {
				return false
			}
		case c.Contains != nil:
			if !containsString(r.Props[c.Contains.Property], c.Contains.Value) {
				return false
			}
		case c.Related != nil:
			if !st.reaches(id, c.Related.Path, c.Related.ID) {
				return false
			}
		case c.Text != nil:
			text, _ := r.Props["searchText"].(string)
			if !strings.Contains(text, strings.ToLower(*c.Text)) {
				return false
			}
		case c.Date != nil:
			var d *ecosystem.Date
			if v, ok := r.Props[c.Date.Property].(string); ok {
				x := ecosystem.Date(v)
				d = &x
			}
			if !c.Date.Holds(d) {
				return false
			}
		case c.Absent != nil:
			if v, ok := r.Props[*c.Absent]; ok && v != nil && v != "" {
				return false
			}
		case len(c.Any) > 0:
			one := false
			for _, alt := range c.Any {
				one = one || st.matches(id, r, []ecosystem.Condition{alt})
			}
			if !one {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// reaches reports whether following path from id can end at target.
func (st *state) reaches(id string, path []ecosystem.Relation, target string) bool {
	frontier := map[string]bool{id: true}
	for _, rel := range path {
		next := map[string]bool{}
		for f := range frontier {
			for _, n := range st.step(rel, f) {
				next[n.id] = true
			}
		}
		frontier = next
	}
	return frontier[target]
}

func containsString(list any, want string) bool {
	switch l := list.(type) {
	case []string:
		for _, x := range l {
			if x == want {
				return true
			}
		}
	case []any:
		for _, x := range l {
			if fmt.Sprint(x) == want {
				return true
			}
		}
	}
	return false
}

// orderKey computes an entity's sort key under spec, as Neo4j does.
func (st *state) orderKey(id string, spec ecosystem.OrderSpec) ecosystem.OrderKey {
	r := st.nodes[id]
	switch {
	case spec.DateProperty != "":
		v, _ := r.Props[spec.DateProperty].(string)
		return ecosystem.OrderKey{Text: v}
	case spec.NumberProperty != "":
		v, ok := r.Props[spec.NumberProperty]
		if !ok {
			return ecosystem.OrderKey{Number: -1}
		}
		return ecosystem.OrderKey{Number: toFloat(v)}
	case spec.Count != nil:
		return ecosystem.OrderKey{Number: float64(len(st.step(*spec.Count, id)))}
	}
	return ecosystem.OrderKey{Text: sortKeyOf(r)}
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	case int64:
		return float64(x)
	}
	return 0
}

// ordered returns the ids of q's label that satisfy its conditions with
// their cursors, in q's order (key in its direction, then id ascending).
func (st *state) ordered(q ecosystem.ListQuery) ([]string, []ecosystem.Cursor, error) {
	if ecosystem.NewNode(q.Label) == nil {
		return nil, nil, fmt.Errorf("label %q is unknown", q.Label)
	}
	spec, err := ecosystem.OrderSpecFor(q.Label, q.Order.Field)
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	for id, r := range st.nodes {
		if r.Label == q.Label && st.matches(id, r, q.Conditions) {
			ids = append(ids, id)
		}
	}
	keys := make(map[string]ecosystem.OrderKey, len(ids))
	for _, id := range ids {
		keys[id] = st.orderKey(id, spec)
	}
	less := func(a, b string) bool {
		c := keys[a].Compare(keys[b], spec.Numeric())
		if q.Order.Desc {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
		return a < b
	}
	sort.Slice(ids, func(i, j int) bool { return less(ids[i], ids[j]) })
	cursors := make([]ecosystem.Cursor, len(ids))
	for i, id := range ids {
		cursors[i] = ecosystem.CursorFor(keys[id], spec.Numeric(), id).In(q.Order)
	}
	return ids, cursors, nil
}

// before reports whether cursor a comes before b in an order.
func before(a, b ecosystem.Cursor, numeric, desc bool) bool {
	ka, kb := ecosystem.OrderKey{Text: a.Key}, ecosystem.OrderKey{Text: b.Key}
	if numeric && a.Num != nil && b.Num != nil {
		ka.Number, kb.Number = *a.Num, *b.Num
	}
	c := ka.Compare(kb, numeric)
	if desc {
		c = -c
	}
	if c != 0 {
		return c < 0
	}
	return a.ID < b.ID
}

// List returns one page, keyset-paginated on (key, id) like every store.
func (s *Store) List(ctx context.Context, q ecosystem.ListQuery) (*ecosystem.Page, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	size, backward, err := q.Page.Size()
	if err != nil {
		return nil, err
	}
	ids, cursors, err := st.ordered(q)
	if err != nil {
		return nil, err
	}
	spec, _ := ecosystem.OrderSpecFor(q.Label, q.Order.Field)
	lo, hi := 0, len(ids)
	if q.Page.After != "" {
		c, err := ecosystem.DecodeCursorIn(q.Page.After, q.Order)
		if err != nil {
			return nil, err
		}
		lo = sort.Search(len(ids), func(i int) bool { return before(c, cursors[i], spec.Numeric(), q.Order.Desc) })
	}
	if q.Page.Before != "" {
		c, err := ecosystem.DecodeCursorIn(q.Page.Before, q.Order)
		if err != nil {
			return nil, err
		}
		hi = max(lo, sort.Search(len(ids), func(i int) bool { return !before(cursors[i], c, spec.Numeric(), q.Order.Desc) }))
	}
	page := &ecosystem.Page{}
	from, to := lo, hi
	if backward {
		from = max(lo, hi-size)
		page.HasPreviousPage, page.HasNextPage = from > lo, q.Page.Before != ""
	} else {
		to = min(hi, lo+size)
		page.HasNextPage, page.HasPreviousPage = to < hi, q.Page.After != ""
	}
	for i := from; i < to; i++ {
		n, err := decode(st.nodes[ids[i]])
		if err != nil {
			return nil, err
		}
		page.Nodes = append(page.Nodes, n)
		page.Cursors = append(page.Cursors, cursors[i])
	}
	return page, nil
}

// Count counts the entities that satisfy q's conditions.
func (s *Store) Count(ctx context.Context, q ecosystem.ListQuery) (int, error) {
	st, err := s.read()
	if err != nil {
		return 0, err
	}
	ids, _, err := st.ordered(ecosystem.ListQuery{Label: q.Label, Conditions: q.Conditions})
	return len(ids), err
}

// Stats counts nodes per label and relationships per type.
func (s *Store) Stats(ctx context.Context) (ecosystem.GraphStats, error) {
	gs := ecosystem.GraphStats{Nodes: map[ecosystem.Label]int{}, Relationships: map[ecosystem.RelType]int{}}
	st, err := s.read()
	if err != nil {
		return gs, err
	}
	for _, r := range st.nodes {
		gs.Nodes[r.Label]++
	}
	for k := range st.links {
		gs.Relationships[k.Type]++
	}
	return gs, nil
}

// Apply merges a dataset as one atomic, durable write; see ecosystem.Store.
func (s *Store) Apply(ctx context.Context, ds *ecosystem.Dataset) (ecosystem.ApplyStats, error) {
	var stats ecosystem.ApplyStats
	if err := ecosystem.ValidateDataset(ds).Err(); err != nil {
		return stats, err
	}
	err := s.write(func(st *state) error {
		stats = ecosystem.ApplyStats{}
		writes := map[string]bool{}
		for _, n := range ds.Nodes {
			writes[n.NodeMeta().ID] = true
		}
		cur := ecosystem.Current{Existing: map[string]ecosystem.Existing{}, Tombstones: map[string]bool{}, Links: map[ecosystem.LinkKey]map[string]any{}}
		for _, id := range ds.IDs() {
			if st.tombstones[ecosystem.TombstoneKey(id)] {
				cur.Tombstones[id] = true
			}
			r, ok := st.nodes[id]
			if !ok {
				continue
			}
			e := ecosystem.Existing{Label: r.Label, Version: intOf(r.Props["version"]), Edited: stringsOf(r.Props[ecosystem.EditedProperty])}
			if writes[id] {
				n, err := decode(r)
				if err != nil {
					return err
				}
				e.Node = n
			}
			cur.Existing[id] = e
		}
		for _, l := range ds.Links {
			if props, ok := st.links[linkKey(l.Key())]; ok {
				cur.Links[l.Key()] = props
			}
		}
		prepared, err := ecosystem.Prepare(ds, cur)
		if err != nil {
			return err
		}
		ds := prepared.Dataset
		// touched are the entities whose links change: their versions move
		// too. written and deleted are the entities rewritten and removed.
		touched, written, deleted := map[string]bool{}, map[string]bool{}, map[string]bool{}
		remove := func(k linkKey) {
			if st.removeLink(k) {
				stats.LinksDeleted++
				touched[k.From], touched[k.To] = true, true
			}
		}
		for _, id := range ds.Deletes {
			for _, k := range append(append([]linkKey(nil), st.out[id]...), st.in[id]...) {
				remove(k)
			}
			delete(st.nodes, id)
			deleted[id] = true
			stats.NodesDeleted++
		}
		for _, m := range ds.Merges {
			st.merge(m, &stats, touched)
			deleted[m.Merge] = true
		}
		for _, l := range ds.RemoveLinks {
			remove(linkKey(l.Key()))
		}
		for _, slot := range ds.ReplaceLinks {
			keys := st.out[slot.From]
			if slot.From == "" {
				keys = st.in[slot.To]
			}
			for _, k := range append([]linkKey(nil), keys...) {
				if k.Type == slot.Type && !prepared.Named[ecosystem.LinkKey(k)] {
					remove(k)
				}
			}
		}
		now := time.Now().UTC().Format(time.RFC3339Nano)
		// rewrite stores an entity with its stored properties (props, made
		// once per entity) and the next version.
		rewrite := func(n ecosystem.Node, props map[string]any) {
			id := n.NodeMeta().ID
			version := 1
			if old, ok := st.nodes[id]; ok {
				version = intOf(old.Props["version"]) + 1
				stats.NodesUpdated++
			} else {
				stats.NodesCreated++
			}
			props["id"], props["version"], props["updatedAt"] = id, version, now
			st.nodes[id] = &record{Label: n.NodeLabel(), Props: props}
			written[id] = true
		}
		// unchanged are the dataset's entities whose content is as stored,
		// with their stored properties, in case their links change.
		type pending struct {
			node  ecosystem.Node
			props map[string]any
		}
		unchanged := map[string]pending{}
		for _, n := range ds.Nodes {
			id, props := n.NodeMeta().ID, ecosystem.StoredProperties(n)
			if old, ok := st.nodes[id]; ok && old.Props["contentHash"] == props["contentHash"] {
				unchanged[id] = pending{n, props}
				continue
			}
			rewrite(n, props)
		}
		for _, l := range ds.Links {
			props := make(map[string]any, len(l.Properties))
			for k, v := range l.Properties {
				props[k] = v
			}
			if st.addLink(linkKey(l.Key()), props) {
				stats.LinksCreated++
			} else {
				stats.LinksUpdated++
			}
			touched[l.From], touched[l.To] = true, true
		}
		for id := range touched {
			switch old, ok := st.nodes[id]; {
			case written[id] || deleted[id] || !ok:
			case unchanged[id].node != nil:
				rewrite(unchanged[id].node, unchanged[id].props)
			default:
				props := make(map[string]any, len(old.Props))
				for k, v := range old.Props {
					props[k] = v
				}
				props["version"], props["updatedAt"] = intOf(old.Props["version"])+1, now
				st.nodes[id] = &record{Label: old.Label, Props: props}
				stats.NodesUpdated++
			}
		}
		for id, list := range prepared.Edited {
			if r, ok := st.nodes[id]; ok && !equalStrings(stringsOf(r.Props[ecosystem.EditedProperty]), list) {
				props := make(map[string]any, len(r.Props)+1)
				for k, v := range r.Props {
					props[k] = v
				}
				props[ecosystem.EditedProperty] = list
				st.nodes[id] = &record{Label: r.Label, Props: props}
			}
		}
		for _, id := range prepared.NewTombstones {
			st.tombstones[ecosystem.TombstoneKey(id)] = true
		}
		for _, id := range prepared.Revived {
			delete(st.tombstones, ecosystem.TombstoneKey(id))
		}
		if stats != (ecosystem.ApplyStats{}) {
			st.graphVersion++
		}
		return nil
	})
	if err != nil {
		return ecosystem.ApplyStats{}, err
	}
	return stats, nil
}

func intOf(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case float64:
		return int(x)
	case int64:
		return int(x)
	}
	return 0
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
	renamed, err := s.persist(next)
	if err != nil && !renamed {
		return err
	}
	s.mu.Lock()
	s.st = next
	s.mu.Unlock()
	return err
}

// GraphVersion returns the version stamp every write bumps.
func (s *Store) GraphVersion(ctx context.Context) (int, error) {
	st, err := s.read()
	if err != nil {
		return 0, err
	}
	return st.graphVersion, nil
}

// Snapshot returns the whole graph; the state it reads is immutable, so
// the snapshot is consistent.
func (s *Store) Snapshot(ctx context.Context) (*ecosystem.Snapshot, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	snap := &ecosystem.Snapshot{Version: st.graphVersion, Nodes: make(map[string]ecosystem.Node, len(st.nodes))}
	for id, r := range st.nodes {
		n, err := decode(r)
		if err != nil {
			return nil, err
		}
		snap.Nodes[id] = n
	}
	for k, p := range st.links {
		props := make(map[string]any, len(p))
		for pk, pv := range p {
			props[pk] = pv
		}
		snap.Links = append(snap.Links, ecosystem.Link{From: k.From, Type: k.Type, To: k.To, Properties: props})
	}
	ecosystem.SortLinks(snap.Links)
	return snap, nil
}

// Search scores every entity with ecosystem.MatchText.
func (s *Store) Search(ctx context.Context, q ecosystem.SearchQuery) ([]ecosystem.SearchHit, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	words := ecosystem.SearchWords(q.Text)
	if len(words) == 0 {
		return nil, nil
	}
	var hits []ecosystem.SearchHit
	for _, r := range st.nodes {
		if len(q.Labels) > 0 && !containsLabel(q.Labels, r.Label) {
			continue
		}
		n, err := decode(r)
		if err != nil {
			return nil, err
		}
		if score, field := ecosystem.MatchText(n, words); score > 0 {
			hits = append(hits, ecosystem.SearchHit{Node: n, Score: score, MatchedField: field})
		}
	}
	ecosystem.SortHits(hits)
	if len(hits) > ecosystem.MaxSearchHits {
		hits = hits[:ecosystem.MaxSearchHits]
	}
	return hits, nil
}

func containsLabel(ls []ecosystem.Label, l ecosystem.Label) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// projectsOf returns the projects an organisation takes part in.
func (st *state) projectsOf(id string) map[string]bool {
	out := map[string]bool{}
	for _, k := range st.out[id] {
		if k.Type == ecosystem.RelParticipatesIn {
			out[k.To] = true
		}
	}
	return out
}

// projectsInOrder decodes projects in (sortKey, id) order.
func (st *state) projectsInOrder(ids map[string]bool) ([]*ecosystem.Project, error) {
	list := make([]string, 0, len(ids))
	for id := range ids {
		if r, ok := st.nodes[id]; ok && r.Label == ecosystem.LabelProject {
			list = append(list, id)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := sortKeyOf(st.nodes[list[i]]), sortKeyOf(st.nodes[list[j]])
		if a != b {
			return a < b
		}
		return list[i] < list[j]
	})
	out := make([]*ecosystem.Project, 0, len(list))
	for _, id := range list {
		n, err := decode(st.nodes[id])
		if err != nil {
			return nil, err
		}
		out = append(out, n.(*ecosystem.Project))
	}
	return out, nil
}

// SharedProjects intersects the organisations' projects.
func (s *Store) SharedProjects(ctx context.Context, organisationIDs []string) ([]*ecosystem.Project, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	var shared map[string]bool
	for _, id := range organisationIDs {
		mine := st.projectsOf(id)
		if shared == nil {
			shared = mine
			continue
		}
		for p := range shared {
			if !mine[p] {
				delete(shared, p)
			}
		}
	}
	return st.projectsInOrder(shared)
}

// Collaborators ranks each organisation's partners by shared projects.
func (s *Store) Collaborators(ctx context.Context, organisationIDs []string) (map[string][]ecosystem.Collaboration, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	out := make(map[string][]ecosystem.Collaboration, len(organisationIDs))
	for _, id := range organisationIDs {
		cs, err := st.collaborators(id)
		if err != nil {
			return nil, err
		}
		if len(cs) > 0 {
			out[id] = cs
		}
	}
	return out, nil
}

func (st *state) collaborators(organisationID string) ([]ecosystem.Collaboration, error) {
	byPartner := map[string]map[string]bool{}
	for p := range st.projectsOf(organisationID) {
		for _, k := range st.in[p] {
			if k.Type == ecosystem.RelParticipatesIn && k.From != organisationID {
				if byPartner[k.From] == nil {
					byPartner[k.From] = map[string]bool{}
				}
				byPartner[k.From][p] = true
			}
		}
	}
	out := make([]ecosystem.Collaboration, 0, len(byPartner))
	for id, projects := range byPartner {
		n, err := decode(st.nodes[id])
		if err != nil {
			return nil, err
		}
		ps, err := st.projectsInOrder(projects)
		if err != nil {
			return nil, err
		}
		out = append(out, ecosystem.Collaboration{Organisation: n.(*ecosystem.Organisation), Projects: ps})
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Projects) != len(out[j].Projects) {
			return len(out[i].Projects) > len(out[j].Projects)
		}
		return ecosystem.CursorOf(out[i].Organisation).Less(ecosystem.CursorOf(out[j].Organisation))
	})
	return out, nil
}

// stringsOf reads a list property.
func stringsOf(v any) []string {
	switch l := v.(type) {
	case []string:
		return l
	case []any:
		out := make([]string, len(l))
		for i, x := range l {
			out[i] = fmt.Sprint(x)
		}
		return out
	}
	return nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
