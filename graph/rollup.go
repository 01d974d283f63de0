package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cancermissionhub/hubgraph/graph/model"
	"github.com/cancermissionhub/hubgraph/internal/analytics"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/rollup"
)

// loaderReader reads neighbours of many ids through the operation's
// loaders, so that roll-ups of sibling fields share their batches.
type loaderReader struct{ l *Loaders }

func (r loaderReader) Neighbours(ctx context.Context, rel ecosystem.Relation, ids []string) (map[string][]ecosystem.Neighbour, error) {
	return r.l.NeighboursOf(ctx, rel, ids)
}

// groupOf returns the group the roll-up (the default when nil) counts
// for an organisation.
func groupOf(ctx context.Context, mode *ecosystem.RollUp, o *ecosystem.Organisation) (rollup.Group, error) {
	gs, err := rollup.Expand(ctx, loaderReader{For(ctx)}, ecosystem.RollUpOrDefault(mode), []*ecosystem.Organisation{o})
	return gs[o.ID], err
}

// groupsOf returns, per id, the group the roll-up (the default when nil)
// counts for it; an id that names no organisation is a group of its own.
func groupsOf(ctx context.Context, mode *ecosystem.RollUp, ids ...string) (map[string]rollup.Group, error) {
	nodes, err := For(ctx).Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	var orgs []*ecosystem.Organisation
	for _, id := range ids {
		if o, ok := nodes[id].(*ecosystem.Organisation); ok {
			orgs = append(orgs, o)
		}
	}
	gs, err := rollup.Expand(ctx, loaderReader{For(ctx)}, ecosystem.RollUpOrDefault(mode), orgs)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := gs[id]; !ok {
			gs[id] = rollup.Group{Members: []string{id}}
		}
	}
	return gs, nil
}

// groupParticipations returns the participations of a group's members
// that pass the filter, in project order and then by participant; the
// cursor of a participation of the organisation asked about (root) is
// its project's, as without a roll-up.
func groupParticipations(ctx context.Context, g rollup.Group, root string, filter participationFilter, first *int, after *string, last *int, before *string) (*model.Connection[*model.Participation], error) {
	found, err := For(ctx).NeighboursOf(ctx, ecosystem.OrganisationParticipations, g.Members)
	if err != nil {
		return nil, err
	}
	members, err := For(ctx).Nodes(ctx, g.Members)
	if err != nil {
		return nil, err
	}
	var items []*model.Participation
	cursors := map[*model.Participation]ecosystem.Cursor{}
	for _, member := range g.Members {
		if members[member] == nil {
			continue // deleted since the group was read
		}
		for _, n := range found[member] {
			p, err := participationOf(n, members[member])
			if err != nil {
				return nil, fmt.Errorf("the PARTICIPATES_IN link between %s and %s: %w", member, n.Node.NodeMeta().ID, err)
			}
			keep, err := filter.keeps(ctx, p.Participation, n.Node)
			if err != nil {
				return nil, err
			}
			if !keep {
				continue
			}
			c := ecosystem.CursorOf(n.Node)
			if member != root {
				c.ID += " " + member
			}
			items = append(items, p)
			cursors[p] = c
		}
	}
	sort.Slice(items, func(i, j int) bool { return cursors[items[i]].Less(cursors[items[j]]) })
	return paginate(items, func(p *model.Participation) ecosystem.Cursor { return cursors[p] }, pageRequest(first, after, last, before))
}

// groupCollaborators returns the organisations outside a group that share
// projects with its members, each with the projects shared with any
// member, most shared projects first.
func groupCollaborators(ctx context.Context, g rollup.Group) ([]*ecosystem.Collaboration, error) {
	found, err := For(ctx).CollaboratorsOf(ctx, g.Members)
	if err != nil {
		return nil, err
	}
	if len(g.Members) == 1 {
		// The store ranked them already.
		cs := found[g.Members[0]]
		out := make([]*ecosystem.Collaboration, 0, len(cs))
		for i := range cs {
			if !g.Contains(cs[i].OrganisationID) {
				out = append(out, &cs[i])
			}
		}
		return out, nil
	}
	byID := map[string]*ecosystem.Collaboration{}
	seen := map[string]map[string]bool{}
	var out []*ecosystem.Collaboration
	for _, member := range g.Members {
		for _, c := range found[member] {
			id := c.OrganisationID
			if g.Contains(id) {
				continue
			}
			merged, ok := byID[id]
			if !ok {
				merged = &ecosystem.Collaboration{OrganisationID: id, SortKey: c.SortKey}
				byID[id], seen[id] = merged, map[string]bool{}
				out = append(out, merged)
			}
			for _, p := range c.ProjectIDs {
				if !seen[id][p] {
					seen[id][p] = true
					merged.ProjectIDs = append(merged.ProjectIDs, p)
				}
			}
		}
	}
	cursors := make(map[*ecosystem.Collaboration]ecosystem.Cursor, len(out))
	for _, c := range out {
		cursors[c] = c.RankCursor()
	}
	sort.Slice(out, func(i, j int) bool { return cursors[out[i]].Less(cursors[out[j]]) })
	return out, nil
}

// groupSharedProjects returns the projects in which some member of every
// group takes part, in name order.
func groupSharedProjects(ctx context.Context, groups []rollup.Group) ([]*ecosystem.Project, error) {
	var ids []string
	for _, g := range groups {
		ids = append(ids, g.Members...)
	}
	found, err := For(ctx).NeighboursOf(ctx, ecosystem.OrganisationParticipations, ids)
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	projects := map[string]*ecosystem.Project{}
	for _, g := range groups {
		in := map[string]bool{}
		for _, m := range g.Members {
			for _, n := range found[m] {
				if p, ok := n.Node.(*ecosystem.Project); ok && !in[p.ID] {
					in[p.ID] = true
					projects[p.ID] = p
					count[p.ID]++
				}
			}
		}
	}
	var out []*ecosystem.Project
	for id, n := range count {
		if n == len(groups) {
			out = append(out, projects[id])
		}
	}
	sort.Slice(out, func(i, j int) bool { return ecosystem.CursorOf(out[i]).Less(ecosystem.CursorOf(out[j])) })
	return out, nil
}

// rolledModel returns the analytics model and the model under the
// roll-up (the default when nil), in which merged organisations are gone.
func rolledModel(ctx context.Context, s *analytics.Service, mode *ecosystem.RollUp) (base, rolled *analytics.Model, err error) {
	if base, err = s.Model(ctx); err != nil {
		return nil, nil, err
	}
	rolled, err = base.RolledUp(ecosystem.RollUpOrDefault(mode))
	return base, rolled, err
}

// collaboratorPage returns one page of an organisation's collaborators,
// ranked and paged in the store (batched with the other organisations
// of the level asking for the same page).
func collaboratorPage(ctx context.Context, id string, req ecosystem.PageRequest) (*model.Connection[*ecosystem.Collaboration], error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	p, err := For(ctx).CollaboratorPage(ctx, id, req)
	if err != nil {
		return nil, err
	}
	total := p.Total
	conn := &model.Connection[*ecosystem.Collaboration]{Count: func(context.Context) (int, error) { return total, nil }}
	for i := range p.Collaborations {
		c := &p.Collaborations[i]
		conn.Edges = append(conn.Edges, &model.Edge[*ecosystem.Collaboration]{At: c.RankCursor(), Node: c})
	}
	conn.PageInfo = pageInfo(conn.Edges, &ecosystem.Page{HasNextPage: p.HasNextPage, HasPreviousPage: p.HasPreviousPage})
	return conn, nil
}
