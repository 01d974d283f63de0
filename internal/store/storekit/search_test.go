package storekit_test

import (
	"fmt"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Øritsland", "oritsland"},
		{"Taskén", "tasken"},
		{"Grüner", "gruner"},
		{"Nygård", "nygard"},
		{"Nygaard", "nygard"},
		{"Bærum", "baerum"},
		{"TROMSØ", "tromso"},
		{"Straße", "strasse"},
		{"Saaaa", "sa"},
	}
	for _, tt := range tests {
		if got := storekit.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := storekit.Fold(storekit.Fold(tt.in)); again != tt.want {
			t.Errorf("Fold is not idempotent on %q: %q", tt.in, again)
		}
	}
}

func TestParseSearchExpandsThroughTheVocabulary(t *testing.T) {
	tests := []struct{ text, want string }{
		{"kreft", "[[[kreft] [kreften] [krefter] [cancer] [cancers] [oncology] [onkologi]]]"},
		{"Brystkreft", "[[[brystkreft] [breast cancer]]]"},
		{"svulst i hjernen", "[[[svulst] [svulster] [tumour] [tumor]] [[i]] [[hjernen]]]"},
		{"kreftforeningen", "[[[kreftforeningen]]]"},
		{`"*?~`, "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(storekit.ParseSearch(tt.text).Terms); got != tt.want {
			t.Errorf("ParseSearch(%q).Terms = %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestRank(t *testing.T) {
	fields := func(name string, aliases ...string) storekit.SearchFields {
		fs := storekit.SearchFields{"name": {storekit.Fold(name)}}
		if len(aliases) > 0 {
			fs["aliases"] = aliases
		}
		return fs
	}
	// Each entity must rank strictly above the next.
	tests := []struct {
		text  string
		order []storekit.SearchFields
	}{
		{"cancer mission hub norway", []storekit.SearchFields{
			fields("Cancer Mission Hub Norway"),
			fields("Cancer Mission Hub Norway Secretariat"),
			fields("Strategisk koordineringsgruppe for Cancer Mission Hub Norway"),
		}},
		{"kreft", []storekit.SearchFields{
			fields("Kreft"),
			fields("Kreftforeningen"),
			fields("Kreftforeningens forskningsfond"),
			fields("Ung kreft"),
			fields("Cancer"), // through the vocabulary: below the word as typed
			fields("Cancer Registry"),
		}},
	}
	for _, tt := range tests {
		q := storekit.ParseSearch(tt.text)
		prev := 0.0
		for i, fs := range tt.order {
			score, field := q.Rank(fs)
			if score <= 0 || field != "name" {
				t.Errorf("%q on %v: score %v in %q; want a hit in name", tt.text, fs, score, field)
			}
			if i > 0 && score >= prev {
				t.Errorf("%q: %v scores %v, not below the one before (%v)", tt.text, fs, score, prev)
			}
			prev = score
		}
	}
	if score, _ := storekit.ParseSearch("kreft hjerne").Rank(fields("Kreftforeningen")); score != 0 {
		t.Errorf("a word that matches nowhere scores %v; want 0", score)
	}
}
