// Small DOM helpers: elements, tables that download as CSV, files.
import { t } from "./i18n";

type Child = Node | string | number | null | undefined | false;

/** Makes an element with attributes (on* are listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, unknown> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v as EventListener);
    else if (k === "className") el.className = String(v);
    else if (k in el && typeof v !== "string") (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** A cell: text, or an element with its CSV text. */
export type Cell = string | number | { el: Node; text: string };

/** Escapes one CSV field (RFC 4180). */
export function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Offers a file for download. */
export function download(name: string, type: string, data: BlobPart): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A table with a caption and a button that downloads it as CSV. */
export function table(caption: string, file: string, headers: string[], rows: Cell[][]): HTMLElement {
  const text = (c: Cell) => (typeof c === "object" ? c.text : String(c));
  const csv = () => [headers, ...rows.map((r) => r.map(text))].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
  return h(
    "section",
    { className: "table-block" },
    h(
      "div",
      { className: "table-head" },
      h("h3", {}, caption),
      h("button", { type: "button", className: "secondary", "data-csv": file, onclick: () => download(`${file}.csv`, "text/csv;charset=utf-8", csv()) }, t().csv),
    ),
    rows.length === 0
      ? h("p", { className: "muted" }, t().none)
      : h(
          "div",
          { className: "table-scroll" },
          h(
            "table",
            { "data-table": file },
            h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
            h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, typeof c === "object" ? c.el : String(c)))))),
          ),
        ),
  );
}

/** Formats a number for people. */
export function num(n: number, digits = 0): string {
  return n.toLocaleString(document.documentElement.lang === "nb" ? "nb-NO" : "en-GB", { maximumFractionDigits: digits });
}
