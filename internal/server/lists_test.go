package server_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
	"github.com/cancermissionhub/hubgraph/seed"
)

// This file drives every list of the API through the real HTTP handler on
// every store: each filter alone and combined, and every orderBy option in
// both directions, walked page by page forward and backward. Expected
// answers come from the seed (seed/hub.yaml) and the fixtures below, never
// from the server: filter answers are written out from the data, orders
// are computed here with a collation of the test's own.

// norwegianRank gives each character its primary weight in Norwegian
// collation as the contract states it: whitespace, punctuation (in CLDR's
// order), digits, then a–z, æ, ø, å; case and accents do not count (é
// sorts with e, ü with y, ä with æ, ö with ø).
func norwegianRank(r rune) string {
	r = unicode.ToLower(r)
	if unicode.IsSpace(r) {
		return "\x01"
	}
	folded := map[rune]rune{'é': 'e', 'è': 'e', 'ê': 'e', 'á': 'a', 'à': 'a', 'í': 'i', 'ó': 'o', 'ô': 'o', 'ú': 'u', 'ü': 'y', 'ä': 'æ', 'ö': 'ø'}
	if f, ok := folded[r]; ok {
		r = f
	}
	const punctuation = "_-–,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
	switch {
	case strings.ContainsRune(punctuation, r):
		return fmt.Sprintf("\x02%02d", strings.IndexRune(punctuation, r))
	case r >= '0' && r <= '9':
		return "\x03" + string(r)
	case r >= 'a' && r <= 'z':
		return "\x04" + string(r)
	case r == 'æ':
		return "\x04{"
	case r == 'ø':
		return "\x04|"
	case r == 'å':
		return "\x04}"
	}
	return "\x05" + string(r)
}

// collationKey returns a string whose byte order is the Norwegian order
// of s, case-insensitively.
func collationKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(norwegianRank(r))
	}
	return b.String()
}

func TestCollationKeyOrdersNorwegianLetters(t *testing.T) {
	want := []string{"aker biomed", "Akershus", "Helse Møre", "Helse- og", "Helsedirektoratet", "Nærings", "zebra", "Ærfugl", "Ørnereir", "østlandet", "Åsane"}
	got := append([]string(nil), want...)
	sort.Slice(got, func(i, j int) bool { return collationKey(got[i]) < collationKey(got[j]) })
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("order %q, want %q", got, want)
	}
	if collationKey("ÅSANE HELSELAG") != collationKey("Åsane helselag") {
		t.Errorf("case counts in the key")
	}
}

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

// listDoc is a query for one page of a list, with its filter and order.
func listDoc(field, filterType, orderType string) string {
	params, args := "$filter: "+filterType, "filter: $filter"
	if orderType != "" {
		params, args = params+", $orderBy: "+orderType, args+", orderBy: $orderBy"
	}
	return fmt.Sprintf(`query(%s, $first: Int, $after: String, $last: Int, $before: String) {
	  list: %s(%s, first: $first, after: $after, last: $last, before: $before) {
	    totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, params, field, args)
}

// lists names each list's query types.
var lists = map[string]struct{ filter, order string }{
	"organisations": {"OrganisationFilter", "OrganisationOrder"},
	"people":        {"PersonFilter", ""},
	"projects":      {"ProjectFilter", "ProjectOrder"},
	"calls":         {"CallFilter", "CallOrder"},
	"programmes":    {"ProgrammeFilter", "ProgrammeOrder"},
	"topics":        {"TopicFilter", ""},
	"events":        {"EventFilter", "EventOrder"},
}

type listPage struct {
	List struct {
		TotalCount int
		Edges      []struct {
			Cursor string
			Node   struct{ ID string }
		}
		PageInfo struct {
			HasNextPage, HasPreviousPage bool
			StartCursor, EndCursor       *string
		}
	}
}

// walk fetches a whole list page by page, forward (first/after) or
// backward (last/before), and returns the ids in list order. Between
// pages it calls between (when not nil) with the ids fetched so far and
// the cursor it is about to continue from.
func walk(t *testing.T, c *client, doc string, vars map[string]any, size int, backward bool, between func(page int, seen []string)) []string {
	t.Helper()
	var ids []string
	cursor := ""
	for page := 0; ; page++ {
		if page > 200 {
			t.Fatalf("paging does not end: %d pages", page)
		}
		v := map[string]any{}
		for k, x := range vars {
			v[k] = x
		}
		if backward {
			v["last"] = size
			if cursor != "" {
				v["before"] = cursor
			}
		} else {
			v["first"] = size
			if cursor != "" {
				v["after"] = cursor
			}
		}
		var out listPage
		c.mustQuery(doc, v, &out)
		l := out.List
		if len(l.Edges) > size {
			t.Fatalf("page %d has %d edges, asked for %d", page, len(l.Edges), size)
		}
		var got []string
		for _, e := range l.Edges {
			got = append(got, e.Node.ID)
		}
		if n := len(l.Edges); n > 0 && (l.PageInfo.StartCursor == nil || *l.PageInfo.StartCursor != l.Edges[0].Cursor ||
			l.PageInfo.EndCursor == nil || *l.PageInfo.EndCursor != l.Edges[n-1].Cursor) {
			t.Errorf("page %d: pageInfo cursors %v %v are not those of its first and last edges", page, l.PageInfo.StartCursor, l.PageInfo.EndCursor)
		}
		more := l.PageInfo.HasNextPage
		if backward {
			ids = append(got, ids...)
			more = l.PageInfo.HasPreviousPage
			if l.PageInfo.StartCursor != nil {
				cursor = *l.PageInfo.StartCursor
			}
		} else {
			ids = append(ids, got...)
			if l.PageInfo.EndCursor != nil {
				cursor = *l.PageInfo.EndCursor
			}
		}
		if !more {
			return ids
		}
		if len(l.Edges) == 0 {
			t.Fatalf("page %d is empty but says there is more", page)
		}
		if between != nil {
			between(page, ids)
		}
	}
}

// orderKey is how the test computes one order: the key of a fact and
// whether it is a number.
type orderKey struct {
	numeric bool
	text    func(fact) string
	number  func(fact) float64
}

func byName() orderKey { return orderKey{text: func(f fact) string { return collationKey(f.name) }} }

// byDate sorts by a date; an absent date sorts first (ascending).
func byDate(k string) orderKey { return orderKey{text: func(f fact) string { return f.dates[k] }} }

// byNumber sorts by a number; an absent number sorts first (ascending).
func byNumber(k string) orderKey {
	return orderKey{numeric: true, number: func(f fact) float64 {
		if v, ok := f.numbers[k]; ok {
			return v
		}
		return -1
	}}
}

// sortedIDs returns the ids of facts in order: the key in the direction
// asked, ties by id ascending.
func sortedIDs(facts []fact, k orderKey, desc bool) []string {
	fs := append([]fact(nil), facts...)
	sort.SliceStable(fs, func(i, j int) bool {
		c := 0
		if k.numeric {
			a, b := k.number(fs[i]), k.number(fs[j])
			if a < b {
				c = -1
			} else if a > b {
				c = 1
			}
		} else {
			c = strings.Compare(k.text(fs[i]), k.text(fs[j]))
		}
		if desc {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
		return fs[i].id < fs[j].id
	})
	ids := make([]string, len(fs))
	for i, f := range fs {
		ids[i] = f.id
	}
	return ids
}

// orderCases lists every orderBy option of every list.
var orderCases = []struct {
	list, field string
	key         orderKey
}{
	{"organisations", "NAME", byName()},
	{"organisations", "PROJECT_COUNT", byNumber("projects")},
	{"projects", "NAME", byName()},
	{"projects", "START", byDate("start")},
	{"projects", "END", byDate("end")},
	{"calls", "NAME", byName()},
	{"calls", "OPENS", byDate("opens")},
	{"calls", "DEADLINE", byDate("deadline")},
	{"calls", "BUDGET", byNumber("budget")},
	{"programmes", "NAME", byName()},
	{"programmes", "BUDGET", byNumber("budget")},
	{"events", "DATE", byDate("date")},
	// events by NAME: TestEventsOrderByTitle.
}

// defaultOrders are the orders of lists given no orderBy.
var defaultOrders = []struct {
	list string
	key  orderKey
}{
	{"organisations", byName()},
	{"people", byName()},
	{"projects", byName()},
	{"calls", byName()},
	{"programmes", byName()},
	{"topics", byName()},
	{"events", byDate("date")},
}

// filterCases are the filters of every list, alone and combined, with the
// ids each must return, read off seed/hub.yaml and the fixtures above.
var filterCases = []struct {
	list   string
	filter map[string]any
	want   []string
}{
	// Organisations.
	{"organisations", map[string]any{"search": "oslo"}, []string{"oslo-cancer-cluster", "oslo-universitetssykehus", "ous-comprehensive-cancer-centre"}},
	{"organisations", map[string]any{"search": "TROMSØ"}, []string{"uit", "uit-medisinsk-fakultet"}},
	{"organisations", map[string]any{"search": "951812528"}, []string{"kreftforeningen"}},
	{"organisations", map[string]any{"sector": "FUNDER"}, []string{"forskningsradet", "kavli-stiftelsen", "dam-stiftelsen", "anton-stiftelsen"}},
	{"organisations", map[string]any{"kind": "CLUSTER"}, []string{"oslo-cancer-cluster", "norway-health-tech", "nscc"}},
	{"organisations", map[string]any{"kind": "FACULTY"}, []string{"uit-medisinsk-fakultet", "uib-medisinsk-fakultet"}},
	{"organisations", map[string]any{"country": "DK"}, []string{"ung-kraeft", "kraeftens-bekaempelse", "rigshospitalet"}},
	{"organisations", map[string]any{"country": "IS"}, []string{"krabbameinsfelag-islands"}},
	{"organisations", map[string]any{"pillar": "livskvalitet"}, []string{"kreftforeningen", "nscc", "ung-kreft"}},
	{"organisations", map[string]any{"pillar": "tidlig-oppdagelse"}, []string{"kreftregisteret", "fx-ostlandet"}},
	{"organisations", map[string]any{"memberOf": "cancer-mission-hub-norway"}, []string{"forskningsradet", "kreftforeningen", "oslo-cancer-cluster",
		"helsedirektoratet", "folkehelseinstituttet", "kreftregisteret", "ks", "sintef", "rhf-strategigruppe-forskning", "ous-comprehensive-cancer-centre",
		"stami", "uit-medisinsk-fakultet", "uib-medisinsk-fakultet", "norway-health-tech", "nasjonalt-senter-for-e-helseforskning"}},
	{"organisations", map[string]any{"parent": "folkehelseinstituttet"}, []string{"kreftregisteret"}},
	{"organisations", map[string]any{"parent": "kreftforeningen"}, []string{"fx-ostlandet"}},
	{"organisations", map[string]any{"parent": "uit"}, []string{"uit-medisinsk-fakultet"}},
	{"organisations", map[string]any{"orgNumber": "948007029"}, []string{"sintef"}},
	{"organisations", map[string]any{"orgNumber": "912345678"}, []string{"fx-aker"}},
	{"organisations", map[string]any{"orgNumber": "000000000"}, nil},
	{"organisations", map[string]any{"sector": "HEALTH_SERVICE", "country": "DK"}, []string{"rigshospitalet"}},
	{"organisations", map[string]any{"memberOf": "cancer-mission-hub-norway", "sector": "RESEARCH"}, []string{"kreftregisteret", "sintef", "stami",
		"uit-medisinsk-fakultet", "uib-medisinsk-fakultet", "nasjonalt-senter-for-e-helseforskning"}},
	{"organisations", map[string]any{"pillar": "livskvalitet", "kind": "PATIENT_ORGANISATION"}, []string{"kreftforeningen", "ung-kreft"}},
	{"organisations", map[string]any{"search": "kreft", "country": "NO", "kind": "NGO"}, []string{"kreftforeningen", "ung-kreft"}},
	{"organisations", map[string]any{"search": "universitet", "kind": "HOSPITAL"}, []string{"oslo-universitetssykehus", "akershus-universitetssykehus",
		"universitetssykehuset-nord-norge"}},
	{"organisations", map[string]any{"pillar": "forebygging", "memberOf": "cancer-mission-hub-norway", "sector": "RESEARCH"}, []string{"stami"}},
	{"organisations", map[string]any{"parent": "uib", "kind": "UNIVERSITY"}, nil},
	// People.
	{"people", map[string]any{"search": "øritsland"}, []string{"kari-oritsland"}},
	{"people", map[string]any{"organisation": "stami"}, []string{"karl-christian-nordby", "shan-nauri"}},
	{"people", map[string]any{"organisation": "ks"}, []string{"hedda-barvik-eilertsen", "thea-forsberg"}},
	{"people", map[string]any{"organisation": "kreftforeningen", "search": "ole"}, []string{"ole-alexander-opdalshei"}},
	// Projects.
	{"projects", map[string]any{"search": "myp"}, []string{"mypath"}},
	{"projects", map[string]any{"search": "101096001"}, []string{"fx-proj-orn"}},
	{"projects", map[string]any{"search": "pakkeforløp"}, []string{"cancer-pathway-home-proposal"}},
	{"projects", map[string]any{"search": "LIVING"}, []string{"leve-bedre-med-kreft"}},
	{"projects", map[string]any{"pillar": "livskvalitet"}, []string{"cancer-pathway-home-proposal", "leve-bedre-med-kreft", "mypath", "fx-proj-adolescent"}},
	{"projects", map[string]any{"pillar": "forebygging"}, []string{"fx-proj-orn"}},
	{"projects", map[string]any{"status": "ONGOING"}, []string{"leve-bedre-med-kreft", "mypath", "fx-proj-orn"}},
	{"projects", map[string]any{"status": "COMPLETED"}, []string{"fx-proj-alesund", "fx-proj-biobank"}},
	{"projects", map[string]any{"status": "PROPOSAL"}, []string{"cancer-pathway-home-proposal", "fx-proj-adolescent"}},
	{"projects", map[string]any{"status": "REJECTED"}, nil},
	{"projects", map[string]any{"partner": "kreftforeningen"}, []string{"cancer-pathway-home-proposal", "leve-bedre-med-kreft", "fx-proj-orn"}},
	{"projects", map[string]any{"partner": "dnv-imatis"}, []string{"mypath"}},
	{"projects", map[string]any{"call": "eu4health-mental-health-cancer-call"}, []string{"cancer-pathway-home-proposal"}},
	{"projects", map[string]any{"call": "fx-call-open"}, []string{"fx-proj-adolescent"}},
	{"projects", map[string]any{"programme": "eu4health"}, []string{"cancer-pathway-home-proposal"}},
	{"projects", map[string]any{"programme": "mission-on-cancer"}, []string{"fx-proj-orn", "fx-proj-adolescent"}},
	{"projects", map[string]any{"activeOn": "2022-06-01"}, []string{"cancer-pathway-home-proposal", "leve-bedre-med-kreft", "mypath", "fx-proj-orn", "fx-proj-alesund"}},
	{"projects", map[string]any{"activeOn": "2021-06-01"}, []string{"cancer-pathway-home-proposal", "leve-bedre-med-kreft", "mypath", "fx-proj-biobank"}},
	{"projects", map[string]any{"activeOn": "2022-01-01"}, []string{"cancer-pathway-home-proposal", "leve-bedre-med-kreft", "mypath", "fx-proj-orn", "fx-proj-alesund"}},
	{"projects", map[string]any{"status": "ONGOING", "pillar": "livskvalitet"}, []string{"leve-bedre-med-kreft", "mypath"}},
	{"projects", map[string]any{"partner": "kreftregisteret", "activeOn": "2024-01-01"}, []string{"fx-proj-orn"}},
	{"projects", map[string]any{"call": "fx-call-closed", "partner": "stami"}, []string{"fx-proj-orn"}},
	{"projects", map[string]any{"programme": "mission-on-cancer", "status": "PROPOSAL", "search": "survivor"}, []string{"fx-proj-adolescent"}},
	// Calls.
	{"calls", map[string]any{"search": "call"}, []string{"fx-call-forthcoming", "fx-call-closed", "fx-call-rolling"}},
	{"calls", map[string]any{"search": "horizon-miss"}, []string{"fx-call-open"}},
	{"calls", map[string]any{"search": "MENTAL"}, []string{"eu4health-mental-health-cancer-call"}},
	// A call is OPEN only with both dates known: the rolling call has no
	// opening date, the EU4Health call neither.
	{"calls", map[string]any{"status": "OPEN"}, []string{"fx-call-open"}},
	{"calls", map[string]any{"status": "UNKNOWN"}, []string{"fx-call-rolling"}},
	{"calls", map[string]any{"status": "FORTHCOMING"}, []string{"fx-call-forthcoming"}},
	{"calls", map[string]any{"status": "CLOSED"}, []string{"eu4health-mental-health-cancer-call", "fx-call-closed"}},
	{"calls", map[string]any{"openOn": "2021-03-01"}, []string{"fx-call-open", "fx-call-closed"}},
	{"calls", map[string]any{"openOn": "2023-10-17"}, []string{"fx-call-open"}},
	{"calls", map[string]any{"openOn": "2023-10-18"}, []string{"fx-call-open"}},
	{"calls", map[string]any{"openOn": "2098-01-01"}, []string{"fx-call-open", "fx-call-forthcoming"}},
	{"calls", map[string]any{"openOn": "2019-12-31"}, nil},
	{"calls", map[string]any{"programme": "mission-on-cancer"}, []string{"fx-call-open", "fx-call-closed"}},
	{"calls", map[string]any{"programme": "eu4health"}, []string{"eu4health-mental-health-cancer-call", "fx-call-rolling"}},
	{"calls", map[string]any{"pillar": "forebygging"}, []string{"fx-call-open", "fx-call-closed"}},
	{"calls", map[string]any{"pillar": "livskvalitet"}, []string{"eu4health-mental-health-cancer-call"}},
	{"calls", map[string]any{"programme": "mission-on-cancer", "status": "OPEN"}, []string{"fx-call-open"}},
	{"calls", map[string]any{"pillar": "forebygging", "openOn": "2021-03-01"}, []string{"fx-call-open", "fx-call-closed"}},
	{"calls", map[string]any{"search": "call", "programme": "eu4health"}, []string{"fx-call-rolling"}},
	{"calls", map[string]any{"status": "CLOSED", "openOn": "2021-03-01", "pillar": "tidlig-oppdagelse"}, []string{"fx-call-closed"}},
	// Programmes.
	{"programmes", map[string]any{"search": "eu4"}, []string{"eu4health"}},
	{"programmes", map[string]any{"search": "ebcp"}, []string{"europes-beating-cancer-plan"}},
	{"programmes", map[string]any{"parent": "horizon-europe"}, []string{"mission-on-cancer", "ihi", "thcs", "era-permed"}},
	{"programmes", map[string]any{"pillar": "diagnose-og-behandling"}, []string{"europes-beating-cancer-plan", "mission-on-cancer", "eu4health", "eu4health-kreft", "transcan-3"}},
	{"programmes", map[string]any{"parent": "eu4health", "pillar": "forebygging"}, []string{"eu4health-sykdomsforebygging", "eu4health-kreft"}},
	// Topics.
	{"topics", map[string]any{"search": "mental health"}, []string{"topic-mental-health-and-cancer"}},
	{"topics", map[string]any{"search": "radiotherapy"}, nil},
	// Events.
	{"events", map[string]any{"search": "søknadsfrist"}, []string{"eu4health-mental-health-deadline", "soknadsfrist-dam-stiftelsen"}},
	{"events", map[string]any{"kind": "MEETING"}, []string{"mote-kavli-stiftelsen", "mote-anton-stiftelsen"}},
	{"events", map[string]any{"organisation": "helsedirektoratet"}, []string{"pakkeforlop-hjem-oppdrag", "nasjonal-kreftstrategi-2018-2022",
		"pakkeforlop-hjem-presisering", "pakkeforlop-hjem-horing", "pakkeforlop-hjem-utrulling", "pakkeforlop-hjem-nasjonal-plan"}},
	{"events", map[string]any{"from": "2023-10-17", "to": "2023-11-15"}, []string{"eu4health-mental-health-deadline", "mote-kavli-stiftelsen",
		"laeringsnettverk-lillestrom", "soknadsfrist-dam-stiftelsen"}},
	{"events", map[string]any{"kind": "DEADLINE", "organisation": "dam-stiftelsen"}, []string{"soknadsfrist-dam-stiftelsen"}},
	{"events", map[string]any{"organisation": "helsedirektoratet", "from": "2022-01-01"}, []string{"pakkeforlop-hjem-utrulling", "pakkeforlop-hjem-nasjonal-plan"}},
}

// TestListsThroughHTTP checks every filter and every order of every list
// through the real handler, on every store.
func TestListsThroughHTTP(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			c, facts := listStore(t, b)
			t.Run("filters", func(t *testing.T) {
				for _, tt := range filterCases {
					t.Run(fmt.Sprintf("%s %v", tt.list, tt.filter), func(t *testing.T) {
						l := lists[tt.list]
						// The default order is by name (events: by date), so
						// the answer is the wanted set in that order.
						key := byName()
						if tt.list == "events" {
							key = byDate("date")
						}
						var wanted []fact
						for _, f := range facts[tt.list] {
							for _, id := range tt.want {
								if f.id == id {
									wanted = append(wanted, f)
								}
							}
						}
						if len(wanted) != len(tt.want) {
							t.Fatalf("the test wants ids that are not in the data: %v", tt.want)
						}
						want := sortedIDs(wanted, key, false)
						var out listPage
						c.on(t).mustQuery(listDoc(tt.list, l.filter, l.order), map[string]any{"filter": tt.filter, "first": 100}, &out)
						var got []string
						for _, e := range out.List.Edges {
							got = append(got, e.Node.ID)
						}
						if strings.Join(got, " ") != strings.Join(want, " ") {
							t.Errorf("got  %v\nwant %v", got, want)
						}
						if out.List.TotalCount != len(want) {
							t.Errorf("totalCount %d, want %d", out.List.TotalCount, len(want))
						}
					})
				}
			})
			t.Run("orders", func(t *testing.T) {
				for _, tt := range orderCases {
					for _, desc := range []bool{false, true} {
						dir := map[bool]string{false: "ASC", true: "DESC"}[desc]
						t.Run(tt.list+" "+tt.field+" "+dir, func(t *testing.T) {
							l := lists[tt.list]
							want := sortedIDs(facts[tt.list], tt.key, desc)
							vars := map[string]any{"orderBy": map[string]any{"field": tt.field, "direction": dir}}
							checkWalks(t, c.on(t), listDoc(tt.list, l.filter, l.order), vars, want)
						})
					}
				}
				for _, tt := range defaultOrders {
					t.Run(tt.list+" by default", func(t *testing.T) {
						l := lists[tt.list]
						checkWalks(t, c.on(t), listDoc(tt.list, l.filter, l.order), nil, sortedIDs(facts[tt.list], tt.key, false))
					})
				}
			})
		})
	}
}

// checkWalks walks a list forward and backward in pages of a size that
// gives about four pages, and checks both against want, and totalCount.
func checkWalks(t *testing.T, c *client, doc string, vars map[string]any, want []string) {
	t.Helper()
	size := max(1, (len(want)+3)/4)
	for _, backward := range []bool{false, true} {
		got := walk(t, c, doc, vars, size, backward, nil)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("backward=%v, pages of %d:\ngot  %v\nwant %v", backward, size, got, want)
		}
	}
	var out listPage
	c.mustQuery(doc, vars, &out)
	if out.List.TotalCount != len(want) {
		t.Errorf("totalCount %d, want %d", out.List.TotalCount, len(want))
	}
}
