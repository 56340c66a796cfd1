// The editor's page in the preview of `tandem serve`: the text toolbar, the preview,
// pictures and PDFs added by choosing or dropping them, and a question before a tab
// with unsaved changes is closed. The form works without it; this only helps.
(() => {
  "use strict";
  const form = document.getElementById("ed-form");
  const text = document.getElementById("f-body");
  if (!form || !text) return;
  const token = document.querySelector('meta[name="tandem-token"]').content;
  const status = document.getElementById("ed-upload-status");
  const base = "/__tandem/editor";

  // Unsaved changes: ask before the tab is closed or left.
  // A form that holds what a refused save did not write is unsaved from the start.
  let dirty = form.dataset.unsaved === "true";
  form.addEventListener("input", () => { dirty = true; });
  form.addEventListener("change", () => { dirty = true; });
  form.addEventListener("submit", () => { dirty = false; });
  window.addEventListener("beforeunload", (e) => {
    if (dirty) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  // Inserting into the text where the cursor is, as typing would (undo works).
  const insert = (before, after = "", placeholder = "") => {
    text.focus();
    const start = text.selectionStart;
    const end = text.selectionEnd;
    const chosen = text.value.slice(start, end) || placeholder;
    text.setRangeText(before + chosen + after, start, end, "end");
    if (chosen === placeholder && placeholder) {
      text.setSelectionRange(start + before.length, start + before.length + chosen.length);
    }
    text.dispatchEvent(new Event("input", { bubbles: true }));
  };
  // Puts `prefix` at the start of every line the selection touches.
  const prefixLines = (prefix) => {
    text.focus();
    const v = text.value;
    const start = v.lastIndexOf("\n", text.selectionStart - 1) + 1;
    let end = v.indexOf("\n", Math.max(text.selectionEnd - 1, start));
    if (end < 0) end = v.length;
    const lines = v.slice(start, end).split("\n").map((l) => prefix + l);
    text.setRangeText(lines.join("\n"), start, end, "end");
    text.dispatchEvent(new Event("input", { bubbles: true }));
  };
  // A new line for what is inserted, unless the cursor is at the start of one.
  const atLineStart = () => {
    const s = text.selectionStart;
    return s === 0 || text.value[s - 1] === "\n";
  };

  const say = (message) => { status.textContent = message; };

  const upload = async (file) => {
    const tandem = form.dataset.tandem;
    const url = `${base}/upload?tandem=${encodeURIComponent(tandem)}&name=${encodeURIComponent(file.name)}`;
    say(`${file.name} …`);
    try {
      const r = await fetch(url, { method: "POST", body: file, headers: { "X-Tandem-Token": token } });
      if (!r.ok) {
        say(await r.text());
        return;
      }
      const made = await r.json();
      insert((atLineStart() ? "" : "\n") + made.markdown + "\n");
      say(made.markdown);
    } catch (e) {
      say(String(e));
    }
  };

  const picker = document.getElementById("ed-file");
  picker.addEventListener("change", () => {
    for (const f of picker.files) upload(f);
    picker.value = "";
  });
  text.addEventListener("dragover", (e) => {
    if (e.dataTransfer && [...e.dataTransfer.types].includes("Files")) {
      e.preventDefault();
      text.classList.add("ed-drop");
    }
  });
  text.addEventListener("dragleave", () => text.classList.remove("ed-drop"));
  text.addEventListener("drop", (e) => {
    text.classList.remove("ed-drop");
    if (!e.dataTransfer || e.dataTransfer.files.length === 0) return;
    e.preventDefault();
    for (const f of e.dataTransfer.files) upload(f);
  });

  // The preview, rendered by the server as the site renders the entry.
  const preview = document.getElementById("ed-preview");
  const previewBody = preview.querySelector(".ed-preview-body");
  const previewButton = form.querySelector('[data-do="preview"]');
  const showPreview = async () => {
    const data = new URLSearchParams(new FormData(form));
    const r = await fetch(`${base}/preview`, {
      method: "POST",
      body: data,
      headers: { "X-Tandem-Token": token },
    });
    previewBody.innerHTML = r.ok ? await r.text() : "";
    if (!r.ok) previewBody.textContent = await r.text();
  };
  let previewTimer = null;
  text.addEventListener("input", () => {
    if (preview.hidden) return;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(showPreview, 400);
  });

  const actions = {
    heading: () => prefixLines("## "),
    bold: () => insert("**", "**", "…"),
    list: () => prefixLines("- "),
    agreement: () => prefixLines("- [ ] "),
    // An insight is the section under a heading that says something was learned.
    insight: () => {
      const heading = toolbar.querySelector('[data-do="insight"]').dataset.heading;
      insert((atLineStart() ? "" : "\n") + "\n## " + heading + "\n\n", "", "");
    },
    link: () => {
      const select = document.getElementById("ed-link-to");
      const o = select.selectedOptions[0];
      if (!o || !o.value) {
        select.focus();
        return;
      }
      // The entry's title is the link's text; the cursor goes after the link, so
      // that typing goes on after it and a picture added next is not put inside it.
      const chosen = text.selectionStart !== text.selectionEnd;
      insert("[", `](${o.value})`, o.dataset.title);
      if (!chosen) {
        const end = text.selectionEnd + `](${o.value})`.length;
        text.setSelectionRange(end, end);
      }
    },
    picture: () => picker.click(),
    preview: async () => {
      const show = preview.hidden;
      preview.hidden = !show;
      previewButton.setAttribute("aria-pressed", String(show));
      if (show) await showPreview();
    },
  };
  const toolbar = form.querySelector(".ed-toolbar");
  toolbar.hidden = false;
  toolbar.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-do]");
    if (b && actions[b.dataset.do]) actions[b.dataset.do]();
  });
})();
