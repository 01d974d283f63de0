// Package neo4jstore implements ecosystem.Store on a Neo4j 5 server over
// Bolt. Every entity is a node labelled Node and its type (Organisation,
// Person, ...), holding the properties storekit.StoredProperties makes:
// the entity's flat properties plus sortKey (the Norwegian collation key
// of its name), searchText, contentHash, and searchFields and searchWords
// (the folded texts search ranks and the full-text index finds words
// in). Labels and relationship
// types in Cypher come only from the domain's allow-lists; every value is
// a parameter.
package neo4jstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/notifications"

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
	// RetryTime bounds how long a transaction or a read is retried on
	// transient errors and lost connections (the driver's own default
	// is 30 s); 5 s when zero.
	RetryTime time.Duration
	// TombstoneSecret keys the tombstones of erased ids (see
	// storekit.Tombstoner); empty, a random salt kept in the database
	// does.
	TombstoneSecret string
}

// Store is an ecosystem.Store on Neo4j. It is safe for concurrent use.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	secret   string
	// routed is set for a routing URI (neo4j://: a cluster), where reads
	// may go to a follower: then every transaction shares the driver's
	// bookmark manager, so that a read waits for the writes this process
	// made before it. One server (bolt://) needs no bookmarks, and its
	// reads leave them out.
	routed bool
	// retryTime bounds the retries of a read (Config.RetryTime).
	retryTime  time.Duration
	roundTrips atomic.Int64
	// profiled, when set (by benchmarks), runs every read under PROFILE
	// and receives its database hits, the rows its operators passed and
	// the size of what it returned (as JSON, an estimate of the bytes).
	profiled func(cypher string, dbHits, rows, size int64)
	// matchCounts remembers how many entities filtered lists matched,
	// to choose how the next page of the same filter is read.
	matchCounts matchCounts
	// collaborations ranks collaborators in memory while the graph is
	// as it was indexed (see collaborations.go).
	collaborations collaborationIndexes
	// down is set when the server did not answer, and cleared by a probe
	// that reaches it; lastProbe (unix nanoseconds) spaces the probes.
	down      atomic.Bool
	lastProbe atomic.Int64
}

// probeEvery is how often, while the server is known to be down, a
// request probes it; the others fail at once with UNAVAILABLE.
const probeEvery = 500 * time.Millisecond

var _ ecosystem.Store = (*Store)(nil)

// Open connects to Neo4j and verifies that it answers (UNAVAILABLE when
// it does not). It does not change the schema; call Migrate for that.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		_ = s.driver.Close(ctx)
		return nil, fmt.Errorf("neo4j at %s: %w", cfg.URI, mapError(err))
	}
	return s, nil
}

// New returns a store on Neo4j without contacting it, so that a server
// can start while Neo4j is down: until it answers, every call fails
// fast with UNAVAILABLE (see Ping), and the store recovers by itself once
// it does.
func New(cfg Config) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if cfg.RetryTime == 0 {
		cfg.RetryTime = 5 * time.Second
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""), func(c *config.Config) {
		c.MaxTransactionRetryTime = cfg.RetryTime
		c.SocketConnectTimeout = 2 * time.Second
		c.ConnectionAcquisitionTimeout = cfg.RetryTime
		// Neither the store nor its users read notifications, and Neo4j
		// sends one for every property a statement names that no entity
		// has: reading a whole entity names every label's properties, so
		// on a graph that never stored some of them (the bench's scale M:
		// 24 warnings a statement) building, sending and decoding them
		// took a tenth of a small read's time.
		c.NotificationsMinSeverity = notifications.DisabledLevel
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: %w", err)
	}
	return &Store{driver: driver, database: cfg.Database, secret: cfg.TombstoneSecret, routed: strings.HasPrefix(cfg.URI, "neo4j"), retryTime: cfg.RetryTime}, nil
}

// ready fails fast with UNAVAILABLE while the server is known to be down,
// except that every probeEvery one call probes it (and, if it answers,
// clears the state and goes ahead).
func (s *Store) ready(ctx context.Context) error {
	if !s.down.Load() {
		return nil
	}
	now := time.Now().UnixNano()
	last := s.lastProbe.Load()
	if now-last < int64(probeEvery) || !s.lastProbe.CompareAndSwap(last, now) {
		return errUnavailable(nil)
	}
	pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.driver.VerifyConnectivity(pctx); err != nil {
		return errUnavailable(err)
	}
	s.down.Store(false)
	return nil
}

// observe records what an error says of the server's health and returns
// it as mapError does.
func (s *Store) observe(err error) error {
	err = mapError(err)
	if ecosystem.ErrorCode(err) == ecosystem.CodeUnavailable {
		s.down.Store(true)
	}
	return err
}

// RoundTrips returns how many Cypher statements the store has sent for
// its callers (not those that make the collaboration index, in the
// background). Tests use it to show that a query's cost does not grow
// with the data.
func (s *Store) RoundTrips() int64 { return s.roundTrips.Load() }

// uncountedKey marks the context of a read RoundTrips does not count.
type uncountedKey struct{}

// Close closes the driver.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that the server answers, whatever was known of it, and
// records the answer: a store that was down is up again once Ping says
// so.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		s.down.Store(true)
		return errUnavailable(err)
	}
	s.down.Store(false)
	_, err := s.read(ctx, "RETURN 1", nil)
	return err
}

// read runs one read statement (autoCommitRead), counted and, for
// benchmarks, profiled.
func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	if err := s.ready(ctx); err != nil {
		return nil, err
	}
	if ctx.Value(uncountedKey{}) == nil {
		s.roundTrips.Add(1)
	}
	if s.profiled != nil {
		cypher = "PROFILE " + cypher
	}
	records, summary, err := s.autoCommitRead(ctx, cypher, params)
	if err != nil {
		return nil, s.observe(err)
	}
	if s.profiled != nil {
		hits, rows := planTotals(summary.Profile())
		size := 0
		for _, r := range records {
			b, _ := json.Marshal(r.Values)
			size += len(b)
		}
		s.profiled(cypher, hits, rows, int64(size))
	}
	return records, nil
}

// autoCommitRead runs one read statement as an auto-commit transaction,
// routed to a reader: one network round trip (RUN and PULL), where a
// managed transaction takes two (BEGIN, RUN and PULL, then COMMIT),
// which cost a third of a small read's time. Since the driver retries
// only managed transactions, it retries as they would be: on errors the
// driver calls retryable, with a growing pause, for at most the
// configured RetryTime and while ctx lasts. On a cluster the session
// shares the driver's bookmark manager (see Store.routed).
func (s *Store) autoCommitRead(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, neo4j.ResultSummary, error) {
	cfg := neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead}
	if s.routed {
		cfg.BookmarkManager = s.driver.ExecuteQueryBookmarkManager()
	}
	deadline := time.Now().Add(s.retryTime)
	pause := 10 * time.Millisecond
	for {
		records, summary, err := runOnce(ctx, s.driver.NewSession(ctx, cfg), cypher, params)
		if err == nil || !neo4j.IsRetryable(err) || time.Now().Add(pause).After(deadline) {
			return records, summary, err
		}
		select {
		case <-ctx.Done():
			return nil, nil, err
		case <-time.After(pause):
		}
		pause = min(2*pause, time.Second)
	}
}

// runOnce runs one auto-commit statement in session, reads all of its
// records and closes the session.
func runOnce(ctx context.Context, session neo4j.SessionWithContext, cypher string, params map[string]any) ([]*neo4j.Record, neo4j.ResultSummary, error) {
	defer session.Close(ctx)
	result, err := session.Run(ctx, cypher, params)
	return collectAll(ctx, result, err)
}

// exec runs one statement that may write (schema changes) as its own
// transaction, routed to the writer.
func (s *Store) exec(ctx context.Context, cypher string, params map[string]any) error {
	if err := s.ready(ctx); err != nil {
		return err
	}
	s.roundTrips.Add(1)
	_, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database))
	return s.observe(err)
}

// write runs work in one managed write transaction; the driver retries it
// on transient errors, so work must be idempotent.
func (s *Store) write(ctx context.Context, work func(tx *txRunner) error) error {
	if err := s.ready(ctx); err != nil {
		return err
	}
	cfg := neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite}
	if s.routed {
		cfg.BookmarkManager = s.driver.ExecuteQueryBookmarkManager()
	}
	session := s.driver.NewSession(ctx, cfg)
	defer session.Close(ctx)
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, work(&txRunner{tx: tx, store: s})
	})
	return s.observe(err)
}

// txRunner runs statements in a transaction and counts them.
type txRunner struct {
	tx    neo4j.ManagedTransaction
	store *Store
}

func (t *txRunner) run(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, neo4j.ResultSummary, error) {
	t.store.roundTrips.Add(1)
	res, err := t.tx.Run(ctx, cypher, params)
	return collectAll(ctx, res, err)
}

// collectAll reads every record of a statement's result and its
// summary, or passes on the error that running it gave.
func collectAll(ctx context.Context, res neo4j.ResultWithContext, err error) ([]*neo4j.Record, neo4j.ResultSummary, error) {
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

// errIDTaken is the error of a write that found an entity's id taken
// (its uniqueness constraint failed): a conflict with another write.
var errIDTaken = ecosystem.Errorf(ecosystem.CodeConflict, "an entity with that id already exists")

// isUniquenessFailure says whether a write failed because an id it
// creates was taken.
func isUniquenessFailure(err error) bool { return errors.Is(err, errIDTaken) }

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
		return errIDTaken
	}
	var cerr *neo4j.ConnectivityError
	if errors.As(err, &cerr) && strings.Contains(cerr.Error(), "Connection lost during commit") {
		return &ecosystem.Error{Code: ecosystem.CodeOutcomeUnknown, Message: "the connection to the database was lost while the write committed, so it may or may not have been saved: read it back (its version) before retrying, or retry it with expectedVersion"}
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &cerr) || errors.As(err, &limit) || (errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.TransientError.")) {
		return errUnavailable(err)
	}
	return fmt.Errorf("neo4j: %w", err)
}

// planTotals sums the database hits and rows of a profiled plan's
// operators.
func planTotals(p neo4j.ProfiledPlan) (dbHits, rows int64) {
	if p == nil {
		return 0, 0
	}
	dbHits, rows = p.DbHits(), p.Records()
	for _, c := range p.Children() {
		h, r := planTotals(c)
		dbHits, rows = dbHits+h, rows+r
	}
	return dbHits, rows
}

// unavailable is the error of a store that cannot reach its server:
// UNAVAILABLE for the client, the driver's error for the log.
type unavailable struct{ cause error }

func (u *unavailable) Error() string {
	if u.cause == nil {
		return "neo4j is unavailable"
	}
	return "neo4j is unavailable: " + u.cause.Error()
}

func (u *unavailable) Unwrap() []error {
	return []error{u.cause, &ecosystem.Error{Code: ecosystem.CodeUnavailable,
		Message: "the database cannot be reached at the moment; nothing was written: retry in a few seconds"}}
}

// errUnavailable wraps a driver's error as UNAVAILABLE.
func errUnavailable(cause error) error { return &unavailable{cause: cause} }
