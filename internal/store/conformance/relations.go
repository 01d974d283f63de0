package conformance

import (
	"context"
	"fmt"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// relations are the relations behind the API's relationship fields.
var relations = map[string]ecosystem.Relation{
	"OrganisationParent": ecosystem.OrganisationParent, "OrganisationUnits": ecosystem.OrganisationUnits,
	"OrganisationMemberOf": ecosystem.OrganisationMemberOf, "OrganisationMembers": ecosystem.OrganisationMembers,
	"OrganisationParticipations": ecosystem.OrganisationParticipations, "OrganisationRoles": ecosystem.OrganisationRoles,
	"OrganisationBodySeats": ecosystem.OrganisationBodySeats, "OrganisationPillars": ecosystem.OrganisationPillars,
	"OrganisationFunds": ecosystem.OrganisationFunds, "OrganisationEvents": ecosystem.OrganisationEvents,
	"PersonRoles": ecosystem.PersonRoles, "PersonEvents": ecosystem.PersonEvents,
	"RolePeople": ecosystem.RolePeople, "RoleOrganisation": ecosystem.RoleOrganisation, "RoleBody": ecosystem.RoleBody,
	"RoleDeputy": ecosystem.RoleDeputy, "RoleDeputyFor": ecosystem.RoleDeputyFor,
	"ProjectPartners": ecosystem.ProjectPartners, "ProjectCalls": ecosystem.ProjectCalls, "ProjectTopics": ecosystem.ProjectTopics,
	"ProjectProgrammes": ecosystem.ProjectProgrammes, "ProjectPillars": ecosystem.ProjectPillars, "ProjectEvents": ecosystem.ProjectEvents,
	"CallProgramme": ecosystem.CallProgramme, "CallParent": ecosystem.CallParent, "CallChildren": ecosystem.CallChildren,
	"CallTopics": ecosystem.CallTopics, "CallProjects": ecosystem.CallProjects, "CallPillars": ecosystem.CallPillars,
	"TopicCalls": ecosystem.TopicCalls, "TopicProjects": ecosystem.TopicProjects,
	"ProgrammeFunder": ecosystem.ProgrammeFunder, "ProgrammeParent": ecosystem.ProgrammeParent,
	"ProgrammeChildren": ecosystem.ProgrammeChildren, "ProgrammeCalls": ecosystem.ProgrammeCalls,
	"ProgrammeProjects": ecosystem.ProgrammeProjects, "ProgrammePillars": ecosystem.ProgrammePillars,
	"ProgrammeDefines": ecosystem.ProgrammeDefines, "ProgrammeEvents": ecosystem.ProgrammeEvents,
	"PillarFramework": ecosystem.PillarFramework, "PillarOrganisations": ecosystem.PillarOrganisations,
	"PillarProjects": ecosystem.PillarProjects, "PillarCalls": ecosystem.PillarCalls, "PillarProgrammes": ecosystem.PillarProgrammes,
	"EventOrganisations": ecosystem.EventOrganisations, "EventProgramme": ecosystem.EventProgramme, "EventProject": ecosystem.EventProject,
	"EventPeople": ecosystem.EventPeople,
}

// relationsBothWays follows every relation from every fixture entity and
// expects exactly the ends the fixture's links give, in sort order, with
// the relationship's properties; every relationship type is in the
// fixture and is followed in both directions.
func relationsBothWays(t *testing.T, st ecosystem.Store) {
	ds := Fixture()
	mustApplyDataset(t, st, ds)
	g := indexDataset(ds)
	ctx := context.Background()
	all := make([]string, 0, len(g.nodes))
	for id := range g.nodes {
		all = append(all, id)
	}
	covered := map[string]bool{}
	for name, rel := range relations {
		got, err := st.Neighbours(ctx, rel, append(all, "no-such-id"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, id := range all {
			want := g.follow(rel, id)
			var have []string
			for _, n := range got[id] {
				have = append(have, n.Node.NodeMeta().ID)
			}
			if fmt.Sprint(have) != fmt.Sprint(want) {
				t.Errorf("%s from %s = %v, want %v", name, id, have, want)
			}
			if len(want) > 0 {
				dir := "out"
				if rel.Direction == ecosystem.Incoming {
					dir = "in"
				}
				covered[string(rel.Type)+" "+dir] = true
			}
		}
		if len(got["no-such-id"]) != 0 {
			t.Errorf("%s from a missing id = %v", name, got["no-such-id"])
		}
	}
	for _, rt := range ecosystem.RelTypes {
		for _, dir := range []string{"out", "in"} {
			if !covered[string(rt)+" "+dir] {
				t.Errorf("%s is never followed %s of an entity: the fixture or the relations table lacks it", rt, dir)
			}
		}
	}

	// Relationship properties come back as written, from either end.
	partners, err := st.Neighbours(ctx, ecosystem.ProjectPartners, []string{"prosjekt-b"})
	if err != nil {
		t.Fatal(err)
	}
	byOrg := map[string]ecosystem.Participation{}
	for _, n := range partners["prosjekt-b"] {
		byOrg[n.Node.NodeMeta().ID] = *participationOf(t, n)
	}
	if p := byOrg["sykehus"]; p.Role != ecosystem.ParticipationCoordinator || p.Status != ecosystem.ParticipationConfirmed || p.Since == nil || *p.Since != "2023-06-01" || len(p.Sources) != 1 {
		t.Errorf("Åsen sykehus's participation in Beta = %+v, want COORDINATOR, CONFIRMED, since 2023-06-01, one source", p)
	}
	if p := byOrg["forening"]; p.Role != ecosystem.ParticipationPartner || p.Status != ecosystem.ParticipationTentative || p.Since != nil {
		t.Errorf("Ørneforeningen's participation in Beta = %+v, want PARTNER, TENTATIVE, no since", p)
	}
	memberOf, err := st.Neighbours(ctx, ecosystem.OrganisationMemberOf, []string{"uni"})
	if err != nil {
		t.Fatal(err)
	}
	if len(memberOf["uni"]) != 1 || memberOf["uni"][0].Facts().Since == nil || *memberOf["uni"][0].Facts().Since != "2021-01-01" {
		t.Errorf("the university's membership = %+v, want one since 2021-01-01", memberOf["uni"])
	}
}

func mustApplyDataset(t *testing.T, st ecosystem.Store, ds *ecosystem.Dataset) ecosystem.ApplyStats {
	t.Helper()
	stats, err := st.Apply(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	return stats
}
