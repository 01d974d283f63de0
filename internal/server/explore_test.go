package server_test

import (
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

func TestSharedProjectsCollaboratorsAndNeighbourhoods(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			var out struct {
				Two, Pair struct {
					Edges []struct{ Node struct{ ID string } }
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
			c.mustQuery(`{
			  two: sharedProjects(organisationIds: ["kreftforeningen", "ung-kreft"]) { edges { node { id } } }
			  pair: sharedProjects(organisationIds: ["kreftforeningen", "nscc"]) { edges { node { id } } }
			  organisation(id: "kreftforeningen") { collaborators(first: 100) { totalCount edges { node { count organisation { id } } } } }
			  members: neighbourhood(id: "kreftforeningen", relationshipTypes: ["MEMBER_OF"]) { truncated nodes { id } edges { from to type } }
			  capped: neighbourhood(id: "cancer-mission-hub-norway", depth: 2, maxNodes: 4) { truncated nodes { id } }
			}`, nil, &out)
			if len(out.Two.Edges) != 1 || out.Two.Edges[0].Node.ID != "cancer-pathway-home-proposal" {
				t.Errorf("Kreftforeningen and Ung Kreft share %+v, want the proposal", out.Two.Edges)
			}
			if len(out.Pair.Edges) != 1 || out.Pair.Edges[0].Node.ID != "leve-bedre-med-kreft" {
				t.Errorf("Kreftforeningen and NSCC share %+v, want Leve bedre med kreft", out.Pair.Edges)
			}
			// The proposal's 12 other partners and NSCC, one project each.
			if col := out.Organisation.Collaborators; col.TotalCount != 13 || col.Edges[0].Node.Count != 1 {
				t.Errorf("collaborators %+v, want 13 sharing one project each", col)
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
