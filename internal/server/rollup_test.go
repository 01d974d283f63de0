package server_test

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/importer"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// rcnRows returns, from the Research Council's file and apart from the
// importer, the rows of one organisation number: how many, how many as
// coordinator, and the summed EU contribution.
func rcnRows(t *testing.T, number string) (rows, coordinations int, eur float64) {
	t.Helper()
	f, err := os.Open(testenv.RCNFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = ';', true, -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	for _, rec := range recs[1:] {
		if len(rec) != len(recs[0]) || rec[col["Organisasjonsnummer"]] != number {
			continue
		}
		rows++
		if rec[col["Organisasjon rolle"]] == "COORDINATOR" {
			coordinations++
		}
		v, err := strconv.ParseFloat(rec[col["Innvilget beløp organisasjon EUR"]], 64)
		if err != nil {
			t.Fatalf("amount %q: %v", rec[col["Innvilget beløp organisasjon EUR"]], err)
		}
		eur += v
	}
	return rows, coordinations, eur
}

// TestRollUpAnswersAtHubLevel asks, over the seed and the Research
// Council's file, for the work of hub partners that are units (OUS's
// cancer centre, the medical faculties of UiB and UiT) and of Stiftelsen
// SINTEF, whose companies the group file places under it: by default
// (LEGAL_ENTITY) a unit answers through its legal entity and the
// foundation with its companies, so that hub partners share projects at
// hub level; with NONE each answers for itself alone, as before.
func TestRollUpAnswersAtHubLevel(t *testing.T) {
	rows, coordinations, eur := rcnRows(t, "993467049")
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
			c := newServer(t, st, nil, 0)
			type count struct{ TotalCount int }
			type total struct {
				Participations, Coordinations, Projects int
				ContributionEur                         float64
			}
			type org struct {
				Own, Default, Units count
				Collaborators       count
				Participations      struct {
					Edges []struct {
						Node struct{ Organisation struct{ ID string } }
					}
				}
				Figures struct {
					Total       total
					ByProgramme []struct {
						Programme struct{ ID string }
						total
					}
					ByYear []struct{ Year, Participations int }
				}
			}
			var out struct {
				CCC, OUS, UiBMed, UiB, UiTMed, UiT, Sintef, SintefOcean org
				Units                                                   struct {
					Units struct {
						Edges []struct {
							Node struct {
								ID  string
								Own count
							}
						}
					}
				}
				Faculties, FacultiesAlone, OUSSintef, OUSSintefAlone count
				Gaps, GapsUnits                                      struct {
					Brokers []struct{ Organisation struct{ ID string } }
				}
				CCCCentrality struct {
					Centrality struct {
						Organisation struct{ ID string }
						Degree       int
					}
				}
				BySector, ByOrganisation, ByLegalEntity, TopProgrammes []struct {
					Label        string
					Organisation *struct{ ID string }
					total
				}
				Coverage []struct {
					Pillar        struct{ ID string }
					Organisations []struct{ ID string }
				}
			}
			q := `fragment f on Organisation {
			  own: participations(rollUp: NONE) { totalCount }
			  default: participations { totalCount }
			  units: participations(rollUp: UNITS) { totalCount }
			  collaborators { totalCount }
			  participations(first: 100) { edges { node { organisation { id } } } }
			  figures(rollUp: NONE) {
			    total { participations coordinations projects contributionEur }
			    byProgramme { programme { id } participations coordinations projects contributionEur }
			    byYear { year participations }
			  }
			}
			{
			  ccc: organisation(id: "ous-comprehensive-cancer-centre") { ...f }
			  ous: organisation(id: "oslo-universitetssykehus") { ...f }
			  uibMed: organisation(id: "uib-medisinsk-fakultet") { ...f }
			  uib: organisation(id: "uib") { ...f }
			  uitMed: organisation(id: "uit-medisinsk-fakultet") { ...f }
			  uit: organisation(id: "uit") { ...f }
			  sintef: organisation(id: "sintef") { ...f }
			  sintefOcean: organisation(id: "sintef-ocean-as") { ...f }
			  units: organisation(id: "sintef") { units(first: 100) { edges { node { id own: participations(rollUp: NONE) { totalCount } } } } }
			  faculties: sharedProjects(organisationIds: ["uib-medisinsk-fakultet", "uit-medisinsk-fakultet"]) { totalCount }
			  facultiesAlone: sharedProjects(organisationIds: ["uib-medisinsk-fakultet", "uit-medisinsk-fakultet"], rollUp: NONE) { totalCount }
			  ousSintef: sharedProjects(organisationIds: ["ous-comprehensive-cancer-centre", "sintef"]) { totalCount }
			  bySector: participationTotals(by: SECTOR) { label participations coordinations projects contributionEur }
			  byOrganisation: participationTotals(by: ORGANISATION, rollUp: NONE) { label organisation { id } participations coordinations projects contributionEur }
			  byLegalEntity: participationTotals(by: ORGANISATION) { label organisation { id } participations contributionEur }
			  topProgrammes: participationTotals(by: PROGRAMME, orderBy: {field: PARTICIPATIONS, direction: DESC}, first: 3) { label participations }
			  gaps: networkGaps(scope: {}) { brokers { organisation { id } } }
			  gapsUnits: networkGaps(scope: {}, rollUp: UNITS) { brokers { organisation { id } } }
			  cccCentrality: organisation(id: "ous-comprehensive-cancer-centre") { centrality(scope: {}, rollUp: LEGAL_ENTITY) { organisation { id } degree } }
			  coverage: pillarCoverage(rollUp: LEGAL_ENTITY) { pillar { id } organisations { id } }
			  ousSintefAlone: sharedProjects(organisationIds: ["ous-comprehensive-cancer-centre", "sintef"], rollUp: NONE) { totalCount }
			}`
			c.mustQuery(q, nil, &out)

			// Units that sign no contracts answer through their legal entity.
			for _, u := range []struct {
				name         string
				unit, entity org
			}{{"OUS CCC", out.CCC, out.OUS}, {"UiB's medical faculty", out.UiBMed, out.UiB}, {"UiT's health faculty", out.UiTMed, out.UiT}} {
				if u.unit.Own.TotalCount != 0 || u.unit.Default.TotalCount == 0 || u.unit.Default.TotalCount != u.entity.Default.TotalCount {
					t.Errorf("%s: %d participations of its own, %d by default; want none of its own and its legal entity's %d",
						u.name, u.unit.Own.TotalCount, u.unit.Default.TotalCount, u.entity.Default.TotalCount)
				}
				if u.unit.Collaborators.TotalCount == 0 || u.unit.Collaborators.TotalCount != u.entity.Collaborators.TotalCount {
					t.Errorf("%s: %d collaborators by default; want its legal entity's %d", u.name, u.unit.Collaborators.TotalCount, u.entity.Collaborators.TotalCount)
				}
			}
			for _, e := range out.CCC.Participations.Edges {
				if id := e.Node.Organisation.ID; id != "oslo-universitetssykehus" && id != "ous-comprehensive-cancer-centre" {
					t.Errorf("OUS CCC lists a participation of %s, outside OUS", id)
				}
			}

			// Stiftelsen SINTEF counts with its companies, each placed by the group file.
			sum := out.Sintef.Own.TotalCount
			companies := 0
			for _, u := range out.Units.Units.Edges {
				sum += u.Node.Own.TotalCount
				companies++
			}
			if companies < 7 || out.Sintef.Default.TotalCount != sum || out.Sintef.Units.TotalCount != sum || sum <= out.Sintef.Own.TotalCount {
				t.Errorf("Stiftelsen SINTEF: %d companies, %d participations by default, %d with its units, %d of its own; want at least 7 companies and their sum with its own, %d",
					companies, out.Sintef.Default.TotalCount, out.Sintef.Units.TotalCount, out.Sintef.Own.TotalCount, sum)
			}
			if out.SintefOcean.Default.TotalCount != out.SintefOcean.Own.TotalCount {
				t.Errorf("SINTEF Ocean AS signs its own contracts: %d participations by default, want its own %d", out.SintefOcean.Default.TotalCount, out.SintefOcean.Own.TotalCount)
			}
			parents, err := st.Neighbours(context.Background(), ecosystem.OrganisationParent, []string{"sintef-ocean-as"})
			if err != nil || len(parents["sintef-ocean-as"]) != 1 || parents["sintef-ocean-as"][0].Node.NodeMeta().ID != "sintef" {
				t.Fatalf("SINTEF Ocean AS's parent: %v, %v; want Stiftelsen SINTEF", parents, err)
			}
			if src := parents["sintef-ocean-as"][0].Facts().Sources; len(src) == 0 || src[0].Reference != "groups.csv" {
				t.Errorf("SINTEF Ocean AS's unit link cites %+v; want groups.csv", src)
			}

			// Which hub partners share projects: at hub level, by default.
			// The file has UiB and UiT in 8 projects together, OUS and
			// SINTEF in one.
			if out.FacultiesAlone.TotalCount != 0 || out.Faculties.TotalCount != 8 || out.OUSSintefAlone.TotalCount != 0 || out.OUSSintef.TotalCount != 1 {
				t.Errorf("projects shared by the medical faculties of UiB and UiT: %d alone, %d by default; by OUS CCC and SINTEF: %d alone, %d by default; want 0, 8, 0, 1",
					out.FacultiesAlone.TotalCount, out.Faculties.TotalCount, out.OUSSintefAlone.TotalCount, out.OUSSintef.TotalCount)
			}

			// The network merges what a roll-up joins: under UNITS SINTEF's
			// companies are one broker, the foundation; under LEGAL_ENTITY
			// OUS CCC is OUS, in the network and in the coverage of pillars.
			brokers := func(g []struct{ Organisation struct{ ID string } }) map[string]bool {
				out := map[string]bool{}
				for _, b := range g {
					out[b.Organisation.ID] = true
				}
				return out
			}
			none, units := brokers(out.Gaps.Brokers), brokers(out.GapsUnits.Brokers)
			if !none["sintef-as"] || units["sintef-as"] || units["sintef-ocean-as"] || units["sintef-energi-as"] || !units["sintef"] {
				t.Errorf("brokers %v alone, %v with units; want SINTEF AS among the first, Stiftelsen SINTEF in its companies' place in the second", none, units)
			}
			if cc := out.CCCCentrality.Centrality; cc.Organisation.ID != "oslo-universitetssykehus" || cc.Degree == 0 {
				t.Errorf("OUS CCC's centrality under LEGAL_ENTITY: %+v; want OUS's, with collaborators", cc)
			}
			for _, p := range out.Coverage {
				ous := false
				for _, o := range p.Organisations {
					if o.ID == "ous-comprehensive-cancer-centre" || o.ID == "kreftregisteret" {
						t.Errorf("%s is covered by %s apart from its legal entity", p.Pillar.ID, o.ID)
					}
					ous = ous || o.ID == "oslo-universitetssykehus"
				}
				if p.Pillar.ID == "diagnose-og-behandling" && !ous {
					t.Errorf("diagnose-og-behandling, which OUS CCC covers, is not covered by OUS under LEGAL_ENTITY")
				}
			}

			// OUS's figures: its rows in the file (Horizon 2020), and the
			// seed's EU4Health proposal, which states no contribution.
			var h2020 *total
			for i, p := range out.OUS.Figures.ByProgramme {
				if p.Programme.ID == "h2020-h2020" {
					h2020 = &out.OUS.Figures.ByProgramme[i].total
				}
			}
			got := out.OUS.Figures.Total
			if h2020 == nil || h2020.Participations != rows || h2020.Coordinations != coordinations || math.Abs(h2020.ContributionEur-eur) > 0.01 ||
				got.Participations != rows+1 || math.Abs(got.ContributionEur-eur) > 0.01 {
				t.Errorf("OUS's figures: %+v in all, %+v under Horizon 2020; the file has %d rows, %d as coordinator, %.2f EUR, and the seed one proposal",
					got, h2020, rows, coordinations, eur)
			}
			years := 0
			for _, y := range out.OUS.Figures.ByYear {
				years += y.Participations
			}
			if years != rows {
				t.Errorf("OUS's participations by year add up to %d, want its %d dated ones", years, rows)
			}
			// Totals: every participation once per sector and per
			// organisation, merged or not; OUS's row is its figures.
			added := func(rows []struct {
				Label        string
				Organisation *struct{ ID string }
				total
			}) (n int) {
				for _, r := range rows {
					n += r.Participations
				}
				return n
			}
			all := added(out.BySector)
			if all < 2900 || added(out.ByOrganisation) != all || added(out.ByLegalEntity) != all {
				t.Errorf("participations: %d by sector, %d by organisation, %d by legal entity; want the same, at least the file's", all, added(out.ByOrganisation), added(out.ByLegalEntity))
			}
			for _, r := range out.ByOrganisation {
				if r.Organisation != nil && r.Organisation.ID == "oslo-universitetssykehus" && r.total != out.OUS.Figures.Total {
					t.Errorf("OUS's row of the totals %+v, its figures %+v", r.total, out.OUS.Figures.Total)
				}
			}
			for _, r := range out.ByLegalEntity {
				if r.Organisation == nil || r.Organisation.ID == "ous-comprehensive-cancer-centre" || r.Organisation.ID == "kreftregisteret" {
					t.Errorf("a row of the totals by legal entity for %+v", r.Organisation)
				}
			}
			if len(out.TopProgrammes) != 3 || out.TopProgrammes[0].Label != "Horizon 2020" || out.TopProgrammes[1].Participations < out.TopProgrammes[2].Participations {
				t.Errorf("the top 3 programmes by participations: %+v; want Horizon 2020 first, then the largest", out.TopProgrammes)
			}

			t.Logf("OUS CCC: %d participations alone, %d by default (%d collaborators); Stiftelsen SINTEF: %d alone, %d by default; OUS: %d rows, %.2f EUR",
				out.CCC.Own.TotalCount, out.CCC.Default.TotalCount, out.CCC.Collaborators.TotalCount, out.Sintef.Own.TotalCount, out.Sintef.Default.TotalCount, rows, eur)
		})
	}
}
