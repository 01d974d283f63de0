// What the lists hold, written out from the data: the seed's facts and
// the fixtures the list tests write through the API to add what the seed
// lacks.

package server_test

import (
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/seed"
)

// fact is what a test knows about one entity of a list: its name (or
// title), its dates and its numbers, by the names the orders use.
type fact struct {
	id, name string
	dates    map[string]string
	numbers  map[string]float64
}

// hubFacts holds the facts of every list: the seed's and the fixtures'.
type hubFacts map[string][]fact

// seedFacts reads the facts of the lists from the default dataset.
func seedFacts(t testing.TB) hubFacts {
	t.Helper()
	ds, err := seed.Default()
	if err != nil {
		t.Fatal(err)
	}
	projects := map[string]float64{}
	for _, l := range ds.Links {
		if l.Type == ecosystem.RelParticipatesIn {
			projects[l.From]++
		}
	}
	dates := func(kv ...any) map[string]string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			switch d := kv[i+1].(type) {
			case *ecosystem.Date:
				if d != nil {
					m[kv[i].(string)] = string(*d)
				}
			case ecosystem.Date:
				m[kv[i].(string)] = string(d)
			}
		}
		return m
	}
	budget := func(b *float64) map[string]float64 {
		if b == nil {
			return nil
		}
		return map[string]float64{"budget": *b}
	}
	h := hubFacts{}
	for _, n := range ds.Nodes {
		switch e := n.(type) {
		case *ecosystem.Organisation:
			h["organisations"] = append(h["organisations"], fact{id: e.ID, name: e.Name, numbers: map[string]float64{"projects": projects[e.ID]}})
		case *ecosystem.Person:
			h["people"] = append(h["people"], fact{id: e.ID, name: e.Name})
		case *ecosystem.Project:
			h["projects"] = append(h["projects"], fact{id: e.ID, name: e.Name, dates: dates("start", e.Start, "end", e.End)})
		case *ecosystem.Call:
			h["calls"] = append(h["calls"], fact{id: e.ID, name: e.Title, dates: dates("opens", e.Opens, "deadline", e.Deadline), numbers: budget(e.BudgetEur)})
		case *ecosystem.Programme:
			h["programmes"] = append(h["programmes"], fact{id: e.ID, name: e.Name, numbers: budget(e.BudgetEur)})
		case *ecosystem.Topic:
			h["topics"] = append(h["topics"], fact{id: e.ID, name: e.Title})
		case *ecosystem.Event:
			h["events"] = append(h["events"], fact{id: e.ID, name: e.Title, dates: dates("date", e.Date)})
		}
	}
	return h
}

// fixture is one write through the API that adds what the seed lacks
// (calls of every status, dated projects, names that test the collation,
// equal sort keys), with the facts it adds.
type fixture struct {
	doc string
	in  map[string]any
}

const (
	fxOrg = `mutation($in: OrganisationInput!) { upsertOrganisation(input: $in) { organisation { id } } }`
	fxPrj = `mutation($in: ProjectInput!) { upsertProject(input: $in) { project { id } } }`
	fxCal = `mutation($in: CallInput!) { upsertCall(input: $in) { call { id } } }`
	fxPrg = `mutation($in: ProgrammeInput!) { upsertProgramme(input: $in) { programme { id } } }`
	fxPar = `mutation($in: ParticipationInput!) { addParticipation(input: $in) { participation { role } } }`
)

// listFixtures are added to the seed for the read-only tables, in this
// order (calls before the projects that respond to them).
var listFixtures = []fixture{
	{fxOrg, map[string]any{"id": "fx-aerfugl", "name": "Ærfugl Helse AS", "sector": "INDUSTRY", "kinds": []string{"SME"}, "country": "NO"}},
	{fxOrg, map[string]any{"id": "fx-ostlandet", "name": "østlandets kreftnettverk", "sector": "USER_ORGANISATION", "kinds": []string{"NETWORK"},
		"country": "NO", "parent": "kreftforeningen", "pillars": []string{"tidlig-oppdagelse"}}},
	{fxOrg, map[string]any{"id": "fx-asane-2", "name": "Åsane helselag", "sector": "OTHER", "country": "NO"}},
	{fxOrg, map[string]any{"id": "fx-asane-1", "name": "ÅSANE HELSELAG", "sector": "OTHER", "country": "NO"}},
	{fxOrg, map[string]any{"id": "fx-aker", "name": "aker biomed", "sector": "INDUSTRY", "kinds": []string{"COMPANY"}, "country": "NO", "orgNumber": "912345678"}},
	{fxCal, map[string]any{"id": "fx-call-open", "title": "Åpen utlysning for forebygging", "identifier": "HORIZON-MISS-2099-01",
		"opens": "2020-01-01", "deadline": "2099-12-31", "budgetEur": 2e6, "programme": "mission-on-cancer", "pillars": []string{"forebygging"}}},
	{fxCal, map[string]any{"id": "fx-call-forthcoming", "title": "Zebra call for diagnostics", "opens": "2098-01-01", "deadline": "2098-06-30",
		"budgetEur": 2e6, "programme": "horizon-europe", "pillars": []string{"diagnose-og-behandling"}}},
	{fxCal, map[string]any{"id": "fx-call-closed", "title": "early detection call", "opens": "2021-02-01", "deadline": "2021-05-01",
		"programme": "mission-on-cancer", "pillars": []string{"tidlig-oppdagelse", "forebygging"}}},
	{fxCal, map[string]any{"id": "fx-call-rolling", "title": "Øresund cross-border call", "deadline": "2099-01-01", "budgetEur": 5e5, "programme": "eu4health"}},
	{fxPrj, map[string]any{"id": "fx-proj-orn", "name": "Ørnereir-studien", "status": "ONGOING", "start": "2022-01-01", "end": "2026-12-31",
		"acronym": "ORN", "code": "101096001", "programmes": []string{"mission-on-cancer"}, "pillars": []string{"forebygging"}, "calls": []string{"fx-call-closed"}}},
	{fxPrj, map[string]any{"id": "fx-proj-alesund", "name": "Ålesund screening", "status": "COMPLETED", "start": "2022-01-01", "end": "2023-06-30",
		"programmes": []string{"horizon-europe"}, "pillars": []string{"tidlig-oppdagelse"}}},
	{fxPrj, map[string]any{"id": "fx-proj-adolescent", "name": "adolescent survivorship", "status": "PROPOSAL", "start": "2027-01-01",
		"programmes": []string{"mission-on-cancer"}, "pillars": []string{"livskvalitet"}, "calls": []string{"fx-call-open"}}},
	{fxPrj, map[string]any{"id": "fx-proj-biobank", "name": "Biobank pilot", "status": "COMPLETED", "end": "2021-12-31"}},
	{fxPar, map[string]any{"organisationId": "kreftforeningen", "projectId": "fx-proj-orn", "role": "COORDINATOR"}},
	{fxPar, map[string]any{"organisationId": "kreftregisteret", "projectId": "fx-proj-alesund", "role": "COORDINATOR"}},
	{fxPar, map[string]any{"organisationId": "kreftregisteret", "projectId": "fx-proj-orn"}},
	{fxPar, map[string]any{"organisationId": "stami", "projectId": "fx-proj-orn"}},
	{fxPrg, map[string]any{"id": "fx-prog-tie", "name": "Ærlig helse", "budgetEur": 378e6, "parent": "eu4health"}},
}

// add records the facts a fixture adds.
func (h hubFacts) add(f fixture) {
	in := f.in
	str := func(k string) string { s, _ := in[k].(string); return s }
	dates := func(keys ...string) map[string]string {
		m := map[string]string{}
		for _, k := range keys {
			if s := str(k); s != "" {
				m[k] = s
			}
		}
		return m
	}
	budget := func() map[string]float64 {
		if b, ok := in["budgetEur"].(float64); ok {
			return map[string]float64{"budget": b}
		}
		return nil
	}
	switch f.doc {
	case fxOrg:
		h["organisations"] = append(h["organisations"], fact{id: str("id"), name: str("name"), numbers: map[string]float64{"projects": 0}})
	case fxPrj:
		h["projects"] = append(h["projects"], fact{id: str("id"), name: str("name"), dates: dates("start", "end")})
	case fxCal:
		h["calls"] = append(h["calls"], fact{id: str("id"), name: str("title"), dates: dates("opens", "deadline"), numbers: budget()})
	case fxPrg:
		h["programmes"] = append(h["programmes"], fact{id: str("id"), name: str("name"), numbers: budget()})
	case fxPar:
		for i, o := range h["organisations"] {
			if o.id == str("organisationId") {
				h["organisations"][i].numbers["projects"]++
			}
		}
	}
}

// listStore returns a server on a seeded store of the backend with the
// list fixtures written through the API, and the facts of its lists.
func listStore(t *testing.T, b testenv.Backend) (*client, hubFacts) {
	t.Helper()
	c := newServer(t, b.Seeded(t), nil, 0)
	facts := seedFacts(t)
	for _, f := range listFixtures {
		var out map[string]any
		c.as(editorToken).mustQuery(f.doc, map[string]any{"in": f.in}, &out)
		facts.add(f)
	}
	return c, facts
}
