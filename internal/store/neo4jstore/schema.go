package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// Migrate creates the constraints and indexes the store relies on. It is
// idempotent and runs at start-up and as `hubgraph migrate`.
func (s *Store) Migrate(ctx context.Context) error {
	stmts := []string{
		// Ids are unique across all types: every entity is also a :Node.
		"CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE",
		"CREATE INDEX organisation_org_number IF NOT EXISTS FOR (n:Organisation) ON (n.orgNumber)",
		// The equality filters of lists (graph/filters.go), so that a
		// filtered list counts its matches from an index instead of
		// reading every entity of the label: at scale L (100,000
		// organisations) a count of research organisations in Norway
		// takes 100 ms without them, 2.5 ms with the pair's index.
		"CREATE INDEX organisation_sector IF NOT EXISTS FOR (n:Organisation) ON (n.sector)",
		"CREATE INDEX organisation_country IF NOT EXISTS FOR (n:Organisation) ON (n.country)",
		"CREATE INDEX organisation_sector_country IF NOT EXISTS FOR (n:Organisation) ON (n.sector, n.country)",
		"CREATE INDEX project_status IF NOT EXISTS FOR (n:Project) ON (n.status)",
		// Ids an editor deleted, which seeds and imports must not bring back.
		// (kept as hashes, so an erased person's id is not kept in the clear).
		"CREATE CONSTRAINT tombstone_key IF NOT EXISTS FOR (t:Tombstone) REQUIRE t.key IS UNIQUE",
		// Ids retired by a merge, and where they lead.
		"CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (r:Redirect) REQUIRE r.id IS UNIQUE",
	}
	labels := make([]string, 0, len(ecosystem.Labels))
	for _, l := range ecosystem.Labels {
		lower := strings.ToLower(string(l))
		stmts = append(stmts,
			fmt.Sprintf("CREATE CONSTRAINT %s_id IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE", lower, l),
			fmt.Sprintf("CREATE INDEX %s_sort IF NOT EXISTS FOR (n:%s) ON (n.sortKey, n.id)", lower, l))
		labels = append(labels, string(l))
	}
	fields := make([]string, len(searchProperties))
	for i, p := range searchProperties {
		fields[i] = "n." + p
	}
	stmts = append(stmts, fmt.Sprintf("CREATE FULLTEXT INDEX search_text IF NOT EXISTS FOR (n:%s) ON EACH [%s]",
		strings.Join(labels, "|"), strings.Join(fields, ", ")))
	if err := s.dropStaleSearchIndex(ctx, labels); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, stmt := range stmts {
		if err := s.exec(ctx, stmt, nil); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	if err := s.refoldSearchProperties(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// searchProperties are the properties the full-text index covers: the
// folded words of every search text (storekit.SearchWordsProperty). The
// index's analyzer only splits them; folding accents and Norwegian
// letters happens in storekit, since Community has no custom analyzers.
var searchProperties = []string{storekit.SearchWordsProperty}

// refoldBatch is how many entities one migration transaction refolds.
const refoldBatch = 500

// refoldSearchProperties gives every entity stored without folded search
// fields of this version (stored before search folded, or by another
// version of the folding) its fields and words, a batch at a time.
func (s *Store) refoldSearchProperties(ctx context.Context) error {
	for {
		recs, err := s.read(ctx, `MATCH (n:Node) WITH n, coalesce(n.`+storekit.SearchFieldsProperty+`, '') AS fields
WHERE NOT (fields = $version OR fields STARTS WITH $version + '\n')
RETURN n LIMIT $limit`, map[string]any{"version": storekit.SearchFieldsVersion, "limit": refoldBatch})
		if err != nil || len(recs) == 0 {
			return err
		}
		rows := make([]map[string]any, 0, len(recs))
		for _, r := range recs {
			node := r.Values[0].(neo4j.Node)
			n, err := decodeNode(node)
			if err != nil {
				return fmt.Errorf("the entity %v: %w", node.Props["id"], err)
			}
			props := map[string]any{}
			storekit.SetSearchProperties(props, n)
			props["id"] = n.NodeMeta().ID
			rows = append(rows, props)
		}
		if err := s.exec(ctx, `UNWIND $rows AS row MATCH (n:Node {id: row.id})
SET n.`+storekit.SearchFieldsProperty+` = row.`+storekit.SearchFieldsProperty+`, n.`+storekit.SearchWordsProperty+` = row.`+storekit.SearchWordsProperty,
			map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
}

// dropStaleSearchIndex drops the full-text index when it covers other
// labels or properties than this version wants (CREATE ... IF NOT EXISTS
// would keep the old one), so that Migrate recreates it.
func (s *Store) dropStaleSearchIndex(ctx context.Context, labels []string) error {
	recs, err := s.read(ctx, "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties WHERE name = 'search_text' RETURN labelsOrTypes, properties", nil)
	if err != nil || len(recs) == 0 {
		return err
	}
	same := func(have any, want []string) bool {
		list, _ := have.([]any)
		if len(list) != len(want) {
			return false
		}
		set := map[string]bool{}
		for _, x := range list {
			set[fmt.Sprint(x)] = true
		}
		for _, w := range want {
			if !set[w] {
				return false
			}
		}
		return true
	}
	if same(recs[0].Values[0], labels) && same(recs[0].Values[1], searchProperties) {
		return nil
	}
	return s.exec(ctx, "DROP INDEX search_text IF EXISTS", nil)
}

// AwaitIndexes waits until every index is online, as tests need right
// after Migrate.
func (s *Store) AwaitIndexes(ctx context.Context) error {
	return s.exec(ctx, "CALL db.awaitIndexes(120)", nil)
}

// Replan has Neo4j sample its indexes again and forget its statement
// plans (db.prepareForReplanning), so that statements are planned on the
// statistics of the graph as it now is. Call it after a bulk load: a plan
// made during the load, on the statistics from before it, is kept until
// they drift far enough. At scale M, the first page of research
// organisations in Norway with its count took 5.1 ms on a plan made
// while the bench loaded, 1.9 ms planned again. It needs an admin user.
func (s *Store) Replan(ctx context.Context) error {
	return s.exec(ctx, "CALL db.prepareForReplanning()", nil)
}

// Reset deletes every node and relationship but the graph's state,
// whose version stamp it moves on: a cache of derived data (the
// analytics model, the collaboration index) made before the reset, in
// this process or another, must never match the graph after it, as it
// would if the stamp began again at zero. It exists for tests.
func (s *Store) Reset(ctx context.Context) error {
	return s.write(ctx, func(tx *txRunner) error {
		if _, _, err := tx.run(ctx, "MATCH (n) WHERE NOT n:GraphState DETACH DELETE n", nil); err != nil {
			return err
		}
		return bumpGraphVersion(ctx, tx)
	})
}
