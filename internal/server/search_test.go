package server_test

import (
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

type searchAnswer struct {
	Search struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   string
		}
		Edges []struct {
			Score        float64
			MatchedField string
			Node         struct{ ID string }
		}
	}
}

const searchQuery = `query($t: String!, $types: [String!], $first: Int, $after: String) {
  search(text: $t, types: $types, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { score matchedField node { id } } } }`

func TestSearch(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			find := func(text string, types []string) []string {
				t.Helper()
				var out searchAnswer
				c.mustQuery(searchQuery, map[string]any{"t": text, "types": types, "first": 100}, &out)
				var ids []string
				for _, e := range out.Search.Edges {
					ids = append(ids, e.Node.ID)
				}
				return ids
			}
			tests := []struct {
				text     string
				types    []string
				includes []string
				top      string
				empty    bool
			}{
				{text: "kreft", includes: []string{"kreftforeningen", "kreftregisteret"}},
				{text: "KREFTFORENINGEN", top: "kreftforeningen"},
				{text: "Røtnes", top: "sigurd-rotnes"},
				{text: "Grüner", top: "renate-gruner"},
				{text: "helse møre", top: "helse-more-og-romsdal"},
				{text: "Øritsland", types: []string{"Person"}, top: "kari-oritsland"},
				{text: "kreftforeningen", types: []string{"Pillar"}, empty: true},
				{text: `kreft*) OR name:* "`, empty: true},
				{text: `"*?~`, empty: true},
				{text: "997305140", top: "norway-health-tech"},
			}
			for _, tt := range tests {
				got := find(tt.text, tt.types)
				if tt.empty && len(got) != 0 {
					t.Errorf("search %q %v = %v, want nothing", tt.text, tt.types, got)
				}
				if tt.top != "" && (len(got) == 0 || got[0] != tt.top) {
					t.Errorf("search %q: top hit of %v, want %s", tt.text, got, tt.top)
				}
				for _, id := range tt.includes {
					if !contains(got, id) {
						t.Errorf("search %q = %v, want %s among them", tt.text, got, id)
					}
				}
			}
			var occ searchAnswer
			c.mustQuery(searchQuery, map[string]any{"t": "OCC"}, &occ)
			if len(occ.Search.Edges) == 0 || occ.Search.Edges[0].Node.ID != "oslo-cancer-cluster" || occ.Search.Edges[0].MatchedField != "shortName" {
				t.Errorf("OCC: %+v, want Oslo Cancer Cluster by its short name", occ.Search.Edges)
			}
			// Paging one by one visits every hit once.
			all := find("kreft", nil)
			var paged []string
			after := ""
			for {
				var out searchAnswer
				vars := map[string]any{"t": "kreft", "first": 2}
				if after != "" {
					vars["after"] = after
				}
				c.mustQuery(searchQuery, vars, &out)
				for _, e := range out.Search.Edges {
					paged = append(paged, e.Node.ID)
				}
				if !out.Search.PageInfo.HasNextPage {
					break
				}
				after = out.Search.PageInfo.EndCursor
			}
			if len(paged) != len(all) {
				t.Errorf("paged %v, want %v", paged, all)
			}
			r := c.do(`{ search(text: "kreft", types: ["Nope"]) { totalCount } }`, nil)
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
				t.Errorf("unknown type: %+v", r.Errors)
			}
		})
	}
}
