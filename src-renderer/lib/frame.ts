/**
 * Work that must not delay a paint: `afterNextPaint` runs it in the task after the next animation
 * frame (the frame that shows what the gesture changed), or at once where there are no frames
 * (Node, where the unit tests run).
 */
export function afterNextPaint(work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') return work();
  requestAnimationFrame(() => setTimeout(work, 0));
}
