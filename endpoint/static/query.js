// The query page: runs the textarea's query against /sparql and renders the answer.
// Every value from the server is put in the page with textContent, never as HTML.
"use strict";

const queryBox = document.getElementById("query");
const statusLine = document.getElementById("status");
const table = document.getElementById("results");
const graphOutput = document.getElementById("graph-output");

function setStatus(text, isError) {
  statusLine.textContent = text;
  statusLine.className = isError ? "error" : "";
}

function clearResults() {
  table.tHead.replaceChildren();
  table.tBodies[0].replaceChildren();
  graphOutput.textContent = "";
  graphOutput.hidden = true;
}

function cell(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}

function termText(term) {
  if (!term) return "";
  if (term.type === "uri") return term.value;
  if (term.type === "bnode") return "_:" + term.value;
  return term.value;
}

function renderResults(data) {
  clearResults();
  if (typeof data.boolean === "boolean") {
    table.tHead.appendChild(document.createElement("tr")).appendChild(cell("th", "result"));
    table.tBodies[0].appendChild(document.createElement("tr")).appendChild(cell("td", String(data.boolean)));
    setStatus("ASK: " + data.boolean, false);
    return;
  }
  const vars = data.head.vars || [];
  const head = document.createElement("tr");
  vars.forEach((v) => head.appendChild(cell("th", v)));
  table.tHead.appendChild(head);
  for (const binding of data.results.bindings) {
    const row = document.createElement("tr");
    vars.forEach((v) => row.appendChild(cell("td", termText(binding[v]))));
    table.tBodies[0].appendChild(row);
  }
  setStatus(data.results.bindings.length + " rows", false);
}

async function show(response) {
  const type = (response.headers.get("content-type") || "").split(";")[0];
  const body = await response.text();
  if (!response.ok) {
    clearResults();
    setStatus("Error " + response.status + ": " + body, true);
    return;
  }
  if (type.includes("json") && type !== "application/ld+json") {
    renderResults(JSON.parse(body));
  } else {
    clearResults();
    graphOutput.textContent = body;
    graphOutput.hidden = false;
    setStatus("graph answer (" + type + ")", false);
  }
}

// The named query loaded into the editor, while its text is unchanged: it then runs at
// /queries/<name> with the parameter fields bound as RDF terms by the server.
let loaded = null;
const paramsBox = document.getElementById("params");

function showParams(query) {
  paramsBox.querySelectorAll("label").forEach((label) => label.remove());
  document.getElementById("params-name").textContent = query.name;
  for (const param of query.params) {
    const label = cell("label", param.name + " (" + param.type + ")");
    label.title = param.description;
    const input = document.createElement("input");
    input.name = param.name;
    input.value = param.default === null ? "" : param.default;
    label.appendChild(input);
    paramsBox.appendChild(label);
  }
  paramsBox.hidden = query.params.length === 0;
}

async function runNamed(query) {
  const params = new URLSearchParams();
  paramsBox.querySelectorAll("input").forEach((input) => {
    if (input.value !== "") params.set(input.name, input.value);
  });
  const response = await fetch("/queries/" + encodeURIComponent(query.name) + "?" + params, {
    headers: { "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
  });
  await show(response);
}

async function runQuery() {
  setStatus("running…", false);
  try {
    if (loaded && queryBox.value === loaded.text) {
      await runNamed(loaded);
      return;
    }
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: new URLSearchParams({ query: queryBox.value }),
    });
    await show(response);
  } catch (error) {
    setStatus("Request failed: " + error, true);
  }
}

async function listNamedQueries() {
  const list = document.getElementById("named-list");
  const response = await fetch("/queries");
  if (!response.ok) return;
  for (const query of await response.json()) {
    const item = document.createElement("li");
    const button = cell("button", query.name);
    button.type = "button";
    button.title = "Load this query into the editor";
    button.addEventListener("click", () => {
      queryBox.value = query.text;
      loaded = query;
      showParams(query);
      setStatus("loaded " + query.name, false);
    });
    item.appendChild(button);
    item.appendChild(cell("small", query.summary));
    list.appendChild(item);
  }
}

document.getElementById("run").addEventListener("click", runQuery);
queryBox.addEventListener("input", () => {
  if (loaded && queryBox.value !== loaded.text) paramsBox.hidden = true;
});
queryBox.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) runQuery();
});
listNamedQueries();
