// Which window to ask Housing.com for next. Housing answers at most a page (`per_page`)
// of leads for a request and does not say when it cut the list, so an answer that fills
// the page is never imported: its window goes back as two halves, down to one second.
//
// Busy periods come in runs (a launch, a campaign), so after a split the queue asks for
// windows of the span that last fit, rather than splitting every following day again
// from the top; the span doubles back, up to the configured window, while answers are
// small. Pure: the connector asks, the queue decides.
import { type TimeWindow, halves, splitIntoWindows } from "@/lib/connectors/windows";

export type Answer =
  /** fewer leads than a page: import them */
  | { verdict: "import" }
  /** a full page: ask again in halves */
  | { verdict: "split" }
  /** a full page for a single second: it cannot be asked for in parts */
  | { verdict: "full"; second: number };

export type WindowQueue = {
  /** the window to ask for next, or undefined when the range is done */
  peek(): TimeWindow | undefined;
  /** what to do with the answer for the window peek() gave, holding `leads` leads */
  answer(leads: number): Answer;
  /** windows still to ask for, as the queue stands now (splits add more) */
  readonly pending: number;
};

export function createWindowQueue(
  from: number,
  to: number,
  options: { windowSeconds: number; pageSize: number },
): WindowQueue {
  const { windowSeconds, pageSize } = options;
  // The next window last: halves and pieces go back on top.
  const stack = splitIntoWindows(from, to, windowSeconds).reverse();
  let span = windowSeconds;

  const peek = () => {
    const top = stack.at(-1);
    if (top === undefined || top.end - top.start + 1 <= span) return top;
    stack.pop();
    stack.push(...splitIntoWindows(top.start, top.end, span).reverse());
    return stack.at(-1);
  };

  return {
    peek,
    answer(leads) {
      const window = stack.pop();
      if (window === undefined) throw new Error("answer() without a window from peek()");
      const length = window.end - window.start + 1;
      if (leads < pageSize) {
        if (leads < pageSize / 4 && length >= span) span = Math.min(windowSeconds, span * 2);
        return { verdict: "import" };
      }
      if (length === 1) {
        stack.push(window);
        return { verdict: "full", second: window.start };
      }
      const [earlier, later] = halves(window);
      stack.push(later, earlier);
      span = Math.min(span, earlier.end - earlier.start + 1);
      return { verdict: "split" };
    },
    get pending() {
      return stack.length;
    },
  };
}
