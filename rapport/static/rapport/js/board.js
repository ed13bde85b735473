// A class wall, live. Every card is drawn here from its dict (walls.selectors.shape), in the
// same markup the page without its script draws (walls/_card.html). The page follows its
// board on the course's socket (/ws/c/<slug>/): a change by anyone arrives as the card as it
// now stands, stamped with the board's revision, and this page's own adds, moves, edits,
// deletions, approvals and reactions are sent on it. While the socket is down every form
// posts as it would without this script, and once it is back the page asks for what changed.
(function () {
  "use strict";

  const wall = document.getElementById("wall");
  if (!wall || !("WebSocket" in window)) return;

  const COLOURS = [
    ["yellow", "Yellow"], ["blue", "Blue"], ["green", "Green"],
    ["pink", "Pink"], ["purple", "Purple"], ["white", "White"],
  ];
  const RENEW_HERE_MS = 30000;
  const STALE_EDIT = "This card changed while you were editing — saving will show you the " +
    "newer version.";
  const OFFLINE = "The wall isn't connected right now. Try again in a moment.";

  const boardId = Number(wall.dataset.board);
  const layout = wall.dataset.layout;
  const gridColumns = Number(wall.dataset.columns) || 12;
  const gridRows = Number(wall.dataset.rows) || 40;
  const staff = wall.dataset.staff === "true";
  const sections = readJson("wall-sections", []);
  const status = document.getElementById("wall-status");
  const addForm = document.getElementById("wall-add-form");
  const wide = window.matchMedia("(min-width: 48rem)");

  const cards = new Map(); // id -> the card as last heard (a tombstone once gone)
  let lastRevision = Number(wall.dataset.revision) || 0;
  const placed = new Map(); // id -> where a card is shown before the server has answered
  const sending = new Set(); // ids of cards whose move awaits its answer
  const editing = new Map(); // id -> {version, body, colour, message, showCurrent, warned}
  let moving = null; // {id, origin, how: "keys" | "pointer"}
  let drag = null;
  let swallowClick = false;

  let socket = null;
  let following = false;
  let delay = 1000;
  let renewHere = null;
  let lastRef = 0;
  let redrawAll = false; // after the reader's place in the course changed
  const pending = new Map(); // ref -> resolve

  // --- reading what the page was drawn with ----------------------------------------------

  function readJson(id, fallback) {
    const script = document.getElementById(id);
    if (!script) return fallback;
    try { return JSON.parse(script.textContent); } catch (error) { return fallback; }
  }

  function cardUrl(name, id) {
    const url = wall.dataset[name + "Url"] || "";
    return url.replace("/cards/0/", "/cards/" + id + "/");
  }

  function csrfToken() {
    const headers = document.body.getAttribute("hx-headers");
    if (headers) {
      try {
        const token = JSON.parse(headers)["X-CSRFToken"];
        if (token) return token;
      } catch (error) { /* the page's forms or the cookie then */ }
    }
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field && field.value) return field.value;
    const cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return cookie ? decodeURIComponent(cookie[1]) : "";
  }

  // --- saying what happened --------------------------------------------------------------

  function say(text) {
    if (!status) return;
    // The same words twice in a row are read again only if the region changes.
    status.textContent = status.textContent === text ? text + "\u00a0" : text;
  }

  const offline = make("p", { className: "wall-offline", hidden: true });
  offline.textContent = "Reconnecting… The wall shows what it had; changes made meanwhile " +
    "appear once the connection is back.";
  wall.parentNode.insertBefore(offline, wall);

  const moveHelp = make("p", {
    className: "visually-hidden",
    id: "wall-move-help",
    text: layout === "columns"
      ? "Left and right arrows move the card to the next column, up and down change its " +
        "place in the column. Enter puts it there, Escape puts it back."
      : "Arrow keys move the card one cell. Enter puts it there, Escape puts it back.",
  });
  wall.parentNode.insertBefore(moveHelp, wall);

  // --- drawing a card ----------------------------------------------------------------------

  function make(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      const value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else if (name === "hidden") node.hidden = true;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    });
    return node;
  }

  function pill(text, className) {
    return make("span", { className: className || "pill", text: text });
  }

  function csrfField() {
    return make("input", { type: "hidden", name: "csrfmiddlewaretoken", value: csrfToken() });
  }

  function colourOf(card) {
    return COLOURS.some(function (c) { return c[0] === card.colour; }) ? card.colour : "yellow";
  }

  function webAddress(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function placeOf(card) {
    const place = {
      x: card.x, y: card.y, section: card.section, position: card.position,
    };
    return Object.assign(place, placed.get(card.id) || {});
  }

  function setCell(li, x, y) {
    li.style.setProperty("--x", String(x + 1));
    li.style.setProperty("--y", String(y + 1));
  }

  function movable(card) {
    return card.may_move && layout !== "stream";
  }

  function draw(card) {
    const id = card.id;
    const li = make("li", {
      className: "wall-card wall-card--" + colourOf(card) +
        (card.approved ? "" : " wall-card--waiting") +
        (movable(card) ? " wall-card--movable" : ""),
      id: "card-" + id,
      "data-card": id,
      "data-version": card.version,
      "data-revision": card.revision,
      "aria-labelledby": "card-" + id + "-by",
      tabindex: movable(card) ? "0" : "-1",
    });
    if (layout === "wall") {
      const place = placeOf(card);
      setCell(li, place.x, place.y);
    }
    li.append(byLine(card));
    const edit = editing.get(id);
    if (edit) {
      li.append(editor(card, edit));
    } else if (card.html) {
      li.append(cardText(card));
    }
    if (card.link) li.append.apply(li, linkBlock(card.link));
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
    li.append(reactions(card), comments(card));
    const actions = actionsFor(card);
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
    (clip.captions || []).forEach(function (caption, index) {
      player.append(make("track", {
        kind: "captions", srclang: caption.language, label: caption.label, src: caption.url,
        default: index === 0,
      }));
    });
    player.append(make("a", { href: clip.playback, text: "Open the clip" }));
    return player;
  }

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

  function reactions(card) {
    const form = make("form", {
      className: "reactions",
      method: "post",
      action: cardUrl("react", card.id),
      "aria-label": "Reactions",
      "data-form": "react",
    }, [csrfField()]);
    const chips = card.reactions || [];
    chips.forEach(function (chip) {
      if (chip.count) form.append(reactionButton(chip, true));
    });
    const summary = make("summary", {
      className: "reaction", title: "Add a reaction", "data-keep": "picker-summary",
    }, [
      make("span", { "aria-hidden": "true", text: "☺+" }),
      make("span", { className: "visually-hidden", text: "Add a reaction" }),
    ]);
    const choices = make("div", { className: "react-picker__choices" });
    chips.forEach(function (chip) { choices.append(reactionButton(chip, false)); });
    form.append(make("details", { className: "react-picker", "data-keep": "picker" }, [
      summary, choices,
    ]));
    return form;
  }

  function comments(card) {
    const list = card.comments || [];
    const box = make("details", { className: "wall-card__comments", "data-keep": "comments" }, [
      make("summary", {
        text: list.length + " comment" + (list.length === 1 ? "" : "s"),
        "data-keep": "comments-summary",
      }),
    ]);
    const shown = make("ul", { role: "list" });
    list.forEach(function (comment) {
      const item = make("li", {}, [make("strong", { text: comment.author })]);
      if (comment.staff) item.append(" ", pill("Teaching team", "pill pill--staff"));
      item.append(": " + comment.body);
      shown.append(item);
    });
    box.append(shown);
    if (!card.locked || staff) {
      const fieldId = "comment-" + card.id;
      box.append(make("form", {
        method: "post", action: cardUrl("comment", card.id), className: "stack",
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

  function smallForm(name, card, label, className) {
    return make("form", { method: "post", action: cardUrl(name, card.id), "data-form": name }, [
      csrfField(),
      make("button", { type: "submit", className: className, text: label, "data-keep": name }),
    ]);
  }

  function actionsFor(card) {
    const approve = staff && !card.approved;
    if (!(card.may_move || card.may_edit || card.may_delete || approve)) return null;
    const actions = make("div", { className: "wall-card__actions" });
    if (card.may_edit && !editing.has(card.id)) {
      actions.append(make("a", {
        className: "button button--quiet button--small",
        href: cardUrl("edit", card.id),
        text: "Edit",
        "data-action": "edit",
        "data-keep": "edit",
      }));
    }
    if (movable(card)) {
      actions.append(make("button", {
        type: "button",
        className: "button--quiet button--small wall-card__handle",
        "aria-describedby": "wall-move-help",
        "aria-pressed": moving && moving.id === card.id ? "true" : "false",
        "data-action": "move",
        "data-keep": "move",
        text: "Move",
      }));
    }
    if (approve) actions.append(smallForm("approve", card, "Approve", "button--small"));
    if (card.may_delete) {
      actions.append(smallForm("delete", card, "Delete", "button--quiet button--small"));
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
    COLOURS.forEach(function (choice) {
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

  // --- where a card goes in the list --------------------------------------------------------

  function sectionIds() {
    return sections.map(function (section) { return section.id; });
  }

  function sectionOf(card) {
    const section = placeOf(card).section;
    const ids = sectionIds();
    return ids.indexOf(section) === -1 ? ids[0] : section;
  }

  function listFor(card) {
    if (layout === "columns") {
      const column = wall.querySelector('.wall-column[data-section="' + sectionOf(card) + '"]');
      if (column) return column.querySelector("ol");
    }
    return wall.querySelector("ol.wall-cards");
  }

  function order(a, b) {
    const pa = placeOf(a);
    const pb = placeOf(b);
    if (layout === "wall") {
      return pa.y - pb.y || pa.x - pb.x || pa.position - pb.position || a.id - b.id;
    }
    if (layout === "columns") return pa.position - pb.position || a.id - b.id;
    return (madeAt(b) - madeAt(a)) || b.id - a.id;
  }

  function madeAt(card) {
    // ISO times from the server, cut to milliseconds for Date.parse
    return Date.parse(String(card.created_at).replace(/(\.\d{3})\d+/, "$1")) || 0;
  }

  function put(li, card) {
    const list = listFor(card);
    if (!list) return;
    let next = null;
    for (const sibling of list.children) {
      if (sibling === li) continue;
      const other = cards.get(Number(sibling.dataset.card));
      if (other && order(card, other) < 0) {
        next = sibling;
        break;
      }
    }
    if (li.parentNode !== list || li.nextElementSibling !== next) list.insertBefore(li, next);
  }

  function showEmpty() {
    const any = Array.from(cards.values()).some(function (card) { return !card.deleted; });
    let empty = wall.querySelector(".wall-empty");
    if (!empty && !any) {
      empty = make("p", {
        className: "muted wall-empty",
        text: "No cards yet" + (addForm ? " — yours could be the first" : "") + ".",
      });
      wall.append(empty);
    }
    if (empty) empty.hidden = any;
  }

  // --- keeping what someone is typing and where they are across a redraw -------------------

  function keep(li) {
    const kept = { values: {}, open: {}, focus: null, selection: null };
    li.querySelectorAll("[data-keep]").forEach(function (node) {
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
    Object.keys(kept.values).forEach(function (key) {
      const node = li.querySelector('[data-keep="' + key + '"]');
      if (node) node.value = kept.values[key];
    });
    Object.keys(kept.open).forEach(function (key) {
      const node = li.querySelector('[data-keep="' + key + '"]');
      if (node) node.open = kept.open[key];
    });
    if (kept.focus === null) return;
    const target = (kept.focus && li.querySelector('[data-keep="' + kept.focus + '"]')) || li;
    target.focus({ preventScroll: true });
    if (kept.selection && target.setSelectionRange) {
      try { target.setSelectionRange.apply(target, kept.selection); } catch (error) { /* */ }
    }
  }

  function redraw(id) {
    if (moving && moving.id === id) return; // drawn again once it is put down
    const card = cards.get(id);
    const old = document.getElementById("card-" + id);
    if (!card || card.deleted) {
      if (old) {
        const hadFocus = old.contains(document.activeElement);
        const neighbour = old.nextElementSibling || old.previousElementSibling;
        old.remove();
        if (hadFocus && neighbour) neighbour.focus({ preventScroll: true });
      }
      if (editing.delete(id)) say("The card you were editing was deleted.");
      showEmpty();
      return;
    }
    const edit = editing.get(id);
    if (edit && edit.version !== card.version && !edit.warned) {
      edit.warned = true;
      say(STALE_EDIT);
    }
    const kept = old ? keep(old) : null;
    const li = draw(card);
    if (old) old.replaceWith(li);
    put(li, card);
    if (kept) restore(li, kept);
    showEmpty();
  }

  function flash(id) {
    const li = document.getElementById("card-" + id);
    if (!li) return;
    li.classList.add("wall-card--stale");
    setTimeout(function () { li.classList.remove("wall-card--stale"); }, 1200);
  }

  // --- cards as they are heard of ------------------------------------------------------------

  function bump(revision) {
    if (typeof revision === "number" && revision > lastRevision) lastRevision = revision;
  }

  // Keep ``card`` if it is newer than the one held (events may come late or twice), or
  // whatever its revision with ``always``.
  function apply(card, always) {
    if (!card || typeof card.id !== "number") return false;
    bump(card.revision);
    const held = cards.get(card.id);
    if (held && !always && !(card.revision > held.revision)) return false;
    cards.set(card.id, card);
    return true;
  }

  function hear(card, always) {
    const held = cards.get(card && card.id);
    const arriving = !held || held.deleted;
    if (!apply(card, always)) return;
    redraw(card.id);
    if (arriving && !card.deleted && !card.mine) {
      say("New card by " + (card.author ? card.author.name : "a classmate") + ".");
    }
  }

  // --- the socket -------------------------------------------------------------------------

  function act(fields) {
    return new Promise(function (resolve) {
      if (!socket || !following || socket.readyState !== WebSocket.OPEN) {
        resolve({ type: "error", message: OFFLINE, code: "offline" });
        return;
      }
      lastRef += 1;
      pending.set(lastRef, resolve);
      socket.send(JSON.stringify(Object.assign(
        { type: "act", stream: "board", id: boardId, ref: lastRef }, fields,
      )));
    });
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  // What changed since the last revision heard of; every card again, as this reader may now
  // see it, once their place in the course has changed.
  function catchUp() {
    const all = redrawAll;
    redrawAll = false;
    act({ action: "since", revision: all ? 0 : lastRevision }).then(function (answer) {
      if (answer.type !== "caught_up") return;
      (answer.cards || []).forEach(function (card) { hear(card, all); });
      bump(answer.revision);
    });
  }

  function showHere(people) {
    const here = document.getElementById("wall-here");
    if (!here) return;
    const names = (people || []).map(function (person) { return person.name; })
      .filter(Boolean);
    here.hidden = names.length === 0;
    if (names.length === 0) {
      here.textContent = "";
      return;
    }
    let said;
    if (names.length === 1) said = names[0];
    else if (names.length <= 3) said = names.slice(0, -1).join(", ") + " and " + names.at(-1);
    else said = names.slice(0, 2).join(", ") + " and " + (names.length - 2) + " others";
    here.textContent = "Here now: " + said;
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const mine = new WebSocket(scheme + location.host + wall.dataset.liveUrl);
    socket = mine;
    mine.addEventListener("open", function () {
      send({ type: "follow", stream: "board", id: boardId });
    });
    mine.addEventListener("message", function (event) {
      if (socket !== mine) return;
      let data;
      try { data = JSON.parse(event.data); } catch (error) { return; }
      if (data.ref !== undefined && data.ref !== null && pending.has(data.ref)) {
        const resolve = pending.get(data.ref);
        pending.delete(data.ref);
        resolve(data);
        return;
      }
      if (data.stream !== "board" || data.id !== boardId) return;
      if (data.type === "following") {
        const back = wall.classList.contains("wall--offline");
        following = true;
        delay = 1000;
        document.body.dataset.following = "true";
        wall.classList.remove("wall--offline");
        offline.hidden = true;
        if (back) say("Connected again.");
        catchUp();
        clearInterval(renewHere);
        renewHere = setInterval(function () {
          send({ type: "here", stream: "board", id: boardId });
        }, RENEW_HERE_MS);
      } else if (data.type === "event") {
        hear(data.card);
      } else if (data.type === "here") {
        showHere(data.people);
      }
    });
    mine.addEventListener("close", function (event) {
      if (socket !== mine) return;
      following = false;
      delete document.body.dataset.following;
      clearInterval(renewHere);
      const lost = Array.from(pending.values());
      pending.clear();
      lost.forEach(function (resolve) {
        resolve({
          type: "error", code: "offline",
          message: "The connection dropped before the answer came. Check the wall once " +
            "it is back, and try again if needed.",
        });
      });
      if (event.code === 4401 || event.code === 4403) return;
      if (event.code === 4409) redrawAll = true;
      wall.classList.add("wall--offline");
      offline.hidden = false;
      say("Reconnecting…");
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }

  // --- moving a card: pointer on the free wall, keys everywhere but the stream ---------------

  function cardElement(id) {
    return document.getElementById("card-" + id);
  }

  function where(card) {
    const place = placeOf(card);
    if (layout === "wall") return "Column " + (place.x + 1) + ", row " + (place.y + 1);
    const section = sections.find(function (s) { return s.id === sectionOf(card); });
    const column = columnCards(sectionOf(card), card.id);
    const index = column.filter(function (other) { return order(other, card) < 0; }).length;
    return (section ? section.title : "Column") + ", place " + (index + 1) + " of " +
      (column.length + 1);
  }

  function columnCards(sectionId, leaving) {
    return Array.from(cards.values()).filter(function (card) {
      return !card.deleted && card.id !== leaving && sectionOf(card) === sectionId;
    }).sort(order);
  }

  function begin(id, how) {
    const card = cards.get(id);
    if (!card || !movable(card)) return false;
    if (sending.has(id)) {
      say("Still saving this card's last move.");
      return false;
    }
    if (moving) cancel(false);
    moving = { id: id, origin: placeOf(card), how: how };
    const li = cardElement(id);
    if (li) {
      li.classList.add("wall-card--moving");
      const handle = li.querySelector(".wall-card__handle");
      if (handle) handle.setAttribute("aria-pressed", "true");
    }
    return true;
  }

  function same(a, b) {
    if (layout === "wall") return a.x === b.x && a.y === b.y;
    return a.section === b.section && a.position === b.position;
  }

  function finish(id) {
    const li = cardElement(id);
    if (li) li.classList.remove("wall-card--moving", "wall-card--dragging");
    moving = null;
    redraw(id);
  }

  function cancel(announce) {
    if (!moving) return;
    const id = moving.id;
    placed.delete(id);
    finish(id);
    if (announce) say("Put back where it was.");
  }

  function drop() {
    if (!moving) return;
    const id = moving.id;
    const origin = moving.origin;
    const card = cards.get(id);
    const place = placeOf(card);
    if (card.deleted || same(place, origin)) {
      placed.delete(id);
      finish(id);
      say("Left where it was.");
      return;
    }
    finish(id);
    commitMove(card, place);
  }

  function commitMove(card, place) {
    const id = card.id;
    const message = { action: "move", card: id, version: card.version };
    if (layout === "wall") {
      message.x = place.x;
      message.y = place.y;
    } else {
      message.section = sectionOf(card);
      message.position = place.position;
    }
    if (!following) {
      postMove(card, message);
      return;
    }
    sending.add(id);
    act(message).then(function (answer) {
      sending.delete(id);
      placed.delete(id);
      if (answer.card) apply(answer.card);
      redraw(id);
      const now = cards.get(id);
      if (answer.type === "done") {
        say("Moved: " + where(now) + ".");
      } else {
        say(answer.message || "That didn't work. Try again.");
        flash(id);
      }
    });
  }

  // No socket: the same move as the page without its script posts it.
  function postMove(card, message) {
    const fields = { version: message.version };
    if (layout === "wall") {
      fields.x = message.x + 1;
      fields.y = message.y + 1;
    } else {
      fields.section = message.section;
      fields.position = message.position;
    }
    const form = make("form", { method: "post", action: cardUrl("move", card.id), hidden: true },
      [csrfField()]);
    Object.keys(fields).forEach(function (name) {
      form.append(make("input", { type: "hidden", name: name, value: fields[name] }));
    });
    document.body.append(form);
    form.submit();
  }

  // The position that sets ``card`` after ``before`` and before ``after`` in the server's
  // order (position, then id), or undefined when no whole number does.
  function slotPosition(card, before, after) {
    const fits = function (value) {
      const afterBefore = !before || value > before.position ||
        (value === before.position && card.id > before.id);
      const beforeAfter = !after || value < after.position ||
        (value === after.position && card.id < after.id);
      return afterBefore && beforeAfter;
    };
    const tries = [];
    if (!before && !after) tries.push(placeOf(card).position);
    if (before && after) tries.push(Math.floor((before.position + after.position) / 2));
    if (before) tries.push(before.position + 1, before.position);
    if (after) tries.push(after.position - 1, after.position);
    return tries.find(fits);
  }

  function slotIn(card, sectionId, index, direction) {
    const column = columnCards(sectionId, card.id).map(function (other) {
      return { id: other.id, position: placeOf(other).position };
    });
    for (let at = index; at >= 0 && at <= column.length; at += direction || 1) {
      const position = slotPosition(card, column[at - 1], column[at]);
      if (position !== undefined) return { section: sectionId, position: position };
      if (!direction) break;
    }
    return null;
  }

  function step(id, dx, dy) {
    const card = cards.get(id);
    const li = cardElement(id);
    if (!card || !li) return;
    const place = placeOf(card);
    if (layout === "wall") {
      const x = Math.min(gridColumns - 1, Math.max(0, place.x + dx));
      const y = Math.min(gridRows - 1, Math.max(0, place.y + dy));
      placed.set(id, { x: x, y: y });
      setCell(li, x, y);
      if (wide.matches) li.scrollIntoView({ block: "nearest", inline: "nearest" });
      say(where(card));
      return;
    }
    const ids = sectionIds();
    const sectionId = sectionOf(card);
    const column = columnCards(sectionId, id);
    const index = column.filter(function (other) { return order(other, card) < 0; }).length;
    let slot = null;
    if (dx) {
      const target = ids[ids.indexOf(sectionId) + dx];
      if (target === undefined) {
        say("No column further that way. " + where(card) + ".");
        return;
      }
      const length = columnCards(target, id).length;
      slot = slotIn(card, target, Math.min(index, length), 1) ||
        slotIn(card, target, Math.min(index, length), -1);
    } else {
      slot = slotIn(card, sectionId, index + dy, dy);
    }
    if (!slot) {
      say("It can't go further that way. " + where(card) + ".");
      return;
    }
    placed.set(id, slot);
    const focused = document.activeElement;
    put(li, card);
    if (focused && li.contains(focused) && document.activeElement !== focused) {
      focused.focus({ preventScroll: true });
    }
    li.scrollIntoView({ block: "nearest", inline: "nearest" });
    say(where(card));
  }

  const ARROWS = {
    ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1],
  };

  wall.addEventListener("keydown", function (event) {
    const li = event.target.closest(".wall-card");
    if (!li) return;
    const onHandle = event.target.classList.contains("wall-card__handle");
    if (!onHandle && event.target !== li) return;
    const id = Number(li.dataset.card);
    const card = cards.get(id);
    const here = moving && moving.id === id;
    if (here && (!card || card.deleted)) {
      cancel(false);
      return;
    }
    if (!card || !movable(card)) return;
    const arrow = ARROWS[event.key];
    if (arrow && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (!here && !begin(id, "keys")) return;
      step(id, arrow[0], arrow[1]);
    } else if (here && event.key === "Enter") {
      event.preventDefault();
      drop();
    } else if (here && event.key === "Escape") {
      event.preventDefault();
      cancel(true);
    }
  });

  wall.addEventListener("focusout", function (event) {
    if (!moving || moving.how !== "keys") return;
    const li = cardElement(moving.id);
    if (event.relatedTarget && li && !li.contains(event.relatedTarget)) cancel(true);
  });

  function gridTracks(value) {
    return (value || "").split(/\s+/).map(parseFloat).filter(function (n) { return n > 0; });
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
  function cellAt(clientX, clientY) {
    const list = wall.querySelector("ol.wall-cards");
    const box = list.getBoundingClientRect();
    const style = getComputedStyle(list);
    const columnSizes = gridTracks(style.gridTemplateColumns);
    const rowSizes = gridTracks(style.gridTemplateRows);
    const shortest = parseFloat((style.gridAutoRows.match(/[\d.]+px/) || ["144px"])[0]);
    return {
      x: trackAt(clientX - box.left, columnSizes, parseFloat(style.columnGap) || 0,
        gridColumns, columnSizes[0] || 240),
      y: trackAt(clientY - box.top, rowSizes, parseFloat(style.rowGap) || 0,
        gridRows, shortest),
    };
  }

  function scrollNearEdges(clientX, clientY) {
    const box = wall.getBoundingClientRect();
    const margin = 40;
    if (clientX > box.right - margin) wall.scrollLeft += 20;
    else if (clientX < box.left + margin) wall.scrollLeft -= 20;
    if (clientY > box.bottom - margin) wall.scrollTop += 20;
    else if (clientY < box.top + margin) wall.scrollTop -= 20;
  }

  wall.addEventListener("pointerdown", function (event) {
    if (layout !== "wall" || !wide.matches || event.button !== 0 || drag || moving) return;
    const grip = event.target.closest(".wall-card__handle, .wall-card--movable .wall-card__by");
    if (!grip) return;
    const li = grip.closest(".wall-card");
    const id = Number(li.dataset.card);
    const card = cards.get(id);
    if (!card || !movable(card) || sending.has(id)) return;
    drag = {
      id: id, grip: grip, pointer: event.pointerId, startX: event.clientX,
      startY: event.clientY, started: false,
    };
    grip.setPointerCapture(event.pointerId);
  });

  wall.addEventListener("pointermove", function (event) {
    if (!drag || event.pointerId !== drag.pointer) return;
    if (!drag.started) {
      if (Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < 5) return;
      if (!begin(drag.id, "pointer")) {
        drag = null;
        return;
      }
      drag.started = true;
      const li = cardElement(drag.id);
      if (li) li.classList.add("wall-card--dragging");
    }
    event.preventDefault();
    scrollNearEdges(event.clientX, event.clientY);
    const cell = cellAt(event.clientX, event.clientY);
    const card = cards.get(drag.id);
    const place = placeOf(card);
    if (cell.x !== place.x || cell.y !== place.y) {
      placed.set(drag.id, cell);
      const li = cardElement(drag.id);
      if (li) setCell(li, cell.x, cell.y);
    }
  });

  function endDrag(event, keepIt) {
    if (!drag || event.pointerId !== drag.pointer) return;
    const ended = drag;
    drag = null;
    if (ended.grip.hasPointerCapture && ended.grip.hasPointerCapture(event.pointerId)) {
      ended.grip.releasePointerCapture(event.pointerId);
    }
    if (!ended.started) return;
    swallowClick = true;
    setTimeout(function () { swallowClick = false; }, 0);
    if (keepIt) drop();
    else cancel(true);
  }

  wall.addEventListener("pointerup", function (event) { endDrag(event, true); });
  wall.addEventListener("pointercancel", function (event) { endDrag(event, false); });

  // --- editing a card in place --------------------------------------------------------------

  function openEditor(id) {
    const card = cards.get(id);
    if (!card || !card.may_edit) return;
    editing.set(id, {
      version: card.version, body: card.body || "", colour: colourOf(card), message: "",
      showCurrent: false, warned: false,
    });
    redraw(id);
    const textarea = cardElement(id).querySelector('[data-keep="edit-body"]');
    if (textarea) textarea.focus();
  }

  function closeEditor(id) {
    editing.delete(id);
    redraw(id);
    const li = cardElement(id);
    if (li) ((li.querySelector('[data-keep="edit"]')) || li).focus();
  }

  function save(id, form) {
    const edit = editing.get(id);
    if (!edit) return;
    edit.body = form.elements.body.value;
    edit.colour = form.elements.colour.value;
    const button = form.querySelector('[data-keep="edit-save"]');
    if (button) button.disabled = true;
    act({
      action: "edit", card: id, version: edit.version, body: edit.body, colour: edit.colour,
    }).then(function (answer) {
      if (answer.type === "done") {
        apply(answer.card);
        closeEditor(id);
        say("Saved.");
        return;
      }
      if (answer.type === "conflict" && answer.card) {
        apply(answer.card);
        edit.version = answer.card.version;
        edit.message = answer.message + " Your text is still here: save again to put it " +
          "on the card.";
        edit.showCurrent = true;
        edit.warned = false;
      } else {
        edit.message = answer.message || "That didn't work. Try again.";
      }
      redraw(id);
      say(edit.message);
    });
  }

  wall.addEventListener("input", function (event) {
    const li = event.target.closest(".wall-card");
    const edit = li && editing.get(Number(li.dataset.card));
    if (!edit) return;
    if (event.target.dataset.keep === "edit-body") edit.body = event.target.value;
    if (event.target.dataset.keep === "edit-colour") edit.colour = event.target.value;
  });
  wall.addEventListener("change", function (event) {
    const li = event.target.closest(".wall-card");
    const edit = li && editing.get(Number(li.dataset.card));
    if (edit && event.target.dataset.keep === "edit-colour") edit.colour = event.target.value;
  });

  // --- the card's buttons and forms ---------------------------------------------------------

  wall.addEventListener("click", function (event) {
    const control = event.target.closest("[data-action]");
    const li = control && control.closest(".wall-card");
    if (!li) return;
    const id = Number(li.dataset.card);
    const action = control.dataset.action;
    if (action === "edit") {
      if (!following) return; // the edit page, as without the script
      event.preventDefault();
      openEditor(id);
    } else if (action === "cancel-edit") {
      closeEditor(id);
    } else if (action === "move") {
      if (swallowClick) return;
      if (moving && moving.id === id) {
        drop();
      } else if (begin(id, "keys")) {
        say("Moving the card: " + where(cards.get(id)) + ". " + moveHelp.textContent);
      }
    }
  });

  function answered(id, answer, success) {
    if (answer.card) apply(answer.card);
    redraw(id);
    if (answer.type === "done") {
      if (success) say(success);
    } else {
      say(answer.message || "That didn't work. Try again.");
      flash(id);
    }
  }

  wall.addEventListener("submit", function (event) {
    const form = event.target;
    const li = form.closest(".wall-card");
    if (!li) return;
    const id = Number(li.dataset.card);
    const kind = form.dataset.form;
    if (kind === "delete" && !window.confirm("Delete this card? This can't be undone.")) {
      event.preventDefault();
      return;
    }
    if (kind === "edit") {
      event.preventDefault();
      save(id, form);
      return;
    }
    if (!following || !["react", "delete", "approve"].includes(kind)) return;
    event.preventDefault();
    if (kind === "react") {
      const emoji = event.submitter && event.submitter.value;
      if (!emoji) return;
      const picker = form.querySelector("details");
      if (picker) picker.open = false;
      act({ action: "react", card: id, emoji: emoji }).then(function (answer) {
        answered(id, answer, null);
      });
    } else if (kind === "delete") {
      act({ action: "delete", card: id }).then(function (answer) {
        answered(id, answer, "Card deleted.");
      });
    } else {
      act({ action: "approve", card: id }).then(function (answer) {
        answered(id, answer, "Approved: the class sees it now.");
      });
    }
  });

  // --- adding a card ------------------------------------------------------------------------

  function addError(message) {
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

  function chosenKind() {
    const chosen = addForm.querySelector("input[name=kind]:checked");
    return chosen ? chosen.value : "text";
  }

  // Show the fields of the kind of card chosen (all of them show without the script).
  function showKindFields() {
    const kind = chosenKind();
    const only = { link_url: "link", image: "image", image_alt: "image" };
    Object.keys(only).forEach(function (name) {
      const field = addForm.elements[name];
      const box = field && field.closest(".field");
      if (box) box.hidden = only[name] !== kind;
    });
    addForm.querySelectorAll("[data-recorder]").forEach(function (recorder) {
      recorder.hidden = kind !== "clip";
    });
  }

  if (addForm) {
    showKindFields();
    addForm.addEventListener("change", function (event) {
      if (event.target.name === "kind") showKindFields();
    });
    addForm.addEventListener("submit", function (event) {
      const kind = chosenKind();
      // a photo or a clip goes with the form's own post
      if ((kind !== "text" && kind !== "link") || !following) return;
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
          addError("Paste the link to share.");
          return;
        }
        message.link_url = url;
      }
      if (fields.section && fields.section.value) message.section = Number(fields.section.value);
      if (fields.anonymous) message.anonymous = fields.anonymous.checked;
      const button = addForm.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      act(message).then(function (answer) {
        if (button) button.disabled = false;
        if (answer.type !== "done" || !answer.card) {
          addError(answer.message || "That didn't work. Try again.");
          return;
        }
        addError("");
        ["body", "link_url", "image_alt"].forEach(function (name) {
          if (fields[name]) fields[name].value = "";
        });
        hear(answer.card);
        redraw(answer.card.id);
        const li = cardElement(answer.card.id);
        if (li) li.scrollIntoView({ block: "nearest", inline: "nearest" });
        flash(answer.card.id);
        say(answer.card.approved
          ? "Your card is on the wall."
          : "Your card is in. It shows to the class once approved.");
      });
    });
  }

  // --- the rest of the page -----------------------------------------------------------------

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // One drawing for every card: the list the server drew is drawn again from the dicts.
  readJson("wall-cards", []).forEach(function (card) {
    cards.set(card.id, card);
    bump(card.revision);
  });
  wall.querySelectorAll("ol.wall-cards").forEach(function (list) { list.replaceChildren(); });
  Array.from(cards.values()).sort(order).forEach(function (card) {
    put(draw(card), card);
  });
  showEmpty();
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.classList.contains("wall-card")) {
    target.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  connect();
})();
