package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/99designs/gqlgen/graphql"

	"github.com/cancermissionhub/hubgraph/graph/model"
	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
)

// byID returns the entity with the given id if it is a T, else nil.
func byID[T ecosystem.Node](ctx context.Context, id string) (T, error) {
	return as[T](For(ctx).Node(ctx, id))
}

// rootByID is byID for a root field: it reads at once, and in the same
// round trip every relation the query nests below the field as far as
// relationFields and the read-ahead bounds reach (Loaders.NodeWithNow);
// an organisation's collaborators, which no step reads, it starts
// reading beside (Loaders.ReadCollaboratorsEarly). When nothing else is
// to be read ahead, the organisation comes with its collaborators' page
// and the field costs one round trip, not two.
func rootByID[T ecosystem.Node](ctx context.Context, id string) (T, error) {
	var steps []ecosystem.Step
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Definition != nil {
		typeName := fc.Field.Definition.Type.Name()
		steps = readAheadBelow(ctx, typeName)
		collaborators := collaboratorPagesBelow(ctx, typeName)
		for _, req := range collaborators {
			For(ctx).ReadCollaboratorsEarly(ctx, id, req)
		}
		if len(steps) == 0 && len(collaborators) > 0 {
			if n := For(ctx).OrganisationReadEarly(id, collaborators[0]); n != nil {
				return as[T](n, nil)
			}
		}
	}
	return as[T](For(ctx).NodeWithNow(ctx, id, steps))
}

// as returns a node read by id as a T, or nil when there is none or it is
// of another type.
func as[T ecosystem.Node](n ecosystem.Node, err error) (T, error) {
	t, _ := n.(T)
	return t, err
}

// many returns the entities reached from id over rel by the field
// resolving in ctx: read partially when the query's read ahead planned
// so for the field (Step.Partial), whole otherwise.
func many[T ecosystem.Node](ctx context.Context, rel ecosystem.Relation, id string) ([]T, error) {
	var ns []ecosystem.Neighbour
	var err error
	l := For(ctx)
	if step := readAhead(ctx, l, rel, nil); step.Partial {
		var p *ecosystem.NeighbourPage
		if p, err = l.NeighbourPage(ctx, step, id); p != nil {
			ns = p.Neighbours
		}
	} else {
		ns, err = l.Neighbours(ctx, rel, id)
	}
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(ns))
	for _, n := range ns {
		if t, ok := n.Node.(T); ok {
			out = append(out, t)
		}
	}
	return out, nil
}

// one returns the first entity reached from id over rel, or nil.
func one[T ecosystem.Node](ctx context.Context, rel ecosystem.Relation, id string) (T, error) {
	all, err := many[T](ctx, rel, id)
	if err != nil || len(all) == 0 {
		var zero T
		return zero, err
	}
	return all[0], nil
}

// pageRequest gathers the Relay arguments.
func pageRequest(first *int, after *string, last *int, before *string) ecosystem.PageRequest {
	p := ecosystem.PageRequest{First: first, Last: last}
	if after != nil {
		p.After = *after
	}
	if before != nil {
		p.Before = *before
	}
	return p
}

// related returns the entities reached from id over rel that keep
// accepts as a connection. Without keep the store pages and counts;
// with it every neighbour is read and paged here, by cursor (sort key and
// id, never an offset).
func related[T ecosystem.Node](ctx context.Context, rel ecosystem.Relation, id string, keep func(T) bool, first *int, after *string, last *int, before *string) (*model.Connection[T], error) {
	req := pageRequest(first, after, last, before)
	if keep == nil {
		return neighbourPage(ctx, rel, id, req, func(n ecosystem.Neighbour) (T, error) { return n.Node.(T), nil })
	}
	ns, err := For(ctx).Neighbours(ctx, rel, id)
	if err != nil {
		return nil, err
	}
	var kept []ecosystem.Neighbour
	for _, n := range ns {
		if t, ok := n.Node.(T); ok && keep(t) {
			kept = append(kept, n)
		}
	}
	return pageNeighbours(kept, req, func(n ecosystem.Neighbour) (T, error) { return n.Node.(T), nil })
}

// neighbourPage returns one page of what rel reaches from id, paged and
// counted by the store, each neighbour made an item by as.
func neighbourPage[T any](ctx context.Context, rel ecosystem.Relation, id string, req ecosystem.PageRequest, as func(ecosystem.Neighbour) (T, error)) (*model.Connection[T], error) {
	if _, _, err := req.Size(); err != nil {
		return nil, err
	}
	l := For(ctx)
	p, err := l.NeighbourPage(ctx, readAhead(ctx, l, rel, &req), id)
	if err != nil {
		return nil, err
	}
	total := p.Total
	conn := &model.Connection[T]{Count: func(context.Context) (int, error) { return total, nil }, Edges: makeEdges[T](len(p.Neighbours))}
	for i, n := range p.Neighbours {
		t, err := as(n)
		if err != nil {
			return nil, err
		}
		*conn.Edges[i] = model.Edge[T]{At: n.Cursor, Node: t}
	}
	conn.PageInfo = pageInfo(conn.Edges, &ecosystem.Page{HasNextPage: p.HasNextPage, HasPreviousPage: p.HasPreviousPage})
	return conn, nil
}

// makeEdges returns a page's n edges, empty, made in one allocation
// rather than one an edge (a query showing many pages of neighbours
// made a tenth of its allocations there).
func makeEdges[T any](n int) []*model.Edge[T] {
	all := make([]model.Edge[T], n)
	edges := make([]*model.Edge[T], n)
	for i := range all {
		edges[i] = &all[i]
	}
	return edges
}

// pageNeighbours cuts one page out of neighbours in cursor order, each
// neighbour made an item by as.
func pageNeighbours[T any](ns []ecosystem.Neighbour, req ecosystem.PageRequest, as func(ecosystem.Neighbour) (T, error)) (*model.Connection[T], error) {
	from, to, page, err := ecosystem.Window(len(ns), func(i int) ecosystem.Cursor { return ns[i].Cursor }, req)
	if err != nil {
		return nil, err
	}
	total := len(ns)
	conn := &model.Connection[T]{Count: func(context.Context) (int, error) { return total, nil }, Edges: makeEdges[T](to - from)}
	for i, n := range ns[from:to] {
		t, err := as(n)
		if err != nil {
			return nil, err
		}
		*conn.Edges[i] = model.Edge[T]{At: n.Cursor, Node: t}
	}
	conn.PageInfo = pageInfo(conn.Edges, &page)
	return conn, nil
}

// paginate cuts one page out of items, which are in cursor order.
func paginate[T any](items []T, cursorOf func(T) ecosystem.Cursor, req ecosystem.PageRequest) (*model.Connection[T], error) {
	from, to, page, err := ecosystem.Window(len(items), func(i int) ecosystem.Cursor { return cursorOf(items[i]) }, req)
	if err != nil {
		return nil, err
	}
	total := len(items)
	conn := &model.Connection[T]{Count: func(context.Context) (int, error) { return total, nil }, Edges: makeEdges[T](to - from)}
	for i, it := range items[from:to] {
		*conn.Edges[i] = model.Edge[T]{At: cursorOf(it), Node: it}
	}
	conn.PageInfo = pageInfo(conn.Edges, &page)
	return conn, nil
}

func pageInfo[T any](edges []*model.Edge[T], p *ecosystem.Page) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: p.HasNextPage, HasPreviousPage: p.HasPreviousPage}
	if len(edges) > 0 {
		info.Start, info.End = &edges[0].At, &edges[len(edges)-1].At
	}
	return info
}

// list runs a root list query as a connection, counting in the same
// round trip when totalCount is selected.
func list[T ecosystem.Node](ctx context.Context, store ecosystem.Store, label ecosystem.Label, conds []ecosystem.Condition, order ecosystem.Order, first *int, after *string, last *int, before *string) (*model.Connection[T], error) {
	q := ecosystem.ListQuery{Label: label, Conditions: conds, Order: order, Page: pageRequest(first, after, last, before), WithTotal: selects(ctx, "totalCount")}
	q.Partial, q.Properties = partialList(ctx, label)
	page, err := store.List(ctx, q)
	if err != nil {
		return nil, err
	}
	q.WithTotal = false
	conn := &model.Connection[T]{Count: func(ctx context.Context) (int, error) {
		if page.Total != nil {
			return *page.Total, nil
		}
		return store.Count(ctx, q)
	}}
	for i, n := range page.Nodes {
		if t, ok := n.(T); ok {
			conn.Edges = append(conn.Edges, &model.Edge[T]{At: page.Cursors[i], Node: t})
		}
	}
	conn.PageInfo = pageInfo(conn.Edges, page)
	return conn, nil
}

// canonical returns the ids with each id retired by a merge replaced by
// the id of the entity it was merged into, through the operation's
// loader (one batch), at once where the field asking resolves once (a
// root field's arguments: no sibling would join the batch in the
// loader's wait).
func canonical(ctx context.Context, ids ...string) ([]string, error) {
	read := For(ctx).Nodes
	if resolvesOnce(ctx) {
		read = For(ctx).NodesNow
	}
	found, err := read(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if n := found[id]; n != nil {
			out[i] = n.NodeMeta().ID
		}
	}
	return out, nil
}

// participationFilter is what a participation list may be narrowed by;
// unset fields do not narrow.
type participationFilter struct {
	role     *ecosystem.ParticipationRole
	status   *ecosystem.ParticipationStatus
	pillar   *string
	activeOn *ecosystem.Date
	sector   *ecosystem.Sector
	country  *string
}

// keeps reports whether a participation passes the filter; other is the
// node at the far end (the project or the organisation).
func (f participationFilter) keeps(ctx context.Context, p *ecosystem.Participation, other ecosystem.Node) (bool, error) {
	if (f.role != nil && p.Role != *f.role) || (f.status != nil && p.Status != *f.status) {
		return false, nil
	}
	if o, ok := other.(*ecosystem.Organisation); ok {
		if (f.sector != nil && o.Sector != *f.sector) || (f.country != nil && (o.Country == nil || *o.Country != *f.country)) {
			return false, nil
		}
	}
	if proj, ok := other.(*ecosystem.Project); ok {
		if f.activeOn != nil {
			since, until := p.Since, p.Until
			if since == nil {
				since = proj.Start
			}
			if until == nil {
				until = proj.End
			}
			if (since != nil && *since > *f.activeOn) || (until != nil && *until < *f.activeOn) {
				return false, nil
			}
		}
		if f.pillar != nil {
			pillars, err := many[*ecosystem.Pillar](ctx, ecosystem.ProjectPillars, proj.ID)
			if err != nil {
				return false, err
			}
			found := false
			for _, pl := range pillars {
				found = found || pl.ID == *f.pillar
			}
			if !found {
				return false, nil
			}
		}
	}
	return true, nil
}

// participations returns the PARTICIPATES_IN edges seen from an
// organisation (rel reaches projects) or a project (rel reaches
// organisations) that pass the filter, ordered and paged by the node at
// the other end. Unfiltered, the store pages and counts.
func participations(ctx context.Context, rel ecosystem.Relation, from ecosystem.Node, filter participationFilter, first *int, after *string, last *int, before *string) (*model.Connection[*model.Participation], error) {
	id := from.NodeMeta().ID
	as := func(n ecosystem.Neighbour) (*model.Participation, error) {
		p, err := participationOf(n, from)
		if err != nil {
			return nil, fmt.Errorf("the %s link between %s and %s: %w", rel.Type, id, n.Node.NodeMeta().ID, err)
		}
		return p, nil
	}
	req := pageRequest(first, after, last, before)
	if filter == (participationFilter{}) {
		return neighbourPage(ctx, rel, id, req, as)
	}
	ns, err := For(ctx).Neighbours(ctx, rel, id)
	if err != nil {
		return nil, err
	}
	var kept []ecosystem.Neighbour
	for _, n := range ns {
		p, err := as(n)
		if err != nil {
			return nil, err
		}
		keep, err := filter.keeps(ctx, p.Participation, n.Node)
		if err != nil {
			return nil, err
		}
		if keep {
			kept = append(kept, n)
		}
	}
	return pageNeighbours(kept, req, as)
}

// participationOf returns the participation between from and the
// neighbour n reached from it over PARTICIPATES_IN, either way.
func participationOf(n ecosystem.Neighbour, from ecosystem.Node) (*model.Participation, error) {
	stated, ok := n.Props.(*ecosystem.Participation)
	if !ok {
		return nil, fmt.Errorf("the link states %T, not a participation", n.Props)
	}
	p := &model.Participation{Participation: stated}
	for _, end := range []ecosystem.Node{from, n.Node} {
		switch e := end.(type) {
		case *ecosystem.Organisation:
			p.Organisation, p.OrganisationID = e, e.ID
		case *ecosystem.Project:
			p.Project, p.ProjectID = e, e.ID
		}
	}
	if p.Organisation == nil || p.Project == nil {
		return nil, fmt.Errorf("a participation joins %T and %T, not an organisation and a project", from, n.Node)
	}
	return p, nil
}

// memberships returns MEMBER_OF edges seen from either end, paged and
// counted by the store.
func memberships(ctx context.Context, rel ecosystem.Relation, id string, first *int, after *string, last *int, before *string) (*model.Connection[*model.Membership], error) {
	return neighbourPage(ctx, rel, id, pageRequest(first, after, last, before), func(n ecosystem.Neighbour) (*model.Membership, error) {
		facts := n.Facts()
		m := &model.Membership{OrganisationID: n.Node.NodeMeta().ID, LinkFacts: &facts}
		if rel.Direction == ecosystem.Outgoing {
			m.MemberID, m.GroupID = id, m.OrganisationID
		} else {
			m.MemberID, m.GroupID = m.OrganisationID, id
		}
		return m, nil
	})
}

// day returns a date argument, or "" (no date: everything counts).
func day(d *ecosystem.Date) ecosystem.Date {
	if d == nil {
		return ""
	}
	return *d
}

// pointers returns pointers to the elements of xs.
func pointers[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}

// searchCursor orders hits best first: the key grows as the score falls,
// at a fixed width so that keys compare as numbers.
func searchCursor(h ecosystem.SearchHit) ecosystem.Cursor {
	return ecosystem.Cursor{Key: fmt.Sprintf("%024.9f", 1e12-h.Score), ID: h.ID}
}

// cursorOf is the cursor of an entity in name order.
func cursorOf[T ecosystem.Node](n T) ecosystem.Cursor { return ecosystem.CursorOf(n) }

// projectsInOrder reads the projects with the given ids through the
// node loader and puts them in name order (ids naming no project are
// left out).
func projectsInOrder(ctx context.Context, ids []string) ([]*ecosystem.Project, error) {
	found, err := For(ctx).Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*ecosystem.Project, 0, len(found))
	cursors := make(map[*ecosystem.Project]ecosystem.Cursor, len(found))
	for _, id := range ids {
		if p, ok := found[id].(*ecosystem.Project); ok {
			if _, twice := cursors[p]; !twice {
				cursors[p] = ecosystem.CursorOf(p)
				out = append(out, p)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return cursors[out[i]].Less(cursors[out[j]]) })
	return out, nil
}

// order turns an orderBy argument into a store order (nil: by name).
func order(field *ecosystem.OrderField, direction *model.OrderDirection) ecosystem.Order {
	var o ecosystem.Order
	if field != nil {
		o.Field = *field
	}
	if direction != nil {
		o.Desc = *direction == model.OrderDirectionDesc
	}
	return o
}
