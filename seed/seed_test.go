package seed_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/seed"
)

// index gives tests lookups over a dataset.
type index struct {
	nodes map[string]ecosystem.Node
	links []ecosystem.Link
}

func load(t *testing.T) index {
	t.Helper()
	ds, err := seed.Default()
	if err != nil {
		t.Fatalf("the default dataset does not load: %v", err)
	}
	ix := index{nodes: map[string]ecosystem.Node{}, links: ds.Links}
	for _, n := range ds.Nodes {
		ix.nodes[n.NodeMeta().ID] = n
	}
	return ix
}

// from returns the ids reached from id over links of type t.
func (ix index) from(id string, t ecosystem.RelType) []string {
	var out []string
	for _, l := range ix.links {
		if l.From == id && l.Type == t {
			out = append(out, l.To)
		}
	}
	sort.Strings(out)
	return out
}

// to returns the ids that reach id over links of type t.
func (ix index) to(id string, t ecosystem.RelType) []string {
	var out []string
	for _, l := range ix.links {
		if l.To == id && l.Type == t {
			out = append(out, l.From)
		}
	}
	sort.Strings(out)
	return out
}

func (ix index) name(id string) string {
	switch n := ix.nodes[id].(type) {
	case *ecosystem.Organisation:
		return n.Name
	case *ecosystem.Person:
		return n.Name
	}
	return id
}

func TestEveryEntityCitesADocument(t *testing.T) {
	ix := load(t)
	for id, n := range ix.nodes {
		if len(n.NodeMeta().Sources) == 0 {
			t.Errorf("%s cites no source", id)
		}
	}
}

func TestHubHasFifteenMemberOrganisations(t *testing.T) {
	ix := load(t)
	members := ix.to("cancer-mission-hub-norway", ecosystem.RelMemberOf)
	if len(members) != 15 {
		t.Fatalf("the hub has %d members, want 15: %v", len(members), members)
	}
	faculties := 0
	for _, m := range members {
		o := ix.nodes[m].(*ecosystem.Organisation)
		for _, k := range o.Kinds {
			if k == "FACULTY" {
				faculties++
				parent := ix.from(m, ecosystem.RelUnitOf)
				if len(parent) != 1 || !containsKind(ix.nodes[parent[0]], "UNIVERSITY") {
					t.Errorf("faculty %s has parent %v, want its university", m, parent)
				}
			}
		}
	}
	if faculties != 2 {
		t.Errorf("%d faculties among the members, want 2 (UiT and UiB)", faculties)
	}
}

func containsKind(n ecosystem.Node, kind ecosystem.OrganisationKind) bool {
	o, ok := n.(*ecosystem.Organisation)
	if !ok {
		return false
	}
	for _, k := range o.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

func TestCoordinationGroupSeats(t *testing.T) {
	ix := load(t)
	seats := ix.to("strategisk-koordineringsgruppe", ecosystem.RelInBody)
	people := map[string]string{} // person name → organisation name of the seat
	var ksSeat, theaSeat string
	for _, seat := range seats {
		orgs := ix.from(seat, ecosystem.RelSeatAt)
		if len(orgs) != 1 {
			t.Errorf("seat %s represents %v, want exactly one organisation", seat, orgs)
			continue
		}
		holders := ix.to(seat, ecosystem.RelHolds)
		for _, p := range holders {
			people[ix.name(p)] = ix.name(orgs[0])
		}
		if len(holders) == 2 {
			names := ix.name(holders[0]) + "/" + ix.name(holders[1])
			if names != "Lars Eikvar/Renate Grüner" && names != "Renate Grüner/Lars Eikvar" {
				t.Errorf("the shared seat is held by %s, want Renate Grüner and Lars Eikvar", names)
			}
		}
		for _, p := range holders {
			switch ix.name(p) {
			case "Hedda Barvik Eilertsen":
				ksSeat = seat
			case "Thea Forsberg":
				theaSeat = seat
			}
		}
	}
	if len(people) != 19 {
		t.Errorf("%d people hold seats in the group, want 19: %v", len(people), people)
	}
	want := map[string]string{
		"Ingrid Stenstadvold Ross": "Kreftforeningen", "Ole Alexander Opdalshei": "Kreftforeningen",
		"Sigurd Røtnes": "Helsedirektoratet", "Sissi Leyell Espetvedt": "Helsedirektoratet",
		"Ketil Widerberg": "Oslo Cancer Cluster", "Ole Johan Borge": "Forskningsrådet",
		"Hedda Barvik Eilertsen": "KS", "Thea Forsberg": "KS", "Øystein Risa": "SINTEF",
		"Knut-Inge Klepp": "Folkehelseinstituttet", "Arild Kristensen": "Norway Health Tech",
	}
	for person, org := range want {
		if got := people[person]; !strings.EqualFold(got, org) && !strings.HasPrefix(got, org) {
			t.Errorf("%s sits for %q, want %q", person, got, org)
		}
	}
	for _, person := range []string{"Mari Nygård", "Kjetil Tasken", "Renate Grüner", "Lars Eikvar", "Karl-Christian Nordby", "Shan Nauri", "Stian Knappskog", "Morten Strøm"} {
		if people[person] == "" {
			t.Errorf("%s has no seat in the group", person)
		}
	}
	if ksSeat == "" || theaSeat == "" {
		t.Fatalf("KS seat %q, Thea Forsberg's seat %q: both must exist", ksSeat, theaSeat)
	}
	if r := ix.nodes[ksSeat].(*ecosystem.Role); r.Status != ecosystem.RoleOnLeave {
		t.Errorf("the KS seat is %s, want ON_LEAVE", r.Status)
	}
	if got := ix.from(theaSeat, ecosystem.RelDeputyFor); len(got) != 1 || got[0] != ksSeat {
		t.Errorf("Thea Forsberg's role deputises for %v, want the KS seat %s", got, ksSeat)
	}
}

func TestIngridIsAlsoSecretaryGeneral(t *testing.T) {
	ix := load(t)
	roles := ix.from("ingrid-stenstadvold-ross", ecosystem.RelHolds)
	found := false
	for _, r := range roles {
		title := strings.ToLower(ix.nodes[r].(*ecosystem.Role).Title)
		if strings.Contains(title, "generalsekretær") || strings.Contains(title, "secretary general") {
			found = ix.from(r, ecosystem.RelSeatAt)[0] == "kreftforeningen"
		}
	}
	if !found {
		t.Errorf("Ingrid Stenstadvold Ross is not Kreftforeningen's secretary general; her roles: %v", roles)
	}
}

func TestMentalHealthCallAndProposal(t *testing.T) {
	ix := load(t)
	var call *ecosystem.Call
	for _, n := range ix.nodes {
		if c, ok := n.(*ecosystem.Call); ok && strings.Contains(strings.ToLower(c.Title), "mental health") {
			call = c
		}
	}
	if call == nil {
		t.Fatal("no EU4Health call on mental health")
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"budget 8 M EUR", call.BudgetEur != nil && *call.BudgetEur == 8e6},
		{"max grant 1.1 M EUR", call.MaxGrantEur != nil && *call.MaxGrantEur == 1.1e6},
		{"project budget 1.7 M EUR", call.ProjectBudgetEur != nil && *call.ProjectBudgetEur == 1.7e6},
		{"funding rate 60 %", call.FundingRate != nil && *call.FundingRate == 0.6},
		{"7 grants", call.ExpectedGrants != nil && *call.ExpectedGrants == 7},
		{"36 months", call.DurationMonths != nil && *call.DurationMonths == 36},
		{"deadline 17 October 2023", call.Deadline != nil && *call.Deadline == "2023-10-17"},
		{"three requirements", len(call.Requirements) == 3},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("call: %s does not hold (%+v)", c.name, call)
		}
	}
	proposals := ix.to(call.ID, ecosystem.RelRespondsTo)
	if len(proposals) != 1 {
		t.Fatalf("%d projects respond to the call, want the one proposal", len(proposals))
	}
	confirmed, tentative := 0, 0
	for _, l := range ix.links {
		if l.To == proposals[0] && l.Type == ecosystem.RelParticipatesIn {
			switch l.Properties["status"] {
			case "CONFIRMED":
				confirmed++
			case "TENTATIVE":
				tentative++
			}
		}
	}
	if confirmed != 10 || tentative == 0 {
		t.Errorf("proposal: %d confirmed and %d tentative partners, want 10 and the Danish ones", confirmed, tentative)
	}
}

func TestEventsAndIndicators(t *testing.T) {
	ix := load(t)
	milestones, indicators := 0, 0
	for _, n := range ix.nodes {
		switch e := n.(type) {
		case *ecosystem.Event:
			if e.Kind == ecosystem.EventMilestone {
				milestones++
			}
		case *ecosystem.Indicator:
			indicators++
		}
	}
	if milestones < 6 || indicators != 4 {
		t.Errorf("%d milestones and %d indicators, want at least the 6 Pakkeforløp hjem milestones and 4 indicators", milestones, indicators)
	}
}

func TestParseReportsEveryProblemWithItsPath(t *testing.T) {
	bad := []byte(`
organisations:
  - id: Bad Id
    name: ""
    sector: NOPE
    sources: [doc.txt]
  - id: ok
    name: OK
    sector: OTHER
    parent: nowhere
people:
  - id: p
    name: P
`)
	_, err := seed.Parse(bad)
	if ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Fatalf("code = %v, want BAD_USER_INPUT", ecosystem.ErrorCode(err))
	}
	for _, want := range []string{"nodes[0].id", "nodes[0].name", "nodes[0].sector", "nowhere", "sources"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q: %v", want, err)
		}
	}
	if _, err := seed.Parse([]byte("organisations:\n  - id: x\n    nmae: typo\n")); err == nil || !strings.Contains(err.Error(), "nmae") {
		t.Errorf("an unknown key should be reported, got %v", err)
	}
}
