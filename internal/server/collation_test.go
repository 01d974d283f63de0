// The orders the list tests expect, computed here with a Norwegian
// collation of the test's own, never taken from the server.

package server_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// norwegianRank gives each character its primary weight in Norwegian
// collation as the contract states it: whitespace, punctuation (in CLDR's
// order), digits, then a–z, æ, ø, å; case and accents do not count (é
// sorts with e, ü with y, ä with æ, ö with ø).
func norwegianRank(r rune) string {
	r = unicode.ToLower(r)
	if unicode.IsSpace(r) {
		return "\x01"
	}
	folded := map[rune]rune{'é': 'e', 'è': 'e', 'ê': 'e', 'á': 'a', 'à': 'a', 'í': 'i', 'ó': 'o', 'ô': 'o', 'ú': 'u', 'ü': 'y', 'ä': 'æ', 'ö': 'ø'}
	if f, ok := folded[r]; ok {
		r = f
	}
	const punctuation = "_-–,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
	switch {
	case strings.ContainsRune(punctuation, r):
		return fmt.Sprintf("\x02%02d", strings.IndexRune(punctuation, r))
	case r >= '0' && r <= '9':
		return "\x03" + string(r)
	case r >= 'a' && r <= 'z':
		return "\x04" + string(r)
	case r == 'æ':
		return "\x04{"
	case r == 'ø':
		return "\x04|"
	case r == 'å':
		return "\x04}"
	}
	return "\x05" + string(r)
}

// collationKey returns a string whose byte order is the Norwegian order
// of s, case-insensitively.
func collationKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(norwegianRank(r))
	}
	return b.String()
}

func TestCollationKeyOrdersNorwegianLetters(t *testing.T) {
	want := []string{"aker biomed", "Akershus", "Helse Møre", "Helse- og", "Helsedirektoratet", "Nærings", "zebra", "Ærfugl", "Ørnereir", "østlandet", "Åsane"}
	got := append([]string(nil), want...)
	sort.Slice(got, func(i, j int) bool { return collationKey(got[i]) < collationKey(got[j]) })
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("order %q, want %q", got, want)
	}
	if collationKey("ÅSANE HELSELAG") != collationKey("Åsane helselag") {
		t.Errorf("case counts in the key")
	}
}

// orderKey is how the test computes one order: the key of a fact and
// whether it is a number.
type orderKey struct {
	numeric bool
	text    func(fact) string
	number  func(fact) float64
}

func byName() orderKey { return orderKey{text: func(f fact) string { return collationKey(f.name) }} }

// byDate sorts by a date; an absent date sorts first (ascending).
func byDate(k string) orderKey { return orderKey{text: func(f fact) string { return f.dates[k] }} }

// byNumber sorts by a number; an absent number sorts first (ascending).
func byNumber(k string) orderKey {
	return orderKey{numeric: true, number: func(f fact) float64 {
		if v, ok := f.numbers[k]; ok {
			return v
		}
		return -1
	}}
}

// sortedIDs returns the ids of facts in order: the key in the direction
// asked, ties by id ascending.
func sortedIDs(facts []fact, k orderKey, desc bool) []string {
	fs := append([]fact(nil), facts...)
	sort.SliceStable(fs, func(i, j int) bool {
		c := 0
		if k.numeric {
			a, b := k.number(fs[i]), k.number(fs[j])
			if a < b {
				c = -1
			} else if a > b {
				c = 1
			}
		} else {
			c = strings.Compare(k.text(fs[i]), k.text(fs[j]))
		}
		if desc {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
		return fs[i].id < fs[j].id
	})
	ids := make([]string, len(fs))
	for i, f := range fs {
		ids[i] = f.id
	}
	return ids
}
