// The cards as they are heard of — kept only if newer than the one held — and the page kept
// in step with them: each card drawn again in its place, with what someone is typing in it
// and where their focus was kept across the redraw.
import { STALE_EDIT, draw } from "./card.js";
import { make } from "./dom.js";
import { listFor, order, sectionOf } from "./place.js";
import { say } from "./status.js";

export function put(board, li, card) {
  const list = listFor(board, card);
  if (!list) return;
  let next = null;
  for (const sibling of list.children) {
    if (sibling === li) continue;
    const other = board.cards.get(Number(sibling.dataset.card));
    if (other && order(board, card, other) < 0) {
      next = sibling;
      break;
    }
  }
  if (li.parentNode !== list || li.nextElementSibling !== next) list.insertBefore(li, next);
}

export function showEmpty(board) {
  const any = Array.from(board.cards.values()).some((card) => !card.deleted);
  let empty = board.wall.querySelector(".wall-empty");
  if (!empty && !any) {
    empty = make("p", {
      className: "muted wall-empty",
      text: "No cards yet" + (board.addForm ? " — yours could be the first" : "") + ".",
    });
    board.wall.append(empty);
  }
  if (empty) empty.hidden = any;
}

function keep(li) {
  const kept = { values: {}, open: {}, focus: null, selection: null };
  li.querySelectorAll("[data-keep]").forEach((node) => {
    const key = node.dataset.keep;
    if (node.tagName === "DETAILS") kept.open[key] = node.open;
    else if (/^(TEXTAREA|INPUT|SELECT)$/.test(node.tagName)) kept.values[key] = node.value;
  });
  const active = document.activeElement;
  if (active === li) {
    kept.focus = "";
  } else if (active && li.contains(active)) {
    kept.focus = active.dataset.keep || "";
    if (typeof active.selectionStart === "number") {
      kept.selection = [active.selectionStart, active.selectionEnd, active.selectionDirection];
    }
  }
  return kept;
}

function restore(li, kept) {
  Object.keys(kept.values).forEach((key) => {
    const node = li.querySelector('[data-keep="' + key + '"]');
    if (node) node.value = kept.values[key];
  });
  Object.keys(kept.open).forEach((key) => {
    const node = li.querySelector('[data-keep="' + key + '"]');
    if (node) node.open = kept.open[key];
  });
  if (kept.focus === null) return;
  const target = (kept.focus && li.querySelector('[data-keep="' + kept.focus + '"]')) || li;
  target.focus({ preventScroll: true });
  if (kept.selection && target.setSelectionRange) {
    try { target.setSelectionRange(...kept.selection); } catch (error) { /* */ }
  }
}

export function redraw(board, id) {
  if (board.moving && board.moving.id === id) return; // drawn again once it is put down
  const card = board.cards.get(id);
  const old = document.getElementById("card-" + id);
  if (!card || card.deleted) {
    if (old) {
      const hadFocus = old.contains(document.activeElement);
      const neighbour = old.nextElementSibling || old.previousElementSibling;
      old.remove();
      if (hadFocus && neighbour) neighbour.focus({ preventScroll: true });
    }
    if (board.editing.delete(id)) say(board, "The card you were editing was deleted.");
    showEmpty(board);
    return;
  }
  const edit = board.editing.get(id);
  if (edit && edit.version !== card.version && !edit.warned) {
    edit.warned = true;
    say(board, STALE_EDIT);
  }
  const kept = old ? keep(old) : null;
  const li = draw(board, card);
  if (old) old.replaceWith(li);
  put(board, li, card);
  if (kept) restore(li, kept);
  showEmpty(board);
}

export function cardElement(id) {
  return document.getElementById("card-" + id);
}

export function flash(id) {
  const li = document.getElementById("card-" + id);
  if (!li) return;
  li.classList.add("wall-card--stale");
  setTimeout(() => { li.classList.remove("wall-card--stale"); }, 1200);
}

export function bump(board, revision) {
  if (typeof revision === "number" && revision > board.lastRevision) {
    board.lastRevision = revision;
  }
}

// Keep ``card`` if it is newer than the one held (events may come late or twice), or
// whatever its revision with ``always``.
export function apply(board, card, always) {
  if (!card || typeof card.id !== "number") return false;
  bump(board, card.revision);
  const held = board.cards.get(card.id);
  if (held && !always && !(card.revision > held.revision)) return false;
  board.cards.set(card.id, card);
  return true;
}

// A card this page has not drawn that falls past where its list was cut: it is there
// after "Show more", not here.
function pastTheCut(board, card) {
  const key = board.layout === "columns" ? sectionOf(board, card) : 0;
  const last = board.cards.get(board.cut.get(key));
  return Boolean(last) && order(board, card, last) > 0;
}

export function hear(board, card, always) {
  const held = board.cards.get(card && card.id);
  if (!held && card && !card.deleted && pastTheCut(board, card)) return;
  const arriving = !held || held.deleted;
  if (!apply(board, card, always)) return;
  redraw(board, card.id);
  if (arriving && !card.deleted && !card.mine) {
    say(board, "New card by " + (card.author ? card.author.name : "a classmate") + ".");
  }
}
