// A card's reactions (the chosen ones with their counts, and the picker) and its comments,
// each a form that posts as it would without the script.
import { make, pill, csrfField } from "./dom.js";
import { cardUrl } from "./state.js";

function reactionButton(chip, chosen) {
  const button = make("button", {
    type: "submit",
    name: "emoji",
    value: chip.emoji,
    className: "reaction" + (chosen && chip.mine ? " reaction--mine" : ""),
    title: chip.label,
    "data-keep": (chosen ? "react-" : "pick-") + chip.emoji,
  });
  if (chosen) button.setAttribute("aria-pressed", chip.mine ? "true" : "false");
  button.append(make("span", { "aria-hidden": "true", text: chip.emoji }));
  if (chosen) {
    button.append(
      make("span", { className: "visually-hidden", text: chip.label + ": " + chip.count }),
      make("span", { className: "reaction__count", "aria-hidden": "true", text: chip.count }),
    );
  } else {
    button.append(make("span", { className: "reaction__label", text: chip.label }));
  }
  return button;
}

export function reactions(board, card) {
  const form = make("form", {
    className: "reactions",
    method: "post",
    action: cardUrl(board, "react", card.id),
    "aria-label": "Reactions",
    "data-form": "react",
  }, [csrfField()]);
  const chips = card.reactions || [];
  chips.forEach((chip) => {
    if (chip.count) form.append(reactionButton(chip, true));
  });
  const summary = make("summary", {
    className: "reaction", title: "Add a reaction", "data-keep": "picker-summary",
  }, [
    make("span", { "aria-hidden": "true", text: "☺+" }),
    make("span", { className: "visually-hidden", text: "Add a reaction" }),
  ]);
  const choices = make("div", { className: "react-picker__choices" });
  chips.forEach((chip) => { choices.append(reactionButton(chip, false)); });
  form.append(make("details", { className: "react-picker", "data-keep": "picker" }, [
    summary, choices,
  ]));
  return form;
}

export function comments(board, card) {
  const list = card.comments || [];
  const box = make("details", { className: "wall-card__comments", "data-keep": "comments" }, [
    make("summary", {
      text: list.length + " comment" + (list.length === 1 ? "" : "s"),
      "data-keep": "comments-summary",
    }),
  ]);
  const shown = make("ul", { role: "list" });
  list.forEach((comment) => {
    const item = make("li", {}, [make("strong", { text: comment.author })]);
    if (comment.staff) item.append(" ", pill("Teaching team", "pill pill--staff"));
    item.append(": " + comment.body);
    shown.append(item);
  });
  box.append(shown);
  if (!card.locked || board.staff) {
    const fieldId = "comment-" + card.id;
    box.append(make("form", {
      method: "post", action: cardUrl(board, "comment", card.id), className: "stack",
    }, [
      csrfField(),
      make("label", { for: fieldId, className: "visually-hidden", text: "Comment" }),
      make("textarea", {
        id: fieldId, name: "body", rows: 2, maxlength: 1000, required: true,
        placeholder: "Say something kind", "data-keep": "comment",
      }),
      make("button", {
        type: "submit", className: "button--small", text: "Comment",
        "data-keep": "comment-send",
      }),
    ]));
  }
  return box;
}
