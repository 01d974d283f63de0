package importer

import (
	"context"
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
	return rep, nil
}
