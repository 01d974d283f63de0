package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
	"github.com/cancermissionhub/hubgraph/seed"
)

const upsertOrg = `mutation($in: OrganisationInput!, $v: Int) { upsertOrganisation(input: $in, expectedVersion: $v) {
  organisation { id name shortName country version sources { kind reference at } parent { id } pillars { id } } } }`

type orgPayload struct {
	UpsertOrganisation struct {
		Organisation struct {
			ID, Name  string
			ShortName *string
			Country   *string
			Version   int
			Sources   []struct{ Kind, Reference string }
			Parent    *struct{ ID string }
			Pillars   []struct{ ID string }
		}
	}
}

// counts returns the graph's node and relationship counts.
func counts(t *testing.T, st ecosystem.Store) string {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(s)
}

func TestMutations(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			c := newServer(t, st, nil, 0)
			editor := c.as(editorToken)

			t.Run("create, patch and clear", func(t *testing.T) {
				editor := editor.on(t)
				var out orgPayload
				editor.mustQuery(upsertOrg, map[string]any{"in": map[string]any{"id": "ny-forening", "name": "Ny forening",
					"shortName": "NF", "sector": "USER_ORGANISATION", "country": "NO", "parent": "kreftforeningen", "pillars": []string{"livskvalitet"}}}, &out)
				o := out.UpsertOrganisation.Organisation
				if o.Version != 1 || o.Parent == nil || o.Parent.ID != "kreftforeningen" || len(o.Pillars) != 1 {
					t.Fatalf("created %+v", o)
				}
				if len(o.Sources) != 1 || o.Sources[0].Kind != "EDITOR" || o.Sources[0].Reference != "ed" {
					t.Errorf("sources %+v, want the editor's token name", o.Sources)
				}
				// Absent fields stay, null clears, the parent moves.
				editor.mustQuery(upsertOrg, map[string]any{"in": map[string]any{"id": "ny-forening", "shortName": nil, "parent": "helsedirektoratet"}, "v": 1}, &out)
				o = out.UpsertOrganisation.Organisation
				if o.Name != "Ny forening" || o.ShortName != nil || o.Country == nil || o.Parent.ID != "helsedirektoratet" || o.Version != 2 {
					t.Errorf("after the patch %+v", o)
				}
				r := editor.do(upsertOrg, map[string]any{"in": map[string]any{"id": "ny-forening", "name": "Stale"}, "v": 1})
				if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "CONFLICT" {
					t.Errorf("stale version: %+v, want CONFLICT", r.Errors)
				}
			})

			t.Run("refusals write nothing", func(t *testing.T) {
				c, editor := c.on(t), editor.on(t)
				before := counts(t, st)
				tests := []struct {
					name   string
					client *client
					in     map[string]any
					code   string
					field  string
				}{
					{"no token", c, map[string]any{"id": "x-org", "name": "X", "sector": "OTHER"}, "UNAUTHENTICATED", ""},
					{"wrong token", c.as("guess"), map[string]any{"id": "x-org", "name": "X", "sector": "OTHER"}, "UNAUTHENTICATED", ""},
					{"reader token", c.as(readerToken), map[string]any{"id": "x-org", "name": "X", "sector": "OTHER"}, "FORBIDDEN", ""},
					{"invalid fields", editor, map[string]any{"id": "x-org", "name": "", "sector": "OTHER", "country": "Norway"}, "BAD_USER_INPUT", "input.name"},
					{"bad id", editor, map[string]any{"id": "X Org", "name": "X", "sector": "OTHER"}, "BAD_USER_INPUT", "input.id"},
					{"id of another type", editor, map[string]any{"id": "ingrid-stenstadvold-ross", "name": "X", "sector": "OTHER"}, "CONFLICT", ""},
					{"missing parent", editor, map[string]any{"id": "x-org", "name": "X", "sector": "OTHER", "parent": "nowhere"}, "NOT_FOUND", ""},
					{"bidi override in the name", editor, map[string]any{"id": "x-org", "name": "X\u202Egro", "sector": "OTHER"}, "BAD_USER_INPUT", "input.name"},
					{"invisible-only name", editor, map[string]any{"id": "x-org", "name": "\u200B\u2060", "sector": "OTHER"}, "BAD_USER_INPUT", "input.name"},
					{"control character in an alias", editor, map[string]any{"id": "x-org", "name": "X", "sector": "OTHER", "aliases": []string{"a\u0007"}}, "BAD_USER_INPUT", "input.aliases[0]"},
					{"name of 501 characters", editor, map[string]any{"id": "x-org", "name": strings.Repeat("x", 501), "sector": "OTHER"}, "BAD_USER_INPUT", "input.name"},
					{"javascript website", editor, map[string]any{"id": "x-org", "name": "X", "sector": "OTHER", "website": "javascript:alert(1)"}, "BAD_USER_INPUT", "input.website"},
					{"parent loop", editor, map[string]any{"id": "folkehelseinstituttet", "parent": "kreftregisteret"}, "BAD_USER_INPUT", "input.parent"},
				}
				for _, tt := range tests {
					t.Run(tt.name, func(t *testing.T) {
						r := tt.client.do(upsertOrg, map[string]any{"in": tt.in})
						if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != tt.code {
							t.Fatalf("errors %+v, want %s", r.Errors, tt.code)
						}
						if tt.field != "" && r.Errors[0].Extensions["field"] != tt.field {
							t.Errorf("field %v, want %s", r.Errors[0].Extensions["field"], tt.field)
						}
					})
				}
				if after := counts(t, st); after != before {
					t.Errorf("refused mutations changed the graph:\n%s\n%s", before, after)
				}
			})

			t.Run("participations and deletes", func(t *testing.T) {
				c, editor := c.on(t), editor.on(t)
				add := `mutation { addParticipation(input: {organisationId: "stami", projectId: "mypath", role: ASSOCIATED, since: "2024-01-01"}) {
				  participation { role status since organisation { id } project { id } sources { kind reference } } } }`
				var added struct {
					AddParticipation struct {
						Participation struct {
							Role, Status string
							Organisation struct{ ID string }
						}
					}
				}
				editor.mustQuery(add, nil, &added)
				if p := added.AddParticipation.Participation; p.Role != "ASSOCIATED" || p.Status != "CONFIRMED" || p.Organisation.ID != "stami" {
					t.Errorf("added %+v", p)
				}
				before := counts(t, st)
				editor.mustQuery(add, nil, &added) // idempotent
				if counts(t, st) != before {
					t.Errorf("adding the same participation twice changed the counts")
				}
				var removed struct{ RemoveParticipation struct{ DeletedIds []string } }
				editor.mustQuery(`mutation { removeParticipation(projectId: "mypath", organisationId: "stami") { deletedIds } }`, nil, &removed)
				r := editor.do(`mutation { removeParticipation(projectId: "mypath", organisationId: "stami") { deletedIds } }`, nil)
				if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
					t.Errorf("removing it again: %+v, want NOT_FOUND", r.Errors)
				}
				var deleted struct{ DeleteNode struct{ DeletedIds []string } }
				editor.mustQuery(`mutation { deleteNode(id: "andreas-vikhals") { deletedIds } }`, nil, &deleted)
				var gone struct{ Person *struct{ ID string } }
				c.mustQuery(`{ person(id: "andreas-vikhals") { id } }`, nil, &gone)
				if gone.Person != nil {
					t.Errorf("deleted person still readable")
				}
			})

			t.Run("an editor's change survives a re-seed", func(t *testing.T) {
				c, editor := c.on(t), editor.on(t)
				var out orgPayload
				editor.mustQuery(upsertOrg, map[string]any{"in": map[string]any{"id": "ung-kreft", "shortName": "UK", "pillars": []string{"forebygging"}}}, &out)
				ds, err := seed.Default()
				if err != nil {
					t.Fatal(err)
				}
				if _, err := st.Apply(context.Background(), ds); err != nil {
					t.Fatal(err)
				}
				var after struct {
					Organisation struct {
						ShortName *string
						Pillars   []struct{ ID string }
						Sources   []struct{ Kind string }
					}
				}
				c.mustQuery(`{ organisation(id: "ung-kreft") { shortName pillars { id } sources { kind } } }`, nil, &after)
				o := after.Organisation
				if o.ShortName == nil || *o.ShortName != "UK" || len(o.Pillars) != 1 || o.Pillars[0].ID != "forebygging" {
					t.Errorf("after re-seeding: %+v, want the editor's short name and pillars", o)
				}
			})

			t.Run("roles and programmes", func(t *testing.T) {
				editor := editor.on(t)
				var out struct {
					AssignRole struct {
						Role struct {
							Status       string
							People       []struct{ ID string }
							Organisation struct{ ID string }
							Body         struct{ ID string }
						}
					}
				}
				editor.mustQuery(`mutation { assignRole(input: {id: "skg-nscc", title: "Medlem, strategisk koordineringsgruppe",
				  people: ["tone-skar", "kari-oritsland"], organisation: "nscc", body: "strategisk-koordineringsgruppe", since: "2025-01-01"}) {
				  role { status people { id } organisation { id } body { id } } } }`, nil, &out)
				role := out.AssignRole.Role
				if role.Status != "ACTIVE" || len(role.People) != 2 || role.Organisation.ID != "nscc" || role.Body.ID != "strategisk-koordineringsgruppe" {
					t.Errorf("assigned %+v", role)
				}
				editor.mustQuery(`mutation { assignRole(input: {id: "skg-nscc", people: ["kari-oritsland"]}) { role { status people { id } organisation { id } body { id } } } }`, nil, &out)
				if role := out.AssignRole.Role; len(role.People) != 1 || role.People[0].ID != "kari-oritsland" || role.Organisation.ID != "nscc" {
					t.Errorf("after replacing the holders %+v", role)
				}
				var ended struct {
					EndRole struct {
						Role struct{ Status, Until string }
					}
				}
				editor.mustQuery(`mutation { endRole(id: "skg-nscc", until: "2026-06-30") { role { status until } } }`, nil, &ended)
				if ended.EndRole.Role.Status != "ENDED" || ended.EndRole.Role.Until != "2026-06-30" {
					t.Errorf("ended %+v", ended.EndRole.Role)
				}
				r := editor.do(`mutation { endRole(id: "no-such-role") { role { id } } }`, nil)
				if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
					t.Errorf("ending a missing role: %+v", r.Errors)
				}
				var prog struct {
					UpsertProgramme struct {
						Programme struct {
							Parent struct{ ID string }
							Funder struct{ ID string }
						}
					}
				}
				editor.mustQuery(`mutation { upsertProgramme(input: {id: "eu4health-2024", name: "EU4Health work programme 2024", parent: "eu4health", funder: "european-commission"}) {
				  programme { parent { id } funder { id } } } }`, nil, &prog)
				if prog.UpsertProgramme.Programme.Parent.ID != "eu4health" || prog.UpsertProgramme.Programme.Funder.ID != "european-commission" {
					t.Errorf("programme %+v", prog.UpsertProgramme.Programme)
				}
			})

			t.Run("a call created through the API is judged by its own requirements", func(t *testing.T) {
				c, editor := c.on(t), editor.on(t)
				var out struct {
					UpsertCall struct{ Call struct{ ID string } }
				}
				editor.mustQuery(`mutation { upsertCall(input: {id: "nordic-call", title: "Nordic cancer survivorship call", deadline: "2027-03-01",
				  programme: "eu4health", requirements: [
				    {description: "Two Nordic countries.", kind: MIN_COUNTRIES, count: 2},
				    {description: "A foundation.", kind: MIN_ORGANISATIONS, count: 1, kinds: [FOUNDATION]}]}) { call { id } } }`, nil, &out)
				var report eligibilityAnswer
				c.mustQuery(eligibilityQuery, map[string]any{"call": "nordic-call", "orgs": []string{"kreftforeningen", "kraeftens-bekaempelse"}}, &report)
				e := report.Eligibility
				if e.Eligible || len(e.Checks) != 2 || !e.Checks[0].Met || e.Checks[1].Met || len(e.Checks[1].Suggestions) == 0 {
					t.Errorf("report %+v, want countries met, foundation missing with suggestions", e)
				}
			})
		})
	}
}

func TestReadsCanBeMadeTokenOnly(t *testing.T) {
	c := newServerWith(t, memtest.Seeded(t), nil, 0, true)
	r := c.do(`{ organisation(id: "kreftforeningen") { name } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "UNAUTHENTICATED" {
		t.Errorf("anonymous read: %+v, want UNAUTHENTICATED", r.Errors)
	}
	var out struct{ Organisation struct{ Name string } }
	c.as(readerToken).mustQuery(`{ organisation(id: "kreftforeningen") { name } }`, nil, &out)
	if out.Organisation.Name != "Kreftforeningen" {
		t.Errorf("reader read %+v", out)
	}
}
