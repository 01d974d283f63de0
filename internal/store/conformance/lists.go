package conformance

import (
	"context"
	"fmt"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

func listPagesBothWaysInNorwegianOrder(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	names := []string{"Ålesund", "Akershus", "Ørsta", "Bergen", "bergen", "Bergen", "Zeta", "Ærlig", "Helse Møre"}
	ds := &ecosystem.Dataset{}
	for i, n := range names {
		ds.Nodes = append(ds.Nodes, org(fmt.Sprintf("o%d", i), n))
	}
	if _, err := st.Apply(ctx, ds); err != nil {
		t.Fatal(err)
	}
	want := []string{"o1", "o3", "o4", "o5", "o8", "o6", "o7", "o2", "o0"} // equal "Bergen"s by id
	q := ecosystem.ListQuery{Label: ecosystem.LabelOrganisation}
	var forward []string
	for after := ""; ; {
		q.Page = ecosystem.PageRequest{First: ptr(2), After: after}
		page, err := st.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range page.Nodes {
			forward = append(forward, n.NodeMeta().ID)
		}
		if !page.HasNextPage {
			break
		}
		after = ecosystem.CursorOf(page.Nodes[len(page.Nodes)-1]).Encode()
	}
	if fmt.Sprint(forward) != fmt.Sprint(want) {
		t.Errorf("forward = %v, want %v", forward, want)
	}
	var backward []string
	for before := ""; ; {
		q.Page = ecosystem.PageRequest{Last: ptr(2), Before: before}
		page, err := st.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, n := range page.Nodes {
			ids = append(ids, n.NodeMeta().ID)
		}
		backward = append(ids, backward...)
		if !page.HasPreviousPage {
			break
		}
		before = ecosystem.CursorOf(page.Nodes[0]).Encode()
	}
	if fmt.Sprint(backward) != fmt.Sprint(want) {
		t.Errorf("backward = %v, want %v", backward, want)
	}
	n, err := st.Count(ctx, q)
	if err != nil || n != len(names) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(names))
	}
	if _, err := st.List(ctx, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Page: ecosystem.PageRequest{After: "garbage"}}); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Errorf("bad cursor: code %v, want BAD_USER_INPUT", ecosystem.ErrorCode(err))
	}
}

func listConditions(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	ctx := context.Background()
	ids := func(conds ...ecosystem.Condition) []string {
		t.Helper()
		page, err := st.List(ctx, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Conditions: conds, Page: ecosystem.PageRequest{First: ptr(100)}})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range page.Nodes {
			out = append(out, n.NodeMeta().ID)
		}
		// A page of one, counted in the same round trip, counts them all.
		first, err := st.List(ctx, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Conditions: conds, Page: ecosystem.PageRequest{First: ptr(1)}, WithTotal: true})
		if err != nil {
			t.Fatal(err)
		}
		if first.Total == nil || *first.Total != len(out) || len(first.Nodes) != min(1, len(out)) || first.HasNextPage != (len(out) > 1) {
			t.Errorf("a page of one with its total: %d nodes, total %v, next %v; want %d of %d", len(first.Nodes), first.Total, first.HasNextPage, min(1, len(out)), len(out))
		}
		if page.Total != nil {
			t.Errorf("a page not asked for its total has total %d", *page.Total)
		}
		return out
	}
	hub := ecosystem.Condition{Related: &ecosystem.RelatedTo{Path: []ecosystem.Relation{ecosystem.OrganisationMemberOf}, ID: "hub"}}
	if got := ids(hub); len(got) != 3 {
		t.Errorf("memberOf hub: %d organisations, want 3: %v", len(got), got)
	}
	text := "ørne"
	got := ids(ecosystem.Condition{Text: &text})
	if !contains(got, "forening") {
		t.Errorf("text 'ørne' = %v, want Ørneforeningen among them", got)
	}
	se := ecosystem.Condition{Equals: &ecosystem.PropertyValue{Property: "country", Value: "SE"}}
	if got := ids(se); len(got) != 1 {
		t.Errorf("country SE = %v, want exactly Bedrift AS", got)
	}
	university := ecosystem.Condition{Contains: &ecosystem.PropertyValue{Property: "kinds", Value: "UNIVERSITY"}}
	if got := ids(university, hub); fmt.Sprint(got) != "[uni]" {
		t.Errorf("hub universities = %v, want [uni]", got)
	}
	faculty := ecosystem.Condition{Contains: &ecosystem.PropertyValue{Property: "kinds", Value: "FACULTY"}}
	if got := ids(faculty); fmt.Sprint(got) != "[fak]" {
		t.Errorf("faculties = %v, want [fak]", got)
	}
	if got := ids(faculty, hub); len(got) != 0 {
		t.Errorf("hub faculties = %v, want none: the faculty is a unit of a member, not a member", got)
	}
}

// pageAll walks a whole list page by page, forward or backward, and
// returns the ids in list order.
func pageAll(t *testing.T, st ecosystem.Store, q ecosystem.ListQuery, size int, backward bool) []string {
	t.Helper()
	var ids []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("paging does not end")
		}
		q.Page = ecosystem.PageRequest{First: ptr(size), After: cursor}
		if backward {
			q.Page = ecosystem.PageRequest{Last: ptr(size), Before: cursor}
		}
		page, err := st.List(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Cursors) != len(page.Nodes) {
			t.Fatalf("%d cursors for %d nodes", len(page.Cursors), len(page.Nodes))
		}
		var got []string
		for _, n := range page.Nodes {
			got = append(got, n.NodeMeta().ID)
		}
		if backward {
			ids = append(got, ids...)
			if !page.HasPreviousPage {
				return ids
			}
			cursor = page.Cursors[0].Encode()
		} else {
			ids = append(ids, got...)
			if !page.HasNextPage {
				return ids
			}
			cursor = page.Cursors[len(page.Cursors)-1].Encode()
		}
	}
}

// filteredListsPageBothWays pages organisations filtered by one or two
// equality conditions, alone and with a condition of another kind, in
// every order and both ways, and expects the unfiltered list's entities
// that pass them, in its order, counted alike.
func filteredListsPageBothWays(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	ctx := context.Background()
	equals := func(property, value string) ecosystem.Condition {
		return ecosystem.Condition{Equals: &ecosystem.PropertyValue{Property: property, Value: value}}
	}
	member := ecosystem.Condition{Related: &ecosystem.RelatedTo{Path: []ecosystem.Relation{ecosystem.OrganisationMemberOf}, ID: "hub"}}
	filters := []struct {
		name  string
		conds []ecosystem.Condition
		keep  func(o *ecosystem.Organisation, members map[string]bool) bool
	}{
		{"in Norway", []ecosystem.Condition{equals("country", "NO")},
			func(o *ecosystem.Organisation, _ map[string]bool) bool { return o.Country != nil && *o.Country == "NO" }},
		{"research in Norway", []ecosystem.Condition{equals("sector", "RESEARCH"), equals("country", "NO")},
			func(o *ecosystem.Organisation, _ map[string]bool) bool {
				return o.Sector == ecosystem.SectorResearch && o.Country != nil && *o.Country == "NO"
			}},
		{"members in Norway", []ecosystem.Condition{equals("country", "NO"), member},
			func(o *ecosystem.Organisation, members map[string]bool) bool {
				return o.Country != nil && *o.Country == "NO" && members[o.ID]
			}},
		{"none", []ecosystem.Condition{equals("country", "NO"), equals("sector", "MUNICIPAL")},
			func(*ecosystem.Organisation, map[string]bool) bool { return false }},
	}
	members := map[string]bool{}
	page, err := st.List(ctx, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Conditions: []ecosystem.Condition{member}, Page: ecosystem.PageRequest{First: ptr(100)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range page.Nodes {
		members[n.NodeMeta().ID] = true
	}
	orders := []ecosystem.OrderField{ecosystem.OrderName}
	for f := range storekit.Orderings[ecosystem.LabelOrganisation] {
		orders = append(orders, f)
	}
	for _, f := range orders {
		for _, desc := range []bool{false, true} {
			order := ecosystem.Order{Field: f, Desc: desc}
			all := pageAll(t, st, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Order: order}, 100, false)
			byID, err := st.NodesByID(ctx, all)
			if err != nil {
				t.Fatal(err)
			}
			for _, filter := range filters {
				var want []string
				for _, id := range all {
					if filter.keep(byID[id].(*ecosystem.Organisation), members) {
						want = append(want, id)
					}
				}
				q := ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Order: order, Conditions: filter.conds}
				forward := pageAll(t, st, q, 2, false)
				backward := pageAll(t, st, q, 3, true)
				n, err := st.Count(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(forward) != fmt.Sprint(want) || fmt.Sprint(backward) != fmt.Sprint(want) || n != len(want) {
					t.Errorf("%s by %s (desc %v): forward %v, backward %v, count %d; want %v", filter.name, f, desc, forward, backward, n, want)
				}
			}
		}
	}
}

// relatedFiltersCountEachEntityOnce gives a person two roles at one
// organisation and expects a list of the organisation's people (two
// relations away) to hold and count that person once, paged both ways.
func relatedFiltersCountEachEntityOnce(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	mustApplyDataset(t, st, &ecosystem.Dataset{
		Nodes: []ecosystem.Node{&ecosystem.Role{Meta: fxMeta("sete-leder"), Title: "Leder for Ørneforeningen", Status: ecosystem.RoleActive}},
		Links: []ecosystem.Link{fxLink("ingeborg-aerlighet", ecosystem.RelHolds, "sete-leder"), fxLink("sete-leder", ecosystem.RelSeatAt, "forening")},
	})
	q := ecosystem.ListQuery{Label: ecosystem.LabelPerson, Conditions: []ecosystem.Condition{{Related: &ecosystem.RelatedTo{
		Path: []ecosystem.Relation{ecosystem.PersonRoles, ecosystem.RoleOrganisation}, ID: "forening"}}}}
	want := "[ingeborg-aerlighet kari-nordmann]"
	forward := pageAll(t, st, q, 1, false)
	backward := pageAll(t, st, q, 1, true)
	n, err := st.Count(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	q.WithTotal, q.Page = true, ecosystem.PageRequest{First: ptr(10)}
	page, err := st.List(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(forward) != want || fmt.Sprint(backward) != want || n != 2 || page.Total == nil || *page.Total != 2 || len(page.Nodes) != 2 {
		t.Errorf("people at forening: forward %v, backward %v, count %d, page of %d with total %v; want %s, 2", forward, backward, n, len(page.Nodes), page.Total, want)
	}
}

func everyOrderPagesBothWays(t *testing.T, st ecosystem.Store) {
	seedFixture(t, st)
	for label, fields := range storekit.Orderings {
		all := []ecosystem.OrderField{ecosystem.OrderName}
		for f := range fields {
			all = append(all, f)
		}
		for _, f := range all {
			for _, desc := range []bool{false, true} {
				q := ecosystem.ListQuery{Label: label, Order: ecosystem.Order{Field: f, Desc: desc}}
				forward := pageAll(t, st, q, 3, false)
				backward := pageAll(t, st, q, 4, true)
				n, _ := st.Count(context.Background(), q)
				seen := map[string]bool{}
				for _, id := range forward {
					if seen[id] {
						t.Errorf("%s by %s (desc %v): %s twice", label, f, desc, id)
					}
					seen[id] = true
				}
				if len(forward) != n || fmt.Sprint(forward) != fmt.Sprint(backward) {
					t.Errorf("%s by %s (desc %v): forward %v, backward %v, count %d", label, f, desc, forward, backward, n)
				}
			}
		}
	}
	// Organisations by number of projects, most first: Ørneforeningen
	// (two) leads; ties break by id.
	top := pageAll(t, st, ecosystem.ListQuery{Label: ecosystem.LabelOrganisation,
		Order: ecosystem.Order{Field: ecosystem.OrderProjectCount, Desc: true}}, 100, false)
	if top[0] != "forening" || top[1] != "bedrift" {
		t.Errorf("by project count: %v…, want forening then the first of the one-project organisations by id", top[:3])
	}
	if _, err := st.List(context.Background(), ecosystem.ListQuery{Label: ecosystem.LabelPerson,
		Order: ecosystem.Order{Field: ecosystem.OrderBudget}}); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
		t.Errorf("people by budget: %v, want BAD_USER_INPUT", err)
	}
}

func pagingSurvivesInsertsAndDeletes(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	ds := &ecosystem.Dataset{}
	for i := 0; i < 12; i++ {
		// Pairs of equal names, so that ties by id are exercised.
		ds.Nodes = append(ds.Nodes, org(fmt.Sprintf("org-%02d", i), fmt.Sprintf("Org %d", i/2)))
	}
	if _, err := st.Apply(ctx, ds); err != nil {
		t.Fatal(err)
	}
	for _, backward := range []bool{false, true} {
		q := ecosystem.ListQuery{Label: ecosystem.LabelOrganisation}
		q.Page = ecosystem.PageRequest{First: ptr(5)}
		if backward {
			q.Page = ecosystem.PageRequest{Last: ptr(5)}
		}
		page, err := st.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var first []string
		for _, n := range page.Nodes {
			first = append(first, n.NodeMeta().ID)
		}
		cursor := page.Cursors[len(page.Cursors)-1]
		if backward {
			cursor = page.Cursors[0]
		}
		// Between fetches: insert and delete on both sides of the cursor.
		change := &ecosystem.Dataset{
			Nodes:   []ecosystem.Node{org("new-a", "Org 0"), org("new-z", "Org 9")},
			Deletes: []string{"org-01", "org-10"},
		}
		if backward {
			change.Deletes = []string{"org-11", "org-02"}
		}
		if _, err := st.Apply(ctx, change); err != nil {
			t.Fatal(err)
		}
		q.Page = ecosystem.PageRequest{First: ptr(100), After: cursor.Encode()}
		if backward {
			q.Page = ecosystem.PageRequest{Last: ptr(100), Before: cursor.Encode()}
		}
		rest, err := st.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, id := range first {
			seen[id]++
		}
		for _, n := range rest.Nodes {
			seen[n.NodeMeta().ID]++
		}
		for id, c := range seen {
			if c > 1 {
				t.Errorf("backward %v: %s seen %d times", backward, id, c)
			}
		}
		// Everything that existed throughout is seen once: no gaps.
		for i := 0; i < 12; i++ {
			id := fmt.Sprintf("org-%02d", i)
			if contains(change.Deletes, id) || seen[id] == 1 {
				continue
			}
			t.Errorf("backward %v: %s was skipped", backward, id)
		}
		newOnFarSide := "new-z"
		if backward {
			newOnFarSide = "new-a"
		}
		if seen[newOnFarSide] != 1 {
			t.Errorf("backward %v: %s, inserted beyond the cursor, was not reached", backward, newOnFarSide)
		}
		// Reset for the other direction.
		if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: ds.Nodes, Deletes: []string{"new-a", "new-z"}}); err != nil {
			t.Fatal(err)
		}
	}
}
