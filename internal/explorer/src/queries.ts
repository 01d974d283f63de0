// Every GraphQL document the explorer sends. GraphQL Code Generator reads
// them (the /* GraphQL */ marker) and checks them against schema/, writing
// their result types to gql/types.ts.

export const MapOrganisations = /* GraphQL */ `
  query MapOrganisations($after: String) {
    organisations(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id name shortName sector country focus parent { id } } }
    }
  }
`;

export const MapProjects = /* GraphQL */ `
  query MapProjects($after: String) {
    projects(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id name acronym start end status
          programmes { id }
          partners(first: 51) { totalCount edges { node { since until organisation { id } } } }
        }
      }
    }
  }
`;

export const MapCentrality = /* GraphQL */ `
  query MapCentrality($after: String, $asOf: Date) {
    organisations(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id centrality(asOf: $asOf) { degree betweenness } } }
    }
  }
`;

export const Choices = /* GraphQL */ `
  query Choices {
    pillars { id name }
    programmes(first: 100) { edges { node { id name acronym } } }
    calls(first: 100) { edges { node { id identifier title deadline programme { name acronym } } } }
    networks: organisations(first: 100, filter: { kind: NETWORK }) {
      edges { node { id name members(first: 1) { totalCount } } }
    }
  }
`;

export const MembersOf = /* GraphQL */ `
  query MembersOf($id: ID!, $after: String) {
    organisation(id: $id) {
      members(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { member { id } } }
      }
    }
  }
`;

export const Coverage = /* GraphQL */ `
  query Coverage($asOf: Date) {
    pillarCoverage(asOf: $asOf) {
      pillar { id name }
      organisations { id name sector }
      bySector { sector count }
      missingSectors
    }
  }
`;

export const Gaps = /* GraphQL */ `
  query Gaps($asOf: Date) {
    networkGaps(asOf: $asOf) {
      isolatedOrganisations { id name }
      organisationsWithoutProjects { id name }
      brokers { organisation { id name } degree betweenness closeness }
      cutVertices { organisation { id name } separates { size organisations(first: 10) { id name } } }
      components { size organisations(first: 10) { id name } }
    }
  }
`;

export const Suggestions = /* GraphQL */ `
  query Suggestions($id: ID!) {
    partnerSuggestions(organisationId: $id, first: 10) { organisation { id name } score reasons }
  }
`;

export const Eligibility = /* GraphQL */ `
  query Eligibility($call: ID!, $orgs: [ID!]!) {
    eligibility(callId: $call, organisationIds: $orgs) {
      eligible
      countries
      checks {
        requirement { description kind count sectors kinds focus }
        met
        metBy { id name }
        explanation
        suggestions { id name country }
      }
    }
  }
`;

export const Search = /* GraphQL */ `
  query Search($text: String!, $types: [String!]) {
    search(text: $text, types: $types, first: 8) {
      edges { node { id __typename ... on Organisation { name country sector } ... on Person { name } } }
    }
  }
`;

export const Details = /* GraphQL */ `
  query Details($id: ID!, $asOf: Date) {
    organisation(id: $id) {
      id name shortName aliases sector kinds focus country orgNumber website municipality county pic
      parent { id name }
      sources { kind reference row at }
      pillars { id name }
      centrality(asOf: $asOf) { degree betweenness closeness }
      memberOf(first: 50) { edges { node { organisation { id name } since until } } }
      participations(first: 100) {
        totalCount
        edges { node { role status contributionEur since until project { id name acronym status start end } } }
      }
      roles(first: 50) { edges { node { id title status since until people { id name } body { id name } } } }
      seats(first: 100) { edges { node { id title status people { id name } organisation { id name } } } }
      collaborators(first: 10) { edges { node { count organisation { id name } } } }
    }
  }
`;

// NodeName names any node, whatever its type; the queries that use it
// are sent with its text appended (withNodeName).
export const NodeName = /* GraphQL */ `
  fragment NodeName on Node {
    __typename id
    ... on Organisation { name sector }
    ... on Person { name }
    ... on Project { name }
    ... on Role { title }
    ... on Call { title }
    ... on Programme { name }
    ... on Pillar { name }
    ... on Topic { title }
    ... on Event { title }
    ... on Indicator { name }
  }
`;

export const Neighbourhood = /* GraphQL */ `
  query Neighbourhood($id: ID!) {
    neighbourhood(id: $id, depth: 1, maxNodes: 200) {
      nodes { ...NodeName }
      edges { from to type }
      truncated
    }
  }
`;

export const ConnectionPath = /* GraphQL */ `
  query ConnectionPath($from: ID!, $to: ID!) {
    connectionPath(from: $from, to: $to, maxHops: 8) {
      length
      steps { relationship forward from { ...NodeName } to { ...NodeName } }
    }
  }
`;

/** A query that spreads NodeName, with the fragment's text appended. */
export function withNodeName(query: string): string {
  return query + NodeName;
}
