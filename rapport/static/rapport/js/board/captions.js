// A clip's captions panel (its ``panel`` data from walls.selectors), in the markup of
// media/_captions_panel.html as rapport/js/transcript.js leaves it: each time a button that
// plays the clip from there, and the box that shows only the captions holding some words.
// transcript.js, which the board page loads, handles both.
import { make } from "./dom.js";

const STATES = {
  timing: "being timed", draft: "draft ready — please check", ready: "ready",
  failed: "timing failed",
};
const LINKS = { none: "Add captions", draft: "Check the draft" };

export function captionsPanel(clip) {
  const panel = clip.panel;
  if (!panel) return null;
  const box = make("div", { className: "media-captions stack", "data-captions-panel": true });
  if (panel.can_manage) box.append(status(panel, clip.captions_page));
  const several = panel.transcripts.length > 1;
  panel.transcripts.forEach((transcript) => box.append(reader(panel, transcript, several)));
  return box;
}

function status(panel, page) {
  const line = make("p", { className: "media-captions__status" }, [
    make("span", {
      "data-captions-state": panel.state,
      text: "Captions: " + (STATES[panel.state] || "none"),
    }),
  ]);
  if (page) {
    line.append(" · ", make("a", {
      href: page, text: LINKS[panel.state] || "Edit captions",
    }));
  }
  return line;
}

function reader(panel, transcript, several) {
  const fieldId = "transcript-" + transcript.caption.language + "-" + panel.media_id;
  const summary = "Read the transcript" + (several ? " (" + transcript.caption.label + ")" : "");
  const list = make("ol", { className: "list", role: "list", lang: transcript.caption.language });
  transcript.lines.forEach((line) => {
    const seek = make("button", {
      type: "button", className: "media-captions__seek", "data-seek": line.start.toFixed(3),
      "aria-label": "Play from " + line.clock, text: line.clock,
    });
    const text = make("span", { "data-transcript-text": true });
    line.text.split("\n").forEach((part, index) => {
      if (index) text.append(make("br"));
      text.append(part);
    });
    list.append(make("li", { "data-transcript-cue": true }, [seek, " ", text]));
  });
  return make("details", {
    className: "media-captions__transcript", "data-transcript": true,
    "data-transcript-ready": "1",
  }, [
    make("summary", { text: summary }),
    make("div", { className: "media-captions__find", "data-transcript-find": true }, [
      make("label", { for: fieldId, text: "Show only captions with" }),
      make("input", {
        type: "search", id: fieldId, "data-transcript-filter": true, autocomplete: "off",
      }),
      make("p", { className: "muted", role: "status", "data-transcript-count": true }),
    ]),
    list,
  ]);
}
