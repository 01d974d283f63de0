package conformance

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// precisionTests check dates of reduced precision (a month, a quarter, a
// year): stored as given, and compared as the periods they are.
var precisionTests = []suiteTest{
	{"DatesKeepTheirPrecision", datesKeepTheirPrecision},
}

// precisionDataset has calls and events dated as documents date them:
// "Mars 2018", "svar mars 2024", "Q3 2024", a year, and days beside them.
func precisionDataset() *ecosystem.Dataset {
	return &ecosystem.Dataset{Nodes: []ecosystem.Node{
		fxCall("mars", "Frist i mars 2024", "2023-10-01", "2024-03"),
		fxCall("kvartal", "Åpner tredje kvartal 2024", "2024-Q3", "2024-12-31"),
		fxCall("aar", "Hele 2025", "2025", "2025"),
		fxCall("dag", "Frist 15. mars 2024", "2024-03-01", "2024-03-15"),
		fxEvent("oppdrag", "2018-03", "Mars 2018: oppdrag", ecosystem.EventMilestone),
		fxEvent("presisering", "2018-06", "Juni 2018: presisering", ecosystem.EventMilestone),
		fxEvent("utrulling", "2022", "2022: utrulling", ecosystem.EventMilestone),
		fxEvent("moete", "2018-03-15", "Møte 15. mars 2018", ecosystem.EventMeeting),
	}}
}

func datesKeepTheirPrecision(t *testing.T, st ecosystem.Store) {
	ctx := context.Background()
	ds := precisionDataset()
	mustApplyDataset(t, st, ds)

	got, err := st.NodesByID(ctx, []string{"mars", "kvartal", "aar", "oppdrag", "utrulling"})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"mars": "2024-03", "kvartal": "2024-Q3", "aar": "2025", "oppdrag": "2018-03", "utrulling": "2022"} {
		var d ecosystem.Date
		switch n := got[id].(type) {
		case *ecosystem.Call:
			d = *n.Deadline
			if id == "kvartal" {
				d = *n.Opens
			}
		case *ecosystem.Event:
			d = n.Date
		}
		if string(d) != want {
			t.Errorf("%s is dated %q, want %q as given", id, d, want)
		}
	}

	list := func(label ecosystem.Label, conds []ecosystem.Condition) string {
		t.Helper()
		page, err := st.List(ctx, ecosystem.ListQuery{Label: label, Conditions: conds, Page: ecosystem.PageRequest{First: ptr(100)}})
		if err != nil {
			t.Fatal(err)
		}
		out := ids(page.Nodes)
		sort.Strings(out)
		return fmt.Sprint(out)
	}
	// Stated answers: the rule, as people read it.
	for _, tc := range []struct {
		what  string
		label ecosystem.Label
		conds []ecosystem.Condition
		want  string
	}{
		{"calls open on 2024-03-31", ecosystem.LabelCall, ecosystem.CallStatusOn(ecosystem.CallOpen, "2024-03-31"), "[mars]"},
		{"calls closed on 2024-04-01", ecosystem.LabelCall, ecosystem.CallStatusOn(ecosystem.CallClosed, "2024-04-01"), "[dag mars]"},
		{"calls forthcoming on 2024-06-30", ecosystem.LabelCall, ecosystem.CallStatusOn(ecosystem.CallForthcoming, "2024-06-30"), "[aar kvartal]"},
		{"calls open on 2024-07-01", ecosystem.LabelCall, ecosystem.CallStatusOn(ecosystem.CallOpen, "2024-07-01"), "[kvartal]"},
		{"calls open on 2025-12-31", ecosystem.LabelCall, ecosystem.CallStatusOn(ecosystem.CallOpen, "2025-12-31"), "[aar]"},
		{"calls open in March 2024 (a month asked)", ecosystem.LabelCall, ecosystem.CallStatusOn(ecosystem.CallOpen, "2024-03"), "[dag mars]"},
		{"events from 2018-03-15", ecosystem.LabelEvent, []ecosystem.Condition{
			{Date: &ecosystem.DateComparison{Property: "date", Op: ecosystem.DateOnAfter, Date: "2018-03-15"}}}, "[moete oppdrag presisering utrulling]"},
		{"events to 2018-03-01", ecosystem.LabelEvent, []ecosystem.Condition{
			{Date: &ecosystem.DateComparison{Property: "date", Op: ecosystem.DateOnBefore, Date: "2018-03-01"}}}, "[oppdrag]"},
		{"events in 2022-06", ecosystem.LabelEvent, []ecosystem.Condition{
			{Date: &ecosystem.DateComparison{Property: "date", Op: ecosystem.DateOnAfter, Date: "2022-06-01"}},
			{Date: &ecosystem.DateComparison{Property: "date", Op: ecosystem.DateOnBefore, Date: "2022-06-30"}}}, "[utrulling]"},
	} {
		if got := list(tc.label, tc.conds); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.what, got, tc.want)
		}
	}
	// And the store agrees with the domain's rule on days around every
	// boundary.
	days := []ecosystem.Date{"2018-02-28", "2018-03-01", "2018-03-31", "2018-04-01", "2024-03-15", "2024-03-16",
		"2024-03-31", "2024-04-01", "2024-06-30", "2024-07-01", "2024-09-30", "2024-10-01", "2024-12-31", "2025-01-01", "2026-01-01"}
	for _, d := range days {
		for _, s := range []ecosystem.CallStatus{ecosystem.CallForthcoming, ecosystem.CallOpen, ecosystem.CallClosed} {
			var want []string
			for _, n := range ds.Nodes {
				if c, ok := n.(*ecosystem.Call); ok && c.StatusOn(d) == s {
					want = append(want, c.ID)
				}
			}
			sort.Strings(want)
			if got := list(ecosystem.LabelCall, ecosystem.CallStatusOn(s, d)); got != fmt.Sprint(want) {
				t.Errorf("calls %s on %s = %s, want %v", s, d, got, want)
			}
		}
	}
}
