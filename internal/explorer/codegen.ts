// TypeScript types for every query the pages send, generated from the
// server's schema: a schema change that breaks a query breaks the build.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema/*.graphqls",
  documents: ["src/**/*.ts"],
  generates: {
    "src/gql/types.ts": {
      plugins: ["typescript-operations"],
      config: {
        onlyOperationTypes: true,
        enumsAsTypes: true,
        avoidOptionals: true,
        scalars: { Date: "string", DateTime: "string", JSON: "unknown", ID: "string" },
      },
    },
  },
  hooks: {},
};
export default config;
