package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/cancermissionhub/hubgraph/internal/ecosystem"
	"github.com/cancermissionhub/hubgraph/internal/store/conformance"
	"github.com/cancermissionhub/hubgraph/internal/store/neo4jstore"
	"github.com/cancermissionhub/hubgraph/internal/testenv/neo4jtest"
)

func TestConformance(t *testing.T) {
	conformance.RunTests(t, func(t *testing.T) ecosystem.Store { return neo4jtest.New(t) })
}

// TestRoutingURIReadsItsOwnWrites opens the store with the routing scheme
// (neo4j://), as against a cluster, where every transaction shares the
// driver's bookmarks: each write is read straight back. On the one test
// server this shows the routed path works end to end; what bookmarks add
// on a cluster (waiting for a lagging follower) needs a cluster to show.
func TestRoutingURIReadsItsOwnWrites(t *testing.T) {
	neo4jtest.New(t)
	cfg := neo4jtest.Config()
	cfg.URI = "neo4j://" + strings.TrimPrefix(strings.TrimPrefix(cfg.URI, "bolt://"), "neo4j://")
	ctx := context.Background()
	st, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	for i := range 10 {
		name := fmt.Sprintf("Routed %d", i)
		ds := &ecosystem.Dataset{Nodes: []ecosystem.Node{&ecosystem.Organisation{Meta: ecosystem.Meta{ID: "routed", Sources: []ecosystem.Source{{Kind: ecosystem.SourceEditor, Reference: "test", Reason: "routing"}}}, Name: name, Sector: ecosystem.SectorResearch}}}
		if _, err := st.Apply(ctx, ds); err != nil {
			t.Fatal(err)
		}
		found, err := st.NodesByID(ctx, []string{"routed"})
		if err != nil {
			t.Fatal(err)
		}
		if o, ok := found["routed"].(*ecosystem.Organisation); !ok || o.Name != name {
			t.Fatalf("after writing %q, the read gave %v", name, found["routed"])
		}
	}
}

func TestNeighboursIsOneRoundTripForManyIDs(t *testing.T) {
	st := neo4jtest.Seeded(t)
	before := st.RoundTrips()
	if _, err := st.Neighbours(context.Background(), ecosystem.OrganisationMembers, []string{"cancer-mission-hub-norway", "kreftforeningen", "no-such-id"}); err != nil {
		t.Fatal(err)
	}
	if trips := st.RoundTrips() - before; trips != 1 {
		t.Errorf("Neighbours took %d round trips, want 1", trips)
	}
}

// TestMigrateFoldsWhatAnOlderVersionStored starts from what a version
// before folded search left: entities without folded search fields and
// a full-text index over the raw names. Migrate recreates the index over
// the folded words and folds every entity, so that "oritsland" finds
// Kari Øritsland.
func TestMigrateFoldsWhatAnOlderVersionStored(t *testing.T) {
	st := neo4jtest.Seeded(t)
	ctx := context.Background()
	for _, stmt := range []string{
		"DROP INDEX search_text IF EXISTS",
		"CREATE FULLTEXT INDEX search_text FOR (n:Organisation|Person) ON EACH [n.name, n.aliasText]",
		"MATCH (n:Node) REMOVE n.searchFields, n.searchWords",
	} {
		if err := st.Exec(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.AwaitIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := st.Read(ctx, "SHOW FULLTEXT INDEXES YIELD name, properties WHERE name = 'search_text' RETURN properties")
	if err != nil || len(got) != 1 {
		t.Fatalf("search index after Migrate: %v, %v", got, err)
	}
	if props, _ := got[0].([]any); len(props) != 1 || props[0] != "searchWords" {
		t.Errorf("the search index covers %v after Migrate; want [searchWords]", got[0])
	}
	unfolded, err := st.Read(ctx, "MATCH (n:Node) WHERE n.searchFields IS NULL OR n.searchWords IS NULL RETURN n.id")
	if err != nil || len(unfolded) != 0 {
		t.Errorf("entities without folded search fields after Migrate: %v (%v)", unfolded, err)
	}
	hits, err := st.Search(ctx, ecosystem.SearchQuery{Text: "oritsland"})
	if err != nil || len(hits) == 0 || hits[0].Node.NodeMeta().ID != "kari-oritsland" {
		t.Errorf("search for oritsland after Migrate: %v (%v); want kari-oritsland first", hits, err)
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	st := neo4jtest.New(t)
	for i := 0; i < 2; i++ {
		if err := st.Migrate(context.Background()); err != nil {
			t.Fatalf("migrate #%d: %v", i+1, err)
		}
	}
}

func TestAuthenticationIsOn(t *testing.T) {
	neo4jtest.New(t) // the server answers with the right password
	cfg := neo4jtest.Config()
	cfg.Password = "not-the-password"
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	st, err := neo4jstore.Open(ctx, cfg)
	if err == nil {
		st.Close(ctx)
		t.Fatal("a wrong password was accepted: authentication is off")
	}
}

// TestUndecodableLinkIsAnErrorNotDropped: a relationship whose properties
// do not decode as its kind (here a contribution that is not a number)
// fails the reads that hand it out, instead of reading as empty.
func TestUndecodableLinkIsAnErrorNotDropped(t *testing.T) {
	st := neo4jtest.New(t)
	ctx := context.Background()
	src := []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}
	if _, err := st.Apply(ctx, &ecosystem.Dataset{
		Nodes: []ecosystem.Node{
			&ecosystem.Organisation{Meta: ecosystem.Meta{ID: "a", Sources: src}, Name: "A", Sector: ecosystem.SectorResearch},
			&ecosystem.Project{Meta: ecosystem.Meta{ID: "p", Sources: src}, Name: "P", Status: ecosystem.ProjectOngoing},
		},
		Links: []ecosystem.Link{{From: "a", Type: ecosystem.RelParticipatesIn, To: "p",
			Props: &ecosystem.Participation{Role: ecosystem.ParticipationPartner, Status: ecosystem.ParticipationConfirmed}}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.Exec(ctx, "MATCH (:Node {id: 'a'})-[r:PARTICIPATES_IN]->() SET r.contributionEur = 'lots'"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Neighbours(ctx, ecosystem.OrganisationParticipations, []string{"a"}); err == nil || !strings.Contains(err.Error(), "contributionEur") {
		t.Errorf("Neighbours = %v, want an error about contributionEur", err)
	}
	if _, err := st.Snapshot(ctx); err == nil || !strings.Contains(err.Error(), "a to p") {
		t.Errorf("Snapshot = %v, want an error naming the link from a to p", err)
	}
}

// TestReadsRetryOnConnectionsTheServerClosed has the server close every
// connection the store holds in its pool (as a restart or a load
// balancer's idle timeout does) and expects the next reads to succeed:
// reads run as auto-commit transactions, which the driver does not
// retry by itself, so the store retries them.
func TestReadsRetryOnConnectionsTheServerClosed(t *testing.T) {
	st := neo4jtest.New(t)
	ctx := context.Background()
	if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: []ecosystem.Node{&ecosystem.Organisation{Meta: ecosystem.Meta{ID: "kept",
		Sources: []ecosystem.Source{{Kind: ecosystem.SourceEditor, Reference: "test", Reason: "retries"}}}, Name: "Kept", Sector: ecosystem.SectorResearch}}}); err != nil {
		t.Fatal(err)
	}
	// Several reads at once leave several connections in the pool.
	read := func() error {
		found, err := st.NodesByID(ctx, []string{"kept"})
		if err == nil && found["kept"] == nil {
			err = fmt.Errorf("the entity was not read")
		}
		return err
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() { errs <- read() }()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	cfg := neo4jtest.Config()
	const agent = "hubgraph-test-connection-closer"
	closer, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""), func(c *config.Config) { c.UserAgent = agent })
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, closer, `CALL dbms.listConnections() YIELD connectionId, connector, userAgent
WHERE connector = 'bolt' AND userAgent <> $agent
WITH collect(connectionId) AS ids
CALL dbms.killConnections(ids) YIELD connectionId
RETURN count(connectionId)`, map[string]any{"agent": agent}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	if closed, _ := res.Records[0].Values[0].(int64); closed == 0 {
		t.Fatal("the server closed no connection of the store's")
	}
	for i := range 4 {
		if err := read(); err != nil {
			t.Fatalf("read %d after the server closed the store's connections: %v", i, err)
		}
	}
}

// TestNameOrderedPagesFollowWhatTheFilterMatched lists organisations in
// name order under a filter that matches few of them and one that
// matches most, each twice. The first page of each walks the name
// index (nothing is known yet); from its count on, the sparse filter's
// pages seek its matches and sort them, the dense filter's keep
// walking, and every page is the same either way.
func TestNameOrderedPagesFollowWhatTheFilterMatched(t *testing.T) {
	st := neo4jtest.New(t)
	ctx := context.Background()
	var nodes []ecosystem.Node
	for i := range 40 {
		sector := ecosystem.SectorResearch
		if i%20 == 0 {
			sector = ecosystem.SectorIndustry
		}
		nodes = append(nodes, &ecosystem.Organisation{Meta: ecosystem.Meta{ID: fmt.Sprintf("org-%02d", i), Sources: []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "test"}}},
			Name: fmt.Sprintf("Organisation %02d", 40-i), Sector: sector})
	}
	if _, err := st.Apply(ctx, &ecosystem.Dataset{Nodes: nodes}); err != nil {
		t.Fatal(err)
	}
	var statements []string
	st.Profile(func(cypher string, _, _, _ int64) { statements = append(statements, cypher) })
	defer st.Profile(nil)
	tests := []struct {
		sector   ecosystem.Sector
		matches  int
		thenWalk bool
	}{
		{ecosystem.SectorIndustry, 2, false},
		{ecosystem.SectorResearch, 38, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.sector), func(t *testing.T) {
			q := ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, WithTotal: true, Page: ecosystem.PageRequest{First: ptr(5)},
				Conditions: []ecosystem.Condition{{Equals: &ecosystem.PropertyValue{Property: "sector", Value: string(tt.sector)}}}}
			var pages []string
			statements = nil
			for range 2 {
				page, err := st.List(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if page.Total == nil || *page.Total != tt.matches {
					t.Fatalf("total %v, want %d", page.Total, tt.matches)
				}
				var ids []string
				for _, n := range page.Nodes {
					ids = append(ids, n.NodeMeta().ID)
				}
				pages = append(pages, strings.Join(ids, " "))
			}
			if pages[0] != pages[1] {
				t.Errorf("the pages differ:\n%s\n%s", pages[0], pages[1])
			}
			walks := func(i int) bool { return strings.Contains(statements[i], "USING INDEX") }
			if len(statements) != 2 || !walks(0) || walks(1) != tt.thenWalk {
				t.Errorf("the pages walked the name index %v and %v, want true and %v", walks(0), len(statements) == 2 && walks(1), tt.thenWalk)
			}
		})
	}
}

// TestReplanAfterALoad asks Neo4j to plan again after a write (Replan,
// which the bench and `hubgraph import` call after a load) and reads the
// same answer with the statement planned before and after it.
func TestReplanAfterALoad(t *testing.T) {
	st := neo4jtest.Seeded(t)
	ctx := context.Background()
	first := 20
	q := ecosystem.ListQuery{Label: ecosystem.LabelOrganisation, Page: ecosystem.PageRequest{First: &first}, WithTotal: true}
	before, err := st.List(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Replan(ctx); err != nil {
		t.Fatalf("Replan: %v", err)
	}
	after, err := st.List(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if *after.Total != *before.Total || len(after.Nodes) != len(before.Nodes) || len(after.Nodes) == 0 {
		t.Fatalf("after Replan the list has %d of %d organisations, before %d of %d", len(after.Nodes), *after.Total, len(before.Nodes), *before.Total)
	}
	for i := range after.Nodes {
		if after.Nodes[i].NodeMeta().ID != before.Nodes[i].NodeMeta().ID {
			t.Fatalf("organisation %d is %s after Replan, %s before", i, after.Nodes[i].NodeMeta().ID, before.Nodes[i].NodeMeta().ID)
		}
	}
}

// TestCollaboratorsRankedInMemoryAreThoseRankedInCypher ranks every
// seeded organisation's collaborators in the store's index and in
// Cypher, for pages of every kind, and expects the same pages; then
// writes a participation and expects the index to be set aside (Cypher
// answers, with the new collaborator) until it is made again.
func TestCollaboratorsRankedInMemoryAreThoseRankedInCypher(t *testing.T) {
	st := neo4jtest.Seeded(t)
	ctx := context.Background()
	found, err := st.Read(ctx, "MATCH (o:Organisation) RETURN o.id ORDER BY o.id")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, id := range found {
		ids = append(ids, id.(string))
	}
	ids = append(ids, "no-such-id", "nscc")
	describe := func(pages map[string]*ecosystem.CollaboratorPage) string {
		var out []string
		for _, id := range ids {
			p := pages[id]
			if p == nil {
				out = append(out, id+": none")
				continue
			}
			of := "no organisation"
			if o := p.Organisation; o != nil {
				of = fmt.Sprintf("%s %q version %d", o.ID, o.Name, o.Version)
			}
			s := fmt.Sprintf("%s (%s): next=%v prev=%v total=%d", id, of, p.HasNextPage, p.HasPreviousPage, p.Total)
			for _, c := range p.Collaborations {
				projects := slices.Sorted(slices.Values(c.ProjectIDs))
				name := "?"
				if c.Organisation != nil {
					name = c.Organisation.Name
				}
				s += fmt.Sprintf(" %s %s (%s) %v", c.RankCursor().Encode(), c.OrganisationID, name, projects)
			}
			out = append(out, s)
		}
		return strings.Join(out, "\n")
	}
	src := []ecosystem.Source{{Kind: ecosystem.SourceDocument, Reference: "collaboration-index"}}
	participation := func(org, project string) ecosystem.Link {
		return ecosystem.Link{From: org, Type: ecosystem.RelParticipatesIn, To: project, Props: &ecosystem.Participation{Role: ecosystem.ParticipationPartner, Status: ecosystem.ParticipationConfirmed, LinkFacts: ecosystem.LinkFacts{Sources: src}}}
	}
	// Two projects more of nscc with one partner, which then shares more
	// with nscc than the seed's others: ranks differ by count, not only
	// by name.
	if _, err := st.Apply(ctx, &ecosystem.Dataset{
		Nodes: []ecosystem.Node{&ecosystem.Project{Meta: ecosystem.Meta{ID: "shared-a", Sources: src}, Name: "Shared A", Status: ecosystem.ProjectOngoing},
			&ecosystem.Project{Meta: ecosystem.Meta{ID: "shared-b", Sources: src}, Name: "Shared B", Status: ecosystem.ProjectOngoing}},
		Links: []ecosystem.Link{participation("nscc", "shared-a"), participation("nscc", "shared-b"), participation(ids[1], "shared-a"), participation(ids[1], "shared-b")},
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.BuildCollaborationIndex(ctx); err != nil {
		t.Fatal(err)
	}
	first, err := st.CypherCollaboratorPages(ctx, ids, ecosystem.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	busiest := first["nscc"].Collaborations
	if len(busiest) < 3 {
		t.Fatalf("nscc has %d collaborators in the seed; the test needs three", len(busiest))
	}
	c0, c1 := busiest[0].RankCursor().Encode(), busiest[2].RankCursor().Encode()
	one, two := 1, 2
	requests := []ecosystem.PageRequest{{}, {First: &one}, {Last: &two}, {First: &two, After: c0}, {Last: &one, Before: c1},
		{First: &two, After: c0, Before: c1}, {Last: &two, After: c1, Before: c0}}
	compare := func(when string, wantIndexed bool) {
		t.Helper()
		for _, req := range requests {
			want, err := st.CypherCollaboratorPages(ctx, ids, req)
			if err != nil {
				t.Fatal(err)
			}
			got, indexed, err := st.IndexedCollaboratorPages(ctx, ids, req)
			if err != nil {
				t.Fatal(err)
			}
			if indexed != wantIndexed {
				t.Fatalf("%s, %+v: answered from the index: %v, want %v", when, req, indexed, wantIndexed)
			}
			if indexed && describe(got) != describe(want) {
				t.Errorf("%s, %+v: the index ranked\n%s\nCypher\n%s", when, req, describe(got), describe(want))
			}
			public, err := st.CollaboratorPages(ctx, ids, req)
			if err != nil {
				t.Fatal(err)
			}
			if describe(public) != describe(want) {
				t.Errorf("%s, %+v: CollaboratorPages gave\n%s\nCypher\n%s", when, req, describe(public), describe(want))
			}
		}
	}
	compare("indexed", true)

	if _, err := st.Apply(ctx, &ecosystem.Dataset{
		Nodes: []ecosystem.Node{&ecosystem.Project{Meta: ecosystem.Meta{ID: "indexed-project", Sources: src}, Name: "Indexed", Status: ecosystem.ProjectOngoing}},
		Links: []ecosystem.Link{participation("nscc", "indexed-project"), participation(ids[0], "indexed-project")},
	}); err != nil {
		t.Fatal(err)
	}
	if _, indexed, err := st.IndexedCollaboratorPages(ctx, ids, ecosystem.PageRequest{}); err != nil || indexed {
		t.Fatalf("after a write, the index answered (%v, %v)", indexed, err)
	}
	// CollaboratorPages ranks in Cypher, and starts indexing again in
	// the background.
	want, err := st.CypherCollaboratorPages(ctx, ids, ecosystem.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := st.CollaboratorPages(ctx, ids, ecosystem.PageRequest{}); err != nil || describe(got) != describe(want) {
		t.Errorf("after a write, CollaboratorPages gave (%v)\n%s\nCypher\n%s", err, describe(got), describe(want))
	}
	if err := st.BuildCollaborationIndex(ctx); err != nil {
		t.Fatal(err)
	}
	compare("indexed again", true)
	after, err := st.CollaboratorPages(ctx, []string{"nscc"}, ecosystem.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(after["nscc"].Collaborations, func(c ecosystem.Collaboration) bool { return slices.Contains(c.ProjectIDs, "indexed-project") }) {
		t.Errorf("after the write, nscc's collaborators share no indexed-project: %v", after["nscc"].Collaborations)
	}
}

// TestResetMovesTheVersionOn resets a seeded graph and expects nothing
// left but the graph's state, with a version stamp past the one before:
// caches made before a reset must never match the graph after it.
func TestResetMovesTheVersionOn(t *testing.T) {
	st := neo4jtest.Seeded(t)
	ctx := context.Background()
	before, err := st.GraphVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	after, err := st.GraphVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	left, err := st.Read(ctx, "MATCH (n) WHERE NOT n:GraphState RETURN count(n)")
	if err != nil {
		t.Fatal(err)
	}
	if after <= before || left[0].(int64) != 0 {
		t.Errorf("after Reset: version %d (before %d), %v nodes left", after, before, left[0])
	}
}

// TestStatementsAskForNoNotifications: the store's statements come back
// without the notifications Neo4j would send (one for every property
// named that no entity has, on every read of a whole entity), while a
// driver with the default settings gets one for the same statement, so
// the server does send them.
func TestStatementsAskForNoNotifications(t *testing.T) {
	st := neo4jtest.Seeded(t)
	ctx := context.Background()
	const statement = "MATCH (n:Organisation) RETURN n.noSuchPropertyAnywhere LIMIT 1"
	got, err := st.Notifications(ctx, statement)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("the store's driver got notifications %v, want none", got)
	}
	cfg := neo4jtest.Config()
	plain, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, plain, statement, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Summary.Notifications()) == 0 {
		t.Error("a driver with the default settings got no notification either: the test shows nothing")
	}
}
