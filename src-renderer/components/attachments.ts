/**
 * DOM attachments (`{@attach …}`) shared by the components: modal dialogs with focus management,
 * moving focus to an element when it appears, and playing a received audio stream.
 */
import type { Attachment } from 'svelte/attachments';
import { rememberFocus, restoreFocus } from '../lib/focus';

/**
 * Opens a native `<dialog>` as a modal when it is mounted: focus moves to the element marked
 * `data-initial-focus` (else the browser's first focusable), Escape calls `oncancel`, and on
 * unmount focus returns to the element that had it before (or its replacement: `lib/focus`).
 */
export function modal(oncancel: () => void): Attachment<HTMLDialogElement> {
  return (dialog) => {
    const opener = rememberFocus();
    const onCancel = (event: Event): void => {
      event.preventDefault();
      oncancel();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      queueMicrotask(() => restoreFocus(opener));
    };
  };
}

/** Focuses the element once, when it is mounted (inline editors, revealed forms). */
export const focusOnMount: Attachment<HTMLElement> = (node) => {
  node.focus();
};

/** An `<audio>` element whose `setSinkId` may be missing (browsers without output choice). */
type SinkAudio = HTMLAudioElement & { setSinkId?: (sinkId: string) => Promise<void> };

/**
 * Plays a received stream in an `<audio>` element, on the chosen output (`null`: the default).
 * A refused `setSinkId` (the device went away) leaves the default output playing.
 */
export function playStream(stream: MediaStream, sinkId: string | null): Attachment<SinkAudio> {
  return (audio) => {
    audio.srcObject = stream;
    if (sinkId !== null && audio.setSinkId !== undefined) {
      audio.setSinkId(sinkId).catch(() => undefined);
    }
    audio.play().catch(() => undefined);
    return () => {
      audio.srcObject = null;
    };
  };
}
