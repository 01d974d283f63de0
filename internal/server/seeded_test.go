package server_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// TestSeededHubThroughGraphQL checks the hub's own data as a client sees
// it, on every store.
func TestSeededHubThroughGraphQL(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			t.Run("fifteen members", func(t *testing.T) { hubMembers(t, c) })
			t.Run("coordination group", func(t *testing.T) { coordinationGroup(t, c) })
		})
	}
}

func hubMembers(t *testing.T, c *client) {
	var out struct {
		Organisation struct {
			Members struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Organisation struct {
							ID, Name string
							Kinds    []string
							Parent   *struct {
								Name  string
								Kinds []string
							}
						}
					}
				}
			}
		}
	}
	c.mustQuery(`{ organisation(id: "cancer-mission-hub-norway") { members(first: 100) { totalCount
	  edges { node { organisation { id name kinds parent { name kinds } } } } } } }`, nil, &out)
	m := out.Organisation.Members
	if m.TotalCount != 15 || len(m.Edges) != 15 {
		t.Fatalf("members: totalCount %d, %d edges; want 15", m.TotalCount, len(m.Edges))
	}
	faculties := 0
	for _, e := range m.Edges {
		o := e.Node.Organisation
		if contains(o.Kinds, "FACULTY") {
			faculties++
			if o.Parent == nil || !contains(o.Parent.Kinds, "UNIVERSITY") {
				t.Errorf("faculty %s has parent %+v, want a university", o.Name, o.Parent)
			}
		}
	}
	if faculties != 2 {
		t.Errorf("%d faculties among the members, want 2", faculties)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func coordinationGroup(t *testing.T, c *client) {
	type role struct {
		ID, Title, Status string
		People            []struct{ Name string }
		Organisation      struct{ Name string }
		Deputy            *struct{ ID string }
		DeputyFor         *struct{ ID string }
	}
	var out struct {
		Organisation struct {
			Seats struct {
				Edges []struct{ Node role }
			}
		}
	}
	c.mustQuery(`{ organisation(id: "strategisk-koordineringsgruppe") { seats(first: 100) { edges { node {
	  id title status people { name } organisation { name } deputy { id } deputyFor { id } } } } } }`, nil, &out)
	seatOf := map[string]role{}
	for _, e := range out.Organisation.Seats.Edges {
		for _, p := range e.Node.People {
			seatOf[p.Name] = e.Node
		}
	}
	if len(seatOf) != 19 {
		names := make([]string, 0, len(seatOf))
		for n := range seatOf {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Fatalf("%d people hold seats, want 19: %v", len(seatOf), names)
	}
	for person, org := range map[string]string{"Ingrid Stenstadvold Ross": "Kreftforeningen", "Sigurd Røtnes": "Helsedirektoratet",
		"Ole Johan Borge": "Forskningsrådet", "Hedda Barvik Eilertsen": "KS", "Thea Forsberg": "KS", "Arild Kristensen": "Norway Health Tech"} {
		if got := seatOf[person].Organisation.Name; !strings.HasPrefix(got, org) {
			t.Errorf("%s sits for %q, want %q", person, got, org)
		}
	}
	ks, thea := seatOf["Hedda Barvik Eilertsen"], seatOf["Thea Forsberg"]
	if ks.Status != "ON_LEAVE" {
		t.Errorf("KS seat status %s, want ON_LEAVE", ks.Status)
	}
	if ks.Deputy == nil || ks.Deputy.ID != thea.ID || thea.DeputyFor == nil || thea.DeputyFor.ID != ks.ID {
		t.Errorf("KS seat deputy %+v and Thea Forsberg's deputyFor %+v do not point at each other", ks.Deputy, thea.DeputyFor)
	}
	rhf := seatOf["Renate Grüner"]
	if rhf.ID != seatOf["Lars Eikvar"].ID || len(rhf.People) != 2 {
		t.Errorf("Renate Grüner and Lars Eikvar should share one seat: %+v / %+v", rhf, seatOf["Lars Eikvar"])
	}
}

// TestCorpusGivesTheSameAnswersOnEveryStore runs each GraphQL document in
// testdata/corpus against a server on each store and compares the JSON.
func TestCorpusGivesTheSameAnswersOnEveryStore(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	clients := map[string]*client{}
	for _, b := range testenv.Backends {
		clients[b.Name] = newServer(t, b.Seeded(t), nil, 0)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			answers := map[string]string{}
			for name, c := range clients {
				r := c.do(string(doc), nil)
				if len(r.Errors) > 0 {
					t.Fatalf("%s: %+v", name, r.Errors)
				}
				if string(r.Data) == "" || strings.Count(string(r.Data), "null") == strings.Count(string(r.Data), ":") {
					t.Fatalf("%s: empty answer %s", name, r.Data)
				}
				var v any
				_ = json.Unmarshal(r.Data, &v)
				canon, _ := json.Marshal(rankFree(string(doc), v))
				answers[name] = string(canon)
			}
			if answers["memory"] != answers["neo4j"] {
				t.Errorf("stores disagree:\nmemory: %s\nneo4j:  %s", answers["memory"], answers["neo4j"])
			}
		})
	}
}
