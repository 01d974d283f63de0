package neo4jstore

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/storekit"
)

// Ranking an organisation's collaborators in Cypher walks every
// participation of every project it takes part in: for the busiest
// organisation of the bench's scale M (hundreds of projects, thousands of
// collaborators) about 7 ms of the database's time for a page of twenty,
// however the statement is written. The participations themselves are
// small (an organisation's id and sort key, a project's id each), so the
// store keeps them in memory, in a collaborationIndex made for one
// version of the graph (the graph-wide stamp every write moves), and
// ranks there: a page then costs one short statement that reads the
// page's organisations and the graph's version. Where the version has
// moved since the index was made (a write, through this process or
// another), the page is ranked in Cypher as before, and a new index is
// made in the background; answers never come from an index of another
// version.

// collaborationIndex holds the PARTICIPATES_IN links between
// organisations and projects of one version of the graph.
type collaborationIndex struct {
	version int
	// orgIDs and sortKeys describe the organisations that take part in
	// a project, by their number here.
	orgIDs, sortKeys []string
	orgByID          map[string]int32
	// nameOrder is each organisation's place in sort key and id order.
	nameOrder []int32
	// projectsOf lists each organisation's projects, partnersOf each
	// project's organisations, by number, without repeats.
	projectsOf [][]int32
	partnersOf [][]int32
	projectIDs []string
}

// collaboration is one collaborator of an organisation in an index: its
// number and how many projects it shares.
type collaboration struct {
	org, shared int32
}

// rank returns the collaborators of organisation o (its number) in rank
// order: most shared projects first, then by sort key and id, as
// ecosystem.Collaboration.RankCursor orders them.
func (x *collaborationIndex) rank(o int32) []collaboration {
	shared := make([]int32, len(x.orgIDs))
	var out []collaboration
	for _, p := range x.projectsOf[o] {
		for _, c := range x.partnersOf[p] {
			if c == o {
				continue
			}
			if shared[c] == 0 {
				out = append(out, collaboration{org: c})
			}
			shared[c]++
		}
	}
	for i := range out {
		out[i].shared = shared[out[i].org]
	}
	slices.SortFunc(out, func(a, b collaboration) int {
		if a.shared != b.shared {
			return cmp.Compare(b.shared, a.shared)
		}
		return cmp.Compare(x.nameOrder[a.org], x.nameOrder[b.org])
	})
	return out
}

// sharedProjects returns the ids of the projects organisations o and c
// (their numbers) both take part in.
func (x *collaborationIndex) sharedProjects(o, c int32) []string {
	var out []string
	for _, p := range x.projectsOf[c] {
		if slices.Contains(x.partnersOf[p], o) {
			out = append(out, x.projectIDs[p])
		}
	}
	return out
}

// collaborationIndexes keeps a store's latest index and makes the next
// one, one at a time, in the background.
type collaborationIndexes struct {
	mu       sync.Mutex
	current  *collaborationIndex
	building bool
	// notBefore is when the next build may start: a graph written to
	// all the time is indexed at most every few build times, so that
	// building takes a bounded share of the database.
	notBefore time.Time
}

// indexBuildSpacing is how many of the last build's durations pass,
// from its start, before the next may start.
const indexBuildSpacing = 5

// latest returns the latest index, nil when there is none.
func (c *collaborationIndexes) latest() *collaborationIndex {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.current
}

// refreshCollaborationIndex starts making a new index in the
// background unless one is being made or the last started too recently.
func (s *Store) refreshCollaborationIndex() {
	c := &s.collaborations
	c.mu.Lock()
	if c.building || time.Now().Before(c.notBefore) {
		c.mu.Unlock()
		return
	}
	c.building = true
	c.mu.Unlock()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		start := time.Now()
		x, err := s.readCollaborationIndex(ctx)
		c.mu.Lock()
		defer c.mu.Unlock()
		c.building = false
		c.notBefore = start.Add(indexBuildSpacing * time.Since(start))
		if err == nil {
			c.install(x)
		}
	}()
}

// install makes x the index in use unless the one in use is of a later
// version; c.mu is held.
func (c *collaborationIndexes) install(x *collaborationIndex) {
	if c.current == nil || x.version >= c.current.version {
		c.current = x
	}
}

// BuildCollaborationIndex makes the index of the graph as it is now and
// returns when it is in use (a server makes it in the background the
// first time collaborators are asked for; tests and warm-ups call this).
func (s *Store) BuildCollaborationIndex(ctx context.Context) error {
	x, err := s.readCollaborationIndex(ctx)
	if err != nil {
		return err
	}
	c := &s.collaborations
	c.mu.Lock()
	defer c.mu.Unlock()
	c.install(x)
	return nil
}

// readCollaborationIndex reads the graph's version, then its
// participations, in two statements in that order: Neo4j reads what is
// committed, so a write committed between them is in the links but not
// in the version, and the index is of an older version than the graph
// already has, never used. Read the other way round, an index could
// claim a version whose writes it lacks.
func (s *Store) readCollaborationIndex(ctx context.Context) (*collaborationIndex, error) {
	ctx = context.WithValue(ctx, uncountedKey{}, true)
	version, err := s.GraphVersion(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, `MATCH (o:Organisation)-[:PARTICIPATES_IN]->(p:Project)
RETURN collect([o.id, o.sortKey, p.id])`, nil)
	if err != nil {
		return nil, err
	}
	x := &collaborationIndex{version: version, orgByID: map[string]int32{}}
	projectByID := map[string]int32{}
	for _, row := range recs[0].Values[0].([]any) {
		values := row.([]any)
		orgID, sortKey, projectID := values[0].(string), values[1], values[2].(string)
		o, ok := x.orgByID[orgID]
		if !ok {
			o = int32(len(x.orgIDs))
			key, _ := sortKey.(string)
			x.orgByID[orgID] = o
			x.orgIDs, x.sortKeys = append(x.orgIDs, orgID), append(x.sortKeys, key)
			x.projectsOf = append(x.projectsOf, nil)
		}
		p, ok := projectByID[projectID]
		if !ok {
			p = int32(len(x.projectIDs))
			projectByID[projectID] = p
			x.projectIDs = append(x.projectIDs, projectID)
			x.partnersOf = append(x.partnersOf, nil)
		}
		if !slices.Contains(x.projectsOf[o], p) {
			x.projectsOf[o] = append(x.projectsOf[o], p)
			x.partnersOf[p] = append(x.partnersOf[p], o)
		}
	}
	byName := make([]int32, len(x.orgIDs))
	for i := range byName {
		byName[i] = int32(i)
	}
	slices.SortFunc(byName, func(a, b int32) int {
		if c := cmp.Compare(x.sortKeys[a], x.sortKeys[b]); c != 0 {
			return c
		}
		return cmp.Compare(x.orgIDs[a], x.orgIDs[b])
	})
	x.nameOrder = make([]int32, len(byName))
	for place, org := range byName {
		x.nameOrder[org] = int32(place)
	}
	return x, nil
}

// indexedCollaboratorPages answers CollaboratorPages from index x in one
// statement, which reads the organisations asked about (which also tells
// those with no collaborator from ids that name none), those on the
// pages, and last the graph's version; false when that is no longer x's
// version.
func (s *Store) indexedCollaboratorPages(ctx context.Context, x *collaborationIndex, organisationIDs []string, req ecosystem.PageRequest) (map[string]*ecosystem.CollaboratorPage, bool, error) {
	pages := make(map[string]*ecosystem.CollaboratorPage, len(organisationIDs))
	var onPages []string
	for _, id := range organisationIDs {
		page := &ecosystem.CollaboratorPage{}
		pages[id] = page
		o, ok := x.orgByID[id]
		if !ok {
			continue
		}
		ranked := x.rank(o)
		from, to, window, err := ecosystem.Window(len(ranked), func(i int) ecosystem.Cursor {
			c := ranked[i]
			return ecosystem.Cursor{Key: ecosystem.RankPrefix(int(c.shared)) + x.sortKeys[c.org], ID: x.orgIDs[c.org]}
		}, req)
		if err != nil {
			return nil, false, err
		}
		page.Total, page.HasNextPage, page.HasPreviousPage = len(ranked), window.HasNextPage, window.HasPreviousPage
		for _, c := range ranked[from:to] {
			page.Collaborations = append(page.Collaborations, ecosystem.Collaboration{
				OrganisationID: x.orgIDs[c.org], SortKey: x.sortKeys[c.org], ProjectIDs: x.sharedProjects(o, c.org)})
			onPages = append(onPages, x.orgIDs[c.org])
		}
	}
	recs, err := s.read(ctx, `CALL () {
  UNWIND $asked AS id
  MATCH (o:Organisation {id: id})
  RETURN collect(`+projection("o", ecosystem.LabelOrganisation)+`) AS asked
}
CALL () {
  UNWIND $shown AS id
  MATCH (c:Organisation {id: id})
  RETURN collect(`+projection("c", ecosystem.LabelOrganisation)+`) AS shown
}
OPTIONAL MATCH (g:GraphState {key: 'graph'})
RETURN coalesce(g.version, 0), asked, shown`, map[string]any{"asked": organisationIDs, "shown": dedupe(onPages)})
	if err != nil {
		return nil, false, err
	}
	if int(recs[0].Values[0].(int64)) != x.version {
		return nil, false, nil
	}
	decode := func(values any) (map[string]*ecosystem.Organisation, error) {
		orgs := map[string]*ecosystem.Organisation{}
		for _, v := range values.([]any) {
			n, err := storekit.DecodeNode(ecosystem.LabelOrganisation, v.(map[string]any))
			if err != nil {
				return nil, err
			}
			orgs[n.NodeMeta().ID] = n.(*ecosystem.Organisation)
		}
		return orgs, nil
	}
	asked, err := decode(recs[0].Values[1])
	if err != nil {
		return nil, false, err
	}
	orgs, err := decode(recs[0].Values[2])
	if err != nil {
		return nil, false, err
	}
	for id, page := range pages {
		if page.Organisation = asked[id]; page.Organisation == nil {
			delete(pages, id)
			continue
		}
		for i := range page.Collaborations {
			c := &page.Collaborations[i]
			if c.Organisation = orgs[c.OrganisationID]; c.Organisation == nil {
				// Gone since the index was made, yet the version is the
				// index's: not a state a write leaves; rank in Cypher.
				return nil, false, nil
			}
		}
	}
	return pages, true, nil
}
