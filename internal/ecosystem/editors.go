package ecosystem

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Editors win: a field an editor set, a link an editor set or changed, a
// link slot an editor replaced, a link an editor removed and an entity an
// editor deleted all survive the seed and imports. Stores keep, per
// entity, the list of what editors set (EditedProperty) and a tombstone
// per deleted id; Prepare turns a dataset into what may be written given
// those.

// EditedProperty is the store property holding an entity's edited list.
const EditedProperty = "editedFields"

// TombstoneKey is what a store keeps for a deleted id: a hash, so that
// an erased person's id (a slug of their name) is not kept in the clear.
func TombstoneKey(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// Existing is what a store holds for an id before a write.
type Existing struct {
	Label   Label
	Version int
	// Node is the current entity, and Edited what editors set on it; the
	// store fills both for the ids whose nodes the dataset writes.
	Node   Node
	Edited []string
}

// Current is what Prepare needs to know of the store.
type Current struct {
	Existing map[string]Existing
	// Tombstones are the ids among the dataset's that an editor deleted
	// (by id; stores keep them as TombstoneKey).
	Tombstones map[string]bool
	// Links holds the current properties of those of the dataset's links
	// that exist already.
	Links map[LinkKey]map[string]any
}

// Prepared is a dataset made ready to write.
type Prepared struct {
	*Dataset
	// Edited is the new edited list of every entity whose list changes.
	Edited map[string][]string
	// NewTombstones are ids an editor deletes now.
	NewTombstones []string
	// Revived are ids an editor writes, whose tombstones (if any) go.
	Revived []string
	// Named are the links the dataset names, whether they change or not:
	// a replaced link slot keeps these and loses the rest.
	Named map[LinkKey]bool
}

func linkSlotMark(t RelType) string          { return "link:" + string(t) }
func incomingSlotMark(t RelType) string      { return "link-in:" + string(t) }
func unlinkMark(t RelType, to string) string { return "unlink:" + string(t) + ":" + to }
func edgeMark(t RelType, to string) string   { return "edge:" + string(t) + ":" + to }

// Prepare checks a dataset against the store (see CheckApply) and
// applies the editors-win rules. For an editor's dataset it records what
// the editor set, replaced, removed and deleted. For any other dataset it
// leaves out tombstoned entities and links touching them, keeps edited
// fields at their current values (and the current non-document sources),
// and leaves out links into slots an editor replaced or removed and links
// whose properties an editor set. Either way, the links it returns are
// only those that are new or whose properties change (see settleLink),
// each once.
func Prepare(ds *Dataset, cur Current) (*Prepared, error) {
	if err := CheckApply(ds, cur.Existing); err != nil {
		return nil, err
	}
	p := &Prepared{Dataset: ds, Edited: map[string][]string{}, Named: map[LinkKey]bool{}}
	for _, l := range ds.Links {
		p.Named[l.Key()] = true
	}
	edited := func(id string) map[string]bool {
		set := map[string]bool{}
		for _, f := range cur.Existing[id].Edited {
			set[f] = true
		}
		for _, f := range p.Edited[id] {
			set[f] = true
		}
		return set
	}
	mark := func(id string, marks ...string) {
		set := edited(id)
		for _, m := range marks {
			set[m] = true
		}
		list := make([]string, 0, len(set))
		for m := range set {
			list = append(list, m)
		}
		sort.Strings(list)
		p.Edited[id] = list
	}
	if ds.ByEditor {
		for _, n := range ds.Nodes {
			id := n.NodeMeta().ID
			mark(id, changedFields(cur.Existing[id].Node, n)...)
			p.Revived = append(p.Revived, id)
		}
		for _, s := range ds.ReplaceLinks {
			if s.From != "" {
				mark(s.From, linkSlotMark(s.Type))
			} else {
				mark(s.To, incomingSlotMark(s.Type))
			}
		}
		for _, l := range ds.RemoveLinks {
			mark(l.From, unlinkMark(l.Type, l.To))
		}
		for _, l := range ds.Links {
			mark(l.From, edgeMark(l.Type, l.To))
		}
		p.NewTombstones = append(p.NewTombstones, ds.Deletes...)
		for _, m := range ds.Merges {
			p.NewTombstones = append(p.NewTombstones, m.Merge)
		}
		for _, n := range ds.Nodes {
			// A write replaces all properties: carry untouched lists over.
			if id := n.NodeMeta().ID; p.Edited[id] == nil && len(cur.Existing[id].Edited) > 0 {
				p.Edited[id] = cur.Existing[id].Edited
			}
		}
		settled := *ds
		settled.Links = settleLinks(ds.Links, cur.Links, ds)
		p.Dataset = &settled
		return p, nil
	}
	out := &Dataset{ExpectedVersions: ds.ExpectedVersions, ReplaceLinks: ds.ReplaceLinks, RemoveLinks: ds.RemoveLinks, Deletes: ds.Deletes}
	for _, n := range ds.Nodes {
		id := n.NodeMeta().ID
		if cur.Tombstones[id] {
			continue
		}
		e := cur.Existing[id]
		if e.Node != nil && ds.FillOnly {
			filled, err := fillEmpty(n, e.Node, e.Edited)
			if err != nil {
				return nil, err
			}
			n = filled
		} else if e.Node != nil {
			kept, err := keepEdited(n, e.Node, e.Edited)
			if err != nil {
				return nil, err
			}
			n = kept
		}
		out.Nodes = append(out.Nodes, n)
	}
	for _, l := range ds.Links {
		if cur.Tombstones[l.From] || cur.Tombstones[l.To] {
			continue
		}
		from, to := edited(l.From), edited(l.To)
		if from[linkSlotMark(l.Type)] || to[incomingSlotMark(l.Type)] || from[unlinkMark(l.Type, l.To)] || from[edgeMark(l.Type, l.To)] {
			continue
		}
		out.Links = append(out.Links, l)
	}
	out.Links = settleLinks(out.Links, cur.Links, ds)
	p.Dataset = out
	for _, n := range out.Nodes {
		// A write replaces all properties: carry the edited list over.
		if id := n.NodeMeta().ID; len(cur.Existing[id].Edited) > 0 {
			p.Edited[id] = cur.Existing[id].Edited
		}
	}
	return p, nil
}

// changedFields lists the entity fields that differ between the current
// entity (nil for a new one) and the new one; bookkeeping fields aside.
func changedFields(old, new Node) []string {
	a, b := map[string]any{}, Properties(new)
	if old != nil {
		a = Properties(old)
	}
	var out []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			switch k {
			case "id", "version", "updatedAt", "sources":
				continue
			}
			if !reflect.DeepEqual(a[k], b[k]) && !contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// keepEdited returns incoming with the edited fields of current, the
// fields incoming does not set (an import may have filled them) kept
// from current, and the sources of both (those of current that are not
// documents kept).
func keepEdited(incoming, current Node, edited []string) (Node, error) {
	in, cur := Properties(incoming), Properties(current)
	for k, v := range cur {
		if _, set := in[k]; !set || isEmptyList(in[k]) {
			in[k] = v
		}
	}
	for _, f := range edited {
		if strings.Contains(f, ":") {
			continue // a link mark, not a field
		}
		if v, ok := cur[f]; ok {
			in[f] = v
		} else {
			delete(in, f)
		}
	}
	n, err := NodeFromProperties(incoming.NodeLabel(), in)
	if err != nil {
		return nil, fmt.Errorf("keeping edited fields of %s: %w", incoming.NodeMeta().ID, err)
	}
	n.NodeMeta().Sources = unionSources(n.NodeMeta().Sources, current.NodeMeta().Sources, false)
	return n, nil
}

// sourceKey identifies a source regardless of when it was recorded.
func sourceKey(s Source) string {
	row := ""
	if s.Row != nil {
		row = fmt.Sprint(*s.Row)
	}
	return string(s.Kind) + "|" + s.Reference + "|" + row
}

// fillEmpty returns current with the fields it lacks taken from
// incoming, and incoming's sources added; a field an editor set (even to
// nothing) is never filled. A register's placeholder (an earlier import's
// "ukjent") counts as lacking, and is removed when incoming has nothing
// in its place; a register's capitals ("SINTEF OCEAN AS") give way to
// the same words as people write them ("SINTEF Ocean AS").
func fillEmpty(incoming, current Node, edited []string) (Node, error) {
	in, cur := Properties(incoming), Properties(current)
	for k, v := range in {
		if contains(edited, k) {
			continue
		}
		if have, has := cur[k]; !has || isEmptyList(have) || isPlaceholder(have) || inCapitals(have, v) {
			cur[k] = v
		}
	}
	for k, v := range cur {
		if _, given := in[k]; !given && isPlaceholder(v) && !contains(edited, k) {
			delete(cur, k)
		}
	}
	n, err := NodeFromProperties(current.NodeLabel(), cur)
	if err != nil {
		return nil, fmt.Errorf("filling %s: %w", current.NodeMeta().ID, err)
	}
	n.NodeMeta().Sources = unionSources(n.NodeMeta().Sources, incoming.NodeMeta().Sources, true)
	return n, nil
}

// unionSources returns the sources of a, then those of b that a lacks
// (by sourceKey); b's documents only when withDocuments is set. The seed
// keeps the current non-document sources (an import's, an editor's) and
// brings its own documents; an import keeps everything and adds its own.
func unionSources(a, b []Source, withDocuments bool) []Source {
	out := make([]Source, 0, len(a)+len(b))
	seen := map[string]bool{}
	for i, list := range [][]Source{a, b} {
		for _, s := range list {
			if seen[sourceKey(s)] || (i == 1 && !withDocuments && s.Kind == SourceDocument) {
				continue
			}
			seen[sourceKey(s)] = true
			out = append(out, s)
		}
	}
	return out
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
	return ok && Placeholder(s)
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
// its source.
func settleLinks(links []Link, current map[LinkKey]map[string]any, ds *Dataset) []Link {
	index := map[LinkKey]int{}
	var out []Link
	for _, l := range links {
		props := l.Properties
		if props == nil {
			props = map[string]any{}
		}
		if have, ok := current[l.Key()]; ok {
			props = settleLink(props, have, ds)
			if SameProperties(props, have) {
				continue
			}
		}
		l.Properties = props
		if i, seen := index[l.Key()]; seen {
			out[i] = l
			continue
		}
		index[l.Key()] = len(out)
		out = append(out, l)
	}
	return out
}

// settleLink returns the properties an existing link gets; see
// settleLinks.
func settleLink(incoming, current map[string]any, ds *Dataset) map[string]any {
	if ds.ByEditor {
		return incoming
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
		setLinkSources(out, unionSources(linkSources(current), linkSources(incoming), true))
	} else {
		setLinkSources(out, unionSources(linkSources(incoming), linkSources(current), false))
	}
	return out
}
