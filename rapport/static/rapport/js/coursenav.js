// The course navigation, made foldable: on phones a Menu button shows and hides the whole
// list; on wider screens each group's button opens its pages (the WAI-ARIA disclosure
// pattern: aria-expanded on a real button, aria-controls naming what it shows). Without
// this script nothing is folded and every link stays in view. Escape closes what is open
// and puts focus back on its button; leaving a group (focus or click) closes it.
// Loaded right after the nav, so the page is never drawn unfolded first.
(function () {
  "use strict";

  const nav = document.querySelector("[data-coursenav]");
  if (!nav) return;
  const toggle = nav.querySelector(".coursenav__toggle");
  const groupButtons = Array.from(nav.querySelectorAll(".navgroup__button"));
  nav.classList.add("coursenav--js");

  function isOpen(button) {
    return button.getAttribute("aria-expanded") === "true";
  }

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function closeGroups(except) {
    groupButtons.forEach(function (button) {
      if (button !== except) setOpen(button, false);
    });
  }

  toggle.addEventListener("click", function () {
    setOpen(toggle, !isOpen(toggle));
  });

  groupButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      closeGroups(button);
      setOpen(button, !isOpen(button));
    });
    // Focus moving out of an open group (Tab past its last page) closes it.
    button.parentElement.addEventListener("focusout", function (event) {
      if (!button.parentElement.contains(event.relatedTarget)) setOpen(button, false);
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    const openGroup = groupButtons.find(isOpen);
    if (openGroup) {
      setOpen(openGroup, false);
      if (openGroup.parentElement.contains(document.activeElement)) openGroup.focus();
      return;
    }
    if (isOpen(toggle) && nav.contains(document.activeElement)) {
      setOpen(toggle, false);
      toggle.focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) closeGroups(null);
  });
})();
