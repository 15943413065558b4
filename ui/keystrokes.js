// Every keystroke kept: a text box's value is handed to Streamlit a moment after the last key.
//
// st.text_area and st.text_input send their value only on blur or (Ctrl+)Enter, so words typed
// just before a refresh or a closed tab were lost. This script, mounted once by ui/keystrokes.py,
// listens to typing anywhere in the page and, PAUSE ms after a box's last key (or MOST ms into
// unbroken typing), gives that box the key press Streamlit itself commits on: Ctrl+Enter in a text
// area, Enter in a text input. The box's own on_change then saves the value exactly as a blur
// would. Leaving the page (refresh, closed tab, another app) commits whatever is pending at once.
// Boxes inside an st.form are left alone: Enter would submit the form.
export default function (component) {
  if (window.__followthroughKeystrokes) return;
  window.__followthroughKeystrokes = true;
  const data = component.data || {};
  const pause = data.pause || 600;
  const most = data.most || 5000;
  const pending = new Map(); // box -> {timer, since}

  const watched = (box) =>
    box instanceof HTMLElement &&
    (box.tagName === "TEXTAREA" || box.tagName === "INPUT") &&
    box.closest('[data-testid="stTextArea"], [data-testid="stTextInput"]') !== null &&
    box.closest('[data-testid="stForm"]') === null;

  const boxes = () => [...document.querySelectorAll("textarea, input")].filter(watched);

  // A save may redraw the box as a new widget (a default plan row gets its id and key on its first
  // save). The cursor then follows to the box in the same place, with what was typed meanwhile
  // (keys that reach the page while no box has the focus are held for it).
  let followed = null; // {box, index, held}
  const stop = () => {
    followed = null;
    watcher.disconnect();
  };
  const follow = () => {
    if (followed === null || followed.box.isConnected) return;
    const { box, index, held } = followed;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return stop(); // the person moved on
    const next = boxes()[index];
    if (next === undefined || next.tagName !== box.tagName) return; // not drawn yet
    if (next.getAttribute("aria-label") !== box.getAttribute("aria-label")) return;
    stop();
    next.focus();
    const value = box.value + held;
    if (next.value !== value) {
      const proto = box.tagName === "TEXTAREA" ? HTMLTextAreaElement : HTMLInputElement;
      Object.getOwnPropertyDescriptor(proto.prototype, "value").set.call(next, value);
      next.dispatchEvent(new Event("input", { bubbles: true })); // React sees the change, dirty
    }
    next.setSelectionRange(next.value.length, next.value.length);
  };
  const watcher = new MutationObserver(follow);
  document.addEventListener(
    "keydown",
    (event) => {
      if (followed === null || followed.box.isConnected) return;
      if (document.activeElement !== null && document.activeElement !== document.body) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key.length === 1) followed.held += event.key;
      else if (event.key === "Backspace") followed.held = followed.held.slice(0, -1);
      else return;
      event.preventDefault();
    },
    true,
  );
  const app = document.querySelector('[data-testid="stApp"]');
  if (app !== null) {
    new MutationObserver(() => {
      if (followed === null || app.getAttribute("data-test-script-state") !== "notRunning") return;
      const box = followed.box;
      setTimeout(() => followed !== null && followed.box === box && stop(), 10000);
    }).observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
  }

  const commit = (box) => {
    const entry = pending.get(box);
    if (entry) clearTimeout(entry.timer);
    pending.delete(box);
    if (!box.isConnected) return;
    if (box === document.activeElement) {
      followed = { box, index: boxes().indexOf(box), held: "" };
      watcher.observe(document.body, { childList: true, subtree: true });
    }
    box.dispatchEvent(
      new KeyboardEvent("keydown", {
        key: "Enter",
        code: "Enter",
        keyCode: 13,
        which: 13,
        ctrlKey: box.tagName === "TEXTAREA",
        bubbles: true,
        cancelable: true,
      }),
    );
  };

  const typed = (box) => {
    const now = Date.now();
    const entry = pending.get(box);
    const since = entry ? entry.since : now;
    if (entry) clearTimeout(entry.timer);
    const delay = Math.max(0, Math.min(pause, since + most - now));
    pending.set(box, { timer: setTimeout(() => commit(box), delay), since });
  };

  document.addEventListener(
    "input",
    (event) => {
      if (watched(event.target) && !event.isComposing) typed(event.target);
    },
    true,
  );
  document.addEventListener(
    "compositionend",
    (event) => {
      if (watched(event.target)) typed(event.target);
    },
    true,
  );
  document.addEventListener(
    "focusout",
    (event) => {
      const entry = pending.get(event.target);
      if (entry) clearTimeout(entry.timer);
      pending.delete(event.target); // Streamlit commits a box on blur itself
    },
    true,
  );
  const flush = () => {
    for (const box of [...pending.keys()]) commit(box);
  };
  window.addEventListener("pagehide", flush);
  window.addEventListener("beforeunload", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
}
