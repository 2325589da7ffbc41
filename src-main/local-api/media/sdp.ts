/**
 * The little SDP reading and editing the gateway needs, pure: which streams a device's offer
 * publishes (per m-line: kind, mid, msid stream id, direction), and keeping only loopback ICE
 * candidates in a description when the gateway runs loopback-only (tests).
 */
import type { MediaKind } from './plan';

export interface OfferedTrack {
  mid: string;
  kind: MediaKind;
  /** The msid's stream id (the browser's MediaStream id). */
  streamId: string;
}

/** The audio and video m-lines of `sdp` that send media (not rejected, sendonly or sendrecv). */
export function offeredTracks(sdp: string): OfferedTrack[] {
  const tracks: OfferedTrack[] = [];
  const sections = sdp.split(/\r?\n(?=m=)/).slice(1);
  for (const section of sections) {
    const lines = section.split(/\r?\n/);
    const mline = /^m=(audio|video) (\d+) /.exec(lines[0] ?? '');
    if (mline === null || mline[2] === '0') continue;
    const attr = (name: string): string | undefined =>
      lines.find((l) => l.startsWith(`a=${name}:`))?.slice(name.length + 3);
    const direction = lines
      .find((l) => /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(l))
      ?.slice(2);
    if (direction === 'recvonly' || direction === 'inactive') continue;
    const mid = attr('mid');
    const streamId = attr('msid')?.split(' ')[0];
    if (mid === undefined || streamId === undefined || streamId === '-') continue;
    tracks.push({ mid, kind: mline[1] === 'audio' ? 'audio' : 'video', streamId });
  }
  return tracks;
}

const CANDIDATE = /^a=candidate:\S+ \d+ \S+ \d+ (\S+) /;

/** `sdp` with every ICE candidate whose address is not 127.x removed. */
export function keepLoopbackCandidates(sdp: string): string {
  return sdp
    .split('\r\n')
    .filter((line) => {
      const address = CANDIDATE.exec(line)?.[1];
      return address === undefined || address.startsWith('127.');
    })
    .join('\r\n');
}
