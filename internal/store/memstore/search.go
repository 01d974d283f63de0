package memstore

import (
	"context"
	"sort"
	"strings"
	"sync"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// searchIndex finds entities by the prefixes of their folded search
// words without decoding them: the folded fields of every entity and, for
// every word, the entities that have it. Like a state, an index is never
// changed once built; a write builds the next one from the changes.
type searchIndex struct {
	entries map[string]*searchEntry
	// postings lists, for each word, the ids of the entities that have
	// it; words holds the words in order, for prefix ranges.
	postings map[string][]string
	words    []string
}

// searchEntry is what the index knows of one entity.
type searchEntry struct {
	record *record // the record it was made from
	label  ecosystem.Label
	fields storekit.SearchFields
	words  []string // distinct
}

// lazySearch holds a state's index, built on first use for a state that
// was loaded, and handed over by the write that made the state otherwise.
type lazySearch struct {
	once  sync.Once
	index *searchIndex
}

// searchIndex returns the state's index.
func (st *state) searchIndex() *searchIndex {
	st.search.once.Do(func() {
		if st.search.index == nil {
			st.search.index = newSearchIndex(st.nodes, nil, nil, nil)
		}
	})
	return st.search.index
}

// withSearchIndex gives next, the state a write made from st, an index
// updated for the records the write replaced, added or removed, reading
// only those. A record replaced with the same label and search fields (a
// version bump when only an entity's links changed) keeps its words: its
// entry is only pointed at the new record.
func (st *state) withSearchIndex(next *state) {
	old := st.searchIndex()
	changed := map[string]bool{}
	restamped := map[string]*record{}
	for id, r := range next.nodes {
		was := st.nodes[id]
		switch {
		case was == r:
		case was != nil && sameSearchFields(was, r):
			restamped[id] = r
		default:
			changed[id] = true
		}
	}
	for id := range st.nodes {
		if _, ok := next.nodes[id]; !ok {
			changed[id] = true
		}
	}
	switch {
	case len(changed) == 0 && len(restamped) == 0:
		next.search.index = old
	case len(changed) > len(next.nodes)/4:
		next.search.index = newSearchIndex(next.nodes, nil, nil, nil)
	default:
		next.search.index = newSearchIndex(next.nodes, old, changed, restamped)
	}
}

// sameSearchFields reports whether two records of an entity index alike:
// the same label and the same stored search fields.
func sameSearchFields(a, b *record) bool {
	fa, okA := a.Props[storekit.SearchFieldsProperty].(string)
	fb, okB := b.Props[storekit.SearchFieldsProperty].(string)
	return a.Label == b.Label && okA && okB && fa == fb
}

// newSearchIndex indexes nodes: all of them, or, given the index of the
// state before, the ids a write changed and the records it replaced
// without changing their search fields, those ids on a copy of it.
func newSearchIndex(nodes map[string]*record, old *searchIndex, changed map[string]bool, restamped map[string]*record) *searchIndex {
	ix := &searchIndex{entries: make(map[string]*searchEntry, len(nodes)), postings: map[string][]string{}}
	if old == nil {
		for id, r := range nodes {
			e := newSearchEntry(r)
			ix.entries[id] = e
			for _, w := range e.words {
				ix.postings[w] = append(ix.postings[w], id)
			}
		}
		ix.sortWords()
		return ix
	}
	for id, e := range old.entries {
		ix.entries[id] = e
	}
	for w, ids := range old.postings {
		ix.postings[w] = ids
	}
	for id, r := range restamped {
		e := *ix.entries[id]
		e.record = r
		ix.entries[id] = &e
	}
	// Each word's list is built again once, however many of its ids the
	// write removes or adds (the old index's lists are shared, never
	// changed): appending one id at a time to a copy would copy a common
	// word's list for every entity that has it.
	removed := map[string]map[string]bool{}
	added := map[string][]string{}
	for id := range changed {
		if e, ok := ix.entries[id]; ok {
			for _, w := range e.words {
				if removed[w] == nil {
					removed[w] = map[string]bool{}
				}
				removed[w][id] = true
			}
			delete(ix.entries, id)
		}
		if r, ok := nodes[id]; ok {
			e := newSearchEntry(r)
			ix.entries[id] = e
			for _, w := range e.words {
				added[w] = append(added[w], id)
			}
		}
	}
	newWords := false
	rebuild := func(w string) {
		was, had := ix.postings[w]
		gone := removed[w]
		ids := make([]string, 0, max(0, len(was)-len(gone))+len(added[w]))
		for _, id := range was {
			if !gone[id] {
				ids = append(ids, id)
			}
		}
		ids = append(ids, added[w]...)
		switch {
		case len(ids) == 0:
			delete(ix.postings, w)
			newWords = newWords || had
		default:
			ix.postings[w] = ids
			newWords = newWords || !had
		}
	}
	for w := range removed {
		rebuild(w)
	}
	for w := range added {
		if removed[w] == nil {
			rebuild(w)
		}
	}
	if newWords {
		ix.sortWords()
	} else {
		ix.words = old.words
	}
	return ix
}

// newSearchEntry reads a record's stored search fields, or computes them
// when the record was stored by a version that folded otherwise (or not
// at all).
func newSearchEntry(r *record) *searchEntry {
	fs, ok := storekit.DecodeSearchFields(r.Props[storekit.SearchFieldsProperty])
	if !ok {
		// Records are validated when loaded and written, so they decode.
		n, err := decode(r)
		if err == nil {
			fs = storekit.SearchFieldsOf(n)
		}
	}
	e := &searchEntry{record: r, label: r.Label, fields: fs}
	seen := map[string]bool{}
	for _, texts := range fs {
		for _, t := range texts {
			for _, w := range strings.Fields(t) {
				if !seen[w] {
					seen[w] = true
					e.words = append(e.words, w)
				}
			}
		}
	}
	return e
}

func (ix *searchIndex) sortWords() {
	ix.words = make([]string, 0, len(ix.postings))
	for w := range ix.postings {
		ix.words = append(ix.words, w)
	}
	sort.Strings(ix.words)
}

// withPrefix returns the ids of the entities that have a word starting
// with prefix.
func (ix *searchIndex) withPrefix(prefix string) map[string]bool {
	out := map[string]bool{}
	for i := sort.SearchStrings(ix.words, prefix); i < len(ix.words) && strings.HasPrefix(ix.words[i], prefix); i++ {
		for _, id := range ix.postings[ix.words[i]] {
			out[id] = true
		}
	}
	return out
}

// candidates returns the ids of the entities that have, for every word
// of q, a word starting with it or with each word of one of its terms:
// what the Neo4j store's full-text query finds.
func (ix *searchIndex) candidates(q storekit.SearchQuery) map[string]bool {
	var out map[string]bool
	for _, terms := range q.Terms {
		either := map[string]bool{}
		for _, term := range terms {
			var all map[string]bool
			for _, w := range term {
				all = intersect(all, ix.withPrefix(w))
			}
			for id := range all {
				either[id] = true
			}
		}
		out = intersect(out, either)
	}
	return out
}

// intersect returns the ids in both sets; a nil a stands for every id.
func intersect(a, b map[string]bool) map[string]bool {
	if a == nil {
		return b
	}
	out := map[string]bool{}
	for id := range a {
		if b[id] {
			out[id] = true
		}
	}
	return out
}

// Search finds candidates in the search index, ranks them with
// storekit.SearchQuery.Rank and decodes only the hits it returns.
func (s *Store) Search(ctx context.Context, q ecosystem.SearchQuery) ([]ecosystem.SearchHit, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	query := storekit.ParseSearch(q.Text)
	if len(query.Words) == 0 {
		return nil, nil
	}
	ix := st.searchIndex()
	var found []storekit.Ranked
	for id := range ix.candidates(query) {
		e := ix.entries[id]
		if len(q.Labels) > 0 && !containsLabel(q.Labels, e.label) {
			continue
		}
		if score, field := query.Rank(e.fields); score > 0 {
			found = append(found, storekit.Ranked{ID: id, Score: score, Field: field})
		}
	}
	found = storekit.Best(found)
	hits := make([]ecosystem.SearchHit, len(found))
	for i, f := range found {
		n, err := decode(ix.entries[f.ID].record)
		if err != nil {
			return nil, err
		}
		hits[i] = ecosystem.SearchHit{ID: f.ID, Node: n, Score: f.Score, MatchedField: f.Field}
	}
	return hits, nil
}
