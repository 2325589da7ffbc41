import type { WebPreferences } from 'electron';

/**
 * The renderer's webPreferences, per Electron's security checklist: isolated, sandboxed, no Node,
 * default web security, no webviews. Exported as a constant so a unit test pins every flag.
 *
 * Call audio plays without a fresh user gesture (`autoplayPolicy`, Electron's default, pinned
 * here): the first sound arrives after Monitor was pressed but asynchronously, and again after a
 * reconnect with no click at all; a supervisor must never miss a call's audio because the page
 * was not clicked. Nothing here blocks `getUserMedia`: which document gets the microphone is the
 * permission handler's rule (./permission-policy.ts).
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
    autoplayPolicy: 'no-user-gesture-required',
  };
}
