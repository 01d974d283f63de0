package ecosystem

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The bounds of stored text, in characters, and of stored lists, in
// items. They keep one entity small (its sort key and search text are
// derived from its texts) whoever writes it: an editor, the seed or an
// import. The README's limits table lists the same values.
const (
	// MaxNameLength bounds names and titles.
	MaxNameLength = 500
	// MaxShortLength bounds short texts: short names, acronyms, codes,
	// identifiers, units, places and the references of sources.
	MaxShortLength = 200
	// MaxTextLength bounds descriptions, quotes and reasons.
	MaxTextLength = 10000
	// MaxURLLength bounds a website.
	MaxURLLength = 2000
	// MaxListItems bounds aliases, focus themes, kinds, requirements and
	// a source's inputs.
	MaxListItems = 100
	// MaxSources bounds the sources of one entity or link.
	MaxSources = 1000
)

// textProblem says what is wrong with a stored text, or "" when nothing
// is: invalid UTF-8, more than max characters, a control character (a
// line break or tab only where multiline), a bidirectional override,
// embedding or isolate (which can make a name read as another), or
// nothing visible at all (only spaces and invisible characters).
func textProblem(s string, max int, multiline bool) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("has %d characters, more than the limit of %d", n, max)
	}
	visible := false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			if !multiline {
				return "must not contain line breaks or tabs"
			}
		case unicode.IsControl(r):
			return fmt.Sprintf("must not contain control characters (U+%04X)", r)
		case bidiControl(r):
			return fmt.Sprintf("must not contain bidirectional override, embedding or isolate characters (U+%04X)", r)
		case !visible && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Mn, r):
			visible = true
		}
	}
	if !visible && strings.TrimSpace(s) != "" {
		return "has no visible characters"
	}
	return ""
}

// bidiControl reports whether r is a bidirectional embedding, override
// or isolate (U+202A–U+202E, U+2066–U+2069).
func bidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// urlProblem says what is wrong with a website, or "" when nothing is:
// it must be an absolute http or https URL with a host, no user
// information and no spaces or control characters.
func urlProblem(s string) string {
	if p := textProblem(s, MaxURLLength, false); p != "" {
		return p
	}
	u, err := url.Parse(s)
	switch {
	case err != nil || strings.ContainsAny(s, " \\"):
		return "is not a URL"
	case u.Scheme != "http" && u.Scheme != "https":
		return "must be an http or https URL"
	case u.Host == "" || u.Hostname() == "":
		return "must name a host"
	case u.User != nil:
		return "must not contain a user name or password"
	}
	return ""
}

// texts is what eachText calls: text with every stored text (its input
// path, the text, its bound in characters and whether it may hold line
// breaks), list with every bounded list (its path, length and bound).
type texts struct {
	text func(field string, s *string, max int, multiline bool)
	list func(field string, n, max int)
}

// eachText calls t for every stored text and bounded list of n: the
// one table of which field holds what, for Validate and CleanTexts.
func eachText(n Node, t texts) {
	line := func(field string, s *string, max int) { t.text(field, s, max, false) }
	opt := func(field string, s *string, max int, multiline bool) {
		if s != nil {
			t.text(field, s, max, multiline)
		}
	}
	lines := func(field string, l []string, max int) {
		t.list(field, len(l), MaxListItems)
		for i := range l {
			line(fmt.Sprintf("%s[%d]", field, i), &l[i], max)
		}
	}
	eachSourceText(n.NodeMeta().Sources, "sources", t)
	switch e := n.(type) {
	case *Organisation:
		line("name", &e.Name, MaxNameLength)
		opt("shortName", e.ShortName, MaxShortLength, false)
		lines("aliases", e.Aliases, MaxNameLength)
		lines("focus", e.Focus, MaxShortLength)
		t.list("kinds", len(e.Kinds), MaxListItems)
		opt("municipality", e.Municipality, MaxShortLength, false)
		opt("county", e.County, MaxShortLength, false)
	case *Person:
		line("name", &e.Name, MaxNameLength)
	case *Role:
		line("title", &e.Title, MaxNameLength)
	case *Project:
		line("name", &e.Name, MaxNameLength)
		lines("aliases", e.Aliases, MaxNameLength)
		opt("acronym", e.Acronym, MaxShortLength, false)
		opt("code", e.Code, MaxShortLength, false)
		opt("description", e.Description, MaxTextLength, true)
	case *Call:
		line("title", &e.Title, MaxNameLength)
		opt("identifier", e.Identifier, MaxShortLength, false)
		opt("description", e.Description, MaxTextLength, true)
		t.list("requirements", len(e.Requirements), MaxListItems)
		for i := range e.Requirements {
			r := &e.Requirements[i]
			p := fmt.Sprintf("requirements[%d]", i)
			t.text(p+".description", &r.Description, MaxTextLength, true)
			lines(p+".focus", r.Focus, MaxShortLength)
			t.list(p+".sectors", len(r.Sectors), MaxListItems)
			t.list(p+".kinds", len(r.Kinds), MaxListItems)
		}
	case *Topic:
		line("title", &e.Title, MaxNameLength)
		opt("code", e.Code, MaxShortLength, false)
	case *Programme:
		line("name", &e.Name, MaxNameLength)
		lines("aliases", e.Aliases, MaxNameLength)
		opt("acronym", e.Acronym, MaxShortLength, false)
		opt("code", e.Code, MaxShortLength, false)
		opt("description", e.Description, MaxTextLength, true)
	case *Pillar:
		line("name", &e.Name, MaxNameLength)
		lines("aliases", e.Aliases, MaxNameLength)
	case *Event:
		line("title", &e.Title, MaxNameLength)
		opt("description", e.Description, MaxTextLength, true)
	case *Indicator:
		line("name", &e.Name, MaxNameLength)
		opt("unit", e.Unit, MaxShortLength, false)
		opt("about", e.About, MaxTextLength, true)
	}
}

// eachSourceText calls t for the texts of sources, under path.
func eachSourceText(sources []Source, path string, t texts) {
	t.list(path, len(sources), MaxSources)
	for i := range sources {
		s := &sources[i]
		p := fmt.Sprintf("%s[%d].", path, i)
		t.text(p+"reference", &s.Reference, MaxNameLength, false)
		t.text(p+"field", &s.Field, MaxShortLength, false)
		t.text(p+"rule", &s.Rule, MaxShortLength, false)
		t.text(p+"quote", &s.Quote, MaxTextLength, true)
		t.text(p+"reason", &s.Reason, MaxTextLength, true)
		t.list(p+"inputs", len(s.Inputs), MaxListItems)
		for j := range s.Inputs {
			t.text(fmt.Sprintf("%sinputs[%d]", p, j), &s.Inputs[j], MaxShortLength, false)
		}
	}
}

// checker reports every text problem (see textProblem) and overlong
// list into v, at the paths at gives.
func checker(v *ValidationErrors, at func(string) string) texts {
	return texts{
		text: func(field string, s *string, max int, multiline bool) {
			if p := textProblem(*s, max, multiline); p != "" {
				v.Add(at(field), "%s", p)
			}
		},
		list: func(field string, n, max int) {
			if n > max {
				v.Add(at(field), "has %d items, more than the limit of %d", n, max)
			}
		},
	}
}

// CleanTexts repairs, in place, what a register's file gets wrong in an
// entity's texts rather than what its writer chose: in one-line texts,
// line breaks and tabs become spaces; everywhere, other control
// characters, bidirectional overrides and invalid UTF-8 go, and so do
// spaces around the text. Imports call it on what they read; editors'
// input is not cleaned but refused by Validate, which still judges
// lengths, invisible-only text and websites after cleaning.
func CleanTexts(n Node) {
	eachText(n, texts{
		text: func(_ string, s *string, _ int, multiline bool) { *s = cleanText(*s, multiline) },
		list: func(string, int, int) {},
	})
}

// cleanText is CleanTexts for one text.
func cleanText(s string, multiline bool) string {
	if textProblem(s, len(s)+1, multiline) == "" {
		return s
	}
	s = strings.ToValidUTF8(s, "")
	out := strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			if multiline {
				return r
			}
			return ' '
		case unicode.IsControl(r) || bidiControl(r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(out)
}
