package conformance

import (
	"context"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// linkTests hold stores to what a change of links means: versions move
// for the entities at both ends and for the graph, and only when
// something really changed; an editor's link properties win over the
// seed; an import only fills a link's missing properties.
var linkTests = []suiteTest{
	{"LinkChangesMoveVersionsAndNothingElseDoes", linkChangesMoveVersions},
	{"EditorsLinkPropertiesWinOverTheSeed", editorsLinkPropertiesWin},
	{"ImportsOnlyFillLinksAndClearedFields", importsOnlyFill},
}

// participation returns the properties of a participation link.
func participation(role ecosystem.ParticipationRole, status ecosystem.ParticipationStatus, contribution *float64, source ecosystem.Source) *ecosystem.Participation {
	return &ecosystem.Participation{Role: role, Status: status, ContributionEur: contribution,
		LinkFacts: ecosystem.LinkFacts{Sources: []ecosystem.Source{source}}}
}

// participationOf returns what the relationship that reached a
// neighbour states, which must be a participation.
func participationOf(t *testing.T, nb ecosystem.Neighbour) *ecosystem.Participation {
	t.Helper()
	p, ok := nb.Props.(*ecosystem.Participation)
	if !ok {
		t.Fatalf("the link to %s states %T, want a participation", nb.Node.NodeMeta().ID, nb.Props)
	}
	return p
}

// versions returns the versions of the given entities and of the graph.
func versions(t *testing.T, st ecosystem.Store, ids ...string) (map[string]int, int) {
	t.Helper()
	ctx := context.Background()
	got, err := st.NodesByID(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, id := range ids {
		if n, ok := got[id]; ok {
			out[id] = n.NodeMeta().Version
		}
	}
	graph, err := st.GraphVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return out, graph
}

// partnerProperties returns the participation of org in project.
func partnerProperties(t *testing.T, st ecosystem.Store, org, project string) *ecosystem.Participation {
	t.Helper()
	got, err := st.Neighbours(context.Background(), ecosystem.OrganisationParticipations, []string{org})
	if err != nil {
		t.Fatal(err)
	}
	for _, nb := range got[org] {
		if nb.Node.NodeMeta().ID == project {
			return participationOf(t, nb)
		}
	}
	t.Fatalf("%s takes no part in %s", org, project)
	return nil
}

func linkChangesMoveVersions(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	doc := ecosystem.Source{Kind: ecosystem.SourceDocument, Reference: "test"}
	project := &ecosystem.Project{Meta: ecosystem.Meta{ID: "p", Sources: []ecosystem.Source{doc}}, Name: "P", Status: ecosystem.ProjectOngoing}
	base := func(props ecosystem.LinkProps) *ecosystem.Dataset {
		return &ecosystem.Dataset{Nodes: []ecosystem.Node{org("a", "A"), org("b", "B"), project},
			Links: []ecosystem.Link{{From: "a", Type: ecosystem.RelParticipatesIn, To: "p", Props: props}}}
	}
	first := participation(ecosystem.ParticipationPartner, ecosystem.ParticipationConfirmed, nil, doc)
	if _, err := st.Apply(ctx, base(first)); err != nil {
		t.Fatal(err)
	}
	before, graphBefore := versions(t, st, "a", "b", "p")
	steps := []struct {
		name    string
		ds      *ecosystem.Dataset
		changes bool
		moved   []string
	}{
		{"the same dataset again", base(first), false, nil},
		{"a participation's properties", base(participation(ecosystem.ParticipationCoordinator, ecosystem.ParticipationConfirmed, ptr(100.0), doc)), true, []string{"a", "p"}},
		{"a new link", &ecosystem.Dataset{Links: []ecosystem.Link{{From: "b", Type: ecosystem.RelUnitOf, To: "a"}}}, true, []string{"a", "b"}},
		{"an editor's slot replaced by the same links", &ecosystem.Dataset{ByEditor: true,
			ReplaceLinks: []ecosystem.LinkSlot{{From: "b", Type: ecosystem.RelUnitOf}},
			Links:        []ecosystem.Link{{From: "b", Type: ecosystem.RelUnitOf, To: "a"}}}, false, nil},
		{"an editor's slot emptied", &ecosystem.Dataset{ByEditor: true,
			ReplaceLinks: []ecosystem.LinkSlot{{From: "b", Type: ecosystem.RelUnitOf}}}, true, []string{"a", "b"}},
		{"a removed link", &ecosystem.Dataset{ByEditor: true,
			RemoveLinks: []ecosystem.Link{{From: "a", Type: ecosystem.RelParticipatesIn, To: "p"}}}, true, []string{"a", "p"}},
	}
	for _, step := range steps {
		stats, err := st.Apply(ctx, step.ds)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		after, graphAfter := versions(t, st, "a", "b", "p")
		if changed := stats != (ecosystem.ApplyStats{}); changed != step.changes {
			t.Errorf("%s: stats %+v, want a change: %v", step.name, stats, step.changes)
		}
		if moved := graphAfter != graphBefore; moved != step.changes {
			t.Errorf("%s: graph version %d → %d, want a move: %v", step.name, graphBefore, graphAfter, step.changes)
		}
		for _, id := range []string{"a", "b", "p"} {
			want := before[id]
			if contains(step.moved, id) {
				want++
			}
			if after[id] != want {
				t.Errorf("%s: %s is at version %d, want %d", step.name, id, after[id], want)
			}
		}
		before, graphBefore = after, graphAfter
	}
}

func editorsLinkPropertiesWin(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	ctx := context.Background()
	editor := ecosystem.Source{Kind: ecosystem.SourceEditor, Reference: "hub-staff"}
	// Ørneforeningen takes part in Alfa as a confirmed partner in the
	// seed; an editor makes it tentative.
	was := partnerProperties(t, st, "forening", "prosjekt-a")
	edited := participation(was.Role, ecosystem.ParticipationTentative, ptr(1000.0), editor)
	if _, err := st.Apply(ctx, &ecosystem.Dataset{ByEditor: true, Links: []ecosystem.Link{
		{From: "forening", Type: ecosystem.RelParticipatesIn, To: "prosjekt-a", Props: edited}}}); err != nil {
		t.Fatal(err)
	}
	stats, err := st.Apply(ctx, Fixture())
	if err != nil {
		t.Fatal(err)
	}
	if stats != (ecosystem.ApplyStats{}) {
		t.Errorf("re-seeding after an editor's change to a link changed something: %+v", stats)
	}
	got := partnerProperties(t, st, "forening", "prosjekt-a")
	if got.Status != ecosystem.ParticipationTentative || got.ContributionEur == nil || *got.ContributionEur != 1000 {
		t.Errorf("after re-seeding the participation is %+v, want the editor's", got)
	}
}

func importsOnlyFill(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	ctx := context.Background()
	imported := ecosystem.Source{Kind: ecosystem.SourceImport, Reference: "file.csv", Row: ptr(7)}
	// An editor clears Ørneforeningen's country; an import that knows it
	// must not bring it back, but fills the website nobody set.
	got, _ := st.NodesByID(ctx, []string{"forening"})
	kf := got["forening"].(*ecosystem.Organisation)
	kf.Country = nil
	if _, err := st.Apply(ctx, &ecosystem.Dataset{ByEditor: true, Nodes: []ecosystem.Node{kf}}); err != nil {
		t.Fatal(err)
	}
	incoming := org("forening", "ØRNEFORENINGEN")
	site, country := "https://imported.example", "NO"
	incoming.Website, incoming.Country = &site, &country
	incoming.Sources = []ecosystem.Source{imported}
	was := partnerProperties(t, st, "forening", "prosjekt-a")
	link := participation(ecosystem.ParticipationCoordinator, ecosystem.ParticipationConfirmed, ptr(5.0), imported)
	ds := &ecosystem.Dataset{FillOnly: true, Nodes: []ecosystem.Node{incoming},
		Links: []ecosystem.Link{{From: "forening", Type: ecosystem.RelParticipatesIn, To: "prosjekt-a", Props: link}}}
	if _, err := st.Apply(ctx, ds); err != nil {
		t.Fatal(err)
	}
	if again, err := st.Apply(ctx, ds); err != nil || again != (ecosystem.ApplyStats{}) {
		t.Errorf("importing twice: %+v, %v; want no change", again, err)
	}
	got, _ = st.NodesByID(ctx, []string{"forening"})
	kf = got["forening"].(*ecosystem.Organisation)
	if kf.Country != nil || kf.Name != "Ørneforeningen" || kf.Website == nil || *kf.Website != site {
		t.Errorf("after the import: country %v, name %q, website %v; want no country, the seed's name and the imported website",
			kf.Country, kf.Name, kf.Website)
	}
	p := partnerProperties(t, st, "forening", "prosjekt-a")
	if p.Role != was.Role || p.ContributionEur == nil || *p.ContributionEur != 5 {
		t.Errorf("after the import the participation is %+v; want the seed's role and the imported contribution", p)
	}
	var kinds []ecosystem.SourceKind
	for _, s := range p.Sources {
		kinds = append(kinds, s.Kind)
	}
	if len(kinds) != 2 || kinds[0] != ecosystem.SourceDocument || kinds[1] != ecosystem.SourceImport {
		t.Errorf("the participation's sources are %v, want the seed's document and the import", kinds)
	}
}
