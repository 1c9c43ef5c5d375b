// The editor's live preview: the form's text goes to the store, which renders it with the
// kiosk's own code (touch item page, LED wall pages); what comes back is shown here.
// The touch page's HTML is the store's inert rendering; wall pages are set as text.
"use strict";

const FIELDS = ["title", "summary", "body", "category", "unit", "doc_number", "index_number", "web_url", "wall"];
let timer = null;
let asked = 0;

// Category colours come as data attributes (the page's CSP allows no inline style).
export function paint(root) {
  for (const node of root.querySelectorAll("[data-color]")) node.style.setProperty("--category", node.dataset.color);
}

async function refresh(form) {
  const data = new FormData();
  data.set("csrf_token", form.elements.csrf_token.value);
  for (const name of FIELDS) {
    const field = form.elements[name];
    if (field) data.set(name, field.value);
  }
  const mine = ++asked;
  const response = await fetch("/admin/preview", { method: "POST", body: data, credentials: "same-origin" });
  if (!response.ok || mine !== asked) return; // a newer preview is on its way
  const result = await response.json();
  const touch = document.getElementById("touch-preview");
  touch.innerHTML = result.touch;
  paint(touch);
  document.getElementById("wall-count").textContent = String(result.wall.count);
  const list = document.getElementById("wall-pages");
  list.replaceChildren(
    ...result.wall.pages.map((text) => {
      const item = document.createElement("li");
      item.className = "wall-page";
      item.textContent = text;
      return item;
    }),
  );
}

function wire() {
  paint(document);
  const form = document.getElementById("item-form");
  if (!form) return;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => refresh(form), 250);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  refresh(form);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
else wire();
