package server_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/internal/testenv/memtest"
	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
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
				// Two more countries are needed: the first two suggestions come
				// from two different ones, neither Norway.
				if len(countries.Suggestions) < 2 {
					t.Fatalf("suggestions %+v, want at least two", countries.Suggestions)
				}
				var cs []string
				for _, s := range countries.Suggestions[:2] {
					var o struct{ Organisation struct{ Country *string } }
					c.mustQuery(`query($id: ID!) { organisation(id: $id) { country } }`, map[string]any{"id": s.ID}, &o)
					if o.Organisation.Country == nil || *o.Organisation.Country == "NO" {
						t.Errorf("suggested %s from %v", s.ID, o.Organisation.Country)
						continue
					}
					cs = append(cs, *o.Organisation.Country)
				}
				if len(cs) == 2 && cs[0] == cs[1] {
					t.Errorf("the first two suggestions both come from %s", cs[0])
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
				pathBetweenIngridAndKari(t, c, st)
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
				coverageAndGaps(t, c)
			})
		})
	}
}

// pathBetweenIngridAndKari checks the path the issue names. Ingrid is
// Kreftforeningen's secretary general, Kari leads NSCC's project; the two
// organisations share both the pillar Livskvalitet and the project Leve
// bedre med kreft, so there are several chains of 6 and none shorter
// (maxHops 5 finds nothing). The documented tie-break (relationship type,
// then id) takes COVERS before PARTICIPATES_IN and the role
// kreftforeningen-generalsekretaer before skg-kreftforeningen-1.
func pathBetweenIngridAndKari(t *testing.T, c *client, st ecosystem.Store) {
	type step struct {
		From         struct{ ID string }
		Relationship string
		Forward      bool
		To           struct{ ID string }
	}
	var out struct {
		ConnectionPath *struct {
			Length int
			Steps  []step
		}
	}
	q := `query($hops: Int) { connectionPath(from: "ingrid-stenstadvold-ross", to: "kari-oritsland", maxHops: $hops) {
	  length steps { from { id } relationship forward to { id } } } }`
	c.mustQuery(q, nil, &out)
	p := out.ConnectionPath
	if p == nil || p.Length != 6 || len(p.Steps) != 6 {
		t.Fatalf("path = %+v, want 6 steps", p)
	}
	snap, err := st.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	links := map[[3]string]bool{}
	for _, l := range snap.Links {
		links[[3]string{l.From, string(l.Type), l.To}] = true
	}
	var got []string
	at := "ingrid-stenstadvold-ross"
	for i, s := range p.Steps {
		l := [3]string{s.From.ID, s.Relationship, s.To.ID}
		if !s.Forward {
			l[0], l[2] = l[2], l[0]
		}
		if s.From.ID != at || !links[l] {
			t.Errorf("step %d = %+v does not continue from %s along a relationship of the graph", i, s, at)
		}
		at = s.To.ID
		arrow := "→"
		if !s.Forward {
			arrow = "←"
		}
		got = append(got, s.Relationship+arrow+s.To.ID)
	}
	// Through the project the two organisations share, not the pillar
	// both cover: by default a path follows the ties between actors.
	want := "HOLDS→kreftforeningen-generalsekretaer SEAT_AT→kreftforeningen PARTICIPATES_IN→leve-bedre-med-kreft PARTICIPATES_IN←nscc " +
		"SEAT_AT←nscc-prosjektleder-leve-bedre-med-kreft HOLDS←kari-oritsland"
	if strings.Join(got, " ") != want {
		t.Errorf("path\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	var shorter struct{ ConnectionPath *struct{ Length int } }
	c.mustQuery(q, map[string]any{"hops": 5}, &shorter)
	if shorter.ConnectionPath != nil {
		t.Errorf("with maxHops 5 the answer is %+v, want null", shorter.ConnectionPath)
	}
	for _, hops := range []int{0, -1, 9} {
		r := c.do(q, map[string]any{"hops": hops})
		if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("maxHops %d: %+v, want BAD_USER_INPUT", hops, r.Errors)
		}
	}
}

type coverage struct {
	Pillar        struct{ ID string }
	Organisations []struct{ ID string }
	Projects      []struct{ ID string }
	BySector      []struct {
		Sector string
		Count  int
	}
	MissingSectors []string
}

// byPillar returns the coverage of one pillar.
func byPillar(cs []coverage, id string) coverage {
	for _, c := range cs {
		if c.Pillar.ID == id {
			return c
		}
	}
	return coverage{}
}

// idList lists ids in the order given.
func idList(xs []struct{ ID string }) string {
	var ids []string
	for _, x := range xs {
		ids = append(ids, x.ID)
	}
	return strings.Join(ids, ",")
}

// The seeded graph's coverage, worked out from seed/hub.yaml. Livskvalitet
// is covered directly by Kreftforeningen, NSCC and Ung Kreft and through
// its three projects: the proposal (13 partners, 10 confirmed and 3
// tentative, in every sector but research and funders), Leve bedre med
// kreft (NSCC, Kreftforeningen, the hub) and MyPath (DNV Imatis).
// Forebygging has Kreftforeningen (user organisation) and STAMI
// (research), Tidlig oppdagelse Kreftregisteret (research), all directly;
// Diagnose og behandling OUS Comprehensive Cancer Centre and NorTrials
// (health service) directly, and HealthCatalyst and NSCC (industry)
// through their work with NorTrials.
var (
	livskvalitet = "akershus-kreftkoordinatorer,akershus-universitetssykehus,cancer-mission-hub-norway,dnv-imatis,helse-more-og-romsdal,helsedirektoratet," +
		"krabbameinsfelag-islands,kraeftens-bekaempelse,kreftforeningen,netherlands-cancer-institute,nscc,oslo-universitetssykehus," +
		"rigshospitalet,ung-kraeft,ung-kreft,youth-cancer-europe"
	// Without Iceland, the Netherlands, Denmark and Youth Cancer Europe
	// (no country). Both in byte order.
	livskvalitetNO = "akershus-kreftkoordinatorer,akershus-universitetssykehus,cancer-mission-hub-norway,dnv-imatis,helse-more-og-romsdal,helsedirektoratet," +
		"kreftforeningen,nscc,oslo-universitetssykehus,ung-kreft"
	missing = map[string]string{
		"diagnose-og-behandling": "RESEARCH,AUTHORITY,MUNICIPAL,USER_ORGANISATION,FUNDER",
		"forebygging":            "HEALTH_SERVICE,AUTHORITY,MUNICIPAL,INDUSTRY,FUNDER",
		"livskvalitet":           "RESEARCH,FUNDER",
		"tidlig-oppdagelse":      "HEALTH_SERVICE,AUTHORITY,MUNICIPAL,INDUSTRY,USER_ORGANISATION,FUNDER",
	}
)

func coverageAndGaps(t *testing.T, c *client) {
	var out struct {
		PillarCoverage []coverage
		Norway         []coverage
		NetworkGaps    struct {
			IsolatedOrganisations        []struct{ ID string }
			OrganisationsWithoutProjects []struct{ ID string }
			PillarsMissingSectors        []coverage
			Brokers                      []struct {
				Organisation struct{ ID string }
				Betweenness  float64
			}
			CutVertices []struct {
				Organisation struct{ ID string }
				Separates    []struct {
					Size          int
					Organisations []struct{ ID string }
				}
			}
			Components []struct {
				Size          int
				Organisations []struct{ ID string }
			}
		}
	}
	cov := `pillar { id } organisations { id } projects { id } bySector { sector count } missingSectors`
	c.mustQuery(`{ pillarCoverage { `+cov+` } norway: pillarCoverage(country: "NO") { `+cov+` }
	  networkGaps(scope: {}) { isolatedOrganisations { id } organisationsWithoutProjects { id } pillarsMissingSectors { `+cov+` }
	    brokers { organisation { id } betweenness }
	    cutVertices { organisation { id } separates { size organisations(first: 3) { id } } }
	    components { size organisations { id } } } }`, nil, &out)
	if len(out.PillarCoverage) != 4 {
		t.Fatalf("%d pillars covered, want 4", len(out.PillarCoverage))
	}
	for _, p := range out.PillarCoverage {
		if len(p.BySector) != len(ecosystem.Sectors) {
			t.Errorf("%s: %d sector counts, want every sector", p.Pillar.ID, len(p.BySector))
		}
		if got := strings.Join(p.MissingSectors, ","); got != missing[p.Pillar.ID] {
			t.Errorf("%s misses %s, want %s", p.Pillar.ID, got, missing[p.Pillar.ID])
		}
	}
	all, no := byPillar(out.PillarCoverage, "livskvalitet"), byPillar(out.Norway, "livskvalitet")
	if got := sortedIDList(all.Organisations); got != livskvalitet || len(all.Projects) != 3 {
		t.Errorf("livskvalitet: %s through %d projects; want %s through 3", got, len(all.Projects), livskvalitet)
	}
	if got := sortedIDList(no.Organisations); got != livskvalitetNO || strings.Join(no.MissingSectors, ",") != "RESEARCH,FUNDER" {
		t.Errorf("Norwegian livskvalitet: %s missing %v; want %s missing RESEARCH,FUNDER", got, no.MissingSectors, livskvalitetNO)
	}
	gaps := out.NetworkGaps
	if len(gaps.PillarsMissingSectors) != 4 {
		t.Errorf("%d pillars missing sectors, want all 4", len(gaps.PillarsMissingSectors))
	}
	// No collaborator and no membership, unit link or seat in a body; in
	// name order (Nærings- after Nor-).
	if got, want := idList(gaps.IsolatedOrganisations), "anton-stiftelsen,dam-stiftelsen,dnv-imatis,european-commission,"+
		"eu-ambassadornettverk-unge-kreftoverlevere,helse-og-omsorgsdepartementet,kavli-stiftelsen,naerings-og-fiskeridepartementet"; got != want {
		t.Errorf("isolated\n%s\nwant\n%s", got, want)
	}
	// The proposal's 13 partners; NSCC and the hub, which share Leve bedre
	// med kreft with Kreftforeningen; HealthCatalyst and NorTrials, which
	// work with NSCC; then the other 25 of the 42 organisations, each on
	// its own.
	if len(gaps.Components) != 26 || gaps.Components[0].Size != 17 || len(gaps.Components[0].Organisations) != 17 {
		t.Errorf("%d components, the largest %+v; want 26, the largest of 17", len(gaps.Components), gaps.Components[:1])
	}
	for _, comp := range gaps.Components[1:] {
		if comp.Size != 1 || len(comp.Organisations) != 1 {
			t.Errorf("component %+v, want one organisation", comp)
		}
	}
	// Kreftforeningen joins the proposal's other 12 partners to the 4 of
	// Leve bedre med kreft and NSCC's work with HealthCatalyst and
	// NorTrials; NSCC joins those two to the rest. Each lies on the
	// shortest paths between the pieces it separates: 12 × 4 for
	// Kreftforeningen, 14 × 2 for NSCC.
	cuts := gaps.CutVertices
	if len(cuts) != 2 || cuts[0].Organisation.ID != "kreftforeningen" || len(cuts[0].Separates) != 2 ||
		cuts[0].Separates[0].Size != 12 || len(cuts[0].Separates[0].Organisations) != 3 ||
		cuts[0].Separates[1].Size != 4 || idList(cuts[0].Separates[1].Organisations) != "cancer-mission-hub-norway,healthcatalyst,nortrials" ||
		cuts[1].Organisation.ID != "nscc" || len(cuts[1].Separates) != 2 || cuts[1].Separates[0].Size != 14 ||
		cuts[1].Separates[1].Size != 2 || idList(cuts[1].Separates[1].Organisations) != "healthcatalyst,nortrials" {
		t.Errorf("cut vertices %+v, want Kreftforeningen separating 12 (3 listed) from 4, and NSCC 14 from HealthCatalyst and NorTrials", cuts)
	}
	if len(gaps.Brokers) != 2 || gaps.Brokers[0].Organisation.ID != "kreftforeningen" || gaps.Brokers[0].Betweenness != 48 ||
		gaps.Brokers[1].Organisation.ID != "nscc" || gaps.Brokers[1].Betweenness != 28 {
		t.Errorf("brokers %+v, want Kreftforeningen (48) and NSCC (28)", gaps.Brokers)
	}
	r := c.do(`{ networkGaps { components { organisations(first: 1001) { id } } } }`, nil)
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("organisations(first: 1001): %+v, want BAD_USER_INPUT", r.Errors)
	}
}

// sortedIDList lists ids in byte order.
func sortedIDList(xs []struct{ ID string }) string {
	var ids []string
	for _, x := range xs {
		ids = append(ids, x.ID)
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

// TestCoverageOnADate adds, on each store, a screening project that
// starts in 2030 with NorTrials (a health service) and covers Tidlig
// oppdagelse: before its start the pillar has only Kreftregisteret and
// misses health services; from its start it has both.
func TestCoverageOnADate(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			src := []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}
			ds := &ecosystem.Dataset{
				Nodes: []ecosystem.Node{&ecosystem.Project{Meta: ecosystem.Meta{ID: "screening-2030", Sources: src},
					Name: "Screening 2030", Status: ecosystem.ProjectOngoing, Start: ptrDate("2030-01-01")}},
				Links: []ecosystem.Link{
					{From: "screening-2030", Type: ecosystem.RelCovers, To: "tidlig-oppdagelse"},
					{From: "nortrials", Type: ecosystem.RelParticipatesIn, To: "screening-2030",
						Props: &ecosystem.Participation{Role: "COORDINATOR", Status: "CONFIRMED", LinkFacts: ecosystem.LinkFacts{Sources: src}}},
				},
			}
			if _, err := st.Apply(context.Background(), ds); err != nil {
				t.Fatal(err)
			}
			c := newServer(t, st, nil, 0)
			tests := []struct {
				asOf, orgs, missing string
			}{
				{"2029-12-31", "kreftregisteret", "HEALTH_SERVICE,AUTHORITY,MUNICIPAL,INDUSTRY,USER_ORGANISATION,FUNDER"},
				{"2030-01-01", "kreftregisteret,nortrials", "AUTHORITY,MUNICIPAL,INDUSTRY,USER_ORGANISATION,FUNDER"},
			}
			for _, tt := range tests {
				var out struct{ PillarCoverage []coverage }
				c.mustQuery(`query($d: Date) { pillarCoverage(asOf: $d) { pillar { id } organisations { id } missingSectors } }`, map[string]any{"d": tt.asOf}, &out)
				p := byPillar(out.PillarCoverage, "tidlig-oppdagelse")
				if got := sortedIDList(p.Organisations); got != tt.orgs || strings.Join(p.MissingSectors, ",") != tt.missing {
					t.Errorf("on %s: %s missing %v; want %s missing %s", tt.asOf, got, p.MissingSectors, tt.orgs, tt.missing)
				}
			}
		})
	}
}

func TestAsOfLeavesOutParticipationsNotYetStarted(t *testing.T) {
	st := memtest.Seeded(t)
	ds := &ecosystem.Dataset{
		Nodes: []ecosystem.Node{&ecosystem.Project{Meta: ecosystem.Meta{ID: "future-project", Sources: []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}},
			Name: "Future", Status: ecosystem.ProjectOngoing}},
		Links: []ecosystem.Link{
			{From: "nscc", Type: ecosystem.RelParticipatesIn, To: "future-project", Props: &ecosystem.Participation{Role: "PARTNER", Status: "CONFIRMED", LinkFacts: ecosystem.LinkFacts{Since: ptrDate("2030-01-01")}}},
			{From: "stami", Type: ecosystem.RelParticipatesIn, To: "future-project", Props: &ecosystem.Participation{Role: "PARTNER", Status: "CONFIRMED", LinkFacts: ecosystem.LinkFacts{Since: ptrDate("2030-01-01")}}},
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
		c.mustQuery(`query($d: Date) { organisation(id: "stami") { centrality(asOf: $d, scope: {}) { degree } } }`, map[string]any{"d": asOf}, &out)
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
	st := neo4jtest.Seeded(t)
	c := newServer(t, st, nil, 0)
	without := func() []string {
		var out struct {
			NetworkGaps struct{ OrganisationsWithoutProjects []struct{ ID string } }
		}
		c.mustQuery(`{ networkGaps(scope: {}) { organisationsWithoutProjects { id } } }`, nil, &out)
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
	other := neo4jtest.Connect(t)
	newcomer := &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "newcomer", Sources: []ecosystem.Source{{Kind: ecosystem.SourceImport, Reference: "test"}}},
		Name: "Newcomer", Sector: ecosystem.SectorIndustry}
	if _, err := other.Apply(context.Background(), &ecosystem.Dataset{Nodes: []ecosystem.Node{newcomer}}); err != nil {
		t.Fatal(err)
	}
	if !contains(without(), "newcomer") {
		t.Error("the analytics cache was not rebuilt after another process wrote")
	}
}
