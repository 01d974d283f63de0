package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/importer"
)

// importCommand runs `hubgraph import rcn-eu [-strict] FILE` and
// `hubgraph import cordis [-strict] DIR`: progress on stderr while
// reading and writing, then on stdout every duplicate, skipped and bad
// row by file and line, and a summary. With -strict a bad row fails the
// command with nothing written.
func importCommand(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	const usage = "usage: hubgraph import rcn-eu [-strict] FILE | cordis [-strict] DIR | json FILE"
	if len(args) == 0 || (args[0] != "rcn-eu" && args[0] != "cordis") {
		return errors.New(usage)
	}
	format := args[0]
	fs := flag.NewFlagSet("import "+format, flag.ContinueOnError)
	fs.SetOutput(stderr)
	strict := fs.Bool("strict", false, "refuse the whole input if any row is bad")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New(usage)
	}
	path := fs.Arg(0)
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	start := time.Now()
	var rep *importer.Report
	if format == "cordis" {
		progress := newImportProgress(stderr, isTerminal(stderr), filepath.Base(path), 0)
		rep, err = importer.ImportCORDIS(ctx, st, path, *strict, progress.hooks(true))
		progress.done(err)
	} else {
		f, openErr := os.Open(path)
		if openErr != nil {
			return openErr
		}
		defer f.Close()
		var size int64
		if info, statErr := f.Stat(); statErr == nil {
			size = info.Size()
		}
		progress := newImportProgress(stderr, isTerminal(stderr), filepath.Base(path), size)
		rep, err = importer.ImportRCN(ctx, st, progress.reader(f), path, *strict, progress.hooks(false))
		progress.done(err)
	}
	if rep != nil {
		for _, list := range []struct {
			kind     string
			problems []importer.Problem
		}{{"bad", rep.Bad}, {"duplicate", rep.Duplicates}, {"skipped", rep.Skipped}} {
			for _, p := range list.problems {
				fmt.Fprintf(stdout, "%s line %d: %s: %s\n", p.File, p.Line, list.kind, p.Reason)
			}
		}
		for _, note := range slices.Concat(rep.Conflicts, rep.Notes) {
			fmt.Fprintf(stdout, "note: %s\n", note)
		}
	}
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "import: %d rows (%d duplicate, %d skipped, %d bad) → %d projects, %d organisations (%d already in the graph), %d participations of %d distinct; %d nodes created, %d updated, %d relationships created; %.1f s, %.0f rows/s\n",
		rep.RowsRead, len(rep.Duplicates), len(rep.Skipped), len(rep.Bad), rep.Projects, rep.Organisations, rep.OrganisationsMatched,
		rep.Participations, rep.DistinctParticipations, rep.Stats.NodesCreated, rep.Stats.NodesUpdated, rep.Stats.LinksCreated,
		elapsed.Seconds(), float64(rep.RowsRead)/elapsed.Seconds())
	return nil
}
