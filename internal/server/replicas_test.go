package server_test

import (
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
)

// TestTwoReplicasOverOneNeo4j runs two hubgraph servers over one Neo4j,
// each with its own driver and analytics cache, as two replicas behind a
// load balancer are: a write through one is read through the other at
// once, and the analytics of each follow the graph version, whichever
// replica wrote.
func TestTwoReplicasOverOneNeo4j(t *testing.T) {
	a := newServer(t, neo4jtest.Seeded(t), nil, 0)
	b := newServer(t, neo4jtest.Connect(t), nil, 0)
	editorA, editorB := a.as(editorToken), b.as(editorToken)

	withoutProjects := func(c *client) map[string]bool {
		t.Helper()
		var out struct {
			NetworkGaps struct{ OrganisationsWithoutProjects []struct{ ID string } }
		}
		c.mustQuery(`{ networkGaps(scope: {}) { organisationsWithoutProjects { id } } }`, nil, &out)
		ids := map[string]bool{}
		for _, o := range out.NetworkGaps.OrganisationsWithoutProjects {
			ids[o.ID] = true
		}
		return ids
	}
	// Both caches are warm before the writes.
	if withoutProjects(a)["replica-newcomer"] || withoutProjects(b)["replica-newcomer"] {
		t.Fatal("the newcomer is there before it was written")
	}

	var created struct {
		UpsertOrganisation struct{ Organisation struct{ ID string } }
	}
	editorA.mustQuery(`mutation { upsertOrganisation(input: {id: "replica-newcomer", name: "Replica Newcomer", sector: INDUSTRY}) {
  organisation { id } } }`, nil, &created)
	var read struct{ Organisation *struct{ Name string } }
	b.mustQuery(`{ organisation(id: "replica-newcomer") { name } }`, nil, &read)
	if read.Organisation == nil || read.Organisation.Name != "Replica Newcomer" {
		t.Fatalf("replica B reads %+v right after A wrote, want the newcomer", read.Organisation)
	}
	if !withoutProjects(b)["replica-newcomer"] {
		t.Error("replica B's networkGaps do not list the organisation A wrote")
	}

	// The other way round: B writes, A's cache follows.
	var project struct {
		UpsertProject struct{ Project struct{ ID string } }
	}
	editorB.mustQuery(`mutation { upsertProject(input: {id: "replica-project", name: "Replica Project", status: ONGOING}) { project { id } } }`, nil, &project)
	var part struct {
		AddParticipation struct{ Participation struct{ Role string } }
	}
	editorB.mustQuery(`mutation { addParticipation(input: {organisationId: "replica-newcomer", projectId: "replica-project"}) {
  participation { role } } }`, nil, &part)
	for name, c := range map[string]*client{"A": a, "B": b} {
		if withoutProjects(c)["replica-newcomer"] {
			t.Errorf("replica %s's networkGaps still list the newcomer as without projects after B added its participation", name)
		}
	}
}
