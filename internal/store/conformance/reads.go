package conformance

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

func neighboursFollowRelationsBothWays(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	ctx := context.Background()
	got, err := st.Neighbours(ctx, ecosystem.OrganisationMembers, []string{"hub", "no-such-id"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got["hub"]) != 3 || len(got["no-such-id"]) != 0 {
		t.Errorf("members: %d for the hub, %d for a missing id; want 3 and 0", len(got["hub"]), len(got["no-such-id"]))
	}
	back, err := st.Neighbours(ctx, ecosystem.OrganisationMemberOf, []string{"forening"})
	if err != nil {
		t.Fatal(err)
	}
	if len(back["forening"]) == 0 || back["forening"][0].Node.NodeMeta().ID != "hub" {
		t.Errorf("Ørneforeningen memberOf = %v, want the hub", back["forening"])
	}
	prev := ""
	for _, n := range got["hub"] {
		k := ecosystem.CursorOf(n.Node)
		if prev != "" && k.Key < prev {
			t.Errorf("neighbours are not in sort order at %s", n.Node.NodeMeta().ID)
		}
		prev = k.Key
	}
}

// searchFinds checks membership and the top hit, with Norwegian letters
// as written.
func searchFinds(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	tests := []struct {
		text   string
		labels []ecosystem.Label
		want   []string
	}{
		{"ærlig", []ecosystem.Label{ecosystem.LabelOrganisation}, []string{"aerlig"}},
		{"Ærlig", nil, []string{"aerlig", "ingeborg-aerlighet"}},
		{"Ørneforeningen", nil, []string{"forening"}},
		{"åsen sykehus", nil, []string{"sykehus"}},
		{"Ærlighet", []ecosystem.Label{ecosystem.LabelPerson}, []string{"ingeborg-aerlighet"}},
	}
	for _, tt := range tests {
		hits, err := st.Search(context.Background(), ecosystem.SearchQuery{Text: tt.text, Labels: tt.labels})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Node.NodeMeta().ID)
			if h.MatchedField == "" || h.Score <= 0 {
				t.Errorf("%q: hit %s has no matched field or score", tt.text, h.Node.NodeMeta().ID)
			}
			if len(tt.labels) > 0 && h.Node.NodeLabel() != tt.labels[0] {
				t.Errorf("%q: hit %s is a %s", tt.text, h.Node.NodeMeta().ID, h.Node.NodeLabel())
			}
		}
		for _, id := range tt.want {
			if !contains(got, id) {
				t.Errorf("search %q = %v, want %s", tt.text, got, id)
			}
		}
		if len(got) == 0 || got[0] != tt.want[0] {
			t.Errorf("search %q: top hit of %v, want %s", tt.text, got, tt.want[0])
		}
	}
}

// searchFoldsRanksAndFollowsWrites checks what search makes of letters
// typed without accents, the order of exact names, name prefixes and
// words, the vocabulary, and that renames and deletes show at once.
func searchFoldsRanksAndFollowsWrites(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	ctx := context.Background()
	apply := func(ds *ecosystem.Dataset) {
		t.Helper()
		if _, err := st.Apply(ctx, ds); err != nil {
			t.Fatal(err)
		}
	}
	// Ids in the opposite order of the ranking, so that a tie by id
	// cannot pass for it.
	apply(&ecosystem.Dataset{Nodes: []ecosystem.Node{
		fxOrg("a-solsikke", "Solsikkeforeningen for barn", ecosystem.SectorUserOrganisation, "NO"),
		fxOrg("b-sol-og-mane", "Stiftelsen Sol og Måne", ecosystem.SectorUserOrganisation, "NO"),
		fxOrg("c-solsikke", "Solsikke", ecosystem.SectorUserOrganisation, "NO"),
		fxOrg("d-sol", "Sol", ecosystem.SectorUserOrganisation, "NO"),
		fxOrg("e-tumour", "Tumour Biology Unit", ecosystem.SectorResearch, "GB"),
	}})
	find := func(text string) []string {
		t.Helper()
		hits, err := st.Search(ctx, ecosystem.SearchQuery{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		ranked, err := st.Search(ctx, ecosystem.SearchQuery{Text: text, RankOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		// A partial search reads every hit's entity, its name at least.
		named, err := st.Search(ctx, ecosystem.SearchQuery{Text: text, RankOnly: true, Partial: true, Properties: []string{"name"}})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for i, h := range hits {
			ids = append(ids, h.Node.NodeMeta().ID)
			if h.ID != h.Node.NodeMeta().ID {
				t.Errorf("%q: a hit has id %q and entity %s", text, h.ID, h.Node.NodeMeta().ID)
			}
			if i >= len(ranked) || ranked[i].ID != h.ID || ranked[i].Score != h.Score || ranked[i].MatchedField != h.MatchedField {
				t.Errorf("%q: hit %d (%+v) ranks otherwise when only ranked: %+v", text, i, h, ranked)
			}
			if i >= len(named) || named[i].ID != h.ID || named[i].Score != h.Score || named[i].Node == nil ||
				named[i].Node.NodeMeta().ID != h.ID || ecosystem.Properties(named[i].Node)["name"] != ecosystem.Properties(h.Node)["name"] {
				t.Errorf("%q: hit %d (%+v) reads otherwise partially: %+v", text, i, h, named)
			}
		}
		if len(ranked) != len(hits) || len(named) != len(hits) {
			t.Errorf("%q: %d hits ranked only, %d partially, %d with their entities", text, len(ranked), len(named), len(hits))
		}
		return ids
	}
	tests := []struct {
		text string
		want string // every hit, best first
	}{
		{"orneforeningen", "[forening sete sete-vara]"}, // and its seats
		{"AERLIG", "[aerlig ingeborg-aerlighet]"},
		{"aasen sykehus", "[sykehus]"},
		{"asen sykehus", "[sykehus]"},
		// An exact name, then names that start with the text (shorter
		// first), then names that hold the word.
		{"sol", "[d-sol c-solsikke a-solsikke b-sol-og-mane]"},
		{"sol og mane", "[b-sol-og-mane]"},
		{"svulst", "[e-tumour]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(find(tt.text)); got != tt.want {
			t.Errorf("search %q = %s, want %s", tt.text, got, tt.want)
		}
	}
	apply(&ecosystem.Dataset{Nodes: []ecosystem.Node{fxOrg("d-sol", "Måneskinn", ecosystem.SectorUserOrganisation, "NO")}, Deletes: []string{"c-solsikke"}})
	for _, tt := range []struct{ text, want string }{
		{"sol", "[a-solsikke b-sol-og-mane]"},
		{"maneskinn", "[d-sol]"},
	} {
		if got := fmt.Sprint(find(tt.text)); got != tt.want {
			t.Errorf("after a rename and a delete, search %q = %s, want %s", tt.text, got, tt.want)
		}
	}
	// A write of links alone moves the version of both ends: search
	// returns the entity as it is now.
	apply(&ecosystem.Dataset{Links: []ecosystem.Link{fxLink("a-solsikke", ecosystem.RelCovers, "pilar")}})
	hits, err := st.Search(ctx, ecosystem.SearchQuery{Text: "solsikkeforeningen"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Node.NodeMeta().Version != 2 {
		t.Errorf("after a link to it, search finds %+v, want a-solsikke at version 2", hits)
	}
}

// sharedProjects lists, one project a page, the projects in which every
// one of the organisations takes part: a list with one relation
// condition per organisation, as the API's sharedProjects asks for it.
func sharedProjects(t *testing.T, st ecosystem.Store, organisationIDs ...string) []string {
	t.Helper()
	var conds []ecosystem.Condition
	for _, id := range organisationIDs {
		conds = append(conds, ecosystem.Condition{Related: &ecosystem.RelatedTo{Path: []ecosystem.Relation{ecosystem.ProjectPartners}, ID: id}})
	}
	one := 1
	q := ecosystem.ListQuery{Label: ecosystem.LabelProject, Conditions: conds, Page: ecosystem.PageRequest{First: &one}, WithTotal: true}
	ids := []string{}
	for {
		page, err := st.List(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range page.Nodes {
			ids = append(ids, n.NodeMeta().ID)
		}
		if *page.Total < len(ids) || *page.Total > len(ids) && !page.HasNextPage {
			t.Fatalf("the projects %v share: %d counted, %v listed", organisationIDs, *page.Total, ids)
		}
		if !page.HasNextPage {
			return ids
		}
		q.Page.After = page.Cursors[len(page.Cursors)-1].Encode()
	}
}

func sharedProjectsAndCollaborators(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	ctx := context.Background()
	tests := []struct {
		orgs []string
		want string
	}{
		{[]string{"forening"}, "[prosjekt-a prosjekt-b]"},
		{[]string{"forening", "uni"}, "[prosjekt-a]"},
		{[]string{"forening", "uni", "sykehus"}, "[]"},
		{[]string{"no-such-org"}, "[]"},
		// An id named twice is one organisation, and many ids (more than
		// a store may join one by one) keep what every one reaches.
		{[]string{"forening", "forening"}, "[prosjekt-a prosjekt-b]"},
		{[]string{"uni", "forening", "uni"}, "[prosjekt-a]"},
		{slices.Repeat([]string{"forening", "uni"}, 6), "[prosjekt-a]"},
		{append(slices.Repeat([]string{"forening", "uni"}, 6), "sykehus"), "[]"},
	}
	for _, tt := range tests {
		if ids := sharedProjects(t, st, tt.orgs...); fmt.Sprint(ids) != tt.want {
			t.Errorf("the projects %v share are %v, want %s", tt.orgs, ids, tt.want)
		}
	}
	all, err := st.Collaborators(ctx, []string{"forening", "uni", "no-such-org"})
	if err != nil {
		t.Fatal(err)
	}
	if len(all["uni"]) != 1 || len(all["no-such-org"]) != 0 {
		t.Errorf("the university has %d collaborators and a missing id %d; want 1 (Ørneforeningen) and 0", len(all["uni"]), len(all["no-such-org"]))
	}
	cs := all["forening"]
	if len(cs) != 2 {
		t.Fatalf("%d collaborators, want 2 (the university and the hospital)", len(cs))
	}
	for i := 1; i < len(cs); i++ {
		if n, before := len(cs[i].ProjectIDs), len(cs[i-1].ProjectIDs); n > before || n == before && cs[i].Cursor().Less(cs[i-1].Cursor()) {
			t.Errorf("collaborators out of order at %s", cs[i].OrganisationID)
		}
	}
	for _, c := range cs {
		found, err := st.NodesByID(ctx, []string{c.OrganisationID})
		if err != nil {
			t.Fatal(err)
		}
		if o, ok := found[c.OrganisationID].(*ecosystem.Organisation); !ok || ecosystem.CursorOf(o) != c.Cursor() {
			t.Errorf("the collaborator %s ranks by %+v; the organisation's own cursor is that of %v", c.OrganisationID, c.Cursor(), found[c.OrganisationID])
		}
		want := sharedProjects(t, st, "forening", c.OrganisationID)
		got := append([]string(nil), c.ProjectIDs...)
		sort.Strings(got)
		sort.Strings(want)
		if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the forening's collaboration with %s names projects %v; the projects they share are %v", c.OrganisationID, got, want)
		}
	}
}
