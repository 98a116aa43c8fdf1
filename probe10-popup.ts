import { chromium } from "playwright-core";
import { createHash, randomBytes } from "node:crypto";
const B = "http://127.0.0.1:3100";
const C = "http://localhost:3199";
async function main() {
  const app = await (await fetch(B + "/api/v1/apps", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ client_name: "popup-probe10", redirect_uris: C + "/cb.html", scopes: "read write" }) })).json();
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(C + "/index.html");
  const authUrl = `${B}/oauth/authorize?client_id=${app.client_id}&response_type=code&redirect_uri=${encodeURIComponent(C + "/cb.html")}&scope=read+write&state=xyz&code_challenge=${challenge}&code_challenge_method=S256`;
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.evaluate((u) => { window.open(u, "auth", "width=500,height=700"); }, authUrl)]);
  await popup.waitForLoadState();
  console.log("popup url", popup.url());
  await popup.fill("#f-login", "enf_marta_gil@demo.medired.invalid");
  await popup.fill("#f-password", "medired-demo-2026");
  await Promise.all([popup.waitForNavigation(), popup.click("button[type=submit]")]);
  console.log("after login", popup.url());
  console.log("opener alive after login:", await popup.evaluate(() => !!window.opener));
  const html = await popup.content();
  const btns = await popup.$$eval("form button, form input[type=submit]", (b) => b.map((x: any) => x.outerHTML));
  console.log("buttons", btns);
  // click approve (first submit in a POST form to /oauth/authorize)
  const approve = await popup.$("button[name=decision][value=approve]");
  await Promise.all([popup.waitForURL(/cb\.html/, { timeout: 10000 }).catch(e => console.log("no cb", e.message)), approve!.click()]);
  await page.waitForTimeout(1000);
  const log = await page.evaluate(() => (window as any).log);
  console.log("opener log", log, "popup title", await popup.title().catch(() => "closed"));
  const code = await page.evaluate(() => (window as any).code);
  const out = await page.evaluate(async ({ B, code, cid, cs, verifier, C }) => {
    const r = await fetch(B + "/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "authorization_code", code, client_id: cid, client_secret: cs, redirect_uri: C + "/cb.html", code_verifier: verifier }) });
    const t = await r.json();
    const v = await fetch(B + "/api/v1/accounts/verify_credentials", { headers: { authorization: "Bearer " + t.access_token } });
    const st = await fetch(B + "/api/v1/statuses", { method: "POST", headers: { authorization: "Bearer " + t.access_token, "content-type": "application/json", "idempotency-key": "abc123" }, body: JSON.stringify({ status: "from popup client", visibility: "direct" }) });
    const sj = await st.json();
    const del = await fetch(B + "/api/v1/statuses/" + sj.id, { method: "DELETE", headers: { authorization: "Bearer " + t.access_token } });
    const link = (await fetch(B + "/api/v1/timelines/public?limit=2")).headers.get("link");
    const rv = await fetch(B + "/oauth/revoke", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ client_id: cid, client_secret: cs, token: t.access_token }) });
    const v2 = await fetch(B + "/api/v1/accounts/verify_credentials", { headers: { authorization: "Bearer " + t.access_token } });
    return { tokenStatus: r.status, token: t, me: (await v.json()).acct, post: st.status, del: del.status, link, revoke: rv.status, after: v2.status };
  }, { B, code, cid: app.client_id, cs: app.client_secret, verifier, C });
  console.log(JSON.stringify(out));
  await browser.close();
}
main().catch(e => { console.error(e); process.exit(1); });
