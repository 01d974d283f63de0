// The coverage, gaps, consortium and path views, and the organisation
// picker they share with the map.
import { request } from "./api";
import { h, num, table, type Cell } from "./dom";
import type { ConnectionPathQuery, CoverageQuery, EligibilityQuery, GapsQuery, SearchQuery, SuggestionsQuery } from "./gql/types";
import { sectorName, t } from "./i18n";
import type { State, ViewName, store as Store } from "./main";
import { label } from "./panel";
import { ConnectionPath, Eligibility, Gaps, Search, Suggestions, withNodeName } from "./queries";

export interface Ctx {
  state: State;
  store: typeof Store;
  focusOnMap(ids: string[], extra?: { nodes: { id: string; label: string }[]; edges: { from: string; to: string }[] }): void;
  show(v: ViewName): void;
  writeHash(): void;
  nameOf(id: string): string;
  coverageOn(asOf: string | null): Promise<CoverageQuery>;
}

const sectorOrder = ["RESEARCH", "HEALTH_SERVICE", "AUTHORITY", "MUNICIPAL", "INDUSTRY", "USER_ORGANISATION", "FUNDER", "OTHER"];

/** A search box that finds organisations; choosing one calls onPick. */
export function orgPicker(placeholder: string, onPick: (id: string, name: string) => void, name: string, types = ["Organisation"]): HTMLElement {
  const list = h("ul", { role: "listbox", hidden: true, id: `${name}-results` });
  let timer = 0;
  const input = h("input", {
    type: "search", placeholder, autocomplete: "off", "data-picker": name, "aria-controls": `${name}-results`,
    oninput: () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(async () => {
        const text = input.value.trim();
        if (!text) { list.hidden = true; return; }
        const r = await request<SearchQuery, { text: string; types: string[] }>(Search, { text, types });
        list.replaceChildren(...r.search.edges.map((e) => {
          const n = e.node as { id: string; __typename: string; name?: string; country?: string | null };
          return h("li", { role: "option" }, h("button", {
            type: "button", "data-id": n.id,
            onclick: () => { list.hidden = true; input.value = ""; onPick(n.id, n.name ?? n.id); },
            onkeydown: (ev: KeyboardEvent) => {
              const li = (ev.target as HTMLElement).parentElement!;
              if (ev.key === "ArrowDown") { ev.preventDefault(); (li.nextElementSibling?.firstElementChild as HTMLElement | null)?.focus(); }
              if (ev.key === "ArrowUp") { ev.preventDefault(); ((li.previousElementSibling?.firstElementChild as HTMLElement | null) ?? input).focus(); }
              if (ev.key === "Escape") { list.hidden = true; input.focus(); }
            },
          }, n.name ?? n.id, n.country ? ` (${n.country})` : "", types.length > 1 && n.__typename !== "Organisation" ? ` · ${n.__typename}` : ""));
        }));
        list.hidden = r.search.edges.length === 0;
      }, 200);
    },
    onkeydown: (ev: KeyboardEvent) => {
      if (ev.key === "ArrowDown" && !list.hidden) { ev.preventDefault(); (list.querySelector("button") as HTMLElement | null)?.focus(); }
      if (ev.key === "Escape") list.hidden = true;
      if (ev.key === "Enter") { ev.preventDefault(); (list.querySelector("button") as HTMLElement | null)?.click(); }
    },
  });
  return h("div", { className: "picker" }, input, list);
}

function mapButton(ctx: Ctx, ids: string[]): Cell {
  return { el: h("button", { type: "button", className: "link", onclick: () => ctx.focusOnMap(ids) }, t().showOnMap), text: "" };
}

function loading(el: HTMLElement, title: string): HTMLElement {
  const body = h("div", {}, h("p", {}, t().loading));
  el.replaceChildren(h("div", { className: "page" }, h("h2", {}, title), body));
  el.dataset.ready = "false";
  return body;
}

function failed(body: HTMLElement, err: unknown): void {
  body.replaceChildren(h("p", { className: "error" }, t().failed + (err as Error).message));
}

/** Pillars × sectors, with counts; empty cells are the gaps. */
export async function coverageView(el: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const body = loading(el, w.coverage);
  let cov: CoverageQuery;
  try { cov = await ctx.coverageOn(ctx.state.asOf); } catch (err) { failed(body, err); return; }
  const detail = h("div", { id: "coverage-detail" });
  const showCell = (p: CoverageQuery["pillarCoverage"][number], s: string, td: HTMLElement) => {
    el.querySelectorAll("td[aria-current]").forEach((x) => x.removeAttribute("aria-current"));
    td.setAttribute("aria-current", "true");
    const orgs = p.organisations.filter((o) => o.sector === s);
    detail.replaceChildren(table(w.covers(p.pillar.name, sectorName(s)), `coverage-${p.pillar.id}-${s.toLowerCase()}`, [w.name, ""],
      orgs.map((o) => [o.name, mapButton(ctx, [o.id])])));
  };
  const matrix = h("table", { className: "matrix", "data-table": "coverage" },
    h("caption", { className: "muted" }, ctx.state.asOf ? `${w.asOf}: ${ctx.state.asOf}` : w.allDates),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, w.pillar), sectorOrder.map((s) => h("th", { scope: "col" }, sectorName(s))))),
    h("tbody", {}, cov.pillarCoverage.map((p) => h("tr", { "data-pillar": p.pillar.id },
      h("th", { scope: "row" }, p.pillar.name),
      sectorOrder.map((s) => {
        const n = p.bySector.find((x) => x.sector === s)?.count ?? 0;
        const gap = p.missingSectors.includes(s as never);
        const td = h("td", { className: gap ? "gap" : "", "data-sector": s, "data-gap": String(gap) });
        td.append(h("button", {
          type: "button", "aria-label": `${p.pillar.name}, ${sectorName(s)}: ${gap ? w.gap : n}`,
          onclick: () => showCell(p, s, td),
        }, gap ? `0 · ${w.gap}` : String(n)));
        return td;
      })))));
  const csvRows = cov.pillarCoverage.map((p) => [p.pillar.name, ...sectorOrder.map((s) => p.bySector.find((x) => x.sector === s)?.count ?? 0),
    p.missingSectors.map(sectorName).join("; ")]);
  const csv = table(w.coverage, "coverage", [w.pillar, ...sectorOrder.map(sectorName), w.gaps], csvRows);
  csv.querySelector(".table-scroll")?.replaceChildren(matrix);
  body.replaceChildren(h("p", {}, w.coverageIntro), csv, detail);
  el.dataset.ready = "true";
}

/** Where the network is thin, each item linked to the map. */
export async function gapsView(el: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const body = loading(el, w.gaps);
  let g: GapsQuery["networkGaps"];
  try { g = (await request<GapsQuery, { asOf: string | null }>(Gaps, { asOf: ctx.state.asOf })).networkGaps; } catch (err) { failed(body, err); return; }
  const names = (os: { name: string }[], size?: number) => os.map((o) => o.name).join(", ") + (size && size > os.length ? ` … (+${size - os.length})` : "");
  const suggestBox = h("div", {});
  const suggestFor = async (id: string) => {
    ctx.state.suggest = id;
    ctx.writeHash();
    suggestBox.replaceChildren(h("p", {}, w.loading));
    try {
      const s = await request<SuggestionsQuery, { id: string }>(Suggestions, { id });
      suggestBox.replaceChildren(table(`${w.suggestFor} ${ctx.nameOf(id)}`, "suggestions", [w.name, w.score, w.reasons, ""],
        s.partnerSuggestions.map((x) => [x.organisation.name, num(x.score, 2), x.reasons.join("; "), mapButton(ctx, [id, x.organisation.id])])));
    } catch (err) { failed(suggestBox, err); }
  };
  body.replaceChildren(
    ctx.state.asOf ? h("p", { className: "muted" }, `${w.asOf}: ${ctx.state.asOf}`) : "",
    table(w.brokers, "brokers", [w.name, w.degree, w.betweenness, ""],
      g.brokers.map((b) => [b.organisation.name, b.degree, num(b.betweenness, 2), mapButton(ctx, [b.organisation.id])])),
    table(w.cutVertices, "cut-vertices", [w.name, w.separates, ""],
      g.cutVertices.map((c) => [c.organisation.name,
        { el: h("ul", {}, c.separates.map((p) => h("li", {}, `${p.size}: ${names(p.organisations, p.size)}`))), text: c.separates.map((p) => `${p.size}: ${names(p.organisations, p.size)}`).join(" | ") },
        mapButton(ctx, [c.organisation.id, ...c.separates.flatMap((p) => p.organisations.map((o) => o.id))])])),
    table(w.components, "components", [w.size, w.members, ""],
      g.components.map((c) => [c.size, names(c.organisations, c.size), mapButton(ctx, c.organisations.map((o) => o.id))])),
    table(w.isolated, "isolated", [w.name, ""], g.isolatedOrganisations.map((o) => [o.name, mapButton(ctx, [o.id])])),
    table(w.withoutProjects, "without-projects", [w.name, ""], g.organisationsWithoutProjects.map((o) => [o.name, mapButton(ctx, [o.id])])),
    h("h3", {}, w.suggestions),
    h("label", {}, w.suggestFor, " ", orgPicker(w.searchPlaceholder, (id) => void suggestFor(id), "suggest")),
    suggestBox,
  );
  if (ctx.state.suggest) await suggestFor(ctx.state.suggest);
  else suggestBox.replaceChildren(h("p", { className: "muted" }, w.pickOrganisation));
  el.dataset.ready = "true";
}

/** A call, a consortium, and whether it meets the call's requirements. */
export async function consortiumView(el: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const body = loading(el, w.consortium);
  const calls = ctx.store.choices!.calls.edges.map((e) => e.node);
  const result = h("div", { id: "eligibility" });
  const chips = h("ul", { className: "chips", "aria-label": w.partners });
  const refresh = async () => {
    ctx.writeHash();
    el.dataset.ready = "false";
    chips.replaceChildren(...ctx.state.partners.map((id) => h("li", { "data-partner": id }, ctx.nameOf(id),
      h("button", { type: "button", "aria-label": `${w.remove} ${ctx.nameOf(id)}`, onclick: () => { ctx.state.partners = ctx.state.partners.filter((x) => x !== id); void refresh(); } }, "✕"))));
    if (!ctx.state.call) { result.replaceChildren(); el.dataset.ready = "true"; return; }
    result.replaceChildren(h("p", {}, w.loading));
    let e: EligibilityQuery["eligibility"];
    try {
      e = (await request<EligibilityQuery, { call: string; orgs: string[] }>(Eligibility, { call: ctx.state.call, orgs: ctx.state.partners })).eligibility;
    } catch (err) { failed(result, err); el.dataset.ready = "true"; return; }
    const add = (id: string, name: string) => { ctx.store.names.set(id, name); if (!ctx.state.partners.includes(id)) ctx.state.partners = [...ctx.state.partners, id]; void refresh(); };
    result.dataset.eligible = String(e.eligible);
    result.replaceChildren(
      h("p", { className: `verdict ${e.eligible ? "ok" : "bad"}`, role: "status", "data-eligible": String(e.eligible) }, e.eligible ? `✔ ${w.eligible}` : `✖ ${w.notEligible}`),
      h("p", {}, `${w.countries}: ${e.countries.join(", ") || "–"}`),
      table(w.requirement, "requirements", [w.requirement, w.status, w.metBy, w.explanation, w.suggestions],
        e.checks.map((c) => [
          c.requirement.description,
          { el: h("span", { className: `badge ${c.met ? "ok" : "bad"}`, "data-met": String(c.met) }, c.met ? `✔ ${w.met}` : `✖ ${w.unmet}`), text: c.met ? w.met : w.unmet },
          c.metBy.map((o) => o.name).join(", "),
          c.explanation,
          { el: h("div", {}, c.met ? "" : c.suggestions.map((s) => h("button", { type: "button", className: "secondary", style: "margin:.1rem", "data-suggestion": s.id, onclick: () => add(s.id, s.name) },
            `+ ${s.name}${s.country ? ` (${s.country})` : ""}`))), text: c.met ? "" : c.suggestions.map((s) => s.name).join("; ") },
        ])),
      ctx.state.partners.length ? h("button", { type: "button", className: "secondary", onclick: () => ctx.focusOnMap(ctx.state.partners) }, w.showOnMap) : "",
    );
    el.dataset.ready = "true";
  };
  body.replaceChildren(
    h("div", { className: "row" },
      h("label", {}, w.call, h("select", { id: "call", onchange: (ev: Event) => { ctx.state.call = (ev.target as HTMLSelectElement).value || null; void refresh(); } },
        h("option", { value: "" }, w.pickCall),
        calls.map((c) => h("option", { value: c.id, selected: c.id === ctx.state.call }, `${c.identifier ? c.identifier + " – " : ""}${c.title}`)))),
      h("label", {}, w.addPartner, orgPicker(w.searchPlaceholder, (id, name) => { ctx.store.names.set(id, name); if (!ctx.state.partners.includes(id)) ctx.state.partners = [...ctx.state.partners, id]; void refresh(); }, "partner"))),
    h("h3", {}, w.partners), chips, result);
  await refresh();
}

/** The connection between two actors, listed and drawn on the map. */
export async function pathView(el: HTMLElement, ctx: Ctx): Promise<void> {
  const w = t();
  const body = loading(el, w.path);
  const result = h("div", { id: "path-result" });
  const fromName = h("strong", {}, ctx.state.from ? ctx.nameOf(ctx.state.from) : "–");
  const toName = h("strong", {}, ctx.state.to ? ctx.nameOf(ctx.state.to) : "–");
  const find = async () => {
    ctx.writeHash();
    if (!ctx.state.from || !ctx.state.to) return;
    el.dataset.ready = "false";
    result.replaceChildren(h("p", {}, w.loading));
    let p: ConnectionPathQuery["connectionPath"];
    try {
      p = (await request<ConnectionPathQuery, { from: string; to: string }>(withNodeName(ConnectionPath), { from: ctx.state.from, to: ctx.state.to })).connectionPath;
    } catch (err) { failed(result, err); return; }
    if (!p) { result.replaceChildren(h("p", { "data-path-length": "none" }, w.noPath)); el.dataset.ready = "true"; return; }
    const nodes = new Map<string, string>();
    for (const s of p.steps) { nodes.set(s.from.id, label(s.from)); nodes.set(s.to.id, label(s.to)); }
    const extra = { nodes: [...nodes].map(([id, l]) => ({ id, label: l })), edges: p.steps.map((s) => ({ from: s.from.id, to: s.to.id })) };
    result.replaceChildren(
      h("p", { "data-path-length": String(p.length) }, w.pathLength(p.length)),
      table(w.path, "path", [w.step, w.from, w.relationship, w.to],
        p.steps.map((s, i) => [i + 1, label(s.from), s.forward ? `— ${s.relationship} →` : `← ${s.relationship} —`, label(s.to)])),
      h("button", { type: "button", className: "primary", "data-action": "draw-path", onclick: () => ctx.focusOnMap([...nodes.keys()], extra) }, w.drawOnMap),
    );
    el.dataset.ready = "true";
  };
  body.replaceChildren(
    h("div", { className: "row" },
      h("div", {}, h("label", {}, w.from, orgPicker(w.searchPlaceholder, (id, name) => { ctx.store.names.set(id, name); ctx.state.from = id; fromName.textContent = name; void find(); }, "from", ["Organisation", "Person"])), fromName),
      h("div", {}, h("label", {}, w.to, orgPicker(w.searchPlaceholder, (id, name) => { ctx.store.names.set(id, name); ctx.state.to = id; toName.textContent = name; void find(); }, "to", ["Organisation", "Person"])), toName)),
    result);
  await find();
  el.dataset.ready = "true";
}
