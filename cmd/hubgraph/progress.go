package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/cancermissionhub/hubgraph/internal/importer"
)

// isTerminal reports whether w is a terminal, where progress is drawn as
// bars rather than written as lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// importProgress shows an import's two phases on w. On a terminal: a bar
// over the input's bytes while reading (a row counter when the size is
// unknown), then a spinner while the one write transaction runs.
// Elsewhere (a log, a pipe): a line every 500 rows, a line when the write
// starts and one when it ends.
type importProgress struct {
	w       io.Writer
	bars    *mpb.Progress
	read    *mpb.Bar
	write   *mpb.Bar
	writing time.Time
}

// newImportProgress starts showing an import of name; size is the
// input's size in bytes, or 0 when unknown. opts are for tests, which
// draw bars into a buffer.
func newImportProgress(w io.Writer, tty bool, name string, size int64, opts ...mpb.ContainerOption) *importProgress {
	p := &importProgress{w: w}
	if !tty {
		return p
	}
	p.bars = mpb.New(append([]mpb.ContainerOption{mpb.WithOutput(w)}, opts...)...)
	if size > 0 {
		p.read = p.bars.AddBar(size, mpb.PrependDecorators(decor.Name("reading "+name+" ")),
			mpb.AppendDecorators(decor.Percentage()))
	} else {
		p.read = p.bars.AddSpinner(0, mpb.PrependDecorators(decor.Name("reading "+name+" ")),
			mpb.AppendDecorators(decor.CurrentNoUnit("%d rows")))
	}
	return p
}

// reader returns r, counted by the reading bar when there is one.
func (p *importProgress) reader(r io.Reader) io.Reader {
	if p.read == nil {
		return r
	}
	proxy, err := p.read.ProxyReader(r)
	if err != nil {
		return r
	}
	return proxy
}

// hooks returns what the importer calls as it advances.
func (p *importProgress) hooks(countRows bool) *importer.Progress {
	return &importer.Progress{
		Read: func(rows int) {
			switch {
			case p.bars == nil:
				fmt.Fprintf(p.w, "import: %d rows read\n", rows)
			case countRows:
				p.read.SetCurrent(int64(rows))
			}
		},
		Write: func(nodes, links int) {
			p.writing = time.Now()
			what := fmt.Sprintf("writing %d nodes and %d relationships", nodes, links)
			if p.bars == nil {
				fmt.Fprintf(p.w, "import: %s…\n", what)
				return
			}
			p.read.SetTotal(-1, true)
			p.write = p.bars.AddSpinner(0, mpb.PrependDecorators(decor.Name(what+" ")),
				mpb.AppendDecorators(decor.Elapsed(decor.ET_STYLE_GO)), mpb.BarFillerOnComplete("done"))
		},
	}
}

// done ends the display: bars complete (or are abandoned on an error) and
// are drawn a last time.
func (p *importProgress) done(err error) {
	if p.bars == nil {
		if err == nil && !p.writing.IsZero() {
			fmt.Fprintf(p.w, "import: written in %.1f s\n", time.Since(p.writing).Seconds())
		}
		return
	}
	for _, b := range []*mpb.Bar{p.read, p.write} {
		switch {
		case b == nil || b.Completed():
		case err == nil:
			b.SetTotal(-1, true)
		default:
			b.Abort(false)
		}
	}
	p.bars.Wait()
}
