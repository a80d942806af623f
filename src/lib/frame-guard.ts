/** What the guard reads of a window; a test passes a fake. */
export interface FrameWindow {
  readonly parent: FrameWindow;
  readonly location: { readonly origin: string };
}

/**
 * True when the page runs in a frame and some page around it is of another origin. Such a page
 * could lay its own content over the dashboard and have a person's taps switch things in their home
 * (clickjacking); a meta CSP cannot forbid it (`frame-ancestors` only works as a header, README
 * "Security"), so the app refuses by itself.
 *
 * A frame inside a page of its own origin stays allowed: that page can read the stored sign-in and
 * script the frame anyway, so refusing would protect nothing, and it lets a wall show two of its own
 * views side by side.
 */
export function framedByAnotherOrigin(win: FrameWindow = window): boolean {
  const own = win.location.origin;
  // The top window is its own parent.
  for (let frame = win; frame.parent !== frame; ) {
    frame = frame.parent;
    try {
      if (frame.location.origin !== own) return true;
    } catch {
      // Only another origin's location cannot be read.
      return true;
    }
  }
  return false;
}
