// The served module is exactly what card/src builds (reproducible build), and holds no list of its own.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

const BUILD = new URL("../../card/build.mjs", import.meta.url);
const ESBUILD = new URL("../../card/node_modules/esbuild/package.json", import.meta.url);

test("the committed card module is what the source builds", async () => {
  assert.ok(existsSync(ESBUILD), "card/node_modules is missing: run `npm ci` in card/ (scripts/test does)");
  const { build, OUTPUT } = await import(BUILD.href);
  const built = await build();
  assert.equal(readFileSync(OUTPUT, "utf-8"), built, 'the module is stale: run "npm run build" in card/ and commit it');
  assert.equal(await build(), built, "two builds give the same bytes");
});

test("the module keeps no list of body areas or kinds of its own", () => {
  const module = readFileSync(new URL("../../custom_components/als_comfort/frontend/als-comfort-card.js", import.meta.url), "utf-8");
  assert.doesNotMatch(module, /\[\s*"foot"\s*,\s*"calf"/);
  assert.doesNotMatch(module, /\[\s*"cramp"\s*,\s*"spasticity"/);
  assert.doesNotMatch(module, /\bTEXT\s*=/, "the alias for callers of earlier versions is gone");
});
