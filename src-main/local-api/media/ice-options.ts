/**
 * The gateway's ICE choices as plain data (no WebRTC code, so the local API can load it at start).
 * Each werift peer connection holds a few UDP sockets (one per host address and family); a device
 * has two connections (publish, subscribe); the fixed port range is sized from that.
 */
export type HostAddresses = 'machine' | 'loopback';

/** UDP sockets werift may hold per peer connection (one per host address and family, with margin). */
const SOCKETS_PER_CONNECTION = 4;
const CONNECTIONS_PER_DEVICE = 2;

export interface RtcOptions {
  addresses: HostAddresses;
  /** Inclusive UDP port range for ICE; undefined: any free port. */
  portRange?: [number, number];
}

/** A port range starting at `first`, large enough for `devices` connected devices. */
export function portRangeFor(first: number, devices: number): [number, number] {
  return [first, first + devices * CONNECTIONS_PER_DEVICE * SOCKETS_PER_CONNECTION - 1];
}
