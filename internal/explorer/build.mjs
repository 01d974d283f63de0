// Builds dist/ from src/ with esbuild: the same sources always give the
// same bytes (fixed file names, no timestamps, no source maps), so that
// scripts/test can check that the committed dist/ is current.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist/assets", { recursive: true });
await esbuild.build({
  entryPoints: { explorer: "src/main.ts", graphiql: "src/graphiql.tsx" },
  outdir: "dist/assets",
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  charset: "utf8",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
for (const page of ["index.html", "graphiql.html"]) copyFileSync(`src/${page}`, `dist/${page}`);
