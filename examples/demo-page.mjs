/* global document, localStorage, window */
/**
 * The browser half of the demo: the page that `npm run demo -- --browser` serves. It logs in and
 * calls the API through webjwt/client, the package's own build bundled by the demo with esbuild. Open
 * it in two tabs: they share the session (localStorage), refresh it once between them (Web Locks),
 * and log out together (BroadcastChannel).
 */
import { createAuthClient } from 'webjwt/client';

const json = { 'content-type': 'application/json' };

const client = createAuthClient({
  storage: localStorage,
  // The refresh route, with the plain fetch. A 400 or 401 (invalid_grant) ends the session; any
  // other failure, a dropped connection included, is retried by the next call.
  async refresh(refreshToken) {
    const response = await fetch('/refresh', { method: 'POST', headers: json, body: JSON.stringify({ refresh_token: refreshToken }) });
    if (!response.ok) throw Object.assign(new Error('refresh refused'), { status: response.status });
    return response.json();
  },
  revoke: (refreshToken) => fetch('/logout', { method: 'POST', headers: json, body: JSON.stringify({ refresh_token: refreshToken }) }),
});

const $ = (id) => document.getElementById(id);

function log(line) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toISOString().slice(11, 23)}  ${line}`;
  $('log').prepend(item);
}

client.subscribe((state) => {
  const until = state.expiresAt === null ? '' : `, access token until ${new Date(state.expiresAt).toISOString().slice(11, 19)}`;
  $('state').textContent = `${state.status}${until}${state.error === null ? '' : ` (${state.error.code})`}`;
  log(`state: ${$('state').textContent}`);
});
$('state').textContent = client.getSnapshot().status;

/** What the buttons do, and what the browser test calls. */
const demo = {
  /** The state, with the error as its code. */
  state() {
    const { status, expiresAt, error } = client.getSnapshot();
    return { status, expiresAt, error: error?.code ?? null };
  },
  async login(username, password) {
    const response = await fetch('/login', { method: 'POST', headers: json, body: JSON.stringify({ username, password }) });
    log(`POST /login → ${response.status}`);
    if (response.ok) await client.setTokens(await response.json());
    return response.status;
  },
  /** `count` calls to /profile at once; each a status, or the AuthClientError code of a refresh that failed. */
  async call(count) {
    const results = await Promise.all(
      Array.from({ length: count }, () =>
        client.fetch('/profile').then(
          (response) => response.status,
          (error) => error.code ?? String(error),
        ),
      ),
    );
    log(`GET /profile ×${count} → ${results.join(' ')}`);
    return results;
  },
  async loseNextRefresh() {
    await fetch('/debug/lose-next-refresh', { method: 'POST' });
    log('the next refresh response will be lost');
  },
  async logout() {
    await client.logout();
    log('logged out');
  },
};
window.demo = demo;

$('login').addEventListener('click', () => void demo.login($('username').value, $('password').value));
$('call').addEventListener('click', () => void demo.call(10));
$('lose').addEventListener('click', () => void demo.loseNextRefresh());
$('logout').addEventListener('click', () => void demo.logout());
