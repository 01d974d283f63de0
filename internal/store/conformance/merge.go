package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// mergeFixture is two organisations to merge ("gone" into "keep") with
// links of their own, a shared project (which keep keeps once), a
// membership of gone in keep (which would become a loop) and a unit of
// gone (which moves to keep).
func mergeFixture() *ecosystem.Dataset {
	return &ecosystem.Dataset{
		Nodes: []ecosystem.Node{
			fxOrg("keep", "Beholdt", ecosystem.SectorResearch, "NO"),
			fxOrg("gone", "Slått sammen", ecosystem.SectorResearch, "NO"),
			fxOrg("unit", "Enhet", ecosystem.SectorResearch, "NO"),
			fxProject("p-one", "En", ecosystem.ProjectOngoing, "", ""),
			fxProject("p-two", "To", ecosystem.ProjectOngoing, "", ""),
			&ecosystem.Person{Meta: fxMeta("someone"), Name: "Noen"},
		},
		Links: []ecosystem.Link{
			fxLink("unit", ecosystem.RelUnitOf, "gone"),
			fxParticipation("gone", "p-one", ecosystem.ParticipationCoordinator, ecosystem.ParticipationConfirmed, "2022-02-02"),
			fxParticipation("gone", "p-two", ecosystem.ParticipationPartner, ecosystem.ParticipationTentative, ""),
			fxParticipation("keep", "p-two", ecosystem.ParticipationPartner, ecosystem.ParticipationConfirmed, ""),
			fxMembership("gone", "keep", ""),
		},
	}
}

// mergeAndErase folds one organisation into another as an editor does
// (mergeOrganisations) and erases a person (erasePerson), then loads the
// original data again as the seed would.
func mergeAndErase(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	mustApplyDataset(t, st, mergeFixture())
	mustApplyDataset(t, st, Fixture())
	follow := func(rel ecosystem.Relation, id string) []string { return neighbourIDs(t, st, rel, id) }
	refuse := []struct {
		name string
		m    ecosystem.Merge
		code ecosystem.Code
	}{
		{"into itself", ecosystem.Merge{Keep: "keep", Merge: "keep"}, ecosystem.CodeBadUserInput},
		{"across types", ecosystem.Merge{Keep: "keep", Merge: "someone"}, ecosystem.CodeBadUserInput},
		{"a missing id", ecosystem.Merge{Keep: "keep", Merge: "no-such-id"}, ecosystem.CodeNotFound},
	}
	for _, tt := range refuse {
		before, _ := st.Stats(ctx)
		_, err := st.Apply(ctx, &ecosystem.Dataset{ByEditor: true, Merges: []ecosystem.Merge{tt.m}})
		if code := ecosystem.ErrorCode(err); code != tt.code {
			t.Errorf("merging %s: %v (code %q), want %s", tt.name, err, code, tt.code)
		}
		if after, _ := st.Stats(ctx); fmt.Sprint(before) != fmt.Sprint(after) {
			t.Errorf("a refused merge (%s) changed the graph", tt.name)
		}
	}

	keep, _ := st.NodesByID(ctx, []string{"keep"})
	k := keep["keep"].(*ecosystem.Organisation)
	k.Aliases = append(k.Aliases, "Slått sammen")
	stats := mustApplyDataset(t, st, &ecosystem.Dataset{ByEditor: true, Nodes: []ecosystem.Node{k},
		Merges: []ecosystem.Merge{{Keep: "keep", Merge: "gone"}}})
	if stats.NodesDeleted != 1 {
		t.Errorf("merge stats %+v, want one node deleted", stats)
	}
	check := func(when string) {
		t.Helper()
		got, err := st.NodesByID(ctx, []string{"gone", "keep"})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"gone", "keep"} {
			if n, ok := got[id].(*ecosystem.Organisation); !ok || n.ID != "keep" || fmt.Sprint(n.Aliases) != "[Slått sammen]" {
				t.Errorf("%s: %s reads as %+v, want the kept organisation with the merged name as an alias", when, id, got[id])
			}
		}
		if got := follow(ecosystem.OrganisationParent, "unit"); fmt.Sprint(got) != "[keep]" {
			t.Errorf("%s: the unit's parent = %v, want [keep]", when, got)
		}
		if got := follow(ecosystem.OrganisationParticipations, "keep"); fmt.Sprint(got) != "[p-one p-two]" {
			t.Errorf("%s: keep takes part in %v, want [p-one p-two]", when, got)
		}
		for _, orgs := range [][]string{{"gone"}, {"gone", "keep"}} {
			if got := sharedProjects(t, st, orgs...); fmt.Sprint(got) != "[p-one p-two]" {
				t.Errorf("%s: the projects %v take part in, filtered by the retired id, are %v; want keep's [p-one p-two]", when, orgs, got)
			}
		}
		if got := follow(ecosystem.ProjectPartners, "p-two"); fmt.Sprint(got) != "[keep]" {
			t.Errorf("%s: p-two's partners = %v, want keep once", when, got)
		}
		if got := follow(ecosystem.OrganisationMembers, "keep"); len(got) != 0 {
			t.Errorf("%s: keep's members = %v; the merged membership would be a loop and goes", when, got)
		}
		partners, _ := st.Neighbours(ctx, ecosystem.ProjectPartners, []string{"p-one"})
		var p *ecosystem.Participation
		if len(partners["p-one"]) == 1 {
			p, _ = partners["p-one"][0].Props.(*ecosystem.Participation)
		}
		if p == nil || p.Role != ecosystem.ParticipationCoordinator || p.Since == nil || *p.Since != "2022-02-02" {
			t.Errorf("%s: the moved participation = %+v, want its properties kept", when, partners["p-one"])
		}
		n, err := st.Count(ctx, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Conditions: []ecosystem.Condition{
			{Equals: &ecosystem.PropertyValue{Property: "name", Value: "Slått sammen"}}}})
		if err != nil || n != 0 {
			t.Errorf("%s: %d organisations are still named as the merged one (%v)", when, n, err)
		}
	}
	check("after merging")

	// Erase a person: her node and links go and leave no trace.
	stats = mustApplyDataset(t, st, &ecosystem.Dataset{ByEditor: true, Deletes: []string{"ingeborg-aerlighet"}})
	if stats.NodesDeleted != 1 || stats.LinksDeleted != 1 {
		t.Errorf("erasing: %+v, want her node and her one HOLDS link deleted", stats)
	}
	erased := func(when string) {
		t.Helper()
		if got, _ := st.NodesByID(ctx, []string{"ingeborg-aerlighet"}); len(got) != 0 {
			t.Errorf("%s: the erased person reads as %v", when, got)
		}
		if got := follow(ecosystem.RolePeople, "sete"); len(got) != 0 {
			t.Errorf("%s: her seat is held by %v", when, got)
		}
		if hits, _ := st.Search(ctx, ecosystem.SearchQuery{Text: "Ingeborg"}); len(hits) != 0 {
			t.Errorf("%s: a search finds %d hits for her", when, len(hits))
		}
		snap, err := st.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		dump, _ := json.Marshal(snap)
		if text := strings.ToLower(string(dump)); strings.Contains(text, "ingeborg") || strings.Contains(text, "ærlighet") || strings.Contains(text, "aerlighet") {
			t.Errorf("%s: the erased person is still somewhere in the snapshot", when)
		}
	}
	erased("after erasing")

	// The seed and imports load the original data again: neither the
	// merged organisation nor the erased person comes back.
	for i := 0; i < 2; i++ {
		mustApplyDataset(t, st, mergeFixture())
		mustApplyDataset(t, st, Fixture())
	}
	check("after loading the data again")
	erased("after loading the data again")
}
