import type { WebPreferences } from 'electron';

/**
 * The renderer's webPreferences, per Electron's security checklist: isolated, sandboxed, no Node,
 * default web security, no webviews. Exported as a constant so a unit test pins every flag.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
  };
}
