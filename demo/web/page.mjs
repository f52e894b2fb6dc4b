// The demo page: plays every scenario the server lists in this browser, shows what the
// browser did beside closecode's model of its engine (`closecode_core::Engine`), and, from
// the engines module, what the server may have sent where the event may stand for more than
// its own code; then posts the results to /report. With `?last`, shows the last report the
// server got, without replaying it (for a screenshot).
import { nameOf } from "./close-codes.mjs";
import { isChatClose, ChatCloseInfo } from "./chat-close.mjs";
import { engineOf, mayHaveBeen } from "./engines.mjs";

const rows = document.getElementById("rows");
const cell = (text, cls) => {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
};

// A character as Rust's Debug writes it inside a string (the common cases).
const escape = (c) => {
  const named = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0" };
  if (named[c]) return named[c];
  return /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(c) ? `\\u{${c.codePointAt(0).toString(16)}}` : c;
};

// Text as the engine facts write it: runs of 8 or more of one character as "a"*123.
function describeText(text) {
  if (text === "") return '""';
  const parts = [];
  let literal = "";
  const chars = [...text];
  for (let i = 0; i < chars.length;) {
    let run = 1;
    while (chars[i + run] === chars[i]) run++;
    const shown = escape(chars[i]);
    if (run >= 8) {
      if (literal) parts.push(`"${literal}"`), (literal = "");
      parts.push(`"${shown}"*${run}`);
    } else {
      literal += shown.repeat(run);
    }
    i += run;
  }
  if (literal) parts.push(`"${literal}"`);
  return parts.join(" ");
}

function describeBody(hex) {
  if (hex === null) return "nothing";
  if (hex === "") return "empty";
  const bytes = hex.match(/../g).map((b) => parseInt(b, 16));
  if (bytes.length === 1) return `0x${hex.toUpperCase()}`;
  const code = (bytes[0] << 8) | bytes[1];
  const reason = new TextDecoder("utf-8", { fatal: false }).decode(new Uint8Array(bytes.slice(2)));
  return bytes.length > 2 ? `${code} ${describeText(reason)}` : `${code}`;
}

function describe(seen) {
  if (seen.event) return `${seen.event.code} ${describeText(seen.event.reason)} ${seen.event.wasClean ? "clean" : "unclean"}`;
  if (seen.threw) return `throws ${seen.threw}`;
  return `sends ${describeBody(seen.sent)}`;
}

// What the server may have sent for `event` on `engine`, by the engines module: "0-999,
// 1004-1006, .., no Close" for a 1006 in WebKitGTK; "" when the event can only be its own
// code sent as it is.
function mayHaveBeenText(engine, event) {
  const sent = mayHaveBeen(engine, event);
  const [only, ...more] = sent.codes;
  const itself = only && only[0] === event.code && only[1] === event.code && more.length === 0;
  if (itself && !sent.empty && !sent.oneByte && !sent.unreadable && !sent.dropped) return "";
  const parts = sent.codes.map(([first, last]) => (first === last ? `${first}` : `${first}-${last}`));
  if (sent.empty) parts.push("an empty Close");
  if (sent.oneByte) parts.push("a 1-byte body");
  if (sent.unreadable) parts.push("an unreadable body");
  if (sent.dropped) parts.push("no Close");
  return parts.join(", ");
}

// Whether what the server did (`body`: the Close body in hex, null for a dropped connection)
// is among what `sent` lists.
function among(sent, body) {
  if (body === null) return sent.dropped;
  if (body === "") return sent.empty;
  const bytes = body.match(/../g).map((b) => parseInt(b, 16));
  if (bytes.length === 1) return sent.oneByte;
  let readable = bytes.length <= 125;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes.slice(2)));
  } catch {
    readable = false;
  }
  const code = (bytes[0] << 8) | bytes[1];
  return readable ? sent.codes.some(([first, last]) => first <= code && code <= last) : sent.unreadable;
}

function same(seen, expected) {
  if (expected.event) {
    const [a, b] = [seen.event, expected.event];
    return !!a && a.code === b.code && a.reason === b.reason && a.wasClean === b.wasClean
      && a.type === b.type && a.isTrusted === b.isTrusted;
  }
  if (expected.threw) return seen.threw === expected.threw;
  return seen.sent === expected.sent;
}

function show(result) {
  let name = "";
  if (result.seen.event) {
    const code = result.seen.event.code;
    name = isChatClose(code) ? `${ChatCloseInfo[code].name} (app)` : nameOf(code);
  }
  const tr = document.createElement("tr");
  tr.append(cell(result.name, "text"), cell(result.played, "played"), cell(describe(result.seen), "text"), cell(name),
    cell(result.expectedText, "text"), cell(result.agree ? "yes" : "no", result.agree ? "yes" : "no"),
    cell(result.mayHaveBeen ?? "", "note"));
  rows.append(tr);
}

function header(report, how) {
  const engine = report.pageEngine
    ? `This page runs in ${report.pageEngine} (engineOf in engines.mjs); closecode's model: Engine::${report.model === "WebKitGTK" ? "WebKitGtk" : report.model}, measured on ${report.measuredOn}.`
    : `closecode has no model of this browser's engine; shown against Chromium's (${report.measuredOn}).`;
  document.getElementById("engine").textContent = `${engine} (${report.userAgent})`;
  const agreed = report.results.filter((r) => r.agree).length;
  document.getElementById("status").textContent = `${agreed} of ${report.results.length} scenarios agree with the model (${how}).`;
}

const open = (ws) => new Promise((resolve) => ws.addEventListener("open", resolve, { once: true }));
const closed = (ws) => new Promise((resolve) => ws.addEventListener("close", (e) => resolve(e), { once: true }));

async function play(scenario, engine) {
  const ws = new WebSocket(`ws://${location.host}/ws/${scenario.id}`);
  ws.onerror = () => {};
  const ended = closed(ws);
  let seen;
  if (scenario.call) {
    await Promise.race([open(ws), ended]);
    const { code, reason } = scenario.call;
    let threw = null;
    try {
      if (code === null && reason === null) ws.close();
      else if (reason === null) ws.close(code);
      else ws.close(code === null ? undefined : code, reason);
    } catch (e) {
      threw = e.name;
      ws.close();
    }
    await ended;
    seen = threw ? { threw } : { sent: await (await fetch(`/captured/${scenario.id}`)).json() };
  } else {
    const e = await ended;
    seen = { event: { code: e.code, reason: e.reason, wasClean: e.wasClean, type: e.type, isTrusted: e.isTrusted } };
  }
  const result = { id: scenario.id, name: scenario.name, played: scenario.played, seen, seenText: describe(seen),
    expectedText: scenario.expectedText, agree: same(seen, scenario.expected) };
  if (seen.event) {
    result.mayHaveBeen = mayHaveBeenText(engine, seen.event);
    result.explained = among(mayHaveBeen(engine, seen.event), scenario.body);
  }
  return result;
}

const last = JSON.parse(document.getElementById("last").textContent);
if (last) {
  last.results.forEach(show);
  header(last, "the last run, reported by this engine");
} else {
  const list = await (await fetch("/scenarios.json")).json();
  const pageEngine = engineOf(navigator.userAgent);
  const report = { engine: list.engine, pageEngine, model: list.model, measuredOn: list.measuredOn,
    userAgent: navigator.userAgent, results: [] };
  header(report, "running");
  for (const scenario of list.scenarios) {
    const result = await play(scenario, pageEngine ?? list.model);
    report.results.push(result);
    show(result);
  }
  header(report, "this run");
  await fetch("/report", { method: "POST", body: JSON.stringify(report) });
}
document.title = "closecode demo: done";
