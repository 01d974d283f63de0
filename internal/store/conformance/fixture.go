package conformance

import (
	"sort"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// The fixture is a small graph built in code that uses every relationship
// type, with dates on both sides of the days the tests ask about and
// Norwegian letters in the names. Tests that need exact answers compute
// them from it here, independently of any store.

var fixtureSource = []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "conformance fixture"}}

func fxMeta(id string) ecosystem.Meta {
	return ecosystem.Meta{ID: id, Sources: fixtureSource}
}

func fxDate(s string) *ecosystem.Date { d := ecosystem.Date(s); return &d }

func fxOrg(id, name string, sector ecosystem.Sector, country string, kinds ...ecosystem.OrganisationKind) *ecosystem.Organisation {
	o := &ecosystem.Organisation{Meta: fxMeta(id), Name: name, Sector: sector, Kinds: kinds}
	if country != "" {
		o.Country = &country
	}
	return o
}

func fxProject(id, name string, status ecosystem.ProjectStatus, start, end string) *ecosystem.Project {
	p := &ecosystem.Project{Meta: fxMeta(id), Name: name, Status: status}
	if start != "" {
		p.Start = fxDate(start)
	}
	if end != "" {
		p.End = fxDate(end)
	}
	return p
}

func fxCall(id, title, opens, deadline string) *ecosystem.Call {
	c := &ecosystem.Call{Meta: fxMeta(id), Title: title}
	if opens != "" {
		c.Opens = fxDate(opens)
	}
	if deadline != "" {
		c.Deadline = fxDate(deadline)
	}
	return c
}

func fxEvent(id, date, title string, kind ecosystem.EventKind) *ecosystem.Event {
	return &ecosystem.Event{Meta: fxMeta(id), Date: ecosystem.Date(date), Title: title, Kind: kind}
}

func fxLink(from string, t ecosystem.RelType, to string) ecosystem.Link {
	return ecosystem.Link{From: from, Type: t, To: to}
}

func fxParticipation(from, to string, role ecosystem.ParticipationRole, status ecosystem.ParticipationStatus, since string) ecosystem.Link {
	p := &ecosystem.Participation{Role: role, Status: status, LinkFacts: ecosystem.LinkFacts{Sources: fixtureSource}}
	if since != "" {
		p.Since = fxDate(since)
	}
	return ecosystem.Link{From: from, Type: ecosystem.RelParticipatesIn, To: to, Props: p}
}

func fxMembership(from, to, since string) ecosystem.Link {
	m := &ecosystem.LinkFacts{Sources: fixtureSource}
	if since != "" {
		m.Since = fxDate(since)
	}
	return ecosystem.Link{From: from, Type: ecosystem.RelMemberOf, To: to, Props: m}
}

// Fixture returns the suite's dataset, new each time: a small graph
// that uses every relationship type. The analytics tests use it too.
func Fixture() *ecosystem.Dataset {
	budget := func(f float64) *float64 { return &f }
	code := "T-1"
	unit := "andel"
	year := 2024
	prog := &ecosystem.Programme{Meta: fxMeta("program"), Name: "Hovedprogram", BudgetEur: budget(1e9)}
	child := &ecosystem.Programme{Meta: fxMeta("program-barn"), Name: "Delprogram", BudgetEur: budget(5e6)}
	return &ecosystem.Dataset{
		Nodes: []ecosystem.Node{
			fxOrg("hub", "Knutepunktet", ecosystem.SectorOther, "NO", "NETWORK"),
			fxOrg("uni", "Universitetet i Ås", ecosystem.SectorResearch, "NO", "UNIVERSITY"),
			fxOrg("fak", "Fakultet for medisin", ecosystem.SectorResearch, "NO", "FACULTY"),
			fxOrg("forening", "Ørneforeningen", ecosystem.SectorUserOrganisation, "NO", "NGO", "PATIENT_ORGANISATION"),
			fxOrg("sykehus", "Åsen sykehus", ecosystem.SectorHealthService, "NO", "HOSPITAL"),
			fxOrg("rad", "Forskningsrådet", ecosystem.SectorFunder, "NO", "PUBLIC_AGENCY"),
			fxOrg("bedrift", "Bedrift AS", ecosystem.SectorIndustry, "SE", "COMPANY"),
			fxOrg("aerlig", "Ærlig AS", ecosystem.SectorIndustry, "DK", "SME"),
			&ecosystem.Person{Meta: fxMeta("ingeborg-aerlighet"), Name: "Ingeborg Ærlighet"},
			&ecosystem.Person{Meta: fxMeta("kari-nordmann"), Name: "Kari Nordmann"},
			&ecosystem.Person{Meta: fxMeta("per-deltaker"), Name: "Per Deltaker"},
			&ecosystem.Role{Meta: fxMeta("sete"), Title: "Medlem for Ørneforeningen", Status: ecosystem.RoleOnLeave},
			&ecosystem.Role{Meta: fxMeta("sete-vara"), Title: "Vara for Ørneforeningen", Status: ecosystem.RoleActive},
			fxProject("prosjekt-a", "Alfa", ecosystem.ProjectCompleted, "2020-01-01", "2022-12-31"),
			fxProject("prosjekt-b", "Beta", ecosystem.ProjectOngoing, "2023-01-01", ""),
			fxProject("prosjekt-c", "Gamma", ecosystem.ProjectCompleted, "", "2019-06-30"),
			fxProject("prosjekt-d", "Delta", ecosystem.ProjectProposal, "", ""),
			fxCall("utlysning-1", "Utlysning én", "2023-09-01", "2023-10-17"),
			fxCall("utlysning-2", "Utlysning to", "2024-01-01", ""),
			fxCall("utlysning-3", "Utlysning tre", "", "2022-01-01"),
			fxCall("utlysning-4", "Utlysning fire", "", ""),
			&ecosystem.Topic{Meta: fxMeta("tema"), Code: &code, Title: "Tema om kreft"},
			prog, child,
			&ecosystem.Pillar{Meta: fxMeta("pilar"), Name: "Forebygging"},
			fxEvent("mote", "2022-05-05", "Møte om samarbeid", ecosystem.EventMeeting),
			fxEvent("frist", "2023-10-17", "Frist for søknader", ecosystem.EventDeadline),
			&ecosystem.Indicator{Meta: fxMeta("indikator"), Name: "Andel", Value: 0.5, Unit: &unit, Year: &year},
		},
		Links: []ecosystem.Link{
			fxLink("fak", ecosystem.RelUnitOf, "uni"),
			fxMembership("uni", "hub", "2021-01-01"),
			fxMembership("forening", "hub", ""),
			fxMembership("sykehus", "hub", "2024-03-01"),
			fxParticipation("uni", "prosjekt-a", ecosystem.ParticipationCoordinator, ecosystem.ParticipationConfirmed, ""),
			fxParticipation("forening", "prosjekt-a", ecosystem.ParticipationPartner, ecosystem.ParticipationConfirmed, ""),
			fxParticipation("sykehus", "prosjekt-b", ecosystem.ParticipationCoordinator, ecosystem.ParticipationConfirmed, "2023-06-01"),
			fxParticipation("forening", "prosjekt-b", ecosystem.ParticipationPartner, ecosystem.ParticipationTentative, ""),
			fxParticipation("bedrift", "prosjekt-c", ecosystem.ParticipationPartner, ecosystem.ParticipationConfirmed, ""),
			fxParticipation("fak", "prosjekt-d", ecosystem.ParticipationAssociated, ecosystem.ParticipationConfirmed, ""),
			fxLink("ingeborg-aerlighet", ecosystem.RelHolds, "sete"),
			fxLink("kari-nordmann", ecosystem.RelHolds, "sete-vara"),
			fxLink("sete", ecosystem.RelSeatAt, "forening"),
			fxLink("sete-vara", ecosystem.RelSeatAt, "forening"),
			fxLink("sete", ecosystem.RelInBody, "hub"),
			fxLink("sete-vara", ecosystem.RelInBody, "hub"),
			fxLink("sete-vara", ecosystem.RelDeputyFor, "sete"),
			fxLink("prosjekt-b", ecosystem.RelRespondsTo, "utlysning-1"),
			fxLink("prosjekt-b", ecosystem.RelHasTopic, "tema"),
			fxLink("utlysning-1", ecosystem.RelHasTopic, "tema"),
			fxLink("prosjekt-b", ecosystem.RelInProgramme, "program-barn"),
			fxLink("utlysning-1", ecosystem.RelInProgramme, "program-barn"),
			fxLink("program-barn", ecosystem.RelPartOf, "program"),
			fxLink("utlysning-2", ecosystem.RelPartOf, "utlysning-1"),
			fxLink("program", ecosystem.RelFundedBy, "rad"),
			fxLink("pilar", ecosystem.RelDefinedBy, "program"),
			fxLink("forening", ecosystem.RelCovers, "pilar"),
			fxLink("prosjekt-b", ecosystem.RelCovers, "pilar"),
			fxLink("utlysning-1", ecosystem.RelCovers, "pilar"),
			fxLink("program-barn", ecosystem.RelCovers, "pilar"),
			fxLink("mote", ecosystem.RelInvolves, "forening"),
			fxLink("mote", ecosystem.RelInvolves, "uni"),
			fxLink("mote", ecosystem.RelConcerns, "prosjekt-a"),
			fxLink("frist", ecosystem.RelConcerns, "program-barn"),
			fxLink("per-deltaker", ecosystem.RelTakesPartIn, "mote"),
		},
	}
}

// graphOf indexes a dataset for computing expected answers: nodes by id
// and links deduplicated by their key (the last one wins, as in a store).
type graphOf struct {
	nodes map[string]ecosystem.Node
	links []ecosystem.Link
}

func indexDataset(ds *ecosystem.Dataset) *graphOf {
	g := &graphOf{nodes: map[string]ecosystem.Node{}}
	for _, n := range ds.Nodes {
		g.nodes[n.NodeMeta().ID] = n
	}
	byKey := map[string]int{}
	for _, l := range ds.Links {
		if i, ok := byKey[linkID(l)]; ok {
			g.links[i] = l
			continue
		}
		byKey[linkID(l)] = len(g.links)
		g.links = append(g.links, l)
	}
	ecosystem.SortLinks(g.links)
	return g
}

// linkID names a link by its ends and type: there is at most one link
// of a type between two entities.
func linkID(l ecosystem.Link) string { return l.From + " " + string(l.Type) + " " + l.To }

// snapshot returns the dataset as a store's snapshot would hold it.
func (g *graphOf) snapshot() *ecosystem.Snapshot {
	return &ecosystem.Snapshot{Nodes: g.nodes, Links: g.links}
}

// follow returns the ids rel reaches from id, in the order every store
// gives: by sort key, then id.
func (g *graphOf) follow(rel ecosystem.Relation, id string) []string {
	var out []string
	for _, l := range g.links {
		if l.Type != rel.Type {
			continue
		}
		here, there := l.From, l.To
		if rel.Direction == ecosystem.Incoming {
			here, there = l.To, l.From
		}
		if here == id && g.nodes[there] != nil && g.nodes[there].NodeLabel() == rel.Target {
			out = append(out, there)
		}
	}
	g.sortByName(out)
	return out
}

func (g *graphOf) sortByName(ids []string) {
	sort.Slice(ids, func(i, j int) bool {
		a, b := ecosystem.SortKey(g.nodes[ids[i]].SortName()), ecosystem.SortKey(g.nodes[ids[j]].SortName())
		if a != b {
			return a < b
		}
		return ids[i] < ids[j]
	})
}

// ids returns the ids of nodes, in order.
func ids[T ecosystem.Node](nodes []T) []string {
	out := []string{}
	for _, n := range nodes {
		out = append(out, n.NodeMeta().ID)
	}
	return out
}
