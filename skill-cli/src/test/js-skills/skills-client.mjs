// Drives `skill serve` with the official MCP TypeScript client v2 and its Skills extension, and
// prints one "ok ..." line per check; exits 1 at the first failed check.
//   node skills-client.mjs stdio JAVA JAR CORPUS OWN
//   node skills-client.mjs http URL TOKEN CORPUS        (the server started with --skills-dir CORPUS OWN)
// CORPUS: the Agent Skills corpus folder; OWN: a folder of skill folders holding "demo" (a script
// hello.sh and a link references/outside.md that leaves the folder).
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { SkillsClient, SKILLS_EXTENSION_ID } from "@modelcontextprotocol/client/ext/skills";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const [mode, ...rest] = process.argv.slice(2);

function check(condition, what, detail) {
  if (!condition) {
    console.log(`FAILED ${what}: ${typeof detail === "string" ? detail : JSON.stringify(detail)?.slice(0, 2000)}`);
    process.exit(1);
  }
  console.log(`ok ${what}`);
}

async function refused(promise) {
  try {
    await promise;
    return undefined;
  } catch (e) {
    return e;
  }
}

let transport;
let corpus;
if (mode === "stdio") {
  const [java, jar, corpusFolder, own] = rest;
  corpus = corpusFolder;
  transport = new StdioClientTransport({
    command: java,
    args: ["-jar", jar, "--skills-dir", corpus, "--skills-dir", own, "serve"],
    stderr: "inherit",
  });
} else {
  const [url, token, corpusFolder] = rest;
  corpus = corpusFolder;
  transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
}
const client = new Client({ name: "ts-v2-skills-test", version: "1.0.0" });
await client.connect(transport);

const capabilities = client.getServerCapabilities();
check(capabilities?.extensions?.[SKILLS_EXTENSION_ID] !== undefined && capabilities.resources !== undefined,
  "the server declares the Skills extension and resources", capabilities);

const skills = new SkillsClient(client);
check(skills.supported && skills.directoryRead, "the extension is supported, with directoryRead", capabilities);

const listing = await skills.list();
const names = listing.skills.map((s) => s.frontmatter.name).sort();
check(JSON.stringify(names) === JSON.stringify(["algorithmic-art", "brand-guidelines", "demo", "internal-comms",
  "skill-creator", "slack-gif-creator", "template-skill"]) && listing.invalid.length === 0,
  "skills/list names every skill, every entry valid", listing);

const creator = listing.skills.find((s) => s.frontmatter.name === "skill-creator");
check(creator.uri === "skill://skill-creator/SKILL.md" && creator.frontmatter.description.startsWith("Create new skills"),
  "an entry carries its SKILL.md URI and the frontmatter", creator);
const runEval = creator.resources.find((r) => r.uri === "skill://skill-creator/scripts/run_eval.py");
const expected = createHash("sha256").update(readFileSync(`${corpus}/skill-creator/scripts/run_eval.py`)).digest("hex");
check(runEval && runEval.digest === `sha256:${expected}`, "the file manifest has each file's SHA-256", runEval);

const got = await skills.get("skill://skill-creator/SKILL.md");
check(JSON.stringify(got.skill) === JSON.stringify(creator), "skills/get returns the listed entry", got);

const manifest = await skills.read(creator);
check(manifest.verified && manifest.frontmatter.name === "skill-creator" && manifest.body.includes("# Skill Creator"),
  "SKILL.md reads as a skill:// resource, verified against the entry", { ...manifest, bytes: undefined });

const reference = await skills.read(creator, "references/schemas.md");
check(reference.verified && reference.text === readFileSync(`${corpus}/skill-creator/references/schemas.md`, "utf8"),
  "a reference reads verified, byte for byte", { ...reference, bytes: undefined });

const template = listing.skills.find((s) => s.frontmatter.name === "template-skill");
const templateMd = await skills.read(template);
check(templateMd.verified && templateMd.body.includes("Insert instructions below"),
  "the skill whose folder has another name is served under its own name", template);

const top = await skills.readDirectory("skill://skill-creator");
const topNames = top.resources.map((r) => `${r.name}:${r.mimeType}`);
check(topNames.includes("scripts:inode/directory") && topNames.includes("SKILL.md:text/markdown"),
  "resources/directory/read lists a skill folder's children", topNames);

const { resources } = await client.listResources();
check(resources.some((r) => r.uri === "skill://demo/SKILL.md"), "resources/list lists each SKILL.md", resources);

const demo = listing.skills.find((s) => s.frontmatter.name === "demo");
check(!demo.resources.some((r) => r.uri.includes("outside")),
  "a link that leaves the folder is not in the file manifest", demo.resources);
const outside = await refused(client.readResource({ uri: "skill://demo/references/outside.md" }));
check(outside !== undefined && !String(outside).includes("root:"), "reading that link is refused", String(outside));
const climbing = await refused(client.readResource({ uri: "skill://demo/references%2F..%2F..%2F..%2Fetc%2Fpasswd" }));
check(climbing !== undefined && !String(climbing).includes("root:"), "an encoded climb out of the folder is refused",
  String(climbing));

const { tools } = await client.listTools();
const toolNames = tools.map((t) => t.name);
check(toolNames.includes("activate_skill") && toolNames.includes("read_skill_resource")
  && toolNames.includes("demo__hello") && toolNames.includes("skill-creator__run_eval"),
  "scripts are tools NAME__SCRIPT beside activate_skill and read_skill_resource", toolNames);
const helloTool = tools.find((t) => t.name === "demo__hello");
check(helloTool.inputSchema.properties.args.type === "array" && helloTool.inputSchema.properties.args.items.type === "string",
  "a script tool takes args, an array of strings", helloTool.inputSchema);
const activate = tools.find((t) => t.name === "activate_skill");
check(activate.inputSchema.properties.name.enum.includes("skill-creator"), "activate_skill takes a name from an enum", activate);

const activated = await client.callTool({ name: "activate_skill", arguments: { name: "demo" } });
check(!activated.isError && activated.content[0].text.includes("Say hello with the script.")
  && activated.content[0].text.includes("- scripts/hello.sh"), "activate_skill returns the instructions and the files", activated);

const read = await client.callTool({ name: "read_skill_resource", arguments: { skill: "demo", path: "../../etc/passwd" } });
check(read.isError && read.content[0].text.includes("\"..\""), "read_skill_resource refuses a path that climbs out", read);

const hello = await client.callTool({ name: "demo__hello", arguments: { args: ["world; id", "$(id)"], stdin: "piped" } });
check(!hello.isError && hello.content[0].text === "hello [world; id] [$(id)] piped\n", "a script runs with literal args and stdin",
  hello);

await client.close();
console.log("all checks passed");
