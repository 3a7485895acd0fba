// Splitting a time range into request windows, for connectors whose peer is asked
// for "everything between start and end" (Housing.com). Both ends of a window are
// inclusive; the next window starts one second after the previous end.

export type TimeWindow = { start: number; end: number };

/** Windows covering [from, to] (epoch seconds, inclusive), each spanning at most `size` seconds. */
export function splitIntoWindows(from: number, to: number, size: number): TimeWindow[] {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || !Number.isSafeInteger(size) || size < 1) {
    throw new RangeError("window bounds and size must be whole numbers, size at least 1");
  }
  const windows: TimeWindow[] = [];
  for (let start = from; start <= to; start += size) {
    windows.push({ start, end: Math.min(start + size - 1, to) });
  }
  return windows;
}
