package ecosystem_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// FuzzDecodeCursor feeds outside text to the cursor decoder: it never
// panics, a refusal is BAD_USER_INPUT, and what it accepts encodes back
// to a cursor that decodes to the same.
func FuzzDecodeCursor(f *testing.F) {
	for _, seed := range []string{"", "e30", "not-a-cursor", "////", ecosystem.Cursor{Key: ecosystem.SortKey("Ørsta"), ID: "orsta"}.Encode(),
		"eyJrIjoxLCJpIjpbXX0", strings.Repeat("A", 10000)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ecosystem.DecodeCursor(s)
		if err != nil {
			if ecosystem.ErrorCode(err) != ecosystem.CodeBadUserInput {
				t.Fatalf("DecodeCursor(%q) = %v, want BAD_USER_INPUT", s, err)
			}
			return
		}
		again, err := ecosystem.DecodeCursor(c.Encode())
		if err != nil || again != c {
			t.Fatalf("round trip of %+v: %+v, %v", c, again, err)
		}
	})
}

// FuzzStoredText feeds outside text to the stored-text rules: Validate
// never panics, and what CleanTexts leaves of any text is valid UTF-8
// without control or bidi characters in a one-line field.
func FuzzStoredText(f *testing.F) {
	for _, seed := range []string{"Kreftforeningen", "a\x00b", "\u202Eevil", "\u200B", "\xff\xfe", "line\nbreak\ttab", strings.Repeat("å", 600)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o := &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "o"}, Name: s, Aliases: []string{s}, Sector: ecosystem.SectorOther, Website: &s}
		ecosystem.Validate(o, "")
		ecosystem.CleanTexts(o)
		if !utf8.ValidString(o.Name) || strings.ContainsFunc(o.Name, func(r rune) bool {
			return r < 0x20 || r == 0x7F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
		}) {
			t.Fatalf("CleanTexts(%q) left %q", s, o.Name)
		}
		for _, p := range ecosystem.Validate(o, "") {
			if p.Field == "name" && !strings.Contains(p.Message, "characters, more than") && !strings.Contains(p.Message, "visible") && !strings.Contains(p.Message, "required") {
				t.Fatalf("after cleaning %q: %v", s, p)
			}
		}
	})
}
