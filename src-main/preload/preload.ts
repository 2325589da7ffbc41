import { contextBridge } from 'electron';

// The bridge: named capabilities only, never Electron itself. The typed IPC contract's
// capabilities arrive with the main-process core.
contextBridge.exposeInMainWorld('patchbay', Object.freeze({ shell: 'electron' as const }));
