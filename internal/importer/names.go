package importer

import (
	"strings"
	"unicode"
)

// Registers such as the Research Council's write names in capitals
// ("UNIVERSITETET I OSLO"). properName writes them as people do
// ("Universitetet i Oslo"): Norwegian names in sentence case (the first
// word capitalised, proper nouns kept), companies and English names in
// title case, small words in lower case, acronyms and company forms in
// capitals. The register's spelling stays an alias of the organisation,
// so it is still found by it.

// smallWords stay in lower case after the first word.
var smallWords = set("i", "og", "for", "av", "på", "til", "med", "ved", "om", "fra", "mot", "under", "etter", "over", "som",
	"of", "and", "the", "in", "at", "on", "de", "du", "la", "et")

// companyForms are written in capitals; the first set marks a company,
// whose name is written in title case.
var (
	businessForms = set("as", "asa", "ans", "da", "sa", "ba", "nuf", "ks", "ab", "bbl", "ltd", "gmbh", "inc")
	publicForms   = set("hf", "rhf", "sf", "iks", "kf", "fkf", "eric")
)

// acronyms are organisations' own abbreviations that read like words.
var acronyms = set("sintef", "ntnu", "norce", "nilu", "niva", "nina", "nibio", "nupi", "nifu", "nmbu", "nhh", "norsar",
	"cicero", "prio", "snf", "ife", "ngi", "ngu", "nve", "ffi", "bi", "unn", "ikt", "its")

// properNouns are place names written capitalised wherever they stand.
var properNouns = map[string]string{"norge": "Norge", "norges": "Norges", "vestlandet": "Vestlandet",
	"sørlandet": "Sørlandet", "østlandet": "Østlandet", "nord-norge": "Nord-Norge", "midt-norge": "Midt-Norge",
	"innlandet": "Innlandet", "østfold": "Østfold", "agder": "Agder", "sør-øst": "Sør-Øst", "europa": "Europa"}

// englishWords mark a name written in English, which is title-cased.
var englishWords = set("of", "and", "the", "foundation", "research", "centre", "center", "institute", "university",
	"norway", "norwegian", "european", "international", "council", "association", "technology", "health",
	"innovation", "innovations", "coalition", "consulting", "nordic", "consortium", "federation", "solutions", "systems")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// properName returns a name from an all-caps register as people write
// it; a name with any lower-case letter is already written so and is
// returned as it is. spelling gives the written form of a word known
// from elsewhere (the graph's names, the row's municipality and short
// name), keyed by the word in lower case; it may be nil.
func properName(register string, spelling func(lower string) (string, bool)) string {
	if strings.IndexFunc(register, unicode.IsLower) >= 0 {
		return register
	}
	words := strings.Fields(register)
	title := false
	for _, w := range words {
		k := strings.ToLower(strings.Trim(w, "()[],.&/"))
		title = title || englishWords[k]
	}
	if len(words) > 1 && businessForms[strings.ToLower(words[len(words)-1])] {
		title = true
	}
	out := make([]string, len(words))
	for i, w := range words {
		// A dash or slash between words starts a new part of the name.
		first := i == 0 || words[i-1] == "-" || words[i-1] == "/"
		out[i] = caseWord(w, first, title, spelling)
	}
	return strings.Join(out, " ")
}

// caseWord writes one word of a name; punctuation around it stays, and
// each part of a hyphenated word is written on its own.
func caseWord(w string, first, title bool, spelling func(string) (string, bool)) string {
	core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if core == "" {
		return w
	}
	at := strings.Index(w, core)
	lead, trail := w[:at], w[at+len(core):]
	if strings.HasPrefix(lead, "(") && strings.HasSuffix(trail, ")") {
		return w // an abbreviation in brackets: (NMBU), (DSB)
	}
	k := strings.ToLower(core)
	if form, ok := known(k, spelling); ok {
		return lead + form + trail
	}
	if strings.Contains(core, "-") {
		parts := strings.Split(core, "-")
		for j, p := range parts {
			if p != "" {
				parts[j] = caseWord(p, first && j == 0, title, spelling)
			}
		}
		return lead + strings.Join(parts, "-") + trail
	}
	switch {
	case businessForms[k] || publicForms[k] || acronyms[k] || !hasVowel(k) || strings.IndexFunc(k, unicode.IsDigit) >= 0:
		return w
	case !first && smallWords[k]:
		return lead + k + trail
	case first || title:
		return lead + capitalise(k) + trail
	}
	return lead + k + trail
}

// known returns the spelling of a word known from elsewhere or a proper
// noun.
func known(k string, spelling func(string) (string, bool)) (string, bool) {
	if spelling != nil {
		if form, ok := spelling(k); ok {
			return form, true
		}
	}
	form, ok := properNouns[k]
	return form, ok
}

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouyæøåéèáàóòüäö") }

func capitalise(s string) string {
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
