package importer

import (
	"context"
	"io"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// ImportRCN reads the Research Council's file and writes it into store
// in one transaction: a failure leaves the graph as it was. The same
// file twice leaves the same graph.
func ImportRCN(ctx context.Context, store ecosystem.Store, r io.Reader, fileName string, strict bool, progress func(rows int)) (*Report, error) {
	return importInto(ctx, store, func(known Known) (*ecosystem.Dataset, *Report, error) {
		return ParseRCN(r, fileName, known, strict, progress)
	})
}

// importInto reads what the graph knows, parses with it and writes the
// result in one transaction.
func importInto(ctx context.Context, store ecosystem.Store, parse func(Known) (*ecosystem.Dataset, *Report, error)) (*Report, error) {
	snap, err := store.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	ds, rep, err := parse(KnownFrom(snap))
	if err != nil {
		return rep, err
	}
	stats, err := store.Apply(ctx, ds)
	if err != nil {
		return rep, err
	}
	rep.Stats = stats
	return rep, nil
}
