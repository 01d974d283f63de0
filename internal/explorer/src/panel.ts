// The side panel: an organisation's facts with their sources, projects,
// seats and people, and buttons to expand its neighbourhood on the map.
import { request } from "./api";
import { h, num, table } from "./dom";
import type { DetailsQuery, NeighbourhoodQuery, NodeNameFragment } from "./gql/types";
import { sectorName, t } from "./i18n";
import { Details, Neighbourhood, withNodeName } from "./queries";

export interface PanelActions {
  close(): void;
  expand(nodes: { id: string; label: string }[], edges: { from: string; to: string }[]): void;
  suggest(): void;
  /** Opens another organisation (a collaborator), for moving through the network by keyboard. */
  open(id: string): void;
}

/** A node's display name, whatever its type. */
export function label(n: NodeNameFragment): string {
  const x = n as { id: string; name?: string; title?: string };
  return x.name ?? x.title ?? x.id;
}

let current = 0;

/** Fills the panel with an organisation's details. */
export async function openPanel(panel: HTMLElement, id: string, asOf: string | null, actions: PanelActions): Promise<void> {
  const w = t();
  const token = ++current;
  panel.hidden = false;
  panel.dataset.org = id;
  panel.dataset.ready = "false";
  panel.replaceChildren(h("p", {}, w.loading));
  let d: DetailsQuery;
  try {
    d = await request<DetailsQuery, { id: string; asOf: string | null }>(Details, { id, asOf });
  } catch (err) {
    panel.replaceChildren(h("p", { className: "error" }, w.failed + (err as Error).message));
    return;
  }
  if (token !== current) return;
  const o = d.organisation;
  if (!o) {
    panel.replaceChildren(h("p", {}, w.none));
    return;
  }
  const fact = (k: string, v: string | null | undefined | Node) => (v ? [h("dt", {}, k), h("dd", {}, v)] : []);
  const expandButton = h("button", {
    type: "button", className: "primary", "data-action": "expand",
    onclick: async () => {
      const n = await request<NeighbourhoodQuery, { id: string }>(withNodeName(Neighbourhood), { id });
      actions.expand(n.neighbourhood.nodes.map((x) => ({ id: x.id, label: label(x) })), n.neighbourhood.edges);
    },
  }, w.expand);
  const parts = o.participations.edges.map((e) => e.node);
  panel.replaceChildren(
    h("div", { className: "table-head" }, h("h2", { id: "panel-title" }, o.name),
      h("button", { type: "button", className: "secondary", "aria-label": w.close, onclick: actions.close }, "✕")),
    h("div", { className: "panel-actions" }, expandButton,
      h("button", { type: "button", className: "secondary", onclick: actions.suggest }, w.suggestPartners)),
    h("h3", {}, w.facts),
    h("dl", {},
      fact(w.sector, sectorName(o.sector)),
      fact(w.kinds, o.kinds.join(", ")),
      fact(w.country, o.country),
      fact(w.orgNumber, o.orgNumber),
      fact("PIC", o.pic),
      fact(w.parent, o.parent?.name),
      fact(w.focus, o.focus.join(", ")),
      fact(w.website, o.website ? h("a", { href: o.website, rel: "noopener noreferrer", target: "_blank" }, o.website) : null),
      fact(w.pillars, o.pillars.map((p) => p.name).join(", ")),
      fact(w.memberOf, o.memberOf.edges.map((e) => e.node.organisation.name).join(", ")),
      fact(w.centrality, `${w.degree}: ${o.centrality.degree} · ${w.betweenness}: ${num(o.centrality.betweenness, 2)}`),
    ),
    table(w.sources, "sources", [w.kind, w.reference, w.row, w.at],
      o.sources.map((s) => [s.kind, s.reference, s.row ?? "", s.at ?? ""])),
    table(`${w.projects} (${o.participations.totalCount})`, "projects", [w.name, w.role, w.status, w.start, w.end, w.eur],
      parts.map((p) => [p.project.acronym ? `${p.project.acronym} – ${p.project.name}` : p.project.name, p.role, `${p.project.status} / ${p.status}`,
        p.since ?? p.project.start ?? "", p.until ?? p.project.end ?? "", p.contributionEur ?? ""])),
    table(w.seats, "seats", [w.role, w.people, w.body, w.status],
      o.roles.edges.map((e) => [e.node.title, e.node.people.map((p) => p.name).join(", "), e.node.body?.name ?? "", e.node.status])),
    o.seats.edges.length
      ? table(w.seatsIn, "body-seats", [w.role, w.people, w.name, w.status],
        o.seats.edges.map((e) => [e.node.title, e.node.people.map((p) => p.name).join(", "), e.node.organisation?.name ?? "", e.node.status]))
      : "",
    table(w.collaborators, "collaborators", [w.name, w.projects],
      o.collaborators.edges.map((e) => [
        { el: h("button", { type: "button", className: "link", onclick: () => actions.open(e.node.organisation.id) }, e.node.organisation.name), text: e.node.organisation.name },
        e.node.count,
      ])),
  );
  panel.dataset.ready = "true";
  panel.focus();
}
