// GraphiQL, bundled with its React and editors so that it works offline.
// `?query=` preloads a query (the explorer links to it).
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/graphiql.css";

const fetcher = createGraphiQLFetcher({ url: "/graphql" });
const params = new URLSearchParams(location.search);
const defaultQuery = `# hubgraph's GraphQL API. The explorer is at /.
{
  organisation(id: "kreftforeningen") {
    name
    sector
    sources { kind reference }
  }
}
`;
createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} query={params.get("query") ?? undefined} />,
);
