// Splitting a time range into request windows, for connectors whose peer is asked
// for "everything between start and end" (Housing.com). Both ends of a window are
// inclusive; the next window starts one second after the previous end. A window the
// peer answered in full (it may have cut the list) is asked again as two halves.

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

/** The two halves of a window of at least two seconds, earlier first; together they cover it exactly. */
export function halves(window: TimeWindow): [TimeWindow, TimeWindow] {
  if (window.end <= window.start) throw new RangeError("a one-second window has no halves");
  const middle = window.start + Math.floor((window.end - window.start) / 2);
  return [
    { start: window.start, end: middle },
    { start: middle + 1, end: window.end },
  ];
}
