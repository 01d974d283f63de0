package main

// Query is one question asked of every system: hubgraph's GraphQL, the
// peer's GraphQL (@neo4j/graphql's dialect over the same graph) and the
// floor's Cypher, the statement a Neo4j expert would write. Each
// selection lists totalCount, count, id and name before nested lists, in
// the same order in all three, so that the ids and counts of the
// answers, read in document order, must be equal (see answerKey).
type Query struct {
	Name  string
	Title string
	Hub   string
	Peer  string
	Floor string
	// Ranked says that the systems rank the answers each their own way
	// (hubgraph by exact name, prefix and name length, the peer and the
	// floor by Lucene's scores), so only the counts are compared: the
	// total and the number of hits returned.
	Ranked bool
	// Vars gives a query's variables for a system from the parameters
	// picked from the graph.
	Vars func(p *Params, kind Kind) map[string]any
}

// Params are the ids and values the queries ask about, picked from the
// loaded graph so that every scale asks comparable questions.
type Params struct {
	// Org takes part in the most projects; Partner shares the most
	// projects with it.
	Org, Partner string
	// Pillar is covered by the most organisations; Programme has the
	// most calls.
	Pillar, Programme string
	// Page is the page of projects query 6 reads (20, or the last one
	// on a small graph), FloorKey/FloorID the sort key and id of the
	// project before it, and Cursors hubgraph's cursor there, per system.
	Page              int
	FloorKey, FloorID string
	Cursors           map[string]string
}

// Kind is how a system is asked.
type Kind int

// The kinds of system.
const (
	KindHub Kind = iota
	KindPeer
	KindFloor
)

const pageSize = 50

// sortArg is the peer's order: the same stored sort key and id as
// hubgraph's.
const sortArg = `sort: [{sortKey: ASC}, {id: ASC}]`

// Queries are the six queries of issue 13 and two more: a deep nested
// one and an aggregation.
// kreftQuery is hubgraph's vocabulary expansion of "kreft" as a Lucene
// query over the folded search words.
const kreftQuery = "kreft* OR kreften* OR krefter* OR cancer* OR cancers* OR oncology* OR onkologi*"

var Queries = []Query{
	{
		Name:  "q1",
		Title: "organisation → its projects → their partners (20 each)",
		Hub: `query($id: ID!) { organisation(id: $id) { id name participations(first: 20, rollUp: NONE) { edges { node { project {
  id name partners(first: 20) { edges { node { organisation { id name } } } } } } } } } }`,
		Peer: `query($id: ID!) { organisations(where: {id: {eq: $id}}) { id name participatesIn(limit: 20, ` + sortArg + `) {
  id name partners(limit: 20, ` + sortArg + `) { id name } } } }`,
		Floor: `MATCH (o:Organisation {id: $id})
CALL (o) {
  MATCH (o)-[:PARTICIPATES_IN]->(p:Project)
  WITH p ORDER BY p.sortKey, p.id LIMIT 20
  CALL (p) {
    MATCH (p)<-[:PARTICIPATES_IN]-(q:Organisation)
    WITH q ORDER BY q.sortKey, q.id LIMIT 20
    RETURN collect(q {.id, .name}) AS partners
  }
  RETURN collect(p {.id, .name, partners: partners}) AS projects
}
RETURN o {.id, .name, projects: projects} AS organisation`,
		Vars: func(p *Params, _ Kind) map[string]any { return map[string]any{"id": p.Org} },
	},
	{
		Name:  "q2",
		Title: "filtered page of 50 organisations + totalCount",
		Hub:   `{ organisations(filter: {sector: RESEARCH, country: "NO"}, first: 50) { totalCount edges { node { id name } } } }`,
		Peer: `{ organisationsConnection(where: {sector: {eq: "RESEARCH"}, country: {eq: "NO"}}, first: 50, ` + sortArg + `) {
  totalCount edges { node { id name } } } }`,
		Floor: `CALL () { MATCH (n:Organisation) WHERE n.sector = 'RESEARCH' AND n.country = 'NO' RETURN count(n) AS totalCount }
CALL () {
  MATCH (n:Organisation) WHERE n.sector = 'RESEARCH' AND n.country = 'NO'
  WITH n ORDER BY n.sortKey, n.id LIMIT 50
  RETURN collect(n {.id, .name}) AS nodes
}
RETURN totalCount, nodes`,
		Vars: func(*Params, Kind) map[string]any { return nil },
	},
	{
		Name:  "q3",
		Title: "pillar → organisations and projects → partners",
		Hub: `query($id: ID!) { pillar(id: $id) { id name organisations(first: 20) { edges { node { id name } } }
  projects(first: 20) { edges { node { id name partners(first: 20) { edges { node { organisation { id name } } } } } } } } }`,
		Peer: `query($id: ID!) { pillars(where: {id: {eq: $id}}) { id name organisations(limit: 20, ` + sortArg + `) { id name }
  projects(limit: 20, ` + sortArg + `) { id name partners(limit: 20, ` + sortArg + `) { id name } } } }`,
		Floor: `MATCH (x:Pillar {id: $id})
CALL (x) {
  MATCH (x)<-[:COVERS]-(o:Organisation)
  WITH o ORDER BY o.sortKey, o.id LIMIT 20
  RETURN collect(o {.id, .name}) AS organisations
}
CALL (x) {
  MATCH (x)<-[:COVERS]-(p:Project)
  WITH p ORDER BY p.sortKey, p.id LIMIT 20
  CALL (p) {
    MATCH (p)<-[:PARTICIPATES_IN]-(q:Organisation)
    WITH q ORDER BY q.sortKey, q.id LIMIT 20
    RETURN collect(q {.id, .name}) AS partners
  }
  RETURN collect(p {.id, .name, partners: partners}) AS projects
}
RETURN x {.id, .name, organisations: organisations, projects: projects} AS pillar`,
		Vars: func(p *Params, _ Kind) map[string]any { return map[string]any{"id": p.Pillar} },
	},
	{
		Name:  "q4",
		Title: "projects shared by two organisations",
		Hub:   `query($a: ID!, $b: ID!) { sharedProjects(organisationIds: [$a, $b], first: 20, rollUp: NONE) { totalCount edges { node { id name } } } }`,
		Peer: `query($a: ID!, $b: ID!) { projectsConnection(where: {AND: [{partners: {some: {id: {eq: $a}}}}, {partners: {some: {id: {eq: $b}}}}]},
  first: 20, ` + sortArg + `) { totalCount edges { node { id name } } } }`,
		Floor: `MATCH (:Organisation {id: $a})-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(:Organisation {id: $b})
WITH p ORDER BY p.sortKey, p.id
WITH collect(p {.id, .name}) AS ps
RETURN size(ps) AS totalCount, ps[0..20] AS nodes`,
		Vars: func(p *Params, _ Kind) map[string]any { return map[string]any{"a": p.Org, "b": p.Partner} },
	},
	{
		Name:   "q5",
		Title:  `full-text search "kreft" (organisations, 20 best + totalCount)`,
		Ranked: true,
		// hubgraph expands "kreft" through its vocabulary (kreft, kreften,
		// krefter, cancer, cancers, oncology, onkologi: each a word prefix);
		// the peer and the floor are given that expansion as a Lucene
		// query, and order equal scores as hubgraph does, shorter names
		// first.
		Hub:  `{ search(text: "kreft", types: ["Organisation"], first: 20) { totalCount edges { node { id ... on Organisation { name } } } } }`,
		Peer: `{ totalCount: searchOrganisationsCount(text: "` + kreftQuery + `") searchOrganisations(text: "` + kreftQuery + `", first: 20) { id name } }`,
		Floor: `CALL db.index.fulltext.queryNodes('search_text', '` + kreftQuery + `') YIELD node, score
WHERE node:Organisation
WITH node, score ORDER BY score DESC, size(node.name), node.id LIMIT 500
WITH collect(node {.id, .name}) AS hits
RETURN size(hits) AS totalCount, hits[0..20] AS nodes`,
		Vars: func(*Params, Kind) map[string]any { return nil },
	},
	{
		Name:  "q6",
		Title: "page 20 of projects by name, 50 a page",
		Hub:   `query($after: String) { projects(first: 50, after: $after) { edges { node { id name } } } }`,
		Peer:  `query($offset: Int!) { projects(limit: 50, offset: $offset, ` + sortArg + `) { id name } }`,
		Floor: `MATCH (p:Project) WHERE p.sortKey >= $key AND p.id IS NOT NULL
WITH p WHERE p.sortKey > $key OR p.id > $after
RETURN p {.id, .name} AS node ORDER BY p.sortKey, p.id LIMIT 50`,
		Vars: func(p *Params, kind Kind) map[string]any {
			switch kind {
			case KindPeer:
				return map[string]any{"offset": (p.Page - 1) * pageSize}
			case KindFloor:
				return map[string]any{"key": p.FloorKey, "after": p.FloorID}
			}
			return nil // the cursor is per system: see Bench.vars
		},
	},
	{
		Name:  "q7",
		Title: "deep: programme → calls → projects → partners → parent (10 each)",
		Hub: `query($id: ID!) { programme(id: $id) { id calls(first: 10) { edges { node { id projects(first: 10) { edges { node {
  id partners(first: 10) { edges { node { organisation { id parent { id } } } } } } } } } } } } }`,
		Peer: `query($id: ID!) { programmes(where: {id: {eq: $id}}) { id calls(limit: 10, ` + sortArg + `) { id projects(limit: 10, ` + sortArg + `) {
  id partners(limit: 10, ` + sortArg + `) { id parent { id } } } } } }`,
		Floor: `MATCH (g:Programme {id: $id})
CALL (g) {
  MATCH (g)<-[:IN_PROGRAMME]-(c:Call)
  WITH c ORDER BY c.sortKey, c.id LIMIT 10
  CALL (c) {
    MATCH (c)<-[:RESPONDS_TO]-(p:Project)
    WITH p ORDER BY p.sortKey, p.id LIMIT 10
    CALL (p) {
      MATCH (p)<-[:PARTICIPATES_IN]-(o:Organisation)
      WITH o ORDER BY o.sortKey, o.id LIMIT 10
      OPTIONAL MATCH (o)-[:UNIT_OF]->(u:Organisation)
      RETURN collect(o {.id, parent: u {.id}}) AS partners
    }
    RETURN collect(p {.id, partners: partners}) AS projects
  }
  RETURN collect(c {.id, projects: projects}) AS calls
}
RETURN g {.id, calls: calls} AS programme`,
		Vars: func(p *Params, _ Kind) map[string]any { return map[string]any{"id": p.Programme} },
	},
	{
		Name:  "q8",
		Title: "aggregate: an organisation's top 20 collaborators by shared projects",
		Hub: `query($id: ID!) { organisation(id: $id) { id collaborators(first: 20, rollUp: NONE) { totalCount edges { node {
  count organisation { id name } } } } } }`,
		Peer: `query($id: ID!) { organisations(where: {id: {eq: $id}}) { id totalCount: collaboratorCount collaborators(first: 20) { count id name } } }`,
		Floor: `MATCH (o:Organisation {id: $id})
CALL (o) {
  MATCH (o)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(c:Organisation)
  WITH c, count(*) AS shared ORDER BY shared DESC, c.sortKey, c.id
  WITH collect({count: shared, id: c.id, name: c.name}) AS cs
  RETURN size(cs) AS totalCount, cs[0..20] AS collaborators
}
RETURN o {.id, collaborators: {totalCount: totalCount, edges: collaborators}} AS organisation`,
		Vars: func(p *Params, _ Kind) map[string]any { return map[string]any{"id": p.Org} },
	},
}
