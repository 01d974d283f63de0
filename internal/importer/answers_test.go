package importer_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/testenv"
)

// day is "today" in these tests, fixed so that the answers do not
// change with the calendar.
const day ecosystem.Date = "2026-11-30"

var pageSize = ecosystem.MaxPageSize

// fileDeadlines reads, from the Research Council's file and apart from
// the importer, each call's latest deadline (Søknadsfrist) and each
// parent call's sub-calls.
func fileDeadlines(t *testing.T) (deadlines map[string]ecosystem.Date, subCalls map[string][]string) {
	t.Helper()
	deadlines, subCalls = map[string]ecosystem.Date{}, map[string][]string{}
	for _, r := range readRows(t, testenv.RCNFile(t)) {
		c, p := r["Utlysnings-id"], r["Overordnet utlysnings-id"]
		at, err := time.Parse("02.01.2006 15:04", r["Søknadsfrist"])
		if err != nil {
			t.Fatalf("Søknadsfrist %q: %v", r["Søknadsfrist"], err)
		}
		if d := ecosystem.DateOf(at); d > deadlines[c] {
			deadlines[c] = d
		}
		if p != "" && p != c {
			subCalls[p] = append(subCalls[p], c)
		}
	}
	return deadlines, subCalls
}

// TestCallsAreNeverOpenWithoutEvidence: after the seed and the real
// import, a call is OPEN on a day only when its opening date is on or
// before it and its deadline on or after it; the file gives deadlines
// only, so no H2020 call is open on any day, and a parent call without
// dates of its own closes with its last sub-call.
func TestCallsAreNeverOpenWithoutEvidence(t *testing.T) {
	deadlines, subCalls := fileDeadlines(t)
	// A parent without rows of its own closes with its last sub-call.
	var parents []string
	for identifier, subs := range subCalls {
		if _, own := deadlines[identifier]; own {
			continue
		}
		parents = append(parents, identifier)
		for _, s := range subs {
			if deadlines[s] > deadlines[identifier] {
				deadlines[identifier] = deadlines[s]
			}
		}
	}
	if len(parents) != 131 {
		t.Errorf("%d parent calls without rows of their own, want 131", len(parents))
	}
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			ctx := context.Background()
			if _, err := importFile(t, st, testenv.RCNFile(t), false); err != nil {
				t.Fatal(err)
			}
			// Every relationship, the import's as well as the seed's,
			// cites where it comes from.
			snap, err := st.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			unsourced := map[ecosystem.RelType]int{}
			for _, l := range snap.Links {
				if l.Props == nil || len(l.Props.Facts().Sources) == 0 {
					unsourced[l.Type]++
				}
			}
			if len(unsourced) > 0 {
				t.Errorf("relationships without a source, by type: %v", unsourced)
			}
			list := func(s ecosystem.CallStatus, d ecosystem.Date) []string {
				t.Helper()
				var out []string
				q := ecosystem.ListQuery{Label: ecosystem.LabelCall, Conditions: ecosystem.CallStatusOn(s, d), Page: ecosystem.PageRequest{First: &pageSize}}
				for {
					page, err := st.List(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					for _, n := range page.Nodes {
						out = append(out, n.NodeMeta().ID)
					}
					if !page.HasNextPage {
						sort.Strings(out)
						return out
					}
					q.Page.After = page.Cursors[len(page.Cursors)-1].Encode()
				}
			}
			snap, err = st.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			calls := map[string]*ecosystem.Call{}
			for id, n := range snap.Nodes {
				if c, ok := n.(*ecosystem.Call); ok {
					calls[id] = c
				}
			}
			for _, d := range []ecosystem.Date{day, "2014-01-01", "2015-01-01", "2018-06-01"} {
				for _, s := range []ecosystem.CallStatus{ecosystem.CallForthcoming, ecosystem.CallOpen, ecosystem.CallClosed, ecosystem.CallUnknown} {
					want := []string{}
					for id, c := range calls {
						if c.StatusOn(d) == s {
							want = append(want, id)
						}
					}
					sort.Strings(want)
					if got := list(s, d); fmt.Sprint(got) != fmt.Sprint(want) {
						t.Errorf("%d calls %s on %s listed, %d by StatusOn", len(got), s, d, len(want))
					}
				}
				for _, id := range list(ecosystem.CallOpen, d) {
					if c := calls[id]; c.Opens == nil || *c.Opens > d || c.Deadline == nil || *c.Deadline < d {
						t.Errorf("%s is OPEN on %s with opening date %v and deadline %v", id, d, c.Opens, c.Deadline)
					}
				}
			}
			t.Logf("%s: %d calls; OPEN on %s: %d; open on 2014-01-01: %d; UNKNOWN on 2014-01-01: %d", b.Name, len(calls),
				day, len(list(ecosystem.CallOpen, day)), len(list(ecosystem.CallOpen, "2014-01-01")), len(list(ecosystem.CallUnknown, "2014-01-01")))
			if got := list(ecosystem.CallOpen, day); len(got) != 0 {
				t.Errorf("OPEN on %s: %v; want none (no call of the seed or the file is open then)", day, got)
			}
			if got := list(ecosystem.CallOpen, "2014-01-01"); len(got) != 0 {
				t.Errorf("open on 2014-01-01: %d calls; want none (the file gives no opening dates)", len(got))
			}
			eu4health := calls["eu4health-mental-health-cancer-call"]
			if s := eu4health.StatusOn("2015-01-01"); s != ecosystem.CallUnknown {
				t.Errorf("the seeded EU4Health call, with no opening date, is %s on 2015-01-01; want UNKNOWN", s)
			}
			if s := eu4health.StatusOn(day); s != ecosystem.CallClosed {
				t.Errorf("the seeded EU4Health call is %s on %s, after its deadline; want CLOSED", s, day)
			}
			// Each call's deadline is its latest Søknadsfrist; a parent
			// without rows of its own takes its sub-calls' latest, with
			// an inferred source naming the rule and the sub-calls.
			for _, identifier := range parents {
				c := callByIdentifier(calls, identifier)
				ruled := false
				for _, s := range c.Sources {
					ruled = ruled || (s.Kind == ecosystem.SourceInferred && s.Field == "deadline" && strings.Contains(s.Rule, "spans its sub-calls") && len(s.Inputs) > 0)
				}
				if !ruled {
					t.Errorf("parent call %s: sources %+v name no rule for its inferred deadline", identifier, c.Sources)
				}
			}
			for identifier, want := range deadlines {
				c := callByIdentifier(calls, identifier)
				if c == nil || c.Deadline == nil || *c.Deadline != want || c.Opens != nil {
					t.Errorf("call %s: %+v; want deadline %s and no opening date", identifier, c, want)
				}
			}
			if c := callByIdentifier(calls, "H2020-SMEInst-2018-2020-1"); c == nil || c.Deadline == nil || *c.Deadline != "2019-09-05" {
				t.Errorf("a call with seven cut-offs: %+v; want the last, 2019-09-05, as its deadline", c)
			}
		})
	}
}

func callByIdentifier(calls map[string]*ecosystem.Call, identifier string) *ecosystem.Call {
	for _, c := range calls {
		if c.Identifier != nil && *c.Identifier == identifier {
			return c
		}
	}
	return nil
}

// placeholderNames counts organisations holding a register's placeholder
// as a name, short name or alias.
func placeholderNames(snap *ecosystem.Snapshot) (n int, ids []string) {
	for id, node := range snap.Nodes {
		o, ok := node.(*ecosystem.Organisation)
		if !ok {
			continue
		}
		texts := append([]string{o.Name}, o.Aliases...)
		if o.ShortName != nil {
			texts = append(texts, *o.ShortName)
		}
		for _, s := range texts {
			if ecosystem.Placeholder(s) {
				n++
				ids = append(ids, id)
				break
			}
		}
	}
	sort.Strings(ids)
	return n, ids
}

// shouting lists organisations whose name has no lower-case letter and
// more than one word.
func shouting(snap *ecosystem.Snapshot) []string {
	var out []string
	for _, node := range snap.Nodes {
		if o, ok := node.(*ecosystem.Organisation); ok && strings.IndexFunc(o.Name, unicode.IsLower) < 0 && strings.Contains(o.Name, " ") {
			out = append(out, o.Name)
		}
	}
	sort.Strings(out)
	return out
}

// TestRegisterPlaceholdersAndCapitals: the import writes no placeholder
// ("ukjent") and writes register names as people do, keeping the
// register's spelling as a searchable alias; the next import repairs a
// graph that holds placeholders or capitals from an earlier import, but
// leaves an editor's value alone.
func TestRegisterPlaceholdersAndCapitals(t *testing.T) {
	for _, b := range testenv.Backends {
		t.Run(b.Name, func(t *testing.T) {
			st := b.Seeded(t)
			ctx := context.Background()
			if _, err := importFile(t, st, testenv.RCNFile(t), false); err != nil {
				t.Fatal(err)
			}
			snap, err := st.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			n, ids := placeholderNames(snap)
			t.Logf("%s: %d organisations with a placeholder name; names in capitals: %q", b.Name, n, shouting(snap))
			if n != 0 {
				t.Errorf("%d organisations hold a placeholder, e.g. %v", n, ids[:min(5, len(ids))])
			}
			nodes, _ := st.NodesByID(ctx, []string{"kreftforeningen", "sintef-ocean-as", "universitetet-i-agder"})
			if k := nodes["kreftforeningen"].(*ecosystem.Organisation); k.ShortName != nil {
				t.Errorf("Kreftforeningen's short name is %q, want none", *k.ShortName)
			}
			for id, want := range map[string]string{"sintef-ocean-as": "SINTEF Ocean AS", "universitetet-i-agder": "Universitetet i Agder"} {
				o, _ := nodes[id].(*ecosystem.Organisation)
				if o == nil || o.Name != want || !contains(o.Aliases, strings.ToUpper(want)) {
					t.Errorf("%s: %+v; want the name %q and the register's spelling as an alias", id, o, want)
				}
			}
			hits, err := st.Search(ctx, ecosystem.SearchQuery{Text: "SINTEF OCEAN AS", Labels: []ecosystem.Label{ecosystem.LabelOrganisation}})
			if err != nil || len(hits) == 0 || hits[0].Node.NodeMeta().ID != "sintef-ocean-as" {
				t.Errorf("searching the register's spelling: %v, %v; want SINTEF Ocean AS first", hits, err)
			}

			// A graph from an earlier import: placeholders and capitals
			// written as facts, and an editor's own "N/A".
			old := func(id string, change func(o *ecosystem.Organisation)) *ecosystem.Organisation {
				got, _ := st.NodesByID(ctx, []string{id})
				o := *got[id].(*ecosystem.Organisation)
				change(&o)
				return &o
			}
			earlier := &ecosystem.Dataset{Nodes: []ecosystem.Node{
				old("kreftforeningen", func(o *ecosystem.Organisation) { o.ShortName = ptr("ukjent") }),
				old("sintef-ocean-as", func(o *ecosystem.Organisation) { o.Name, o.ShortName = "SINTEF OCEAN AS", ptr("-") }),
			}}
			if _, err := st.Apply(ctx, earlier); err != nil {
				t.Fatal(err)
			}
			edited := &ecosystem.Dataset{ByEditor: true, Nodes: []ecosystem.Node{
				old("universitetet-i-agder", func(o *ecosystem.Organisation) { o.ShortName = ptr("N/A") }),
			}}
			if _, err := st.Apply(ctx, edited); err != nil {
				t.Fatal(err)
			}
			if _, err := importFile(t, st, testenv.RCNFile(t), false); err != nil {
				t.Fatal(err)
			}
			nodes, _ = st.NodesByID(ctx, []string{"kreftforeningen", "sintef-ocean-as", "universitetet-i-agder"})
			if k := nodes["kreftforeningen"].(*ecosystem.Organisation); k.ShortName != nil {
				t.Errorf("after the next import Kreftforeningen's short name is %q, want none", *k.ShortName)
			}
			if o := nodes["sintef-ocean-as"].(*ecosystem.Organisation); o.Name != "SINTEF Ocean AS" || val(o.ShortName) != "SINTEF" {
				t.Errorf("after the next import SINTEF Ocean is %q (%q), want SINTEF Ocean AS (SINTEF)", o.Name, val(o.ShortName))
			}
			if o := nodes["universitetet-i-agder"].(*ecosystem.Organisation); val(o.ShortName) != "N/A" {
				t.Errorf("the next import changed an editor's short name to %q", val(o.ShortName))
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
