package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// This file drives every list of the API through the real HTTP handler on
// every store: each filter alone and combined, and every orderBy option in
// both directions, walked page by page forward and backward. Expected
// answers come from the seed (seed/hub.yaml) and the fixtures
// (listdata_test.go), never from the server: filter answers are written
// out from the data, orders are computed with a collation of the test's
// own (collation_test.go).

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
	{"projects", map[string]any{"status": "ONGOING"}, []string{"leve-bedre-med-kreft", "mypath", "utproving-implementering-kreftomsorg", "fx-proj-orn"}},
	{"projects", map[string]any{"status": "COMPLETED"}, []string{"fx-proj-alesund", "fx-proj-biobank", "h2020-964264"}},
	{"projects", map[string]any{"status": "PROPOSAL"}, []string{"cancer-pathway-home-proposal", "fx-proj-adolescent"}},
	{"projects", map[string]any{"status": "REJECTED"}, nil},
	{"projects", map[string]any{"partner": "kreftforeningen"}, []string{"cancer-pathway-home-proposal", "leve-bedre-med-kreft", "fx-proj-orn"}},
	{"projects", map[string]any{"partner": "dnv-imatis"}, []string{"mypath"}},
	{"projects", map[string]any{"call": "eu4health-mental-health-cancer-call"}, []string{"cancer-pathway-home-proposal"}},
	{"projects", map[string]any{"call": "fx-call-open"}, []string{"fx-proj-adolescent"}},
	{"projects", map[string]any{"programme": "eu4health"}, []string{"cancer-pathway-home-proposal"}},
	{"projects", map[string]any{"programme": "mission-on-cancer"}, []string{"fx-proj-orn", "fx-proj-adolescent"}},
	{"projects", map[string]any{"activeOn": "2022-06-01"}, []string{"cancer-pathway-home-proposal", "h2020-964264", "leve-bedre-med-kreft", "mypath", "utproving-implementering-kreftomsorg", "fx-proj-orn", "fx-proj-alesund"}},
	{"projects", map[string]any{"activeOn": "2021-06-01"}, []string{"cancer-pathway-home-proposal", "h2020-964264", "leve-bedre-med-kreft", "mypath", "utproving-implementering-kreftomsorg", "fx-proj-biobank"}},
	{"projects", map[string]any{"activeOn": "2022-01-01"}, []string{"cancer-pathway-home-proposal", "h2020-964264", "leve-bedre-med-kreft", "mypath", "utproving-implementering-kreftomsorg", "fx-proj-orn", "fx-proj-alesund"}},
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
	{"events", map[string]any{"organisation": "helsedirektoratet"}, []string{"pakkeforlop-hjem-oppdrag", "pakkeforlop-hjem-horing", "pakkeforlop-hjem-utrulling", "pakkeforlop-hjem-nasjonal-plan"}},
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
