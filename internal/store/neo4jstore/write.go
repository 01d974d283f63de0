package neo4jstore

import (
	"context"
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// batchSize bounds the rows of one UNWIND statement.
const batchSize = 2000

// Apply merges a dataset in one transaction, in the phases the embedded
// store's Apply runs too; see ecosystem.Store.
func (s *Store) Apply(ctx context.Context, ds *ecosystem.Dataset) (ecosystem.ApplyStats, error) {
	if err := ecosystem.ValidateDataset(ds).Err(); err != nil {
		return ecosystem.ApplyStats{}, err
	}
	stats, err := s.apply(ctx, ds)
	// Another write created one of the entities this one found missing
	// and creates: run again, now finding it.
	for attempt := 1; attempt < 3 && isUniquenessFailure(err); attempt++ {
		stats, err = s.apply(ctx, ds)
	}
	return stats, err
}

// apply is one attempt of Apply.
func (s *Store) apply(ctx context.Context, ds *ecosystem.Dataset) (ecosystem.ApplyStats, error) {
	var stats ecosystem.ApplyStats
	err := s.write(ctx, func(tx *txRunner) error {
		c := storekit.NewChanges()
		tomb, anyTombstones, err := s.tombstoner(ctx, tx)
		if err != nil {
			return err
		}
		prepared, elements, err := prepare(ctx, tx, ds, tomb, anyTombstones)
		if err != nil {
			return err
		}
		if err := removeFirst(ctx, tx, prepared, c); err != nil {
			return err
		}
		now := time.Now().UTC().Format(time.RFC3339Nano)
		rows, err := writeNodes(ctx, tx, prepared.Nodes, elements, c, now)
		if err != nil {
			return err
		}
		if err := writeLinks(ctx, tx, prepared.Links, elements, c); err != nil {
			return err
		}
		if err := ecosystem.CheckAcyclic(prepared.Links, above(ctx, tx)); err != nil {
			return err
		}
		if err := bumpTouched(ctx, tx, c, rows, elements, now); err != nil {
			return err
		}
		if err := recordEditors(ctx, tx, prepared, tomb); err != nil {
			return err
		}
		stats = c.Stats
		if stats != (ecosystem.ApplyStats{}) {
			return bumpGraphVersion(ctx, tx)
		}
		return nil
	})
	return stats, err
}

// above reads, inside the transaction, where hierarchy links lead (see
// ecosystem.CheckAcyclic).
func above(ctx context.Context, tx *txRunner) ecosystem.Above {
	return func(t ecosystem.RelType, ids []string) (map[string][]string, error) {
		recs, _, err := tx.run(ctx, fmt.Sprintf("MATCH (a:Node)-[:%s]->(b:Node) WHERE a.id IN $ids RETURN a.id, b.id", t), map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		out := map[string][]string{}
		for _, r := range recs {
			a := r.Values[0].(string)
			out[a] = append(out[a], r.Values[1].(string))
		}
		return out, nil
	}
}

// elementIDs maps the ids of entities a write has found or created to
// their Neo4j element ids. Later statements of the same transaction find
// an entity by its element id, a direct lookup, instead of seeking the id
// index again (a third to a half less time for a link's read or write or
// a version's bump at scale L), and check that it still has its id: an
// element id read is only trusted within the transaction that read it.
type elementIDs map[string]string

// prepare reads, inside the transaction, what the store holds for the
// dataset's ids (labels, versions, the entities it rewrites with what
// editors set on them, tombstones) and lets storekit.Prepare judge the
// dataset and apply the editors-win rules. It also returns the element
// ids of the entities that exist already.
func prepare(ctx context.Context, tx *txRunner, ds *ecosystem.Dataset, tomb storekit.Tombstoner, anyTombstones bool) (*storekit.Prepared, elementIDs, error) {
	writes := make([]string, 0, len(ds.Nodes))
	for _, n := range ds.Nodes {
		writes = append(writes, n.NodeMeta().ID)
	}
	// One record: Neo4j and the driver pay for every record streamed.
	recs, _, err := tx.run(ctx, `MATCH (n:Node) WHERE n.id IN $ids
RETURN collect([n.id, [l IN labels(n) WHERE l <> 'Node'][0], coalesce(n.version, 0), coalesce(n.editedFields, []),
       CASE WHEN n.id IN $writes THEN n ELSE null END, elementId(n)])`,
		map[string]any{"ids": ds.IDs(), "writes": writes})
	if err != nil {
		return nil, nil, err
	}
	cur := storekit.Current{Existing: map[string]storekit.Existing{}, Tombstones: map[string]bool{}}
	elements := elementIDs{}
	for _, item := range recs[0].Values[0].([]any) {
		r := item.([]any)
		elements[r[0].(string)] = r[5].(string)
		e := storekit.Existing{Label: ecosystem.Label(r[1].(string)), Version: toInt(r[2])}
		for _, m := range r[3].([]any) {
			e.Edited = append(e.Edited, storekit.ParseMark(m.(string)))
		}
		if node, ok := r[4].(neo4j.Node); ok {
			if e.Node, err = decodeNode(node); err != nil {
				return nil, nil, err
			}
		}
		cur.Existing[r[0].(string)] = e
	}
	if anyTombstones {
		byKey := map[string]string{}
		keys := make([]string, 0, 2*len(ds.IDs()))
		for _, id := range ds.IDs() {
			for _, k := range tomb.Keys(id) {
				byKey[k] = id
				keys = append(keys, k)
			}
		}
		recs, _, err = tx.run(ctx, "MATCH (t:Tombstone) WHERE t.key IN $keys RETURN t.key", map[string]any{"keys": keys})
		if err != nil {
			return nil, nil, err
		}
		for _, r := range recs {
			cur.Tombstones[byKey[r.Values[0].(string)]] = true
		}
	}
	// Only a link whose ends both exist can exist. Both ends are found
	// first and the relationship looked for between them (Expand(Into),
	// which walks the end with fewer relationships): left to itself, the
	// planner may walk every relationship of a pillar with thousands of
	// organisations for each row (15.7 s for 2,000 rows at scale L,
	// against 0.03-0.08 s).
	cur.Links = map[ecosystem.LinkKey]map[string]any{}
	byType := map[ecosystem.RelType][]map[string]any{}
	for _, l := range ds.Links {
		if row := elements.linkRow(l); row != nil {
			byType[l.Type] = append(byType[l.Type], row)
		}
	}
	for _, t := range ecosystem.RelTypes {
		if err := batches(byType[t], func(batch []map[string]any) error {
			recs, _, err := tx.run(ctx, fmt.Sprintf(`UNWIND $rows AS row
`+matchEnds+`
CALL (a, b) { MATCH (a)-[r:%s]->(b) RETURN r }
RETURN collect([row.from, row.to, properties(r)])`, t), map[string]any{"rows": batch})
			if err != nil {
				return err
			}
			for _, item := range recs[0].Values[0].([]any) {
				r := item.([]any)
				key := ecosystem.LinkKey{From: r[0].(string), Type: t, To: r[1].(string)}
				cur.Links[key] = r[2].(map[string]any)
			}
			return nil
		}); err != nil {
			return nil, nil, err
		}
	}
	prepared, err := storekit.Prepare(ds, cur)
	return prepared, elements, err
}

// matchEnds finds a link row's two ends by their element ids (see
// elementIDs).
const matchEnds = `MATCH (a) WHERE elementId(a) = row.a AND a.id = row.from
MATCH (b) WHERE elementId(b) = row.b AND b.id = row.to`

// linkRow returns the row that finds a link's ends by their element ids,
// or nil if either end is not known.
func (e elementIDs) linkRow(l ecosystem.Link) map[string]any {
	a, okA := e[l.From]
	b, okB := e[l.To]
	if !okA || !okB {
		return nil
	}
	return map[string]any{"from": l.From, "to": l.To, "a": a, "b": b}
}

// removeFirst runs the deleting parts of a dataset: deletes, merges,
// removed links and the links of replaced slots that the dataset does not
// name again.
func removeFirst(ctx context.Context, tx *txRunner, p *storekit.Prepared, c *storekit.Changes) error {
	ds := p.Dataset
	for _, m := range ds.Merges {
		if err := merge(ctx, tx, m, c); err != nil {
			return err
		}
	}
	if len(ds.Deletes) > 0 {
		recs, sum, err := tx.run(ctx, `MATCH (n:Node) WHERE n.id IN $ids
OPTIONAL MATCH (n)--(x:Node)
WITH n, collect(DISTINCT x.id) AS neighbours
DETACH DELETE n
RETURN neighbours`, map[string]any{"ids": ds.Deletes})
		if err != nil {
			return err
		}
		touch(c, recs)
		for _, id := range ds.Deletes {
			c.Deleted[id] = true
		}
		c.Stats.NodesDeleted += sum.Counters().NodesDeleted()
		c.Stats.LinksDeleted += sum.Counters().RelationshipsDeleted()
	}
	for _, t := range ecosystem.RelTypes {
		var removals []map[string]any
		for _, l := range ds.RemoveLinks {
			if l.Type == t {
				removals = append(removals, map[string]any{"from": l.From, "to": l.To})
			}
		}
		// A replaced slot keeps the links the dataset names again.
		var slots, inSlots []map[string]any
		for _, sl := range ds.ReplaceLinks {
			if sl.Type != t {
				continue
			}
			keep := []string{}
			for k := range p.Named {
				switch {
				case k.Type != t:
				case sl.From != "" && k.From == sl.From:
					keep = append(keep, k.To)
				case sl.From == "" && k.To == sl.To:
					keep = append(keep, k.From)
				}
			}
			if sl.From != "" {
				slots = append(slots, map[string]any{"id": sl.From, "keep": keep})
			} else {
				inSlots = append(inSlots, map[string]any{"id": sl.To, "keep": keep})
			}
		}
		for _, stmt := range []struct {
			cypher string
			rows   []map[string]any
		}{
			{"UNWIND $rows AS row MATCH (a:Node {id: row.from}), (b:Node {id: row.to}) CALL (a, b) { MATCH (a)-[r:%s]->(b) RETURN r } DELETE r RETURN a.id, b.id", removals},
			{"UNWIND $rows AS row MATCH (a:Node {id: row.id})-[r:%s]->(b:Node) WHERE NOT b.id IN row.keep DELETE r RETURN a.id, b.id", slots},
			{"UNWIND $rows AS row MATCH (b:Node)-[r:%s]->(a:Node {id: row.id}) WHERE NOT b.id IN row.keep DELETE r RETURN a.id, b.id", inSlots},
		} {
			if len(stmt.rows) == 0 {
				continue
			}
			recs, sum, err := tx.run(ctx, fmt.Sprintf(stmt.cypher, t), map[string]any{"rows": stmt.rows})
			if err != nil {
				return err
			}
			touch(c, recs)
			c.Stats.LinksDeleted += sum.Counters().RelationshipsDeleted()
		}
	}
	return nil
}

// merge moves every relationship of m.Merge to m.Keep (unless Keep has
// that one already), deletes m.Merge and leaves a redirect.
func merge(ctx context.Context, tx *txRunner, m ecosystem.Merge, c *storekit.Changes) error {
	params := map[string]any{"keep": m.Keep, "merge": m.Merge}
	for _, t := range ecosystem.RelTypes {
		for _, stmt := range []string{
			`MATCH (m:Node {id: $merge})-[r:%[1]s]->(x:Node) WHERE x.id <> $keep
MATCH (k:Node {id: $keep}) MERGE (k)-[n:%[1]s]->(x) ON CREATE SET n = properties(r) RETURN x.id`,
			`MATCH (x:Node)-[r:%[1]s]->(m:Node {id: $merge}) WHERE x.id <> $keep
MATCH (k:Node {id: $keep}) MERGE (x)-[n:%[1]s]->(k) ON CREATE SET n = properties(r) RETURN x.id`,
		} {
			recs, sum, err := tx.run(ctx, fmt.Sprintf(stmt, t), params)
			if err != nil {
				return err
			}
			c.Stats.LinksCreated += sum.Counters().RelationshipsCreated()
			touch(c, recs)
		}
	}
	recs, sum, err := tx.run(ctx, `MATCH (m:Node {id: $merge})
OPTIONAL MATCH (m)--(x:Node)
WITH m, collect(DISTINCT x.id) AS neighbours
DETACH DELETE m
WITH neighbours
OPTIONAL MATCH (old:Redirect {to: $merge}) SET old.to = $keep
WITH neighbours, count(*) AS moved
MERGE (r:Redirect {id: $merge}) SET r.to = $keep
RETURN neighbours`, params)
	if err != nil {
		return err
	}
	touch(c, recs)
	c.Touched[m.Keep] = true
	c.Deleted[m.Merge] = true
	c.Stats.NodesDeleted += sum.Counters().NodesDeleted()
	c.Stats.LinksDeleted += sum.Counters().RelationshipsDeleted()
	return nil
}

// writeNodes writes the entities by id: one that did not exist before
// the write (not in elements) is created, and its element id added, one
// whose content hash differs is replaced and its version bumped, one
// whose content is as stored is left alone. It returns every entity's
// row by id, for bumpTouched.
func writeNodes(ctx context.Context, tx *txRunner, nodes []ecosystem.Node, elements elementIDs, c *storekit.Changes, now string) (map[string]map[string]any, error) {
	rows := map[string]map[string]any{}
	news := map[ecosystem.Label][]map[string]any{}
	olds := map[ecosystem.Label][]map[string]any{}
	for i, row := range nodeRows(nodes) {
		n := nodes[i]
		id := n.NodeMeta().ID
		rows[id] = row
		if _, ok := elements[id]; ok {
			olds[n.NodeLabel()] = append(olds[n.NodeLabel()], row)
		} else {
			news[n.NodeLabel()] = append(news[n.NodeLabel()], row)
		}
	}
	for _, l := range ecosystem.Labels {
		// A new entity is created with both labels at once: no lookup of
		// its id first, no label added after (the id's uniqueness
		// constraint still guards it; see Apply).
		if err := batches(news[l], func(batch []map[string]any) error {
			recs, _, err := tx.run(ctx, fmt.Sprintf(`UNWIND $rows AS row
CREATE (n:Node:%s)
SET n = row.props, n.version = 1, n.updatedAt = $now
RETURN collect([row.id, elementId(n)])`, l),
				map[string]any{"rows": batch, "now": now})
			if err != nil {
				return err
			}
			c.Stats.NodesCreated += len(batch)
			for _, item := range recs[0].Values[0].([]any) {
				pair := item.([]any)
				elements[pair[0].(string)] = pair[1].(string)
				c.Written[pair[0].(string)] = true
			}
			return nil
		}); err != nil {
			return nil, err
		}
		if err := batches(olds[l], func(batch []map[string]any) error {
			recs, _, err := tx.run(ctx, fmt.Sprintf(`UNWIND $rows AS row
MERGE (n:Node {id: row.id})
WITH n, row, coalesce(n.version, 0) AS v, coalesce(n.contentHash = row.props.contentHash, false) AS same
SET n:%s
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END |
  SET n = row.props, n.version = v + 1, n.updatedAt = $now)
RETURN sum(CASE WHEN v = 0 THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN v > 0 AND NOT same THEN 1 ELSE 0 END) AS updated,
       collect(CASE WHEN same THEN null ELSE n.id END) AS written,
       collect([n.id, elementId(n)]) AS elements`, l),
				map[string]any{"rows": batch, "now": now})
			if err != nil {
				return err
			}
			c.Stats.NodesCreated += toInt(recs[0].Values[0])
			c.Stats.NodesUpdated += toInt(recs[0].Values[1])
			for _, id := range recs[0].Values[2].([]any) {
				c.Written[id.(string)] = true
			}
			// One deleted earlier in this write is created again.
			for _, item := range recs[0].Values[3].([]any) {
				pair := item.([]any)
				elements[pair[0].(string)] = pair[1].(string)
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// writeLinks merges the links by their ends and type, each with the
// properties Prepare settled, and touches the ends of those it wrote (a
// link to an entity the dataset also deletes finds no end, and is not;
// nor is one to an entity neither found nor created, which the dataset's
// checks already refused).
func writeLinks(ctx context.Context, tx *txRunner, links []ecosystem.Link, elements elementIDs, c *storekit.Changes) error {
	byType := map[ecosystem.RelType][]map[string]any{}
	for _, l := range links {
		if row := elements.linkRow(l); row != nil {
			row["props"] = ecosystem.LinkProperties(l.Props)
			byType[l.Type] = append(byType[l.Type], row)
		}
	}
	for _, t := range ecosystem.RelTypes {
		if err := batches(byType[t], func(batch []map[string]any) error {
			recs, sum, err := tx.run(ctx, fmt.Sprintf(`UNWIND $rows AS row
`+matchEnds+`
MERGE (a)-[r:%s]->(b)
SET r = row.props
RETURN count(r), collect(a.id) + collect(b.id)`, t), map[string]any{"rows": batch})
			if err != nil {
				return err
			}
			created := sum.Counters().RelationshipsCreated()
			c.Stats.LinksCreated += created
			c.Stats.LinksUpdated += toInt(recs[0].Values[0]) - created
			touch(c, recs)
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// bumpTouched moves the version of every entity whose links changed and
// that was not rewritten already: one the dataset names is written as the
// dataset has it (with its new source), any other keeps its properties.
// An entity is found by its element id if the write knows it, else (a
// neighbour of a deleted entity or a removed link) by its id.
func bumpTouched(ctx context.Context, tx *txRunner, c *storekit.Changes, rows map[string]map[string]any, elements elementIDs, now string) error {
	var named, known []map[string]any
	var others []string
	for id := range c.Touched {
		switch {
		case c.Written[id] || c.Deleted[id]:
		case rows[id] != nil: // written or found, so known
			named = append(named, map[string]any{"id": id, "e": elements[id], "props": rows[id]["props"]})
		case elements[id] != "":
			known = append(known, map[string]any{"id": id, "e": elements[id]})
		default:
			others = append(others, id)
		}
	}
	for _, stmt := range []struct {
		cypher string
		params map[string]any
		count  int
	}{
		{`UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.e AND n.id = row.id
WITH n, row, coalesce(n.version, 0) AS v
SET n = row.props, n.version = v + 1, n.updatedAt = $now RETURN count(n)`, map[string]any{"rows": named, "now": now}, len(named)},
		{`UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.e AND n.id = row.id
SET n.version = coalesce(n.version, 0) + 1, n.updatedAt = $now RETURN count(n)`, map[string]any{"rows": known, "now": now}, len(known)},
		{`MATCH (n:Node) WHERE n.id IN $ids
SET n.version = coalesce(n.version, 0) + 1, n.updatedAt = $now RETURN count(n)`, map[string]any{"ids": others, "now": now}, len(others)},
	} {
		if stmt.count == 0 {
			continue
		}
		recs, _, err := tx.run(ctx, stmt.cypher, stmt.params)
		if err != nil {
			return err
		}
		c.Stats.NodesUpdated += toInt(recs[0].Values[0])
	}
	return nil
}

// recordEditors stores edit marks and tombstones after the writes.
func recordEditors(ctx context.Context, tx *txRunner, p *storekit.Prepared, tomb storekit.Tombstoner) error {
	if len(p.Edited) > 0 {
		rows := make([]map[string]any, 0, len(p.Edited))
		for id, list := range p.Edited {
			rows = append(rows, map[string]any{"id": id, "edited": storekit.StoredMarks(list)})
		}
		if _, _, err := tx.run(ctx, "UNWIND $rows AS row MATCH (n:Node {id: row.id}) SET n.editedFields = row.edited", map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	if len(p.NewTombstones) > 0 {
		keys := make([]string, len(p.NewTombstones))
		for i, id := range p.NewTombstones {
			keys[i] = tomb.Key(id)
		}
		if _, _, err := tx.run(ctx, "UNWIND $keys AS key MERGE (:Tombstone {key: key})", map[string]any{"keys": keys}); err != nil {
			return err
		}
	}
	if len(p.Revived) > 0 {
		var keys []string
		for _, id := range p.Revived {
			keys = append(keys, tomb.Keys(id)...)
		}
		if _, _, err := tx.run(ctx, "MATCH (t:Tombstone) WHERE t.key IN $keys DELETE t", map[string]any{"keys": keys}); err != nil {
			return err
		}
	}
	return nil
}

// tombstoner returns the store's storekit.Tombstoner, keyed by the
// configured secret or else by a random salt the database keeps (made by
// the first write that needs it), which stops precomputed guesses but not
// someone holding a dump: configure the secret in production. It also
// says whether the database holds any tombstone at all, so that a write to a
// graph where nothing was ever erased does not look its ids up. It only
// reads, unless the salt is still to be made, so that concurrent writes
// do not queue on the graph's state node.
func (s *Store) tombstoner(ctx context.Context, tx *txRunner) (storekit.Tombstoner, bool, error) {
	recs, _, err := tx.run(ctx, `OPTIONAL MATCH (g:GraphState {key: 'graph'})
WITH g.tombstoneSalt AS salt
CALL () { MATCH (t:Tombstone) RETURN count(t) AS tombstones }
RETURN salt, tombstones`, nil)
	if err != nil {
		return storekit.Tombstoner{}, false, err
	}
	anyTombstones := toInt(recs[0].Values[1]) > 0
	if s.secret != "" {
		return storekit.NewTombstoner([]byte(s.secret)), anyTombstones, nil
	}
	if salt, ok := recs[0].Values[0].(string); ok && salt != "" {
		return storekit.NewTombstoner([]byte(salt)), anyTombstones, nil
	}
	recs, _, err = tx.run(ctx, `MERGE (g:GraphState {key: 'graph'})
ON CREATE SET g.tombstoneSalt = $salt
ON MATCH SET g.tombstoneSalt = coalesce(g.tombstoneSalt, $salt)
RETURN g.tombstoneSalt`, map[string]any{"salt": hex.EncodeToString(storekit.NewSecret())})
	if err != nil {
		return storekit.Tombstoner{}, false, err
	}
	return storekit.NewTombstoner([]byte(recs[0].Values[0].(string))), anyTombstones, nil
}

// bumpGraphVersion increments the graph-wide version stamp, which caches
// of derived data compare to notice writes from any process.
func bumpGraphVersion(ctx context.Context, tx *txRunner) error {
	_, _, err := tx.run(ctx, "MERGE (g:GraphState {key: 'graph'}) SET g.version = coalesce(g.version, 0) + 1", nil)
	return err
}

// nodeRow returns the row an UNWIND merges for an entity.
func nodeRow(n ecosystem.Node) map[string]any {
	return map[string]any{"id": n.NodeMeta().ID, "props": storekit.StoredProperties(n)}
}

// nodeRows returns the rows of entities, made on every core: Neo4j waits
// for them (encoding, folding and hashing 50,000 entities takes about
// 1.7 s of CPU). A panic in a worker is raised again on the caller's
// goroutine, where the server's recovery answers it, as it would have
// been had the rows been made there.
func nodeRows(nodes []ecosystem.Node) []map[string]any {
	rows := make([]map[string]any, len(nodes))
	workers := min(runtime.GOMAXPROCS(0), 1+len(nodes)/500)
	var wg sync.WaitGroup
	var once sync.Once
	var panicked any
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					once.Do(func() { panicked = p })
				}
			}()
			for i := w; i < len(nodes); i += workers {
				rows[i] = nodeRow(nodes[i])
			}
		}()
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	return rows
}

// touch records the ends of changed links, given as rows of ids.
func touch(c *storekit.Changes, recs []*neo4j.Record) {
	for _, r := range recs {
		for _, v := range r.Values {
			switch x := v.(type) {
			case string:
				c.Touch(x)
			case []any:
				for _, id := range x {
					if s, ok := id.(string); ok {
						c.Touch(s)
					}
				}
			}
		}
	}
}

// batches calls write with rows in slices of at most batchSize.
func batches(rows []map[string]any, write func([]map[string]any) error) error {
	for start := 0; start < len(rows); start += batchSize {
		if err := write(rows[start:min(start+batchSize, len(rows))]); err != nil {
			return err
		}
	}
	return nil
}

// toInt reads a number Neo4j returned as an integer or a float.
func toInt(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	return 0
}
