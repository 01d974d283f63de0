// Package conformance is the one test suite every ecosystem.Store runs:
// each subtest gets a fresh, empty store from the backend's Opener, so
// that all backends are held to the same answers.
package conformance

import (
	"context"
	"fmt"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
	"github.com/cancermissionhub/hubgraph/seed"
)

// Opener returns a fresh, empty store for one test.
type Opener func(t *testing.T) ecosystem.Store

// suiteTest is one subtest of the suite, run on a fresh store.
type suiteTest struct {
	name string
	run  func(t *testing.T, st ecosystem.Store)
}

// RunTests runs the whole suite against the stores open makes.
func RunTests(t *testing.T, open Opener) {
	tests := []suiteTest{
		{"SeedTwiceChangesNoCounts", seedTwiceChangesNoCounts},
		{"ApplyBumpsVersionOnlyOnChange", applyBumpsVersionOnlyOnChange},
		{"ListPagesBothWaysInNorwegianOrder", listPagesBothWaysInNorwegianOrder},
		{"ListConditions", listConditions},
		{"NeighboursFollowRelationsBothWays", neighboursFollowRelationsBothWays},
		{"SnapshotHoldsTheWholeGraphAndVersionMovesOnWrites", snapshotAndVersion},
		{"EditorWritesDeleteReplaceAndCheckVersions", editorWrites},
		{"SearchFindsByWordPrefixes", searchFinds},
		{"SharedProjectsAndCollaborators", sharedProjectsAndCollaborators},
		{"EditorsWinOverTheSeed", editorsWinOverTheSeed},
		{"EveryOrderPagesBothWays", everyOrderPagesBothWays},
		{"PagingSurvivesInsertsAndDeletes", pagingSurvivesInsertsAndDeletes},
		{"EveryRelationBothWays", relationsBothWays},
		{"EveryLinkKindRoundTripsTyped", typedLinksRoundTrip},
		{"DateConditions", dateConditions},
		{"MergeAndErase", mergeAndErase},
		{"Neighbourhoods", neighbourhoods},
		{"ShortestPaths", shortestPaths},
		{"SnapshotAndAnalyticsMatchTheDataset", snapshotIsTheDataset},
		{"EveryOrderIsTheExpectedOrder", orderingIsCorrect},
	}
	for _, tt := range append(append(tests, linkTests...), lookupTests...) {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, open(t)) })
	}
	t.Run("ApplyRefusesBadInputAndWritesNothing", func(t *testing.T) { applyRefusesBadInputAndWritesNothing(t, open) })
}

func ptr[T any](v T) *T { return &v }

// neighbourIDs returns the ids reached from id over rel.
func neighbourIDs(t *testing.T, st ecosystem.Store, rel ecosystem.Relation, id string) []string {
	t.Helper()
	got, err := st.Neighbours(context.Background(), rel, []string{id})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range got[id] {
		out = append(out, n.Node.NodeMeta().ID)
	}
	return out
}

func org(id, name string) *ecosystem.Organisation {
	return &ecosystem.Organisation{Meta: ecosystem.Meta{ID: id, Sources: []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}},
		Name: name, Sector: ecosystem.SectorResearch}
}

// mustSeed loads the default dataset.
func mustSeed(t *testing.T, st ecosystem.Store) {
	t.Helper()
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Apply(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
}

func seedTwiceChangesNoCounts(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	first, err := st.Apply(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if first.NodesCreated != len(ds.Nodes) || first.LinksCreated != len(ds.Links) {
		t.Errorf("first apply: %+v, want %d nodes and %d links created", first, len(ds.Nodes), len(ds.Links))
	}
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	second, err := st.Apply(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	if second != (ecosystem.ApplyStats{}) {
		t.Errorf("second apply changed something: %+v", second)
	}
	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("counts changed:\nbefore %v\nafter  %v", before, after)
	}
	// GraphState is the version stamp, not an entity: only seeded nodes count.
	if before.TotalNodes() != len(ds.Nodes) || before.TotalRelationships() != len(ds.Links) {
		t.Errorf("graph holds %d nodes and %d relationships, dataset has %d and %d",
			before.TotalNodes(), before.TotalRelationships(), len(ds.Nodes), len(ds.Links))
	}
	t.Logf("seeded graph: %d nodes, %d relationships; %v", before.TotalNodes(), before.TotalRelationships(), before)
}

func applyBumpsVersionOnlyOnChange(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	o := org("a", "A")
	for _, name := range []string{"A", "A", "A renamed"} {
		o.Name = name
		if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: []ecosystem.Node{o}}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.NodesByID(ctx, []string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	a := got["a"].(*ecosystem.Organisation)
	if a.Version != 2 || a.Name != "A renamed" || a.UpdatedAt == nil {
		t.Errorf("after create, same, rename: version %d name %q updatedAt %v; want 2, renamed, set", a.Version, a.Name, a.UpdatedAt)
	}
}

func applyRefusesBadInputAndWritesNothing(t *testing.T, open Opener) {
	tests := []struct {
		name string
		ds   *ecosystem.Dataset
		code ecosystem.Code
	}{
		{"id taken by another type", &ecosystem.Dataset{Nodes: []ecosystem.Node{
			&ecosystem.Person{Meta: ecosystem.Meta{ID: "existing"}, Name: "P"}, org("fresh", "Fresh")}}, ecosystem.CodeConflict},
		{"link to a missing id", &ecosystem.Dataset{Nodes: []ecosystem.Node{org("fresh", "Fresh")},
			Links: []ecosystem.Link{{From: "fresh", Type: ecosystem.RelMemberOf, To: "nowhere"}}}, ecosystem.CodeNotFound},
		{"link the allow-list forbids", &ecosystem.Dataset{Nodes: []ecosystem.Node{org("fresh", "Fresh")},
			Links: []ecosystem.Link{{From: "fresh", Type: ecosystem.RelHolds, To: "existing"}}}, ecosystem.CodeBadUserInput},
		{"invalid entity", &ecosystem.Dataset{Nodes: []ecosystem.Node{org("fresh", "")}}, ecosystem.CodeBadUserInput},
		{"stale expected version", &ecosystem.Dataset{Nodes: []ecosystem.Node{org("existing", "Renamed")},
			ExpectedVersions: map[string]int{"existing": 7}}, ecosystem.CodeConflict},
		{"delete of a missing id", &ecosystem.Dataset{Nodes: []ecosystem.Node{org("fresh", "Fresh")}, Deletes: []string{"nowhere"}}, ecosystem.CodeNotFound},
		{"removal of a link to a missing id", &ecosystem.Dataset{RemoveLinks: []ecosystem.Link{{From: "existing", Type: ecosystem.RelMemberOf, To: "nowhere"}}}, ecosystem.CodeNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := open(t)
			ctx := context.Background()
			if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: []ecosystem.Node{org("existing", "Existing")}}); err != nil {
				t.Fatal(err)
			}
			before, _ := st.Stats(ctx)
			_, err := st.Apply(ctx, tt.ds)
			if code := ecosystem.ErrorCode(err); code != tt.code {
				t.Fatalf("code = %q, want %q (%v)", code, tt.code, err)
			}
			after, _ := st.Stats(ctx)
			if fmt.Sprint(before) != fmt.Sprint(after) {
				t.Errorf("a refused apply changed the graph: %v → %v", before, after)
			}
		})
	}
}

func listPagesBothWaysInNorwegianOrder(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	names := []string{"Ålesund", "Akershus", "Ørsta", "Bergen", "bergen", "Bergen", "Zeta", "Ærlig", "Helse Møre"}
	ds := &ecosystem.Dataset{}
	for i, n := range names {
		ds.Nodes = append(ds.Nodes, org(fmt.Sprintf("o%d", i), n))
	}
	if _, err := st.Apply(ctx, ds); err != nil {
		t.Fatal(err)
	}
	want := []string{"o1", "o3", "o4", "o5", "o8", "o6", "o7", "o2", "o0"} // equal "Bergen"s by id
	q := ecosystem.ListQuery{Label: ecosystem.LabelOrganisation}
	var forward []string
	for after := ""; ; {
		q.Page = ecosystem.PageRequest{First: ptr(2), After: after}
		page, err := st.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range page.Nodes {
			forward = append(forward, n.NodeMeta().ID)
		}
		if !page.HasNextPage {
			break
		}
		after = ecosystem.CursorOf(page.Nodes[len(page.Nodes)-1]).Encode()
	}
	if fmt.Sprint(forward) != fmt.Sprint(want) {
		t.Errorf("forward = %v, want %v", forward, want)
	}
	var backward []string
	for before := ""; ; {
		q.Page = ecosystem.PageRequest{Last: ptr(2), Before: before}
		page, err := st.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, n := range page.Nodes {
			ids = append(ids, n.NodeMeta().ID)
		}
		backward = append(ids, backward...)
		if !page.HasPreviousPage {
			break
		}
		before = ecosystem.CursorOf(page.Nodes[0]).Encode()
	}
	if fmt.Sprint(backward) != fmt.Sprint(want) {
		t.Errorf("backward = %v, want %v", backward, want)
	}
	n, err := st.Count(ctx, q)
	if err != nil || n != len(names) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(names))
	}
	if _, err := st.List(ctx, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Page: ecosystem.PageRequest{After: "garbage"}}); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Errorf("bad cursor: code %v, want BAD_USER_INPUT", ecosystem.ErrorCode(err))
	}
}

func listConditions(t *testing.T, st ecosystem.Store) {
	mustSeed(t, st)
	ctx := context.Background()
	ids := func(conds ...ecosystem.Condition) []string {
		t.Helper()
		page, err := st.List(ctx, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Conditions: conds, Page: ecosystem.PageRequest{First: ptr(100)}})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range page.Nodes {
			out = append(out, n.NodeMeta().ID)
		}
		return out
	}
	hub := ecosystem.Condition{Related: &ecosystem.RelatedTo{Path: []ecosystem.Relation{ecosystem.OrganisationMemberOf}, ID: "cancer-mission-hub-norway"}}
	if got := ids(hub); len(got) != 15 {
		t.Errorf("memberOf hub: %d organisations, want 15: %v", len(got), got)
	}
	text := "kreft"
	got := ids(ecosystem.Condition{Text: &text})
	if !contains(got, "kreftforeningen") {
		t.Errorf("text 'kreft' = %v, want Kreftforeningen among them", got)
	}
	is := ecosystem.Condition{Equals: &ecosystem.PropertyValue{Property: "country", Value: "IS"}}
	if got := ids(is); len(got) != 1 {
		t.Errorf("country IS = %v, want exactly the Icelandic Cancer Society", got)
	}
	faculty := ecosystem.Condition{Contains: &ecosystem.PropertyValue{Property: "kinds", Value: "FACULTY"}}
	if got := ids(faculty, hub); len(got) != 2 {
		t.Errorf("hub faculties = %v, want 2", got)
	}
}

func neighboursFollowRelationsBothWays(t *testing.T, st ecosystem.Store) {
	mustSeed(t, st)
	ctx := context.Background()
	got, err := st.Neighbours(ctx, ecosystem.OrganisationMembers, []string{"cancer-mission-hub-norway", "no-such-id"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got["cancer-mission-hub-norway"]) != 15 || len(got["no-such-id"]) != 0 {
		t.Errorf("members: %d for the hub, %d for a missing id; want 15 and 0", len(got["cancer-mission-hub-norway"]), len(got["no-such-id"]))
	}
	back, err := st.Neighbours(ctx, ecosystem.OrganisationMemberOf, []string{"kreftforeningen"})
	if err != nil {
		t.Fatal(err)
	}
	if len(back["kreftforeningen"]) == 0 || back["kreftforeningen"][0].Node.NodeMeta().ID != "cancer-mission-hub-norway" {
		t.Errorf("Kreftforeningen memberOf = %v, want the hub", back["kreftforeningen"])
	}
	prev := ""
	for _, n := range got["cancer-mission-hub-norway"] {
		k := ecosystem.CursorOf(n.Node)
		if prev != "" && k.Key < prev {
			t.Errorf("neighbours are not in sort order at %s", n.Node.NodeMeta().ID)
		}
		prev = k.Key
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func snapshotAndVersion(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	v0, err := st.GraphVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustSeed(t, st)
	v1, _ := st.GraphVersion(ctx)
	if v1 <= v0 {
		t.Errorf("version %d after seeding, was %d: a write must bump it", v1, v0)
	}
	mustSeed(t, st)
	if v2, _ := st.GraphVersion(ctx); v2 != v1 {
		t.Errorf("version moved from %d to %d on a write that changed nothing", v1, v2)
	}
	snap, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := seed.Default()
	if snap.Version != v1 || len(snap.Nodes) != len(ds.Nodes) || len(snap.Links) != len(ds.Links) {
		t.Fatalf("snapshot: version %d, %d nodes, %d links; want %d, %d, %d", snap.Version, len(snap.Nodes), len(snap.Links), v1, len(ds.Nodes), len(ds.Links))
	}
	want := map[string]bool{}
	for _, l := range ds.Links {
		want[l.From+" "+string(l.Type)+" "+l.To] = true
	}
	for i, l := range snap.Links {
		if !want[l.From+" "+string(l.Type)+" "+l.To] {
			t.Errorf("snapshot link %v is not in the dataset", l)
		}
		if i > 0 && snap.Links[i-1].From > l.From {
			t.Errorf("snapshot links are not sorted")
		}
	}
	for _, l := range snap.Links {
		if l.Type == ecosystem.RelParticipatesIn && l.From == "ung-kraeft" {
			if p, ok := l.Props.(*ecosystem.Participation); !ok || p.Status != ecosystem.ParticipationTentative {
				t.Errorf("Ung Kræft's participation is %+v, want a TENTATIVE participation", l.Props)
			}
		}
	}
}

func editorWrites(t *testing.T, st ecosystem.Store) {
	mustSeed(t, st)
	ctx := context.Background()
	apply := func(ds *ecosystem.Dataset) ecosystem.ApplyStats {
		t.Helper()
		stats, err := st.Apply(ctx, ds)
		if err != nil {
			t.Fatal(err)
		}
		return stats
	}
	targets := func(id string, rel ecosystem.Relation) []string { return neighbourIDs(t, st, rel, id) }
	// Moving Kreftregisteret from FHI to the hub: the slot is replaced.
	kr, _ := st.NodesByID(ctx, []string{"kreftregisteret"})
	version := kr["kreftregisteret"].NodeMeta().Version
	apply(&ecosystem.Dataset{
		Nodes:            []ecosystem.Node{kr["kreftregisteret"]},
		ExpectedVersions: map[string]int{"kreftregisteret": version},
		ReplaceLinks:     []ecosystem.LinkSlot{{From: "kreftregisteret", Type: ecosystem.RelUnitOf}},
		Links:            []ecosystem.Link{{From: "kreftregisteret", Type: ecosystem.RelUnitOf, To: "helsedirektoratet"}},
	})
	if got := targets("kreftregisteret", ecosystem.OrganisationParent); fmt.Sprint(got) != "[helsedirektoratet]" {
		t.Errorf("parent after replacing = %v, want [helsedirektoratet]", got)
	}
	// Removing one participation leaves the others.
	before := len(targets("leve-bedre-med-kreft", ecosystem.ProjectPartners))
	stats := apply(&ecosystem.Dataset{RemoveLinks: []ecosystem.Link{{From: "nscc", Type: ecosystem.RelParticipatesIn, To: "leve-bedre-med-kreft"}}})
	if after := len(targets("leve-bedre-med-kreft", ecosystem.ProjectPartners)); stats.LinksDeleted != 1 || after != before-1 {
		t.Errorf("removing a participation: %+v, partners %d → %d", stats, before, after)
	}
	// Deleting a person removes their role links too.
	stats = apply(&ecosystem.Dataset{Deletes: []string{"thea-forsberg"}})
	if stats.NodesDeleted != 1 || stats.LinksDeleted != 1 {
		t.Errorf("deleting Thea Forsberg: %+v, want 1 node and her 1 HOLDS link", stats)
	}
	if got := targets("skg-ks-vara", ecosystem.RolePeople); len(got) != 0 {
		t.Errorf("her role still lists %v", got)
	}
	if got, _ := st.NodesByID(ctx, []string{"thea-forsberg"}); len(got) != 0 {
		t.Errorf("she can still be read: %v", got)
	}
}

// searchFinds checks membership and the top hit only: stores may rank
// the rest differently.
func searchFinds(t *testing.T, st ecosystem.Store) {
	mustSeed(t, st)
	tests := []struct {
		text   string
		labels []ecosystem.Label
		want   []string
	}{
		{"kreft", []ecosystem.Label{ecosystem.LabelOrganisation}, []string{"kreftforeningen", "kreftregisteret"}},
		{"Kreftforeningen", nil, []string{"kreftforeningen"}},
		{"helse møre", nil, []string{"helse-more-og-romsdal"}},
		{"Røtnes", []ecosystem.Label{ecosystem.LabelPerson}, []string{"sigurd-rotnes"}},
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

func sharedProjectsAndCollaborators(t *testing.T, st ecosystem.Store) {
	mustSeed(t, st)
	ctx := context.Background()
	tests := []struct {
		orgs []string
		want string
	}{
		{[]string{"kreftforeningen"}, "[cancer-pathway-home-proposal leve-bedre-med-kreft]"},
		{[]string{"kreftforeningen", "nscc"}, "[leve-bedre-med-kreft]"},
		{[]string{"kreftforeningen", "nscc", "ung-kreft"}, "[]"},
		{[]string{"no-such-org"}, "[]"},
	}
	for _, tt := range tests {
		ps, err := st.SharedProjects(ctx, tt.orgs)
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{}
		for _, p := range ps {
			ids = append(ids, p.ID)
		}
		if fmt.Sprint(ids) != tt.want {
			t.Errorf("SharedProjects(%v) = %v, want %s", tt.orgs, ids, tt.want)
		}
	}
	all, err := st.Collaborators(ctx, []string{"kreftforeningen", "nscc", "no-such-org"})
	if err != nil {
		t.Fatal(err)
	}
	if len(all["nscc"]) != 1 || len(all["no-such-org"]) != 0 {
		t.Errorf("NSCC has %d collaborators and a missing id %d; want 1 (Kreftforeningen) and 0", len(all["nscc"]), len(all["no-such-org"]))
	}
	cs := all["kreftforeningen"]
	if len(cs) != 13 {
		t.Fatalf("%d collaborators, want 13", len(cs))
	}
	for i := 1; i < len(cs); i++ {
		if ecosystem.CursorOf(cs[i].Organisation).Less(ecosystem.CursorOf(cs[i-1].Organisation)) && len(cs[i].Projects) == len(cs[i-1].Projects) {
			t.Errorf("collaborators out of order at %s", cs[i].Organisation.ID)
		}
	}
}

func editorsWinOverTheSeed(t *testing.T, st ecosystem.Store) {
	mustSeed(t, st)
	ctx := context.Background()
	apply := func(ds *ecosystem.Dataset) ecosystem.ApplyStats {
		t.Helper()
		stats, err := st.Apply(ctx, ds)
		if err != nil {
			t.Fatal(err)
		}
		return stats
	}
	editor := ecosystem.Source{Kind: ecosystem.SourceEditor, Reference: "hub-staff"}
	got, _ := st.NodesByID(ctx, []string{"kreftforeningen"})
	kf := got["kreftforeningen"].(*ecosystem.Organisation)
	site := "https://www.kreftforeningen.no"
	kf.Website = &site
	kf.Sources = append(kf.Sources, editor)
	apply(&ecosystem.Dataset{ByEditor: true, Nodes: []ecosystem.Node{kf}})
	apply(&ecosystem.Dataset{ByEditor: true,
		ReplaceLinks: []ecosystem.LinkSlot{{From: "kreftregisteret", Type: ecosystem.RelUnitOf}},
		Links:        []ecosystem.Link{{From: "kreftregisteret", Type: ecosystem.RelUnitOf, To: "helsedirektoratet"}}})
	apply(&ecosystem.Dataset{ByEditor: true, RemoveLinks: []ecosystem.Link{{From: "nscc", Type: ecosystem.RelParticipatesIn, To: "leve-bedre-med-kreft"}}})
	apply(&ecosystem.Dataset{ByEditor: true, Deletes: []string{"andreas-vikhals"}})

	// The seed changes Kreftforeningen's name meanwhile: that field was not
	// edited, so it follows the seed.
	ds, _ := seed.Default()
	for i, n := range ds.Nodes {
		if n.NodeMeta().ID == "kreftforeningen" {
			props := ecosystem.Properties(n)
			props["name"] = "Kreftforeningen (ny)"
			ds.Nodes[i], _ = ecosystem.NodeFromProperties(ecosystem.LabelOrganisation, props)
		}
	}
	apply(ds)
	if again := apply(ds); again != (ecosystem.ApplyStats{}) {
		t.Errorf("seeding twice after edits changed something: %+v", again)
	}
	got, _ = st.NodesByID(ctx, []string{"kreftforeningen", "andreas-vikhals"})
	kf = got["kreftforeningen"].(*ecosystem.Organisation)
	if kf.Website == nil || *kf.Website != site || kf.Name != "Kreftforeningen (ny)" {
		t.Errorf("after re-seeding: website %v, name %q; want the editor's website and the seed's name", kf.Website, kf.Name)
	}
	hasEditor := false
	for _, s := range kf.Sources {
		hasEditor = hasEditor || (s.Kind == ecosystem.SourceEditor && s.Reference == "hub-staff")
	}
	if !hasEditor {
		t.Errorf("the editor's source was lost: %+v", kf.Sources)
	}
	if _, back := got["andreas-vikhals"]; back {
		t.Errorf("the seed brought back an entity an editor deleted")
	}
	parents, _ := st.Neighbours(ctx, ecosystem.OrganisationParent, []string{"kreftregisteret"})
	if len(parents["kreftregisteret"]) != 1 || parents["kreftregisteret"][0].Node.NodeMeta().ID != "helsedirektoratet" {
		t.Errorf("Kreftregisteret's parents after re-seeding: %v, want only the editor's", parents["kreftregisteret"])
	}
	partners, _ := st.Neighbours(ctx, ecosystem.ProjectPartners, []string{"leve-bedre-med-kreft"})
	for _, p := range partners["leve-bedre-med-kreft"] {
		if p.Node.NodeMeta().ID == "nscc" {
			t.Errorf("the seed brought back a participation an editor removed")
		}
	}
}

// pageAll walks a whole list page by page, forward or backward, and
// returns the ids in list order.
func pageAll(t *testing.T, st ecosystem.Store, q ecosystem.ListQuery, size int, backward bool) []string {
	t.Helper()
	var ids []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("paging does not end")
		}
		q.Page = ecosystem.PageRequest{First: ptr(size), After: cursor}
		if backward {
			q.Page = ecosystem.PageRequest{Last: ptr(size), Before: cursor}
		}
		page, err := st.List(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Cursors) != len(page.Nodes) {
			t.Fatalf("%d cursors for %d nodes", len(page.Cursors), len(page.Nodes))
		}
		var got []string
		for _, n := range page.Nodes {
			got = append(got, n.NodeMeta().ID)
		}
		if backward {
			ids = append(got, ids...)
			if !page.HasPreviousPage {
				return ids
			}
			cursor = page.Cursors[0].Encode()
		} else {
			ids = append(ids, got...)
			if !page.HasNextPage {
				return ids
			}
			cursor = page.Cursors[len(page.Cursors)-1].Encode()
		}
	}
}

func everyOrderPagesBothWays(t *testing.T, st ecosystem.Store) {
	mustSeed(t, st)
	for label, fields := range storekit.Orderings {
		all := []ecosystem.OrderField{ecosystem.OrderName}
		for f := range fields {
			all = append(all, f)
		}
		for _, f := range all {
			for _, desc := range []bool{false, true} {
				q := ecosystem.ListQuery{Label: label, Order: ecosystem.Order{Field: f, Desc: desc}}
				forward := pageAll(t, st, q, 3, false)
				backward := pageAll(t, st, q, 4, true)
				n, _ := st.Count(context.Background(), q)
				seen := map[string]bool{}
				for _, id := range forward {
					if seen[id] {
						t.Errorf("%s by %s (desc %v): %s twice", label, f, desc, id)
					}
					seen[id] = true
				}
				if len(forward) != n || fmt.Sprint(forward) != fmt.Sprint(backward) {
					t.Errorf("%s by %s (desc %v): forward %v, backward %v, count %d", label, f, desc, forward, backward, n)
				}
			}
		}
	}
	// Organisations by number of projects, most first: Kreftforeningen
	// (two) leads; ties break by id.
	top := pageAll(t, st, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation,
		Order: ecosystem.Order{Field: ecosystem.OrderProjectCount, Desc: true}}, 100, false)
	if top[0] != "kreftforeningen" || top[1] != "akershus-kreftkoordinatorer" {
		t.Errorf("by project count: %v…, want kreftforeningen then the first of the one-project organisations by id", top[:3])
	}
	if _, err := st.List(context.Background(), ecosystem.ListQuery{Label: ecosystem.LabelPerson,
		Order: ecosystem.Order{Field: ecosystem.OrderBudget}}); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Errorf("people by budget: %v, want BAD_USER_INPUT", err)
	}
}

func pagingSurvivesInsertsAndDeletes(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	ds := &ecosystem.Dataset{}
	for i := 0; i < 12; i++ {
		// Pairs of equal names, so that ties by id are exercised.
		ds.Nodes = append(ds.Nodes, org(fmt.Sprintf("org-%02d", i), fmt.Sprintf("Org %d", i/2)))
	}
	if _, err := st.Apply(ctx, ds); err != nil {
		t.Fatal(err)
	}
	for _, backward := range []bool{false, true} {
		q := ecosystem.ListQuery{Label: ecosystem.LabelOrganisation}
		q.Page = ecosystem.PageRequest{First: ptr(5)}
		if backward {
			q.Page = ecosystem.PageRequest{Last: ptr(5)}
		}
		page, err := st.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var first []string
		for _, n := range page.Nodes {
			first = append(first, n.NodeMeta().ID)
		}
		cursor := page.Cursors[len(page.Cursors)-1]
		if backward {
			cursor = page.Cursors[0]
		}
		// Between fetches: insert and delete on both sides of the cursor.
		change := &ecosystem.Dataset{
			Nodes:   []ecosystem.Node{org("new-a", "Org 0"), org("new-z", "Org 9")},
			Deletes: []string{"org-01", "org-10"},
		}
		if backward {
			change.Deletes = []string{"org-11", "org-02"}
		}
		if _, err := st.Apply(ctx, change); err != nil {
			t.Fatal(err)
		}
		q.Page = ecosystem.PageRequest{First: ptr(100), After: cursor.Encode()}
		if backward {
			q.Page = ecosystem.PageRequest{Last: ptr(100), Before: cursor.Encode()}
		}
		rest, err := st.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, id := range first {
			seen[id]++
		}
		for _, n := range rest.Nodes {
			seen[n.NodeMeta().ID]++
		}
		for id, c := range seen {
			if c > 1 {
				t.Errorf("backward %v: %s seen %d times", backward, id, c)
			}
		}
		// Everything that existed throughout is seen once: no gaps.
		for i := 0; i < 12; i++ {
			id := fmt.Sprintf("org-%02d", i)
			if contains(change.Deletes, id) || seen[id] == 1 {
				continue
			}
			t.Errorf("backward %v: %s was skipped", backward, id)
		}
		newOnFarSide := "new-z"
		if backward {
			newOnFarSide = "new-a"
		}
		if seen[newOnFarSide] != 1 {
			t.Errorf("backward %v: %s, inserted beyond the cursor, was not reached", backward, newOnFarSide)
		}
		// Reset for the other direction.
		if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: ds.Nodes, Deletes: []string{"new-a", "new-z"}}); err != nil {
			t.Fatal(err)
		}
	}
}
