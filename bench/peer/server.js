// The peer hubgraph is measured against: what a user would pick instead,
// Neo4j's own GraphQL library (@neo4j/graphql) on Apollo Server, reading
// the very graph hubgraph writes. Every entity is a node with the label
// of its type (and Node), its flat properties, and the stored sortKey
// (the Norwegian collation key of its name) that hubgraph orders by; the
// relationship types are hubgraph's. The bench harness (bench/) starts
// it with NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and PORT.
import net from "node:net";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

// The Node driver leaves Nagle's algorithm on, which holds back small
// Bolt messages for up to 40 ms when a request sends several; every
// other client (hubgraph's Go driver included) turns it off. Without
// this the comparison would flatter hubgraph.
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  this.setNoDelay(true);
  return connect.apply(this, args);
};

const typeDefs = `#graphql
type Organisation @node {
  id: ID!
  name: String!
  sortKey: String
  sector: String
  country: String
  participatesIn: [Project!]! @relationship(type: "PARTICIPATES_IN", direction: OUT)
  pillars: [Pillar!]! @relationship(type: "COVERS", direction: OUT)
  parent: [Organisation!]! @relationship(type: "UNIT_OF", direction: OUT)
  collaboratorCount: Int! @cypher(statement: """
    MATCH (this)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(c:Organisation)
    RETURN count(DISTINCT c) AS n""", columnName: "n")
  collaborators(first: Int!): [Collaboration!]! @cypher(statement: """
    MATCH (this)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(c:Organisation)
    WITH c, count(*) AS shared ORDER BY shared DESC, c.sortKey, c.id LIMIT $first
    RETURN {count: shared, id: c.id, name: c.name} AS result""", columnName: "result")
}

type Collaboration {
  count: Int!
  id: ID!
  name: String!
}

type Project @node {
  id: ID!
  name: String!
  sortKey: String
  status: String
  partners: [Organisation!]! @relationship(type: "PARTICIPATES_IN", direction: IN)
  calls: [Call!]! @relationship(type: "RESPONDS_TO", direction: OUT)
  pillars: [Pillar!]! @relationship(type: "COVERS", direction: OUT)
}

type Call @node {
  id: ID!
  title: String!
  sortKey: String
  projects: [Project!]! @relationship(type: "RESPONDS_TO", direction: IN)
  programme: [Programme!]! @relationship(type: "IN_PROGRAMME", direction: OUT)
}

type Programme @node {
  id: ID!
  name: String!
  sortKey: String
  calls: [Call!]! @relationship(type: "IN_PROGRAMME", direction: IN)
  projects: [Project!]! @relationship(type: "IN_PROGRAMME", direction: IN)
}

type Pillar @node {
  id: ID!
  name: String!
  sortKey: String
  organisations: [Organisation!]! @relationship(type: "COVERS", direction: IN)
  projects: [Project!]! @relationship(type: "COVERS", direction: IN)
}

type Query {
  searchOrganisations(text: String!, first: Int!): [Organisation!]! @cypher(statement: """
    CALL db.index.fulltext.queryNodes('search_text', $text) YIELD node, score
    WHERE node:Organisation
    RETURN node ORDER BY score DESC, size(node.name), node.id LIMIT $first""", columnName: "node")
  searchOrganisationsCount(text: String!): Int! @cypher(statement: """
    CALL db.index.fulltext.queryNodes('search_text', $text) YIELD node
    WHERE node:Organisation
    WITH node LIMIT 500
    RETURN count(node) AS n""", columnName: "n")
}
`;

const driver = neo4j.driver(
  process.env.NEO4J_URI || "bolt://127.0.0.1:7687",
  neo4j.auth.basic(process.env.NEO4J_USERNAME || "neo4j", process.env.NEO4J_PASSWORD || "hubgraph-dev-password"),
);
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const server = new ApolloServer({ schema: await neoSchema.getSchema() });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(process.env.PORT || 4000) },
  context: async () => ({ sessionConfig: { database: process.env.NEO4J_DATABASE || "neo4j" } }),
});
console.log(`peer serving GraphQL at ${url}`);
