package ecosystem_test

import (
	"errors"
	"sort"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

func ptr[T any](v T) *T { return &v }

func TestSortKeyOrdersNorwegianCaseInsensitively(t *testing.T) {
	want := []string{"Akershus", "anton", "Bergen", "Étoile", "Helse Møre", "Helse Nord", "Zeta", "Ærlig", "Ørsta", "Ålesund", "åpen"}
	got := append([]string(nil), want...)
	// Reverse first so that the sort must do real work.
	for i, j := 0, len(got)-1; i < j; i, j = i+1, j-1 {
		got[i], got[j] = got[j], got[i]
	}
	sort.Slice(got, func(i, j int) bool { return ecosystem.SortKey(got[i]) < ecosystem.SortKey(got[j]) })
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order = %v, want %v", got, want)
		}
	}
	if ecosystem.SortKey("KREFTFORENINGEN") != ecosystem.SortKey("Kreftforeningen") {
		t.Errorf("sort keys differ by case")
	}
}

func TestCursorRoundTrip(t *testing.T) {
	c := ecosystem.Cursor{Key: ecosystem.SortKey("Ørsta"), ID: "orsta"}
	got, err := ecosystem.DecodeCursor(c.Encode())
	if err != nil || got != c {
		t.Fatalf("DecodeCursor(Encode(%v)) = %v, %v", c, got, err)
	}
	for _, bad := range []string{"", "not-a-cursor", "e30"} {
		if _, err := ecosystem.DecodeCursor(bad); ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
			t.Errorf("DecodeCursor(%q) error code = %v, want BAD_USER_INPUT", bad, ecosystem.ErrorCode(err))
		}
	}
}

func TestPageRequestSize(t *testing.T) {
	tests := []struct {
		name     string
		req      ecosystem.PageRequest
		size     int
		backward bool
		code     ecosystem.Code
	}{
		{"default", ecosystem.PageRequest{}, 20, false, ""},
		{"first", ecosystem.PageRequest{First: ptr(5)}, 5, false, ""},
		{"last", ecosystem.PageRequest{Last: ptr(7)}, 7, true, ""},
		{"before without last", ecosystem.PageRequest{Before: "x"}, 20, true, ""},
		{"max", ecosystem.PageRequest{First: ptr(100)}, 100, false, ""},
		{"too many", ecosystem.PageRequest{First: ptr(101)}, 0, false, ecosystem.CodeBadUserInput},
		{"negative", ecosystem.PageRequest{Last: ptr(-1)}, 0, false, ecosystem.CodeBadUserInput},
		{"both", ecosystem.PageRequest{First: ptr(1), Last: ptr(1)}, 0, false, ecosystem.CodeBadUserInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			size, backward, err := tt.req.Size()
			if code := ecosystem.ErrorCode(err); code != tt.code {
				t.Fatalf("code = %q, want %q (%v)", code, tt.code, err)
			}
			if err == nil && (size != tt.size || backward != tt.backward) {
				t.Errorf("Size() = %d, %v; want %d, %v", size, backward, tt.size, tt.backward)
			}
		})
	}
}

func TestCallStatusOn(t *testing.T) {
	d := func(s ecosystem.Date) *ecosystem.Date { return &s }
	full := &ecosystem.Call{Title: "c", Opens: d("2023-05-01"), Deadline: d("2023-10-17")}
	// The seeded EU4Health call has a deadline and no opening date.
	noOpening := &ecosystem.Call{Title: "c", Deadline: d("2023-10-17")}
	noDeadline := &ecosystem.Call{Title: "c", Opens: d("2023-05-01")}
	noDates := &ecosystem.Call{Title: "c"}
	tests := []struct {
		call *ecosystem.Call
		day  ecosystem.Date
		want ecosystem.CallStatus
	}{
		{full, "2023-04-30", ecosystem.CallForthcoming},
		{full, "2023-05-01", ecosystem.CallOpen},
		{full, "2023-10-17", ecosystem.CallOpen},
		{full, "2023-10-18", ecosystem.CallClosed},
		{noOpening, "2015-01-01", ecosystem.CallUnknown},
		{noOpening, "2023-10-17", ecosystem.CallUnknown},
		{noOpening, "2023-10-18", ecosystem.CallClosed},
		{noDeadline, "2023-04-30", ecosystem.CallForthcoming},
		{noDeadline, "2023-05-01", ecosystem.CallUnknown},
		{noDeadline, "2030-01-01", ecosystem.CallUnknown},
		{noDates, "2014-01-01", ecosystem.CallUnknown},
		{noDates, "2026-11-30", ecosystem.CallUnknown},
	}
	var holds func(c ecosystem.Condition, call *ecosystem.Call) bool
	holds = func(c ecosystem.Condition, call *ecosystem.Call) bool {
		date := func(p string) *ecosystem.Date {
			if p == "deadline" {
				return call.Deadline
			}
			return call.Opens
		}
		switch {
		case c.Date != nil:
			return c.Date.Holds(date(c.Date.Property))
		case c.Absent != nil:
			return date(*c.Absent) == nil
		case len(c.Any) > 0:
			for _, alt := range c.Any {
				if holds(alt, call) {
					return true
				}
			}
		}
		return false
	}
	for _, tt := range tests {
		if got := tt.call.StatusOn(tt.day); got != tt.want {
			t.Errorf("%+v: StatusOn(%s) = %s, want %s", tt.call, tt.day, got, tt.want)
		}
		// The store conditions for each status must agree with StatusOn.
		for _, s := range []ecosystem.CallStatus{ecosystem.CallForthcoming, ecosystem.CallOpen, ecosystem.CallClosed, ecosystem.CallUnknown} {
			all := true
			for _, c := range ecosystem.CallStatusOn(s, tt.day) {
				all = all && holds(c, tt.call)
			}
			if all != (s == tt.want) {
				t.Errorf("%+v: CallStatusOn(%s, %s) holds = %v, but StatusOn says %s", tt.call, s, tt.day, all, tt.want)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		node   ecosystem.Node
		fields []string
	}{
		{"valid organisation", &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "kreftforeningen"}, Name: "Kreftforeningen", Sector: ecosystem.SectorUserOrganisation}, nil},
		{"bad id and missing name", &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "Bad Id"}, Sector: ecosystem.SectorOther}, []string{"id", "name"}},
		{"bad sector, kind, country, org number", &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "x"}, Name: "X", Sector: "NOPE",
			Kinds: []ecosystem.OrganisationKind{"NOPE"}, Country: ptr("Norway"), OrgNumber: ptr("12")}, []string{"sector", "kinds[0]", "country", "orgNumber"}},
		{"bad PIC and VAT number", &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "x"}, Name: "X", Sector: ecosystem.SectorIndustry,
			PIC: ptr("99-1"), VAT: ptr("nl 0026")}, []string{"pic", "vat"}},
		{"good PIC and VAT number", &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "x"}, Name: "X", Sector: ecosystem.SectorIndustry,
			PIC: ptr("999999004"), VAT: ptr("NL002629734B01")}, nil},
		{"project ends before it starts", &ecosystem.Project{Meta: ecosystem.Meta{ID: "p"}, Name: "P", Status: ecosystem.ProjectOngoing,
			Start: ptr(ecosystem.Date("2024-01-01")), End: ptr(ecosystem.Date("2023-01-01"))}, []string{"end"}},
		{"call with a bad rate and requirement", &ecosystem.Call{Meta: ecosystem.Meta{ID: "c"}, Title: "C", FundingRate: ptr(1.5),
			Deadline:     ptr(ecosystem.Date("2023-13-01")),
			Requirements: []ecosystem.Requirement{{Kind: "MIN_THINGS", Count: 0}}}, []string{"deadline", "fundingRate", "requirements[0].kind", "requirements[0].description", "requirements[0].count"}},
		{"call that closes before it opens, with negative grants", &ecosystem.Call{Meta: ecosystem.Meta{ID: "c"}, Title: "C",
			Opens: ptr(ecosystem.Date("2024-05-01")), Deadline: ptr(ecosystem.Date("2024-04-01")), ExpectedGrants: ptr(-1), DurationMonths: ptr(0)},
			[]string{"deadline", "expectedGrants", "durationMonths"}},
		{"event without a date", &ecosystem.Event{Meta: ecosystem.Meta{ID: "e"}, Title: "E", Kind: ecosystem.EventMeeting}, []string{"date"}},
		{"month, quarter and year dates", &ecosystem.Call{Meta: ecosystem.Meta{ID: "c"}, Title: "C",
			Opens: ptr(ecosystem.Date("2024-03")), Deadline: ptr(ecosystem.Date("2024-03")), ExpectedStart: ptr(ecosystem.Date("2024-Q3")),
			ResultsExpected: ptr(ecosystem.Date("2025"))}, nil},
		{"a deadline in the month it opens is not before it", &ecosystem.Call{Meta: ecosystem.Meta{ID: "c"}, Title: "C",
			Opens: ptr(ecosystem.Date("2024-03-15")), Deadline: ptr(ecosystem.Date("2024-03"))}, nil},
		{"budgets without scope, negative, ending before they start", &ecosystem.Programme{Meta: ecosystem.Meta{ID: "p"}, Name: "P",
			Budgets: []ecosystem.Budget{{AmountEur: 378e6, Covers: "thematic calls", Period: "years 1–3"},
				{AmountEur: -1, From: ptr(ecosystem.Date("2024")), To: ptr(ecosystem.Date("2023-Q4"))}, {AmountEur: 1, Covers: "x", From: ptr(ecosystem.Date("2024-13"))}}},
			[]string{"budgets[1].amountEur", "budgets[1].covers", "budgets[1].to", "budgets[2].from"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := ecosystem.Validate(tt.node, "")
			var got []string
			for _, e := range errs {
				got = append(got, e.Field)
			}
			sort.Strings(got)
			want := append([]string(nil), tt.fields...)
			sort.Strings(want)
			if len(got) != len(want) {
				t.Fatalf("fields = %v, want %v (%v)", got, want, errs)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("fields = %v, want %v", got, want)
				}
			}
			if len(want) > 0 && ecosystem.ErrorCode(errs.Err()) != ecosystem.CodeBadUserInput {
				t.Errorf("code = %v, want BAD_USER_INPUT", ecosystem.ErrorCode(errs.Err()))
			}
		})
	}
}

func TestValidateDatasetRejectsDuplicatesAndForbiddenLinks(t *testing.T) {
	ds := &ecosystem.Dataset{
		Nodes: []ecosystem.Node{
			&ecosystem.Person{Meta: ecosystem.Meta{ID: "a"}, Name: "A"},
			&ecosystem.Pillar{Meta: ecosystem.Meta{ID: "a"}, Name: "A"},
			&ecosystem.Person{Meta: ecosystem.Meta{ID: "b"}, Name: "B"},
		},
		Links: []ecosystem.Link{{From: "a", Type: ecosystem.RelParticipatesIn, To: "b"}},
	}
	errs := ecosystem.ValidateDataset(ds)
	if len(errs) != 2 {
		t.Fatalf("got %d problems, want 2 (duplicate id, forbidden link): %v", len(errs), errs)
	}
	var e *ecosystem.Error
	if !errors.As(errs.Err(), &e) || e.Code != ecosystem.CodeBadUserInput {
		t.Errorf("errors.As did not find a BAD_USER_INPUT *Error")
	}
}

func TestPropertiesRoundTrip(t *testing.T) {
	in := &ecosystem.Call{
		Meta:  ecosystem.Meta{ID: "c", Version: 3, Sources: []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "doc.txt"}}},
		Title: "Call", BudgetEur: ptr(8e6), ExpectedGrants: ptr(7),
		Requirements: []ecosystem.Requirement{{Description: "d", Kind: ecosystem.RequirementMinCountries, Count: 3}},
	}
	props := ecosystem.Properties(in)
	if _, ok := props["sources"].(string); !ok {
		t.Errorf("sources should be stored as JSON text, got %T", props["sources"])
	}
	if _, ok := props["deadline"]; ok {
		t.Errorf("absent fields must be left out")
	}
	out, err := ecosystem.NodeFromProperties(ecosystem.LabelCall, props)
	if err != nil {
		t.Fatal(err)
	}
	c := out.(*ecosystem.Call)
	if c.ID != "c" || c.Version != 3 || *c.BudgetEur != 8e6 || *c.ExpectedGrants != 7 ||
		len(c.Requirements) != 1 || c.Requirements[0].Count != 3 || c.Sources[0].Reference != "doc.txt" {
		t.Errorf("round trip lost data: %+v", c)
	}
}

func TestRegisterPlaceholders(t *testing.T) {
	for s, want := range map[string]bool{"ukjent": true, "Ukjent": true, "UKJENT": true, "-": true, "N/A": true, "n/a": true,
		"": true, "  ": true, "Ukjent AS": false, "NA": false, "SINTEF": false, "0": false} {
		if got := ecosystem.Placeholder(s); got != want {
			t.Errorf("Placeholder(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestCursorOfUsesTheKeptSortKey checks that a cursor uses the collation
// key a store kept for an entity while its name is the one the key was
// kept for, and computes the key again once the name has changed.
func TestCursorOfUsesTheKeptSortKey(t *testing.T) {
	tests := []struct {
		name, keptFor, kept, want string
	}{
		{"nothing kept", "", "", ecosystem.SortKey("Ålesund sjukehus")},
		{"kept for this name", "Ålesund sjukehus", "0a0b", "0a0b"},
		{"kept for an earlier name", "Aalesund sjukehus", "0a0b", ecosystem.SortKey("Ålesund sjukehus")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "alesund"}, Name: "Ålesund sjukehus"}
			if tt.kept != "" {
				o.KeepSortKey(tt.keptFor, tt.kept)
			}
			if got := ecosystem.CursorOf(o); got.Key != tt.want || got.ID != "alesund" {
				t.Errorf("CursorOf = %+v, want key %q and id alesund", got, tt.want)
			}
		})
	}
}
