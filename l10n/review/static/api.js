// The review API (see README, "Review in the browser"). The session cookie set on the first visit
// authenticates every call; nothing here ever puts text into the page as HTML.

export function catalogPath(lang, doc) {
  return `/api/catalogs/${encodeURIComponent(lang)}/${doc.split("/").map(encodeURIComponent).join("/")}`;
}

export function previewPath(lang, doc) {
  return `/preview/${encodeURIComponent(lang)}/${doc.split("/").map(encodeURIComponent).join("/")}`;
}

export async function call(method, path, body) {
  const options = { method, headers: {}, credentials: "same-origin" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    return { status: 0, data: { error: "the review server does not answer (is `l10n review` still running?)" } };
  }
  let data = {};
  try {
    data = await response.json();
  } catch (error) {
    data = { error: `unexpected answer (${response.status})` };
  }
  return { status: response.status, data };
}

// Create an element with text (never HTML) and optional class and attributes.
export function el(tag, text, className, attributes) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  return node;
}

export const STATE_LABELS = {
  error: "Error",
  fuzzy: "Needs review",
  untranslated: "Untranslated",
  approved: "Approved",
};

export const KIT_LABELS = {
  complete: "Ships, complete",
  partial: "Ships, partly German",
  draft: "Ships as a draft (unreviewed machine text)",
  omitted: "Not shipped",
};
