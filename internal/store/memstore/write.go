package memstore

import (
	"context"
	"fmt"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// Apply merges a dataset as one atomic, durable write, in the phases the
// Neo4j store's Apply runs too; see ecosystem.Store.
func (s *Store) Apply(ctx context.Context, ds *ecosystem.Dataset) (ecosystem.ApplyStats, error) {
	var stats ecosystem.ApplyStats
	if err := ecosystem.ValidateDataset(ds).Err(); err != nil {
		return stats, err
	}
	err := s.write(func(st *state) error {
		c := storekit.NewChanges()
		prepared, err := st.prepare(ds, s.tomb)
		if err != nil {
			return err
		}
		st.removeFirst(prepared, c)
		now := time.Now().UTC().Format(time.RFC3339Nano)
		unchanged := st.writeNodes(prepared.Nodes, c, now)
		st.writeLinks(prepared.Links, c)
		if err := ecosystem.CheckAcyclic(prepared.Links, st.above); err != nil {
			return err
		}
		st.bumpTouched(c, unchanged, now)
		st.recordEditors(prepared, s.tomb)
		stats = c.Stats
		if stats != (ecosystem.ApplyStats{}) {
			st.bumpGraphVersion()
		}
		return nil
	})
	if err != nil {
		return ecosystem.ApplyStats{}, err
	}
	return stats, nil
}

// prepare reads what the state holds for the dataset's ids (labels,
// versions, the entities it rewrites with what editors set on them,
// tombstones, the current properties of its links) and lets
// storekit.Prepare judge the dataset and apply the editors-win rules.
func (st *state) prepare(ds *ecosystem.Dataset, tomb storekit.Tombstoner) (*storekit.Prepared, error) {
	writes := map[string]bool{}
	for _, n := range ds.Nodes {
		writes[n.NodeMeta().ID] = true
	}
	cur := storekit.Current{Existing: map[string]storekit.Existing{}, Tombstones: map[string]bool{}, Links: map[ecosystem.LinkKey]map[string]any{}}
	for _, id := range ds.IDs() {
		for _, k := range tomb.Keys(id) {
			if st.tombstones[k] {
				cur.Tombstones[id] = true
			}
		}
		r, ok := st.nodes[id]
		if !ok {
			continue
		}
		e := storekit.Existing{Label: r.Label, Version: intOf(r.Props["version"]), Edited: storekit.ParseMarks(stringsOf(r.Props[storekit.EditedProperty]))}
		if writes[id] {
			n, err := decode(r)
			if err != nil {
				return nil, err
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
	return storekit.Prepare(ds, cur)
}

// above lists where hierarchy links lead (see ecosystem.CheckAcyclic).
func (st *state) above(t ecosystem.RelType, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, id := range ids {
		for _, k := range st.out[id] {
			if k.Type == t {
				out[id] = append(out[id], k.To)
			}
		}
	}
	return out, nil
}

// removeFirst runs the deleting parts of a dataset: deletes, merges,
// removed links and the links of replaced slots that the dataset does not
// name again.
func (st *state) removeFirst(p *storekit.Prepared, c *storekit.Changes) {
	remove := func(k linkKey) {
		if st.removeLink(k) {
			c.Stats.LinksDeleted++
			c.Touch(k.From, k.To)
		}
	}
	for _, id := range p.Deletes {
		for _, k := range append(append([]linkKey(nil), st.out[id]...), st.in[id]...) {
			remove(k)
		}
		delete(st.nodes, id)
		c.Deleted[id] = true
		c.Stats.NodesDeleted++
	}
	for _, m := range p.Merges {
		st.merge(m, c)
	}
	for _, l := range p.RemoveLinks {
		remove(linkKey(l.Key()))
	}
	for _, slot := range p.ReplaceLinks {
		keys := st.out[slot.From]
		if slot.From == "" {
			keys = st.in[slot.To]
		}
		for _, k := range append([]linkKey(nil), keys...) {
			if k.Type == slot.Type && !p.Named[ecosystem.LinkKey(k)] {
				remove(k)
			}
		}
	}
}

// merge moves every link of m.Merge to m.Keep (unless Keep already has
// that link), deletes m.Merge and redirects its id to m.Keep.
func (st *state) merge(m ecosystem.Merge, c *storekit.Changes) {
	for _, k := range append(append([]linkKey(nil), st.out[m.Merge]...), st.in[m.Merge]...) {
		props := st.links[k]
		st.removeLink(k)
		c.Stats.LinksDeleted++
		c.Touch(k.From, k.To)
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
		if _, exists := st.links[moved]; !exists {
			st.addLink(moved, props)
			c.Stats.LinksCreated++
			c.Touch(moved.From, moved.To)
		}
	}
	delete(st.nodes, m.Merge)
	c.Deleted[m.Merge] = true
	c.Stats.NodesDeleted++
	for from, to := range st.redirects {
		if to == m.Merge {
			st.redirects[from] = m.Keep
		}
	}
	st.redirects[m.Merge] = m.Keep
}

// pending is an entity of the dataset whose content is as stored, with
// its stored properties, kept in case its links change.
type pending struct {
	node  ecosystem.Node
	props map[string]any
}

// writeNodes merges the entities by id: a new one is created, one whose
// content hash differs is replaced and its version bumped, one whose
// content is as stored is left alone. It returns those left alone by id,
// for bumpTouched.
func (st *state) writeNodes(nodes []ecosystem.Node, c *storekit.Changes, now string) map[string]pending {
	unchanged := map[string]pending{}
	for _, n := range nodes {
		id, props := n.NodeMeta().ID, storekit.StoredProperties(n)
		if old, ok := st.nodes[id]; ok && old.Props["contentHash"] == props["contentHash"] {
			unchanged[id] = pending{n, props}
			continue
		}
		st.rewrite(n, props, c, now)
	}
	return unchanged
}

// rewrite stores an entity with its stored properties (props, made once
// per entity) and the next version.
func (st *state) rewrite(n ecosystem.Node, props map[string]any, c *storekit.Changes, now string) {
	id := n.NodeMeta().ID
	version := 1
	if old, ok := st.nodes[id]; ok {
		version = intOf(old.Props["version"]) + 1
		c.Stats.NodesUpdated++
	} else {
		c.Stats.NodesCreated++
	}
	props["id"], props["version"], props["updatedAt"] = id, version, now
	st.nodes[id] = &record{Label: n.NodeLabel(), Props: props}
	c.Written[id] = true
}

// writeLinks merges the links by their ends and type, each with the
// properties Prepare settled, and touches their ends.
func (st *state) writeLinks(links []ecosystem.Link, c *storekit.Changes) {
	for _, l := range links {
		if st.addLink(linkKey(l.Key()), ecosystem.LinkProperties(l.Props)) {
			c.Stats.LinksCreated++
		} else {
			c.Stats.LinksUpdated++
		}
		c.Touch(l.From, l.To)
	}
}

// bumpTouched moves the version of every entity whose links changed and
// that was not rewritten already: one the dataset names is written as the
// dataset has it (with its new source), any other keeps its properties.
func (st *state) bumpTouched(c *storekit.Changes, unchanged map[string]pending, now string) {
	for id := range c.Touched {
		switch old, ok := st.nodes[id]; {
		case c.Written[id] || c.Deleted[id] || !ok:
		case unchanged[id].node != nil:
			st.rewrite(unchanged[id].node, unchanged[id].props, c, now)
		default:
			props := make(map[string]any, len(old.Props))
			for k, v := range old.Props {
				props[k] = v
			}
			props["version"], props["updatedAt"] = intOf(old.Props["version"])+1, now
			st.nodes[id] = &record{Label: old.Label, Props: props}
			c.Stats.NodesUpdated++
		}
	}
}

// recordEditors stores edit marks and tombstones after the writes.
func (st *state) recordEditors(p *storekit.Prepared, tomb storekit.Tombstoner) {
	for id, marks := range p.Edited {
		list := storekit.StoredMarks(marks)
		if r, ok := st.nodes[id]; ok && !equalStrings(stringsOf(r.Props[storekit.EditedProperty]), list) {
			props := make(map[string]any, len(r.Props)+1)
			for k, v := range r.Props {
				props[k] = v
			}
			props[storekit.EditedProperty] = list
			st.nodes[id] = &record{Label: r.Label, Props: props}
		}
	}
	for _, id := range p.NewTombstones {
		st.tombstones[tomb.Key(id)] = true
	}
	for _, id := range p.Revived {
		for _, k := range tomb.Keys(id) {
			delete(st.tombstones, k)
		}
	}
}

// bumpGraphVersion increments the graph-wide version stamp, which caches
// of derived data compare to notice writes.
func (st *state) bumpGraphVersion() { st.graphVersion++ }

// intOf reads an integer property, whatever Go type it decoded as.
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

// equalStrings reports whether two lists hold the same strings in the
// same order.
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
