package importer

import "testing"

// TestNamesMatchAcrossPunctuationDashesSpaceAndCase: the same name as a
// seed, a registry and CORDIS write it normalises alike; another name
// does not.
func TestNamesMatchAcrossPunctuationDashesSpaceAndCase(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"Stichting Het Nederlands Kanker Instituut - Antoni van Leeuwenhoek Ziekenhuis",
			"STICHTING HET NEDERLANDS KANKER INSTITUUT-ANTONI VAN LEEUWENHOEK ZIEKENHUIS", true},
		{"Stichting Het Nederlands Kanker Instituut – Antoni van Leeuwenhoek Ziekenhuis",
			"stichting  het nederlands kanker instituut—antoni van leeuwenhoek\u00a0ziekenhuis", true},
		{"Oslo universitetssykehus HF", "OSLO UNIVERSITETSSYKEHUS", false},
		{"Universitetet i Tromsø – Norges arktiske universitet", "UNIVERSITETET I TROMSØ - NORGES ARKTISKE UNIVERSITET", true},
		{"Kreftforeningen", "Kreftforeningen (Danmark)", false},
	} {
		if got := normalise(tc.a) == normalise(tc.b); got != tc.same {
			t.Errorf("normalise(%q) = %q, normalise(%q) = %q; same = %v, want %v", tc.a, normalise(tc.a), tc.b, normalise(tc.b), got, tc.same)
		}
	}
}
