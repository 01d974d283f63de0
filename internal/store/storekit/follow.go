package storekit

import (
	"context"
	"slices"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// Levels are the two reads a store that follows steps level by level
// needs: one page of a relation from many nodes, and all of it.
type Levels struct {
	Pages func(ctx context.Context, rel ecosystem.Relation, ids []string, req ecosystem.PageRequest) (map[string]*ecosystem.NeighbourPage, error)
	All   func(ctx context.Context, rel ecosystem.Relation, ids []string) (map[string][]ecosystem.Neighbour, error)
}

// Follow implements ecosystem.NeighbourPager.Follow level by level: each
// step is one read over every id of its level, its Then one read over
// every node it reached. A store that holds its graph in memory needs
// nothing more.
func Follow(ctx context.Context, lv Levels, ids []string, steps []ecosystem.Step) (map[string][]*ecosystem.NeighbourPage, error) {
	out := make(map[string][]*ecosystem.NeighbourPage, len(ids))
	for i, step := range steps {
		pages, err := lv.step(ctx, ids, step)
		if err != nil {
			return nil, err
		}
		for id, p := range pages {
			if out[id] == nil {
				out[id] = make([]*ecosystem.NeighbourPage, len(steps))
			}
			out[id][i] = p
		}
	}
	return out, nil
}

// step takes one step from every id, then its Then from every node it
// reached.
func (lv Levels) step(ctx context.Context, ids []string, step ecosystem.Step) (map[string]*ecosystem.NeighbourPage, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var pages map[string]*ecosystem.NeighbourPage
	if step.Page != nil {
		var err error
		if pages, err = lv.Pages(ctx, step.Relation, ids, *step.Page); err != nil {
			return nil, err
		}
	} else {
		all, err := lv.All(ctx, step.Relation, ids)
		if err != nil {
			return nil, err
		}
		pages = make(map[string]*ecosystem.NeighbourPage, len(all))
		for id, ns := range all {
			pages[id] = &ecosystem.NeighbourPage{Neighbours: ns, Total: len(ns)}
		}
	}
	if len(step.Then) == 0 {
		return pages, nil
	}
	var reached []string
	seen := map[string]bool{}
	for _, p := range pages {
		for _, n := range p.Neighbours {
			if id := n.Node.NodeMeta().ID; !seen[id] {
				seen[id] = true
				reached = append(reached, id)
			}
		}
	}
	below, err := Follow(ctx, lv, reached, step.Then)
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		for i := range p.Neighbours {
			then := below[p.Neighbours[i].Node.NodeMeta().ID]
			if then == nil {
				then = emptyPages(len(step.Then))
			}
			p.Neighbours[i].Then = then
		}
	}
	return pages, nil
}

// emptyPages returns n empty pages: what every step finds from a node
// with no neighbours.
func emptyPages(n int) []*ecosystem.NeighbourPage {
	out := make([]*ecosystem.NeighbourPage, n)
	for i := range out {
		out[i] = &ecosystem.NeighbourPage{}
	}
	return out
}

// CollaboratorPages implements ecosystem.Explorer.CollaboratorPages
// over a store's NodesByID and Collaborators, cutting each ranking with
// ecosystem.Window: what a store holding its graph in memory needs. An
// id retired by a merge names no organisation here, as in a store that
// looks organisations up by their stored id.
func CollaboratorPages(ctx context.Context, nodesByID func(context.Context, []string) (map[string]ecosystem.Node, error), collaborators func(context.Context, []string) (map[string][]ecosystem.Collaboration, error), ids []string, req ecosystem.PageRequest) (map[string]*ecosystem.CollaboratorPage, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	nodes, err := nodesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	found, err := collaborators(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*ecosystem.CollaboratorPage, len(nodes))
	for id, n := range nodes {
		o, ok := n.(*ecosystem.Organisation)
		if !ok || o.ID != id {
			continue
		}
		cs := found[id]
		from, to, page, err := ecosystem.Window(len(cs), func(i int) ecosystem.Cursor { return cs[i].RankCursor() }, req)
		if err != nil {
			return nil, err
		}
		window := slices.Clone(cs[from:to])
		if err := withOrganisations(ctx, nodesByID, window); err != nil {
			return nil, err
		}
		out[id] = &ecosystem.CollaboratorPage{Organisation: o, Collaborations: window, HasNextPage: page.HasNextPage, HasPreviousPage: page.HasPreviousPage, Total: len(cs)}
	}
	return out, nil
}

// withOrganisations sets each collaboration's Organisation, read with
// nodesByID: a page's collaborators come with the page, as Neo4j's
// ranking reads them, rather than being read again by id afterwards
// (a loader gathering them waits before it reads).
func withOrganisations(ctx context.Context, nodesByID func(context.Context, []string) (map[string]ecosystem.Node, error), cs []ecosystem.Collaboration) error {
	if len(cs) == 0 {
		return nil
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.OrganisationID
	}
	nodes, err := nodesByID(ctx, ids)
	if err != nil {
		return err
	}
	for i := range cs {
		if o, ok := nodes[cs[i].OrganisationID].(*ecosystem.Organisation); ok && o.ID == cs[i].OrganisationID {
			cs[i].Organisation = o
		}
	}
	return nil
}

// NodesWith implements ecosystem.NeighbourPager.NodesWith with two
// reads: the entities, then the steps from them.
func NodesWith(ctx context.Context, nodesByID func(context.Context, []string) (map[string]ecosystem.Node, error), lv Levels, ids []string, steps []ecosystem.Step) (map[string]ecosystem.NodeWith, error) {
	nodes, err := nodesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var found []string
	for _, n := range nodes {
		found = append(found, n.NodeMeta().ID)
	}
	pages, err := Follow(ctx, lv, found, steps)
	if err != nil {
		return nil, err
	}
	out := make(map[string]ecosystem.NodeWith, len(nodes))
	for id, n := range nodes {
		out[id] = ecosystem.NodeWith{Node: n, Pages: pages[n.NodeMeta().ID]}
	}
	return out, nil
}
