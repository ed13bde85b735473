// Where a card is — on the server, or where this page shows it while a move is unanswered —
// and where that puts it among the others: which list, and in what order.

export function placeOf(board, card) {
  const place = {
    x: card.x, y: card.y, section: card.section, position: card.position,
  };
  return Object.assign(place, board.placed.get(card.id) || {});
}

export function setCell(li, x, y) {
  li.style.setProperty("--x", String(x + 1));
  li.style.setProperty("--y", String(y + 1));
}

export function movable(board, card) {
  return card.may_move && board.layout !== "stream";
}

export function sectionIds(board) {
  return board.sections.map((section) => section.id);
}

export function sectionOf(board, card) {
  const section = placeOf(board, card).section;
  const ids = sectionIds(board);
  return ids.indexOf(section) === -1 ? ids[0] : section;
}

export function listFor(board, card) {
  const wall = board.wall;
  if (board.layout === "columns") {
    const column = wall.querySelector(
      '.wall-column[data-section="' + sectionOf(board, card) + '"]'
    );
    if (column) return column.querySelector("ol");
  }
  return wall.querySelector("ol.wall-cards");
}

export function order(board, a, b) {
  const pa = placeOf(board, a);
  const pb = placeOf(board, b);
  if (board.layout === "wall") {
    return pa.y - pb.y || pa.x - pb.x || pa.position - pb.position || a.id - b.id;
  }
  if (board.layout === "columns") return pa.position - pb.position || a.id - b.id;
  return (madeAt(b) - madeAt(a)) || b.id - a.id;
}

function madeAt(card) {
  // ISO times from the server, cut to milliseconds for Date.parse
  return Date.parse(String(card.created_at).replace(/(\.\d{3})\d+/, "$1")) || 0;
}
