"""Drives a Medired server with Mastodon.py (Debian's python3-mastodon), as a third-party app would.

Usage: /usr/bin/python3 mastodon_py_check.py http://127.0.0.1:PORT [VIDEO.mp4]
Every call must succeed; the first failure ends the script with a non-zero exit and the step's
name on stderr. Prints one "ok <step>" line per step.
"""
import struct
import sys
import time
import uuid
import zlib

from mastodon import Mastodon, StreamListener

BASE = sys.argv[1].rstrip("/")
VIDEO = sys.argv[2] if len(sys.argv) > 2 else None
PASSWORD = "una contraseña bastante larga 42"
STEP = ["start"]


def check(name, condition, detail=""):
    if not condition:
        raise AssertionError(f"{name}: {detail}")


def ok(name):
    print("ok", name, flush=True)


def png(width, height):
    """A plain PNG (a vertical gradient) made without any imaging library."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes([min(255, y * 2), 90, 200 - min(200, y)]) * width for y in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def client(client_id, client_secret, token=None):
    # version_check_mode "created": every call checks the server's version against the
    # Mastodon version that added the endpoint, so detection must not fall back to 1.0.0.
    return Mastodon(client_id=client_id, client_secret=client_secret, access_token=token, api_base_url=BASE, version_check_mode="created", request_timeout=30)


def main():
    suffix = uuid.uuid4().hex[:6]
    STEP[0] = "create_app"
    client_id, client_secret = Mastodon.create_app("Mastodon.py check", api_base_url=BASE, scopes=["read", "write", "follow", "push"], website="https://example.test")
    ok(STEP[0])

    STEP[0] = "version detection"
    anon = client(client_id, client_secret)
    version = anon.retrieve_mastodon_version()
    check(STEP[0], version != "1.0.0" and anon.mastodon_major >= 4, f"detected {version}")
    check(STEP[0], anon.version_check_worked is True, "the instance could not be read")
    check(STEP[0], anon.verify_minimum_version("4.0.0", cached=True), version)
    ok(f"{STEP[0]} {version}")

    STEP[0] = "instance"
    instance = anon.instance()
    check(STEP[0], instance.get("version"), instance)
    ok(STEP[0])

    # Two people: Alice (the app's user) and Bob (who gives her notifications).
    STEP[0] = "create_account"
    alice_name, bob_name = f"alice_{suffix}", f"bob_{suffix}"
    alice_mail = f"{alice_name}@example.test"
    client(client_id, client_secret).create_account(alice_name, PASSWORD, alice_mail, agreement=True, locale="es")
    bob = client(client_id, client_secret)
    bob.create_account(bob_name, PASSWORD, f"{bob_name}@example.test", agreement=True, locale="es")
    ok(STEP[0])

    STEP[0] = "log_in (password grant)"
    alice = client(client_id, client_secret)
    token = alice.log_in(username=alice_mail, password=PASSWORD, scopes=["read", "write", "follow", "push"])
    check(STEP[0], bool(token))
    ok(STEP[0])

    STEP[0] = "account_verify_credentials"
    me = alice.account_verify_credentials()
    check(STEP[0], me.username == alice_name, me)
    bob_me = bob.account_verify_credentials()
    ok(STEP[0])

    STEP[0] = "status_post"
    posted = alice.status_post("Hola desde Mastodon.py", visibility="public")
    check(STEP[0], "Mastodon.py" in posted.content, posted)
    ok(STEP[0])

    STEP[0] = "timeline_home"
    home = alice.timeline_home()
    check(STEP[0], any(s.id == posted.id for s in home), [s.id for s in home])
    ok(STEP[0])

    STEP[0] = "status_favourite / status_bookmark"
    check(STEP[0], alice.status_favourite(posted.id).favourited is True)
    check(STEP[0], alice.status_bookmark(posted.id).bookmarked is True)
    check(STEP[0], any(s.id == posted.id for s in alice.bookmarks()))
    check(STEP[0], any(s.id == posted.id for s in alice.favourites()))
    check(STEP[0], alice.status_unbookmark(posted.id).bookmarked is False)
    ok(STEP[0])

    STEP[0] = "follows and notifications"
    bob.account_follow(me.id)
    bob.status_favourite(posted.id)
    bob.status_reblog(posted.id)
    bob.status_post(f"@{alice_name} ¿cómo estás?", visibility="public")
    notifications = alice.notifications()
    types = {n.type for n in notifications}
    check(STEP[0], {"follow", "favourite", "reblog", "mention"} <= types, types)
    for n in notifications:
        check(STEP[0], n.account is not None and n.account.id, n)
    check(STEP[0], alice.notifications(id=notifications[0].id).id == notifications[0].id)
    alice.notifications_dismiss(notifications[-1].id)
    ok(STEP[0])

    STEP[0] = "poll"
    poll_status = bob.status_post("¿Café o té?", poll=bob.make_poll(["Café", "Té"], expires_in=3600))
    check(STEP[0], poll_status.poll is not None and len(poll_status.poll.options) == 2, poll_status)
    # Mastodon.py 1.8's poll_vote drops the answer (returns None): read the poll back.
    alice.poll_vote(poll_status.poll.id, [1])
    voted = alice.poll(poll_status.poll.id)
    check(STEP[0], voted.voted is True and voted.own_votes == [1] and voted.votes_count == 1, voted)
    ok(STEP[0])

    STEP[0] = "lists"
    alice.account_follow(bob_me.id)
    created = alice.list_create("Mi equipo")
    alice.list_accounts_add(created.id, [bob_me.id])
    check(STEP[0], any(l.id == created.id for l in alice.lists()))
    check(STEP[0], [a.id for a in alice.list_accounts(created.id)] == [bob_me.id])
    alice.timeline_list(created.id)
    alice.list_update(created.id, "Mi equipo de salud")
    check(STEP[0], alice.list(created.id).title == "Mi equipo de salud")
    alice.list_delete(created.id)
    ok(STEP[0])

    STEP[0] = "filters (v1)"
    made = alice.filter_create("spoiler", ["home", "public"])
    check(STEP[0], any(f.id == made.id for f in alice.filters()))
    alice.filters_apply(alice.timeline_home(), alice.filters(), "home")
    alice.filter_delete(made.id)
    ok(STEP[0])

    STEP[0] = "markers"
    alice.markers_set(["home"], [posted.id])
    markers = alice.markers_get(["home"])
    check(STEP[0], markers.home.last_read_id == posted.id, markers)
    ok(STEP[0])

    STEP[0] = "stream_user"
    # Server-sent events, read by Mastodon.py's own parser: comments must not look like empty events.
    received = []

    class Listener(StreamListener):
        def on_update(self, status):
            received.append(status.id)

    handle = alice.stream_user(Listener(), run_async=True)
    time.sleep(1.5)
    streamed = alice.status_post("En directo desde Mastodon.py", visibility="public")
    for _ in range(50):
        if streamed.id in received:
            break
        time.sleep(0.1)
    check(STEP[0], handle.is_alive(), "the stream ended")
    check(STEP[0], streamed.id in received, received)
    handle.close()
    alice.status_delete(streamed.id)
    ok(STEP[0])

    STEP[0] = "search_v2"
    found = alice.search_v2(bob_name, resolve=False)
    check(STEP[0], any(a.id == bob_me.id for a in found.accounts), found)
    ok(STEP[0])

    STEP[0] = "media_post (v2: focus, blurhash, meta) and a status with it"
    image = alice.media_post(png(320, 180), mime_type="image/png", description="Gráfico de tensión", focus=(0.25, -0.5))
    check(STEP[0], image.type == "image" and image.url and image.preview_url, image)
    check(STEP[0], image.meta.original.size == "320x180" and image.meta.small.width > 0 and image.meta.focus.x == 0.25, image.meta)
    check(STEP[0], isinstance(image.blurhash, str) and len(image.blurhash) == 36, image.blurhash)
    updated = alice.media_update(image.id, description="Gráfico de tensión arterial", focus=(0, 0))
    check(STEP[0], updated.description == "Gráfico de tensión arterial" and updated.meta.focus.x == 0, updated)
    media_ids = [image.id]
    if VIDEO:
        # 202 from /api/v2/media, then Mastodon.py polls GET /api/v1/media/:id (206) until the url is set.
        with open(VIDEO, "rb") as video_file:
            video = alice.media_post(video_file.read(), mime_type="video/mp4", file_name="explicacion.mp4", synchronous=True)
        check(STEP[0], video.type == "video" and video.url and video.preview_url and video.meta.duration > 0, video)
        media_ids.append(video.id)
    with_media = alice.status_post("Con imagen y vídeo #salud", media_ids=media_ids)
    check(STEP[0], [m.id for m in with_media.media_attachments] == media_ids, with_media.media_attachments)
    ok(STEP[0])

    STEP[0] = "pagination (fetch_next / fetch_previous)"
    ids = [alice.status_post(f"Nota {i}").id for i in range(5)]
    first = alice.account_statuses(me.id, limit=2)
    check(STEP[0], len(first) == 2, first)
    second = alice.fetch_next(first)
    check(STEP[0], second is not None and len(second) == 2 and second[0].id < first[-1].id, second)
    back = alice.fetch_previous(second)
    check(STEP[0], back is not None and len(back) >= 1, back)
    pages = alice.fetch_remaining(first)
    check(STEP[0], set(ids) <= {s.id for s in pages}, len(pages))
    note_page = alice.timeline_home(limit=3)
    check(STEP[0], alice.fetch_next(note_page) is not None)
    ok(STEP[0])

    # More of what apps call; each must answer as Mastodon does (an empty list is an answer).
    extras = [
        ("status", lambda: alice.status(posted.id)),
        ("status_context", lambda: alice.status_context(posted.id)),
        ("status_reblogged_by", lambda: alice.status_reblogged_by(posted.id)),
        ("status_favourited_by", lambda: alice.status_favourited_by(posted.id)),
        ("status_update", lambda: alice.status_update(posted.id, "Hola desde Mastodon.py (editado)")),
        ("status_history", lambda: alice.status_history(posted.id)),
        ("status_source", lambda: alice.status_source(posted.id)),
        ("status_reply", lambda: alice.status_reply(posted, "Una respuesta")),
        ("status_pin", lambda: alice.status_pin(posted.id)),
        ("status_unpin", lambda: alice.status_unpin(posted.id)),
        ("status_unfavourite", lambda: alice.status_unfavourite(posted.id)),
        ("status_mute", lambda: check("status_mute", alice.status_mute(posted.id).muted is True)),
        ("status_unmute", lambda: check("status_unmute", alice.status_unmute(posted.id).muted is False)),
        ("account_note_set", lambda: check("account_note_set", alice.account_note_set(bob_me.id, "Vecino del barrio").note == "Vecino del barrio")),
        ("account", lambda: alice.account(bob_me.id)),
        ("account_lookup", lambda: alice.account_lookup(bob_name)),
        ("account_relationships", lambda: alice.account_relationships([bob_me.id])),
        ("account_followers", lambda: alice.account_followers(me.id)),
        ("account_following", lambda: alice.account_following(me.id)),
        ("account_search", lambda: alice.account_search(bob_name)),
        ("account_lists", lambda: alice.account_lists(bob_me.id)),
        ("account_familiar_followers", lambda: alice.account_familiar_followers([bob_me.id])),
        ("account_featured_tags", lambda: alice.account_featured_tags(me.id)),
        ("account_update_credentials", lambda: alice.account_update_credentials(note="Paciente")),
        ("timeline_public", lambda: alice.timeline_public()),
        ("timeline_local", lambda: alice.timeline_local()),
        ("timeline_hashtag", lambda: alice.timeline_hashtag("salud")),
        ("conversations", lambda: alice.conversations()),
        ("scheduled_statuses", lambda: alice.scheduled_statuses()),
        ("preferences", lambda: alice.preferences()),
        ("custom_emojis", lambda: alice.custom_emojis()),
        ("instance_rules", lambda: alice.instance_rules()),
        ("instance_activity", lambda: alice.instance_activity()),
        ("instance_peers", lambda: alice.instance_peers()),
        ("instance_nodeinfo", lambda: alice.instance_nodeinfo()),
        ("announcements", lambda: alice.announcements()),
        ("trending_tags", lambda: alice.trending_tags()),
        ("trending_statuses", lambda: alice.trending_statuses()),
        ("trending_links", lambda: alice.trending_links()),
        ("suggestions", lambda: alice.suggestions()),
        ("featured_tags", lambda: alice.featured_tags()),
        ("featured_tag_suggestions", lambda: alice.featured_tag_suggestions()),
        ("endorsements", lambda: alice.endorsements()),
        ("follow_requests", lambda: alice.follow_requests()),
        ("domain_blocks", lambda: alice.domain_blocks()),
        ("mutes", lambda: alice.mutes()),
        ("blocks", lambda: alice.blocks()),
        ("directory", lambda: alice.directory()),
        ("account_remove_from_followers", lambda: check("account_remove_from_followers", alice.account_remove_from_followers(bob_me.id).followed_by is False)),
    ]
    for name, call in extras:
        STEP[0] = name
        call()
        ok(name)

    STEP[0] = "status_delete"
    alice.status_delete(posted.id)
    ok(STEP[0])

    STEP[0] = "revoke"
    alice.revoke_access_token()
    ok(STEP[0])


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - the step's name and the library's error are the report
        print(f"FAILED at {STEP[0]}: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    print("all ok")
