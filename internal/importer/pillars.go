package importer

import (
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// pillarRule tags a project with pillars of Europe's Beating Cancer Plan
// from the words of its text: a text that names cancer (context) covers
// each pillar one of whose words it contains, and a cancer text that
// names no pillar's words covers fallback (none when empty). Words match
// anywhere in the lower-cased text, so "therap" finds "therapy" and
// "immunotherapy". A pillar's unless phrases are blanked out before its
// words are looked for, so that "early diagnosis" is early detection, not
// diagnosis and treatment.
//
// The rule is measured against a hand-labelled sample of imported health
// projects (testdata/pillar-labels.csv, see pillars_test.go); change it
// only with the measurement.
type pillarRule struct {
	name     string
	context  []string
	pillars  []pillarWords
	fallback string
}

// pillarWords are the words that put a cancer text on one pillar.
type pillarWords struct {
	pillar string
	words  []string
	unless []string
}

// field is one named text of a record (a title, a topic, an abstract).
type field struct {
	name, text string
}

// pillarTag is one pillar a rule gives a text, with what it matched:
// "field: word" for the cancer word and for the pillar's word.
type pillarTag struct {
	pillar string
	inputs []string
}

// pillarKeywords is the rule the importers tag projects with. Against its
// first version (which put every vaccine under prevention and any cancer
// text with no theme under diagnosis and treatment) it reads a cancer
// vaccine as a therapy unless it is prophylactic or against HPV, knows
// more cancer words (glioma, sarcoma, neoantigen, ...), needs a word of
// diagnosis or treatment for that pillar, and counts chronic conditions
// and patient-reported outcomes under quality of life.
var pillarKeywords = pillarRule{
	name: "pillar keywords v2",
	context: []string{"cancer", "tumour", "tumor", "oncolog", "leukaem", "leukem", "lymphoma", "melanoma",
		"carcinoma", "glioblastoma", "glioma", "sarcoma", "myeloma", "neoplas", "metasta", "neoantigen", "carcinogen"},
	pillars: []pillarWords{
		{pillar: "forebygging", words: []string{"prevent", "risk factor", "tobacco", "smoking", "alcohol", "lifestyle",
			"carcinogen", "prophyla", "hpv", "papilloma"}},
		{pillar: "tidlig-oppdagelse", words: []string{"screen", "early detection", "early diagnos", "colonoscop"}},
		{pillar: "diagnose-og-behandling", words: []string{"therap", "treat", "drug", "surg", "immun", "vaccin", "diagnos",
			"imaging", "stratif", "prognos", "personali", "precision", "xenograft", "translational", "clinical", "oncolog",
			"intervention"},
			unless: []string{"early diagnos", "clinical trials", "hpv vaccin", "prophylactic vaccin",
				"after treatment", "after cancer treatment", "after the cancer treatment"}},
		{pillar: "livskvalitet", words: []string{"survivor", "quality of life", "palliat", "rehabilitation", "psychosocial",
			"end-of-life", "chronic condition", "patient reported", "patient-reported", "multimorbid"}},
	},
}

// tags returns the pillars the rule gives a record, in the rule's order
// of pillars; nil when none of its fields names cancer. own is the
// project's own text (title, abstract), call the text of the call it
// answers (a topic): both may say the project is about cancer, but the
// call's words choose pillars only when the project's own text names
// none, since a call on "disease prevention" or "after the cancer
// treatment" says little of what one project in it does.
func (r pillarRule) tags(own, call []field) []pillarTag {
	own, call = lowered(own), lowered(call)
	cancer := firstMatch(append(own, call...), r.context, nil)
	if cancer == "" {
		return nil
	}
	var out []pillarTag
	for _, fields := range [][]field{own, call} {
		for _, p := range r.pillars {
			if m := firstMatch(fields, p.words, p.unless); m != "" {
				out = append(out, pillarTag{p.pillar, []string{cancer, m}})
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	if r.fallback != "" {
		out = []pillarTag{{r.fallback, []string{cancer}}}
	}
	return out
}

func lowered(fields []field) []field {
	out := make([]field, len(fields))
	for i, f := range fields {
		out[i] = field{f.name, strings.ToLower(f.text)}
	}
	return out
}

// firstMatch returns "field: word" for the first word found in a field
// once the unless phrases are blanked out, or "" when none is.
func firstMatch(fields []field, words, unless []string) string {
	for _, f := range fields {
		text := f.text
		for _, u := range unless {
			text = strings.ReplaceAll(text, u, " ")
		}
		for _, w := range words {
			if strings.Contains(text, w) {
				return f.name + ": " + w
			}
		}
	}
	return ""
}

// cover links a project to the pillars the rule gives its own text and
// its call's (see pillarRule.tags), each link an inferred fact: the
// rule's name and what it matched, with the file and line the fields
// were read from.
func (b *builder) cover(projectID string, line int, own, call []field) {
	for _, t := range pillarKeywords.tags(own, call) {
		if !b.pillars[t.pillar] {
			continue
		}
		src := ecosystem.Source{Kind: ecosystem.SourceInferred, Reference: b.file, Row: ptr(line),
			Rule: pillarKeywords.name, Inputs: t.inputs}
		b.link(projectID, ecosystem.RelCovers, t.pillar, &ecosystem.LinkFacts{Sources: []ecosystem.Source{src}})
	}
}
