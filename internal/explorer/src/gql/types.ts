/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** What an organisation is, independent of its sector. */
export type OrganisationKind =
  | 'CLUSTER'
  | 'COMPANY'
  | 'EU_INSTITUTION'
  | 'FACULTY'
  | 'FOUNDATION'
  /** A board, group or committee, such as the hub's strategic coordination group. */
  | 'GOVERNING_BODY'
  | 'HEALTH_AUTHORITY'
  | 'HOSPITAL'
  | 'MINISTRY'
  | 'MUNICIPALITY_ASSOCIATION'
  | 'NETWORK'
  | 'NGO'
  | 'OTHER'
  | 'PATIENT_ORGANISATION'
  | 'PUBLIC_AGENCY'
  | 'RESEARCH_INSTITUTE'
  | 'SME'
  | 'UNIVERSITY';

export type ParticipationRole =
  | 'ASSOCIATED'
  | 'COORDINATOR'
  | 'PARTNER';

export type ParticipationStatus =
  | 'CONFIRMED'
  | 'TENTATIVE';

export type ProjectStatus =
  | 'COMPLETED'
  | 'ONGOING'
  | 'PROPOSAL'
  | 'REJECTED';

export type RequirementKind =
  /** At least `count` distinct countries among the consortium's organisations. */
  | 'MIN_COUNTRIES'
  /** At least `count` organisations matching `sectors`, `kinds` and `focus`. */
  | 'MIN_ORGANISATIONS';

export type RoleStatus =
  | 'ACTIVE'
  | 'ENDED'
  | 'ON_LEAVE';

/** The part of society an organisation belongs to. */
export type Sector =
  /** Public authorities and agencies. */
  | 'AUTHORITY'
  /** Funders: foundations and funding bodies. */
  | 'FUNDER'
  /** Health trusts and hospitals. */
  | 'HEALTH_SERVICE'
  /** Companies and clusters. */
  | 'INDUSTRY'
  /** Municipalities and their associations. */
  | 'MUNICIPAL'
  | 'OTHER'
  /** Universities, colleges and research institutes. */
  | 'RESEARCH'
  /** Patient and user organisations and other NGOs. */
  | 'USER_ORGANISATION';

export type SourceKind =
  /** A seed document, by file name. */
  | 'DOCUMENT'
  /** An editor, by token name. */
  | 'EDITOR'
  /** An import file, by name and row. */
  | 'IMPORT'
  /** A rule that derived the fact from other facts, by rule name. */
  | 'INFERRED';

export type MapOrganisationsQueryVariables = Exact<{
  after: string | null | undefined;
}>;


export type MapOrganisationsQuery = { organisations: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, shortName: string | null, sector: Sector, country: string | null, focus: Array<string>, parent: { id: string } | null } }> } };

export type MapProjectsQueryVariables = Exact<{
  after: string | null | undefined;
}>;


export type MapProjectsQuery = { projects: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, acronym: string | null, start: string | null, end: string | null, status: ProjectStatus, programmes: Array<{ id: string }>, partners: { totalCount: number, edges: Array<{ node: { since: string | null, until: string | null, organisation: { id: string } } }> } } }> } };

export type MapCentralityQueryVariables = Exact<{
  after: string | null | undefined;
  asOf: string | null | undefined;
}>;


export type MapCentralityQuery = { organisations: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, centrality: { degree: number, betweenness: number } } }> } };

export type ChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type ChoicesQuery = { pillars: Array<{ id: string, name: string }>, programmes: { edges: Array<{ node: { id: string, name: string, acronym: string | null } }> }, calls: { edges: Array<{ node: { id: string, identifier: string | null, title: string, deadline: string | null, programme: { name: string, acronym: string | null } | null } }> }, networks: { edges: Array<{ node: { id: string, name: string, members: { totalCount: number } } }> } };

export type MembersOfQueryVariables = Exact<{
  id: string;
  after: string | null | undefined;
}>;


export type MembersOfQuery = { organisation: { members: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { member: { id: string } } }> } } | null };

export type CoverageQueryVariables = Exact<{
  asOf: string | null | undefined;
}>;


export type CoverageQuery = { pillarCoverage: Array<{ missingSectors: Array<Sector>, pillar: { id: string, name: string }, organisations: Array<{ id: string, name: string, sector: Sector }>, bySector: Array<{ sector: Sector, count: number }> }> };

export type GapsQueryVariables = Exact<{
  asOf: string | null | undefined;
}>;


export type GapsQuery = { networkGaps: { isolatedOrganisations: Array<{ id: string, name: string }>, organisationsWithoutProjects: Array<{ id: string, name: string }>, brokers: Array<{ degree: number, betweenness: number, closeness: number, organisation: { id: string, name: string } }>, cutVertices: Array<{ organisation: { id: string, name: string }, separates: Array<{ size: number, organisations: Array<{ id: string, name: string }> }> }>, components: Array<{ size: number, organisations: Array<{ id: string, name: string }> }> } };

export type SuggestionsQueryVariables = Exact<{
  id: string;
}>;


export type SuggestionsQuery = { partnerSuggestions: Array<{ score: number, reasons: Array<string>, organisation: { id: string, name: string } }> };

export type EligibilityQueryVariables = Exact<{
  call: string;
  orgs: Array<string> | string;
}>;


export type EligibilityQuery = { eligibility: { eligible: boolean, countries: Array<string>, checks: Array<{ met: boolean, explanation: string, requirement: { description: string, kind: RequirementKind, count: number, sectors: Array<Sector>, kinds: Array<OrganisationKind>, focus: Array<string> }, metBy: Array<{ id: string, name: string }>, suggestions: Array<{ id: string, name: string, country: string | null }> }> } };

export type SearchQueryVariables = Exact<{
  text: string;
  types: Array<string> | string | null | undefined;
}>;


export type SearchQuery = { search: { edges: Array<{ node:
        | { __typename: 'Call', id: string }
        | { __typename: 'Event', id: string }
        | { __typename: 'Indicator', id: string }
        | { __typename: 'Organisation', name: string, country: string | null, sector: Sector, id: string }
        | { __typename: 'Person', name: string, id: string }
        | { __typename: 'Pillar', id: string }
        | { __typename: 'Programme', id: string }
        | { __typename: 'Project', id: string }
        | { __typename: 'Role', id: string }
        | { __typename: 'Topic', id: string }
       }> } };

export type DetailsQueryVariables = Exact<{
  id: string;
  asOf: string | null | undefined;
}>;


export type DetailsQuery = { organisation: { id: string, name: string, shortName: string | null, aliases: Array<string>, sector: Sector, kinds: Array<OrganisationKind>, focus: Array<string>, country: string | null, orgNumber: string | null, website: string | null, municipality: string | null, county: string | null, pic: string | null, parent: { id: string, name: string } | null, sources: Array<{ kind: SourceKind, reference: string, row: number | null, at: string | null }>, pillars: Array<{ id: string, name: string }>, centrality: { degree: number, betweenness: number, closeness: number }, memberOf: { edges: Array<{ node: { since: string | null, until: string | null, organisation: { id: string, name: string } } }> }, participations: { totalCount: number, edges: Array<{ node: { role: ParticipationRole, status: ParticipationStatus, contributionEur: number | null, since: string | null, until: string | null, project: { id: string, name: string, acronym: string | null, status: ProjectStatus, start: string | null, end: string | null } } }> }, roles: { edges: Array<{ node: { id: string, title: string, status: RoleStatus, since: string | null, until: string | null, people: Array<{ id: string, name: string }>, body: { id: string, name: string } | null } }> }, seats: { edges: Array<{ node: { id: string, title: string, status: RoleStatus, people: Array<{ id: string, name: string }>, organisation: { id: string, name: string } | null } }> }, collaborators: { edges: Array<{ node: { count: number, organisation: { id: string, name: string } } }> } } | null };

type NodeName_Call_Fragment = { __typename: 'Call', title: string, id: string };

type NodeName_Event_Fragment = { __typename: 'Event', title: string, id: string };

type NodeName_Indicator_Fragment = { __typename: 'Indicator', name: string, id: string };

type NodeName_Organisation_Fragment = { __typename: 'Organisation', name: string, sector: Sector, id: string };

type NodeName_Person_Fragment = { __typename: 'Person', name: string, id: string };

type NodeName_Pillar_Fragment = { __typename: 'Pillar', name: string, id: string };

type NodeName_Programme_Fragment = { __typename: 'Programme', name: string, id: string };

type NodeName_Project_Fragment = { __typename: 'Project', name: string, id: string };

type NodeName_Role_Fragment = { __typename: 'Role', title: string, id: string };

type NodeName_Topic_Fragment = { __typename: 'Topic', title: string, id: string };

export type NodeNameFragment =
  | NodeName_Call_Fragment
  | NodeName_Event_Fragment
  | NodeName_Indicator_Fragment
  | NodeName_Organisation_Fragment
  | NodeName_Person_Fragment
  | NodeName_Pillar_Fragment
  | NodeName_Programme_Fragment
  | NodeName_Project_Fragment
  | NodeName_Role_Fragment
  | NodeName_Topic_Fragment
;

export type NeighbourhoodQueryVariables = Exact<{
  id: string;
}>;


export type NeighbourhoodQuery = { neighbourhood: { truncated: boolean, nodes: Array<
      | { __typename: 'Call', title: string, id: string }
      | { __typename: 'Event', title: string, id: string }
      | { __typename: 'Indicator', name: string, id: string }
      | { __typename: 'Organisation', name: string, sector: Sector, id: string }
      | { __typename: 'Person', name: string, id: string }
      | { __typename: 'Pillar', name: string, id: string }
      | { __typename: 'Programme', name: string, id: string }
      | { __typename: 'Project', name: string, id: string }
      | { __typename: 'Role', title: string, id: string }
      | { __typename: 'Topic', title: string, id: string }
    >, edges: Array<
      | { from: string, to: string, type: string }
      | { from: string, to: string, type: string }
    > } };

export type ConnectionPathQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type ConnectionPathQuery = { connectionPath: { length: number, steps: Array<{ relationship: string, forward: boolean, from:
        | { __typename: 'Call', title: string, id: string }
        | { __typename: 'Event', title: string, id: string }
        | { __typename: 'Indicator', name: string, id: string }
        | { __typename: 'Organisation', name: string, sector: Sector, id: string }
        | { __typename: 'Person', name: string, id: string }
        | { __typename: 'Pillar', name: string, id: string }
        | { __typename: 'Programme', name: string, id: string }
        | { __typename: 'Project', name: string, id: string }
        | { __typename: 'Role', title: string, id: string }
        | { __typename: 'Topic', title: string, id: string }
      , to:
        | { __typename: 'Call', title: string, id: string }
        | { __typename: 'Event', title: string, id: string }
        | { __typename: 'Indicator', name: string, id: string }
        | { __typename: 'Organisation', name: string, sector: Sector, id: string }
        | { __typename: 'Person', name: string, id: string }
        | { __typename: 'Pillar', name: string, id: string }
        | { __typename: 'Programme', name: string, id: string }
        | { __typename: 'Project', name: string, id: string }
        | { __typename: 'Role', title: string, id: string }
        | { __typename: 'Topic', title: string, id: string }
       }> } | null };
