// A group set's page: while the groups are forming, the progress bar follows the task and
// the page shows the groups once they are ready; on a planned round, a learner can be
// dragged into another group (the same as choosing them and the group in the round's "Move"
// form, which is the way by keyboard and without this script).
const forming = document.getElementById("forming");
if (forming) followProgress(forming);
document.querySelectorAll(".group-grid[data-move-form]").forEach(allowDragging);

function followProgress(box) {
  const bar = document.getElementById("forming-bar");
  const status = document.getElementById("forming-status");
  const tick = () => {
    fetch(box.dataset.progressUrl, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((state) => {
        if (!state) return setTimeout(tick, 2000);
        if (state.status !== "forming") {
          location.reload();
          return;
        }
        bar.value = state.progress;
        bar.textContent = state.progress + "%";
        status.textContent = state.progress + "% — this page shows the groups as soon as they are ready.";
        setTimeout(tick, 1000);
      })
      .catch(() => setTimeout(tick, 2000));
  };
  setTimeout(tick, 500);
}

function allowDragging(grid) {
  grid.addEventListener("dragstart", (event) => {
    const member = event.target.closest(".group-member");
    if (!member) return;
    event.dataTransfer.setData("text/plain", member.dataset.user);
    event.dataTransfer.effectAllowed = "move";
    member.classList.add("group-member--dragging");
  });
  grid.addEventListener("dragend", (event) => {
    const member = event.target.closest(".group-member");
    if (member) member.classList.remove("group-member--dragging");
  });
  grid.addEventListener("dragover", (event) => {
    if (event.target.closest(".group-box")) event.preventDefault();
  });
  grid.addEventListener("drop", (event) => {
    const box = event.target.closest(".group-box");
    const user = event.dataTransfer.getData("text/plain");
    if (!box || !user) return;
    event.preventDefault();
    const form = document.getElementById(grid.dataset.moveForm);
    if (!form) return;
    form.querySelector("select[name=user]").value = user;
    form.querySelector("select[name=group]").value = box.dataset.group;
    form.requestSubmit();
  });
}
