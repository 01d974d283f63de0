// The explorer reads the public GraphQL endpoint only, like any client.
// Where the server makes reads token-only, the reader's token (kept for
// the browser session only) goes with every request.

const tokenKey = "hubgraph.token";

/** Keeps the API token for this browser session (empty forgets it). */
export function setToken(token: string): void {
  if (token) sessionStorage.setItem(tokenKey, token);
  else sessionStorage.removeItem(tokenKey);
}

/** Thrown when the server wants a (valid) token. */
export class NeedsToken extends Error {}

/** Posts a query to /graphql and returns its data; GraphQL errors throw. */
export async function request<TData, TVars extends object = Record<string, never>>(
  query: string,
  variables?: TVars,
): Promise<TData> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const token = sessionStorage.getItem(tokenKey);
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch("/graphql", {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables: variables ?? {} }),
  });
  const body = (await res.json()) as { data?: TData; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.some((e) => e.extensions?.code === "UNAUTHENTICATED")) throw new NeedsToken(body.errors[0].message);
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  if (!body.data) throw new Error(`HTTP ${res.status}`);
  return body.data;
}

/** Reads every page of a connection, 100 at a time. */
export async function allPages<TData, TNode>(
  query: string,
  vars: Record<string, unknown>,
  pick: (d: TData) => { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: TNode }[] },
): Promise<TNode[]> {
  const out: TNode[] = [];
  let after: string | null = null;
  for (;;) {
    const conn = pick(await request<TData, Record<string, unknown>>(query, { ...vars, after }));
    for (const e of conn.edges) out.push(e.node);
    if (!conn.pageInfo.hasNextPage) return out;
    after = conn.pageInfo.endCursor;
  }
}
