// Dragging a card on the free wall with a pointer, on wide screens: by its Move button or
// its by-line, a cell at a time, scrolling the wall near its edges. Keys do the same
// everywhere (move.js).
import { begin, cancel, drop } from "./move.js";
import { movable, placeOf, setCell } from "./place.js";
import { cardElement } from "./store.js";

function gridTracks(value) {
  return (value || "").split(/\s+/).map(parseFloat).filter((n) => n > 0);
}

function trackAt(offset, sizes, gap, count, fallback) {
  let edge = 0;
  for (let index = 0; index < count; index += 1) {
    const size = index < sizes.length ? sizes[index] : fallback;
    if (offset < edge + size + gap / 2) return index;
    edge += size + gap;
  }
  return count - 1;
}

// The grid cell of the free wall under the pointer.
function cellAt(board, clientX, clientY) {
  const list = board.wall.querySelector("ol.wall-cards");
  const box = list.getBoundingClientRect();
  const style = getComputedStyle(list);
  const columnSizes = gridTracks(style.gridTemplateColumns);
  const rowSizes = gridTracks(style.gridTemplateRows);
  const shortest = parseFloat((style.gridAutoRows.match(/[\d.]+px/) || ["144px"])[0]);
  return {
    x: trackAt(clientX - box.left, columnSizes, parseFloat(style.columnGap) || 0,
      board.gridColumns, columnSizes[0] || 240),
    y: trackAt(clientY - box.top, rowSizes, parseFloat(style.rowGap) || 0,
      board.gridRows, shortest),
  };
}

function scrollNearEdges(wall, clientX, clientY) {
  const box = wall.getBoundingClientRect();
  const margin = 40;
  if (clientX > box.right - margin) wall.scrollLeft += 20;
  else if (clientX < box.left + margin) wall.scrollLeft -= 20;
  if (clientY > box.bottom - margin) wall.scrollTop += 20;
  else if (clientY < box.top + margin) wall.scrollTop -= 20;
}

function endDrag(board, event, keepIt) {
  const drag = board.drag;
  if (!drag || event.pointerId !== drag.pointer) return;
  board.drag = null;
  if (drag.grip.hasPointerCapture && drag.grip.hasPointerCapture(event.pointerId)) {
    drag.grip.releasePointerCapture(event.pointerId);
  }
  if (!drag.started) return;
  board.swallowClick = true;
  setTimeout(() => { board.swallowClick = false; }, 0);
  if (keepIt) drop(board);
  else cancel(board, true);
}

export function listenForDrags(board) {
  const wall = board.wall;
  wall.addEventListener("pointerdown", (event) => {
    if (board.layout !== "wall" || !board.wide.matches || event.button !== 0) return;
    if (board.drag || board.moving) return;
    const grip = event.target.closest(".wall-card__handle, .wall-card--movable .wall-card__by");
    if (!grip) return;
    const li = grip.closest(".wall-card");
    const id = Number(li.dataset.card);
    const card = board.cards.get(id);
    if (!card || !movable(board, card) || board.sending.has(id)) return;
    board.drag = {
      id: id, grip: grip, pointer: event.pointerId, startX: event.clientX,
      startY: event.clientY, started: false,
    };
    grip.setPointerCapture(event.pointerId);
  });

  wall.addEventListener("pointermove", (event) => {
    const drag = board.drag;
    if (!drag || event.pointerId !== drag.pointer) return;
    if (!drag.started) {
      if (Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < 5) return;
      if (!begin(board, drag.id, "pointer")) {
        board.drag = null;
        return;
      }
      drag.started = true;
      const li = cardElement(drag.id);
      if (li) li.classList.add("wall-card--dragging");
    }
    event.preventDefault();
    scrollNearEdges(wall, event.clientX, event.clientY);
    const cell = cellAt(board, event.clientX, event.clientY);
    const card = board.cards.get(drag.id);
    const place = placeOf(board, card);
    if (cell.x !== place.x || cell.y !== place.y) {
      board.placed.set(drag.id, cell);
      const li = cardElement(drag.id);
      if (li) setCell(li, cell.x, cell.y);
    }
  });

  wall.addEventListener("pointerup", (event) => { endDrag(board, event, true); });
  wall.addEventListener("pointercancel", (event) => { endDrag(board, event, false); });
}
