package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// batchSize bounds the rows of one UNWIND statement.
const batchSize = 2000

// nodeRow returns the row an UNWIND merges for an entity.
func nodeRow(n ecosystem.Node) map[string]any {
	return map[string]any{"id": n.NodeMeta().ID, "props": ecosystem.StoredProperties(n)}
}

// Apply merges a dataset in one transaction; see ecosystem.Store.
func (s *Store) Apply(ctx context.Context, ds *ecosystem.Dataset) (ecosystem.ApplyStats, error) {
	if err := ecosystem.ValidateDataset(ds).Err(); err != nil {
		return ecosystem.ApplyStats{}, err
	}
	var stats ecosystem.ApplyStats
	err := s.write(ctx, func(tx *txRunner) error {
		stats = ecosystem.ApplyStats{}
		prepared, err := prepare(ctx, tx, ds)
		if err != nil {
			return err
		}
		ds := prepared.Dataset
		if err := removeFirst(ctx, tx, ds, &stats); err != nil {
			return err
		}
		now := time.Now().UTC().Format(time.RFC3339Nano)
		byLabel := map[ecosystem.Label][]map[string]any{}
		for _, n := range ds.Nodes {
			byLabel[n.NodeLabel()] = append(byLabel[n.NodeLabel()], nodeRow(n))
		}
		for _, l := range ecosystem.Labels {
			rows := byLabel[l]
			for start := 0; start < len(rows); start += batchSize {
				end := min(start+batchSize, len(rows))
				recs, _, err := tx.run(ctx, fmt.Sprintf(`UNWIND $rows AS row
MERGE (n:Node {id: row.id})
WITH n, row, coalesce(n.version, 0) AS v, coalesce(n.contentHash = row.props.contentHash, false) AS same
SET n:%s
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END |
  SET n = row.props, n.version = v + 1, n.updatedAt = $now)
RETURN sum(CASE WHEN v = 0 THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN v > 0 AND NOT same THEN 1 ELSE 0 END) AS updated`, l),
					map[string]any{"rows": rows[start:end], "now": now})
				if err != nil {
					return err
				}
				stats.NodesCreated += int(recs[0].Values[0].(int64))
				stats.NodesUpdated += int(recs[0].Values[1].(int64))
			}
		}
		byType := map[ecosystem.RelType][]map[string]any{}
		for _, l := range ds.Links {
			props := l.Properties
			if props == nil {
				props = map[string]any{}
			}
			byType[l.Type] = append(byType[l.Type], map[string]any{"from": l.From, "to": l.To, "props": props})
		}
		for _, t := range ecosystem.RelTypes {
			rows := byType[t]
			for start := 0; start < len(rows); start += batchSize {
				end := min(start+batchSize, len(rows))
				_, sum, err := tx.run(ctx, fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:Node {id: row.from}), (b:Node {id: row.to})
MERGE (a)-[r:%s]->(b)
SET r = row.props`, t), map[string]any{"rows": rows[start:end]})
				if err != nil {
					return err
				}
				stats.LinksCreated += sum.Counters().RelationshipsCreated()
			}
		}
		if err := recordEditors(ctx, tx, prepared); err != nil {
			return err
		}
		if stats != (ecosystem.ApplyStats{}) {
			return bumpGraphVersion(ctx, tx)
		}
		return nil
	})
	return stats, err
}

// bumpGraphVersion increments the graph-wide version stamp, which caches
// of derived data compare to notice writes from any process.
func bumpGraphVersion(ctx context.Context, tx *txRunner) error {
	_, _, err := tx.run(ctx, "MERGE (g:GraphState {key: 'graph'}) SET g.version = coalesce(g.version, 0) + 1", nil)
	return err
}

// prepare reads, inside the transaction, what the store holds for the
// dataset's ids (labels, versions, the entities it rewrites with what
// editors set on them, tombstones) and lets ecosystem.Prepare judge the
// dataset and apply the editors-win rules.
func prepare(ctx context.Context, tx *txRunner, ds *ecosystem.Dataset) (*ecosystem.Prepared, error) {
	writes := make([]string, 0, len(ds.Nodes))
	for _, n := range ds.Nodes {
		writes = append(writes, n.NodeMeta().ID)
	}
	recs, _, err := tx.run(ctx, `MATCH (n:Node) WHERE n.id IN $ids
RETURN n.id, [l IN labels(n) WHERE l <> 'Node'][0], coalesce(n.version, 0), coalesce(n.editedFields, []),
       CASE WHEN n.id IN $writes THEN n ELSE null END`,
		map[string]any{"ids": ds.IDs(), "writes": writes})
	if err != nil {
		return nil, err
	}
	cur := ecosystem.Current{Existing: map[string]ecosystem.Existing{}, Tombstones: map[string]bool{}}
	for _, r := range recs {
		e := ecosystem.Existing{Label: ecosystem.Label(r.Values[1].(string)), Version: toInt(r.Values[2])}
		for _, f := range r.Values[3].([]any) {
			e.Edited = append(e.Edited, f.(string))
		}
		if node, ok := r.Values[4].(neo4j.Node); ok {
			if e.Node, err = decodeNode(node); err != nil {
				return nil, err
			}
		}
		cur.Existing[r.Values[0].(string)] = e
	}
	byKey := map[string]string{}
	keys := make([]string, 0, len(ds.IDs()))
	for _, id := range ds.IDs() {
		byKey[ecosystem.TombstoneKey(id)] = id
		keys = append(keys, ecosystem.TombstoneKey(id))
	}
	recs, _, err = tx.run(ctx, "MATCH (t:Tombstone) WHERE t.key IN $keys RETURN t.key", map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		cur.Tombstones[byKey[r.Values[0].(string)]] = true
	}
	return ecosystem.Prepare(ds, cur)
}

// recordEditors stores edited lists and tombstones after the writes.
func recordEditors(ctx context.Context, tx *txRunner, p *ecosystem.Prepared) error {
	if len(p.Edited) > 0 {
		rows := make([]map[string]any, 0, len(p.Edited))
		for id, list := range p.Edited {
			rows = append(rows, map[string]any{"id": id, "edited": list})
		}
		if _, _, err := tx.run(ctx, "UNWIND $rows AS row MATCH (n:Node {id: row.id}) SET n.editedFields = row.edited", map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	keys := func(ids []string) []string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = ecosystem.TombstoneKey(id)
		}
		return out
	}
	if len(p.NewTombstones) > 0 {
		if _, _, err := tx.run(ctx, "UNWIND $keys AS key MERGE (:Tombstone {key: key})", map[string]any{"keys": keys(p.NewTombstones)}); err != nil {
			return err
		}
	}
	if len(p.Revived) > 0 {
		if _, _, err := tx.run(ctx, "MATCH (t:Tombstone) WHERE t.key IN $keys DELETE t", map[string]any{"keys": keys(p.Revived)}); err != nil {
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

// merge moves every relationship of m.Merge to m.Keep (unless Keep has
// that one already), deletes m.Merge and leaves a redirect.
func merge(ctx context.Context, tx *txRunner, m ecosystem.Merge, stats *ecosystem.ApplyStats) error {
	params := map[string]any{"keep": m.Keep, "merge": m.Merge}
	for _, t := range ecosystem.RelTypes {
		for _, stmt := range []string{
			`MATCH (m:Node {id: $merge})-[r:%[1]s]->(x:Node) WHERE x.id <> $keep
MATCH (k:Node {id: $keep}) MERGE (k)-[n:%[1]s]->(x) ON CREATE SET n = properties(r)`,
			`MATCH (x:Node)-[r:%[1]s]->(m:Node {id: $merge}) WHERE x.id <> $keep
MATCH (k:Node {id: $keep}) MERGE (x)-[n:%[1]s]->(k) ON CREATE SET n = properties(r)`,
		} {
			_, sum, err := tx.run(ctx, fmt.Sprintf(stmt, t), params)
			if err != nil {
				return err
			}
			stats.LinksCreated += sum.Counters().RelationshipsCreated()
		}
	}
	_, sum, err := tx.run(ctx, `MATCH (m:Node {id: $merge}) DETACH DELETE m
WITH count(*) AS done
OPTIONAL MATCH (old:Redirect {to: $merge}) SET old.to = $keep
WITH count(*) AS moved
MERGE (r:Redirect {id: $merge}) SET r.to = $keep`, params)
	if err != nil {
		return err
	}
	stats.NodesDeleted += sum.Counters().NodesDeleted()
	stats.LinksDeleted += sum.Counters().RelationshipsDeleted()
	return nil
}

// removeFirst runs the deleting parts of a dataset: deletes, merges,
// removed links and emptied link slots.
func removeFirst(ctx context.Context, tx *txRunner, ds *ecosystem.Dataset, stats *ecosystem.ApplyStats) error {
	for _, m := range ds.Merges {
		if err := merge(ctx, tx, m, stats); err != nil {
			return err
		}
	}
	if len(ds.Deletes) > 0 {
		_, sum, err := tx.run(ctx, "MATCH (n:Node) WHERE n.id IN $ids DETACH DELETE n", map[string]any{"ids": ds.Deletes})
		if err != nil {
			return err
		}
		stats.NodesDeleted += sum.Counters().NodesDeleted()
		stats.LinksDeleted += sum.Counters().RelationshipsDeleted()
	}
	for _, t := range ecosystem.RelTypes {
		var removals []map[string]any
		for _, l := range ds.RemoveLinks {
			if l.Type == t {
				removals = append(removals, map[string]any{"from": l.From, "to": l.To})
			}
		}
		var slots, inSlots []string
		for _, sl := range ds.ReplaceLinks {
			switch {
			case sl.Type != t:
			case sl.From != "":
				slots = append(slots, sl.From)
			default:
				inSlots = append(inSlots, sl.To)
			}
		}
		if len(removals) > 0 {
			_, sum, err := tx.run(ctx, fmt.Sprintf("UNWIND $rows AS row MATCH (:Node {id: row.from})-[r:%s]->(:Node {id: row.to}) DELETE r", t),
				map[string]any{"rows": removals})
			if err != nil {
				return err
			}
			stats.LinksDeleted += sum.Counters().RelationshipsDeleted()
		}
		for pattern, ids := range map[string][]string{"(a:Node)-[r:%s]->()": slots, "()-[r:%s]->(a:Node)": inSlots} {
			if len(ids) == 0 {
				continue
			}
			_, sum, err := tx.run(ctx, fmt.Sprintf("MATCH "+pattern+" WHERE a.id IN $ids DELETE r", t), map[string]any{"ids": ids})
			if err != nil {
				return err
			}
			stats.LinksDeleted += sum.Counters().RelationshipsDeleted()
		}
	}
	return nil
}
