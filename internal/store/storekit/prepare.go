package storekit

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"sort"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Editors win: a field an editor set, a link an editor set or changed, a
// link slot an editor replaced, a link an editor removed and an entity an
// editor deleted all survive the seed and imports. Stores keep, per
// entity, the marks of what editors set (EditedProperty) and a tombstone
// per deleted id; Prepare turns a dataset into what may be written given
// those.

// Tombstoner turns a deleted id into the tombstone a store keeps: an
// HMAC-SHA-256 of the id under the store's secret, so that someone who
// holds the data but not the secret cannot confirm that a known
// person's id (a slug of their name) was erased by hashing it.
// Tombstones of earlier versions (an unkeyed SHA-256) are still
// recognised, so that no erasure is forgotten; new ones are keyed.
type Tombstoner struct{ secret []byte }

// NewTombstoner returns the tombstoner of a store with the given secret.
func NewTombstoner(secret []byte) Tombstoner { return Tombstoner{secret: secret} }

// Key is the tombstone a store writes for id.
func (t Tombstoner) Key(id string) string {
	mac := hmac.New(sha256.New, t.secret)
	mac.Write([]byte(id))
	return "hmac:" + hex.EncodeToString(mac.Sum(nil))
}

// Keys are every tombstone id may have been kept as: Key, then the
// unkeyed hash of earlier versions.
func (t Tombstoner) Keys(id string) []string {
	sum := sha256.Sum256([]byte(id))
	return []string{t.Key(id), hex.EncodeToString(sum[:])}
}

// NewSecret returns 32 random bytes for a store's tombstone secret.
func NewSecret() []byte {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("storekit: no randomness: " + err.Error())
	}
	return b
}

// Existing is what a store holds for an id before a write.
type Existing struct {
	Label   ecosystem.Label
	Version int
	// Node is the current entity, and Edited what editors set on it; the
	// store fills both for the ids whose nodes the dataset writes.
	Node   ecosystem.Node
	Edited []Mark
}

// Current is what Prepare needs to know of the store.
type Current struct {
	Existing map[string]Existing
	// Tombstones are the ids among the dataset's that an editor deleted
	// (by id; stores keep them as a Tombstoner's keys).
	Tombstones map[string]bool
	// Links holds the current properties of those of the dataset's links
	// that exist already.
	Links map[ecosystem.LinkKey]map[string]any
}

// Prepared is a dataset made ready to write.
type Prepared struct {
	*ecosystem.Dataset
	// Edited is the new list of marks of every entity whose list changes.
	Edited map[string][]Mark
	// NewTombstones are ids an editor deletes now.
	NewTombstones []string
	// Revived are ids an editor writes, whose tombstones (if any) go.
	Revived []string
	// Named are the links the dataset names, whether they change or not:
	// a replaced link slot keeps these and loses the rest.
	Named map[ecosystem.LinkKey]bool
}

// Prepare checks a dataset against the store (see ecosystem.CheckApply)
// and applies the editors-win rules. For an editor's dataset it records
// what the editor set, replaced, removed and deleted. For any other
// dataset it leaves out tombstoned entities and links touching them,
// keeps edited fields at their current values (and the current
// non-document sources), and leaves out links into slots an editor
// replaced or removed and links whose properties an editor set. Either
// way, the links it returns are only those that are new or whose
// properties change (see settleLink), each once.
func Prepare(ds *ecosystem.Dataset, cur Current) (*Prepared, error) {
	held := make(map[string]ecosystem.Held, len(cur.Existing))
	for id, e := range cur.Existing {
		held[id] = ecosystem.Held{Label: e.Label, Version: e.Version}
	}
	if err := ecosystem.CheckApply(ds, held); err != nil {
		return nil, err
	}
	p := &Prepared{Dataset: ds, Edited: map[string][]Mark{}, Named: map[ecosystem.LinkKey]bool{}}
	for _, l := range ds.Links {
		p.Named[l.Key()] = true
	}
	edited := func(id string) map[Mark]bool {
		set := map[Mark]bool{}
		for _, m := range cur.Existing[id].Edited {
			set[m] = true
		}
		for _, m := range p.Edited[id] {
			set[m] = true
		}
		return set
	}
	if ds.ByEditor {
		return prepareEditor(p, cur, edited)
	}
	out := &ecosystem.Dataset{ExpectedVersions: ds.ExpectedVersions, ReplaceLinks: ds.ReplaceLinks, RemoveLinks: ds.RemoveLinks, Deletes: ds.Deletes}
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
		if from[Mark{Kind: SlotReplaced, Type: l.Type}] || to[Mark{Kind: IncomingSlotReplaced, Type: l.Type}] ||
			from[Mark{Kind: LinkRemoved, Type: l.Type, To: l.To}] || from[Mark{Kind: EdgeEdited, Type: l.Type, To: l.To}] {
			continue
		}
		out.Links = append(out.Links, l)
	}
	links, err := settleLinks(out.Links, cur.Links, ds)
	if err != nil {
		return nil, err
	}
	out.Links = links
	p.Dataset = out
	for _, n := range out.Nodes {
		// A write replaces all properties: carry the marks over.
		if id := n.NodeMeta().ID; len(cur.Existing[id].Edited) > 0 {
			p.Edited[id] = cur.Existing[id].Edited
		}
	}
	return p, nil
}

// prepareEditor is Prepare for an editor's dataset: it marks what the
// editor set, replaced, removed and deleted.
func prepareEditor(p *Prepared, cur Current, edited func(id string) map[Mark]bool) (*Prepared, error) {
	ds := p.Dataset
	mark := func(id string, marks ...Mark) {
		set := edited(id)
		for _, m := range marks {
			set[m] = true
		}
		list := make([]Mark, 0, len(set))
		for m := range set {
			list = append(list, m)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].String() < list[j].String() })
		p.Edited[id] = list
	}
	for _, n := range ds.Nodes {
		id := n.NodeMeta().ID
		mark(id, changedFields(cur.Existing[id].Node, n)...)
		p.Revived = append(p.Revived, id)
	}
	for _, s := range ds.ReplaceLinks {
		if s.From != "" {
			mark(s.From, Mark{Kind: SlotReplaced, Type: s.Type})
		} else {
			mark(s.To, Mark{Kind: IncomingSlotReplaced, Type: s.Type})
		}
	}
	for _, l := range ds.RemoveLinks {
		mark(l.From, Mark{Kind: LinkRemoved, Type: l.Type, To: l.To})
	}
	for _, l := range ds.Links {
		mark(l.From, Mark{Kind: EdgeEdited, Type: l.Type, To: l.To})
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
	links, err := settleLinks(ds.Links, cur.Links, ds)
	if err != nil {
		return nil, err
	}
	settled.Links = links
	p.Dataset = &settled
	return p, nil
}
