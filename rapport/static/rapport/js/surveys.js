// Surveys: small enhancements over pages that work without JavaScript.
// - The builder: drag a question to reorder (HTML5 drag and drop), saved with one POST of
//   the whole order; the Move up / Move down buttons stay for keyboards and touch.
// - The question form shows only the fields for the chosen kind of question.
// - The answer page: arrow keys move around the availability grid, and Enter in "Add your
//   own" interests saves that question instead of submitting the whole page.
// - Forms with data-confirm ask first.
import { csrfToken } from "./csrf.js";

function announce(text) {
  const status = document.getElementById("reorder-status");
  if (status) status.textContent = text;
}

// --- confirmations ------------------------------------------------------------------------
document.addEventListener("submit", function (event) {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

// Buttons marked aria-disabled (first "Move up", last "Move down") stay focusable but do
// nothing.
document.addEventListener("click", function (event) {
  const button = event.target.closest('button[aria-disabled="true"]');
  if (button) event.preventDefault();
}, true);

// --- drag to reorder -----------------------------------------------------------------------
let dragged = null;
let before = null;

function items(list) {
  return Array.prototype.slice.call(list.querySelectorAll(":scope > .builder-item"));
}

function clearMarks(list) {
  items(list).forEach(function (item) { item.classList.remove("builder-item--drop"); });
}

function saveOrder(list, original) {
  const body = new FormData();
  items(list).forEach(function (item) { body.append("order", item.dataset.questionId); });
  announce("Saving the new order…");
  fetch(list.dataset.reorderUrl, {
    method: "POST",
    body: body,
    credentials: "same-origin",
    headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
  }).then(function (response) {
    return response.text().then(function (text) {
      if (!response.ok) throw new Error(text || "The new order couldn't be saved.");
      const wrap = document.getElementById("question-list");
      const holder = document.createElement("div");
      holder.innerHTML = text;
      const fresh = holder.firstElementChild;
      wrap.replaceWith(fresh);
      if (window.htmx) window.htmx.process(fresh);
      enableDrag(fresh);
      announce("Saved the new order.");
    });
  }).catch(function (error) {
    original.forEach(function (item) { list.appendChild(item); });
    announce(error.message);
    window.alert(error.message);
  });
}

function enableDrag(root) {
  (root || document).querySelectorAll(".builder-list[data-reorder-url]").forEach(function (list) {
    if (list.dataset.dragReady) return;
    list.dataset.dragReady = "1";
    items(list).forEach(function (item) { item.setAttribute("draggable", "true"); });
    let original = [];

    list.addEventListener("dragstart", function (event) {
      const item = event.target.closest(".builder-item");
      if (!item || event.target.closest("button, a, input, select, textarea")) return;
      dragged = item;
      original = items(list);
      item.classList.add("builder-item--dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.questionId);
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      const item = event.target.closest(".builder-item");
      clearMarks(list);
      if (!item || item === dragged) { before = null; return; }
      const box = item.getBoundingClientRect();
      before = event.clientY < box.top + box.height / 2 ? item : item.nextElementSibling;
      if (before) before.classList.add("builder-item--drop");
    });
    list.addEventListener("drop", function (event) {
      if (!dragged) return;
      event.preventDefault();
      clearMarks(list);
      const moved = before !== dragged && before !== dragged.nextElementSibling;
      if (before) list.insertBefore(dragged, before); else list.appendChild(dragged);
      if (moved) saveOrder(list, original);
    });
    list.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("builder-item--dragging");
      clearMarks(list);
      dragged = null;
      before = null;
    });
  });
}

// --- question form: only the fields for the chosen kind ------------------------------------
function showFieldsFor(form) {
  const kind = form.querySelector('select[name="type"]');
  if (!kind) return;
  form.querySelectorAll("[data-for-types]").forEach(function (group) {
    group.hidden = group.dataset.forTypes.split(" ").indexOf(kind.value) === -1;
  });
}

document.addEventListener("change", function (event) {
  const form = event.target.closest("form[data-question-form]");
  if (form && event.target.name === "type") showFieldsFor(form);
});

// --- answering -----------------------------------------------------------------------------
document.addEventListener("keydown", function (event) {
  const input = event.target;
  if (event.key === "Enter" && input.matches && input.matches("[data-tag-input]")) {
    event.preventDefault();
    input.dispatchEvent(new Event("change", { bubbles: true }));
    return;
  }
  const cell = input.closest && input.closest("[data-availability] td");
  if (!cell) return;
  const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
  const move = moves[event.key];
  if (!move) return;
  const row = cell.parentElement;
  const rows = Array.prototype.slice.call(row.parentElement.rows);
  const rowIndex = rows.indexOf(row) + move[0];
  const cellIndex = cell.cellIndex + move[1];
  const target = rows[rowIndex] && rows[rowIndex].cells[cellIndex];
  const next = target && target.querySelector("input");
  if (next) {
    event.preventDefault();
    next.focus();
  }
});

function ready() {
  enableDrag(document);
  document.querySelectorAll("form[data-question-form]").forEach(showFieldsFor);
  if (window.htmx) {
    document.querySelectorAll("[data-autosave-note]").forEach(function (note) {
      note.hidden = false;
    });
  }
}

document.addEventListener("htmx:afterSwap", function (event) {
  enableDrag(event.detail.target.parentElement || document);
});
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", ready);
} else {
  ready();
}
