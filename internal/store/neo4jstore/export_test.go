package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Exec runs one statement, for tests that set up what only an older
// version of hubgraph would have left.
func (s *Store) Exec(ctx context.Context, cypher string) error { return s.exec(ctx, cypher, nil) }

// Read runs one read statement and returns its first column, for tests.
func (s *Store) Read(ctx context.Context, cypher string) ([]any, error) {
	recs, err := s.read(ctx, cypher, nil)
	out := make([]any, len(recs))
	for i, r := range recs {
		out[i] = r.Values[0]
	}
	return out, err
}

// Profile runs every later read under PROFILE and hands f its database
// hits, the rows its operators passed and the size of its answer as
// JSON, for benchmarks.
func (s *Store) Profile(f func(cypher string, dbHits, rows, size int64)) { s.profiled = f }

// CypherCollaboratorPages ranks collaborators in Cypher, whatever the
// store has indexed.
func (s *Store) CypherCollaboratorPages(ctx context.Context, organisationIDs []string, req ecosystem.PageRequest) (map[string]*ecosystem.CollaboratorPage, error) {
	return s.cypherCollaboratorPages(ctx, organisationIDs, req)
}

// IndexedCollaboratorPages ranks collaborators in the store's latest
// index; false when there is none or the graph has moved on since.
func (s *Store) IndexedCollaboratorPages(ctx context.Context, organisationIDs []string, req ecosystem.PageRequest) (map[string]*ecosystem.CollaboratorPage, bool, error) {
	x := s.collaborations.latest()
	if x == nil {
		return nil, false, nil
	}
	return s.indexedCollaboratorPages(ctx, x, organisationIDs, req)
}

// Notifications runs one read statement through the store's driver and
// returns the codes of the notifications the server sent with it.
func (s *Store) Notifications(ctx context.Context, cypher string) ([]string, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	var codes []string
	for _, n := range res.Summary.Notifications() {
		codes = append(codes, n.Code())
	}
	return codes, nil
}
