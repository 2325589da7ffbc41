/** Services own their events; the composition pipes them into one scrubbed outlet for transports. */
import { describe, expect, it } from 'vitest';
import { pipeEvents, TypedEmitter } from '../../../../src-main/services/emitter';

interface All {
  'a:one': { text: string };
  'b:two': number;
}

describe('service events', () => {
  it('reach the outlet scrubbed once, by name and through onAny', () => {
    const scrubbed: unknown[] = [];
    const outlet = new TypedEmitter<All>(<T>(payload: T): T => {
      scrubbed.push(payload);
      return (typeof payload === 'object' ? { text: '[redacted]' } : payload) as T;
    });
    const service = new TypedEmitter<Pick<All, 'a:one'>>();
    pipeEvents(service, outlet);
    const byName: unknown[] = [];
    const any: unknown[] = [];
    outlet.on('a:one', (p) => byName.push(p));
    const offAny = outlet.onAny((name, payload) => any.push([name, payload]));

    service.emit('a:one', { text: 'secret' });
    expect(scrubbed).toEqual([{ text: 'secret' }]);
    expect(byName).toEqual([{ text: '[redacted]' }]);
    expect(any).toEqual([['a:one', { text: '[redacted]' }]]);

    offAny();
    outlet.emit('b:two', 2);
    expect(any).toHaveLength(1);
  });

  it('are not scrubbed or delivered when nobody listens', () => {
    let scrubs = 0;
    const outlet = new TypedEmitter<All>(<T>(payload: T): T => {
      scrubs += 1;
      return payload;
    });
    outlet.emit('b:two', 1);
    const off = outlet.onAny(() => undefined);
    outlet.emit('b:two', 2);
    off();
    outlet.emit('b:two', 3);
    outlet.on('b:two', () => undefined);
    outlet.clear();
    outlet.emit('b:two', 4);
    expect(scrubs).toBe(1);
  });
});
