/** Undo and Redo say what they will do, or why they cannot. */
import { describe, expect, it } from 'vitest';
import { historyButtons } from '../../../../src-renderer/lib/matrix/history-words';

describe('historyButtons', () => {
  it('names the change each will take back or bring back', () => {
    const { undo, redo } = historyButtons({
      canUndo: true,
      canRedo: true,
      undoLabel: 'Dana Whitfield whispers to Sam Lee',
      redoLabel: 'Dana Whitfield barges in',
    });
    expect(undo).toEqual({
      text: 'Undo: Dana Whitfield whispers to Sam Lee',
      title: 'Undo: Dana Whitfield whispers to Sam Lee',
      reason: null,
    });
    expect(redo.text).toBe('Redo: Dana Whitfield barges in');
  });

  it('is disabled with the reason when there is nothing to undo or redo', () => {
    const { undo, redo } = historyButtons({ canUndo: false, canRedo: false });
    expect(undo).toEqual({ text: 'Undo', title: 'Nothing to undo', reason: 'Nothing to undo' });
    expect(redo).toEqual({ text: 'Redo', title: 'Nothing to redo', reason: 'Nothing to redo' });
  });

  it('a label main left out still says what; an ended call refuses both', () => {
    expect(historyButtons({ canUndo: true, canRedo: false }).undo.text).toBe(
      'Undo: the last change',
    );
    const ended = historyButtons(
      { canUndo: true, canRedo: true, undoLabel: 'x', redoLabel: 'y' },
      'This call has ended',
    );
    expect(ended.undo.reason).toBe('This call has ended');
    expect(ended.redo.reason).toBe('This call has ended');
  });
});
