package storekit

import (
	_ "embed"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Search works the same on every store: a store finds the candidates
// (every entity that has, for each word of the query, a word starting
// with it or with one of its vocabulary terms) and ranks them with
// SearchQuery.Rank over the entity's folded search fields, which it keeps
// beside the entity (SearchFieldsProperty) so that neither finding nor
// ranking decodes entities.

// SearchFieldsProperty and SearchWordsProperty are the stored properties
// search reads: an entity's folded search texts by field (see
// EncodeSearchFields) and all of their words, one text per line, for a
// full-text index to find words in.
const (
	SearchFieldsProperty = "searchFields"
	SearchWordsProperty  = "searchWords"
)

// SearchFieldsVersion starts every stored SearchFieldsProperty. It names
// the folding and the encoding: change it when Fold or the encoding
// changes, so that stores recompute what they keep.
const SearchFieldsVersion = "fold1"

// Fold returns text as search compares it: lower case, accents dropped
// (é to e, ü to u), the Norwegian and Danish letters written in ASCII as
// people type them (ø to o, æ to ae, å to a) and a run of a's taken as one
// (so that "Nygård", "Nygaard" and "Nygard" are one name).
func Fold(text string) string {
	var b strings.Builder
	last := rune(0)
	for _, r := range norm.NFD.String(strings.ToLower(text)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		s := string(r)
		switch r {
		case 'ø':
			s = "o"
		case 'æ':
			s = "ae"
		case 'œ':
			s = "oe"
		case 'ß':
			s = "ss"
		case 'ð', 'đ':
			s = "d"
		case 'þ':
			s = "th"
		case 'ł':
			s = "l"
		case 'a':
			if last == 'a' {
				continue
			}
		}
		b.WriteString(s)
		last = rune(s[len(s)-1])
	}
	return b.String()
}

// SearchWords splits text into folded words of letters and digits;
// everything else (quotes, wildcards, operators) separates words, so no
// character has a special meaning.
func SearchWords(text string) []string {
	return strings.FieldsFunc(Fold(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// SearchFields are an entity's search texts by field name, each text
// folded to its words joined by single spaces.
type SearchFields map[string][]string

// SearchFieldsOf returns the folded search texts of an entity.
func SearchFieldsOf(n ecosystem.Node) SearchFields {
	out := SearchFields{}
	for f, texts := range n.SearchTexts() {
		for _, t := range texts {
			if words := SearchWords(t); len(words) > 0 {
				out[f] = append(out[f], strings.Join(words, " "))
			}
		}
	}
	return out
}

// Encode returns fields as one string: the version line, then a
// "field<TAB>text" line per text, fields in name order.
func (fs SearchFields) Encode() string {
	names := make([]string, 0, len(fs))
	for f := range fs {
		names = append(names, f)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(SearchFieldsVersion)
	for _, f := range names {
		for _, t := range fs[f] {
			b.WriteString("\n" + f + "\t" + t)
		}
	}
	return b.String()
}

// Words returns every word of every text, one text per line: what a
// full-text index finds entities by (SearchWordsProperty).
func (fs SearchFields) Words() string {
	names := make([]string, 0, len(fs))
	for f := range fs {
		names = append(names, f)
	}
	sort.Strings(names)
	var lines []string
	for _, f := range names {
		lines = append(lines, fs[f]...)
	}
	return strings.Join(lines, "\n")
}

// DecodeSearchFields reads what Encode wrote. It reports false when the
// text is missing or was written by another version, and the store must
// compute the fields from the entity again.
func DecodeSearchFields(v any) (SearchFields, bool) {
	text, _ := v.(string)
	lines := strings.Split(text, "\n")
	if lines[0] != SearchFieldsVersion {
		return nil, false
	}
	fs := SearchFields{}
	for _, l := range lines[1:] {
		if f, t, ok := strings.Cut(l, "\t"); ok {
			fs[f] = append(fs[f], t)
		}
	}
	return fs, true
}

// SearchQuery is user text made ready to find and rank: its folded words,
// each with the vocabulary's other terms for it.
type SearchQuery struct {
	// Words are the folded words of the text.
	Words []string
	// Terms holds, for each word, what may stand for it: the word itself
	// first, then its vocabulary terms, each a list of words that must
	// all match.
	Terms [][][]string
}

// ParseSearch returns the query for user text; it has no words when the
// text has no letters or digits.
func ParseSearch(text string) SearchQuery {
	q := SearchQuery{Words: SearchWords(text)}
	for _, w := range q.Words {
		terms := [][]string{{w}}
		for _, t := range vocabulary[w] {
			if !(len(t) == 1 && t[0] == w) {
				terms = append(terms, t)
			}
		}
		q.Terms = append(q.Terms, terms)
	}
	return q
}

// fieldWeights rank the fields: an entity's own name above its other
// names, those above its numbers and descriptions.
var fieldWeights = map[string]float64{
	"name": 3, "title": 3, "shortName": 2.5, "acronym": 2.5, "aliases": 2,
	"identifier": 1.5, "code": 1.5, "orgNumber": 1.5, "pic": 1.5, "vat": 1.5, "about": 1,
}

// Match qualities of one query word in a text.
const (
	exactWord  = 1.0 // the word itself
	prefixWord = 0.8 // a word that starts with it
	viaTerm    = 0.5 // through a vocabulary term
)

// Rank scores an entity's search fields for the query, 0 when some word
// matches nowhere (the entity is not a hit). Ties are broken, in order,
// by the best text's tier (the whole text is the query: an exact name;
// the text starts with the query: a name prefix; the text holds every
// word as typed; it holds them, some through the vocabulary; the words
// are spread over texts), its field's weight, its length (shorter first)
// and how exactly the words matched. It also returns the field of the best text.
func (q SearchQuery) Rank(fs SearchFields) (score float64, field string) {
	if len(q.Words) == 0 {
		return 0, ""
	}
	names := make([]string, 0, len(fs))
	for f := range fs {
		names = append(names, f)
	}
	sort.Strings(names)
	split := map[string][][]string{}
	for _, f := range names {
		for _, t := range fs[f] {
			split[f] = append(split[f], strings.Fields(t))
		}
	}
	// Every word must match somewhere, through any of its terms.
	for _, terms := range q.Terms {
		found := false
		for _, f := range names {
			for _, words := range split[f] {
				if _, ok := matchTerms(terms, words); ok {
					found = true
				}
			}
		}
		if !found {
			return 0, ""
		}
	}
	phrase := strings.Join(q.Words, " ")
	best := 0.0
	for _, f := range names {
		weight := fieldWeights[f]
		if weight == 0 {
			weight = 1
		}
		for i, words := range split[f] {
			tier, quality, matched, literal := 0.0, 0.0, 0, true
			for _, terms := range q.Terms {
				if mq, ok := matchTerms(terms, words); ok {
					quality += mq
					matched++
					literal = literal && mq != viaTerm
				}
			}
			if matched == 0 {
				continue
			}
			switch text := fs[f][i]; {
			case matched < len(q.Terms):
				// The words are spread over texts: below any text that
				// holds them all, by the share this one holds.
			case text == phrase:
				tier = 3
			case strings.HasPrefix(text, phrase):
				tier = 2
			case literal:
				tier = 1.5
			default:
				tier = 1
			}
			var s float64
			if tier == 0 {
				s = weight * 100 * float64(matched) / float64(len(q.Terms))
			} else {
				s = tier*1000 + weight*100 + 50/float64(len(words)) + quality/float64(len(q.Terms))*5
			}
			if s > best {
				best, field = s, f
			}
		}
	}
	return best, field
}

// matchTerms returns how well one query word, through the first of its
// terms that matches, matches a text's words; ok is false when none does.
func matchTerms(terms [][]string, words []string) (quality float64, ok bool) {
	for i, term := range terms {
		q := 1.0
		for _, w := range term {
			mq := matchWord(w, words)
			if mq == 0 {
				q = 0
				break
			}
			q = min(q, mq)
		}
		if q > 0 {
			if i > 0 {
				q = viaTerm
			}
			if !ok || q > quality {
				quality, ok = q, true
			}
		}
	}
	return quality, ok
}

// matchWord returns how a query word matches the best of a text's words.
func matchWord(w string, words []string) float64 {
	best := 0.0
	for _, tw := range words {
		switch {
		case tw == w:
			return exactWord
		case strings.HasPrefix(tw, w):
			best = prefixWord
		}
	}
	return best
}

// Ranked is a hit before its entity is read: its id, score and matched
// field.
type Ranked struct {
	ID    string
	Score float64
	Field string
}

// Best orders hits best first, ties by id, and keeps at most
// ecosystem.MaxSearchHits of them.
func Best(hits []Ranked) []Ranked {
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
	if len(hits) > ecosystem.MaxSearchHits {
		hits = hits[:ecosystem.MaxSearchHits]
	}
	return hits
}

//go:embed vocabulary.txt
var vocabularyText string

// vocabulary maps a folded word to the terms of its group (see
// vocabulary.txt), each term a list of folded words.
var vocabulary = parseVocabulary(vocabularyText)

// parseVocabulary reads vocabulary.txt. Only single-word terms lead to
// others: a query is split into words before it is expanded.
func parseVocabulary(text string) map[string][][]string {
	out := map[string][][]string{}
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var group [][]string
		for _, t := range strings.Split(line, ",") {
			if words := SearchWords(t); len(words) > 0 {
				group = append(group, words)
			}
		}
		for _, t := range group {
			if len(t) == 1 {
				out[t[0]] = append(out[t[0]], group...)
			}
		}
	}
	return out
}
