/**
 * Build the dashboard card into the one module the integration serves:
 * custom_components/als_comfort/frontend/als-comfort-card.js (committed, so that
 * HACS users need no build). Lit is bundled in, from the pinned npm package.
 *
 *   node build.mjs           write the module
 *   node build.mjs --check   fail when the committed module is not what the source builds
 *
 * The build is reproducible: the same source and package-lock.json give the same bytes.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import * as esbuild from "esbuild";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const OUTPUT = fileURLToPath(new URL("../custom_components/als_comfort/frontend/als-comfort-card.js", import.meta.url));

const BANNER = `/* ALS Comfort dashboard card (custom:als-comfort-card), built with esbuild ${esbuild.version}
   from card/src of this repository: edit the source there, then run "npm run build" in card/. */`;

/** The module's text, as the source builds it. */
export async function build() {
  const result = await esbuild.build({
    absWorkingDir: HERE,
    entryPoints: ["src/index.js"],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    charset: "utf8",
    legalComments: "eof",
    banner: { js: BANNER },
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

async function main() {
  const built = await build();
  if (!process.argv.includes("--check")) {
    writeFileSync(OUTPUT, built);
    console.log(`wrote ${OUTPUT} (${Buffer.byteLength(built)} bytes)`);
    return;
  }
  const committed = readFileSync(OUTPUT, "utf-8");
  if (committed !== built) {
    console.error(`${OUTPUT} is not what card/src builds: run "npm run build" in card/ and commit it.`);
    process.exit(1);
  }
  console.log(`${OUTPUT} is what card/src builds`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
