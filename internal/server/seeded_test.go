package server_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

// TestSeededHubThroughGraphQL checks the hub's own data as a client sees
// it, on every store, against what the source documents say
// (seedtest).
func TestSeededHubThroughGraphQL(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			t.Run("fifteen members", func(t *testing.T) { hubMembers(t, c) })
			t.Run("coordination group", func(t *testing.T) { coordinationGroup(t, c.as(readerToken)) })
			t.Run("anonymous readers see names and public roles", func(t *testing.T) { anonymousSeesPublicRoles(t, c) })
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
							ID     string
							Kinds  []string
							Parent *struct {
								ID    string
								Kinds []string
							}
						}
					}
				}
			}
		}
	}
	c.mustQuery(`query($hub: ID!) { organisation(id: $hub) { members(first: 100) { totalCount
	  edges { node { organisation { id kinds parent { id kinds } } } } } } }`, map[string]any{"hub": seedtest.Hub}, &out)
	m := out.Organisation.Members
	var got, want []string
	for _, e := range m.Edges {
		got = append(got, e.Node.Organisation.ID)
	}
	for _, w := range seedtest.HubMembers {
		want = append(want, w.ID)
	}
	sort.Strings(got)
	sort.Strings(want)
	if m.TotalCount != len(want) || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("members: totalCount %d, %v; want %v", m.TotalCount, got, want)
	}
	faculties := 0
	for _, e := range m.Edges {
		o := e.Node.Organisation
		university, isFaculty := seedtest.Faculties[o.ID]
		if contains(o.Kinds, "FACULTY") != isFaculty {
			t.Errorf("%s has kinds %v; a FACULTY exactly when it is one of %v", o.ID, o.Kinds, seedtest.Faculties)
		}
		if !isFaculty {
			continue
		}
		faculties++
		if o.Parent == nil || o.Parent.ID != university || !contains(o.Parent.Kinds, "UNIVERSITY") {
			t.Errorf("faculty %s has parent %+v, want the university %s", o.ID, o.Parent, university)
		}
	}
	if faculties != len(seedtest.Faculties) {
		t.Errorf("%d faculties among the members, want %d", faculties, len(seedtest.Faculties))
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
		People            []struct{ ID, Name string }
		Organisation      struct{ ID string }
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
	c.mustQuery(`query($group: ID!) { organisation(id: $group) { seats(first: 100) { edges { node {
	  id title status people { id name } organisation { id } deputy { id } deputyFor { id } } } } } }`,
		map[string]any{"group": seedtest.CoordinationGroup}, &out)
	seatOf := map[string]role{}
	for _, e := range out.Organisation.Seats.Edges {
		for _, p := range e.Node.People {
			if _, twice := seatOf[p.ID]; twice {
				t.Errorf("%s holds two seats in the group", p.ID)
			}
			seatOf[p.ID] = e.Node
		}
	}
	if len(seatOf) != len(seedtest.Seats) {
		names := make([]string, 0, len(seatOf))
		for n := range seatOf {
			names = append(names, n)
		}
		sort.Strings(names)
		t.Errorf("%d people hold seats, want %d: %v", len(seatOf), len(seedtest.Seats), names)
	}
	for _, s := range seedtest.Seats {
		seat, ok := seatOf[s.Person]
		if !ok {
			t.Errorf("%s holds no seat in the group", s.Name)
			continue
		}
		if seat.Organisation.ID != s.Organisation {
			t.Errorf("%s sits for %q, want %q", s.Name, seat.Organisation.ID, s.Organisation)
		}
		for _, p := range seat.People {
			if p.ID == s.Person && p.Name != s.Name {
				t.Errorf("%s is named %q, want %q", s.Person, p.Name, s.Name)
			}
		}
	}
	leave := seedtest.SeatOnLeave
	held, deputy := seatOf[leave.Holder], seatOf[leave.Deputy]
	if held.Status != "ON_LEAVE" || deputy.Status != "ACTIVE" {
		t.Errorf("%s seat status %s and deputy's %s, want ON_LEAVE and ACTIVE", leave.Organisation, held.Status, deputy.Status)
	}
	if held.Deputy == nil || held.Deputy.ID != deputy.ID || deputy.DeputyFor == nil || deputy.DeputyFor.ID != held.ID {
		t.Errorf("%s seat deputy %+v and %s's deputyFor %+v do not point at each other", leave.Organisation, held.Deputy, leave.Deputy, deputy.DeputyFor)
	}
	shared := seedtest.SharedSeat
	seat := seatOf[shared.Holders[0]]
	var holders []string
	for _, p := range seat.People {
		holders = append(holders, p.ID)
	}
	sort.Strings(holders)
	if strings.Join(holders, " ") != strings.Join(shared.Holders, " ") || seat.Organisation.ID != shared.Organisation {
		t.Errorf("the shared seat is held by %v for %s, want %v for %s", holders, seat.Organisation.ID, shared.Holders, shared.Organisation)
	}
}

// anonymousSeesPublicRoles checks what a reader without a token learns of
// the person on leave from a seat: their name and active roles, not the
// seat they are on leave from, nor the sources about them.
func anonymousSeesPublicRoles(t *testing.T, anonymous *client) {
	leave := seedtest.SeatOnLeave
	query := `query($id: ID!) { person(id: $id) { name updatedAt sources { reference } roles { id status } } }`
	type person struct {
		Name      string
		UpdatedAt *string
		Sources   []struct{ Reference string }
		Roles     []struct{ ID, Status string }
	}
	var seen, full struct{ Person person }
	anonymous.mustQuery(query, map[string]any{"id": leave.Holder}, &seen)
	anonymous.as(readerToken).mustQuery(query, map[string]any{"id": leave.Holder}, &full)
	if seen.Person.Name == "" || seen.Person.Name != full.Person.Name {
		t.Errorf("anonymous readers see the name %q, a reader %q; want the same name", seen.Person.Name, full.Person.Name)
	}
	if len(seen.Person.Sources) != 0 || seen.Person.UpdatedAt != nil {
		t.Errorf("anonymous readers see sources %v and updatedAt %v; want neither", seen.Person.Sources, seen.Person.UpdatedAt)
	}
	onLeave := 0
	for _, r := range full.Person.Roles {
		if r.Status == "ON_LEAVE" {
			onLeave++
		}
	}
	if onLeave == 0 || len(seen.Person.Roles) != len(full.Person.Roles)-onLeave {
		t.Errorf("a reader sees roles %v, an anonymous one %v; want all but the one on leave", full.Person.Roles, seen.Person.Roles)
	}
	for _, r := range seen.Person.Roles {
		if r.Status != "ACTIVE" {
			t.Errorf("anonymous readers see the %s role %s", r.Status, r.ID)
		}
	}
	// Nor do drawings and paths walk from the person to the seat.
	walks := `query($id: ID!, $seat: ID!) { neighbourhood(id: $id, depth: 1) { nodes { id } }
	  connectionPath(from: $id, to: $seat, maxHops: 1) { length } }`
	type walk struct {
		Neighbourhood  struct{ Nodes []struct{ ID string } }
		ConnectionPath *struct{ Length int }
	}
	vars := map[string]any{"id": leave.Holder, "seat": "skg-" + leave.Organisation}
	for _, tt := range []struct {
		who  string
		c    *client
		sees bool
	}{{"anonymous", anonymous, false}, {"reader", anonymous.as(readerToken), true}} {
		var w walk
		tt.c.mustQuery(walks, vars, &w)
		near := false
		for _, n := range w.Neighbourhood.Nodes {
			near = near || n.ID == vars["seat"]
		}
		if near != tt.sees || (w.ConnectionPath != nil) != tt.sees {
			t.Errorf("%s: the seat on leave is in the neighbourhood: %v, at one step: %v; want %v", tt.who, near, w.ConnectionPath != nil, tt.sees)
		}
	}
}

// TestCorpusGivesTheSameAnswersOnEveryStore runs each GraphQL document in
// testdata/corpus against a server on each store and compares the JSON.
// A document runs over the seed, or with "# import: rcn-eu" over the seed
// plus the Research Council's H2020 file; "# top: alias id" lines name
// the first edge an alias must answer with on every store.
func TestCorpusGivesTheSameAnswersOnEveryStore(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	clients := map[string]map[string]*client{}
	clientsFor := func(doc string) map[string]*client {
		over := "seed"
		if strings.Contains(doc, importDirective+" rcn-eu") {
			over = "rcn-eu"
		}
		if clients[over] == nil {
			clients[over] = map[string]*client{}
			for _, b := range testenv.Backends {
				st := b.Seeded(t)
				if over == "rcn-eu" {
					importRCN(t, st)
				}
				clients[over][b.Name] = newServer(t, st, nil, 0)
			}
		}
		return clients[over]
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			answers := map[string]string{}
			for name, c := range clientsFor(string(doc)) {
				r := c.do(string(doc), nil)
				if len(r.Errors) > 0 {
					t.Fatalf("%s: %+v", name, r.Errors)
				}
				if string(r.Data) == "" || strings.Count(string(r.Data), "null") == strings.Count(string(r.Data), ":") {
					t.Fatalf("%s: empty answer %s", name, r.Data)
				}
				var v any
				_ = json.Unmarshal(r.Data, &v)
				for alias, want := range topHits(string(doc)) {
					if got := topHit(v, alias); got != want {
						t.Errorf("%s: the top hit of %s is %q, want %q", name, alias, got, want)
					}
				}
				canon, _ := json.Marshal(v)
				answers[name] = string(canon)
			}
			if answers["memory"] != answers["neo4j"] {
				t.Errorf("stores disagree:\nmemory: %s\nneo4j:  %s", answers["memory"], answers["neo4j"])
			}
		})
	}
}

// importRCN imports the Research Council's H2020 file into st.
func importRCN(t testing.TB, st ecosystem.Store) {
	t.Helper()
	f, err := os.Open(testenv.RCNFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := importer.ImportRCN(context.Background(), st, f, "rcn-eu-h2020.csv", false, nil); err != nil {
		t.Fatal(err)
	}
}
