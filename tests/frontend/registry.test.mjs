// The card is defined before the dashboard needs it, whichever way the load races.
import assert from "node:assert/strict";
import { test } from "node:test";

import { APP_ELEMENT, defineElements } from "../../card/src/registry.js";

/** A custom element registry with get, define and whenDefined, as browsers have. */
class Registry {
  constructor() {
    this.defined = new Map();
    this.waiting = new Map();
  }
  get(name) {
    return this.defined.get(name);
  }
  define(name, element) {
    if (this.defined.has(name)) throw new Error(`${name} has already been defined`);
    this.defined.set(name, element);
    this.waiting.get(name)?.resolve(element);
  }
  whenDefined(name) {
    if (this.defined.has(name)) return Promise.resolve(this.defined.get(name));
    if (!this.waiting.has(name)) {
      let resolve;
      const promise = new Promise((done) => (resolve = done));
      this.waiting.set(name, { promise, resolve });
    }
    return this.waiting.get(name).promise;
  }
}

/** The frontend's polyfill: a new, empty global registry whose defines also reach the native one. */
function swapRegistry(win) {
  const native = win.customElements;
  const scoped = new Registry();
  const define = scoped.define.bind(scoped);
  scoped.define = (name, element) => {
    define(name, element);
    if (!native.get(name)) native.define(name, class Standin {});
  };
  win.customElements = scoped;
  return scoped;
}

class Card {}
class Editor {}
const ELEMENTS = [["als-comfort-card", Card], ["als-comfort-card-editor", Editor]];

test("the bad night: a card defined before the swap is unknown to the new registry without the fix", () => {
  const win = { customElements: new Registry() };
  win.customElements.define("als-comfort-card", Card); // what the card used to do, and only that
  const scoped = swapRegistry(win);
  scoped.define(APP_ELEMENT, class App {});
  assert.equal(win.customElements.get("als-comfort-card"), undefined, "the dashboard shows Configuration error");
});

test("defined before the swap: defined again in the app's registry once it is in place", async () => {
  const win = { customElements: new Registry() };
  const done = defineElements(ELEMENTS, win);
  assert.equal(win.customElements.get("als-comfort-card"), Card, "synchronously, at module evaluation");
  const scoped = swapRegistry(win);
  scoped.define(APP_ELEMENT, class App {});
  await done;
  assert.equal(scoped.get("als-comfort-card"), Card);
  assert.equal(scoped.get("als-comfort-card-editor"), Editor);
});

test("defined after the swap (or after the app started): defined once, in the app's registry", async () => {
  const win = { customElements: new Registry() };
  const scoped = swapRegistry(win);
  const done = defineElements(ELEMENTS, win);
  assert.equal(scoped.get("als-comfort-card"), Card);
  scoped.define(APP_ELEMENT, class App {});
  await done;
  await defineElements(ELEMENTS, win); // a second copy of the module changes nothing
  assert.equal(scoped.get("als-comfort-card"), Card);
});
