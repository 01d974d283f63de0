package ecosystem

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// jsonProperties are properties whose values are structured and so are
// stored as JSON text: stores hold flat values only.
var jsonProperties = map[string]bool{"sources": true, "requirements": true}

// Properties returns an entity's fields as flat store properties: strings,
// numbers, booleans and lists of strings, with structured values as JSON
// text and absent values left out. It is the one encoding every store
// uses, so that stores agree on what an entity holds.
func Properties(v any) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("ecosystem: encoding %T: %v", v, err))
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		panic(fmt.Sprintf("ecosystem: decoding %T: %v", v, err))
	}
	for k, val := range m {
		switch {
		case val == nil:
			delete(m, k)
		case jsonProperties[k]:
			text, _ := json.Marshal(val)
			m[k] = string(text)
		default:
			if list, ok := val.([]any); ok {
				out := make([]string, 0, len(list))
				for _, x := range list {
					out = append(out, fmt.Sprint(x))
				}
				m[k] = out
			}
		}
	}
	return m
}

// DecodeProperties fills v (a pointer to an entity or to a link's
// properties) from store properties made by Properties. Properties it does
// not know are ignored.
func DecodeProperties(props map[string]any, v any) error {
	m := make(map[string]any, len(props))
	for k, val := range props {
		if s, ok := val.(string); ok && jsonProperties[k] {
			var x any
			if err := json.Unmarshal([]byte(s), &x); err != nil {
				return fmt.Errorf("property %s: %w", k, err)
			}
			m[k] = x
			continue
		}
		m[k] = val
	}
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// NodeFromProperties builds an entity of the given label from store
// properties.
func NodeFromProperties(l Label, props map[string]any) (Node, error) {
	n := NewNode(l)
	if n == nil {
		return nil, fmt.Errorf("unknown label %q", l)
	}
	if err := DecodeProperties(props, n); err != nil {
		return nil, fmt.Errorf("decoding %s %v: %w", l, props["id"], err)
	}
	return n, nil
}

// LinkProperties returns what a link states as flat store properties (see
// Properties); nil states nothing. With LinkPropsFromProperties it is the
// one encoding of links every store uses.
func LinkProperties(p LinkProps) map[string]any {
	if p == nil {
		return map[string]any{}
	}
	return Properties(p)
}

// LinkPropsFromProperties builds the properties of a link of type t (of
// the kind NewLinkProps gives) from store properties made by
// LinkProperties.
func LinkPropsFromProperties(t RelType, props map[string]any) (LinkProps, error) {
	p := NewLinkProps(t)
	if p == nil {
		return nil, fmt.Errorf("unknown relationship type %q", t)
	}
	if err := DecodeProperties(props, p); err != nil {
		return nil, fmt.Errorf("decoding a %s link: %w", t, err)
	}
	return p, nil
}

// SearchText returns the lowercased text a substring search looks in: all
// of the entity's search texts, one per line.
func SearchText(n Node) string {
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

// StoredProperties returns what a store keeps for an entity: its
// Properties without version and updatedAt (which the store maintains),
// plus sortKey (the collation key lists order by), searchText (what text
// conditions search), aliasText (aliases as one string, for full-text
// indexes) and contentHash, which tells a merge whether anything changed.
func StoredProperties(n Node) map[string]any {
	props := Properties(n)
	delete(props, "version")
	delete(props, "updatedAt")
	props["sortKey"] = SortKey(n.SortName())
	props["searchText"] = SearchText(n)
	if aliases := n.SearchTexts()["aliases"]; len(aliases) > 0 {
		props["aliasText"] = strings.Join(aliases, "\n")
	}
	sum := sha256.Sum256(canonicalBytes(props))
	props["contentHash"] = hex.EncodeToString(sum[:])
	return props
}

// canonicalBytes returns properties as bytes that are equal exactly when the
// properties say the same: map keys sorted, numbers of any Go type alike,
// and the times of sources left out, so that an editor who saves nothing
// new changes nothing (not even the time of their source).
func canonicalBytes(props map[string]any) []byte {
	m := props
	if text, ok := props["sources"].(string); ok {
		var sources []Source
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

// SameProperties reports whether two sets of store properties say the
// same (see canonicalBytes).
func SameProperties(a, b map[string]any) bool {
	return string(canonicalBytes(a)) == string(canonicalBytes(b))
}

// setLinkSources stores sources in a link's properties.
func setLinkSources(props map[string]any, sources []Source) {
	if len(sources) == 0 {
		delete(props, "sources")
		return
	}
	text, _ := json.Marshal(sources)
	props["sources"] = string(text)
}

// InternalProperties are the StoredProperties that are not part of an
// entity; readers drop them before decoding.
var InternalProperties = []string{"sortKey", "searchText", "aliasText", "contentHash", EditedProperty}
