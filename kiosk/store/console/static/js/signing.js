// Signing in the browser: each person's Ed25519 key lives in this browser, never on the server.
//
// The key is a WebCrypto CryptoKey made non-extractable: page scripts can ask it to sign,
// but nobody can read its bytes, and it is kept in IndexedDB (which stores CryptoKeys as
// they are). It is either made here (generateKey) and its public half registered with a
// proof, or imported once from the PKCS8 key file the command line wrote.
//
// Forms marked data-sign carry the exact bytes to sign (base64, from the server) in a
// field named "statement"; on submit the signature is put into the field "signature" and
// the form is sent. The server rebuilds the bytes itself and checks the signature against
// the person's public key on record before it stores anything.
"use strict";

const DB_NAME = "lobby-kiosk-keys";
const STORE = "keys";
const ED25519 = { name: "Ed25519" };
// The signed-in account, named by the page: keys are kept per account.
const signedIn = () => document.querySelector('meta[name="console-account"]').content;

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, action) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const saveKey = (account, key) => withStore("readwrite", (s) => s.put(key, account));
const loadKey = (account) => withStore("readonly", (s) => s.get(account));

function toBase64(buffer) {
  let text = "";
  for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text) {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

// The bytes a new key signs to prove it is held here (kiosk.store.console.signatures):
// canonical JSON, keys sorted, no spaces. Account names and base64 need no escaping.
function registrationBytes(account, publicKey) {
  const text = JSON.stringify({ account: account, key: publicKey, kind: "lobby-kiosk/key-registration@1" });
  return new TextEncoder().encode(text);
}

export async function hasKey(account) {
  return (await loadKey(account)) !== undefined;
}

// A new non-extractable key pair for this account; its public half and the proof to register.
export async function createKey(account) {
  const pair = await crypto.subtle.generateKey(ED25519, false, ["sign", "verify"]);
  const publicKey = toBase64(await crypto.subtle.exportKey("raw", pair.publicKey));
  const proof = toBase64(await crypto.subtle.sign(ED25519, pair.privateKey, registrationBytes(account, publicKey)));
  await saveKey(account, pair.privateKey);
  return { publicKey, proof };
}

// The key file "kiosk-store user add" wrote (PEM, PKCS8), imported once and non-extractable.
export async function importKeyFile(account, pemText) {
  const body = pemText.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "").replace(/\s+/g, "");
  const key = await crypto.subtle.importKey("pkcs8", fromBase64(body), ED25519, false, ["sign"]);
  await saveKey(account, key);
}

export async function sign(account, statementBase64) {
  const key = await loadKey(account);
  if (key === undefined) throw new Error("no-key");
  return toBase64(await crypto.subtle.sign(ED25519, key, fromBase64(statementBase64)));
}

function say(form, message) {
  const line = form.querySelector("[data-sign-status]");
  if (line) line.textContent = message;
}

async function onSignedSubmit(event) {
  const form = event.currentTarget;
  if (form.elements.signature.value) return; // signed already: let it go
  event.preventDefault();
  try {
    form.elements.signature.value = await sign(signedIn(), form.elements.statement.value);
  } catch (error) {
    say(form, error.message === "no-key" ? form.dataset.noKey : form.dataset.failed);
    return;
  }
  form.submit();
}

async function onCreateKey(event) {
  const form = event.currentTarget;
  if (form.elements.public_key.value) return;
  event.preventDefault();
  try {
    const made = await createKey(signedIn());
    form.elements.public_key.value = made.publicKey;
    form.elements.proof.value = made.proof;
  } catch (error) {
    say(form, form.dataset.failed);
    return;
  }
  form.submit();
}

async function onImportKey(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const file = form.elements.key_file.files[0];
  if (!file) return;
  try {
    await importKeyFile(signedIn(), await file.text());
    say(form, form.dataset.done);
    document.dispatchEvent(new CustomEvent("signing-key-changed"));
  } catch (error) {
    say(form, form.dataset.failed);
  }
}

async function showKeyPresence() {
  for (const line of document.querySelectorAll("[data-key-presence]")) {
    line.textContent = (await hasKey(signedIn())) ? line.dataset.yes : line.dataset.no;
  }
}

function wire() {
  for (const form of document.querySelectorAll("form[data-sign]")) form.addEventListener("submit", onSignedSubmit);
  for (const form of document.querySelectorAll("form[data-create-key]")) form.addEventListener("submit", onCreateKey);
  for (const form of document.querySelectorAll("form[data-import-key]")) form.addEventListener("submit", onImportKey);
  document.addEventListener("signing-key-changed", showKeyPresence);
  showKeyPresence();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
else wire();
