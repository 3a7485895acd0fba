import { describe, expect, it } from "vitest";
import type { TimeWindow } from "@/lib/connectors/windows";
import { createWindowQueue } from "./window-queue";

const day = 86_400;

/** Drives a queue against leads at the given seconds, as a peer answering at most `pageSize` would. */
function drive(from: number, to: number, leadSeconds: number[], pageSize: number, windowSeconds = day) {
  const queue = createWindowQueue(from, to, { windowSeconds, pageSize });
  const asked: TimeWindow[] = [];
  const imported: TimeWindow[] = [];
  let splits = 0;
  for (let window = queue.peek(); window !== undefined; window = queue.peek()) {
    asked.push(window);
    const held = leadSeconds.filter((s) => s >= window.start && s <= window.end).length;
    const answer = queue.answer(Math.min(held, pageSize));
    if (answer.verdict === "full") return { asked, imported, splits, full: answer.second };
    if (answer.verdict === "split") splits++;
    else imported.push(window);
  }
  return { asked, imported, splits, full: undefined };
}

function expectExactCover(windows: TimeWindow[], from: number, to: number) {
  expect(windows[0]!.start).toBe(from);
  for (let i = 1; i < windows.length; i++) expect(windows[i]!.start).toBe(windows[i - 1]!.end + 1);
  expect(windows.at(-1)!.end).toBe(to);
}

describe("the Housing.com window queue", () => {
  it("asks for each window once when no answer fills a page", () => {
    const { asked, imported, splits } = drive(0, 3 * day - 1, [5, day + 5, 2 * day + 5], 1000);
    expect(asked).toEqual([
      { start: 0, end: day - 1 },
      { start: day, end: 2 * day - 1 },
      { start: 2 * day, end: 3 * day - 1 },
    ]);
    expect(imported).toEqual(asked);
    expect(splits).toBe(0);
  });

  it("asks for a full window again in halves, earlier first, until each holds less than a page", () => {
    const busy = Array.from({ length: 2300 }, (_, i) => 9 * 3600 + Math.floor((i * 3600) / 2300));
    const { imported, splits, full } = drive(0, day - 1, busy, 1000);
    expect(full).toBeUndefined();
    expect(splits).toBeGreaterThan(0);
    expectExactCover(imported, 0, day - 1);
    const counts = imported.map((w) => busy.filter((s) => s >= w.start && s <= w.end).length);
    expect(counts.every((n) => n < 1000)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2300);
  });

  it("says which second is full when a single second fills a page, and keeps it pending", () => {
    const second = 40_000;
    const queue = createWindowQueue(0, day - 1, { windowSeconds: day, pageSize: 10 });
    let answer;
    for (;;) {
      const window = queue.peek()!;
      answer = queue.answer(window.start <= second && second <= window.end ? 10 : 0);
      if (answer.verdict === "full") break;
    }
    expect(answer).toEqual({ verdict: "full", second });
    expect(queue.peek()).toEqual({ start: second, end: second });
  });

  it("asks for the following days in the span that last fit, instead of splitting each from the top again", () => {
    // 10 days of 10,000 leads each, evenly spread.
    const leads = Array.from({ length: 100_000 }, (_, i) => Math.floor((i * 10 * day) / 100_000));
    const adaptive = drive(0, 10 * day - 1, leads, 1000);
    expectExactCover(adaptive.imported, 0, 10 * day - 1);
    // Halving the first window four times finds the span that fits (a sixteenth of a day);
    // every later window is asked for in that span straight away: 4 full answers in all,
    // where splitting each day from the top would take 150.
    expect(adaptive.splits).toBe(4);
    expect(adaptive.asked.length).toBe(4 + 160);
  });

  it("widens the span again, up to the configured window, once answers are small", () => {
    const busyDay = Array.from({ length: 5000 }, (_, i) => Math.floor((i * day) / 5000));
    const { asked, imported } = drive(0, 10 * day - 1, busyDay, 1000);
    expectExactCover(imported, 0, 10 * day - 1);
    expect(asked.at(-1)).toEqual({ start: 9 * day, end: 10 * day - 1 });
  });

  it("gives the same window to a repeated peek (a retried request asks for the same window)", () => {
    const queue = createWindowQueue(0, 3 * day - 1, { windowSeconds: day, pageSize: 10 });
    expect(queue.peek()).toEqual({ start: 0, end: day - 1 });
    expect(queue.answer(10)).toEqual({ verdict: "split" });
    expect(queue.peek()).toEqual(queue.peek());
    expect(queue.pending).toBe(4);
  });
});
