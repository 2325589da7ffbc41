import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge } from '../shared/contract/bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/contract/channels';
import { events, requests } from '../shared/contract';

// The bridge: exactly the contract's capabilities as named functions, never Electron itself.
// Event listeners get payloads only (no IPC event object) and an unsubscribe function.
const bridge = buildBridge(
  requests,
  events,
  (name, input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input),
  (name, listener) => {
    const relay = (_event: IpcRendererEvent, eventName: unknown, payload: unknown): void => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  },
);

contextBridge.exposeInMainWorld('patchbay', bridge);
