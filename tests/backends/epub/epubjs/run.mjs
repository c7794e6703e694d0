// node run.mjs URL SCREENSHOT: load the page in headless Chromium, print #out when done.
import { createRequire } from "node:module";
const require = createRequire(process.cwd() + "/");
const puppeteer = require("puppeteer-core");
const browser = await puppeteer.launch({
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 640, height: 1000 });
  await page.goto(process.argv[2]);
  await page.waitForFunction(
    () => document.getElementById("out").textContent !== "pending", { timeout: 60000 });
  console.log(await page.$eval("#out", (element) => element.textContent));
  if (process.argv[3]) await page.screenshot({ path: process.argv[3] });
} finally {
  await browser.close();
}
