import { RtpHeader, RtpPacket } from 'werift';
import { describe, expect, it } from 'vitest';
import { COUNTING_SINK, ForwardingUnit } from '../../../../../src-main/local-api/media/forwarder';
import type { ReceiverPort } from '../../../../../src-main/local-api/media/forwarder';
import type { PublishedStream, WantedMedia } from '../../../../../src-main/local-api/media/plan';

const packet = (size = 10): RtpPacket =>
  new RtpPacket(
    new RtpHeader({ payloadType: 111, sequenceNumber: 1, ssrc: 7 }),
    Buffer.alloc(size),
  );

function recordingPort(connected = true): ReceiverPort & { routes: string[][]; sent: string[] } {
  const port = {
    routes: [] as string[][],
    sent: [] as string[],
    route(streams: readonly PublishedStream[]): void {
      port.routes.push(streams.map((s) => s.publisherId));
    },
    send(stream: PublishedStream): boolean {
      if (connected) port.sent.push(stream.publisherId);
      return connected;
    },
  };
  return port;
}

const audio = (publisherId: string): PublishedStream => ({
  publisherId,
  streamId: `m-${publisherId}`,
  kind: 'audio',
});
const hears = (...publishers: string[]): WantedMedia[] =>
  publishers.map((publisherId) => ({ publisherId, kind: 'audio', aliases: 'all' }));

describe('ForwardingUnit', () => {
  it('sends a packet to exactly the receivers that want it and counts per receiver × publisher × kind', () => {
    const unit = new ForwardingUnit();
    const agent = recordingPort();
    unit.attachReceiver('agent', agent);
    unit.attachReceiver('customer', COUNTING_SINK);
    unit.attachReceiver('supervisor', COUNTING_SINK);
    unit.setDesired(
      new Map([
        ['agent', hears('customer')],
        ['customer', hears('agent')],
        ['supervisor', hears('customer', 'agent')],
      ]),
    );
    const key = unit.addStream(audio('customer'));
    unit.forward(key, packet(10));
    unit.forward(key, packet(10));
    expect(agent.sent).toEqual(['customer', 'customer']);
    expect(unit.receiversOf(key).sort()).toEqual(['agent', 'supervisor']);
    const view = unit.view();
    const bytes = 12 + 10;
    expect(view.forwarded.filter((f) => f.packets > 0)).toEqual([
      { receiverId: 'agent', publisherId: 'customer', kind: 'audio', packets: 2, bytes: 2 * bytes },
      {
        receiverId: 'supervisor',
        publisherId: 'customer',
        kind: 'audio',
        packets: 2,
        bytes: 2 * bytes,
      },
    ]);
  });

  it('never sends a publisher its own stream and does not count what a port could not send', () => {
    const unit = new ForwardingUnit();
    const notYet = recordingPort(false);
    unit.attachReceiver('a', notYet);
    unit.setDesired(new Map([['a', hears('a', 'b')]]));
    unit.forward(unit.addStream(audio('a')), packet());
    unit.forward(unit.addStream(audio('b')), packet());
    expect(unit.view().forwarded).toEqual([
      { receiverId: 'a', publisherId: 'b', kind: 'audio', packets: 0, bytes: 0 },
    ]);
  });

  it('tells a port its new streams only when they change, and reroutes at once', () => {
    const unit = new ForwardingUnit();
    const port = recordingPort();
    unit.attachReceiver('r', port);
    const b = unit.addStream(audio('b'));
    unit.addStream(audio('c'));
    unit.setDesired(new Map([['r', hears('b')]]));
    unit.setDesired(new Map([['r', hears('b')]]));
    unit.setDesired(new Map([['r', hears('b', 'c')]]));
    unit.setDesired(new Map([['r', []]]));
    unit.forward(b, packet());
    expect(port.routes).toEqual([[], ['b'], ['b', 'c'], []]);
    expect(port.sent).toEqual([]);
  });

  it('stops a removed stream and a detached receiver', () => {
    const unit = new ForwardingUnit();
    const port = recordingPort();
    unit.attachReceiver('r', port);
    unit.setDesired(new Map([['r', hears('b')]]));
    const key = unit.addStream(audio('b'));
    unit.detachReceiver('r', COUNTING_SINK);
    unit.forward(key, packet());
    unit.detachReceiver('r', port);
    unit.forward(key, packet());
    expect(port.sent).toEqual(['b']);
    unit.removeStream(key);
    expect(unit.view().publishers).toEqual([]);
  });

  it('reports the latest audio level, and 0 once a stream has been quiet for half a second', () => {
    let now = 1000;
    const unit = new ForwardingUnit(() => now);
    const key = unit.addStream(audio('b'));
    unit.addStream({ ...audio('b'), kind: 'video' });
    unit.forward(key, packet(), 0.4);
    expect(unit.view().publishers).toEqual([
      { participantId: 'b', kind: 'audio', level: 0.4 },
      { participantId: 'b', kind: 'video', level: null },
    ]);
    now += 600;
    expect(unit.view().publishers[0]?.level).toBe(0);
  });
});
