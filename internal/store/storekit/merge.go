package storekit

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// changedFields marks the entity fields that differ between the current
// entity (nil for a new one) and the new one; bookkeeping fields aside.
func changedFields(old, new ecosystem.Node) []Mark {
	a, b := map[string]any{}, ecosystem.Properties(new)
	if old != nil {
		a = ecosystem.Properties(old)
	}
	var out []Mark
	seen := map[string]bool{}
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			switch k {
			case "id", "version", "updatedAt", "sources":
				continue
			}
			if !reflect.DeepEqual(a[k], b[k]) && !seen[k] {
				seen[k] = true
				out = append(out, FieldMark(k))
			}
		}
	}
	return out
}

// keepEdited returns incoming with the edited fields of current, the
// fields incoming does not set (an import may have filled them) kept
// from current, and the sources of both (those of current that are not
// documents kept).
func keepEdited(incoming, current ecosystem.Node, edited []Mark) (ecosystem.Node, error) {
	in, cur := ecosystem.Properties(incoming), ecosystem.Properties(current)
	for k, v := range cur {
		if _, set := in[k]; !set || isEmptyList(in[k]) {
			in[k] = v
		}
	}
	for _, m := range edited {
		if m.Kind != FieldEdited {
			continue
		}
		if v, ok := cur[m.Field]; ok {
			in[m.Field] = v
		} else {
			delete(in, m.Field)
		}
	}
	n, err := ecosystem.NodeFromProperties(incoming.NodeLabel(), in)
	if err != nil {
		return nil, fmt.Errorf("keeping edited fields of %s: %w", incoming.NodeMeta().ID, err)
	}
	n.NodeMeta().Sources = unionSources(n.NodeMeta().Sources, current.NodeMeta().Sources, false)
	return n, nil
}

// sourceKey identifies a source regardless of when it was recorded: two
// sources differ when they cite another place (reference, row), are for
// another property, or rest on another sentence, rule, inputs or reason.
func sourceKey(s ecosystem.Source) string {
	row := ""
	if s.Row != nil {
		row = fmt.Sprint(*s.Row)
	}
	key, _ := json.Marshal([]any{s.Kind, s.Reference, row, s.Field, s.Quote, s.Rule, s.Inputs, s.Reason})
	return string(key)
}

// fillEmpty returns current with the fields it lacks taken from
// incoming, and incoming's sources added; a field an editor set (even to
// nothing) is never filled. A register's placeholder (an earlier import's
// "ukjent") counts as lacking, and is removed when incoming has nothing
// in its place; a register's capitals ("SINTEF OCEAN AS") give way to
// the same words as people write them ("SINTEF Ocean AS").
func fillEmpty(incoming, current ecosystem.Node, edited []Mark) (ecosystem.Node, error) {
	in, cur := ecosystem.Properties(incoming), ecosystem.Properties(current)
	for k, v := range in {
		if containsMark(edited, FieldMark(k)) {
			continue
		}
		if have, has := cur[k]; !has || isEmptyList(have) || isPlaceholder(have) || inCapitals(have, v) {
			cur[k] = v
		}
	}
	for k, v := range cur {
		if _, given := in[k]; !given && isPlaceholder(v) && !containsMark(edited, FieldMark(k)) {
			delete(cur, k)
		}
	}
	n, err := ecosystem.NodeFromProperties(current.NodeLabel(), cur)
	if err != nil {
		return nil, fmt.Errorf("filling %s: %w", current.NodeMeta().ID, err)
	}
	n.NodeMeta().Sources = unionSources(n.NodeMeta().Sources, incoming.NodeMeta().Sources, true)
	return n, nil
}

// inCapitals reports whether have is a text in capitals that v writes
// in mixed case, letter for letter.
func inCapitals(have, v any) bool {
	a, ok1 := have.(string)
	b, ok2 := v.(string)
	return ok1 && ok2 && a != b && a == strings.ToUpper(a) && b != strings.ToUpper(b) && strings.EqualFold(a, b)
}

func isPlaceholder(v any) bool {
	s, ok := v.(string)
	return ok && ecosystem.Placeholder(s)
}

func containsMark(marks []Mark, m Mark) bool {
	for _, x := range marks {
		if x == m {
			return true
		}
	}
	return false
}

// unionSources returns the sources of a, then those of b that a lacks
// (by sourceKey); b's documents only when withDocuments is set. The seed
// keeps the current non-document sources (an import's, an editor's) and
// brings its own documents; an import keeps everything and adds its own.
func unionSources(a, b []ecosystem.Source, withDocuments bool) []ecosystem.Source {
	out := make([]ecosystem.Source, 0, len(a)+len(b))
	seen := map[string]bool{}
	for i, list := range [][]ecosystem.Source{a, b} {
		for _, s := range list {
			if seen[sourceKey(s)] || (i == 1 && !withDocuments && s.Kind == ecosystem.SourceDocument) {
				continue
			}
			seen[sourceKey(s)] = true
			out = append(out, s)
		}
	}
	return out
}

func isEmptyList(v any) bool {
	switch l := v.(type) {
	case []string:
		return len(l) == 0
	case []any:
		return len(l) == 0
	}
	return false
}

// settleLinks returns the links to write: each link once (the last
// wins), with the properties it is to have, leaving out those whose
// properties would not change. An editor's link has the properties the
// editor gave; the seed's replaces the current properties it names but
// keeps the others and the current sources that are not documents (an
// import's); an import's only fills properties the link lacks and adds
// its source. The rules work on the links' store properties (see
// ecosystem.LinkProperties), which say what a link states field by field.
func settleLinks(links []ecosystem.Link, current map[ecosystem.LinkKey]map[string]any, ds *ecosystem.Dataset) ([]ecosystem.Link, error) {
	index := map[ecosystem.LinkKey]int{}
	var out []ecosystem.Link
	for _, l := range links {
		if have, ok := current[l.Key()]; ok {
			props, err := settleLink(l, have, ds)
			if err != nil {
				return nil, err
			}
			if sameProperties(props, have) {
				continue
			}
			if l.Props, err = ecosystem.LinkPropsFromProperties(l.Type, props); err != nil {
				return nil, err
			}
		}
		if i, seen := index[l.Key()]; seen {
			out[i] = l
			continue
		}
		index[l.Key()] = len(out)
		out = append(out, l)
	}
	return out, nil
}

// settleLink returns the store properties an existing link gets, given
// its current ones; see settleLinks.
func settleLink(l ecosystem.Link, current map[string]any, ds *ecosystem.Dataset) (map[string]any, error) {
	incoming := ecosystem.LinkProperties(l.Props)
	if ds.ByEditor {
		return incoming, nil
	}
	have, err := ecosystem.LinkPropsFromProperties(l.Type, current)
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(current)+len(incoming))
	first, second := current, incoming
	if ds.FillOnly {
		first, second = incoming, current
	}
	for k, v := range first {
		out[k] = v
	}
	for k, v := range second {
		out[k] = v
	}
	if ds.FillOnly {
		setLinkSources(out, unionSources(have.Facts().Sources, l.Facts().Sources, true))
	} else {
		setLinkSources(out, unionSources(l.Facts().Sources, have.Facts().Sources, false))
	}
	return out, nil
}

// setLinkSources stores sources in a link's properties.
func setLinkSources(props map[string]any, sources []ecosystem.Source) {
	if len(sources) == 0 {
		delete(props, "sources")
		return
	}
	text, _ := json.Marshal(sources)
	props["sources"] = string(text)
}
