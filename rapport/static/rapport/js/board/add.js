// Adding a card: a text or link card is sent on the socket while it is up; a photo or a
// clip, or any card while the socket is down, goes with the form's own post.
import { make } from "./dom.js";
import { act } from "./socket.js";
import { say } from "./status.js";
import { cardElement, flash, hear, redraw } from "./store.js";

function addError(board, message) {
  const addForm = board.addForm;
  if (!addForm) return;
  let shown = document.getElementById("wall-add-error");
  if (!shown) {
    shown = make("p", { className: "errorlist", id: "wall-add-error", role: "alert" });
    const button = addForm.querySelector("button[type=submit]");
    addForm.insertBefore(shown, button);
  }
  shown.textContent = message || "";
  shown.hidden = !message;
}

function chosenKind(addForm) {
  const chosen = addForm.querySelector("input[name=kind]:checked");
  return chosen ? chosen.value : "text";
}

// Show the fields of the kind of card chosen (all of them show without the script).
function showKindFields(addForm) {
  const kind = chosenKind(addForm);
  const only = { link_url: "link", image: "image", image_alt: "image" };
  Object.keys(only).forEach((name) => {
    const field = addForm.elements[name];
    const box = field && field.closest(".field");
    if (box) box.hidden = only[name] !== kind;
  });
  addForm.querySelectorAll("[data-recorder]").forEach((recorder) => {
    recorder.hidden = kind !== "clip";
  });
}

export function setUpAddForm(board) {
  const addForm = board.addForm;
  if (!addForm) return;
  showKindFields(addForm);
  addForm.addEventListener("change", (event) => {
    if (event.target.name === "kind") showKindFields(addForm);
  });
  addForm.addEventListener("submit", (event) => {
    const kind = chosenKind(addForm);
    // a photo or a clip goes with the form's own post
    if ((kind !== "text" && kind !== "link") || !board.following) return;
    event.preventDefault();
    const fields = addForm.elements;
    const message = {
      action: "add",
      body: fields.body ? fields.body.value : "",
      colour: fields.colour ? fields.colour.value : "",
    };
    if (kind === "link") {
      const url = fields.link_url ? fields.link_url.value.trim() : "";
      if (!url) {
        addError(board, "Paste the link to share.");
        return;
      }
      message.link_url = url;
    }
    if (fields.section && fields.section.value) message.section = Number(fields.section.value);
    if (fields.anonymous) message.anonymous = fields.anonymous.checked;
    const button = addForm.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    act(board, message).then((answer) => {
      if (button) button.disabled = false;
      if (answer.type !== "done" || !answer.card) {
        addError(board, answer.message || "That didn't work. Try again.");
        return;
      }
      addError(board, "");
      ["body", "link_url", "image_alt"].forEach((name) => {
        if (fields[name]) fields[name].value = "";
      });
      hear(board, answer.card);
      redraw(board, answer.card.id);
      const li = cardElement(answer.card.id);
      if (li) li.scrollIntoView({ block: "nearest", inline: "nearest" });
      flash(answer.card.id);
      say(board, answer.card.approved
        ? "Your card is on the wall."
        : "Your card is in. It shows to the class once approved.");
    });
  });
}
