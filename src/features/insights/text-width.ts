// How wide a line of text is drawn in a given CSS font, for the value axis' width: its labels'
// length says little, because the root font grows on large screens and in the e-ink theme
// (src/app/app.css), and "1,000 W" is much wider than "1.111 l".

/** The font an element's text is drawn in, as a canvas `font` string ("" without a window). */
export function elementFont(element: Element, view: Pick<Window, 'getComputedStyle'> | undefined = globalThis.window): string {
  if (!view) return '';
  const style = view.getComputedStyle(element);
  // `font` is empty in some engines when a longhand was set on its own: rebuild it from the parts.
  return style.font || `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}

let context: CanvasRenderingContext2D | null | undefined;

/**
 * The widest of `labels` in `font`, in CSS pixels; `undefined` where no canvas can measure (jsdom,
 * a browser that refuses one), for the caller to estimate.
 */
export function widestText(labels: readonly string[], font: string, doc: Document | undefined = globalThis.document): number | undefined {
  if (!doc || font === '') return undefined;
  if (context === undefined) {
    try {
      context = doc.createElement('canvas').getContext('2d');
    } catch {
      context = null;
    }
  }
  if (!context) return undefined;
  context.font = font;
  let widest = 0;
  for (const label of labels) widest = Math.max(widest, context.measureText(label).width);
  return widest;
}
