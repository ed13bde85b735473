// The recording clock.
export function clock(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
}

// Calls onTick(seconds elapsed) four times a second until stop(); elapsed() still answers
// after stop(), for the length of what was recorded.
export function startTimer(onTick, everyMs = 250) {
  const startedAt = performance.now();
  const elapsed = () => (performance.now() - startedAt) / 1000;
  const interval = window.setInterval(() => onTick(elapsed()), everyMs);
  return { elapsed, stop: () => window.clearInterval(interval) };
}
