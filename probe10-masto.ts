import { createRestAPIClient, createStreamingAPIClient, createOAuthAPIClient } from "masto";
import { readFileSync } from "node:fs";
const B = "http://127.0.0.1:3100";
const res: string[] = [];
async function step<T>(name: string, f: () => Promise<T>): Promise<T | undefined> {
  try { const r = await f(); res.push("OK " + name); return r; } catch (e: any) { res.push("FAIL " + name + " " + String(e?.message ?? e).slice(0, 250) + (e?.statusCode ? " status=" + e.statusCode : "")); return undefined; }
}
async function main() {
  const anon = createRestAPIClient({ url: B });
  const app = await step("apps.create", () => anon.v1.apps.create({ clientName: "masto-probe10", redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write follow push" }));
  const oauth = createOAuthAPIClient({ url: B });
  const tok: any = await step("oauth password", () => (oauth as any).token.create({ grantType: "password", clientId: app!.clientId!, clientSecret: app!.clientSecret!, username: "sofia_r@demo.medired.invalid", password: "medired-demo-2026", scope: "read write follow push" }));
  const m = createRestAPIClient({ url: B, accessToken: tok.accessToken });
  const me = await step("verifyCredentials", () => m.v1.accounts.verifyCredentials());
  const inst = await step("v2 instance", () => m.v2.instance.fetch());
  await step("v1 instance", () => m.v1.instance.fetch());
  // pagination
  const pages = await step("home paginate", async () => { const out: string[][] = []; for await (const p of m.v1.timelines.home.list({ limit: 4 })) { out.push(p.map(s => s.id)); if (out.length >= 3) break; } return out; });
  console.log("home pages", JSON.stringify(pages));
  const pub = await step("public", () => m.v1.timelines.public.list({ limit: 5 }));
  await step("tag tl", () => m.v1.timelines.tag.$select("salud").list({ limit: 3 }));
  const blob = new Blob([readFileSync("/tmp/probe10/t.png")], { type: "image/png" });
  const media = await step("v2 media create", () => m.v2.media.create({ file: blob, description: "sq" }));
  console.log("media", JSON.stringify(media));
  const st = await step("status create media", () => m.v1.statuses.create({ status: "masto probe #salud", mediaIds: media ? [media.id] : [] }));
  const pst = await step("status create poll", () => m.v1.statuses.create({ status: "masto poll", poll: { options: ["x", "y"], expiresIn: 3600 } }));
  const t = pub?.find(s => s.account.id !== me?.id);
  if (t) {
    await step("fav", () => m.v1.statuses.$select(t.id).favourite());
    await step("reblog", () => m.v1.statuses.$select(t.id).reblog());
    await step("unreblog", () => m.v1.statuses.$select(t.id).unreblog());
    await step("bookmark", () => m.v1.statuses.$select(t.id).bookmark());
    await step("unbookmark", () => m.v1.statuses.$select(t.id).unbookmark());
    await step("unfav", () => m.v1.statuses.$select(t.id).unfavourite());
    await step("mute conv", () => m.v1.statuses.$select(t.id).mute());
    await step("unmute conv", () => m.v1.statuses.$select(t.id).unmute());
    if (t.poll) await step("poll vote", () => m.v1.polls.$select(t.poll!.id).votes.create({ choices: [0] }));
  }
  await step("notifications v1", () => m.v1.notifications.list({ limit: 5 }));
  const g: any = await step("grouped v2", () => m.v2.notifications.list({ limit: 5 }));
  console.log("grouped keys", g && Object.keys(g));
  await step("v2 unread count", () => m.v2.notifications.unreadCount.fetch());
  await step("policy v2 fetch", () => m.v2.notifications.policy.fetch());
  await step("policy v2 update", () => m.v2.notifications.policy.update({ forNotFollowing: "filter" } as any));
  await step("policy v1 fetch", () => m.v1.notifications.policy.fetch());
  const reqs = await step("requests list", () => m.v1.notifications.requests.list());
  await step("requests merged", () => m.v1.notifications.requests.merged.fetch());
  await step("policy v2 reset", () => m.v2.notifications.policy.update({ forNotFollowing: "accept" } as any));
  const f = await step("v2 filter create", () => m.v2.filters.create({ title: "masto f", context: ["home", "public"], filterAction: "warn", keywordsAttributes: [{ keyword: "zzzmasto", wholeWord: false }] }));
  if (f) {
    await step("v2 filter keywords list", () => m.v2.filters.$select(f.id).keywords.list());
    await step("v2 filter keywords create", () => m.v2.filters.$select(f.id).keywords.create({ keyword: "yyy" }));
    await step("v2 filter statuses create", () => m.v2.filters.$select(f.id).statuses.create({ statusId: pub![0].id }));
    await step("v2 filter statuses list", () => m.v2.filters.$select(f.id).statuses.list());
    await step("v2 filter update", () => m.v2.filters.$select(f.id).update({ title: "masto f2" }));
    await step("v2 filter remove", () => m.v2.filters.$select(f.id).remove());
  }
  const L = await step("list create", () => m.v1.lists.create({ title: "masto list", repliesPolicy: "list", exclusive: false }));
  const fol = me ? await step("following", () => m.v1.accounts.$select(me.id).following.list({ limit: 2 })) : undefined;
  if (L && fol?.length) {
    await step("list add", () => m.v1.lists.$select(L.id).accounts.create({ accountIds: [fol[0].id] }));
    await step("list tl", () => m.v1.timelines.list.$select(L.id).list());
    await step("list remove", () => m.v1.lists.$select(L.id).remove());
  }
  const acc = await step("lookup", () => m.v1.accounts.lookup({ acct: "carlos_dt1" }));
  if (acc) {
    await step("follow", () => m.v1.accounts.$select(acc.id).follow());
    await step("unfollow", () => m.v1.accounts.$select(acc.id).unfollow());
    await step("note", () => m.v1.accounts.$select(acc.id).note.create({ comment: "hola" }));
    await step("endorse/pin", () => m.v1.accounts.$select(acc.id).pin());
    await step("familiar", () => m.v1.accounts.familiarFollowers.fetch({ id: [acc.id] }));
  }
  await step("search v2", () => m.v2.search.list({ q: "salud" }));
  await step("followed tags", () => m.v1.followedTags.list());
  await step("tag follow", () => m.v1.tags.$select("salud").follow());
  await step("tag unfollow", () => m.v1.tags.$select("salud").unfollow());
  await step("markers", () => m.v1.markers.fetch({ timeline: ["home", "notifications"] }));
  await step("markers create", () => m.v1.markers.create({ home: { lastReadId: pub![0].id } }));
  await step("announcements", () => m.v1.announcements.list());
  await step("trends tags", () => m.v1.trends.tags.list());
  await step("suggestions v2", () => m.v2.suggestions.list());
  await step("follow requests", () => m.v1.followRequests.list());
  await step("domain blocks", () => m.v1.domainBlocks.list());
  await step("scheduled", () => m.v1.scheduledStatuses.list());
  await step("instance rules", () => m.v1.instance.rules.list());
  await step("ext desc", () => m.v1.instance.extendedDescription.fetch());
  await step("activity", () => m.v1.instance.activity.list());
  await step("push create", () => m.v1.push.subscription.create({ subscription: { endpoint: "https://push.example/abc", keys: { p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", auth: "tBHItJI5svbpez7KI4CCXg" } }, data: { alerts: { mention: true }, policy: "all" } } as any));
  await step("push fetch", () => m.v1.push.subscription.fetch());
  await step("push remove", () => m.v1.push.subscription.remove());
  // streaming
  const streamUrl = (inst as any)?.configuration?.urls?.streaming;
  const sc = createStreamingAPIClient({ streamingApiUrl: streamUrl, accessToken: tok.accessToken });
  const events: string[] = [];
  const sub = sc.user.subscribe();
  const sub2 = sc.public.local.subscribe();
  (async () => { try { for await (const e of sub) events.push("user:" + e.event); } catch (e: any) { events.push("ERR " + e.message); } })();
  (async () => { try { for await (const e of sub2) events.push("local:" + e.event); } catch (e: any) { events.push("ERR " + e.message); } })();
  await new Promise(r => setTimeout(r, 1500));
  const s3 = await step("post for stream", () => m.v1.statuses.create({ status: "masto stream" }));
  await new Promise(r => setTimeout(r, 2000));
  console.log("stream events", events);
  sub.unsubscribe(); sub2.unsubscribe(); sc.close();
  for (const s of [st, pst, s3]) if (s) await step("delete", () => m.v1.statuses.$select(s.id).remove());
  await step("revoke", () => (oauth as any).revoke({ clientId: app!.clientId!, clientSecret: app!.clientSecret!, token: tok.accessToken }));
  await step("after revoke (should FAIL)", () => m.v1.accounts.verifyCredentials());
  console.log(res.join("\n"));
}
main().catch(e => { console.error("fatal", e); console.log(res.join("\n")); });
