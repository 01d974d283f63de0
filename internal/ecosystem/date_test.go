package ecosystem_test

import (
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

func TestDatePrecisionAndPeriod(t *testing.T) {
	for _, tc := range []struct {
		date        ecosystem.Date
		precision   ecosystem.DatePrecision
		first, last ecosystem.Date
	}{
		{"2024-03-15", ecosystem.PrecisionDay, "2024-03-15", "2024-03-15"},
		{"2018-03", ecosystem.PrecisionMonth, "2018-03-01", "2018-03-31"},
		{"2024-02", ecosystem.PrecisionMonth, "2024-02-01", "2024-02-29"},
		{"2024-Q3", ecosystem.PrecisionQuarter, "2024-07-01", "2024-09-30"},
		{"2024-Q4", ecosystem.PrecisionQuarter, "2024-10-01", "2024-12-31"},
		{"2022", ecosystem.PrecisionYear, "2022-01-01", "2022-12-31"},
		{"2024-13", "", "2024-13", "2024-13"},
		{"2024-Q5", "", "2024-Q5", "2024-Q5"},
		{"2023-02-29", "", "2023-02-29", "2023-02-29"},
		{"mars 2024", "", "mars 2024", "mars 2024"},
	} {
		t.Run(string(tc.date), func(t *testing.T) {
			if p := tc.date.Precision(); p != tc.precision {
				t.Errorf("precision %q, want %q", p, tc.precision)
			}
			if _, err := ecosystem.ParseDate(string(tc.date)); (err == nil) != (tc.precision != "") {
				t.Errorf("ParseDate error %v, want one only for an invalid date", err)
			}
			if f, l := tc.date.First(), tc.date.Last(); f != tc.first || l != tc.last {
				t.Errorf("period %s–%s, want %s–%s", f, l, tc.first, tc.last)
			}
		})
	}
}

// TestDatesCompareAsPeriods: one date is before another only when the
// whole of it is; the four comparisons of a condition follow.
func TestDatesCompareAsPeriods(t *testing.T) {
	for _, tc := range []struct {
		v, d                             ecosystem.Date
		before, onBefore, after, onAfter bool
	}{
		{"2024-03", "2024-03-31", false, true, false, true},
		{"2024-03", "2024-04-01", true, true, false, false},
		{"2024-03", "2024-02-29", false, false, true, true},
		{"2024-Q3", "2024-06-30", false, false, true, true},
		{"2024-Q3", "2024-08-15", false, true, false, true},
		{"2022", "2022-06", false, true, false, true},
		{"2024-03-15", "2024-03-15", false, true, false, true},
		{"2024-03-14", "2024-03-15", true, true, false, false},
	} {
		t.Run(string(tc.v)+" vs "+string(tc.d), func(t *testing.T) {
			holds := func(op ecosystem.DateOp) bool {
				return ecosystem.DateComparison{Property: "p", Op: op, Date: tc.d}.Holds(&tc.v)
			}
			got := [4]bool{holds(ecosystem.DateBefore), holds(ecosystem.DateOnBefore), holds(ecosystem.DateAfter), holds(ecosystem.DateOnAfter)}
			if want := [4]bool{tc.before, tc.onBefore, tc.after, tc.onAfter}; got != want {
				t.Errorf("<, <=, >, >= = %v, want %v", got, want)
			}
		})
	}
}
