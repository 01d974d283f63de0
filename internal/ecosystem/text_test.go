package ecosystem_test

import (
	"strings"
	"testing"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// TestValidateRefusesHostileText holds every stored text to its bounds:
// a length per field, no control, bidi-override or invisible-only text,
// websites only as http(s) URLs, bounded lists; each refusal names its
// field.
func TestValidateRefusesHostileText(t *testing.T) {
	org := func(f func(o *ecosystem.Organisation)) ecosystem.Node {
		o := &ecosystem.Organisation{Meta: ecosystem.Meta{ID: "org"}, Name: "Org", Sector: ecosystem.SectorResearch}
		f(o)
		return o
	}
	project := func(f func(p *ecosystem.Project)) ecosystem.Node {
		p := &ecosystem.Project{Meta: ecosystem.Meta{ID: "p"}, Name: "P", Status: ecosystem.ProjectOngoing}
		f(p)
		return p
	}
	many := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = "x"
		}
		return out
	}
	tests := []struct {
		name  string
		node  ecosystem.Node
		field string // "" when valid
	}{
		{"plain", org(func(*ecosystem.Organisation) {}), ""},
		{"Norwegian letters and an emoji joiner", org(func(o *ecosystem.Organisation) { o.Name = "Ålesund sjukehus 👩‍⚕️" }), ""},
		{"name at the limit", org(func(o *ecosystem.Organisation) { o.Name = strings.Repeat("å", ecosystem.MaxNameLength) }), ""},
		{"name too long", org(func(o *ecosystem.Organisation) { o.Name = strings.Repeat("a", ecosystem.MaxNameLength+1) }), "name"},
		{"ten megabyte name", org(func(o *ecosystem.Organisation) { o.Name = strings.Repeat("a", 10<<20) }), "name"},
		{"control character", org(func(o *ecosystem.Organisation) { o.Name = "Org\x00" }), "name"},
		{"line break in a name", org(func(o *ecosystem.Organisation) { o.Name = "Org\nInc" }), "name"},
		{"bidi override", org(func(o *ecosystem.Organisation) { o.Name = "Org\u202Egnp.exe" }), "name"},
		{"bidi isolate", org(func(o *ecosystem.Organisation) { o.ShortName = ptr("\u2066x\u2069") }), "shortName"},
		{"invisible only", org(func(o *ecosystem.Organisation) { o.Name = "\u200B\u200D\uFEFF" }), "name"},
		{"invisible-only alias", org(func(o *ecosystem.Organisation) { o.Aliases = []string{"ok", "\u2060 "} }), "aliases[1]"},
		{"invalid UTF-8", org(func(o *ecosystem.Organisation) { o.Name = "Org\xff" }), "name"},
		{"too many aliases", org(func(o *ecosystem.Organisation) { o.Aliases = many(ecosystem.MaxListItems + 1) }), "aliases"},
		{"too many focus themes", org(func(o *ecosystem.Organisation) { o.Focus = many(ecosystem.MaxListItems + 1) }), "focus"},
		{"https website", org(func(o *ecosystem.Organisation) { o.Website = ptr("https://example.org/a?b=c") }), ""},
		{"javascript website", org(func(o *ecosystem.Organisation) { o.Website = ptr("javascript:alert(1)") }), "website"},
		{"data website", org(func(o *ecosystem.Organisation) { o.Website = ptr("data:text/html,<script>") }), "website"},
		{"website without scheme", org(func(o *ecosystem.Organisation) { o.Website = ptr("www.example.org") }), "website"},
		{"website with a password", org(func(o *ecosystem.Organisation) { o.Website = ptr("https://u:p@example.org") }), "website"},
		{"website without host", org(func(o *ecosystem.Organisation) { o.Website = ptr("http:///x") }), "website"},
		{"description with lines", project(func(p *ecosystem.Project) { p.Description = ptr("One.\r\n\tTwo.") }), ""},
		{"description too long", project(func(p *ecosystem.Project) { p.Description = ptr(strings.Repeat("a", ecosystem.MaxTextLength+1)) }), "description"},
		{"description with a bell", project(func(p *ecosystem.Project) { p.Description = ptr("ding\a") }), "description"},
		{"acronym too long", project(func(p *ecosystem.Project) { p.Acronym = ptr(strings.Repeat("A", ecosystem.MaxShortLength+1)) }), "acronym"},
		{"source quote with a control character", project(func(p *ecosystem.Project) {
			p.Sources = []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "doc", Quote: "q\x1b[31m"}}
		}), "sources[0].quote"},
		{"too many sources", project(func(p *ecosystem.Project) {
			p.Sources = make([]ecosystem.Source, ecosystem.MaxSources+1)
			for i := range p.Sources {
				p.Sources[i] = ecosystem.Source{Kind: ecosystem.SourceDocument, Reference: "doc"}
			}
		}), "sources"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := ecosystem.Validate(tt.node, "")
			if tt.field == "" {
				if len(errs) > 0 {
					t.Fatalf("Validate = %v, want no problem", errs)
				}
				return
			}
			for _, e := range errs {
				if e.Field == tt.field && e.Code == ecosystem.CodeBadUserInput {
					return
				}
			}
			t.Fatalf("Validate = %.300v, want a problem at %q", errs, tt.field)
		})
	}
}

// TestCleanTextsRepairsRegisterText shows what an import's cleaning does:
// one-line texts lose line breaks, tabs, control and bidi characters;
// descriptions keep their lines; what is left passes Validate.
func TestCleanTextsRepairsRegisterText(t *testing.T) {
	p := &ecosystem.Project{Meta: ecosystem.Meta{ID: "p"}, Status: ecosystem.ProjectOngoing,
		Name:        " Cancer\x1a screening\tin\nNorway\u202E ",
		Aliases:     []string{"A\x00B"},
		Description: ptr("Line one.\nLine\x07 two.\xff"),
	}
	ecosystem.CleanTexts(p)
	if p.Name != "Cancer screening in Norway" || p.Aliases[0] != "AB" || *p.Description != "Line one.\nLine two." {
		t.Fatalf("cleaned: name %q, aliases %q, description %q", p.Name, p.Aliases, *p.Description)
	}
	if errs := ecosystem.Validate(p, ""); len(errs) > 0 {
		t.Fatalf("Validate after cleaning = %v", errs)
	}
}
