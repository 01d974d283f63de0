package importer

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed/data"
)

// Group is one tie of group structure that the imported files do not
// state: the organisation with one number is a unit of the organisation
// with another, and where that is stated.
type Group struct {
	Unit, Parent string
	Sources      []ecosystem.Source
}

// groupColumns are the columns of a group file (seed/data/groups.csv).
var groupColumns = []string{"unit", "unit name", "parent", "parent name", "source"}

// ParseGroups reads a group file: per row, a unit's organisation number
// and name, its parent's, and the source that states the tie. Returns
// BAD_USER_INPUT for a wrong header or a bad row.
func ParseGroups(r io.Reader, fileName string) ([]Group, error) {
	var out []Group
	rep := &Report{}
	err := readTable(r, table{file: fileName, columns: groupColumns, layout: "a group file"}, rep, nil, func(rw row, line int) {
		unit, parent := rw["unit"], rw["parent"]
		if !orgNumber.MatchString(unit) || !orgNumber.MatchString(parent) || unit == parent || rw["source"] == "" {
			rep.Bad = append(rep.Bad, Problem{fileName, line, "want two different nine-digit organisation numbers and a source"})
			return
		}
		out = append(out, Group{Unit: unit, Parent: parent, Sources: []ecosystem.Source{
			{Kind: ecosystem.SourceImport, Reference: fileName, Row: &line},
			{Kind: ecosystem.SourceDocument, Reference: rw["source"]},
		}})
	})
	if err != nil {
		return nil, err
	}
	if len(rep.Bad) > 0 {
		return nil, ecosystem.Errorf(ecosystem.CodeBadUserInput, "%s line %d: %s", fileName, rep.Bad[0].Line, rep.Bad[0].Reason)
	}
	return out, nil
}

// DefaultGroups returns the group structure every import applies
// (seed/data/groups.csv, embedded).
var DefaultGroups = sync.OnceValues(func() ([]Group, error) {
	gs, err := ParseGroups(bytes.NewReader(data.Groups), "groups.csv")
	if err != nil {
		return nil, fmt.Errorf("the embedded group file: %w", err)
	}
	return gs, nil
})

// placeInGroups links each organisation of the import that the group
// structure names to its parent, when the parent is known (in the graph
// or in this import), once every row is read.
func (b *builder) placeInGroups() {
	ids := make([]string, 0, len(b.orgs))
	for id := range b.orgs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		ident := b.idents[id]
		if ident == nil {
			continue
		}
		for _, g := range b.groups[ident.number] {
			if parent, ok := b.byNumber[g.Parent]; ok && parent != id {
				b.link(id, ecosystem.RelUnitOf, parent, &ecosystem.LinkFacts{Sources: g.Sources})
			}
		}
	}
}
