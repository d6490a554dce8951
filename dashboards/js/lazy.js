// What is below the first screen loads when the reader comes near it: its module (by `import()`,
// under the page's versioned address like every static import) and its data. A phone on a slow
// link then spends its first seconds on the key figures and the charts, not on sections it may
// never scroll to.

/**
 * Runs `load` once, when `target` comes within `margin` of the viewport; at once in a browser
 * without IntersectionObserver. A target taken out of the page before that never loads.
 * @param {Element} target
 * @param {() => unknown} load
 * @param {string} [margin] how far ahead of the viewport, as CSS (`600px`)
 */
export function whenNear(target, load, margin = '600px') {
  if (typeof IntersectionObserver !== 'function') {
    load();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      load();
    },
    { rootMargin: `${margin} 0px` },
  );
  observer.observe(target);
}
