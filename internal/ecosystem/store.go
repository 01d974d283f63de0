package ecosystem

import (
	"context"
	"fmt"
)

// Store is what every storage backend implements. Reads never change the
// graph; each write is one transaction that either happens whole or not at
// all.
type Store interface {
	// NodesByID returns the entities with the given ids, keyed by id. Ids
	// that name nothing are absent from the map; that is not an error.
	NodesByID(ctx context.Context, ids []string) (map[string]Node, error)

	// Neighbours follows rel from each of the given ids and returns, per
	// id, the nodes reached with the relationship's properties, ordered by
	// sort key and id.
	Neighbours(ctx context.Context, rel Relation, ids []string) (map[string][]Neighbour, error)

	// List returns one page of the entities of q.Label that satisfy every
	// condition of q, in q's order. Returns BAD_USER_INPUT for a bad cursor.
	List(ctx context.Context, q ListQuery) (*Page, error)

	// Count returns how many entities satisfy q's label and conditions.
	Count(ctx context.Context, q ListQuery) (int, error)

	// Apply writes a dataset in one transaction, in this order: deletes
	// (with their relationships), removed links, replaced link slots
	// emptied, nodes merged by id (properties replaced, version bumped
	// only when something changed), links merged by their ends and type.
	// Applying the same dataset twice changes nothing. Returns
	// BAD_USER_INPUT when the dataset is invalid, CONFLICT when an id is
	// taken by another type or an expected version is stale, NOT_FOUND
	// when a link, removal or delete names a missing id; in every case
	// nothing is written.
	Apply(ctx context.Context, ds *Dataset) (ApplyStats, error)

	// Stats returns the number of nodes per label and relationships per
	// type.
	Stats(ctx context.Context) (GraphStats, error)

	// Ping reports whether the store can serve requests.
	Ping(ctx context.Context) error

	// Close releases the store's resources.
	Close(ctx context.Context) error

	Snapshotter
	Searcher
	Explorer
	NeighbourPager
}

// Dataset is a set of entities and the links between them, as loaded from
// the seed or an import.
type Dataset struct {
	Nodes []Node
	Links []Link

	// The fields below serve editors' writes; the seed and imports leave
	// them empty.

	// ExpectedVersions maps an id to the version its writer saw; a
	// different current version is a CONFLICT.
	ExpectedVersions map[string]int
	// ReplaceLinks empties link slots (every link of a type from a node)
	// before Links are added, so that a changed parent replaces the old.
	ReplaceLinks []LinkSlot
	// RemoveLinks deletes links by their ends and type.
	RemoveLinks []Link
	// Deletes removes entities with all their relationships.
	Deletes []string
	// Merges fold one entity into another: every relationship of Merge
	// moves to Keep (where Keep has none of that type to that node), Merge
	// goes, and its id resolves to Keep from then on.
	Merges []Merge
	// FillOnly marks an import: for entities that exist it only fills
	// fields that are empty, never overwriting the seed or an editor.
	FillOnly bool
	// ByEditor marks an editor's write: what it sets, replaces, removes
	// and deletes is recorded and wins over later seeds and imports.
	ByEditor bool
}

// Merge names the entity that stays and the one folded into it.
type Merge struct {
	Keep  string
	Merge string
}

// LinkSlot is every relationship of one type going out of one node
// (From), or, when From is empty, coming into one node (To).
type LinkSlot struct {
	From string
	Type RelType
	To   string
}

// ApplyStats says what Apply did.
type ApplyStats struct {
	NodesCreated int
	NodesUpdated int
	NodesDeleted int
	LinksCreated int
	// LinksUpdated counts existing links whose properties changed.
	LinksUpdated int
	LinksDeleted int
}

// GraphStats counts what the graph holds.
type GraphStats struct {
	Nodes         map[Label]int
	Relationships map[RelType]int
}

// TotalNodes returns the number of nodes of every label.
func (s GraphStats) TotalNodes() int {
	n := 0
	for _, c := range s.Nodes {
		n += c
	}
	return n
}

// TotalRelationships returns the number of relationships of every type.
func (s GraphStats) TotalRelationships() int {
	n := 0
	for _, c := range s.Relationships {
		n += c
	}
	return n
}

// Snapshot is the whole graph as plain data, stamped with the graph
// version it was read at. Analyses that Neo4j Community cannot run
// (centrality, cut vertices, components, paths over every relationship)
// work on it in Go.
type Snapshot struct {
	// Version is the graph-wide version stamp at the time of reading; every
	// write bumps it, whichever process makes it.
	Version int
	Nodes   map[string]Node
	Links   []Link
}

// Snapshotter is implemented by stores that can hand out the whole graph.
// Every store implements it; it is a separate interface so that the
// analysis layer asks for exactly what it needs.
type Snapshotter interface {
	// Snapshot reads every node and relationship in one consistent read.
	Snapshot(ctx context.Context) (*Snapshot, error)
	// GraphVersion returns the graph-wide version stamp: a cheap way to
	// know whether a cached Snapshot is stale.
	GraphVersion(ctx context.Context) (int, error)
}

// Searcher finds entities by text. Every store implements it, and every
// store finds the same entities in the same order.
type Searcher interface {
	// Search returns the entities whose search texts match every word of
	// q.Text (case-insensitively, accents and Norwegian letters folded, a
	// word matching as a prefix or through the search vocabulary), best
	// first, at most MaxSearchHits. User text is treated as plain words:
	// no query syntax can break or widen the search.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
}

// MaxSearchHits bounds one search's results.
const MaxSearchHits = 500

// SearchQuery is a text search, optionally limited to some labels.
type SearchQuery struct {
	Text   string
	Labels []Label
	// RankOnly says that the reader reads the entities of the hits it
	// shows by id, so that a store may leave SearchHit.Node nil rather
	// than read every hit's entity to show a page of them.
	RankOnly bool
	// Partial and Properties are as a ListQuery's: the reader shows no
	// property of the hits' entities but their id and Properties (each a
	// property of one of the labels searched), so that a store may fill
	// SearchHit.Node, even under RankOnly, with an entity holding only
	// those, read with the hits in the same round trip.
	Partial    bool
	Properties []string
}

// SearchHit is one entity found (its id, and the entity itself unless
// the query said RankOnly), its score (higher is better) and the field
// the text matched best.
type SearchHit struct {
	ID           string
	Node         Node
	Score        float64
	MatchedField string
}

// Collaboration is an organisation that shares projects with another:
// its id and collation key (SortKey of its name), which rank it, and the
// ids of the projects they share (in no particular order). A reader that
// shows the organisation or the projects reads them by id, so that
// ranking hundreds of collaborators to show twenty reads no more.
type Collaboration struct {
	OrganisationID string
	SortKey        string
	ProjectIDs     []string
	// Organisation is the collaborator itself when the store read it
	// with a page of them (CollaboratorPages may); nil otherwise.
	Organisation *Organisation
}

// Cursor returns the collaborator's cursor in name order.
func (c *Collaboration) Cursor() Cursor { return Cursor{Key: c.SortKey, ID: c.OrganisationID} }

// RankCursor returns the collaborator's cursor in rank order: most
// shared projects first, then in name order.
func (c *Collaboration) RankCursor() Cursor {
	return Cursor{Key: RankPrefix(len(c.ProjectIDs)) + c.SortKey, ID: c.OrganisationID}
}

// RankPrefix returns the text that, put before a sort key, orders
// larger counts first: 999999999 - count in nine digits.
func RankPrefix(count int) string { return fmt.Sprintf("%09d", 999999999-count) }

// CollaboratorPage is one page of an organisation's collaborators in
// rank order.
type CollaboratorPage struct {
	// Organisation is the organisation whose collaborators these are,
	// whole, read with the page, so that a caller showing it as well needs
	// no second read.
	Organisation    *Organisation
	Collaborations  []Collaboration
	HasNextPage     bool
	HasPreviousPage bool
	// Total is the number of collaborators, on every page.
	Total int
}

// Explorer answers the common relationship questions, each in one
// round trip. Every store implements it.
type Explorer interface {
	// Collaborators returns, for each given organisation, the
	// organisations that share at least one project with it: most shared
	// projects first, then in sort order. Many organisations cost one
	// round trip, so that a list of them asking for collaborators is not
	// one query per row.
	Collaborators(ctx context.Context, organisationIDs []string) (map[string][]Collaboration, error)
	// CollaboratorPages returns, for each given organisation, one page of
	// its collaborators in rank order (Collaboration.RankCursor), cut as
	// Window cuts Collaborators' list, how many there are, and the
	// organisation itself, in one round trip that sends only the page. An
	// id that names no organisation has no page. Returns BAD_USER_INPUT
	// for a bad page request or cursor.
	CollaboratorPages(ctx context.Context, organisationIDs []string, req PageRequest) (map[string]*CollaboratorPage, error)
}
