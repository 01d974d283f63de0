package storekit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// InternalProperties are the StoredProperties that are not part of an
// entity; readers drop them before decoding.
var InternalProperties = []string{"sortKey", "searchText", "aliasText", "contentHash", EditedProperty, SearchFieldsProperty, SearchWordsProperty}

// StoredProperties returns what a store keeps for an entity: its
// ecosystem.Properties without version and updatedAt (which the store
// maintains), plus sortKey (the collation key lists order by),
// searchText (what text conditions search), aliasText (aliases as one
// string) and contentHash, which tells a merge whether anything changed,
// and after it the folded search fields and words (SetSearchProperties),
// which the hash leaves out: they follow from the rest, and a new way of
// folding must not make every entity look changed.
func StoredProperties(n ecosystem.Node) map[string]any {
	props := ecosystem.Properties(n)
	delete(props, "version")
	delete(props, "updatedAt")
	props["sortKey"] = ecosystem.SortKey(n.SortName())
	props["searchText"] = searchText(n)
	if aliases := n.SearchTexts()["aliases"]; len(aliases) > 0 {
		props["aliasText"] = strings.Join(aliases, "\n")
	}
	sum := sha256.Sum256(canonicalBytes(props))
	props["contentHash"] = hex.EncodeToString(sum[:])
	SetSearchProperties(props, n)
	return props
}

// SetSearchProperties sets an entity's folded search fields and words
// (SearchFieldsProperty, SearchWordsProperty) in its stored properties.
func SetSearchProperties(props map[string]any, n ecosystem.Node) {
	fs := SearchFieldsOf(n)
	props[SearchFieldsProperty] = fs.Encode()
	props[SearchWordsProperty] = fs.Words()
}

// searchText returns the lowercased text a substring search looks in: all
// of the entity's search texts, one per line.
func searchText(n ecosystem.Node) string {
	texts := n.SearchTexts()
	fields := make([]string, 0, len(texts))
	for f := range texts {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	var parts []string
	for _, f := range fields {
		parts = append(parts, texts[f]...)
	}
	return strings.ToLower(strings.Join(parts, "\n"))
}

// canonicalBytes returns properties as bytes that are equal exactly when the
// properties say the same: map keys sorted, numbers of any Go type alike,
// and the times of sources left out, so that an editor who saves nothing
// new changes nothing (not even the time of their source).
func canonicalBytes(props map[string]any) []byte {
	m := props
	if text, ok := props["sources"].(string); ok {
		var sources []ecosystem.Source
		if json.Unmarshal([]byte(text), &sources) == nil {
			m = make(map[string]any, len(props))
			for k, v := range props {
				m[k] = v
			}
			keys := make([]string, len(sources))
			for i, s := range sources {
				keys[i] = sourceKey(s)
			}
			m["sources"] = keys
		}
	}
	b, _ := json.Marshal(m) // map keys marshal sorted
	return b
}

// sameProperties reports whether two sets of store properties say the
// same (see canonicalBytes).
func sameProperties(a, b map[string]any) bool {
	return string(canonicalBytes(a)) == string(canonicalBytes(b))
}
