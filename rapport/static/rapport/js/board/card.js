// Drawing a card from its dict (walls.selectors.shape), in the same markup the page without
// its script draws (walls/_card.html), with the editor in place of its text while it is
// being edited here.
import { captionsPanel } from "./captions.js";
import { make, pill, csrfField } from "./dom.js";
import { movable, placeOf, setCell } from "./place.js";
import { comments, reactions } from "./reactions.js";
import { cardUrl } from "./state.js";

const COLOURS = [
  ["yellow", "Yellow"], ["blue", "Blue"], ["green", "Green"],
  ["pink", "Pink"], ["purple", "Purple"], ["white", "White"],
];

export const STALE_EDIT = "This card changed while you were editing — saving will show you " +
  "the newer version.";

export function colourOf(card) {
  return COLOURS.some((c) => c[0] === card.colour) ? card.colour : "yellow";
}

function webAddress(url) {
  return /^https?:\/\//i.test(url || "") ? url : null;
}

export function draw(board, card) {
  const id = card.id;
  const li = make("li", {
    className: "wall-card wall-card--" + colourOf(card) +
      (card.approved ? "" : " wall-card--waiting") +
      (movable(board, card) ? " wall-card--movable" : ""),
    id: "card-" + id,
    "data-card": id,
    "data-version": card.version,
    "data-revision": card.revision,
    "aria-labelledby": "card-" + id + "-by",
    tabindex: movable(board, card) ? "0" : "-1",
  });
  if (board.layout === "wall") {
    const place = placeOf(board, card);
    setCell(li, place.x, place.y);
  }
  li.append(byLine(card));
  const edit = board.editing.get(id);
  if (edit) {
    li.append(editor(card, edit));
  } else if (card.html) {
    li.append(cardText(card));
  }
  if (card.link) li.append(...linkBlock(card.link));
  if (card.clip) li.append(clipBlock(card.clip));
  if (card.image && card.image.url) {
    li.append(make("img", {
      className: "wall-card__image",
      src: card.image.url,
      alt: card.image.alt || "",
      width: card.image.width,
      height: card.image.height,
      loading: "lazy",
    }));
  }
  li.append(reactions(board, card), comments(board, card));
  const actions = actionsFor(board, card);
  if (actions) li.append(actions);
  return li;
}

function byLine(card) {
  const by = make("p", { className: "wall-card__by", id: "card-" + card.id + "-by" });
  if (card.author) {
    by.append(card.author.name);
    if (card.author.staff) by.append(" ", pill("Teaching team", "pill pill--staff"));
  } else {
    by.append("A classmate");
  }
  if (card.anonymous) by.append(" ", pill("Anonymous to classmates"));
  if (!card.approved) by.append(" ", pill("Waiting for approval", "pill pill--warm"));
  return by;
}

function cardText(card) {
  const text = make("div", { className: "wall-card__text" });
  text.innerHTML = card.html; // sanitized on the server
  return text;
}

function linkBlock(link) {
  const shown = [];
  const anchor = make("a", {
    href: webAddress(link.url),
    rel: "nofollow noopener noreferrer",
    target: "_blank",
    text: link.title || link.url,
  });
  const line = make("p", { className: "wall-card__link" }, [anchor]);
  if (link.site) line.append(make("span", { className: "muted", text: " · " + link.site }));
  shown.push(line);
  if (link.description) {
    shown.push(make("p", { className: "wall-card__description", text: link.description }));
  }
  if (link.status === "pending") {
    shown.push(make("p", { className: "muted", text: "Fetching the link's preview…" }));
  }
  return shown;
}

function clipBlock(clip) {
  if (clip.status === "failed") {
    return make("p", { className: "muted", text: "This clip couldn't be prepared for playing." });
  }
  if (clip.status !== "ready") {
    return make("p", { className: "muted", text: "The clip is being prepared…" });
  }
  const player = clip.video
    ? make("video", {
      controls: true, preload: "metadata", playsinline: true, poster: clip.poster || null,
      "aria-label": "Video clip",
    })
    : make("audio", { controls: true, preload: "metadata", "aria-label": "Voice clip" });
  player.append(make("source", { src: clip.playback, type: clip.type || null }));
  (clip.captions || []).forEach((caption, index) => {
    player.append(make("track", {
      kind: "captions", srclang: caption.language, label: caption.label, src: caption.url,
      default: index === 0,
    }));
  });
  player.append(make("a", { href: clip.playback, text: "Open the clip" }));
  return make("div", { className: "wall-card__clip stack", "data-media-id": clip.id }, [
    player, captionsPanel(clip),
  ]);
}

function smallForm(board, name, card, label, className) {
  return make("form", {
    method: "post", action: cardUrl(board, name, card.id), "data-form": name,
  }, [
    csrfField(),
    make("button", { type: "submit", className: className, text: label, "data-keep": name }),
  ]);
}

function actionsFor(board, card) {
  const approve = board.staff && !card.approved;
  if (!(card.may_move || card.may_edit || card.may_delete || approve)) return null;
  const actions = make("div", { className: "wall-card__actions" });
  if (card.may_edit && !board.editing.has(card.id)) {
    actions.append(make("a", {
      className: "button button--quiet button--small",
      href: cardUrl(board, "edit", card.id),
      text: "Edit",
      "data-action": "edit",
      "data-keep": "edit",
    }));
  }
  if (movable(board, card)) {
    actions.append(make("button", {
      type: "button",
      className: "button--quiet button--small wall-card__handle",
      "aria-describedby": "wall-move-help",
      "aria-pressed": board.moving && board.moving.id === card.id ? "true" : "false",
      "data-action": "move",
      "data-keep": "move",
      text: "Move",
    }));
  }
  if (approve) actions.append(smallForm(board, "approve", card, "Approve", "button--small"));
  if (card.may_delete) {
    actions.append(smallForm(board, "delete", card, "Delete", "button--quiet button--small"));
  }
  return actions;
}

function editor(card, edit) {
  const id = card.id;
  const shown = [];
  const stale = edit.version !== card.version;
  const note = stale ? STALE_EDIT : edit.message;
  if (edit.showCurrent && !stale && card.html) {
    shown.push(make("p", { className: "muted wall-card__note", text: "On the card now:" }));
    shown.push(cardText(card));
  }
  const form = make("form", { className: "wall-card__editor stack", "data-form": "edit" });
  if (note) form.append(make("p", { className: "wall-card__note", text: note }));
  const textarea = make("textarea", {
    id: "card-" + id + "-text",
    name: "body",
    rows: 4,
    maxlength: 2000,
    "data-keep": "edit-body",
  });
  textarea.value = edit.body;
  const colour = make("select", { id: "card-" + id + "-colour", name: "colour",
    "data-keep": "edit-colour" });
  COLOURS.forEach((choice) => {
    const option = make("option", { value: choice[0], text: choice[1] });
    option.selected = choice[0] === edit.colour;
    colour.append(option);
  });
  form.append(
    make("div", { className: "field" }, [
      make("label", { for: textarea.id, text: "Your card's text" }), textarea,
    ]),
    make("div", { className: "field" }, [
      make("label", { for: colour.id, text: "Colour" }), colour,
    ]),
    make("div", { className: "row" }, [
      make("button", { type: "submit", className: "button--small", text: "Save",
        "data-keep": "edit-save" }),
      make("button", { type: "button", className: "button--quiet button--small",
        text: "Cancel", "data-action": "cancel-edit", "data-keep": "edit-cancel" }),
    ]),
  );
  shown.push(form);
  return make("div", { className: "wall-card__editing" }, shown);
}
