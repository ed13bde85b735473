// An activity's results drawn as HTML: a word cloud (font sizes come from the server),
// bars for a poll, a scale and the mood faces, and open answers by upvotes.
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function bars(rows, labelOf) {
  const list = el("ul", "live-bars");
  list.setAttribute("role", "list");
  rows.forEach((row) => {
    const item = el("li", "live-bars__row");
    item.appendChild(el("span", "live-bars__label", labelOf(row)));
    const track = el("span", "live-bars__track");
    const fill = el("span", "live-bars__fill");
    fill.style.width = row.percent + "%";
    track.appendChild(fill);
    item.appendChild(track);
    item.appendChild(el("span", "live-bars__count", `${row.count} (${row.percent}%)`));
    list.appendChild(item);
  });
  return list;
}

function cloud(words) {
  const box = el("p", "live-cloud");
  words.forEach((word) => {
    const span = el("span", "live-cloud__word", word.word);
    span.style.fontSize = `calc(${word.size}rem * var(--cloud-scale, 1))`;
    span.title = `${word.count}`;
    box.appendChild(span);
    box.appendChild(document.createTextNode(" "));
  });
  return box;
}

function openAnswers(answers, options) {
  const list = el("ol", "live-open");
  answers.forEach((answer) => {
    const item = el("li", "live-open__answer");
    item.appendChild(el("span", "live-open__text", answer.text));
    if (options.onUpvote && !options.ownAnswer(answer.id)) {
      const button = el("button", "button--small button--quiet", `▲ ${answer.votes}`);
      button.type = "button";
      const on = options.upvoted.has(answer.id);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.setAttribute("aria-label", `Upvote (${answer.votes} so far)`);
      button.addEventListener("click", () => options.onUpvote(answer.id));
      item.appendChild(button);
    } else {
      item.appendChild(el("span", "live-open__votes", `▲ ${answer.votes}`));
    }
    list.appendChild(item);
  });
  return list;
}

export function drawResults(container, activity, results, options = {}) {
  container.replaceChildren();
  if (!activity || !results) return;
  const n = results.answered;
  container.appendChild(el("p", "live-answered", `${n} answer${n === 1 ? "" : "s"}`));
  if (results.words) {
    container.appendChild(cloud(results.words));
  } else if (results.choices) {
    container.appendChild(bars(results.choices, (row) => row.choice));
  } else if (results.distribution) {
    if (results.mean !== null) {
      container.appendChild(el("p", "live-mean", `Average ${results.mean} out of 5`));
    }
    container.appendChild(bars(results.distribution, (row) => String(row.value)));
  } else if (results.faces) {
    container.appendChild(bars(results.faces, (row) => `${row.face} ${row.label}`));
  } else if (results.answers) {
    container.appendChild(openAnswers(results.answers, options));
  } else if (!options.host) {
    container.appendChild(el("p", "muted", "Results show here when your teacher reveals them."));
  }
}
