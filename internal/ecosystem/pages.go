package ecosystem

import (
	"context"
	"strconv"
	"strings"
)

// NeighbourPager follows relationships in the store, paged and nested, so
// that a node with hundreds of neighbours costs one page of them, not
// all, and a nested query costs one round trip, not one per level.
type NeighbourPager interface {
	// Follow takes each step from each of the given ids and returns, per
	// id, one page per step (in the order of steps), each neighbour on it
	// carrying the pages of the step's Then, in one round trip. A paged
	// step's page holds the nodes reached in sort key and id order, cut as
	// Window cuts it, and how many there are in all; an unpaged step's
	// holds every node reached, as Neighbours returns them. An id that
	// names nothing, or a step that reaches nothing, has no page or an
	// empty one (nil and empty pages mean the same). Returns BAD_USER_INPUT for a bad page request or
	// cursor.
	Follow(ctx context.Context, ids []string, steps []Step) (map[string][]*NeighbourPage, error)

	// NodesWith returns the entities with the given ids, as NodesByID
	// does (ids that name nothing are absent), each with the pages steps
	// reach from it, as Follow does, in one round trip: a root field and
	// everything a query nests below it.
	NodesWith(ctx context.Context, ids []string, steps []Step) (map[string]NodeWith, error)
}

// NodeWith is an entity and the pages of the steps taken from it.
type NodeWith struct {
	Node  Node
	Pages []*NeighbourPage
}

// Step is one relation followed from a node, one page of it or all of
// it, and the steps to take from each node it reaches.
type Step struct {
	Relation Relation
	// Page is the page to read; nil reads every node reached.
	Page *PageRequest
	// OmitCursors says that the reader of a paged step shows no cursor
	// of it and no page information, so that the store may leave the
	// neighbours' cursors and kept sort keys out (a collation key is
	// often the longest property of a node), and HasNextPage and
	// HasPreviousPage false rather than read past the page. The nodes
	// are whole all the same.
	OmitCursors bool
	// OmitTotal says that the reader of a paged step does not show how
	// many nodes it reaches, so that the store may leave Total zero
	// rather than count them.
	OmitTotal bool
	// OmitLinkProperties says that the reader of a step shows nothing
	// the relationships state (a participation's role, a link's
	// sources), only the nodes reached, so that the store may leave the
	// relationships' properties out: each Neighbour's Props is then its
	// type's zero value.
	OmitLinkProperties bool
	// Partial says that the reader shows no property of the nodes
	// reached but their id and Properties, so that the store may read
	// no other: the nodes it then returns lack every other property and
	// must not reach a reader that shows more. A store may always return
	// whole nodes.
	Partial    bool
	Properties []string
	Then       []Step
}

// Key returns a text that names the step and every step below it: two
// steps with the same key read the same.
func (s Step) Key() string {
	var b strings.Builder
	s.writeKey(&b)
	return b.String()
}

func (s Step) writeKey(b *strings.Builder) {
	// No fmt: keys are made for every page a read ahead primes, on
	// goroutines whose stacks are still small.
	b.WriteString(string(s.Relation.Type))
	b.WriteByte('/')
	b.WriteString(strconv.Itoa(int(s.Relation.Direction)))
	b.WriteByte('/')
	b.WriteString(string(s.Relation.Target))
	if s.Page != nil {
		b.WriteString(s.Page.Key())
	}
	if s.OmitCursors {
		b.WriteString("~")
	}
	if s.OmitTotal {
		b.WriteString("#")
	}
	if s.OmitLinkProperties {
		b.WriteString("-")
	}
	if s.Partial {
		b.WriteString("{" + strings.Join(s.Properties, ",") + "}")
	}
	if len(s.Then) > 0 {
		b.WriteString("(")
		for i, t := range s.Then {
			if i > 0 {
				b.WriteString(",")
			}
			t.writeKey(b)
		}
		b.WriteString(")")
	}
}

// Size returns the number of steps in s and below it, and how deep they
// go (1 for a step with no Then).
func (s Step) Size() (steps, depth int) {
	steps, depth = 1, 1
	for _, t := range s.Then {
		n, d := t.Size()
		steps += n
		depth = max(depth, d+1)
	}
	return steps, depth
}

// NeighbourPage is one page of the nodes reached from one node.
type NeighbourPage struct {
	Neighbours      []Neighbour
	HasNextPage     bool
	HasPreviousPage bool
	// Total is the number of nodes reached, on every page.
	Total int
}

// Window cuts one page out of n items in cursor order (cursorAt gives
// the i-th item's cursor): items after req.After and before req.Before,
// the first or last of them as req asks. It returns the page's bounds
// [from, to) and whether items lie beyond each end. It is the one
// definition of paging a list held whole; stores that page elsewhere
// give the same answers.
func Window(n int, cursorAt func(i int) Cursor, req PageRequest) (from, to int, page Page, err error) {
	lo, hi := 0, n
	if req.After != "" {
		c, err := DecodeCursor(req.After)
		if err != nil {
			return 0, 0, page, err
		}
		for lo < hi && !c.Less(cursorAt(lo)) {
			lo++
		}
	}
	if req.Before != "" {
		c, err := DecodeCursor(req.Before)
		if err != nil {
			return 0, 0, page, err
		}
		for hi > lo && !cursorAt(hi-1).Less(c) {
			hi--
		}
	}
	return WindowBetween(n, lo, hi, req)
}

// WindowBetween cuts the page req asks for out of n items of which
// [lo, hi) lie between its cursors, as Window does once it has found
// them.
func WindowBetween(n, lo, hi int, req PageRequest) (from, to int, page Page, err error) {
	size, backward, err := req.Size()
	if err != nil {
		return 0, 0, page, err
	}
	from, to = lo, hi
	if backward {
		from = max(lo, hi-size)
		page.HasPreviousPage, page.HasNextPage = from > lo, hi < n
	} else {
		to = min(hi, lo+size)
		page.HasNextPage, page.HasPreviousPage = to < hi, lo > 0
	}
	return from, to, page, nil
}
