/** Runs tasks one at a time per key (a session), keys in parallel; idle queues are dropped. */
import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';

export class SessionQueue {
  private readonly queues = new Map<string, LimitFunction>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let queue = this.queues.get(key);
    if (queue === undefined) {
      queue = pLimit(1);
      this.queues.set(key, queue);
    }
    const limit = queue;
    return limit(task).finally(() => {
      if (limit.activeCount + limit.pendingCount === 0 && this.queues.get(key) === limit) {
        this.queues.delete(key);
      }
    });
  }
}
