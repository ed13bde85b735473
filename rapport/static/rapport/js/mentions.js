// @mentions in discussion posts. Typing "@" and a few letters in a textarea marked
// data-mentions asks the server (the closest [data-mention-url]) for matching members of the
// course and offers them in a listbox: arrow keys move, Enter or Tab chooses, Escape closes;
// a tap or click chooses too. Choosing writes "@Name" — what the person reads — and adds
// their id to the form's hidden mention_ids, so the server knows which namesake was meant;
// it turns "@Name" into the mention once it has checked the person belongs to the course
// (without JavaScript, a typed "@Name" that only one member answers to works as well).
// Works on forms htmx adds later (events are delegated from the document).
(function () {
  "use strict";

  const QUERY = /(?:^|[\s(>])@([^\s@[\]()]{1,30}(?: [^\s@[\]()]{0,30})?)$/u;
  const DEBOUNCE_MS = 150;
  let counter = 0;

  function stateFor(textarea) {
    if (textarea._mentions) return textarea._mentions;
    const host = textarea.closest("[data-mention-url]");
    if (!host) return null;
    counter += 1;
    const id = "mention-list-" + counter;
    // The suggestions hang under the textarea's own field; moving the textarea into a new
    // wrapper would take the focus (and the caret) away from the person typing.
    const box = textarea.parentNode;
    box.classList.add("mention-box");
    const list = document.createElement("ul");
    list.id = id;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "People to mention");
    list.hidden = true;
    box.appendChild(list);
    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.appendChild(status);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", id);
    textarea._mentions = {
      url: host.dataset.mentionUrl, list: list, status: status, people: [], active: -1,
      start: -1, timer: null, controller: null, cache: new Map(), placed: [],
    };
    return textarea._mentions;
  }

  function close(textarea) {
    const state = textarea._mentions;
    if (!state) return;
    state.list.hidden = true;
    state.list.replaceChildren();
    state.people = [];
    state.active = -1;
    textarea.removeAttribute("aria-activedescendant");
  }

  function setActive(textarea, index) {
    const state = textarea._mentions;
    const options = state.list.querySelectorAll("[role=option]");
    if (!options.length) return;
    state.active = (index + options.length) % options.length;
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === state.active ? "true" : "false");
    });
    const current = options[state.active];
    textarea.setAttribute("aria-activedescendant", current.id);
    current.scrollIntoView({ block: "nearest" });
  }

  function initials(name) {
    return name.split(/\s+/).slice(0, 2).map(function (w) { return w.charAt(0); }).join("").toUpperCase();
  }

  function show(textarea, people) {
    const state = textarea._mentions;
    state.people = people;
    state.list.replaceChildren();
    if (!people.length) {
      close(textarea);
      state.status.textContent = "No one in this course by that name.";
      return;
    }
    people.forEach(function (person, i) {
      const option = document.createElement("li");
      option.id = state.list.id + "-" + i;
      option.className = "mention-option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      if (person.face_url) {
        const img = document.createElement("img");
        img.src = person.face_url;
        img.alt = "";
        option.appendChild(img);
      } else {
        const span = document.createElement("span");
        span.className = "mention-option__initials";
        span.setAttribute("aria-hidden", "true");
        span.textContent = initials(person.name);
        option.appendChild(span);
      }
      option.appendChild(document.createTextNode(person.name));
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus (and the caret) in the textarea
        choose(textarea, i);
      });
      state.list.appendChild(option);
    });
    state.list.hidden = false;
    setActive(textarea, 0);
    state.status.textContent = people.length + (people.length === 1 ? " person" : " people") +
      " found. Up and down arrows to move, Enter to choose, Escape to close.";
  }

  function choose(textarea, index) {
    const state = textarea._mentions;
    const person = state.people[index];
    if (!person || state.start < 0) return;
    const caret = textarea.selectionStart;
    textarea.setRangeText("@" + person.name + " ", state.start, caret, "end");
    remember(textarea, person.id);
    state.placed.push(person.name);
    close(textarea);
    state.status.textContent = person.name + " will be mentioned.";
    textarea.focus();
  }

  function remember(textarea, id) {
    const field = textarea.form && textarea.form.elements.namedItem("mention_ids");
    if (!field) return;
    const ids = field.value.split(",").filter(Boolean);
    if (ids.indexOf(String(id)) < 0) ids.push(String(id));
    field.value = ids.join(",");
  }

  function lookup(textarea) {
    const state = stateFor(textarea);
    if (!state) return;
    const before = textarea.value.slice(0, textarea.selectionStart);
    const match = QUERY.exec(before);
    // Words typed after a name just chosen are not a new search.
    const placed = match && state.placed.some(function (name) { return match[1].startsWith(name + " "); });
    if (!match || placed) { close(textarea); return; }
    state.start = textarea.selectionStart - match[1].length - 1;
    const query = match[1];
    clearTimeout(state.timer);
    state.timer = setTimeout(function () {
      if (state.cache.has(query)) { show(textarea, state.cache.get(query)); return; }
      if (state.controller) state.controller.abort();
      state.controller = new AbortController();
      const url = new URL(state.url, window.location.href);
      url.searchParams.set("q", query);
      fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: state.controller.signal,
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (people) {
          state.cache.set(query, people);
          if (document.activeElement === textarea) show(textarea, people);
        })
        .catch(function () { /* aborted or offline: no suggestions */ });
    }, DEBOUNCE_MS);
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("textarea[data-mentions]")) lookup(event.target);
  });

  document.addEventListener("keydown", function (event) {
    const textarea = event.target;
    if (!textarea.matches || !textarea.matches("textarea[data-mentions]")) return;
    const state = textarea._mentions;
    if (!state || state.list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); setActive(textarea, state.active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); setActive(textarea, state.active - 1); }
    else if (event.key === "Enter" || event.key === "Tab") { event.preventDefault(); choose(textarea, state.active); }
    else if (event.key === "Escape") { event.preventDefault(); close(textarea); }
  });

  document.addEventListener("focusout", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-mentions]")) {
      const textarea = event.target;
      setTimeout(function () { if (document.activeElement !== textarea) close(textarea); }, 150);
    }
  });
})();
