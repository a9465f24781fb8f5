// The desk's connection to crossfire, all on the page's own origin:
//   events                  server-sent events: "hello" when the stream opens, then an "alert" per
//                           exchange alert and a "pileon" per pile-on alert
//   ../exchanges, ../pileons the lists as they stand, read at every (re)connection of the stream
// The stream is read with fetch rather than EventSource so that the access token travels in the
// Authorization header, never in an address.

const TOKEN_KEY = 'crossfire.token';
const EVENT_MAX_CHARS = 4 * 1024 * 1024; // an alert is a few KiB; a stream without event ends is broken
/** The server sends a heartbeat every 15 s: this long without a byte, and the connection is dead. */
const SILENCE_MS = 40 * 1000;
const BACKOFF_MAX_MS = 30 * 1000;

export class Unauthorized extends Error {}

const sleep = (ms, wake) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  wake.now = () => {
    clearTimeout(timer);
    resolve();
  };
});

/**
 * Follows the stream until the page closes. {@code on} gets:
 *   hello()                  a stream opened (read the lists now)
 *   event(type, json)        an event after hello
 *   heard()                  any bytes from the server (heartbeats too)
 *   ended()                  the server ended a stream as it does every while; a new one follows at once
 *   lost(reason, retryInMs)  the connection failed or went silent
 *   token(state, text)       a token is needed or was refused
 */
export class Feed {
  constructor(on, tokenForm, tokenInput) {
    this.on = on;
    this.tokenForm = tokenForm;
    this.tokenInput = tokenInput;
    this.token = sessionStorage.getItem(TOKEN_KEY);
    this.tokenWanted = null;
    this.tokenAsked = null;
    this.wake = {};
    this.takeTokenFromFragment();
    window.addEventListener('hashchange', () => this.takeTokenFromFragment());
    tokenForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = tokenInput.value.trim();
      tokenInput.value = '';
      this.useToken(value);
    });
  }

  // ---- access token: from #token=..., or asked for; kept for this tab only ----

  /** Takes a token given as #token=... (at load, or pasted into the open page's address). */
  takeTokenFromFragment() {
    const given = new URLSearchParams(location.hash.slice(1)).get('token');
    if (!given) return;
    history.replaceState(null, '', location.pathname + location.search); // out of the address bar and history
    this.useToken(given);
  }

  useToken(value) {
    this.token = value;
    sessionStorage.setItem(TOKEN_KEY, value);
    this.tokenForm.hidden = true;
    if (this.tokenWanted) {
      const resolve = this.tokenWanted;
      this.tokenWanted = null;
      resolve();
    }
  }

  headers(extra) {
    const headers = Object.assign({}, extra);
    if (this.token) headers.Authorization = 'Bearer ' + this.token;
    return headers;
  }

  /** Shows the token form; every caller waits for the same answer. */
  askForToken() {
    if (!this.tokenAsked) {
      this.on.token(this.token ? 'the access token was refused' : 'an access token is needed');
      this.tokenForm.hidden = false;
      this.tokenInput.focus();
      this.tokenAsked = new Promise((resolve) => { this.tokenWanted = resolve; }).then(() => { this.tokenAsked = null; });
    }
    return this.tokenAsked;
  }

  /** Reads a list; a server without the route (404) has none of these: null. */
  async read(path) {
    const response = await fetch(path, { headers: this.headers({ Accept: 'application/json' }), cache: 'no-store' });
    if (response.status === 401) throw new Unauthorized();
    if (response.status === 404) return null;
    if (!response.ok) throw new Error('the server answered ' + response.status);
    return response.json();
  }

  /** Cuts a wait between attempts short (the editor asked, or the network came back). */
  retryNow() {
    if (this.wake.now) this.wake.now();
  }

  async follow() {
    let backoff = 1000;
    for (;;) {
      let wait = backoff;
      const abort = new AbortController();
      let lastByte = Date.now();
      const watch = setInterval(() => {
        if (Date.now() - lastByte > SILENCE_MS) abort.abort();
      }, 5000);
      try {
        const response = await fetch('events', { headers: this.headers({ Accept: 'text/event-stream' }), cache: 'no-store', signal: abort.signal });
        if (response.status === 401) {
          clearInterval(watch);
          await this.askForToken();
          continue;
        }
        if (!response.ok || !response.body) throw new Error('the server answered ' + response.status);
        let serverRetry = null;
        await readEvents(response.body, (event) => {
          if (event.retry !== null) serverRetry = event.retry;
          if (event.type === 'hello') {
            backoff = 1000;
            this.on.hello();
          } else if (event.data) {
            this.on.event(event.type, JSON.parse(event.data));
          }
        }, () => {
          lastByte = Date.now();
          this.on.heard();
        });
        wait = serverRetry === null ? 1000 : serverRetry;
        this.on.ended();
      } catch (e) {
        if (e instanceof Unauthorized) {
          clearInterval(watch);
          await this.askForToken();
          continue;
        }
        const reason = abort.signal.aborted ? 'no word from the server for ' + SILENCE_MS / 1000 + ' s' : e.message || String(e);
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
        this.on.lost(reason, wait);
      } finally {
        clearInterval(watch);
      }
      await sleep(wait, this.wake);
    }
  }
}

/** Calls onEvent({type, data, retry}) for each event of a text/event-stream body, until it ends. */
async function readEvents(body, onEvent, onBytes) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    await readBlocks(reader, onEvent, onBytes);
  } catch (e) {
    reader.cancel().catch(() => {}); // closes the connection, which frees the server's slot
    throw e;
  }
}

async function readBlocks(reader, onEvent, onBytes) {
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onBytes();
    buffer += value.replace(/\r\n?/g, '\n');
    if (buffer.length > EVENT_MAX_CHARS) throw new Error('an event of over 4 MiB');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { type: 'message', data: '', retry: null };
      const data = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue; // comments are the server's heartbeats
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.type = val;
        else if (field === 'data') data.push(val);
        else if (field === 'retry' && /^\d+$/.test(val)) event.retry = Number(val);
      }
      event.data = data.join('\n');
      if (data.length > 0 || event.type !== 'message' || event.retry !== null) onEvent(event);
    }
  }
}
