// The 3-2-1 before recording starts: one number a second, shown and announced, with a small
// "pop" unless the person prefers reduced motion. Returns a function that cancels it.
export function startCountdown({ display, announce, stillCounting, onDone, from = 3 }) {
  let count = from;
  let pending = null;
  const animate = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const step = () => {
    if (!stillCounting()) return;
    if (count === 0) { onDone(); return; }
    display.textContent = String(count);
    if (animate) {
      display.classList.remove("recorder__countdown--pop");
      void display.offsetWidth; // restart the animation for each number
      display.classList.add("recorder__countdown--pop");
    }
    announce(count === from ? "Recording in " + from : String(count));
    count -= 1;
    pending = window.setTimeout(step, 1000);
  };
  step();
  return () => window.clearTimeout(pending);
}
