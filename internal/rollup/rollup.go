// Package rollup expands an organisation into the organisations whose
// work an organisation question counts under a roll-up (see
// ecosystem.RollUp): the organisation alone, with its units, or through
// its legal entity with all of that one's units. It reads only unit
// links, through any reader of neighbours (a store, the request's
// loaders, a snapshot), one batched read per level of the unit tree
// whatever the number of organisations, so that it sits above the stores
// and needs nothing of them but the reads they already have.
package rollup

import (
	"context"
	"sync"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Reader follows a relation from many ids in one read, as
// ecosystem.Store.Neighbours does.
type Reader interface {
	Neighbours(ctx context.Context, rel ecosystem.Relation, ids []string) (map[string][]ecosystem.Neighbour, error)
}

// Group is what an organisation question counts for one organisation.
type Group struct {
	// Head is the organisation the group answers for: the organisation
	// asked about, or under LEGAL_ENTITY its legal entity.
	Head *ecosystem.Organisation
	// Members are the ids whose work counts: the head first, then its
	// units breadth first (none under NONE).
	Members []string
}

// Contains reports whether id is a member of the group.
func (g Group) Contains(id string) bool {
	for _, m := range g.Members {
		if m == id {
			return true
		}
	}
	return false
}

// Expand returns, per organisation id, the group the roll-up counts for
// it. Returns BAD_USER_INPUT for an unknown roll-up.
//
// It walks the unit tree level by level for all the organisations
// together: each level is one read of units (below every organisation
// reached so far) and, under LEGAL_ENTITY, one read of parents (for the
// organisations that sign no contracts, until a legal entity is found),
// the two at once. Everything below an organisation is below its legal
// entity too, so the units are read from the start, not after the climb.
// A query therefore costs as many levels as the unit tree is deep,
// whatever the number of organisations.
func Expand(ctx context.Context, r Reader, mode ecosystem.RollUp, orgs []*ecosystem.Organisation) (map[string]Group, error) {
	out := make(map[string]Group, len(orgs))
	switch mode {
	case ecosystem.RollUpNone:
		for _, o := range orgs {
			out[o.ID] = Group{Head: o, Members: []string{o.ID}}
		}
		return out, nil
	case ecosystem.RollUpUnits, ecosystem.RollUpLegalEntity:
	default:
		return nil, ecosystem.FieldError("rollUp", "%q is not a roll-up", mode)
	}
	w := walk{heads: map[string]*ecosystem.Organisation{}, climbing: map[string]*ecosystem.Organisation{},
		climbed: map[string]map[string]bool{}, units: map[string][]string{}, seen: map[string]bool{}}
	for _, o := range orgs {
		w.heads[o.ID] = o
		w.below(o.ID)
		if mode == ecosystem.RollUpLegalEntity && !o.SignsContracts() {
			w.climbing[o.ID] = o
			w.climbed[o.ID] = map[string]bool{o.ID: true}
		}
	}
	for len(w.frontier) > 0 || len(w.climbing) > 0 {
		if err := w.step(ctx, r); err != nil {
			return nil, err
		}
	}
	for _, o := range orgs {
		h := w.heads[o.ID]
		out[o.ID] = Group{Head: h, Members: descend(h.ID, w.units)}
	}
	return out, nil
}

// walk is the state of Expand's walk over the unit tree.
type walk struct {
	// heads maps each organisation to the one it answers through so far.
	heads map[string]*ecosystem.Organisation
	// climbing maps the organisations still looking for their legal
	// entity to the organisation reached; climbed holds, per organisation,
	// where it has been.
	climbing map[string]*ecosystem.Organisation
	climbed  map[string]map[string]bool
	// units holds the units read so far; frontier the organisations whose
	// units are still to be read; seen those read or to be read.
	units    map[string][]string
	frontier []string
	seen     map[string]bool
}

// below asks for the units of id, once.
func (w *walk) below(id string) {
	if !w.seen[id] {
		w.seen[id] = true
		w.frontier = append(w.frontier, id)
	}
}

// step reads one level: the units of the frontier and the parents of the
// organisations climbing, at once.
func (w *walk) step(ctx context.Context, r Reader) error {
	frontier := w.frontier
	w.frontier = nil
	var at []string
	for _, cur := range w.climbing {
		at = append(at, cur.ID)
	}
	var (
		units, parents map[string][]ecosystem.Neighbour
		unitsErr       error
		wg             sync.WaitGroup
	)
	if len(frontier) > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			units, unitsErr = r.Neighbours(ctx, ecosystem.OrganisationUnits, frontier)
		}()
	}
	var err error
	if len(at) > 0 {
		parents, err = r.Neighbours(ctx, ecosystem.OrganisationParent, at)
	}
	wg.Wait()
	if err == nil {
		err = unitsErr
	}
	if err != nil {
		return err
	}
	for _, id := range frontier {
		for _, n := range units[id] {
			u := n.Node.NodeMeta().ID
			w.units[id] = append(w.units[id], u)
			w.below(u)
		}
	}
	for id, cur := range w.climbing {
		var parent *ecosystem.Organisation
		for _, n := range parents[cur.ID] {
			if p, ok := n.Node.(*ecosystem.Organisation); ok {
				parent = p
				break
			}
		}
		switch {
		case parent == nil || w.climbed[id][parent.ID]:
			// No legal entity above: the organisation answers for itself.
			delete(w.climbing, id)
		case parent.SignsContracts():
			w.heads[id] = parent
			w.below(parent.ID)
			delete(w.climbing, id)
		default:
			w.climbed[id][parent.ID] = true
			w.climbing[id] = parent
			w.below(parent.ID)
		}
	}
	return nil
}

// descend returns id and everything below it, breadth first.
func descend(id string, units map[string][]string) []string {
	out := []string{id}
	seen := map[string]bool{id: true}
	for i := 0; i < len(out); i++ {
		for _, u := range units[out[i]] {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	return out
}
