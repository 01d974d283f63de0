package server_test

import (
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/seed/seedtest"
)

// TestProvenanceThroughGraphQL checks, on every store, that the API says
// how a fact is known (null where a source has nothing to say), that
// analytics can be asked to rest on stated facts only, and that who took
// part in an event is for readers with a token.
func TestProvenanceThroughGraphQL(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c := newServer(t, b.Seeded(t), nil, 0)
			t.Run("sources", func(t *testing.T) { sourcesSayHowAFactIsKnown(t, c.on(t)) })
			t.Run("stated facts only", func(t *testing.T) { statedFactsOnly(t, c.on(t)) })
			t.Run("people at events", func(t *testing.T) { peopleAtEvents(t, c.on(t)) })
		})
	}
}

type source struct {
	Kind, Reference            string
	Row                        *int
	Field, Quote, Rule, Reason *string
	Inputs                     []string
}

func sourcesSayHowAFactIsKnown(t *testing.T, c *client) {
	var out struct {
		Organisation struct{ Sources []source }
		Programme    struct{ Sources []source }
	}
	c.mustQuery(`{ organisation(id: "stami") { sources { kind reference row field quote rule inputs reason } }
	  programme(id: "mission-on-cancer") { sources { kind reference row field quote rule inputs reason } } }`, nil, &out)
	kinds := map[string]source{}
	for _, s := range out.Organisation.Sources {
		kinds[s.Kind] = s
	}
	for _, s := range out.Programme.Sources {
		if s.Kind == "INFERRED" {
			kinds[s.Kind] = s
		}
	}
	if d := kinds["DOCUMENT"]; d.Quote == nil || *d.Quote != "STAMI" || d.Field != nil || d.Rule != nil || d.Reason != nil || d.Inputs != nil {
		t.Errorf("STAMI's document source is %+v, want its quote and nulls", d)
	}
	if i := kinds["IMPORT"]; i.Row == nil || i.Quote != nil {
		t.Errorf("STAMI's import source is %+v, want a row and no quote", i)
	}
	if e := kinds["EDITOR"]; e.Field == nil || *e.Field != "pillars" || e.Reason == nil {
		t.Errorf("STAMI's pillars are %+v, want the editor's judgement with a reason", e)
	}
	if r := kinds["INFERRED"]; r.Rule == nil || len(r.Inputs) == 0 || r.Field == nil || *r.Field != "pillars" {
		t.Errorf("the mission's pillars are %+v, want inferred by a rule from inputs", r)
	}
}

func statedFactsOnly(t *testing.T, c *client) {
	query := `query($facts: Facts) { pillarCoverage(facts: $facts) { pillar { id } organisations { id } } 
	  networkGaps(facts: $facts, scope: {}) { organisationsWithoutProjects { id } } }`
	type answer struct {
		PillarCoverage []struct {
			Pillar        struct{ ID string }
			Organisations []struct{ ID string }
		}
		NetworkGaps struct{ OrganisationsWithoutProjects []struct{ ID string } }
	}
	covers := func(a answer, pillar, org string) bool {
		for _, p := range a.PillarCoverage {
			for _, o := range p.Organisations {
				if p.Pillar.ID == pillar && o.ID == org {
					return true
				}
			}
		}
		return false
	}
	without := func(a answer, org string) bool {
		for _, o := range a.NetworkGaps.OrganisationsWithoutProjects {
			if o.ID == org {
				return true
			}
		}
		return false
	}
	var all, byDefault, stated answer
	c.mustQuery(query, map[string]any{"facts": "ALL"}, &all)
	c.mustQuery(query, nil, &byDefault)
	c.mustQuery(query, map[string]any{"facts": "STATED_ONLY"}, &stated)
	tests := []struct {
		name        string
		all, stated bool
		holds       func(answer) bool
	}{
		// STAMI covers prevention only by the editor's judgement.
		{"STAMI covers prevention", true, false, func(a answer) bool { return covers(a, "forebygging", "stami") }},
		// Kreftforeningen's quality of life is stated through its projects.
		{"Kreftforeningen covers quality of life", true, true, func(a answer) bool { return covers(a, "livskvalitet", "kreftforeningen") }},
		// No document names the European Commission.
		{"the Commission has no projects", true, false, func(a answer) bool { return without(a, "european-commission") }},
		{"Kreftregisteret has no projects", true, true, func(a answer) bool { return without(a, "kreftregisteret") }},
	}
	for _, tt := range tests {
		if got := tt.holds(all); got != tt.all {
			t.Errorf("%s: %v with all facts, want %v", tt.name, got, tt.all)
		}
		if got := tt.holds(byDefault); got != tt.all {
			t.Errorf("%s: %v by default, want %v as with all facts", tt.name, got, tt.all)
		}
		if got := tt.holds(stated); got != tt.stated {
			t.Errorf("%s: %v with stated facts only, want %v", tt.name, got, tt.stated)
		}
	}
}

func peopleAtEvents(t *testing.T, c *client) {
	st := seedtest.Stated[0] // Andreas Vikhals at the workshop in Kristiansand
	query := `query($person: ID!, $event: ID!) { person(id: $person) { events { id } } event(id: $event) { people { id } } }`
	var out struct {
		Person struct{ Events []struct{ ID string } }
		Event  struct{ People []struct{ ID string } }
	}
	vars := map[string]any{"person": st.From, "event": st.To}
	c.as(readerToken).mustQuery(query, vars, &out)
	if len(out.Person.Events) != 1 || out.Person.Events[0].ID != st.To || len(out.Event.People) != 1 || out.Event.People[0].ID != st.From {
		t.Errorf("a reader sees %+v, want %s at %s both ways", out, st.From, st.To)
	}
	out.Person.Events, out.Event.People = nil, nil
	c.mustQuery(query, vars, &out)
	if len(out.Person.Events) != 0 || len(out.Event.People) != 0 {
		t.Errorf("an anonymous reader sees %+v, want nobody at any event", out)
	}
}
