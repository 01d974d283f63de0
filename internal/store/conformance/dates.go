package conformance

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// dateConditions checks the date filters (a project active on a day, a
// call's status on a day and open on a day, events between days) on days
// before, on and after the fixture's dates, against answers computed from
// the fixture's entities.
func dateConditions(t *testing.T, st ecosystem.Store) {
	ds := Fixture()
	mustApplyDataset(t, st, ds)
	list := func(label ecosystem.Label, conds []ecosystem.Condition) []string {
		t.Helper()
		page, err := st.List(context.Background(), ecosystem.ListQuery{Label: label, Conditions: conds, Page: ecosystem.PageRequest{First: ptr(100)}})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(page.Nodes)
		sort.Strings(got)
		return got
	}
	expect := func(label ecosystem.Label, keep func(ecosystem.Node) bool) []string {
		out := []string{}
		for _, n := range ds.Nodes {
			if n.NodeLabel() == label && keep(n) {
				out = append(out, n.NodeMeta().ID)
			}
		}
		sort.Strings(out)
		return out
	}
	within := func(d ecosystem.Date, from, to *ecosystem.Date) bool {
		return (from == nil || *from <= d) && (to == nil || d <= *to)
	}
	days := []ecosystem.Date{"2019-01-01", "2019-06-30", "2019-07-01", "2020-01-01", "2022-12-31", "2023-01-01",
		"2023-08-31", "2023-09-01", "2023-10-17", "2023-10-18", "2024-01-01", "2030-01-01"}
	nonEmpty := map[string]bool{}
	for _, d := range days {
		got := list(ecosystem.LabelProject, ecosystem.ActiveOn("start", "end", d))
		want := expect(ecosystem.LabelProject, func(n ecosystem.Node) bool {
			p := n.(*ecosystem.Project)
			return within(d, p.Start, p.End)
		})
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("projects active on %s = %v, want %v", d, got, want)
		}
		nonEmpty["activeOn"] = nonEmpty["activeOn"] || len(want) > 0
		for _, s := range []ecosystem.CallStatus{ecosystem.CallForthcoming, ecosystem.CallOpen, ecosystem.CallClosed, ecosystem.CallUnknown} {
			got := list(ecosystem.LabelCall, ecosystem.CallStatusOn(s, d))
			want := expect(ecosystem.LabelCall, func(n ecosystem.Node) bool { return n.(*ecosystem.Call).StatusOn(d) == s })
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("calls %s on %s = %v, want %v", s, d, got, want)
			}
			nonEmpty[string(s)] = nonEmpty[string(s)] || len(want) > 0
		}
		from := ecosystem.Condition{Date: &ecosystem.DateComparison{Property: "date", Op: ecosystem.DateOnAfter, Date: d}}
		to := ecosystem.Condition{Date: &ecosystem.DateComparison{Property: "date", Op: ecosystem.DateOnBefore, Date: d}}
		for name, c := range map[string]ecosystem.Condition{"from": from, "to": to} {
			got := list(ecosystem.LabelEvent, []ecosystem.Condition{c})
			want := expect(ecosystem.LabelEvent, func(n ecosystem.Node) bool {
				e := n.(*ecosystem.Event)
				if name == "from" {
					return e.Date >= d
				}
				return e.Date <= d
			})
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("events %s %s = %v, want %v", name, d, got, want)
			}
		}
	}
	for _, what := range []string{"activeOn", "FORTHCOMING", "OPEN", "CLOSED", "UNKNOWN"} {
		if !nonEmpty[what] {
			t.Errorf("no day of the test has an entity for %s: the check proves nothing", what)
		}
	}
	// A window with both ends, as events(from:, to:) asks.
	window := []ecosystem.Condition{
		{Date: &ecosystem.DateComparison{Property: "date", Op: ecosystem.DateOnAfter, Date: "2022-01-01"}},
		{Date: &ecosystem.DateComparison{Property: "date", Op: ecosystem.DateOnBefore, Date: "2022-12-31"}},
	}
	if got := list(ecosystem.LabelEvent, window); fmt.Sprint(got) != "[mote]" {
		t.Errorf("events in 2022 = %v, want [mote]", got)
	}
}
