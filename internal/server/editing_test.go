package server_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/seed"
)

// These tests pin parts of the editing contract (schema/mutations.graphqls,
// schema/README.md, "Editing") through the real handler on every store: versions
// count real changes, participations patch, editors' participation
// changes survive a re-seed, anonymous readers see little of persons,
// wrong-type references name their input path, and merged ids resolve
// everywhere.

// TestVersionCountsRealChanges: a rewrite that changes nothing keeps the
// version, also a second later; a change of relationships alone bumps it.
func TestVersionCountsRealChanges(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			editor := c.as(editorToken).on(t)
			version := func(doc string, in map[string]any) int {
				var raw json.RawMessage
				editor.mustQuery(doc, map[string]any{"in": in}, &raw)
				var v any
				_ = json.Unmarshal(raw, &v)
				for _, p := range []string{"upsertOrganisation.organisation.version", "upsertProject.project.version", "upsertCall.call.version"} {
					if n, ok := pick(v, p).(float64); ok {
						return int(n)
					}
				}
				t.Fatalf("no version in %s", raw)
				return 0
			}
			first := version(upsertOrg, map[string]any{"id": "ung-kreft", "shortName": "UK"})
			time.Sleep(1100 * time.Millisecond)
			if again := version(upsertOrg, map[string]any{"id": "ung-kreft", "shortName": "UK"}); again != first {
				t.Errorf("rewriting the same short name a second later: version %d, want %d (unchanged)", again, first)
			}
			if got := version(upsertOrg, map[string]any{"id": "ung-kreft", "pillars": []string{"livskvalitet", "forebygging"}}); got != first+1 {
				t.Errorf("adding a pillar: version %d, want %d", got, first+1)
			}
			before := version(mProject, map[string]any{"id": "mypath"})
			if got := version(mProject, map[string]any{"id": "mypath", "calls": []string{"eu4health-mental-health-cancer-call"}}); got != before+1 {
				t.Errorf("a project responding to a call: version %d, want %d", got, before+1)
			}
			before = version(mCall, map[string]any{"id": "eu4health-mental-health-cancer-call"})
			if got := version(mCall, map[string]any{"id": "eu4health-mental-health-cancer-call", "pillars": []string{"livskvalitet", "forebygging"}}); got != before+1 {
				t.Errorf("a call covering another pillar: version %d, want %d", got, before+1)
			}
		})
	}
}

// TestAddParticipationPatches: adding a participation that exists changes
// only the fields given (absent = unchanged, null = clear).
func TestAddParticipationPatches(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			editor := c.as(editorToken).on(t)
			var out json.RawMessage
			editor.mustQuery(mAdd, map[string]any{"in": map[string]any{"organisationId": "stami", "projectId": "mypath", "role": "ASSOCIATED",
				"contributionEur": 5000, "since": "2024-01-01", "until": "2026-12-31"}}, &out)
			editor.mustQuery(mAdd, map[string]any{"in": map[string]any{"organisationId": "stami", "projectId": "mypath", "status": "TENTATIVE"}}, &out)
			checkPicks(t, out, map[string]any{"addParticipation.participation.role": "ASSOCIATED", "addParticipation.participation.status": "TENTATIVE",
				"addParticipation.participation.contributionEur": 5000, "addParticipation.participation.since": "2024-01-01"})
			p := partnerIn(t, c, "mypath", "stami")
			checkPicks(t, p, map[string]any{"role": "ASSOCIATED", "status": "TENTATIVE", "contributionEur": 5000, "since": "2024-01-01", "until": "2026-12-31"})
			editor.mustQuery(mAdd, map[string]any{"in": map[string]any{"organisationId": "stami", "projectId": "mypath", "contributionEur": nil}}, &out)
			p = partnerIn(t, c, "mypath", "stami")
			checkPicks(t, p, map[string]any{"role": "ASSOCIATED", "status": "TENTATIVE", "contributionEur": nil, "until": "2026-12-31"})
		})
	}
}

// partnerOf reads the partners of a project.
const partnerOf = `query($p: ID!) { project(id: $p) { partners(first: 100) { edges { node {
  organisation { id } role status contributionEur since until } } } } }`

// partnerIn returns an organisation's participation in a project as
// JSON, failing when there is none.
func partnerIn(t *testing.T, c *client, project, org string) json.RawMessage {
	t.Helper()
	var out struct {
		Project struct {
			Partners struct {
				Edges []struct{ Node json.RawMessage }
			}
		}
	}
	c.on(t).mustQuery(partnerOf, map[string]any{"p": project}, &out)
	for _, e := range out.Project.Partners.Edges {
		var n struct{ Organisation struct{ ID string } }
		_ = json.Unmarshal(e.Node, &n)
		if n.Organisation.ID == org {
			return e.Node
		}
	}
	t.Fatalf("%s does not take part in %s", org, project)
	return nil
}

// TestEditorsParticipationChangesSurviveReseed: a participation an editor
// changed or removed stays so when the seed is loaded again.
func TestEditorsParticipationChangesSurviveReseed(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			c := newServer(t, st, nil, 0)
			editor := c.as(editorToken).on(t)
			var out json.RawMessage
			// In the seed Kreftforeningen is a confirmed PARTNER of Leve
			// bedre med kreft, and Ung Kreft a partner of the proposal.
			editor.mustQuery(mAdd, map[string]any{"in": map[string]any{"organisationId": "kreftforeningen", "projectId": "leve-bedre-med-kreft",
				"role": "COORDINATOR", "status": "TENTATIVE", "contributionEur": 1000}}, &out)
			editor.mustQuery(mRemove, map[string]any{"p": "cancer-pathway-home-proposal", "o": "ung-kreft"}, &out)
			ds, err := seed.Default()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Apply(context.Background(), ds); err != nil {
				t.Fatal(err)
			}
			t.Run("changed", func(t *testing.T) {
				var out struct {
					Project struct {
						Partners struct {
							Edges []struct {
								Node struct {
									Organisation    struct{ ID string }
									Role, Status    string
									ContributionEur *float64
								}
							}
						}
					}
				}
				c.on(t).mustQuery(partnerOf, map[string]any{"p": "leve-bedre-med-kreft"}, &out)
				found := false
				for _, e := range out.Project.Partners.Edges {
					if n := e.Node; n.Organisation.ID == "kreftforeningen" {
						found = true
						if n.Role != "COORDINATOR" || n.Status != "TENTATIVE" || n.ContributionEur == nil || *n.ContributionEur != 1000 {
							t.Errorf("after re-seeding: %s %s %v, want the editor's COORDINATOR TENTATIVE 1000", n.Role, n.Status, n.ContributionEur)
						}
					}
				}
				if !found {
					t.Errorf("Kreftforeningen no longer takes part")
				}
			})
			t.Run("removed", func(t *testing.T) {
				var out json.RawMessage
				c.on(t).mustQuery(`{ projects(filter: {partner: "ung-kreft"}) { edges { node { id } } } }`, nil, &out)
				checkPicks(t, out, map[string]any{"projects.edges[].node.id": []string{}})
			})
		})
	}
}

// TestAnonymousReadersSeeNamesAndPublicRolesOnly: without a token a
// person shows a name and public roles, not where the facts came from or
// when they changed; with a reader's token everything.
func TestAnonymousReadersSeeNamesAndPublicRolesOnly(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0).on(t)
			const q = `{ person(id: "ingrid-stenstadvold-ross") { name updatedAt sources { reference } roles { id } } }`
			type personAnswer struct {
				Person struct {
					Name      string
					UpdatedAt *string
					Sources   []struct{ Reference string }
					Roles     []struct{ ID string }
				}
			}
			var reader personAnswer
			c.as(readerToken).mustQuery(q, nil, &reader)
			if reader.Person.Name != "Ingrid Stenstadvold Ross" || len(reader.Person.Sources) == 0 || len(reader.Person.Roles) != 2 {
				t.Errorf("a reader sees %+v, want her name, sources and both seats", reader.Person)
			}
			r := c.do(q, nil)
			var anon personAnswer
			if r.Data != nil {
				_ = json.Unmarshal(r.Data, &anon)
			}
			for _, e := range r.Errors {
				if code := e.Extensions["code"]; code != "UNAUTHENTICATED" && code != "FORBIDDEN" {
					t.Errorf("anonymous read: error %s (%v), want none or UNAUTHENTICATED/FORBIDDEN on the hidden fields", e.Message, code)
				}
			}
			if anon.Person.Name != "Ingrid Stenstadvold Ross" {
				t.Errorf("anonymous readers do not see her name: %s", r.Data)
			}
			if len(anon.Person.Sources) > 0 || anon.Person.UpdatedAt != nil {
				t.Errorf("anonymous readers see sources %v and updatedAt %v of a person", anon.Person.Sources, anon.Person.UpdatedAt)
			}
			seat := false
			for _, role := range anon.Person.Roles {
				seat = seat || role.ID == "skg-kreftforeningen-1"
			}
			if !seat {
				t.Errorf("anonymous readers do not see her active seat in the coordination group: %+v", anon.Person.Roles)
			}
		})
	}
}

// TestWrongTypeReferencesNameTheirInputPath: a reference to an entity of
// the wrong type is BAD_USER_INPUT at the input field that holds it, and
// writes nothing.
func TestWrongTypeReferencesNameTheirInputPath(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			c := newServer(t, st, nil, 0)
			cases := []writeCase{
				{name: "a project as parent", doc: upsertOrg, vars: map[string]any{"in": map[string]any{"id": "fx-org", "name": "X", "sector": "OTHER", "parent": "mypath"}},
					field: "input.parent"},
				{name: "an organisation as pillar", doc: mProject, vars: map[string]any{"in": map[string]any{"id": "mypath", "pillars": []string{"livskvalitet", "kreftforeningen"}}},
					field: "input.pillars[1]"},
				{name: "a programme as call", doc: mProject, vars: map[string]any{"in": map[string]any{"id": "mypath", "calls": []string{"eu4health"}}},
					field: "input.calls[0]"},
				{name: "an organisation as holder", doc: mAssign, vars: map[string]any{"in": map[string]any{"id": "skg-ks", "people": []string{"kreftforeningen"}}},
					field: "input.people[0]"},
				{name: "a person as funder", doc: mProgramme, vars: map[string]any{"in": map[string]any{"id": "eu4health", "funder": "sigurd-rotnes"}},
					field: "input.funder"},
			}
			for _, tt := range cases {
				tt.token, tt.code = editorToken, "BAD_USER_INPUT"
				t.Run(tt.name, func(t *testing.T) { runWriteCase(t, st, c.on(t).as(tt.token), tt) })
			}
		})
	}
}

// TestMergedIDsResolveEverywhere: after a merge the merged id names the
// organisation kept, in filters, references and edits alike.
func TestMergedIDsResolveEverywhere(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			editor := c.as(editorToken).on(t)
			var out json.RawMessage
			editor.mustQuery(`mutation { mergeOrganisations(keepId: "uib", mergeId: "uit") { organisation { id } } }`, nil, &out)
			editor.mustQuery(`mutation { addParticipation(input: {organisationId: "uib", projectId: "mypath"}) { participation { role } } }`, nil, &out)
			tests := []struct {
				name   string
				client *client
				doc    string
				want   map[string]any
			}{
				{"as a parent filter", c, `{ organisations(filter: {parent: "uit"}) { edges { node { id } } } }`,
					map[string]any{"organisations.edges[].node.id": []string{"uit-medisinsk-fakultet", "uib-medisinsk-fakultet"}}},
				{"as the id of an edit", editor, `mutation { upsertOrganisation(input: {id: "uit", website: "https://www.uib.no"}) { organisation { id website } } }`,
					map[string]any{"upsertOrganisation.organisation.id": "uib"}},
				{"as a participant", editor, `mutation { addParticipation(input: {organisationId: "uit", projectId: "leve-bedre-med-kreft"}) { participation { organisation { id } } } }`,
					map[string]any{"addParticipation.participation.organisation.id": "uib"}},
				{"as a partner filter", c, `{ projects(filter: {partner: "uit", programme: "horizon-europe"}) { edges { node { id } } } }`,
					map[string]any{"projects.edges[].node.id": []string{"mypath"}}},
				{"as a reference in an edit", editor, `mutation { upsertOrganisation(input: {id: "fx-unit", name: "Fx-enhet", sector: RESEARCH, parent: "uit"}) { organisation { parent { id } } } }`,
					map[string]any{"upsertOrganisation.organisation.parent.id": "uib"}},
				{"as a neighbourhood centre", c, `{ neighbourhood(id: "uit", depth: 1, relationshipTypes: ["UNIT_OF"]) { nodes { id } } }`,
					map[string]any{"neighbourhood.nodes.0.id": "uib"}},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					r := tt.client.on(t).do(tt.doc, nil)
					if len(r.Errors) > 0 {
						t.Fatalf("errors: %+v", r.Errors)
					}
					checkPicks(t, r.Data, tt.want)
				})
			}
		})
	}
}

// TestEventsOrderByTitle: events ordered by NAME follow their titles in
// Norwegian collation, not their dates.
func TestEventsOrderByTitle(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0).on(t)
			events := seedFacts(t)["events"]
			for _, desc := range []bool{false, true} {
				dir := map[bool]string{false: "ASC", true: "DESC"}[desc]
				t.Run(dir, func(t *testing.T) {
					vars := map[string]any{"orderBy": map[string]any{"field": "NAME", "direction": dir}}
					checkWalks(t, c.on(t), listDoc("events", "EventFilter", "EventOrder"), vars, sortedIDs(events, byName(), desc))
				})
			}
		})
	}
}

// TestIdentifiersAndMembershipSources: an editor sets an organisation's
// PIC and VAT number (validated), search finds it by them, and a
// membership tells where it is stated.
func TestIdentifiersAndMembershipSources(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			c := newServer(t, st, nil, 0)
			editor := c.as(editorToken).on(t)
			cases := []writeCase{
				{name: "a bad PIC and VAT number", doc: upsertOrg, vars: map[string]any{"in": map[string]any{"id": "stami", "pic": "12", "vat": "no vat"}},
					token: editorToken, code: "BAD_USER_INPUT", field: "input.pic"},
			}
			for _, tt := range cases {
				t.Run(tt.name, func(t *testing.T) { runWriteCase(t, st, editor, tt) })
			}
			var out json.RawMessage
			editor.mustQuery(`mutation { upsertOrganisation(input: {id: "stami", pic: "999888777", vat: "NO974761262MVA"}) { organisation { pic vat } } }`, nil, &out)
			checkPicks(t, out, map[string]any{"upsertOrganisation.organisation.pic": "999888777", "upsertOrganisation.organisation.vat": "NO974761262MVA"})
			for _, number := range []string{"999888777", "NO974761262MVA"} {
				var found struct {
					Search struct {
						Edges []struct{ Node struct{ ID string } }
					}
				}
				c.mustQuery(`query($t: String!) { search(text: $t) { edges { node { id } } } }`, map[string]any{"t": number}, &found)
				if len(found.Search.Edges) != 1 || found.Search.Edges[0].Node.ID != "stami" {
					t.Errorf("search %s found %+v, want stami alone", number, found.Search.Edges)
				}
			}
			var members struct {
				Organisation struct {
					MemberOf struct {
						Edges []struct {
							Node struct {
								Organisation struct{ ID string }
								Sources      []struct{ Kind, Reference string }
							}
						}
					}
				}
			}
			c.mustQuery(`{ organisation(id: "kreftforeningen") { memberOf(first: 10) { edges { node { organisation { id } sources { kind reference } } } } } }`, nil, &members)
			if m := members.Organisation.MemberOf.Edges; len(m) == 0 || len(m[0].Node.Sources) == 0 || m[0].Node.Sources[0].Kind != "DOCUMENT" {
				t.Errorf("Kreftforeningen's memberships and their sources: %+v, want a membership citing a document", m)
			}
		})
	}
}
