package ecosystem

import "context"

// NeighbourPager pages relationships in the store, so that a node with
// hundreds of neighbours costs one page of them, not all.
type NeighbourPager interface {
	// NeighbourPages follows rel from each of the given ids and returns,
	// per id, one page of the nodes reached (in sort key and id order,
	// cut as Window cuts it) and how many there are in all, in one round
	// trip. Returns BAD_USER_INPUT for a bad page request or cursor.
	NeighbourPages(ctx context.Context, rel Relation, ids []string, page PageRequest) (map[string]*NeighbourPage, error)
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
	size, backward, err := req.Size()
	if err != nil {
		return 0, 0, page, err
	}
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
