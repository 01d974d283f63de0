// Runs graphql-http's audit of the GraphQL over HTTP specification
// against the endpoint given as the first argument and prints, as JSON,
// each audit's id, name, status (ok, warn, error) and reason.
import { auditServer } from "graphql-http";

const url = process.argv[2];
const results = await auditServer({ url });
console.log(JSON.stringify(results.map((r) => ({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? "" }))));
