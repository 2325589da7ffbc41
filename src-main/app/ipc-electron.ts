import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { ComposedConsole } from '../compose';
import type { Dispatch } from '../ipc/dispatcher';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/contract/channels';
import { isOwnDocument } from './own-document';

/** Electron transport: one invoke channel into the dispatcher, one event channel out to the window. */
export function registerElectronIpc(
  dispatch: Dispatch,
  events: ComposedConsole['events'],
  window: () => BrowserWindow | undefined,
  rendererUrl: string,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const url = frame?.url ?? '';
    const trusted =
      frame !== null && frame === event.sender.mainFrame && isOwnDocument(url, rendererUrl);
    return dispatch(String(name), input, { url, trusted });
  });
  const off = events.onAny((name, payload) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    off();
  };
}
