package importer

import (
	"context"
	"fmt"
	"io"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Progress hears how an import advances, for a progress bar or progress
// lines. Either function may be nil.
type Progress struct {
	// Read is called every 500 rows with the number of rows read so far.
	Read func(rows int)
	// Write is called once the input is read, before its one write
	// transaction, with the number of nodes and relationships to write.
	Write func(nodes, links int)
}

// ImportRCN reads the Research Council's file and writes it into store
// in one transaction: a failure leaves the graph as it was. The same
// file twice leaves the same graph.
func ImportRCN(ctx context.Context, store ecosystem.Store, r io.Reader, fileName string, strict bool, progress *Progress) (*Report, error) {
	return importInto(ctx, store, progress, func(known Known) (*ecosystem.Dataset, *Report, error) {
		return ParseRCN(r, fileName, known, strict, progress)
	})
}

// importInto reads what the graph knows, parses with it and writes the
// result in one transaction.
func importInto(ctx context.Context, store ecosystem.Store, progress *Progress, parse func(Known) (*ecosystem.Dataset, *Report, error)) (*Report, error) {
	snap, err := store.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	known := KnownFrom(snap)
	if known.Groups, err = DefaultGroups(); err != nil {
		return nil, err
	}
	ds, rep, err := parse(known)
	if err != nil {
		return rep, err
	}
	if progress != nil && progress.Write != nil {
		progress.Write(len(ds.Nodes), len(ds.Links))
	}
	stats, err := store.Apply(ctx, ds)
	if err != nil {
		return rep, err
	}
	rep.Stats = stats
	if r, ok := store.(replanner); ok && stats.NodesCreated+stats.NodesUpdated+stats.LinksCreated > 0 {
		if err := r.Replan(ctx); err != nil {
			// Not the error's text: a report may go to a client.
			rep.Notes = append(rep.Notes, fmt.Sprintf("Neo4j did not plan its statements again after the import (%s; it needs an admin user); it will as its statistics change", ecosystem.ErrorCode(err)))
		}
	}
	return rep, nil
}

// replanner is a store whose database plans statements ahead and can be
// asked to plan them again on the graph as a write left it
// (neo4jstore.Store.Replan): an import that changed the graph asks, so
// that no statement keeps a plan made on the graph before it.
type replanner interface{ Replan(context.Context) error }
