package importer

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// table is one `;`-separated input file of a known layout.
type table struct {
	// file is the name problems and sources cite.
	file    string
	columns []string
	// layout names the expected layout in the error for a wrong header.
	layout string
}

// progressEvery is how many rows pass between two calls of Progress.Read.
const progressEvery = 500

// readTable reads t from r and calls each with every record, by column
// name, and the line it starts on. A record the CSV parser rejects, or
// one with the wrong number of fields, is a bad row and reading goes on.
// Any other read error (a dropped connection, an upload over its limit,
// a failing disk) ends the read with that error wrapped: the reader would
// only return it again.
func readTable(r io.Reader, t table, rep *Report, progress *Progress, each func(rw row, line int)) error {
	cr := csv.NewReader(r)
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		var parseErr *csv.ParseError
		if errors.Is(err, io.EOF) || errors.As(err, &parseErr) {
			return ecosystem.Errorf(ecosystem.CodeBadUserInput, "%s: cannot read the header: %v", t.file, err)
		}
		return fmt.Errorf("%s: reading the header: %w; nothing was imported", t.file, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	if strings.Join(header, ";") != strings.Join(t.columns, ";") {
		return ecosystem.Errorf(ecosystem.CodeBadUserInput, "%s: the columns are not those of %s (%d columns, want %d starting %q)",
			t.file, t.layout, len(header), len(t.columns), t.columns[0])
	}
	line := 1
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var parseErr *csv.ParseError
		if errors.As(err, &parseErr) {
			line = parseErr.StartLine
			rep.Bad = append(rep.Bad, Problem{t.file, line, parseErr.Err.Error()})
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: reading stopped after line %d: %w; nothing was imported", t.file, line, err)
		}
		line, _ = cr.FieldPos(0)
		rep.RowsRead++
		if progress != nil && progress.Read != nil && rep.RowsRead%progressEvery == 0 {
			progress.Read(rep.RowsRead)
		}
		if len(rec) != len(t.columns) {
			rep.Bad = append(rep.Bad, Problem{t.file, line, fmt.Sprintf("%d columns, want %d", len(rec), len(t.columns))})
			continue
		}
		rw := make(row, len(t.columns))
		for i, c := range t.columns {
			rw[c] = strings.TrimSpace(rec[i])
		}
		each(rw, line)
	}
}
