// A live session's socket (/ws/live/<code>/): sends messages answered by their ref, hands
// every other message to the page, and connects again after a drop (the server then
// sends the activity on screen and this person's own answer afresh).
const OFFLINE = "Not connected right now. Try again in a moment.";
const CLOSED = {
  4410: "This session has ended. Thank you for taking part!",
  4404: "This session has ended, or the code is wrong.",
  4403: "This session isn't open to you. Ask your teacher for the code.",
  4409: "Your place in the course changed. Reload the page.",
};

export function liveSocket(url, onMessage, onStatus) {
  const state = { socket: null, ref: 0, pending: new Map(), delay: 1000 };

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const mine = new WebSocket(scheme + location.host + url);
    state.socket = mine;
    mine.addEventListener("open", () => {
      state.delay = 1000;
      onStatus("");
    });
    mine.addEventListener("message", (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch (error) { return; }
      if (data.ref !== undefined && data.ref !== null && state.pending.has(data.ref)) {
        const resolve = state.pending.get(data.ref);
        state.pending.delete(data.ref);
        resolve(data);
        return;
      }
      onMessage(data);
    });
    mine.addEventListener("close", (event) => {
      if (state.socket !== mine) return;
      const lost = Array.from(state.pending.values());
      state.pending.clear();
      lost.forEach((resolve) => resolve({ type: "error", code: "offline", message: OFFLINE }));
      if (CLOSED[event.code]) {
        onStatus(CLOSED[event.code], true);
        return;
      }
      onStatus("Reconnecting…");
      setTimeout(connect, state.delay);
      state.delay = Math.min(state.delay * 2, 30000);
    });
  }

  function send(fields) {
    return new Promise((resolve) => {
      const socket = state.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        resolve({ type: "error", code: "offline", message: OFFLINE });
        return;
      }
      state.ref += 1;
      state.pending.set(state.ref, resolve);
      socket.send(JSON.stringify(Object.assign({ ref: state.ref }, fields)));
    });
  }

  connect();
  return { send };
}

export function showStatus(element, text, final) {
  element.textContent = text;
  element.hidden = !text;
  element.classList.toggle("live-status--final", Boolean(final));
}
