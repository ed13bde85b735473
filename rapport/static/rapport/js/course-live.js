// A course page's socket (/ws/c/<slug>/): the elements marked data-follow-stream and
// data-follow-id are followed, and each hears "rapport:changed" when what it shows changes,
// so it fetches what is new at once. While the socket follows them, <body> carries
// data-following and the page's polling (its fallback) stands still; once followed (at
// first, and again after a drop and a reconnection) the followers catch up with one fetch.
(function () {
  // A poll (a request with no triggering event) of an element marked
  // data-poll-unless-following is dropped while the socket follows: the socket says when.
  document.addEventListener("htmx:confirm", function (event) {
    const polled = event.detail.elt.hasAttribute("data-poll-unless-following");
    if (polled && !event.detail.triggeringEvent && document.body.dataset.following) {
      event.preventDefault();
    }
  });
  if (!("WebSocket" in window)) return;
  const marked = document.querySelector("[data-follow-stream][data-live-url]");
  if (!marked) return;
  const url = marked.dataset.liveUrl;
  let delay = 1000;

  function followers() {
    return Array.from(document.querySelectorAll("[data-follow-stream][data-follow-id]"));
  }

  function tell(stream, id) {
    followers().forEach(function (el) {
      if (el.dataset.followStream === stream && Number(el.dataset.followId) === id) {
        htmx.trigger(el, "rapport:changed");
      }
    });
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + url);
    socket.addEventListener("open", function () {
      delay = 1000;
      followers().forEach(function (el) {
        socket.send(JSON.stringify({
          type: "follow", stream: el.dataset.followStream, id: Number(el.dataset.followId),
        }));
      });
    });
    socket.addEventListener("message", function (event) {
      let data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "following") {
        document.body.dataset.following = "true";
        // What came before the socket followed: since the page was drawn, or while it was
        // down.
        tell(data.stream, data.id);
      } else if (data.type === "changed") {
        tell(data.stream, data.id);
      }
    });
    socket.addEventListener("close", function (event) {
      delete document.body.dataset.following;
      if (event.code === 4401 || event.code === 4403) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }
  connect();
})();
