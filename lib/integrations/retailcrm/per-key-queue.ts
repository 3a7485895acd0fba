// Runs tasks with the same key one after another in this process (tasks with different
// keys run freely). Two "Connect" clicks for one account then call the account in turn,
// so the client id it keeps is the one we store.
const tails = new Map<string, Promise<unknown>>();

export async function runInTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => {});
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    // Forget the key once nothing else has queued behind this task.
    if (tails.get(key) === tail) tails.delete(key);
  }
}
