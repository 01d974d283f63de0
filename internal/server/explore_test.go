package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
)

func TestSharedProjectsCollaboratorsAndNeighbourhoods(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			var out struct {
				Two, Pair, Repeated, Many struct {
					TotalCount int
					Edges      []struct{ Node struct{ ID string } }
				}
				Organisation struct {
					Collaborators struct {
						TotalCount int
						Edges      []struct {
							Node struct {
								Count        int
								Organisation struct{ ID string }
							}
						}
					}
				}
				Members struct {
					Truncated bool
					Nodes     []struct{ ID string }
					Edges     []struct{ From, To, Type string }
				}
				Capped struct {
					Truncated bool
					Nodes     []struct{ ID string }
				}
			}
			// As many ids as a list argument may hold: one organisation and
			// 999 that name none, which share nothing.
			many := []string{"kreftforeningen"}
			for len(many) < 1000 {
				many = append(many, fmt.Sprintf("no-such-organisation-%d", len(many)))
			}
			c.mustQuery(`query($many: [ID!]!) {
			  two: sharedProjects(organisationIds: ["kreftforeningen", "ung-kreft"]) { edges { node { id } } }
			  pair: sharedProjects(organisationIds: ["kreftforeningen", "nscc"]) { edges { node { id } } }
			  repeated: sharedProjects(organisationIds: ["kreftforeningen", "ung-kreft", "kreftforeningen"], rollUp: NONE) { totalCount edges { node { id } } }
			  many: sharedProjects(organisationIds: $many, rollUp: NONE) { totalCount edges { node { id } } }
			  organisation(id: "kreftforeningen") { collaborators(first: 100) { totalCount edges { node { count organisation { id } } } } }
			  members: neighbourhood(id: "kreftforeningen", relationshipTypes: ["MEMBER_OF"]) { truncated nodes { id } edges { from to type } }
			  capped: neighbourhood(id: "cancer-mission-hub-norway", depth: 2, maxNodes: 4) { truncated nodes { id } }
			}`, map[string]any{"many": many}, &out)
			if len(out.Two.Edges) != 1 || out.Two.Edges[0].Node.ID != "cancer-pathway-home-proposal" {
				t.Errorf("Kreftforeningen and Ung Kreft share %+v, want the proposal", out.Two.Edges)
			}
			if r := out.Repeated; r.TotalCount != 1 || len(r.Edges) != 1 || r.Edges[0].Node.ID != "cancer-pathway-home-proposal" {
				t.Errorf("Kreftforeningen named twice beside Ung Kreft share %+v, want the proposal once", r)
			}
			if m := out.Many; m.TotalCount != 0 || len(m.Edges) != 0 {
				t.Errorf("Kreftforeningen and 999 missing organisations share %+v, want nothing", m)
			}
			if len(out.Pair.Edges) != 1 || out.Pair.Edges[0].Node.ID != "leve-bedre-med-kreft" {
				t.Errorf("Kreftforeningen and NSCC share %+v, want Leve bedre med kreft", out.Pair.Edges)
			}
			// The proposal's 12 other partners, NSCC and the hub (Leve bedre
			// med kreft), one project each.
			if col := out.Organisation.Collaborators; col.TotalCount != 14 || col.Edges[0].Node.Count != 1 {
				t.Errorf("collaborators %+v, want 14 sharing one project each", col)
			}
			m := out.Members
			if m.Truncated || len(m.Nodes) != 2 || len(m.Edges) != 1 || m.Edges[0].To != "cancer-mission-hub-norway" || m.Edges[0].Type != "MEMBER_OF" {
				t.Errorf("MEMBER_OF neighbourhood %+v, want Kreftforeningen and the hub", m)
			}
			if !out.Capped.Truncated || len(out.Capped.Nodes) != 4 {
				t.Errorf("capped neighbourhood %+v, want 4 nodes and truncated", out.Capped)
			}
			for _, bad := range []string{
				`{ neighbourhood(id: "kreftforeningen", depth: 4) { truncated } }`,
				`{ neighbourhood(id: "kreftforeningen", relationshipTypes: ["LIKES"]) { truncated } }`,
				`{ sharedProjects(organisationIds: []) { totalCount } }`,
			} {
				r := c.do(bad, nil)
				if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
					t.Errorf("%s: %+v, want BAD_USER_INPUT", bad, r.Errors)
				}
			}
		})
	}
}

// TestRootCollaboratorsAreReadBesideTheRoot: a root organisation's
// collaborators with a rollUp of NONE are read while the organisation
// is, and taken by the field, the same page twice and two pages under
// other response keys included; when nothing else is read ahead, the
// organisation comes with its first page (one statement, not two). The
// answer is the embedded store's, which reads them after the
// organisation. Over
// Neo4j the loaders wait an hour for siblings: collaborators under no
// list have none, and must not wait (Loaders.CollaboratorPage), and
// Neo4j reads the collaborators' organisations with their page.
func TestRootCollaboratorsAreReadBesideTheRoot(t *testing.T) {
	neo := neo4jtest.Seeded(t)
	onNeo4j := newServer(t, neo, nil, time.Hour)
	embedded := newServer(t, memtest.Seeded(t), nil, 0)
	tests := []struct {
		name, query string
		trips       int64
	}{
		{"one page", `{ organisation(id: "kreftforeningen") { id collaborators(first: 3, rollUp: NONE) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { count organisation { id name } } } } } }`, 1},
		{"the same page twice", `{ organisation(id: "kreftforeningen") { id a: collaborators(first: 3, rollUp: NONE) { totalCount }
  b: collaborators(first: 3, rollUp: NONE) { edges { node { organisation { id } } } } } }`, 1},
		{"two pages", `{ organisation(id: "kreftforeningen") { id a: collaborators(first: 2, rollUp: NONE) { edges { node { organisation { id } } } }
  b: collaborators(last: 2, rollUp: NONE) { edges { node { organisation { id } } } } } }`, 2},
		{"beside a relation read ahead", `{ organisation(id: "kreftforeningen") { name participations(first: 2) { totalCount }
  collaborators(first: 3, rollUp: NONE) { totalCount edges { node { count organisation { id } } } } } }`, 2},
		{"under no list but not at the root", `{ organisation(id: "ous-comprehensive-cancer-centre") { id parent { id
  collaborators(first: 3, rollUp: NONE) { totalCount edges { node { count organisation { id } } } } } } }`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want json.RawMessage
			before := neo.RoundTrips()
			onNeo4j.mustQuery(tt.query, nil, &got)
			if trips := neo.RoundTrips() - before; trips != tt.trips {
				t.Errorf("%d round trips, want %d", trips, tt.trips)
			}
			embedded.mustQuery(tt.query, nil, &want)
			if string(got) != string(want) || !strings.Contains(string(got), `"organisation":{"id"`) {
				t.Errorf("Neo4j answered\n%s\nthe embedded store\n%s", got, want)
			}
		})
	}
	// An id retired by a merge: its collaborators are those of the
	// organisation it was merged into (the page read beside is unused).
	onNeo4j.as(editorToken).mustQuery(`mutation { mergeOrganisations(keepId: "kreftforeningen", mergeId: "nscc") { organisation { id } } }`, nil, &json.RawMessage{})
	collaborators := `query($id: ID!) { organisation(id: $id) { id collaborators(first: 50, rollUp: NONE) { totalCount edges { node { count organisation { id } } } } } }`
	var viaMerged, viaKept json.RawMessage
	onNeo4j.mustQuery(collaborators, map[string]any{"id": "nscc"}, &viaMerged)
	onNeo4j.mustQuery(collaborators, map[string]any{"id": "kreftforeningen"}, &viaKept)
	if string(viaMerged) != string(viaKept) || !strings.Contains(string(viaKept), `"count"`) {
		t.Errorf("collaborators through the merged id\n%s\nthrough the kept id\n%s\nwant the same, some", viaMerged, viaKept)
	}
}

func TestRelationshipFieldArguments(t *testing.T) {
	c := newServer(t, memtest.Seeded(t), nil, 0)
	var out struct {
		Organisation struct {
			Livskvalitet, Coordinating struct{ TotalCount int }
		}
		Project struct {
			Tentative, Danish, Users struct{ TotalCount int }
		}
		Pillar    struct{ Organisations struct{ TotalCount int } }
		Programme struct {
			OpenInOctober, OpenInNovember, Closed struct{ TotalCount int }
		}
	}
	c.mustQuery(`{
	  organisation(id: "kreftforeningen") { livskvalitet: participations(pillar: "livskvalitet") { totalCount } coordinating: participations(role: COORDINATOR) { totalCount } }
	  project(id: "cancer-pathway-home-proposal") { tentative: partners(status: TENTATIVE) { totalCount } danish: partners(country: "DK") { totalCount }
	    users: partners(sector: USER_ORGANISATION) { totalCount } }
	  pillar(id: "livskvalitet") { organisations(sector: USER_ORGANISATION) { totalCount } }
	  programme(id: "eu4health") { openInOctober: calls(openOn: "2023-10-01") { totalCount } openInNovember: calls(openOn: "2023-11-01") { totalCount }
	    closed: calls(status: CLOSED) { totalCount } }
	}`, nil, &out)
	checks := []struct {
		name      string
		got, want int
	}{
		{"Kreftforeningen's projects on quality of life", out.Organisation.Livskvalitet.TotalCount, 2},
		{"projects Kreftforeningen coordinates", out.Organisation.Coordinating.TotalCount, 0},
		{"tentative partners", out.Project.Tentative.TotalCount, 3},
		{"Danish partners", out.Project.Danish.TotalCount, 3},
		{"user organisations among the partners", out.Project.Users.TotalCount, 6},
		{"user organisations covering quality of life directly", out.Pillar.Organisations.TotalCount, 2},
		// The EU4Health call has a deadline (17 October 2023) but no
		// opening date: never open, closed after its deadline.
		{"EU4Health calls open on 1 October 2023", out.Programme.OpenInOctober.TotalCount, 0},
		{"EU4Health calls open on 1 November 2023", out.Programme.OpenInNovember.TotalCount, 0},
		{"EU4Health calls closed today", out.Programme.Closed.TotalCount, 1},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: %d, want %d", ch.name, ch.got, ch.want)
		}
	}
}

// TestNeighbourhoodEdgesAreTyped: a neighbourhood's edges are of the type
// of their kind, so a client reads a participation's role and
// contribution through an inline fragment, and what every relationship
// states (sources, dates) on any edge.
func TestNeighbourhoodEdgesAreTyped(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			src := []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "typed-edges"}}
			contribution := 250000.0
			if _, err := st.Apply(context.Background(), &ecosystem.Dataset{
				Nodes: []ecosystem.Node{&ecosystem.Project{Meta: ecosystem.Meta{ID: "typed-project", Sources: src}, Name: "Typed", Status: ecosystem.ProjectOngoing}},
				Links: []ecosystem.Link{{From: "nscc", Type: ecosystem.RelParticipatesIn, To: "typed-project",
					Props: &ecosystem.Participation{Role: ecosystem.ParticipationCoordinator, Status: ecosystem.ParticipationConfirmed,
						ContributionEur: &contribution, LinkFacts: ecosystem.LinkFacts{Since: ptrDate("2025-02-01"), Sources: src}}}},
			}); err != nil {
				t.Fatal(err)
			}
			c := newServer(t, st, nil, 0)
			type edge struct {
				Typename        string `json:"__typename"`
				Type, From, To  string
				Since           *string
				Sources         []struct{ Reference string }
				Role            string
				ContributionEur *float64
			}
			var out struct {
				Project, Member struct{ Edges []edge }
			}
			c.mustQuery(`fragment drawn on Edge { __typename type from to since sources { reference }
			    ... on ParticipatesInEdge { role contributionEur } }
			{ project: neighbourhood(id: "typed-project") { edges { ...drawn } }
			  member: neighbourhood(id: "kreftforeningen", relationshipTypes: ["MEMBER_OF"]) { edges { ...drawn } } }`, nil, &out)
			if len(out.Project.Edges) != 1 {
				t.Fatalf("the project's edges are %+v, want its one participation", out.Project.Edges)
			}
			p := out.Project.Edges[0]
			if p.Typename != "ParticipatesInEdge" || p.Type != "PARTICIPATES_IN" || p.From != "nscc" || p.Role != "COORDINATOR" ||
				p.ContributionEur == nil || *p.ContributionEur != 250000 || p.Since == nil || *p.Since != "2025-02-01" ||
				len(p.Sources) != 1 || p.Sources[0].Reference != "typed-edges" {
				t.Errorf("the participation edge is %+v, want a ParticipatesInEdge from nscc, COORDINATOR, 250000, since 2025-02-01, citing typed-edges", p)
			}
			if len(out.Member.Edges) != 1 || out.Member.Edges[0].Typename != "PlainEdge" || out.Member.Edges[0].Type != "MEMBER_OF" ||
				len(out.Member.Edges[0].Sources) == 0 || out.Member.Edges[0].Role != "" {
				t.Errorf("the membership edges are %+v, want one PlainEdge with its sources", out.Member.Edges)
			}
		})
	}
}
