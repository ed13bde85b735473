// The live wall's state, in one object every module is handed: what the page was drawn
// with (fixed for its life, but whether the wall is locked), the cards as last heard, and where the socket and any move or
// edit in progress stand.

export function readJson(id, fallback) {
  const script = document.getElementById(id);
  if (!script) return fallback;
  try { return JSON.parse(script.textContent); } catch (error) { return fallback; }
}

export function createState(wall) {
  return {
    wall: wall,
    // Fixed for the page's life.
    boardId: Number(wall.dataset.board),
    layout: wall.dataset.layout,
    gridColumns: Number(wall.dataset.columns) || 12,
    gridRows: Number(wall.dataset.rows) || 40,
    staff: wall.dataset.staff === "true",
    locked: wall.dataset.locked === "true", // as last heard (settings.js)
    sections: readJson("wall-sections", []),
    // A long list is drawn only so far ("Show more"): its key (section id, or 0 for the one
    // list) -> the id of its last card drawn (walls.selectors.board_page).
    cut: new Map(Object.entries(readJson("wall-cut", {})).map(([key, id]) => [Number(key), id])),
    status: document.getElementById("wall-status"),
    addForm: document.getElementById("wall-add-form"),
    wide: window.matchMedia("(min-width: 48rem)"),
    offline: null, // the "Reconnecting…" notice (status.js)
    moveHelp: null, // how to move a card with keys, for screen readers (move.js)
    // The cards.
    cards: new Map(), // id -> the card as last heard (a tombstone once gone)
    lastRevision: Number(wall.dataset.revision) || 0,
    placed: new Map(), // id -> where a card is shown before the server has answered
    sending: new Set(), // ids of cards whose move awaits its answer
    editing: new Map(), // id -> {version, body, colour, message, showCurrent, warned}
    moving: null, // {id, origin, how: "keys" | "pointer"}
    drag: null, // {id, grip, pointer, startX, startY, started} while a pointer holds a card
    swallowClick: false, // the click that ends a drag is not a press of Move
    // The socket.
    socket: null,
    following: false,
    delay: 1000, // before connecting again; doubles up to 30 s
    renewHere: null,
    lastRef: 0,
    redrawAll: false, // after the reader's place in the course changed
    pending: new Map(), // ref -> resolve
  };
}

export function cardUrl(board, name, id) {
  const url = board.wall.dataset[name + "Url"] || "";
  return url.replace("/cards/0/", "/cards/" + id + "/");
}
