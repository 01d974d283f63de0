// The explorer: a map of the collaboration network with filters, and the
// coverage, gaps, consortium and path views, all read from /graphql. The
// state lives in the URL's hash, so a view can be shared as a link.
import "./style.css";
import { allPages, NeedsToken, request, setToken } from "./api";
import { h } from "./dom";
import type { ChoicesQuery, CoverageQuery, MembersOfQuery } from "./gql/types";
import { currentLang, sectorName, setLang, t } from "./i18n";
import { MapView, sectorColours } from "./map";
import { build, centrality, load, type Data } from "./network";
import { openPanel } from "./panel";
import { Choices, Coverage, MembersOf } from "./queries";
import { consortiumView, coverageView, gapsView, orgPicker, pathView } from "./views";

export type ViewName = "map" | "coverage" | "gaps" | "consortium" | "path";
const viewNames: ViewName[] = ["map", "coverage", "gaps", "consortium", "path"];
export const sectors = ["RESEARCH", "HEALTH_SERVICE", "AUTHORITY", "MUNICIPAL", "INDUSTRY", "USER_ORGANISATION", "FUNDER", "OTHER"];

/** What the page shows; kept in the URL's hash. */
export interface State {
  view: ViewName;
  pillar: string | null;
  programme: string | null;
  /** Only the members of this network (such as the hub). */
  network: string | null;
  focus: string | null;
  sectors: Set<string>;
  units: boolean;
  asOf: string | null;
  sizeBy: "betweenness" | "degree";
  selected: string | null;
  call: string | null;
  partners: string[];
  from: string | null;
  to: string | null;
  suggest: string | null;
}

export const state: State = {
  view: "map", pillar: null, programme: null, network: null, focus: null, sectors: new Set(sectors), units: true, asOf: null,
  sizeBy: "betweenness", selected: null, call: null, partners: [], from: null, to: null, suggest: null,
};

function readHash(): void {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const q = new URLSearchParams(query ?? "");
  state.view = viewNames.includes(path as ViewName) ? (path as ViewName) : "map";
  state.pillar = q.get("pillar");
  state.programme = q.get("programme");
  state.network = q.get("network");
  state.focus = q.get("focus");
  state.asOf = q.get("asOf");
  state.units = q.get("units") !== "folded";
  state.sizeBy = q.get("size") === "degree" ? "degree" : "betweenness";
  state.sectors = new Set(q.get("sectors")?.split(",").filter((s) => sectors.includes(s)) ?? sectors);
  state.selected = q.get("org");
  state.call = q.get("call");
  state.partners = q.get("orgs")?.split(",").filter(Boolean) ?? [];
  state.from = q.get("from");
  state.to = q.get("to");
  state.suggest = q.get("suggest");
}

/** Writes the state into the URL (without a new history entry). */
export function writeHash(): void {
  const q = new URLSearchParams();
  if (state.pillar) q.set("pillar", state.pillar);
  if (state.programme) q.set("programme", state.programme);
  if (state.network) q.set("network", state.network);
  if (state.focus) q.set("focus", state.focus);
  if (state.asOf) q.set("asOf", state.asOf);
  if (!state.units) q.set("units", "folded");
  if (state.sizeBy === "degree") q.set("size", "degree");
  if (state.sectors.size !== sectors.length) q.set("sectors", [...state.sectors].join(","));
  if (state.selected) q.set("org", state.selected);
  if (state.call) q.set("call", state.call);
  if (state.partners.length) q.set("orgs", state.partners.join(","));
  if (state.from) q.set("from", state.from);
  if (state.to) q.set("to", state.to);
  if (state.suggest) q.set("suggest", state.suggest);
  const s = q.toString();
  history.replaceState(null, "", `#/${state.view}${s ? "?" + s : ""}`);
}

/** Data shared by the views, loaded once (per date where it depends on one). */
export const store = {
  data: null as Data | null,
  choices: null as ChoicesQuery | null,
  coverage: new Map<string, Promise<CoverageQuery>>(),
  centrality: new Map<string, ReturnType<typeof centrality>>(),
  members: new Map<string, Promise<Set<string>>>(),
  names: new Map<string, string>(),
};

export function coverageOn(asOf: string | null): Promise<CoverageQuery> {
  const k = asOf ?? "";
  if (!store.coverage.has(k)) store.coverage.set(k, request<CoverageQuery, { asOf: string | null }>(Coverage, { asOf }));
  return store.coverage.get(k)!;
}

/** The members of a network (such as the hub). */
function membersOf(id: string): Promise<Set<string>> {
  if (!store.members.has(id))
    store.members.set(id, allPages<MembersOfQuery, { member: { id: string } }>(MembersOf, { id }, (d) => d.organisation?.members ?? { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] })
      .then((ms) => new Set(ms.map((m) => m.member.id))));
  return store.members.get(id)!;
}

function centralityOn(asOf: string | null) {
  const k = asOf ?? "";
  if (!store.centrality.has(k)) store.centrality.set(k, centrality(asOf));
  return store.centrality.get(k)!;
}

/** An organisation's name, when the map knows it. */
export function nameOf(id: string): string {
  return store.data?.orgs.get(id)?.name ?? store.names.get(id) ?? id;
}

let map: MapView;
const root = document.getElementById("app")!;
const views = {} as Record<ViewName, HTMLElement>;
const tabs = {} as Record<ViewName, HTMLButtonElement>;
let countLine: HTMLElement;
let layoutButton: HTMLButtonElement;
let panel: HTMLElement;

function shell(): void {
  root.replaceChildren();
  const w = t();
  const nav = h("nav", { role: "tablist", "aria-label": w.title });
  for (const v of viewNames) {
    const b = h("button", {
      type: "button", role: "tab", id: `tab-${v}`, "aria-controls": `view-${v}`, "data-view": v,
      onclick: () => show(v),
      onkeydown: (e: KeyboardEvent) => {
        const i = viewNames.indexOf(v);
        const next = e.key === "ArrowRight" ? viewNames[(i + 1) % viewNames.length] : e.key === "ArrowLeft" ? viewNames[(i + viewNames.length - 1) % viewNames.length] : null;
        if (next) {
          e.preventDefault();
          show(next);
          tabs[next].focus();
        }
      },
    }, w[v]);
    tabs[v] = b;
    nav.append(b);
  }
  const langButton = h("button", {
    type: "button", className: "secondary", lang: currentLang() === "en" ? "nb" : "en", "aria-label": w.languageLabel, "data-lang-switch": "",
    onclick: () => {
      setLang(currentLang() === "en" ? "nb" : "en");
      shell();
      show(state.view);
    },
  }, w.language);
  root.append(
    h("a", { className: "skip", href: "#main", onclick: (e: Event) => { e.preventDefault(); document.getElementById("main")?.focus(); } }, w.skip),
    h("header", { className: "top" }, h("h1", {}, "hubgraph · ", w.title), nav,
      h("div", { className: "top-end" }, h("a", { href: "/graphiql" }, w.graphiql), langButton)),
  );
  const main = h("main", { id: "main", tabindex: "-1" });
  root.append(main);
  for (const v of viewNames) {
    views[v] = h("section", { className: "view", id: `view-${v}`, role: "tabpanel", "aria-labelledby": `tab-${v}`, hidden: true });
    main.append(views[v]);
  }
  mapShell();
}

function mapShell(): void {
  const w = t();
  const data = store.data!;
  const choices = store.choices!;
  const pillarSelect = h("select", { id: "f-pillar", onchange: (e: Event) => { state.pillar = (e.target as HTMLSelectElement).value || null; redraw(); } },
    h("option", { value: "" }, w.any),
    choices.pillars.map((p) => h("option", { value: p.id, selected: p.id === state.pillar }, p.name)));
  const programmeSelect = h("select", { id: "f-programme", onchange: (e: Event) => { state.programme = (e.target as HTMLSelectElement).value || null; redraw(); } },
    h("option", { value: "" }, w.any),
    choices.programmes.edges.map((e) => h("option", { value: e.node.id, selected: e.node.id === state.programme }, e.node.acronym ?? e.node.name)));
  const networkSelect = h("select", { id: "f-network", onchange: (e: Event) => { state.network = (e.target as HTMLSelectElement).value || null; redraw(); } },
    h("option", { value: "" }, w.any),
    choices.networks.edges.filter((e) => e.node.members.totalCount > 0).map((e) => h("option", { value: e.node.id, selected: e.node.id === state.network }, e.node.name)));
  const focuses = [...new Set([...data.orgs.values()].flatMap((o) => o.focus))].sort((a, b) => a.localeCompare(b));
  const focusSelect = h("select", { id: "f-focus", onchange: (e: Event) => { state.focus = (e.target as HTMLSelectElement).value || null; redraw(); } },
    h("option", { value: "" }, w.any),
    focuses.map((f) => h("option", { value: f, selected: f === state.focus }, f)));
  const months = monthsBetween(data.first, data.last);
  const dateLabel = h("output", { id: "f-date-value" }, state.asOf ?? w.allDates);
  const slider = h("input", {
    type: "range", id: "f-date", min: "0", max: String(months.length), step: "1",
    value: String(state.asOf ? Math.max(0, months.indexOf(state.asOf.slice(0, 7) + "-01") + 1) : 0),
    "aria-valuetext": state.asOf ?? w.allDates,
    oninput: (e: Event) => {
      const i = Number((e.target as HTMLInputElement).value);
      state.asOf = i === 0 ? null : months[i - 1];
      dateLabel.textContent = state.asOf ?? w.allDates;
      (e.target as HTMLInputElement).setAttribute("aria-valuetext", state.asOf ?? w.allDates);
      redraw();
    },
  });
  const sectorBoxes = h("fieldset", {}, h("legend", {}, w.sectors), sectors.map((s) =>
    h("label", {}, h("input", {
      type: "checkbox", value: s, checked: state.sectors.has(s), "data-sector": s,
      onchange: (e: Event) => { if ((e.target as HTMLInputElement).checked) state.sectors.add(s); else state.sectors.delete(s); redraw(); },
    }), h("span", { className: "swatch", style: `background:${sectorColours[s]}`, "aria-hidden": "true" }), sectorName(s))));
  const filters = h("aside", { className: "filters", "aria-label": w.filters },
    h("h2", {}, w.filters),
    h("label", {}, w.search, orgPicker(w.searchPlaceholder, (id) => { selectOrg(id); map.focusNode(id); }, "map-search")),
    h("label", {}, w.pillar, pillarSelect),
    h("label", {}, w.programme, programmeSelect),
    h("label", {}, w.membersOf, networkSelect),
    h("label", {}, w.focus, focusSelect),
    h("label", {}, `${w.asOf}: `, dateLabel, slider),
    sectorBoxes,
    h("label", {}, h("input", { type: "checkbox", id: "f-units", checked: state.units, onchange: (e: Event) => { state.units = (e.target as HTMLInputElement).checked; redraw(); } }), " ", w.includeUnits),
    h("label", {}, w.sizeBy, h("select", { id: "f-size", onchange: (e: Event) => { state.sizeBy = (e.target as HTMLSelectElement).value as State["sizeBy"]; redraw(); } },
      h("option", { value: "betweenness", selected: state.sizeBy === "betweenness" }, w.betweenness),
      h("option", { value: "degree", selected: state.sizeBy === "degree" }, w.degree))),
  );
  countLine = h("span", { className: "count", role: "status", "aria-live": "polite" }, w.loading);
  layoutButton = h("button", { type: "button", className: "secondary", onclick: () => (map.layoutRunning() ? map.stopLayout() : map.startLayout()) }, w.pause);
  const stage = h("div", { className: "stage" },
    h("div", { id: "sigma", role: "application", tabindex: "0", "aria-label": w.map, "aria-describedby": "map-keys" }),
    h("p", { id: "map-keys", className: "visually-hidden" }, w.mapKeys),
    h("p", { id: "map-cursor", className: "visually-hidden", "aria-live": "polite" }),
    h("div", { className: "stage-bar" }, countLine,
      h("button", { type: "button", className: "secondary", onclick: () => { map.highlight([]); map.resetCamera(); } }, w.reset),
      layoutButton,
      h("button", { type: "button", className: "secondary", "data-export": "png", onclick: () => map.png() }, w.png),
      h("button", { type: "button", className: "secondary", "data-export": "svg", onclick: () => downloadSvg() }, w.svg)));
  panel = h("aside", { className: "panel", id: "panel", "aria-label": w.facts, hidden: true, tabindex: "-1" });
  views.map.append(h("div", { className: "map-view" }, filters, stage, panel));
  const old = map;
  map = new MapView(stage.querySelector("#sigma") as HTMLElement);
  if (old) old.sigma.kill();
  map.onClick = (id) => selectOrg(id);
  map.onCursor = (id) => {
    const o = store.data?.orgs.get(id);
    const ties = map.graph.hasNode(id) ? map.graph.degree(id) : 0;
    (document.getElementById("map-cursor") as HTMLElement).textContent = t().onNode(o?.name ?? String(map.graph.getNodeAttribute(id, "label")), ties);
  };
  // For the browser tests: the exports' contents, as the buttons download them.
  (window as unknown as { hubgraphExport: (kind: string) => string }).hubgraphExport = (kind) =>
    kind === "svg" ? map.svg() : map.canvas().toDataURL("image/png");
  map.onLayout = (running) => { layoutButton.textContent = running ? t().pause : t().resume; };
  redraw();
}

function downloadSvg(): void {
  const svg = map.svg();
  const a = h("a", { href: URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" })), download: "hubgraph-map.svg" });
  document.body.append(a);
  a.click();
  a.remove();
}

/** The first day of every month from first to last (both YYYY-MM-DD). */
function monthsBetween(first: string | null, last: string | null): string[] {
  if (!first || !last) return [];
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}-01`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

let drawing = 0;

/** Draws the map for the current filters. */
export async function redraw(): Promise<void> {
  writeHash();
  const token = ++drawing;
  const el = map.container;
  el.dataset.ready = "false";
  try {
    const [cov, members] = await Promise.all([state.pillar ? coverageOn(state.asOf) : null, state.network ? membersOf(state.network) : null]);
    if (token !== drawing) return;
    let only = cov ? new Set(cov.pillarCoverage.find((c) => c.pillar.id === state.pillar)?.organisations.map((o) => o.id) ?? []) : null;
    if (members) only = only ? new Set([...only].filter((id) => members.has(id))) : members;
    const built = build(store.data!, { only, focus: state.focus, programme: state.programme, sectors: state.sectors, units: state.units, asOf: state.asOf });
    // Drawn at once, sized by the ties drawn; resized when the API's
    // centrality for the date arrives (computed on the server, it can
    // take longer than the drawing on a large graph).
    const degree = new Map<string, { degree: number; betweenness: number }>();
    for (const k of built.ties.keys()) for (const id of k.split("|")) {
      const d = degree.get(id) ?? { degree: 0, betweenness: 0 };
      d.degree++;
      d.betweenness++;
      degree.set(id, d);
    }
    map.draw(built, degree, state.sizeBy);
    void centralityOn(state.asOf).then((sizes) => { if (token === drawing) map.setSizes(sizes, state.sizeBy); });
    el.dataset.asOf = state.asOf ?? "";
    el.dataset.pillar = state.pillar ?? "";
    el.dataset.programme = state.programme ?? "";
    countLine.textContent = t().drawn(built.nodes.size, built.ties.size);
    if (state.selected && map.graph.hasNode(state.selected)) map.highlight([state.selected, ...map.graph.neighbors(state.selected)]);
    el.dataset.ready = "true";
  } catch (err) {
    countLine.textContent = t().failed + (err as Error).message;
    countLine.classList.add("error");
  }
}

/** Opens an organisation's panel and highlights it with its collaborators. */
export function selectOrg(id: string): void {
  state.selected = id;
  map.selected = id;
  writeHash();
  if (map.graph.hasNode(id)) map.highlight([id, ...map.graph.neighbors(id)]);
  openPanel(panel, id, state.asOf, {
    close: () => { state.selected = null; map.selected = null; panel.hidden = true; map.highlight([]); writeHash(); },
    expand: (nodes, edges) => {
      const keys = map.addExtra(nodes, edges);
      map.highlight([id, ...nodes.map((n) => n.id)], keys);
    },
    suggest: () => { state.suggest = id; show("gaps"); },
    open: (other) => { selectOrg(other); map.focusNode(other); },
  });
}

/** Shows the map with these nodes (and edges) highlighted, the camera on the first. */
export function focusOnMap(ids: string[], extra?: { nodes: { id: string; label: string }[]; edges: { from: string; to: string }[] }): void {
  show("map");
  let keys: string[] = [];
  if (extra) keys = map.addExtra(extra.nodes, extra.edges);
  map.highlight(ids, keys);
  if (ids.length === 1) selectOrg(ids[0]);
  requestAnimationFrame(() => map.focusNode(ids[0]));
}

/** Switches to a view. */
export function show(v: ViewName): void {
  state.view = v;
  for (const x of viewNames) {
    views[x].hidden = x !== v;
    tabs[x].setAttribute("aria-selected", String(x === v));
    tabs[x].tabIndex = x === v ? 0 : -1;
  }
  root.dataset.view = v;
  writeHash();
  const ctx = { state, store, focusOnMap, show, writeHash, nameOf, coverageOn };
  if (v === "coverage") coverageView(views.coverage, ctx);
  if (v === "gaps") gapsView(views.gaps, ctx);
  if (v === "consortium") consortiumView(views.consortium, ctx);
  if (v === "path") pathView(views.path, ctx);
  if (v === "map") { map?.sigma.resize(); map?.sigma.refresh(); }
}


async function start(): Promise<void> {
  readHash();
  setLang(currentLang());
  const t0 = performance.now();
  try {
    void centralityOn(state.asOf);
    const [data, choices] = await Promise.all([load(), request<ChoicesQuery>(Choices)]);
    store.data = data;
    store.choices = choices;
  } catch (err) {
    if (err instanceof NeedsToken) {
      tokenForm(err.message);
      return;
    }
    root.replaceChildren(h("p", { className: "error loading" }, t().failed + (err as Error).message));
    return;
  }
  shell();
  map.container.dataset.loadMs = String(Math.round(performance.now() - t0));
  show(state.view);
  if (state.selected) selectOrg(state.selected);
  root.dataset.state = "ready";
  // A link followed within the page (or the back button) changes the view.
  window.addEventListener("hashchange", () => {
    readHash();
    shell();
    show(state.view);
    if (state.selected) selectOrg(state.selected);
  });
}

/** Asks for an API token where the server makes reads token-only. */
function tokenForm(why: string): void {
  const w = t();
  const input = h("input", { type: "password", id: "token", autocomplete: "off", required: true });
  root.dataset.state = "token";
  root.replaceChildren(h("form", {
    className: "page",
    onsubmit: (e: Event) => { e.preventDefault(); setToken(input.value.trim()); location.reload(); },
  }, h("h1", {}, "hubgraph · ", w.title), h("p", {}, w.needsToken), h("p", { className: "error" }, why),
    h("label", {}, w.token, " ", input), " ", h("button", { type: "submit", className: "primary" }, w.useToken)));
  input.focus();
}

void start();
