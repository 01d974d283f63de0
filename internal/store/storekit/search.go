package storekit

import (
	"sort"
	"strings"
	"unicode"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// SearchWords splits user text into lowercase words of letters and
// digits; everything else (quotes, wildcards, operators) separates words,
// so no character has a special meaning.
func SearchWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// fieldWeights rank where a match counts most.
var fieldWeights = map[string]float64{
	"name": 3, "title": 3, "shortName": 2.5, "acronym": 2.5, "aliases": 2,
	"identifier": 1.5, "code": 1.5, "orgNumber": 1.5, "about": 1,
}

// MatchText scores how well words match an entity's search texts: each
// word must match some word of some field exactly (1) or as a prefix
// (0.6), weighted by the field; the score is the sum, 0 when a word
// matches nowhere. It also returns the field that contributed most. It
// is the embedded store's ranking, and every store uses it to name the
// matched field.
func MatchText(n ecosystem.Node, words []string) (score float64, field string) {
	texts := n.SearchTexts()
	fields := make([]string, 0, len(texts))
	for f := range texts {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	best := map[string]float64{}
	for _, w := range words {
		matched := false
		for _, f := range fields {
			weight := fieldWeights[f]
			if weight == 0 {
				weight = 1
			}
			top := 0.0
			for _, t := range texts[f] {
				for _, tw := range SearchWords(t) {
					switch {
					case tw == w:
						top = max(top, 1)
					case strings.HasPrefix(tw, w):
						top = max(top, 0.6)
					}
				}
			}
			if top > 0 {
				matched = true
				score += top * weight
				best[f] += top * weight
			}
		}
		if !matched {
			return 0, ""
		}
	}
	for _, f := range fields {
		if best[f] > best[field] || field == "" && best[f] > 0 {
			field = f
		}
	}
	return score, field
}

// SortHits orders hits best first, ties by id.
func SortHits(hits []ecosystem.SearchHit) {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Node.NodeMeta().ID < hits[j].Node.NodeMeta().ID
	})
}
