// Package neo4jstore implements ecosystem.Store on a Neo4j 5 server over
// Bolt. Every entity is a node labelled Node and its type (Organisation,
// Person, ...), holding the properties storekit.StoredProperties makes:
// the entity's flat properties plus sortKey (the Norwegian collation key
// of its name), searchText and contentHash. Labels and relationship
// types in Cypher come only from the domain's allow-lists; every value is
// a parameter.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is a bolt:// (single server) or neo4j:// (routing) address.
	URI      string
	Username string
	Password string
	// Database is the database name; "neo4j" when empty.
	Database string
}

// Store is an ecosystem.Store on Neo4j. It is safe for concurrent use.
type Store struct {
	driver     neo4j.DriverWithContext
	database   string
	roundTrips atomic.Int64
}

var _ ecosystem.Store = (*Store)(nil)

// Open connects to Neo4j and verifies that it answers. It does not change
// the schema; call Migrate for that.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		return nil, fmt.Errorf("neo4j: %w", err)
	}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		_ = driver.Close(ctx)
		return nil, fmt.Errorf("neo4j at %s: %w", cfg.URI, err)
	}
	return &Store{driver: driver, database: cfg.Database}, nil
}

// RoundTrips returns how many Cypher statements the store has sent. Tests
// use it to show that a query's cost does not grow with the data.
func (s *Store) RoundTrips() int64 { return s.roundTrips.Load() }

// Close closes the driver.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that the server answers.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, "RETURN 1", nil)
	return err
}

// read runs one read statement with the driver's retries.
func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	s.roundTrips.Add(1)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, mapError(err)
	}
	return res.Records, nil
}

// exec runs one statement that may write (schema changes) as its own
// transaction, routed to the writer.
func (s *Store) exec(ctx context.Context, cypher string, params map[string]any) error {
	s.roundTrips.Add(1)
	_, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database))
	return mapError(err)
}

// write runs work in one managed write transaction; the driver retries it
// on transient errors, so work must be idempotent.
func (s *Store) write(ctx context.Context, work func(tx *txRunner) error) error {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, work(&txRunner{tx: tx, store: s})
	})
	return mapError(err)
}

// txRunner runs statements in a transaction and counts them.
type txRunner struct {
	tx    neo4j.ManagedTransaction
	store *Store
}

func (t *txRunner) run(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, neo4j.ResultSummary, error) {
	t.store.roundTrips.Add(1)
	res, err := t.tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, nil, err
	}
	sum, err := res.Consume(ctx)
	return recs, sum, err
}

// mapError turns driver errors into domain errors where the cause is the
// user's (a uniqueness constraint: CONFLICT); other errors pass through
// wrapped, to be logged and shown only as INTERNAL.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var domain *ecosystem.Error
	if errors.As(err, &domain) {
		return err
	}
	var verrs ecosystem.ValidationErrors
	if errors.As(err, &verrs) {
		return verrs
	}
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed" {
		return ecosystem.Errorf(ecosystem.CodeConflict, "an entity with that id already exists")
	}
	return fmt.Errorf("neo4j: %w", err)
}
