// Writes one source file's cargo-mutants results into docs/testing.md (scripts/mutants calls
// it): a section between markers, replaced on a rerun. The reason written for a missed mutant
// (an equivalent mutant, and why) is kept when the same mutant is missed again, matched by its
// text without the line and column, which move as the file is edited.
// Usage: node scripts/mutants-table.mjs DOC FILE MUTANTS_OUT_DIR SECONDS EXIT TESTS FILTER COMMIT FILES_OF_THE_RUN
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [doc, file, dir, seconds, exit, tests, filter, commit, together = file] = process.argv.slice(2);
// This file's lines of a run that may have mutated several files.
const lines = (name) => {
  const p = join(dir, name);
  return existsSync(p) ? readFileSync(p, "utf8").split("\n").filter((l) => l.startsWith(`${file}:`)) : [];
};
const others = together.split(" ").filter((f) => f && f !== file);
const [caught, missed, timeout, unviable] = ["caught.txt", "missed.txt", "timeout.txt", "unviable.txt"].map(lines);
// "core/src/x.rs:12:5: replace a with b in f" -> ["x.rs:12", "replace a with b in f"]
const split = (m) => {
  const at = m.match(/^(.*?):(\d+):\d+: (.*)$/);
  return at ? [`${at[1].split("/").pop()}:${at[2]}`, at[3]] : ["", m];
};

const HEAD = `# Testing

How consenso is tested, layer by layer, is told in \`scripts/test\` (its header). This page keeps
what is measured by hand: the mutation testing of issue 19.

## Mutation testing

\`scripts/mutants FILE…\` (after \`scripts/setup mutants\`) runs cargo-mutants on each file with the
tests that exercise it and writes its section below, replacing the old one. Targets: no missed
mutant in an invariant checker; at most 5% of the viable mutants missed in the simulator's fault
and network handling. Each missed mutant is listed with why it is harmless (an equivalent
mutant: no behaviour changes) or is killed by a new test. *Caught*: a test failed; *missed*: every
selected test passed; *timeout*: the tests ran too long (counted as caught: a hang is noticed);
*unviable*: the mutant does not compile.
`;

let text = existsSync(doc) ? readFileSync(doc, "utf8") : HEAD;
const begin = `<!-- mutants ${file} begin -->`;
const end = `<!-- mutants ${file} end -->`;
const old = text.includes(begin) ? text.slice(text.indexOf(begin), text.indexOf(end) + end.length) : "";
const reasons = new Map();
for (const l of old.split("\n")) {
  const m = l.match(/^- `(.*)` \(.*?\) — (.*)$/);
  if (m && !m[2].startsWith("REASON NEEDED")) reasons.set(m[1], m[2]);
}

const viable = caught.length + missed.length + timeout.length;
const pct = viable ? ((100 * missed.length) / viable).toFixed(1) : "0.0";
const mins = (Number(seconds) / 60).toFixed(1);
const ended = exit === "124" ? " The run was stopped at its time limit: the counts cover the mutants tested until then." : "";
const out = [
  begin,
  `### \`${file}\``,
  "",
  `Run at commit ${commit}, ${new Date().toISOString().slice(0, 10)}: ${viable + unviable.length} mutants, ${mins} min ` +
    (others.length ? `for this run together with ${others.map((f) => `\`${f}\``).join(", ")} ` : "") +
    `(cargo-mutants 27.1.0, -j 1, profile \`mutants\`; tests: \`cargo test ${tests}\`` +
    (filter ? `; only the mutants matching \`${filter}\`` : "") + `).${ended}`,
  "",
  "| caught | missed | timeout | unviable | missed of viable |",
  "| ---: | ---: | ---: | ---: | ---: |",
  `| ${caught.length} | ${missed.length} | ${timeout.length} | ${unviable.length} | ${pct}% |`,
  "",
];
if (missed.length) {
  out.push("Missed, and what became of each:", "");
  for (const m of missed) {
    const [where, what] = split(m);
    out.push(`- \`${what}\` (${where}) — ${reasons.get(what) ?? "REASON NEEDED: kill it with a test, or say why it is equivalent"}`);
  }
  out.push("");
}
if (timeout.length) {
  out.push("Timed out (a hang the tests notice):", "");
  for (const m of timeout) {
    const [where, what] = split(m);
    out.push(`- \`${what}\` (${where})`);
  }
  out.push("");
}
out.push(end);
const section = out.join("\n");
text = old ? text.replace(old, section) : text.trimEnd() + "\n\n" + section + "\n";
writeFileSync(doc, text);
console.log(`mutants: ${file}: ${caught.length} caught, ${missed.length} missed (${pct}% of viable), ${timeout.length} timeout, ${unviable.length} unviable in ${mins} min -> ${doc}`);
