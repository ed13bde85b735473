// The cue editor (media/caption_cues.html): each caption's row gets a button that plays the
// recording from its start, 0.1 s nudges for its times (buttons, and Alt+←/→ for the start,
// Alt+Shift+←/→ for the end), split, merge, add and delete; the caption being played is
// highlighted.
// Without this script the rows are a plain form (start, end, words) that still saves: the
// server checks and stores whatever rows are posted, so everything here only edits the rows.
(function () {
  "use strict";

  const STEP = 0.1;
  const form = document.querySelector("[data-cue-editor]");
  if (!form) return;
  const list = form.querySelector("[data-cue-list]");
  const status = form.querySelector("[data-cue-status]");
  const duration = parseFloat(form.dataset.duration) || Infinity;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  // The same times the server reads (rapport/media/cue_edits.py): plain seconds "62.5" or
  // [h:]m:ss(.fff) "1:02.500".
  function seconds(value) {
    const text = value.trim().replace(",", ".");
    if (/^\d+(\.\d{1,3})?$/.test(text)) return parseFloat(text);
    const match = text.match(/^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d{1,3})?)$/);
    if (!match || parseFloat(match[3]) >= 60) return NaN;
    return (parseInt(match[1] || "0", 10) * 3600) + (parseInt(match[2], 10) * 60) + parseFloat(match[3]);
  }

  function clock(value) {
    let millis = Math.round(value * 1000);
    const hours = Math.floor(millis / 3600000);
    millis -= hours * 3600000;
    const minutes = Math.floor(millis / 60000);
    millis -= minutes * 60000;
    const secs = Math.floor(millis / 1000);
    millis -= secs * 1000;
    const tail = `${String(secs).padStart(2, "0")}.${String(millis).padStart(3, "0")}`;
    return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${tail}` : `${minutes}:${tail}`;
  }

  const rows = () => Array.from(list.querySelectorAll("[data-cue]"));
  const field = (row, name) => row.querySelector(`[name="${name}"]`);
  const number = (row) => rows().indexOf(row) + 1;
  const player = () => document.querySelector("[data-media-id] video, [data-media-id] audio");

  function say(message) {
    status.textContent = "";
    // a fresh node each time, so the same words twice are read twice
    window.setTimeout(() => { status.textContent = message; }, 30);
  }

  function button(text, data, hidden) {
    const made = document.createElement("button");
    made.type = "button";
    made.className = "button button--small button--quiet";
    made.append(text);
    if (hidden) {
      const span = document.createElement("span");
      span.className = "visually-hidden";
      span.dataset.cueHidden = hidden;
      made.append(span);
    }
    Object.assign(made.dataset, data);
    return made;
  }

  function enhance(row) {
    const play = button("Play from ", { cuePlay: "" }, "play");
    const at = document.createElement("span");
    at.dataset.cueClock = "";
    play.insertBefore(at, play.querySelector("[data-cue-hidden]"));
    play.className = "button button--small cue__play";
    row.querySelector("legend").after(play);
    for (const which of ["start", "end"]) {
      const nudges = document.createElement("div");
      nudges.className = "cue__nudges";
      nudges.append(
        button("−0.1 s", { nudge: which, by: String(-STEP) }, which),
        button("+0.1 s", { nudge: which, by: String(STEP) }, which),
      );
      field(row, which).after(nudges);
    }
    const actions = document.createElement("div");
    actions.className = "cue__actions row";
    actions.append(
      button("Split", { cueSplit: "" }, "split"),
      button("Merge with next", { cueMerge: "" }, "merge"),
      button("Add after", { cueAdd: "" }, "add"),
      button("Delete", { cueDelete: "" }, "delete"),
    );
    row.querySelector("fieldset").append(actions);
    // the buttons add and delete here; the plain form's box and empty row are not needed
    row.querySelector("[data-cue-remove-box]").hidden = true;
  }

  // Numbers, ids and hidden words follow the rows' order after every split and merge.
  function renumber() {
    const all = rows();
    all.forEach((row, index) => {
      const n = index + 1;
      row.querySelector("[data-cue-legend]").textContent = `Caption ${n}`;
      for (const name of ["start", "end", "text"]) {
        field(row, name).id = `cue-${n}-${name}`;
        row.querySelector(`label[data-for="${name}"]`).htmlFor = `cue-${n}-${name}`;
      }
      const hidden = {
        play: ` (caption ${n})`,
        start: ` (start of caption ${n})`,
        end: ` (end of caption ${n})`,
        split: ` caption ${n}`,
        merge: ` (caption ${n} with ${n + 1})`,
        add: ` caption ${n}`,
        delete: ` caption ${n}`,
      };
      row.querySelectorAll("[data-cue-hidden]").forEach((span) => {
        span.textContent = hidden[span.dataset.cueHidden];
      });
      row.querySelector("[data-cue-merge]").hidden = n === all.length;
      row.querySelector("[data-cue-delete]").hidden = all.length === 1;
      const remove = field(row, "remove");
      remove.id = `cue-${n}-remove`;
      remove.value = String(n);
      remove.nextElementSibling.htmlFor = remove.id;
      showClock(row);
    });
  }

  function showClock(row) {
    const start = seconds(field(row, "start").value);
    row.querySelector("[data-cue-clock]").textContent = Number.isNaN(start) ? "?" : clock(start);
  }

  function nudge(row, which, by) {
    const start = seconds(field(row, "start").value);
    const end = seconds(field(row, "end").value);
    const n = number(row);
    if (Number.isNaN(start) || Number.isNaN(end)) {
      say(`Caption ${n}: write its start and end as times first, like 0:01.500.`);
      return;
    }
    const before = row.previousElementSibling;
    const after = row.nextElementSibling;
    const value = which === "start" ? start : end;
    // a caption keeps at least 0.1 s and never runs into its neighbours or past the end
    const lower = which === "start"
      ? Math.max(0, before ? seconds(field(before, "end").value) || 0 : 0)
      : start + STEP;
    const upper = which === "start"
      ? end - STEP
      : Math.min(duration, after ? seconds(field(after, "start").value) || Infinity : Infinity);
    const wanted = Math.round((value + by) * 1000) / 1000;
    const target = Math.round(Math.min(upper, Math.max(lower, wanted)) * 1000) / 1000;
    const word = which === "start" ? "starts" : "ends";
    if (by < 0 ? target >= value : target <= value) {
      say(`Caption ${n} ${word} at ${clock(value)} and can't move ${by < 0 ? "earlier" : "later"}.`);
      return;
    }
    field(row, which).value = clock(target);
    showClock(row);
    say(`Caption ${n} ${word} at ${clock(target)}.`);
  }

  // Where to cut: the caret, if it sits inside the words; else the space nearest the middle.
  function cutAt(text, caret) {
    if (caret > 0 && caret < text.length && text.slice(0, caret).trim() && text.slice(caret).trim()) {
      return caret;
    }
    const middle = text.length / 2;
    let best = -1;
    for (let index = 0; index < text.length; index += 1) {
      if (/\s/.test(text[index]) && text.slice(0, index).trim() && text.slice(index).trim()
          && (best < 0 || Math.abs(index - middle) < Math.abs(best - middle))) {
        best = index;
      }
    }
    return best;
  }

  function split(row) {
    const words = field(row, "text");
    const text = words.value;
    const n = number(row);
    const start = seconds(field(row, "start").value);
    const end = seconds(field(row, "end").value);
    if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
      say(`Caption ${n}: correct its times before splitting it.`);
      return;
    }
    const at = cutAt(text, parseInt(row.dataset.caret || "-1", 10));
    if (at < 0) {
      say(`Caption ${n} has a single word, so it can't be split.`);
      return;
    }
    // the time is cut in the same proportion as the words
    const cut = Math.round((start + (end - start) * (at / text.length)) * 1000) / 1000;
    const second = row.cloneNode(true);
    field(second, "identifier").value = "";
    words.value = text.slice(0, at).trim();
    field(row, "end").value = clock(cut);
    field(second, "text").value = text.slice(at).trim();
    field(second, "start").value = clock(cut);
    delete row.dataset.caret;
    delete second.dataset.caret;
    second.classList.remove("cue--playing");
    second.removeAttribute("aria-current");
    row.after(second);
    renumber();
    field(second, "text").focus();
    say(`Caption ${n} is split in two: captions ${n} and ${n + 1}, at ${clock(cut)}.`);
  }

  function merge(row) {
    const next = row.nextElementSibling;
    if (!next) return;
    const n = number(row);
    const words = field(row, "text");
    words.value = [words.value.trim(), field(next, "text").value.trim()].filter(Boolean).join(" ");
    field(row, "end").value = field(next, "end").value;
    next.remove();
    renumber();
    words.focus();
    say(`Captions ${n} and ${n + 1} are merged into caption ${n}.`);
  }

  function emptyCopy(row) {
    const copy = row.cloneNode(true);
    for (const name of ["text", "settings", "identifier"]) field(copy, name).value = "";
    delete copy.dataset.caret;
    copy.classList.remove("cue--playing");
    copy.removeAttribute("aria-current");
    return copy;
  }

  // An empty caption in the time between this one's end and the next one's start (at most
  // two seconds of it).
  function addAfter(row) {
    const n = number(row);
    const start = seconds(field(row, "end").value);
    if (Number.isNaN(start)) {
      say(`Caption ${n}: correct its end before adding a caption after it.`);
      return;
    }
    const next = row.nextElementSibling;
    const limit = next ? seconds(field(next, "start").value) : duration;
    const end = Math.round(Math.min(start + 2, Number.isNaN(limit) ? start + 2 : limit) * 1000) / 1000;
    if (end - start < STEP) {
      say(`There's no time between caption ${n} and the next one: shorten caption ${n} first.`);
      return;
    }
    const added = emptyCopy(row);
    field(added, "start").value = clock(start);
    field(added, "end").value = clock(end);
    row.after(added);
    renumber();
    field(added, "text").focus();
    say(`Caption ${n + 1} is added, from ${clock(start)} to ${clock(end)}: write its words.`);
  }

  function remove(row) {
    const all = rows();
    if (all.length === 1) return;
    const n = number(row);
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    if (playingRow === row) playingRow = null;
    renumber();
    field(next, "text").focus();
    say(`Caption ${n} is deleted.`);
  }

  function playFrom(row) {
    const start = seconds(field(row, "start").value);
    const media = player();
    if (!media || Number.isNaN(start)) return;
    media.currentTime = start;
    const playing = media.play();
    if (playing && playing.catch) playing.catch(() => {});
  }

  let playingRow = null;
  function highlight() {
    const media = player();
    if (!media) return;
    const now = media.currentTime;
    const found = rows().find((row) => {
      const start = seconds(field(row, "start").value);
      const end = seconds(field(row, "end").value);
      return start <= now && now < end;
    }) || null;
    if (found === playingRow) return;
    if (playingRow) {
      playingRow.classList.remove("cue--playing");
      playingRow.removeAttribute("aria-current");
    }
    playingRow = found;
    if (!found) return;
    found.classList.add("cue--playing");
    found.setAttribute("aria-current", "time");
    // follow the recording only while nobody is typing in the list
    if (!media.paused && !list.contains(document.activeElement)) {
      found.scrollIntoView({ block: "nearest", behavior: reducedMotion.matches ? "auto" : "smooth" });
    }
  }

  list.addEventListener("click", (event) => {
    const target = event.target.closest("button");
    const row = target && target.closest("[data-cue]");
    if (!row) return;
    if (target.dataset.nudge) nudge(row, target.dataset.nudge, parseFloat(target.dataset.by));
    else if ("cueSplit" in target.dataset) split(row);
    else if ("cueMerge" in target.dataset) merge(row);
    else if ("cueAdd" in target.dataset) addAfter(row);
    else if ("cueDelete" in target.dataset) remove(row);
    else if ("cuePlay" in target.dataset) playFrom(row);
  });

  list.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const row = event.target.closest("[data-cue]");
    if (!row) return;
    event.preventDefault(); // Alt+← is also the browser's Back
    nudge(row, event.shiftKey ? "end" : "start", event.key === "ArrowLeft" ? -STEP : STEP);
  });

  // Where the caret was when the words lost focus: Split cuts there.
  list.addEventListener("focusout", (event) => {
    if (event.target.name === "text") {
      event.target.closest("[data-cue]").dataset.caret = String(event.target.selectionStart);
    }
  });

  list.addEventListener("input", (event) => {
    if (event.target.name === "start") showClock(event.target.closest("[data-cue]"));
  });

  // Leaving with changes not saved asks first; saving does not.
  let changed = false;
  const change = () => { changed = true; };
  list.addEventListener("input", change);
  list.addEventListener("click", (event) => {
    if (event.target.closest("[data-nudge], [data-cue-split], [data-cue-merge], [data-cue-add], [data-cue-delete]")) {
      change();
    }
  });
  list.addEventListener("keydown", (event) => { if (event.defaultPrevented) change(); });
  form.addEventListener("submit", () => { changed = false; });
  window.addEventListener("beforeunload", (event) => {
    if (changed) event.preventDefault();
  });

  rows().forEach(enhance);
  const empty = form.querySelector("[data-cue-new]");
  if (empty) empty.remove();
  renumber();
  form.querySelector("[data-cue-keys]").hidden = false;
  const media = player();
  if (media) {
    media.addEventListener("timeupdate", highlight);
    media.addEventListener("seeked", highlight);
  }
  const error = document.getElementById("cue-editor-error");
  if (error) error.focus();
}());
