import { describe, expect, it } from "vitest";
import { runInTurn } from "./per-key-queue";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("runInTurn", () => {
  it("runs tasks of one key one after another, and other keys alongside", async () => {
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      runInTurn("a", task("a1")),
      runInTurn("a", task("a2")),
      runInTurn("b", task("b1")),
    ]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(log.indexOf("a1 end")).toBeLessThan(log.indexOf("a2 start"));
    expect(log.indexOf("b1 start")).toBeLessThan(log.indexOf("a1 end"));
  });

  it("goes on with the next task when one fails", async () => {
    const failing = runInTurn("c", async () => {
      throw new Error("boom");
    });
    const next = runInTurn("c", async () => "next");
    await expect(failing).rejects.toThrow("boom");
    expect(await next).toBe("next");
  });
});
