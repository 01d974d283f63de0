package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/store/neo4jstore"
	"github.com/cancermissionhub/hubgraph/seed"
)

// realImport is the file the real scale imports after the seed, as the
// README's import section does.
const realImport = "seed/data/rcn-eu-h2020.csv"

// Chunk sizes of a synthetic load too large for one transaction (Neo4j
// holds a transaction's changes in its heap): nodes first, then links.
const (
	oneApply  = 150_000
	nodeChunk = 50_000
	linkChunk = 100_000
)

// Load loads the graph of a scale into an empty store through hubgraph's
// own write path (Store.Apply, in chunks; for "real", the seed and the
// importer), printing how long it took. On Neo4j, Empty it first.
func Load(ctx context.Context, st ecosystem.Store, scale string, w io.Writer) error {
	name := "embedded store"
	if n4, ok := st.(*neo4jstore.Store); ok {
		name = "Neo4j"
		if err := n4.Migrate(ctx); err != nil {
			return err
		}
		if err := n4.AwaitIndexes(ctx); err != nil {
			return err
		}
	}
	start := time.Now()
	if scale == "real" {
		ds, err := seed.Default()
		if err != nil {
			return err
		}
		if _, err := st.Apply(ctx, ds); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		f, err := os.Open(realImport)
		if err != nil {
			return err
		}
		defer f.Close()
		if _, err := importer.ImportRCN(ctx, st, f, realImport, false, nil); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	} else {
		n, ok := Scales[scale]
		if !ok {
			return fmt.Errorf("unknown scale %q (tiny, S, M, L or real)", scale)
		}
		if err := applyChunked(ctx, st, Generate(n)); err != nil {
			return err
		}
	}
	if n4, ok := st.(*neo4jstore.Store); ok {
		if err := n4.AwaitIndexes(ctx); err != nil {
			return err
		}
		// Every system then plans on the statistics of the graph loaded,
		// not on plans made while it loaded (see Store.Replan).
		if err := n4.Replan(ctx); err != nil {
			return err
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "- loaded %d nodes and %d relationships into %s in %.1f s\n",
		stats.TotalNodes(), stats.TotalRelationships(), name, time.Since(start).Seconds())
	return nil
}

// Empty deletes every node of a Neo4j database but the graph's state, in
// batches of 10,000, so that a graph larger than Neo4j's transaction
// memory (scale L) goes too.
func Empty(ctx context.Context, cfg neo4jstore.Config) error {
	driver, err := openDriver(ctx, cfg.URI, cfg.Username, cfg.Password)
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: cfg.Database})
	defer session.Close(ctx)
	// CALL { } IN TRANSACTIONS needs an auto-commit transaction. The
	// graph's state stays, as Store.Reset keeps it: its version stamp
	// only grows, so no cache made before matches the graph after.
	res, err := session.Run(ctx, "MATCH (n) WHERE NOT n:GraphState CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
	if err != nil {
		return fmt.Errorf("emptying Neo4j: %w", err)
	}
	_, err = res.Consume(ctx)
	return err
}

// applyChunked applies a dataset as one transaction, as an import does,
// or when it is too large, its nodes, then its links, in chunks.
func applyChunked(ctx context.Context, st ecosystem.Store, ds *ecosystem.Dataset) error {
	if len(ds.Nodes)+len(ds.Links) <= oneApply {
		_, err := st.Apply(ctx, ds)
		return err
	}
	for i := 0; i < len(ds.Nodes); i += nodeChunk {
		if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: ds.Nodes[i:min(i+nodeChunk, len(ds.Nodes))]}); err != nil {
			return fmt.Errorf("nodes %d–: %w", i, err)
		}
	}
	for i := 0; i < len(ds.Links); i += linkChunk {
		if _, err := st.Apply(ctx, &ecosystem.Dataset{Links: ds.Links[i:min(i+linkChunk, len(ds.Links))]}); err != nil {
			return fmt.Errorf("links %d–: %w", i, err)
		}
	}
	return nil
}
