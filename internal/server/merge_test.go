package server_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/seed"
)

func TestMergeAndErase(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			c := newServer(t, st, nil, 0).on(t)
			editor, admin := c.as(editorToken), c.as(adminToken)
			reseed := func() {
				ds, err := seed.Default()
				if err != nil {
					t.Fatal(err)
				}
				if _, err := st.Apply(context.Background(), ds); err != nil {
					t.Fatalf("re-seeding: %v", err)
				}
			}

			var merged struct {
				MergeOrganisations struct {
					Organisation struct {
						ID        string
						Aliases   []string
						OrgNumber string
						Units     struct {
							Edges []struct{ Node struct{ ID string } }
						}
					}
				}
			}
			editor.mustQuery(`mutation { mergeOrganisations(keepId: "uib", mergeId: "uit") {
			  organisation { id aliases orgNumber units { edges { node { id } } } } } }`, nil, &merged)
			o := merged.MergeOrganisations.Organisation
			if !contains(o.Aliases, "UiT Norges arktiske universitet") || o.OrgNumber != "874789542" || len(o.Units.Edges) != 2 {
				t.Errorf("merged organisation %+v, want UiT's names as aliases, UiB's number and both faculties", o)
			}
			var resolved struct {
				Node         struct{ ID string }
				Organisation struct{ ID string }
			}
			c.mustQuery(`{ node(id: "uit") { id } organisation(id: "uit") { id } }`, nil, &resolved)
			if resolved.Node.ID != "uib" || resolved.Organisation.ID != "uib" {
				t.Errorf("the merged id resolves to %+v, want uib", resolved)
			}
			r := editor.do(`mutation { mergeOrganisations(keepId: "uib", mergeId: "sigurd-rotnes") { organisation { id } } }`, nil)
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
				t.Errorf("merging a person into an organisation: %+v", r.Errors)
			}

			r = editor.do(`mutation { erasePerson(id: "ingrid-stenstadvold-ross") { deletedIds } }`, nil)
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
				t.Errorf("an editor erasing: %+v, want FORBIDDEN", r.Errors)
			}
			var erased struct{ ErasePerson struct{ DeletedIds []string } }
			admin.mustQuery(`mutation { erasePerson(id: "ingrid-stenstadvold-ross") { deletedIds } }`, nil, &erased)
			reseed()
			var after struct {
				Person *struct{ ID string }
				Search struct{ TotalCount int }
				Uit    *struct{ ID string }
			}
			c.mustQuery(`{ person(id: "ingrid-stenstadvold-ross") { id } search(text: "Stenstadvold") { totalCount } uit: organisation(id: "uit") { id } }`, nil, &after)
			if after.Person != nil || after.Search.TotalCount != 0 {
				t.Errorf("after erasing and re-seeding: %+v, want her gone", after)
			}
			if after.Uit == nil || after.Uit.ID != "uib" {
				t.Errorf("re-seeding brought the merged UiT back: %+v", after.Uit)
			}
			snap, err := st.Snapshot(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			dump, _ := json.Marshal(snap)
			if strings.Contains(strings.ToLower(string(dump)), "stenstadvold") {
				t.Errorf("the erased person is still somewhere in the graph")
			}
		})
	}
}
