package storekit_test

import (
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// TestAnImportRepairsWhatAnEarlierImportWrote: an import (FillOnly)
// replaces or removes a register's placeholder and a name in capitals,
// and leaves what an editor set and what people wrote alone.
func TestAnImportRepairsWhatAnEarlierImportWrote(t *testing.T) {
	org := func(name, short, website string) *ecosystem.Organisation {
		o := &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "o", Sources: []ecosystem.Source{{Kind: ecosystem.SourceImport, Reference: "f"}}},
			Name: name, Sector: ecosystem.SectorResearch}
		if short != "" {
			o.ShortName = &short
		}
		if website != "" {
			o.Website = &website
		}
		return o
	}
	tests := []struct {
		name              string
		current, incoming *ecosystem.Organisation
		edited            []storekit.Mark
		want              *ecosystem.Organisation
	}{
		{"a placeholder with nothing in its place goes", org("X", "ukjent", ""), org("X", "", ""), nil, org("X", "", "")},
		{"a placeholder gives way to a value", org("X", "-", ""), org("X", "XX", ""), nil, org("X", "XX", "")},
		{"an editor's placeholder stays", org("X", "N/A", ""), org("X", "", ""), []storekit.Mark{storekit.FieldMark("shortName")}, org("X", "N/A", "")},
		{"capitals give way to the same words cased", org("SINTEF OCEAN AS", "", ""), org("SINTEF Ocean AS", "", ""), nil, org("SINTEF Ocean AS", "", "")},
		{"a cased name stays", org("Sintef Ocean", "", ""), org("SINTEF Ocean AS", "", ""), nil, org("Sintef Ocean", "", "")},
		{"an editor's capitals stay", org("SINTEF OCEAN AS", "", ""), org("SINTEF Ocean AS", "", ""), []storekit.Mark{storekit.FieldMark("name")}, org("SINTEF OCEAN AS", "", "")},
		{"other values stay", org("X", "Y", "https://x.no"), org("X", "Z", "https://z.no"), nil, org("X", "Y", "https://x.no")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := storekit.Current{Existing: map[string]storekit.Existing{"o": {Label: ecosystem.LabelOrganisation, Version: 1, Node: tt.current, Edited: tt.edited}}}
			p, err := storekit.Prepare(&ecosystem.Dataset{FillOnly: true, Nodes: []ecosystem.Node{tt.incoming}}, cur)
			if err != nil {
				t.Fatal(err)
			}
			got := p.Nodes[0].(*ecosystem.Organisation)
			if got.Name != tt.want.Name || str(got.ShortName) != str(tt.want.ShortName) || str(got.Website) != str(tt.want.Website) {
				t.Errorf("got name %q, short name %v, website %v; want %q, %v, %v", got.Name, str(got.ShortName), str(got.Website),
					tt.want.Name, str(tt.want.ShortName), str(tt.want.Website))
			}
		})
	}
}

func str(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}
