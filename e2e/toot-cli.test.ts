import { expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserWorld } from './browser-world.js';

/**
 * The `toot` CLI (Debian's package) logs in the way it tells people to: it registers, prints
 * `/oauth/authorize/?…` (with a trailing slash) and the redirect `urn:ietf:wg:oauth:2.0:oob`; the
 * person opens it in a browser where they are signed in, approves, and pastes the code shown into
 * toot. Then toot posts a status. .ci/run installs the package when it is missing.
 */
const world = browserWorld();
const TOOT = process.env.TOOT_PATH ?? '/usr/bin/toot';

/** Runs toot with its own config folder; `onOutput` sees the output so far and may answer on stdin. */
function toot(args: string[], configHome: string, onOutput?: (output: string, write: (line: string) => void) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(TOOT, args, { env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: configHome, XDG_CONFIG_HOME: configHome, PYTHONUNBUFFERED: '1', TERM: 'dumb' } });
    let output = '';
    const timer = setTimeout(() => child.kill(), 60_000);
    const seen = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      onOutput?.(output, (line) => child.stdin.write(`${line}\n`));
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

it('toot logs in through /oauth/authorize/ with the out-of-band code, then posts', { timeout: 120_000 }, async () => {
  const configHome = mkdtempSync(path.join(tmpdir(), 'medired-toot-'));
  try {
    const page = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
    await world.signUp(page, 'pablo_toot');
    const instance = new URL(world.server.url).host;

    let answered = false;
    let loginUrl = '';
    let codeFor: Promise<string> | undefined;
    const login = toot(['login', '--instance', instance, '--disable-https'], configHome, (output, write) => {
      const found = /(http:\/\/\S+\/oauth\/authorize\/\?\S+)/.exec(output);
      if (found && !codeFor) {
        loginUrl = found[1]!;
        codeFor = (async () => {
          await page.goto(loginUrl);
          await Promise.all([page.waitForLoadState(), page.locator('button[name="decision"][value="approve"]').click()]);
          return (await page.locator('#oauth-code code').textContent())!.trim();
        })();
      }
      if (codeFor && !answered && output.includes('Open link in default browser?')) {
        answered = true;
        write('n');
        void codeFor.then(write);
      }
    });
    const result = await login;
    expect(result.output, result.output).toContain('Successfully logged in');
    expect(result.code).toBe(0);
    expect(new URL(loginUrl).pathname).toBe('/oauth/authorize/');

    const whoami = await toot(['whoami'], configHome);
    expect(whoami.output).toContain('pablo_toot');
    const posted = await toot(['post', 'Publicado con toot desde la terminal'], configHome);
    expect(posted.code, posted.output).toBe(0);
    await page.goto(`${world.server.url}/@pablo_toot`);
    await page.getByText('Publicado con toot desde la terminal').first().waitFor();
  } finally {
    rmSync(configHome, { recursive: true, force: true });
  }
});
