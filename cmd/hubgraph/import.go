package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/cancermissionhub/hubgraph/internal/importer"
)

// importCommand runs `hubgraph import rcn-eu [-strict] FILE`: progress
// lines on stderr while reading, then a summary with every skipped and
// bad row by line number.
func importCommand(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "rcn-eu" && args[0] != "cordis") {
		return errors.New("usage: hubgraph import rcn-eu [-strict] FILE | cordis [-strict] DIR | json FILE")
	}
	format := args[0]
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	strict := fs.Bool("strict", false, "refuse the whole file if any row is bad")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: hubgraph import rcn-eu [-strict] FILE | cordis [-strict] DIR")
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	start := time.Now()
	var rep *importer.Report
	if format == "cordis" {
		rep, err = importer.ImportCORDIS(ctx, st, fs.Arg(0), *strict)
	} else {
		f, openErr := os.Open(fs.Arg(0))
		if openErr != nil {
			return openErr
		}
		defer f.Close()
		var r io.Reader = f
		progress := func(rows int) { fmt.Fprintf(stderr, "import: %d rows read\n", rows) }
		// On a terminal, a progress bar over the file's bytes instead of
		// progress lines.
		if tty, ok := stderr.(*os.File); ok && term.IsTerminal(int(tty.Fd())) {
			if info, statErr := f.Stat(); statErr == nil {
				bars := mpb.New(mpb.WithOutput(stderr))
				bar := bars.AddBar(info.Size(), mpb.PrependDecorators(decor.Name("reading "+filepath.Base(fs.Arg(0))+" ")),
					mpb.AppendDecorators(decor.Percentage()))
				if proxy, proxyErr := bar.ProxyReader(f); proxyErr == nil {
					defer bars.Wait()
					defer proxy.Close()
					r, progress = proxy, nil
				}
			}
		}
		rep, err = importer.ImportRCN(ctx, st, r, fs.Arg(0), *strict, progress)
	}
	if rep != nil {
		for _, p := range rep.Bad {
			fmt.Fprintf(stdout, "line %d: bad: %s\n", p.Line, p.Reason)
		}
		for _, p := range rep.Skipped {
			fmt.Fprintf(stdout, "line %d: skipped: %s\n", p.Line, p.Reason)
		}
		for _, c := range rep.Conflicts {
			fmt.Fprintf(stdout, "note: %s\n", c)
		}
	}
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "import: %d rows (%d duplicate, %d skipped, %d bad) → %d projects, %d organisations (%d already in the graph), %d participations; %d nodes created, %d updated, %d relationships created; %.1f s, %.0f rows/s\n",
		rep.RowsRead, rep.Duplicates, len(rep.Skipped), len(rep.Bad), rep.Projects, rep.Organisations, rep.OrganisationsMatched,
		rep.Participations, rep.Stats.NodesCreated, rep.Stats.NodesUpdated, rep.Stats.LinksCreated,
		elapsed.Seconds(), float64(rep.RowsRead)/elapsed.Seconds())
	return nil
}
