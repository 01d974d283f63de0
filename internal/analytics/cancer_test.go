package analytics_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// TestTheCancerNetworkAfterTheImport asks the hub's questions of the
// seeded graph plus the Research Council's H2020 file, on every store:
// by default the brokers and suggestions are of the cancer network, not
// of the energy, ocean and climate projects the file also holds; the
// Research Council, a funder, is no one's collaborator; reasons name
// pillars by name; a path follows ties between actors, not pillars; and a
// consortium's gaps are filled with organisations of the cancer network.
func TestTheCancerNetworkAfterTheImport(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			f, err := os.Open(testenv.RCNFile(t))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := importer.ImportRCN(context.Background(), st, f, "rcn-eu-h2020.csv", false, nil); err != nil {
				t.Fatal(err)
			}
			cancerNetwork(t, model(t, st))
		})
	}
}

// energy are the organisations that, before scopes, led the brokers or
// Kreftforeningen's suggestions through energy, ocean and climate
// projects or the Research Council.
var energy = []string{"SINTEF AS", "SINTEF Ocean AS", "SINTEF Energi AS", "Oslo kommune", "Enova SF",
	"NILU - Stiftelsen norsk institutt for luftforskning", "OSLOMET - Storbyuniversitetet"}

func cancerNetwork(t *testing.T, m *analytics.Model) {
	def := m.DefaultScope()
	inCancerNetwork := map[string]bool{}
	for _, id := range m.Network("", def).Organisations() {
		inCancerNetwork[id] = true
	}
	if !inCancerNetwork["kreftforeningen"] || !inCancerNetwork["forskningsradet"] || inCancerNetwork[idOf(m, "SINTEF Energi AS")] {
		t.Errorf("the default scope: Kreftforeningen %v, the Research Council (a hub member) %v, SINTEF Energi %v; want true, true, false",
			inCancerNetwork["kreftforeningen"], inCancerNetwork["forskningsradet"], inCancerNetwork[idOf(m, "SINTEF Energi AS")])
	}

	t.Run("brokers of the cancer network", func(t *testing.T) {
		brokers := m.NetworkGaps("", def).Brokers
		if len(brokers) == 0 || brokers[0].Organisation.ID != "oslo-universitetssykehus" {
			t.Fatalf("brokers %v, want Oslo universitetssykehus first", brokerNames(brokers))
		}
		for _, b := range brokers {
			if slices.Contains(energy, b.Organisation.Name) || !inCancerNetwork[b.Organisation.ID] {
				t.Errorf("broker %s (brokers %v): not of the cancer network", b.Organisation.Name, brokerNames(brokers))
			}
		}
		// The whole graph is still there for who asks for it.
		if all := m.NetworkGaps("", analytics.Everything).Brokers; all[0].Organisation.Name != "SINTEF AS" {
			t.Errorf("brokers of the whole graph %v, want SINTEF AS first", brokerNames(all))
		}
	})

	t.Run("Kreftforeningen's suggestions", func(t *testing.T) {
		sugs, err := m.PartnerSuggestions("kreftforeningen", 5, def)
		if err != nil {
			t.Fatal(err)
		}
		if len(sugs) == 0 {
			t.Fatal("no suggestions for Kreftforeningen")
		}
		for _, s := range sugs {
			reasons := strings.Join(s.Reasons, "; ")
			if slices.Contains(energy, s.Organisation.Name) || !inCancerNetwork[s.Organisation.ID] || strings.Contains(reasons, "Forskningsrådet") {
				t.Errorf("suggested %s (%s): want an organisation of the cancer network, not through the Research Council", s.Organisation.Name, reasons)
			}
		}
	})

	t.Run("a funder is no collaborator", func(t *testing.T) {
		for _, s := range []analytics.Scope{def, analytics.Everything} {
			c := m.Centrality("", s)["forskningsradet"]
			if c.Degree != 0 || len(m.Network("", s).Collaborators("forskningsradet")) != 0 {
				t.Errorf("the Research Council has %d collaborators in %+v, want none", c.Degree, s)
			}
		}
		for _, s := range m.NetworkGaps("", analytics.Everything).OrganisationsWithoutProjects {
			if s.ID == "forskningsradet" {
				t.Error("the Research Council is listed without projects: a funder's participations still count as its projects")
			}
		}
	})

	t.Run("reasons name pillars by name", func(t *testing.T) {
		pillarIDs := map[string]string{}
		for _, id := range []string{"forebygging", "tidlig-oppdagelse", "diagnose-og-behandling", "livskvalitet"} {
			pillarIDs[id] = m.Node(id).(*ecosystem.Pillar).Name
		}
		covers := 0
		for _, id := range []string{"kreftforeningen", "ung-kreft", "nscc", "oslo-universitetssykehus", "kreftregisteret", "stami"} {
			for _, s := range []analytics.Scope{def, analytics.Everything} {
				sugs, err := m.PartnerSuggestions(id, 20, s)
				if err != nil {
					t.Fatal(err)
				}
				for _, sug := range sugs {
					for _, r := range sug.Reasons {
						if !strings.HasPrefix(r, "covers ") {
							continue
						}
						covers++
						for pid, name := range pillarIDs {
							if strings.Contains(r, pid) {
								t.Errorf("reason %q names the pillar by its id, want %q", r, name)
							}
						}
					}
				}
			}
		}
		if covers == 0 {
			t.Error("no reason speaks of pillars: the check proves nothing")
		}
	})

	t.Run("paths follow the ties between actors", func(t *testing.T) {
		for _, tt := range []struct{ from, to string }{
			{"ingrid-stenstadvold-ross", "kari-oritsland"},
			{"kari-oritsland", "mari-nygard"},
		} {
			p, err := m.ShortestPath(tt.from, tt.to, analytics.MaxHops, nil)
			if err != nil || p == nil {
				t.Fatalf("%s → %s: %v, %v; want a path", tt.from, tt.to, p, err)
			}
			for _, s := range p.Steps {
				if s.Relationship == ecosystem.RelCovers || !slices.Contains(analytics.ActorTies, s.Relationship) {
					t.Errorf("%s → %s steps along %s (%s to %s)", tt.from, tt.to, s.Relationship, s.From.NodeMeta().ID, s.To.NodeMeta().ID)
				}
				switch s.To.NodeLabel() {
				case ecosystem.LabelPillar, ecosystem.LabelProgramme, ecosystem.LabelCall, ecosystem.LabelTopic:
					t.Errorf("%s → %s passes through %s %s", tt.from, tt.to, s.To.NodeLabel(), s.To.NodeMeta().ID)
				}
			}
		}
		// Asked to, it follows taxonomy: through the pillar both cover.
		p, err := m.ShortestPath("kreftforeningen", "nscc", 2, []string{"COVERS"})
		if err != nil || p == nil || p.Steps[0].To.NodeMeta().ID != "livskvalitet" {
			t.Errorf("Kreftforeningen → NSCC over COVERS: %+v, %v; want through livskvalitet", p, err)
		}
	})

	t.Run("a consortium's gaps filled from the cancer network", func(t *testing.T) {
		sugs, err := m.ConsortiumSuggestions("eu4health-mental-health-cancer-call", []string{"kreftforeningen", "oslo-universitetssykehus"}, 5, def)
		if err != nil {
			t.Fatal(err)
		}
		// Two Norwegian organisations, one an NGO and patient
		// organisation: two more countries are missing, so the first two
		// come from two countries.
		if len(sugs) < 2 || sugs[0].Organisation.Country == nil || sugs[1].Organisation.Country == nil ||
			*sugs[0].Organisation.Country == *sugs[1].Organisation.Country || *sugs[0].Organisation.Country == "NO" {
			t.Fatalf("suggestions %v, want the first two from two new countries", consortiumNames(sugs))
		}
		for _, s := range sugs[:2] {
			if len(s.Fills) != 1 || s.Fills[0].Kind != ecosystem.RequirementMinCountries || !inCancerNetwork[s.Organisation.ID] || len(s.Reasons) < 2 {
				t.Errorf("%s fills %v for %q: want the countries requirement, from the cancer network, tied to the consortium",
					s.Organisation.Name, s.Fills, s.Reasons)
			}
		}
		met, err := m.ConsortiumSuggestions("eu4health-mental-health-cancer-call", []string{"kreftforeningen", "oslo-universitetssykehus", "rigshospitalet", "krabbameinsfelag-islands"}, 5, def)
		if err != nil || len(met) != 0 {
			t.Errorf("an eligible consortium: %v, %v; want no suggestions", consortiumNames(met), err)
		}
	})
}

func idOf(m *analytics.Model, name string) string {
	for _, id := range m.Network("", analytics.Everything).Organisations() {
		if m.Organisation(id).Name == name {
			return id
		}
	}
	return ""
}

func brokerNames(bs []analytics.CentralityScore) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Organisation.Name)
	}
	return out
}

func consortiumNames(ss []analytics.ConsortiumSuggestion) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Organisation.Name)
	}
	return out
}
