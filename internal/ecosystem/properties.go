package ecosystem

import (
	"encoding/json"
	"fmt"
)

// jsonProperties are properties whose values are structured and so are
// stored as JSON text: stores hold flat values only.
var jsonProperties = map[string]bool{"sources": true, "requirements": true, "budgets": true}

// Structured reports whether a property holds a structured value, which
// Properties stores as JSON text (sources, requirements, budgets).
func Structured(property string) bool { return jsonProperties[property] }

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
