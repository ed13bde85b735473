// The wall itself as the teaching team now has it set (walls.selectors.shape_board): its
// title and prompt, whether it is locked, whether this reader may add cards and post them
// anonymously to classmates. Heard live, and again with every catch-up after a drop.
import { say } from "./status.js";

// Show the wall as `facts` say; true when it was locked or opened, so that what this reader
// may do with each card changed and every card must be drawn again.
export function applySettings(board, facts) {
  const title = document.getElementById("wall-title");
  if (title) title.textContent = facts.title;
  const prompt = document.getElementById("wall-prompt");
  if (prompt) {
    prompt.textContent = facts.prompt;
    prompt.hidden = !facts.prompt;
  }
  const lockedNotice = document.getElementById("wall-locked");
  if (lockedNotice) lockedNotice.hidden = !facts.locked;
  const add = document.getElementById("wall-add");
  if (add) add.hidden = !facts.may_post;
  const anonymous = document.getElementById("wall-anonymous");
  if (anonymous) {
    anonymous.hidden = !facts.anonymous_offered;
    if (anonymous.hidden) anonymous.querySelectorAll("input").forEach((box) => { box.checked = false; });
  }
  const changed = board.locked !== facts.locked;
  board.locked = facts.locked;
  if (changed) {
    say(board, facts.locked ? "The teaching team locked this wall." : "This wall is open again.");
  }
  return changed;
}
