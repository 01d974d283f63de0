package memstore

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// decode turns a record into an entity, straight from its properties
// (internal properties are ignored).
func decode(r *record) (ecosystem.Node, error) {
	return storekit.DecodeNode(r.Label, r.Props)
}

// NodesByID returns the entities with the given ids.
func (s *Store) NodesByID(ctx context.Context, ids []string) (map[string]ecosystem.Node, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	return st.nodesByID(ctx, ids)
}

// nodesByID is NodesByID on one state.
func (st *state) nodesByID(_ context.Context, ids []string) (map[string]ecosystem.Node, error) {
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

// neighbour is a node reached by step, with the relationship's properties.
type neighbour struct {
	id    string
	rec   *record
	props map[string]any
}

// sortKeyOf returns the collation key a record was stored with.
func sortKeyOf(r *record) string { s, _ := r.Props["sortKey"].(string); return s }

// sorted follows rel from id and orders what it reaches by sort key and
// id.
func (st *state) sorted(rel ecosystem.Relation, id string) []neighbour {
	ns := st.step(rel, id)
	sort.Slice(ns, func(i, j int) bool {
		a, b := sortKeyOf(ns[i].rec), sortKeyOf(ns[j].rec)
		if a != b {
			return a < b
		}
		return ns[i].id < ns[j].id
	})
	return ns
}

// decodeNeighbours decodes what step reached.
func decodeNeighbours(rel ecosystem.Relation, ns []neighbour) ([]ecosystem.Neighbour, error) {
	out := make([]ecosystem.Neighbour, 0, len(ns))
	for _, n := range ns {
		node, err := decode(n.rec)
		if err != nil {
			return nil, err
		}
		props, err := storekit.DecodeLinkProps(rel.Type, n.props)
		if err != nil {
			return nil, err
		}
		out = append(out, ecosystem.Neighbour{Node: node, Props: props, Cursor: storekit.NameCursor(n.rec.Props)})
	}
	return out, nil
}

// Neighbours follows one relation from each id, ordered by sort key and id.
func (s *Store) Neighbours(ctx context.Context, rel ecosystem.Relation, ids []string) (map[string][]ecosystem.Neighbour, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	out := make(map[string][]ecosystem.Neighbour, len(ids))
	for _, id := range ids {
		ns := st.sorted(rel, id)
		if len(ns) == 0 {
			continue
		}
		if out[id], err = decodeNeighbours(rel, ns); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Follow takes the steps level by level, each level one pass over the
// graph in memory.
func (s *Store) Follow(ctx context.Context, ids []string, steps []ecosystem.Step) (map[string][]*ecosystem.NeighbourPage, error) {
	return storekit.Follow(ctx, storekit.Levels{Pages: s.neighbourPages, All: s.Neighbours}, ids, steps)
}

// NodesWith reads the entities, then follows the steps from them.
func (s *Store) NodesWith(ctx context.Context, ids []string, steps []ecosystem.Step) (map[string]ecosystem.NodeWith, error) {
	return storekit.NodesWith(ctx, s.NodesByID, storekit.Levels{Pages: s.neighbourPages, All: s.Neighbours}, ids, steps)
}

// neighbourPages follows one relation from each id and decodes only the
// page asked for.
func (s *Store) neighbourPages(ctx context.Context, rel ecosystem.Relation, ids []string, req ecosystem.PageRequest) (map[string]*ecosystem.NeighbourPage, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	out := make(map[string]*ecosystem.NeighbourPage, len(ids))
	for _, id := range ids {
		ns := st.sorted(rel, id)
		from, to, page, err := ecosystem.Window(len(ns), func(i int) ecosystem.Cursor { return storekit.NameCursor(ns[i].rec.Props) }, req)
		if err != nil {
			return nil, err
		}
		p := &ecosystem.NeighbourPage{HasNextPage: page.HasNextPage, HasPreviousPage: page.HasPreviousPage, Total: len(ns)}
		if p.Neighbours, err = decodeNeighbours(rel, ns[from:to]); err != nil {
			return nil, err
		}
		out[id] = p
	}
	return out, nil
}

// matches reports whether the entity id satisfies every condition.
func (st *state) matches(id string, r *record, conds []ecosystem.Condition) bool {
	for _, c := range conds {
		switch {
		case c.Equals != nil:
			v, ok := r.Props[c.Equals.Property]
			if !ok || equalsKey(v) != c.Equals.Value {
				return false
			}
		case c.Contains != nil:
			if !containsString(r.Props[c.Contains.Property], c.Contains.Value) {
				return false
			}
		case c.Related != nil:
			if !st.reaches(id, c.Related.Path, st.resolve(c.Related.ID)) {
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

// equalsKey is a stored value as an Equals condition compares it.
func equalsKey(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
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

// containsString reports whether a list property holds want.
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
func (st *state) orderKey(id string, spec storekit.OrderSpec) storekit.OrderKey {
	r := st.nodes[id]
	switch {
	case spec.DateProperty != "":
		v, _ := r.Props[spec.DateProperty].(string)
		return storekit.OrderKey{Text: string(ecosystem.Date(v).First())}
	case spec.NumberProperty != "":
		v, ok := r.Props[spec.NumberProperty]
		if !ok {
			return storekit.OrderKey{Number: -1}
		}
		return storekit.OrderKey{Number: toFloat(v)}
	case spec.Count != nil:
		return storekit.OrderKey{Number: float64(len(st.step(*spec.Count, id)))}
	}
	return storekit.OrderKey{Text: sortKeyOf(r)}
}

// toFloat reads a number property, whatever Go type it decoded as.
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

// indexKey names an ordered index: a label in an order.
type indexKey struct {
	label ecosystem.Label
	order ecosystem.Order
}

// orderIndex is every entity of a label in one order (key in its
// direction, then id ascending), with their cursors.
type orderIndex struct {
	ids     []string
	cursors []ecosystem.Cursor
	numeric bool

	// equal holds, by property and then by value (as an Equals
	// condition compares it), the positions in ids of the entities with
	// that value, ascending; each property's is built on first use.
	// position maps an id to its position in ids, also built on first
	// use (positionsReaching).
	equalMu  sync.Mutex
	equal    map[string]map[string][]int32
	position map[string]int32
}

// positionsReaching returns the positions in idx, an index of label, of
// the entities from which r's path reaches the node with r's id,
// ascending: the path is followed back from that node, rather than
// forward from every entity of the label (state.reaches), with the same
// labels checked at every step.
func (idx *orderIndex) positionsReaching(st *state, label ecosystem.Label, r *ecosystem.RelatedTo) []int32 {
	last := r.Path[len(r.Path)-1]
	frontier := map[string]bool{}
	if id := st.resolve(r.ID); st.nodes[id] != nil && st.nodes[id].Label == last.Target {
		frontier[id] = true
	}
	for i := len(r.Path) - 1; i >= 0; i-- {
		back := ecosystem.Relation{Type: r.Path[i].Type, Direction: ecosystem.Incoming, Target: label}
		if r.Path[i].Direction == ecosystem.Incoming {
			back.Direction = ecosystem.Outgoing
		}
		if i > 0 {
			back.Target = r.Path[i-1].Target
		}
		next := map[string]bool{}
		for f := range frontier {
			for _, n := range st.step(back, f) {
				next[n.id] = true
			}
		}
		frontier = next
	}
	idx.equalMu.Lock()
	if idx.position == nil {
		idx.position = make(map[string]int32, len(idx.ids))
		for i, id := range idx.ids {
			idx.position[id] = int32(i)
		}
	}
	idx.equalMu.Unlock()
	positions := make([]int32, 0, len(frontier))
	for id := range frontier {
		if p, ok := idx.position[id]; ok {
			positions = append(positions, p)
		}
	}
	slices.Sort(positions)
	return positions
}

// positionsWith returns the positions in idx of the entities whose
// property has value, ascending (see orderIndex.equal).
func (idx *orderIndex) positionsWith(st *state, property, value string) []int32 {
	idx.equalMu.Lock()
	defer idx.equalMu.Unlock()
	byValue, ok := idx.equal[property]
	if !ok {
		byValue = map[string][]int32{}
		for i, id := range idx.ids {
			if v, ok := st.nodes[id].Props[property]; ok {
				k := equalsKey(v)
				byValue[k] = append(byValue[k], int32(i))
			}
		}
		if idx.equal == nil {
			idx.equal = map[string]map[string][]int32{}
		}
		idx.equal[property] = byValue
	}
	return byValue[value]
}

// narrow returns the positions in idx, an index of label, of the
// entities that pass the equality and relation conditions among conds,
// ascending, and the conditions left to check on them; narrowed is
// false, and rest conds, when there is no such condition (every position
// is then a candidate).
func (st *state) narrow(idx *orderIndex, label ecosystem.Label, conds []ecosystem.Condition) (positions []int32, narrowed bool, rest []ecosystem.Condition) {
	for _, c := range conds {
		var with []int32
		switch {
		case c.Equals != nil:
			with = idx.positionsWith(st, c.Equals.Property, c.Equals.Value)
		case c.Related != nil && len(c.Related.Path) > 0:
			with = idx.positionsReaching(st, label, c.Related)
		default:
			rest = append(rest, c)
			continue
		}
		if !narrowed {
			positions, narrowed = with, true
			continue
		}
		positions = intersectPositions(positions, with)
	}
	return positions, narrowed, rest
}

// intersectPositions returns the positions in both ascending lists.
func intersectPositions(a, b []int32) []int32 {
	out := make([]int32, 0, min(len(a), len(b)))
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// candidates returns how many entities of idx, an index of label,
// between positions lo and hi may pass conds, a function giving the
// position of the k-th of them in order, and the conditions left to
// check on each: every position there, or only those that pass conds'
// equality and relation conditions (state.narrow).
func (st *state) candidates(idx *orderIndex, label ecosystem.Label, conds []ecosystem.Condition, lo, hi int) (int, func(k int) int, []ecosystem.Condition) {
	positions, narrowed, rest := st.narrow(idx, label, conds)
	if !narrowed {
		return hi - lo, func(k int) int { return lo + k }, rest
	}
	a := sort.Search(len(positions), func(k int) bool { return int(positions[k]) >= lo })
	b := sort.Search(len(positions), func(k int) bool { return int(positions[k]) >= hi })
	return b - a, func(k int) int { return int(positions[a+k]) }, rest
}

// index returns the entities of label in order o, building the index on
// first use. Only published states, which never change, are read.
func (st *state) index(label ecosystem.Label, o ecosystem.Order) (*orderIndex, error) {
	if ecosystem.NewNode(label) == nil {
		return nil, fmt.Errorf("label %q is unknown", label)
	}
	spec, err := storekit.OrderSpecFor(label, o.Field)
	if err != nil {
		return nil, err
	}
	if o.Field == ecosystem.OrderName {
		o.Field = "" // one index for the default and its name
	}
	st.indexMu.Lock()
	defer st.indexMu.Unlock()
	key := indexKey{label, o}
	if idx, ok := st.indexes[key]; ok {
		return idx, nil
	}
	var ids []string
	for id, r := range st.nodes {
		if r.Label == label {
			ids = append(ids, id)
		}
	}
	keys := make(map[string]storekit.OrderKey, len(ids))
	for _, id := range ids {
		keys[id] = st.orderKey(id, spec)
	}
	sort.Slice(ids, func(i, j int) bool {
		c := keys[ids[i]].Compare(keys[ids[j]], spec.Numeric())
		if o.Desc {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
		return ids[i] < ids[j]
	})
	idx := &orderIndex{ids: ids, cursors: make([]ecosystem.Cursor, len(ids)), numeric: spec.Numeric()}
	for i, id := range ids {
		idx.cursors[i] = storekit.CursorFor(keys[id], spec.Numeric(), id, o)
	}
	if st.indexes == nil {
		st.indexes = map[indexKey]*orderIndex{}
	}
	st.indexes[key] = idx
	return idx, nil
}

// before reports whether cursor a comes before b in an order.
func before(a, b ecosystem.Cursor, numeric, desc bool) bool {
	ka, kb := storekit.OrderKey{Text: a.Key}, storekit.OrderKey{Text: b.Key}
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

// List returns one page, keyset-paginated on (key, id) like every
// store: it finds the cursors in the label's ordered index by binary
// search and reads from there until the page is full.
func (s *Store) List(ctx context.Context, q ecosystem.ListQuery) (*ecosystem.Page, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	size, backward, err := q.Page.Size()
	if err != nil {
		return nil, err
	}
	idx, err := st.index(q.Label, q.Order)
	if err != nil {
		return nil, err
	}
	lo, hi := 0, len(idx.ids)
	if q.Page.After != "" {
		c, err := storekit.DecodeCursorIn(q.Page.After, q.Order)
		if err != nil {
			return nil, err
		}
		lo = sort.Search(len(idx.ids), func(i int) bool { return before(c, idx.cursors[i], idx.numeric, q.Order.Desc) })
	}
	if q.Page.Before != "" {
		c, err := storekit.DecodeCursorIn(q.Page.Before, q.Order)
		if err != nil {
			return nil, err
		}
		hi = max(lo, sort.Search(len(idx.ids), func(i int) bool { return !before(idx.cursors[i], c, idx.numeric, q.Order.Desc) }))
	}
	// The matching entities between the cursors, from the end the page
	// starts at, one more than the page holds to know whether more follow.
	var at []int
	n, position, rest := st.candidates(idx, q.Label, q.Conditions, lo, hi)
	for i := range n {
		k := i
		if backward {
			k = n - 1 - i
		}
		j := position(k)
		if st.matches(idx.ids[j], st.nodes[idx.ids[j]], rest) {
			if at = append(at, j); len(at) > size {
				break
			}
		}
	}
	more := len(at) > size
	if more {
		at = at[:size]
	}
	if backward {
		slices.Reverse(at)
	}
	page := &ecosystem.Page{}
	if backward {
		page.HasPreviousPage, page.HasNextPage = more, q.Page.Before != ""
	} else {
		page.HasNextPage, page.HasPreviousPage = more, q.Page.After != ""
	}
	for _, i := range at {
		n, err := decode(st.nodes[idx.ids[i]])
		if err != nil {
			return nil, err
		}
		page.Nodes = append(page.Nodes, n)
		page.Cursors = append(page.Cursors, idx.cursors[i])
	}
	if q.WithTotal {
		total, err := s.Count(ctx, q)
		if err != nil {
			return nil, err
		}
		page.Total = &total
	}
	return page, nil
}

// Count counts the entities that satisfy q's conditions.
func (s *Store) Count(ctx context.Context, q ecosystem.ListQuery) (int, error) {
	st, err := s.read()
	if err != nil {
		return 0, err
	}
	idx, err := st.index(q.Label, ecosystem.Order{})
	if err != nil {
		return 0, err
	}
	n, position, rest := st.candidates(idx, q.Label, q.Conditions, 0, len(idx.ids))
	if len(rest) == 0 {
		return n, nil
	}
	count := 0
	for k := range n {
		id := idx.ids[position(k)]
		if st.matches(id, st.nodes[id], rest) {
			count++
		}
	}
	return count, nil
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
		props, err := storekit.DecodeLinkProps(k.Type, p)
		if err != nil {
			return nil, fmt.Errorf("the %s link from %s to %s: %w", k.Type, k.From, k.To, err)
		}
		snap.Links = append(snap.Links, ecosystem.Link{From: k.From, Type: k.Type, To: k.To, Props: props})
	}
	ecosystem.SortLinks(snap.Links)
	return snap, nil
}

// containsLabel reports whether ls holds l.
func containsLabel(ls []ecosystem.Label, l ecosystem.Label) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}
