// The map: a WebGL drawing (sigma.js) of a graphology graph, arranged by
// ForceAtlas2 in a web worker, with focus, highlighting and export.
import Graph from "graphology";
import Sigma from "sigma";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { hash01, type Built } from "./network";
import { sectorName } from "./i18n";
import { download } from "./dom";

/** Sector colours (Okabe–Ito based, at least 3:1 against white). */
export const sectorColours: Record<string, string> = {
  RESEARCH: "#0072B2",
  HEALTH_SERVICE: "#D55E00",
  AUTHORITY: "#007A5A",
  MUNICIPAL: "#B8528F",
  INDUSTRY: "#B77E00",
  USER_ORGANISATION: "#2B8FCC",
  FUNDER: "#882255",
  OTHER: "#5F5F5F",
};

const extraColour = "#6B6B6B";
const dimColour = "#E4E4E4";
const edgeColour = "#b4b4b4";
const hotEdge = "#C0392B";

export interface Sizes {
  get(id: string): { degree: number; betweenness: number } | undefined;
}

export class MapView {
  readonly graph = new Graph({ type: "undirected", multi: false });
  readonly sigma: Sigma;
  private layout: FA2Layout | null = null;
  private layoutTimer = 0;
  private positions = new Map<string, { x: number; y: number }>();
  /** Highlighted nodes; when not empty, the rest is dimmed. */
  private focus = new Set<string>();
  private hotEdges = new Set<string>();
  selected: string | null = null;
  /** The node the keyboard is on (arrow keys move it, Enter opens it). */
  cursor: string | null = null;
  onClick: (id: string) => void = () => {};
  /** Told the name of the node the keyboard moved to, for a live region. */
  onCursor: (id: string) => void = () => {};
  onLayout: (running: boolean) => void = () => {};

  constructor(readonly container: HTMLElement) {
    this.sigma = new Sigma(this.graph, container, {
      renderEdgeLabels: false,
      // The map may be built while its tab is hidden; show() resizes it.
      allowInvalidContainer: true,
      labelDensity: 0.35,
      labelRenderedSizeThreshold: 6,
      labelFont: "system-ui, sans-serif",
      zIndex: true,
      nodeReducer: (node, data) => {
        const res = { ...data };
        if (this.focus.size > 0 && !this.focus.has(node)) {
          res.color = dimColour;
          res.label = "";
          res.zIndex = 0;
        } else if (this.focus.size > 0) {
          res.zIndex = 2;
          res.forceLabel = true;
        }
        if (node === this.selected || node === this.cursor) {
          res.highlighted = true;
          res.forceLabel = true;
          res.zIndex = 3;
        }
        return res;
      },
      edgeReducer: (edge, data) => {
        const res = { ...data };
        if (this.hotEdges.has(edge)) {
          res.color = hotEdge;
          res.size = Math.max(3, data.size ?? 1);
          res.zIndex = 2;
        } else if (this.focus.size > 0) {
          const [a, b] = this.graph.extremities(edge);
          if (!this.focus.has(a) || !this.focus.has(b)) res.hidden = true;
        }
        return res;
      },
    });
    this.sigma.on("clickNode", ({ node }) => this.onClick(node));
    container.addEventListener("keydown", (e) => this.onKey(e));
    // For the browser tests: where a node is drawn, in page coordinates.
    (window as unknown as { hubgraphNodeAt: (id: string) => { x: number; y: number } | null }).hubgraphNodeAt = (id) => {
      if (!this.graph.hasNode(id)) return null;
      const p = this.sigma.graphToViewport(this.graph.getNodeAttributes(id) as { x: number; y: number });
      const r = container.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    };
    this.sigma.on("afterRender", () => {
      if (this.graph.order > 0 && !container.dataset.firstDrawMs) {
        // From the start of the page's navigation: loading included.
        container.dataset.firstDrawMs = String(Math.round(performance.now()));
      }
    });
  }

  /** Replaces what is drawn; known nodes keep their places. */
  draw(built: Built, sizes: Sizes, sizeBy: "betweenness" | "degree"): void {
    this.stopLayout();
    for (const n of this.graph.nodes()) this.positions.set(n, this.graph.getNodeAttributes(n) as { x: number; y: number });
    this.graph.clear();
    this.hotEdges.clear();
    const values = [...built.nodes.keys()].map((id) => sizes.get(id)?.[sizeBy] ?? 0);
    const max = Math.max(1, ...values);
    const spread = Math.sqrt(built.nodes.size) * 10;
    for (const [id, o] of built.nodes) {
      const v = sizes.get(id)?.[sizeBy] ?? 0;
      const pos = this.positions.get(id) ?? {
        x: (hash01(id) - 0.5) * spread,
        y: (hash01(id + "~") - 0.5) * spread,
      };
      this.graph.addNode(id, {
        x: pos.x,
        y: pos.y,
        label: o.shortName ?? o.name,
        fullName: o.name,
        sector: o.sector,
        size: 4 + 14 * Math.sqrt(v / max),
        color: sectorColours[o.sector] ?? sectorColours.OTHER,
      });
    }
    for (const [k, w] of built.ties) {
      const [a, b] = k.split("|");
      this.graph.addEdgeWithKey(k, a, b, { weight: w, size: Math.min(6, 0.6 + Math.log2(w + 1)), color: edgeColour });
    }
    this.container.dataset.nodeCount = String(this.graph.order);
    this.container.dataset.edgeCount = String(this.graph.size);
    this.container.dataset.tiedCount = String(this.graph.filterNodes((n) => this.graph.degree(n) > 0).length);
    this.container.dataset.nodes = this.graph.nodes().sort().join(" ");
    // Every name on a small map; on a large one, those of the larger nodes.
    this.sigma.setSetting("labelRenderedSizeThreshold", this.graph.order < 300 ? 3 : 7);
    this.sigma.refresh();
    this.startLayout();
  }

  /** Resizes the nodes (when the API's centrality arrives after the first drawing). */
  setSizes(sizes: Sizes, sizeBy: "betweenness" | "degree"): void {
    const max = Math.max(1, ...this.graph.mapNodes((id) => sizes.get(id)?.[sizeBy] ?? 0));
    this.graph.forEachNode((id, a) => {
      if (a.extra) return;
      this.graph.setNodeAttribute(id, "size", 4 + 14 * Math.sqrt((sizes.get(id)?.[sizeBy] ?? 0) / max));
    });
    this.container.dataset.sized = sizeBy;
  }

  /** Runs ForceAtlas2 in a worker for a while (longer for larger graphs). */
  startLayout(): void {
    this.stopLayout();
    if (this.graph.size === 0) {
      this.container.dataset.layout = "done";
      return;
    }
    const settings = forceAtlas2.inferSettings(this.graph);
    // Strong gravity keeps organisations without ties near the rest.
    this.layout = new FA2Layout(this.graph, {
      settings: { ...settings, edgeWeightInfluence: 1, strongGravityMode: true, gravity: 0.6, scalingRatio: 12, outboundAttractionDistribution: true, barnesHutOptimize: this.graph.order > 500 },
    });
    this.layout.start();
    this.container.dataset.layout = "running";
    this.onLayout(true);
    const ms = Math.min(8000, 1500 + this.graph.order * 2);
    this.layoutTimer = window.setTimeout(() => this.stopLayout(), ms);
  }

  stopLayout(): void {
    window.clearTimeout(this.layoutTimer);
    if (this.layout) {
      this.layout.kill();
      this.layout = null;
    }
    this.container.dataset.layout = "done";
    this.onLayout(false);
  }

  layoutRunning(): boolean {
    return this.layout !== null;
  }

  /** Highlights nodes (and the ties among them), dimming the rest. */
  highlight(ids: Iterable<string>, edges: Iterable<string> = []): void {
    this.focus = new Set([...ids].filter((id) => this.graph.hasNode(id)));
    this.hotEdges = new Set([...edges].filter((e) => this.graph.hasEdge(e)));
    this.container.dataset.highlighted = String(this.focus.size);
    this.sigma.refresh();
  }

  /** Adds nodes that are not organisations (people, projects, bodies) with their ties, for a neighbourhood or a path. */
  addExtra(nodes: { id: string; label: string }[], edges: { from: string; to: string }[]): string[] {
    const keys: string[] = [];
    for (const n of nodes) {
      if (this.graph.hasNode(n.id)) continue;
      const anchor = edges.find((e) => (e.from === n.id && this.graph.hasNode(e.to)) || (e.to === n.id && this.graph.hasNode(e.from)));
      const other = anchor ? (anchor.from === n.id ? anchor.to : anchor.from) : null;
      const base = other ? (this.graph.getNodeAttributes(other) as { x: number; y: number }) : { x: 0, y: 0 };
      this.graph.addNode(n.id, {
        x: base.x + (hash01(n.id) - 0.5) * 20,
        y: base.y + (hash01(n.id + "~") - 0.5) * 20,
        label: n.label,
        size: 4,
        color: extraColour,
        extra: true,
      });
    }
    for (const e of edges) {
      if (!this.graph.hasNode(e.from) || !this.graph.hasNode(e.to) || e.from === e.to) continue;
      const k = e.from < e.to ? `${e.from}|${e.to}` : `${e.to}|${e.from}`;
      if (!this.graph.hasEdge(k)) this.graph.addEdgeWithKey(k, e.from, e.to, { weight: 1, size: 1.5, color: edgeColour, extra: true });
      keys.push(k);
    }
    return keys;
  }

  /**
   * Keyboard movement on the map: the arrow keys move to the nearest
   * drawn node in that direction, Home to the largest node, Enter (or
   * space) opens the node, Escape clears the highlight.
   */
  private onKey(e: KeyboardEvent): void {
    const directions: Record<string, { x: number; y: number }> = {
      ArrowRight: { x: 1, y: 0 }, ArrowLeft: { x: -1, y: 0 }, ArrowDown: { x: 0, y: 1 }, ArrowUp: { x: 0, y: -1 },
    };
    if (this.graph.order === 0) return;
    if (e.key in directions || e.key === "Home") {
      e.preventDefault();
      const next = e.key === "Home" || !this.cursor || !this.graph.hasNode(this.cursor) ? this.largest() : this.nearest(this.cursor, directions[e.key]);
      if (next) this.moveCursor(next);
    } else if ((e.key === "Enter" || e.key === " ") && this.cursor) {
      e.preventDefault();
      this.onClick(this.cursor);
    } else if (e.key === "Escape") {
      this.highlight([]);
    }
  }

  /** The largest drawn node (the first by id among equals). */
  private largest(): string | null {
    let best: string | null = null;
    let size = -1;
    this.graph.forEachNode((id, a) => {
      if (this.focus.size > 0 && !this.focus.has(id)) return;
      const s = a.size as number;
      if (s > size || (s === size && best !== null && id < best)) [best, size] = [id, s];
    });
    return best;
  }

  /**
   * The drawn node nearest to from in a direction on the screen: among
   * the nodes within 60° of it, the one with the least distance, angles
   * counting double (so a node straight ahead wins over a nearer one off
   * to the side).
   */
  private nearest(from: string, dir: { x: number; y: number }): string | null {
    const at = (id: string) => this.sigma.graphToViewport(this.graph.getNodeAttributes(id) as { x: number; y: number });
    const o = at(from);
    let best: string | null = null;
    let score = Infinity;
    this.graph.forEachNode((id) => {
      if (id === from || (this.focus.size > 0 && !this.focus.has(id))) return;
      const p = at(id);
      const [dx, dy] = [p.x - o.x, p.y - o.y];
      const dist = Math.hypot(dx, dy);
      if (dist === 0) return;
      const cos = (dx * dir.x + dy * dir.y) / dist;
      if (cos < 0.5) return;
      const s = dist * (1 + 2 * (1 - cos));
      if (s < score) [best, score] = [id, s];
    });
    return best;
  }

  /** Puts the keyboard cursor on a node, brings it into view and announces it. */
  moveCursor(id: string): void {
    this.cursor = id;
    this.container.dataset.cursor = id;
    this.sigma.refresh();
    const d = this.sigma.getNodeDisplayData(id);
    const { width, height } = this.sigma.getDimensions();
    const p = this.sigma.graphToViewport(this.graph.getNodeAttributes(id) as { x: number; y: number });
    if (d && (p.x < 40 || p.y < 40 || p.x > width - 40 || p.y > height - 40)) {
      void this.sigma.getCamera().animate({ x: d.x, y: d.y }, { duration: 200 });
    }
    this.onCursor(id);
  }

  /** Moves the camera to a node. */
  focusNode(id: string): void {
    if (!this.graph.hasNode(id)) return;
    const d = this.sigma.getNodeDisplayData(id);
    if (d) void this.sigma.getCamera().animate({ x: d.x, y: d.y, ratio: 0.35 }, { duration: 400 });
  }

  resetCamera(): void {
    void this.sigma.getCamera().animatedReset({ duration: 300 });
  }

  /** Downloads the map as it is drawn, as PNG. */
  png(): void {
    this.canvas().toBlob((b) => b && download("hubgraph-map.png", "image/png", b), "image/png");
  }

  /** The map as it is drawn, its layers on one canvas on white. */
  canvas(): HTMLCanvasElement {
    // WebGL layers keep their pixels only until the next frame: draw now
    // and copy them in the same task.
    this.sigma.refresh();
    const layers = this.sigma.getCanvases();
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const out = document.createElement("canvas");
    out.width = width * ratio;
    out.height = height * ratio;
    const ctx = out.getContext("2d")!;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    for (const name of ["edges", "nodes", "edgeLabels", "labels", "hovers", "hoverNodes"]) {
      const c = layers[name];
      if (c) ctx.drawImage(c, 0, 0, out.width, out.height);
    }
    return out;
  }

  /** The map as it is drawn, as SVG. */
  svg(): string {
    const { width, height } = this.sigma.getDimensions();
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    const pos = (n: string) => this.sigma.graphToViewport(this.graph.getNodeAttributes(n) as { x: number; y: number });
    const parts: string[] = [];
    this.graph.forEachEdge((e, a, s, t) => {
      const [p, q] = [pos(s), pos(t)];
      const hot = this.hotEdges.has(e);
      parts.push(`<line x1="${p.x.toFixed(1)}" y1="${p.y.toFixed(1)}" x2="${q.x.toFixed(1)}" y2="${q.y.toFixed(1)}" stroke="${hot ? hotEdge : "#505050"}" stroke-opacity="${hot ? 1 : 0.3}" stroke-width="${hot ? 3 : (a.size as number).toFixed(1)}"/>`);
    });
    const scale = 1 / this.sigma.getCamera().getState().ratio;
    this.graph.forEachNode((n, a) => {
      const p = pos(n);
      const r = this.sigma.scaleSize(a.size as number) ?? (a.size as number) * scale;
      const dim = this.focus.size > 0 && !this.focus.has(n);
      parts.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r.toFixed(1)}" fill="${dim ? dimColour : a.color}"><title>${esc(String(a.fullName ?? a.label))}${a.sector ? " · " + esc(sectorName(String(a.sector))) : ""}</title></circle>`);
      if (!dim && (r >= 7 || this.focus.has(n)))
        parts.push(`<text x="${(p.x + r + 2).toFixed(1)}" y="${(p.y + 4).toFixed(1)}" font-family="system-ui, sans-serif" font-size="12" fill="#1a1a1a">${esc(String(a.label))}</text>`);
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#ffffff"/>${parts.join("")}</svg>\n`;
  }
}
