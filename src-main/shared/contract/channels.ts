/** The two Electron IPC channels the bridge uses; every capability travels by name over them. */
export const INVOKE_CHANNEL = 'patchbay:invoke';
export const EVENT_CHANNEL = 'patchbay:event';
