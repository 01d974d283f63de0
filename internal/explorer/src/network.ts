// The collaboration network as the API defines it (see networkGaps in
// schema/analytics.graphqls): organisations tied by the projects they
// share, a tie weighted by the number of shared projects, a project of
// more than 50 partners adding no ties, and on a date only participations
// running then (from their since, or else the project's start, to their
// until, or else the project's end). The browser tests check the drawn
// network against the API's own answers.
import { allPages } from "./api";
import type { MapCentralityQuery, MapOrganisationsQuery, MapProjectsQuery } from "./gql/types";
import { MapCentrality, MapOrganisations, MapProjects } from "./queries";

export interface Org {
  id: string;
  name: string;
  shortName: string | null;
  sector: string;
  country: string | null;
  focus: string[];
  parent: string | null;
}

export interface Participation {
  org: string;
  since: string | null;
  until: string | null;
}

export interface Proj {
  id: string;
  name: string;
  start: string | null;
  end: string | null;
  programmes: string[];
  partners: Participation[];
  /** Every partner, also those not listed in partners (more than 51). */
  total: number;
}

export interface Data {
  orgs: Map<string, Org>;
  projects: Proj[];
  /** The first and last dates of any project, for the date slider. */
  first: string | null;
  last: string | null;
}

export interface Filters {
  /** Only these organisations (a pillar's coverage, a network's members), when set. */
  only: Set<string> | null;
  /** Only organisations with this focus (such as cancer), when set. */
  focus: string | null;
  /** Only ties through this programme's projects, and their partners. */
  programme: string | null;
  /** Sectors drawn. */
  sectors: Set<string>;
  /** Units drawn as themselves; otherwise folded into their top organisation. */
  units: boolean;
  asOf: string | null;
}

/** The largest project that still ties its partners. */
export const maxPartners = 50;

/** Loads organisations and projects with their partners. */
export async function load(): Promise<Data> {
  const [orgs, projects] = await Promise.all([
    allPages<MapOrganisationsQuery, MapOrganisationsQuery["organisations"]["edges"][number]["node"]>(MapOrganisations, {}, (d) => d.organisations),
    allPages<MapProjectsQuery, MapProjectsQuery["projects"]["edges"][number]["node"]>(MapProjects, {}, (d) => d.projects),
  ]);
  const data: Data = { orgs: new Map(), projects: [], first: null, last: null };
  for (const o of orgs) data.orgs.set(o.id, { ...o, parent: o.parent?.id ?? null });
  for (const p of projects) {
    data.projects.push({
      id: p.id,
      name: p.acronym ?? p.name,
      start: p.start,
      end: p.end,
      programmes: p.programmes.map((x) => x.id),
      partners: p.partners.edges.map((e) => ({ org: e.node.organisation.id, since: e.node.since, until: e.node.until })),
      total: p.partners.totalCount,
    });
    for (const d of [p.start, p.end]) {
      if (!d) continue;
      if (!data.first || d < data.first) data.first = d;
      if (!data.last || d > data.last) data.last = d;
    }
  }
  return data;
}

/** Centrality of every organisation on asOf, as the API computes it. */
export async function centrality(asOf: string | null): Promise<Map<string, { degree: number; betweenness: number }>> {
  const nodes = await allPages<MapCentralityQuery, MapCentralityQuery["organisations"]["edges"][number]["node"]>(
    MapCentrality,
    { asOf },
    (d) => d.organisations,
  );
  return new Map(nodes.map((n) => [n.id, n.centrality]));
}

function active(p: Participation, proj: Proj, asOf: string | null): boolean {
  if (!asOf) return true;
  const since = p.since ?? proj.start;
  const until = p.until ?? proj.end;
  return (!since || since <= asOf) && (!until || until >= asOf);
}

/** The organisation an id is drawn as: itself, or its top organisation when units are folded. */
export function rootOf(data: Data, id: string, units: boolean): string {
  if (units) return id;
  let cur = id;
  for (let i = 0; i < 20; i++) {
    const p = data.orgs.get(cur)?.parent;
    if (!p || !data.orgs.has(p)) break;
    cur = p;
  }
  return cur;
}

export interface Built {
  nodes: Map<string, Org>;
  /** "a|b" (a < b) → shared projects. */
  ties: Map<string, number>;
}

/** The organisations and ties the filters keep. */
export function build(data: Data, f: Filters): Built {
  const nodes = new Map<string, Org>();
  for (const o of data.orgs.values()) {
    if (f.only && !f.only.has(o.id)) continue;
    const root = data.orgs.get(rootOf(data, o.id, f.units))!;
    if (!f.sectors.has(root.sector)) continue;
    if (f.focus && !root.focus.includes(f.focus)) continue;
    nodes.set(root.id, root);
  }
  const ties = new Map<string, number>();
  const inProgramme = new Set<string>();
  for (const proj of data.projects) {
    if (f.programme && !proj.programmes.includes(f.programme)) continue;
    const act = proj.partners.filter((p) => active(p, proj, f.asOf));
    const distinct = new Set(act.map((p) => p.org));
    if (f.programme) for (const o of distinct) inProgramme.add(rootOf(data, o, f.units));
    // A project with more partners than were listed (51) is too large
    // to tie them, whatever the date.
    if (distinct.size > maxPartners || proj.total > proj.partners.length) continue;
    const ends = [...new Set([...distinct].map((o) => rootOf(data, o, f.units)))].filter((o) => nodes.has(o)).sort();
    for (let i = 0; i < ends.length; i++)
      for (let j = i + 1; j < ends.length; j++) {
        const k = ends[i] + "|" + ends[j];
        ties.set(k, (ties.get(k) ?? 0) + 1);
      }
  }
  if (f.programme) {
    for (const id of [...nodes.keys()]) if (!inProgramme.has(id)) nodes.delete(id);
    for (const k of [...ties.keys()]) {
      const [a, b] = k.split("|");
      if (!nodes.has(a) || !nodes.has(b)) ties.delete(k);
    }
  }
  return { nodes, ties };
}

/** A stable pseudo-random number in [0, 1) for a string. */
export function hash01(s: string): number {
  let x = 2166136261;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 16777619);
  return ((x >>> 0) % 100000) / 100000;
}

