/** Pure: where to reopen the window so it is fully usable on the displays present now. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;

/**
 * Keeps a remembered size and position when its title bar is still on a display (a monitor may
 * have been unplugged since), shrinks it to fit that display, and otherwise lets the OS place a
 * window of the remembered (or default) size.
 */
export function restoreBounds(
  saved: Partial<Rect> | null | undefined,
  workAreas: readonly Rect[],
): Partial<Rect> & { width: number; height: number } {
  const width = Math.max(MIN_SIZE.width, saved?.width ?? DEFAULT_SIZE.width);
  const height = Math.max(MIN_SIZE.height, saved?.height ?? DEFAULT_SIZE.height);
  if (saved?.x === undefined || saved.y === undefined) return { width, height };
  const { x, y } = saved;
  const area = workAreas.find(
    (a) => x + 40 >= a.x && x + 40 <= a.x + a.width && y >= a.y && y + 20 <= a.y + a.height,
  );
  if (!area) return { width, height };
  return {
    x,
    y,
    width: Math.min(width, area.x + area.width - x),
    height: Math.min(height, area.y + area.height - y),
  };
}
