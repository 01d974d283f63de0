package conformance

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

func seedTwiceChangesNoCounts(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	ds := Fixture()
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

// concurrentAppliesAgree applies one dataset from several writers at
// once, as two importers of one file would: every write succeeds, each
// entity and link is created once, and the graph holds the dataset.
func concurrentAppliesAgree(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	ds := Fixture()
	const writers = 4
	stats := make([]ecosystem.ApplyStats, writers)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stats[i], errs[i] = st.Apply(ctx, ds)
		}()
	}
	wg.Wait()
	var created, linked int
	for i := range writers {
		if errs[i] != nil {
			t.Fatalf("writer %d: %v", i, errs[i])
		}
		created += stats[i].NodesCreated
		linked += stats[i].LinksCreated
	}
	if created != len(ds.Nodes) || linked != len(ds.Links) {
		t.Errorf("writers created %d nodes and %d links together, want %d and %d", created, linked, len(ds.Nodes), len(ds.Links))
	}
	got, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.TotalNodes() != len(ds.Nodes) || got.TotalRelationships() != len(ds.Links) {
		t.Errorf("graph holds %d nodes and %d relationships, dataset has %d and %d",
			got.TotalNodes(), got.TotalRelationships(), len(ds.Nodes), len(ds.Links))
	}
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

// deletedAndWrittenAgain deletes an entity and writes it again in one
// dataset, with a link to it and a link from it: the entity written
// anew holds both, and none of the links it had before.
func deletedAndWrittenAgain(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	mustApplyDataset(t, st, &ecosystem.Dataset{
		Nodes: []ecosystem.Node{org("parent", "Parent"), org("child", "Child"), org("old-parent", "Old parent")},
		Links: []ecosystem.Link{{From: "child", Type: ecosystem.RelMemberOf, To: "old-parent"}},
	})
	mustApplyDataset(t, st, &ecosystem.Dataset{
		Deletes: []string{"child", "parent"},
		Nodes:   []ecosystem.Node{org("child", "Child again"), org("parent", "Parent again"), org("member", "Member")},
		Links: []ecosystem.Link{
			{From: "child", Type: ecosystem.RelMemberOf, To: "parent"},
			{From: "member", Type: ecosystem.RelMemberOf, To: "child"},
		},
	})
	for _, tt := range []struct {
		rel  ecosystem.Relation
		id   string
		want string
	}{
		{ecosystem.OrganisationMemberOf, "child", "[parent]"},
		{ecosystem.OrganisationMembers, "child", "[member]"},
		{ecosystem.OrganisationMembers, "old-parent", "[]"},
	} {
		if got := fmt.Sprint(neighbourIDs(t, st, tt.rel, tt.id)); got != tt.want {
			t.Errorf("%s over %v: %s, want %s", tt.id, tt.rel, got, tt.want)
		}
	}
	got, err := st.NodesByID(ctx, []string{"child"})
	if err != nil {
		t.Fatal(err)
	}
	if name := got["child"].(*ecosystem.Organisation).Name; name != "Child again" {
		t.Errorf("child is named %q, want the name written again", name)
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
		{"link to an id the same write deletes", &ecosystem.Dataset{Nodes: []ecosystem.Node{org("fresh", "Fresh")}, Deletes: []string{"existing"},
			Links: []ecosystem.Link{{From: "fresh", Type: ecosystem.RelMemberOf, To: "existing"}}}, ecosystem.CodeBadUserInput},
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

func snapshotAndVersion(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	v0, err := st.GraphVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seedFixture(t, st)
	v1, _ := st.GraphVersion(ctx)
	if v1 <= v0 {
		t.Errorf("version %d after seeding, was %d: a write must bump it", v1, v0)
	}
	seedFixture(t, st)
	if v2, _ := st.GraphVersion(ctx); v2 != v1 {
		t.Errorf("version moved from %d to %d on a write that changed nothing", v1, v2)
	}
	snap, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ds := Fixture()
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
		if l.Type == ecosystem.RelParticipatesIn && l.From == "forening" && l.To == "prosjekt-b" {
			if p, ok := l.Props.(*ecosystem.Participation); !ok || p.Status != ecosystem.ParticipationTentative {
				t.Errorf("Ørneforeningen's participation in Beta is %+v, want a TENTATIVE participation", l.Props)
			}
		}
	}
}

func editorWrites(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
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
	// Moving the faculty from the university to the research council:
	// the slot is replaced.
	fak, _ := st.NodesByID(ctx, []string{"fak"})
	version := fak["fak"].NodeMeta().Version
	apply(&ecosystem.Dataset{
		Nodes:            []ecosystem.Node{fak["fak"]},
		ExpectedVersions: map[string]int{"fak": version},
		ReplaceLinks:     []ecosystem.LinkSlot{{From: "fak", Type: ecosystem.RelUnitOf}},
		Links:            []ecosystem.Link{{From: "fak", Type: ecosystem.RelUnitOf, To: "rad"}},
	})
	if got := targets("fak", ecosystem.OrganisationParent); fmt.Sprint(got) != "[rad]" {
		t.Errorf("parent after replacing = %v, want [rad]", got)
	}
	// Removing one participation leaves the others.
	before := len(targets("prosjekt-b", ecosystem.ProjectPartners))
	stats := apply(&ecosystem.Dataset{RemoveLinks: []ecosystem.Link{{From: "forening", Type: ecosystem.RelParticipatesIn, To: "prosjekt-b"}}})
	if after := len(targets("prosjekt-b", ecosystem.ProjectPartners)); stats.LinksDeleted != 1 || after != before-1 {
		t.Errorf("removing a participation: %+v, partners %d → %d", stats, before, after)
	}
	// Deleting a person removes their role links too.
	stats = apply(&ecosystem.Dataset{Deletes: []string{"kari-nordmann"}})
	if stats.NodesDeleted != 1 || stats.LinksDeleted != 1 {
		t.Errorf("deleting Kari Nordmann: %+v, want 1 node and her 1 HOLDS link", stats)
	}
	if got := targets("sete-vara", ecosystem.RolePeople); len(got) != 0 {
		t.Errorf("her role still lists %v", got)
	}
	if got, _ := st.NodesByID(ctx, []string{"kari-nordmann"}); len(got) != 0 {
		t.Errorf("she can still be read: %v", got)
	}
}

func editorsWinOverTheSeed(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
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
	got, _ := st.NodesByID(ctx, []string{"forening"})
	kf := got["forening"].(*ecosystem.Organisation)
	site := "https://www.orneforeningen.no"
	kf.Website = &site
	kf.Sources = append(kf.Sources, editor)
	apply(&ecosystem.Dataset{ByEditor: true, Nodes: []ecosystem.Node{kf}})
	apply(&ecosystem.Dataset{ByEditor: true,
		ReplaceLinks: []ecosystem.LinkSlot{{From: "fak", Type: ecosystem.RelUnitOf}},
		Links:        []ecosystem.Link{{From: "fak", Type: ecosystem.RelUnitOf, To: "rad"}}})
	apply(&ecosystem.Dataset{ByEditor: true, RemoveLinks: []ecosystem.Link{{From: "forening", Type: ecosystem.RelParticipatesIn, To: "prosjekt-b"}}})
	apply(&ecosystem.Dataset{ByEditor: true, Deletes: []string{"ingeborg-aerlighet"}})

	// The seed changes Ørneforeningen's name meanwhile: that field was not
	// edited, so it follows the seed.
	ds := Fixture()
	for i, n := range ds.Nodes {
		if n.NodeMeta().ID == "forening" {
			props := ecosystem.Properties(n)
			props["name"] = "Ørneforeningen (ny)"
			ds.Nodes[i], _ = ecosystem.NodeFromProperties(ecosystem.LabelOrganisation, props)
		}
	}
	apply(ds)
	if again := apply(ds); again != (ecosystem.ApplyStats{}) {
		t.Errorf("seeding twice after edits changed something: %+v", again)
	}
	got, _ = st.NodesByID(ctx, []string{"forening", "ingeborg-aerlighet"})
	kf = got["forening"].(*ecosystem.Organisation)
	if kf.Website == nil || *kf.Website != site || kf.Name != "Ørneforeningen (ny)" {
		t.Errorf("after re-seeding: website %v, name %q; want the editor's website and the seed's name", kf.Website, kf.Name)
	}
	hasEditor := false
	for _, s := range kf.Sources {
		hasEditor = hasEditor || (s.Kind == ecosystem.SourceEditor && s.Reference == "hub-staff")
	}
	if !hasEditor {
		t.Errorf("the editor's source was lost: %+v", kf.Sources)
	}
	if _, back := got["ingeborg-aerlighet"]; back {
		t.Errorf("the seed brought back an entity an editor deleted")
	}
	parents, _ := st.Neighbours(ctx, ecosystem.OrganisationParent, []string{"fak"})
	if len(parents["fak"]) != 1 || parents["fak"][0].Node.NodeMeta().ID != "rad" {
		t.Errorf("the faculty's parents after re-seeding: %v, want only the editor's", parents["fak"])
	}
	partners, _ := st.Neighbours(ctx, ecosystem.ProjectPartners, []string{"prosjekt-b"})
	for _, p := range partners["prosjekt-b"] {
		if p.Node.NodeMeta().ID == "forening" {
			t.Errorf("the seed brought back a participation an editor removed")
		}
	}
}
