package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// The ten confirmed partners of the EU4Health proposal.
var proposal = []string{"akershus-universitetssykehus", "akershus-kreftkoordinatorer", "kreftforeningen", "ung-kreft",
	"oslo-universitetssykehus", "helse-more-og-romsdal", "helsedirektoratet", "krabbameinsfelag-islands",
	"netherlands-cancer-institute", "youth-cancer-europe"}

type eligibilityAnswer struct {
	Eligibility struct {
		Eligible  bool
		Countries []string
		Checks    []struct {
			Requirement struct{ Kind string }
			Met         bool
			MetBy       []struct{ ID string }
			Explanation string
			Suggestions []struct {
				ID    string
				Kinds []string
			}
		}
	}
}

const eligibilityQuery = `query($call: ID!, $orgs: [ID!]!) { eligibility(callId: $call, organisationIds: $orgs) {
  eligible countries checks { requirement { kind } met metBy { id } explanation suggestions { id kinds } } } }`

func TestAnalyticsOnTheSeededGraph(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			c := newServer(t, st, nil, 0)
			t.Run("the proposal consortium is eligible", func(t *testing.T) {
				var out eligibilityAnswer
				c.mustQuery(eligibilityQuery, map[string]any{"call": "eu4health-mental-health-cancer-call", "orgs": proposal}, &out)
				e := out.Eligibility
				if !e.Eligible || strings.Join(e.Countries, ",") != "IS,NL,NO" || len(e.Checks) != 3 {
					t.Fatalf("eligibility = %+v, want eligible across IS, NL, NO with three checks", e)
				}
				for _, ch := range e.Checks {
					if !ch.Met || len(ch.MetBy) == 0 || ch.Explanation == "" {
						t.Errorf("check %s: %+v", ch.Requirement.Kind, ch)
					}
				}
			})
			t.Run("a Norway-only consortium is told why not", func(t *testing.T) {
				var out eligibilityAnswer
				c.mustQuery(eligibilityQuery, map[string]any{"call": "eu4health-mental-health-cancer-call",
					"orgs": []string{"kreftforeningen", "ung-kreft", "oslo-universitetssykehus"}}, &out)
				e := out.Eligibility
				countries := e.Checks[0]
				if e.Eligible || countries.Requirement.Kind != "MIN_COUNTRIES" || countries.Met {
					t.Fatalf("eligibility = %+v, want the country requirement unmet", e)
				}
				if !strings.Contains(countries.Explanation, "1 country (NO)") || !strings.Contains(countries.Explanation, "2 more") {
					t.Errorf("explanation %q does not say why", countries.Explanation)
				}
				if len(countries.Suggestions) == 0 {
					t.Errorf("no organisations from other countries suggested")
				}
			})
			t.Run("a consortium without a patient organisation gets suggestions of that kind", func(t *testing.T) {
				var out eligibilityAnswer
				c.mustQuery(eligibilityQuery, map[string]any{"call": "eu4health-mental-health-cancer-call",
					"orgs": []string{"akershus-universitetssykehus", "oslo-universitetssykehus", "netherlands-cancer-institute", "rigshospitalet"}}, &out)
				patient := out.Eligibility.Checks[2]
				if patient.Met || len(patient.Suggestions) == 0 {
					t.Fatalf("patient organisation check = %+v, want unmet with suggestions", patient)
				}
				for _, s := range patient.Suggestions {
					if !contains(s.Kinds, "PATIENT_ORGANISATION") {
						t.Errorf("suggested %s (%v), not a patient organisation", s.ID, s.Kinds)
					}
				}
				// The proposal's patient organisations share it with all four
				// members: organisations already tied to the consortium come
				// first (Kræftens Bekæmpelse and Ung Kræft take part
				// tentatively, which still ties them).
				tied := map[string]bool{"kreftforeningen": true, "ung-kreft": true, "krabbameinsfelag-islands": true,
					"youth-cancer-europe": true, "ung-kraeft": true, "kraeftens-bekaempelse": true}
				if first := patient.Suggestions[0].ID; !tied[first] {
					t.Errorf("first suggestion %s, want one already tied to the consortium", first)
				}
			})
			t.Run("the path from Ingrid Stenstadvold Ross to Kari Øritsland", func(t *testing.T) {
				var out struct {
					ConnectionPath *struct {
						Length int
						Steps  []struct {
							From         struct{ ID string }
							Relationship string
							To           struct{ ID string }
						}
					}
				}
				q := `query($hops: Int) { connectionPath(from: "ingrid-stenstadvold-ross", to: "kari-oritsland", maxHops: $hops) {
				  length steps { from { id } relationship to { id } } } }`
				c.mustQuery(q, nil, &out)
				p := out.ConnectionPath
				if p == nil || p.Length != len(p.Steps) || p.Length == 0 {
					t.Fatalf("path = %+v", p)
				}
				at := "ingrid-stenstadvold-ross"
				for i, s := range p.Steps {
					if s.From.ID != at || s.Relationship == "" {
						t.Errorf("step %d = %+v does not continue from %s with a named relationship", i, s, at)
					}
					at = s.To.ID
				}
				if at != "kari-oritsland" {
					t.Errorf("the path ends at %s", at)
				}
				var shorter struct{ ConnectionPath *struct{ Length int } }
				c.mustQuery(q, map[string]any{"hops": p.Length - 1}, &shorter)
				if shorter.ConnectionPath != nil {
					t.Errorf("with maxHops %d the answer is %+v, want null", p.Length-1, shorter.ConnectionPath)
				}
				r := c.do(`{ connectionPath(from: "kreftforeningen", to: "nscc", maxHops: 9) { length } }`, nil)
				if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
					t.Errorf("maxHops 9: %+v, want BAD_USER_INPUT", r.Errors)
				}
			})
			t.Run("partner suggestions carry reasons", func(t *testing.T) {
				var out struct {
					PartnerSuggestions []struct {
						Organisation struct{ ID string }
						Score        float64
						Reasons      []string
					}
				}
				c.mustQuery(`{ partnerSuggestions(organisationId: "ung-kreft", first: 5) { organisation { id } score reasons } }`, nil, &out)
				if len(out.PartnerSuggestions) == 0 {
					t.Fatal("no suggestions")
				}
				for _, s := range out.PartnerSuggestions {
					if s.Score <= 0 || len(s.Reasons) == 0 {
						t.Errorf("suggestion %+v has no score or reasons", s)
					}
				}
			})
			t.Run("coverage and gaps", func(t *testing.T) {
				var out struct {
					PillarCoverage []struct {
						Pillar         struct{ ID string }
						Organisations  []struct{ ID string }
						BySector       []struct{ Sector string }
						MissingSectors []string
					}
					NetworkGaps struct {
						Components                   []struct{ Size int }
						Brokers                      []struct{ Organisation struct{ ID string } }
						OrganisationsWithoutProjects []struct{ ID string }
					}
				}
				c.mustQuery(`{ pillarCoverage { pillar { id } organisations { id } bySector { sector } missingSectors }
				  networkGaps { components { size } brokers { organisation { id } } organisationsWithoutProjects { id } } }`, nil, &out)
				if len(out.PillarCoverage) != 4 {
					t.Fatalf("%d pillars covered, want 4", len(out.PillarCoverage))
				}
				for _, p := range out.PillarCoverage {
					if len(p.BySector) != len(ecosystem.Sectors) {
						t.Errorf("%s: %d sector counts, want every sector", p.Pillar.ID, len(p.BySector))
					}
				}
				// The proposal's 13 partners (10 confirmed, 3 tentative) and NSCC,
				// which shares Leve bedre med kreft with Kreftforeningen.
				if len(out.NetworkGaps.Components) == 0 || out.NetworkGaps.Components[0].Size != 14 {
					t.Errorf("largest component %+v, want 14", out.NetworkGaps.Components[:1])
				}
				brokers := map[string]bool{}
				for _, b := range out.NetworkGaps.Brokers {
					brokers[b.Organisation.ID] = true
				}
				// Only Kreftforeningen joins NSCC to the rest.
				if len(brokers) != 1 || !brokers["kreftforeningen"] {
					t.Errorf("brokers %v, want Kreftforeningen alone", brokers)
				}
			})
		})
	}
}

func TestAsOfLeavesOutParticipationsNotYetStarted(t *testing.T) {
	st := testenv.SeededMemory(t)
	ds := &ecosystem.Dataset{
		Nodes: []ecosystem.Node{&ecosystem.Project{Meta: ecosystem.Meta{ID: "future-project", Sources: []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}},
			Name: "Future", Status: ecosystem.ProjectOngoing}},
		Links: []ecosystem.Link{
			{From: "nscc", Type: ecosystem.RelParticipatesIn, To: "future-project", Properties: ecosystem.EdgeProperties(ecosystem.Participation{Role: "PARTNER", Status: "CONFIRMED", Since: ptrDate("2030-01-01")})},
			{From: "stami", Type: ecosystem.RelParticipatesIn, To: "future-project", Properties: ecosystem.EdgeProperties(ecosystem.Participation{Role: "PARTNER", Status: "CONFIRMED", Since: ptrDate("2030-01-01")})},
		},
	}
	if _, err := st.Apply(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	c := newServer(t, st, nil, 0)
	degree := func(asOf string) int {
		var out struct {
			Organisation struct{ Centrality struct{ Degree int } }
		}
		c.mustQuery(`query($d: Date) { organisation(id: "stami") { centrality(asOf: $d) { degree } } }`, map[string]any{"d": asOf}, &out)
		return out.Organisation.Centrality.Degree
	}
	if d := degree("2029-12-31"); d != 0 {
		t.Errorf("STAMI's degree before the participation starts = %d, want 0", d)
	}
	if d := degree("2030-06-01"); d != 1 {
		t.Errorf("STAMI's degree once it has started = %d, want 1 (NSCC)", d)
	}
}

func ptrDate(s string) *ecosystem.Date { d := ecosystem.Date(s); return &d }

func TestAnalyticsSeeWritesFromAnotherProcess(t *testing.T) {
	st := testenv.SeededNeo4j(t)
	c := newServer(t, st, nil, 0)
	without := func() []string {
		var out struct {
			NetworkGaps struct{ OrganisationsWithoutProjects []struct{ ID string } }
		}
		c.mustQuery(`{ networkGaps { organisationsWithoutProjects { id } } }`, nil, &out)
		var ids []string
		for _, o := range out.NetworkGaps.OrganisationsWithoutProjects {
			ids = append(ids, o.ID)
		}
		return ids
	}
	if contains(without(), "newcomer") {
		t.Fatal("newcomer exists before it was written")
	}
	// Another process: its own driver and store on the same database.
	other := testenv.Neo4jConnect(t)
	newcomer := &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "newcomer", Sources: []ecosystem.Source{{Kind: ecosystem.SourceImport, Reference: "test"}}},
		Name: "Newcomer", Sector: ecosystem.SectorIndustry}
	if _, err := other.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{newcomer}}); err != nil {
		t.Fatal(err)
	}
	if !contains(without(), "newcomer") {
		t.Error("the analytics cache was not rebuilt after another process wrote")
	}
}
