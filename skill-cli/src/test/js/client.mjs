// Drives `skill serve` with the official MCP TypeScript client and prints one "ok ..." line per
// check; exits 1 at the first failed check.
//   node client.mjs stdio JAVA JAR MANIFEST
//   node client.mjs http URL TOKEN
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mode, ...rest] = process.argv.slice(2);

function check(condition, what, detail) {
  if (!condition) {
    console.log(`FAILED ${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
    process.exit(1);
  }
  console.log(`ok ${what}`);
}

async function connect(transport) {
  const client = new Client({ name: "ts-sdk-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

async function exercise(client, label) {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  check(names.includes("shell__echo") && names.includes("shell__ticks"), `${label}: tools listed`, names);
  const echo = tools.find((t) => t.name === "shell__echo");
  check(echo.inputSchema.required?.[0] === "message" && echo.outputSchema?.type === "object",
    `${label}: input and output schemas`, echo);

  const ok = await client.callTool({ name: "shell__echo", arguments: { message: "from TypeScript" } });
  check(!ok.isError && ok.content[0].text === "from TypeScript\n" && ok.structuredContent.status === "succeeded",
    `${label}: a successful call`, ok);

  const failed = await client.callTool({ name: "shell__fail", arguments: {} });
  check(failed.isError && failed.content[0].text.includes("exited with 3") && failed.structuredContent.exitCode === 3,
    `${label}: a failing call is isError`, failed);

  const bad = await client.callTool({ name: "shell__echo", arguments: { message: 7 } });
  check(bad.isError && bad.content[0].text.includes("message"), `${label}: bad arguments name the parameter`, bad);

  const seen = [];
  const ticks = await client.callTool({ name: "shell__ticks", arguments: { count: 4 } }, undefined, {
    onprogress: (p) => seen.push(p),
  });
  check(!ticks.isError && seen.length >= 2 && seen.every((p) => /^tick \d$/.test(p.message)),
    `${label}: progress notifications`, seen);

  const marker = `64.${Date.now() % 100000}`;
  const controller = new AbortController();
  const call = client.callTool({ name: "shell__nap", arguments: { seconds: marker } }, undefined, {
    signal: controller.signal,
  });
  await new Promise((r) => setTimeout(r, 1500));
  controller.abort("changed my mind");
  let aborted = false;
  try {
    await call;
  } catch (e) {
    aborted = true;
  }
  check(aborted, `${label}: a call aborted by the client is cancelled`, "");
  console.log(`cancelled-marker ${marker}`);

  const many = await Promise.all(
    Array.from({ length: 16 }, (_, i) => client.callTool({ name: "shell__echo", arguments: { message: `m${i}` } })));
  check(many.every((r, i) => !r.isError && r.content[0].text === `m${i}\n`), `${label}: 16 calls at once`, many);
}

if (mode === "stdio") {
  const [java, jar, manifest] = rest;
  const transport = new StdioClientTransport({
    command: java,
    args: ["-jar", jar, "--manifest", manifest, "serve"],
    stderr: "inherit",
  });
  const client = await connect(transport);
  await exercise(client, "stdio");
  await client.close();
} else if (mode === "http") {
  const [url, token] = rest;
  const authorized = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = await connect(authorized);
  await exercise(client, "http");
  await client.close();

  let refused = "";
  try {
    await connect(new StreamableHTTPClientTransport(new URL(url)));
  } catch (e) {
    refused = `${e.code} ${e}`;
  }
  check(refused.includes("401"), "http: without the token the client is refused (401)", refused);

  let wrong = "";
  try {
    await connect(new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { Authorization: `Bearer ${token}x` } },
    }));
  } catch (e) {
    wrong = `${e.code} ${e}`;
  }
  check(wrong.includes("401"), "http: with a wrong token the client is refused (401)", wrong);

  // a page on a foreign origin (a browser sends Origin), even with the token: refused
  const foreign = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      Authorization: `Bearer ${token}`,
      Origin: "http://evil.example",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "page", version: "1" } } }),
  });
  check(foreign.status === 403, "http: a foreign Origin is refused (403)", String(foreign.status));

  const local = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      Authorization: `Bearer ${token}`,
      Origin: "http://localhost:3000",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "page", version: "1" } } }),
  });
  check(local.status === 200, "http: a loopback Origin is let in", String(local.status));
} else {
  console.log("usage: node client.mjs stdio JAVA JAR MANIFEST | http URL TOKEN");
  process.exit(2);
}
console.log("all checks passed");
