/**
 * The in-page probe, installed before the app's own scripts (plain JS, so nothing depends on how
 * the bench is transpiled). It records, with the page's `performance.now()` clock:
 * - every bridge frame in and out (time, type, name, id), from a WebSocket subclass whose own
 *   listener runs before the app's (its sockets are kept in `sockets`, for diagnostics that replay
 *   a frame);
 * - input events (pointerdown, click, keydown: their `timeStamp`);
 * - long tasks and Event Timing entries (PerformanceObserver);
 * and offers `__bench.watch({root, steps, timeoutMs, attributes})`: for each step in turn, the time of the first
 * DOM mutation batch after which `step.test()` holds (MutationObserver callbacks run right after
 * the framework's synchronous DOM flush; the time is taken as the batch is delivered, before the
 * step's own query runs), the next animation frame, and the task after that frame (≈ painted).
 */
export const PROBE_SCRIPT = String.raw`(() => {
  if (window.__bench) return;
  const b = { frames: [], inputs: [], longTasks: [], events: [], sockets: [] };
  const keep = (list, item) => { list.push(item); if (list.length > 4000) list.shift(); };
  const head = (data) => {
    const text = typeof data === 'string' ? data.slice(0, 160) : '';
    const type = /"type":"(\w+)"/.exec(text);
    const name = /"name":"([\w:]+)"/.exec(text);
    const id = /"id":(\d+)/.exec(text);
    return {
      type: type ? type[1] : '?',
      name: name ? name[1] : undefined,
      id: id ? Number(id[1]) : undefined,
      bytes: typeof data === 'string' ? data.length : 0,
    };
  };
  const Native = window.WebSocket;
  class ProbedSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      b.sockets.push(this);
      this.addEventListener('message', (event) => {
        const t = performance.now();
        keep(b.frames, Object.assign({ t, dir: 'in' }, head(event.data)));
      });
    }
    send(data) {
      keep(b.frames, Object.assign({ t: performance.now(), dir: 'out' }, head(data)));
      return super.send(data);
    }
  }
  window.WebSocket = ProbedSocket;
  for (const type of ['pointerdown', 'click', 'keydown']) {
    window.addEventListener(type, (event) => keep(b.inputs, { type, t: event.timeStamp }), true);
  }
  const observe = (type, extra, map) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach((e) => keep(map === 'task' ? b.longTasks : b.events, {
        name: e.name, start: e.startTime, duration: e.duration,
        processingStart: e.processingStart, processingEnd: e.processingEnd,
      }))).observe(Object.assign({ type, buffered: true }, extra));
    } catch (error) { /* not supported */ }
  };
  observe('longtask', {}, 'task');
  observe('event', { durationThreshold: 16 }, 'event');
  b.afterPaint = () => new Promise((resolve) => {
    requestAnimationFrame((frameT) => {
      const frame = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ frame, frameT, paint: performance.now() });
      channel.port2.postMessage(0);
    });
  });
  b.watch = ({ root, steps, timeoutMs, attributes }) => new Promise((resolve) => {
    const marks = [];
    let index = 0;
    let done = false;
    const finish = (timedOut) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      Promise.all(marks.map((m) => m.painted)).then((paints) => resolve({
        timedOut,
        marks: marks.map((m, i) => ({ name: m.name, mutation: m.mutation, frame: paints[i].frame, paint: paints[i].paint })),
      }));
    };
    const check = () => {
      // When the flush's mutations were delivered: the steps' own queries are the probe's work.
      const delivered = performance.now();
      while (index < steps.length && steps[index].test()) {
        marks.push({ name: steps[index].name, mutation: delivered, painted: b.afterPaint() });
        index += 1;
      }
      if (index >= steps.length) finish(false);
    };
    const observer = new MutationObserver(check);
    observer.observe(root || document.body, { subtree: true, childList: true, attributes: true, attributeFilter: attributes });
    const timer = setTimeout(() => finish(true), timeoutMs || 10000);
  });
  window.__bench = b;
})();`;
