package storekit_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
	"github.com/cancermissionhub/hubgraph/seed"
)

// TestDecodeAgreesWithTheJSONDecoding: every entity and link of the
// default dataset, and entities with every kind of field set, decode
// from their stored properties (as Neo4j returns them, integers as
// int64, and as the embedded store keeps them, numbers as float64) to
// what ecosystem's JSON decoding gives.
func TestDecodeAgreesWithTheJSONDecoding(t *testing.T) {
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	row, year, budget, grants := 7, 2024, 1.5e6, 3
	when := time.Date(2025, 3, 4, 5, 6, 7, 8, time.UTC)
	short, date := "S", ecosystem.Date("2024-01-02")
	nodes := append(ds.Nodes,
		&ecosystem.Organisation{Meta: ecosystem.Meta{ID: "o", Version: 3, UpdatedAt: &when, Sources: []ecosystem.Source{{Kind: ecosystem.SourceImport, Reference: "f", Row: &row, At: &when}}},
			Name: "Ø", ShortName: &short, Aliases: []string{}, Kinds: []ecosystem.OrganisationKind{"SME"}, Focus: []string{"a", "b"}},
		&ecosystem.Call{Meta: ecosystem.Meta{ID: "c"}, Title: "T", BudgetEur: &budget, ExpectedGrants: &grants, Opens: &date,
			Requirements: []ecosystem.Requirement{{Kind: ecosystem.RequirementMinCountries, Count: 3, Sectors: []ecosystem.Sector{"RESEARCH"}}}},
		&ecosystem.Indicator{Meta: ecosystem.Meta{ID: "i"}, Name: "I", Value: 2, Year: &year},
	)
	asNeo4j := func(props map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range props {
			if f, ok := v.(float64); ok && f == float64(int64(f)) {
				v = int64(f)
			}
			if l, ok := v.([]string); ok {
				list := make([]any, len(l))
				for i, s := range l {
					list[i] = s
				}
				v = list
			}
			out[k] = v
		}
		return out
	}
	for _, n := range nodes {
		props := ecosystem.Properties(n)
		for _, stored := range []map[string]any{props, asNeo4j(props)} {
			want, err := ecosystem.NodeFromProperties(n.NodeLabel(), stored)
			if err != nil {
				t.Fatal(err)
			}
			got, err := storekit.DecodeNode(n.NodeLabel(), stored)
			if err != nil {
				t.Fatalf("%s: %v", n.NodeMeta().ID, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: got %+v, want %+v", n.NodeMeta().ID, got, want)
			}
		}
	}
	contribution := 12.5
	links := append(ds.Links, ecosystem.Link{Type: ecosystem.RelParticipatesIn, Props: &ecosystem.Participation{Role: "COORDINATOR", ContributionEur: &contribution,
		LinkFacts: ecosystem.LinkFacts{Since: &date, Sources: []ecosystem.Source{{Kind: ecosystem.SourceEditor, Reference: "e", Reason: "r"}}}}})
	for _, l := range links {
		props := ecosystem.LinkProperties(l.Props)
		for _, stored := range []map[string]any{props, asNeo4j(props)} {
			want, err := ecosystem.LinkPropsFromProperties(l.Type, stored)
			if err != nil {
				t.Fatal(err)
			}
			got, err := storekit.DecodeLinkProps(l.Type, stored)
			if err != nil {
				t.Fatalf("%v: %v", l.Key(), err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%v: got %+v, want %+v", l.Key(), got, want)
			}
		}
	}
}

// BenchmarkDecodeNode compares the direct decoding with the JSON one on
// an organisation as Neo4j returns it.
func BenchmarkDecodeNode(b *testing.B) {
	country := "NO"
	props := ecosystem.Properties(&ecosystem.Organisation{Meta: ecosystem.Meta{ID: "uio", Version: 2, Sources: []ecosystem.Source{{Kind: ecosystem.SourceImport, Reference: "f"}}},
		Name: "Universitetet i Oslo", Sector: ecosystem.SectorResearch, Kinds: []ecosystem.OrganisationKind{"UNIVERSITY"}, Country: &country})
	b.Run("direct", func(b *testing.B) {
		for b.Loop() {
			if _, err := storekit.DecodeNode(ecosystem.LabelOrganisation, props); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			if _, err := ecosystem.NodeFromProperties(ecosystem.LabelOrganisation, props); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestPartialNodesDecodeAsTheirMaps decodes entities read partially, as
// lists of values in the order PartialValues names them, with and
// without the sort key, and expects what DecodeNode and NameCursor make
// of the same values as a map; a list of another length is an error.
func TestPartialNodesDecodeAsTheirMaps(t *testing.T) {
	tests := []struct {
		name        string
		label       ecosystem.Label
		withSortKey bool
		properties  []string
		values      []any
	}{
		{"the id alone", ecosystem.LabelOrganisation, false, nil, []any{"o1"}},
		{"the id and the sort key", ecosystem.LabelOrganisation, true, nil, []any{"o1", "uio\x00o1"}},
		{"properties", ecosystem.LabelOrganisation, true, []string{"name", "country", "sector"}, []any{"o1", "uio", "UiO", "NO", "RESEARCH"}},
		{"a property not stored", ecosystem.LabelProject, false, []string{"acronym", "name"}, []any{"p1", nil, "Project"}},
		{"a number", ecosystem.LabelIndicator, false, []string{"value", "year"}, []any{"i1", 2.5, int64(2024)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored := map[string]any{}
			for i, name := range storekit.PartialValues(tt.withSortKey, tt.properties) {
				stored[name] = tt.values[i]
			}
			want, err := storekit.DecodeNode(tt.label, stored)
			if err != nil {
				t.Fatal(err)
			}
			got, cursor, err := storekit.DecodePartialNode(tt.label, tt.withSortKey, tt.properties, tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) || cursor != storekit.NameCursor(stored) {
				t.Errorf("got %+v at %v, want %+v at %v", got, cursor, want, storekit.NameCursor(stored))
			}
			if _, _, err := storekit.DecodePartialNode(tt.label, tt.withSortKey, tt.properties, append(tt.values, "more")); err == nil {
				t.Error("a value too many decoded")
			}
		})
	}
}

// TestPartialWidthCountsPartialValues checks that PartialWidth counts
// the values PartialValues names, with the sort key and without.
func TestPartialWidthCountsPartialValues(t *testing.T) {
	for _, tt := range []struct {
		sortKey    bool
		properties []string
	}{{false, nil}, {true, nil}, {false, []string{"name"}}, {true, []string{"name", "shortName", "sector"}}} {
		if got, want := storekit.PartialWidth(tt.sortKey, tt.properties), len(storekit.PartialValues(tt.sortKey, tt.properties)); got != want {
			t.Errorf("PartialWidth(%v, %v) = %d, want %d", tt.sortKey, tt.properties, got, want)
		}
	}
}
