import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../ipc/dispatcher';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/channels';
import type { Events } from '../shared/contract';
import type { ConsoleCore } from '../services/console-core';
import { isOwnDocument } from './own-document';

/** Electron transport: one invoke channel into the dispatcher, one event channel out to the window. */
export function registerElectronIpc(
  dispatch: Dispatch,
  core: ConsoleCore,
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
  const forward =
    <K extends keyof Events>(name: K) =>
    (payload: unknown): void => {
      const target = window();
      if (target && !target.isDestroyed()) target.webContents.send(EVENT_CHANNEL, name, payload);
    };
  const offs = [
    core.events.on('sessions:update', forward('sessions:update')),
    core.events.on('profiles:changed', forward('profiles:changed')),
    core.events.on('routing:timer', forward('routing:timer')),
  ];
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    for (const off of offs) off();
  };
}
