package storekit

import "github.com/cancermissionhub/hubgraph/internal/ecosystem"

// Changes records what one Apply changed as its phases run: the counts it
// returns, and the entities it touched (their links changed, so their
// versions move too), wrote and deleted. Both stores apply a dataset in
// the same named phases (prepare, removeFirst, writeNodes, writeLinks,
// bumpTouched, recordEditors, bumpGraphVersion), each adding to one
// Changes.
type Changes struct {
	Stats   ecosystem.ApplyStats
	Touched map[string]bool
	Written map[string]bool
	Deleted map[string]bool
}

// NewChanges returns an empty record of changes.
func NewChanges() *Changes {
	return &Changes{Touched: map[string]bool{}, Written: map[string]bool{}, Deleted: map[string]bool{}}
}

// Touch records the ids as ends of changed links.
func (c *Changes) Touch(ids ...string) {
	for _, id := range ids {
		c.Touched[id] = true
	}
}
