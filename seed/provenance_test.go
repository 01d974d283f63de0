package seed_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/seed"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

// TestEveryFactHasProvenance walks every entity, property and
// relationship of the seeded graph on every store: each must be stated
// (a source document and a sentence it contains), imported (a file and
// row), an editor's (with a time or a reason) or inferred (a rule and
// its inputs).
func TestEveryFactHasProvenance(t *testing.T) {
	docs, err := seedtest.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			snap, err := st.(ecosystem.Snapshotter).Snapshot(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			facts := seedtest.Facts(snap)
			counts := map[ecosystem.SourceKind]int{}
			for _, f := range facts {
				counts[seedtest.Kind(f)]++
				for _, problem := range seedtest.Check(f, docs) {
					t.Error(problem)
				}
			}
			if len(facts) < len(snap.Nodes)+len(snap.Links) {
				t.Fatalf("walked %d facts, fewer than the %d entities and relationships", len(facts), len(snap.Nodes)+len(snap.Links))
			}
			t.Logf("%d facts: %v", len(facts), counts)
		})
	}
}

func facts(s ecosystem.Source) seedtest.Fact {
	return seedtest.Fact{Name: "x", Sources: []ecosystem.Source{s}}
}

// TestCheckRefusesWhatItShould makes sure the walk above can fail.
func TestCheckRefusesWhatItShould(t *testing.T) {
	docs := map[string]string{"d.txt": "Norway Health Tech er partner."}
	row := 3
	tests := []struct {
		name string
		fact seedtest.Fact
		ok   bool
	}{
		{"no source", seedtest.Fact{Name: "x"}, false},
		{"quoted", facts(ecosystem.Source{Kind: ecosystem.SourceDocument, Reference: "d.txt", Quote: "Norway  Health\nTech"}), true},
		{"misquoted", facts(ecosystem.Source{Kind: ecosystem.SourceDocument, Reference: "d.txt", Quote: "Norway Health Tech is a partner"}), false},
		{"no quote", facts(ecosystem.Source{Kind: ecosystem.SourceDocument, Reference: "d.txt"}), false},
		{"unknown document", facts(ecosystem.Source{Kind: ecosystem.SourceDocument, Reference: "e.txt", Quote: "Norway"}), false},
		{"imported", facts(ecosystem.Source{Kind: ecosystem.SourceImport, Reference: "f.csv", Row: &row}), true},
		{"imported without row", facts(ecosystem.Source{Kind: ecosystem.SourceImport, Reference: "f.csv"}), false},
		{"judged", facts(ecosystem.Source{Kind: ecosystem.SourceEditor, Reference: "hub staff", Reason: "why"}), true},
		{"editor without reason or time", facts(ecosystem.Source{Kind: ecosystem.SourceEditor, Reference: "hub staff"}), false},
		{"inferred", facts(ecosystem.Source{Kind: ecosystem.SourceInferred, Reference: "r", Rule: "r", Inputs: []string{"a"}}), true},
		{"inferred without inputs", facts(ecosystem.Source{Kind: ecosystem.SourceInferred, Reference: "r", Rule: "r"}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := seedtest.Check(tt.fact, docs); (len(got) == 0) != tt.ok {
				t.Errorf("Check = %v, want ok %v", got, tt.ok)
			}
		})
	}
}

// TestStatedJudgedAndMissingFacts checks, on every store, the facts the
// documents do not state (each the editor's judgement with a reason, or
// gone) and the facts they give that the dataset once lacked.
func TestStatedJudgedAndMissingFacts(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			snap, err := st.(ecosystem.Snapshotter).Snapshot(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			links := map[string]ecosystem.Link{}
			for _, l := range snap.Links {
				links[string(l.From)+" "+string(l.Type)+" "+l.To] = l
			}
			for _, j := range seedtest.Judgements {
				n := snap.Nodes[j.ID]
				if n == nil {
					t.Errorf("%s is missing", j.ID)
					continue
				}
				judged := false
				for _, s := range n.NodeMeta().Sources {
					if s.Field == j.Field {
						if s.Kind != ecosystem.SourceEditor || s.Reason == "" {
							t.Errorf("%s.%s rests on %+v, want only the editor's judgement with a reason", j.ID, j.Field, s)
						}
						judged = true
					}
				}
				if !judged {
					t.Errorf("%s.%s is not marked as the editor's judgement", j.ID, j.Field)
				}
				// The relationships the field gives carry the judgement too.
				for _, l := range snap.Links {
					if l.From == j.ID && fieldOf(l.Type) == j.Field && ecosystem.Stated(l.Facts().Sources) {
						t.Errorf("%s %s %s is stated, want the editor's judgement", l.From, l.Type, l.To)
					}
				}
			}
			for _, u := range seedtest.Unstated {
				if _, ok := links[u.From+" "+u.Type+" "+u.To]; ok {
					t.Errorf("%s %s %s is in the graph, and no document states it", u.From, u.Type, u.To)
				}
			}
			for _, s := range seedtest.Stated {
				l, ok := links[s.From+" "+s.Type+" "+s.To]
				if !ok {
					t.Errorf("%s %s %s is missing", s.From, s.Type, s.To)
					continue
				}
				if !ecosystem.Stated(l.Facts().Sources) {
					t.Errorf("%s %s %s is not stated: %+v", s.From, s.Type, s.To, l.Facts().Sources)
				}
			}
			if o, ok := snap.Nodes[seedtest.AmbassadorNetwork.ID].(*ecosystem.Organisation); !ok || o.Name != seedtest.AmbassadorNetwork.Name {
				t.Errorf("the EU ambassador network is %v", snap.Nodes[seedtest.AmbassadorNetwork.ID])
			}
			if i, ok := snap.Nodes[seedtest.NSCCMembers.ID].(*ecosystem.Indicator); !ok || i.Value != seedtest.NSCCMembers.Value {
				t.Errorf("NSCC's members are %v", snap.Nodes[seedtest.NSCCMembers.ID])
			}
			tc := seedtest.TRANSCAN3
			if _, ok := links[tc.Grant+" IN_PROGRAMME "+tc.Programme]; !ok {
				t.Errorf("the grant %s is not in the programme %s", tc.Grant, tc.Programme)
			}
			if p, ok := snap.Nodes[tc.Programme].(*ecosystem.Programme); !ok || p.Description == nil || strings.Contains(*p.Description, tc.Number) {
				t.Errorf("the programme's description gives the grant number: %v", snap.Nodes[tc.Programme])
			}
			if g, ok := snap.Nodes[tc.Grant].(*ecosystem.Project); !ok || g.Code == nil || *g.Code != tc.Number || seedtest.Kind(seedtest.Fact{Sources: g.Sources}) != ecosystem.SourceImport {
				t.Errorf("the grant is %v, want project %s imported from the Research Council's file", snap.Nodes[tc.Grant], tc.Number)
			}
		})
	}
}

// fieldOf names the seed field a relationship of the type comes from,
// for the types the judgements concern.
func fieldOf(t ecosystem.RelType) string {
	switch t {
	case ecosystem.RelCovers:
		return "pillars"
	case ecosystem.RelUnitOf:
		return "parent"
	case ecosystem.RelInvolves:
		return "organisations"
	}
	return ""
}

// TestOnlyAPersonNamesThemselves checks that a person's name is only in
// the person's entity and the relationships that end at the person (which
// go with the person when an administrator erases them): no other
// entity's properties or sources, quotes included, name anyone, not even
// another person's.
func TestOnlyAPersonNamesThemselves(t *testing.T) {
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	people := map[string]bool{}
	for _, n := range ds.Nodes {
		if p, ok := n.(*ecosystem.Person); ok {
			names = append(names, p.Name)
			people[p.ID] = true
		}
	}
	check := func(what string, v any, self string) {
		text, _ := json.Marshal(v)
		for _, name := range names {
			if name != self && strings.Contains(string(text), name) {
				t.Errorf("%s names %s", what, name)
			}
		}
	}
	for _, n := range ds.Nodes {
		self := ""
		if p, ok := n.(*ecosystem.Person); ok {
			self = p.Name
		}
		check(n.NodeMeta().ID, n, self)
	}
	for _, l := range ds.Links {
		if !people[l.From] && !people[l.To] {
			check(fmt.Sprintf("%s %s %s", l.From, l.Type, l.To), l.Props, "")
		}
	}
}
