package neo4jstore

import "context"

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
