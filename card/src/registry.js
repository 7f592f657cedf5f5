/**
 * Defining the card's elements so that the dashboard finds them on every load.
 *
 * Home Assistant's page imports extra modules (`add_extra_js_url`) in parallel
 * with its own app bundle, and that bundle installs a scoped custom element
 * registry polyfill: it replaces `window.customElements` with a new, empty
 * registry. A module that runs first defines its elements in the browser's own
 * registry; the dashboard then asks the new one, which has never heard of them,
 * and shows "Configuration error" (the card picker waits forever).
 *
 * So the elements are defined at once, synchronously, in the registry of this
 * moment (the one the classes' `HTMLElement` belongs to), and once the app has
 * put its registry in place the same classes are defined there too. The app
 * defines its root element, <home-assistant>, only after that swap, and every
 * define reaches the original registry, so its `whenDefined` tells the moment.
 */

/** The element the app defines once its own registry is in place. */
export const APP_ELEMENT = "home-assistant";

function defineIn(registry, elements) {
  for (const [name, element] of elements) {
    if (!registry.get(name)) registry.define(name, element);
  }
}

/**
 * Define `elements` (`[name, class]` pairs) now, and again in the registry that
 * replaces this one, if any. Returns a promise that settles once that is done.
 */
export function defineElements(elements, win = globalThis) {
  const original = win.customElements;
  defineIn(original, elements);
  return original.whenDefined(APP_ELEMENT).then(() => {
    const current = win.customElements;
    if (current && current !== original) defineIn(current, elements);
  });
}
