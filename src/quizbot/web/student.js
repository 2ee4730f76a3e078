// The light student page: one websocket; every line typed goes to the server, which
// answers with what to show. Every string from the class is put in with textContent.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const form = $("form");
  const line = $("line");
  let deadline = null; // when the open question's time is up (this browser's clock)
  let frozen = null; // seconds left while the teacher has paused

  function lines(element, texts, tag) {
    element.replaceChildren(
      ...texts.map((text) => {
        const item = document.createElement(tag);
        item.textContent = text;
        return item;
      }),
    );
  }

  function tick() {
    let left = null;
    if (frozen !== null) left = frozen;
    else if (deadline !== null) left = Math.max(0, (deadline - Date.now()) / 1000);
    $("countdown").textContent = left === null ? "" : String(Math.floor(left + 0.999));
  }

  function show(state) {
    $("where").textContent = state.where;
    $("question").textContent = state.prompt;
    lines($("options"), state.options, "li");
    lines($("result"), state.result, "p");
    $("status").textContent = state.status;
    deadline = frozen = null;
    if (state.remaining !== null) {
      if (state.paused) frozen = state.remaining;
      else deadline = Date.now() + state.remaining * 1000;
    }
    tick();
    if (state.step === "none") {
      form.hidden = true;
    } else {
      $("field").textContent = state.label;
      form.hidden = false;
      line.focus();
    }
  }

  const socket = new WebSocket(document.body.dataset.websocket);
  socket.addEventListener("message", (event) => show(JSON.parse(event.data)));
  socket.addEventListener("close", (event) => {
    form.hidden = true;
    deadline = frozen = null;
    tick();
    $("connection").textContent =
      event.reason || "The connection to the class was lost: reload the page to join again.";
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (socket.readyState === WebSocket.OPEN) socket.send(line.value);
    line.value = "";
  });
  setInterval(tick, 250);
})();
