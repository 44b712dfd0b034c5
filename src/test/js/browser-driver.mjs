// Drives noVNC in one headless Chromium for a whole JUnit class: reads one JSON command per line
// on stdin, answers one line on stdout ("ok ..." or "err ..."). Started by BrowserDriver.java.
// playwright-core is resolved from $VFIOVNC_NODE_MODULES (web/node_modules, installed by npm).
import { createRequire } from 'node:module';
import readline from 'node:readline';

const require = createRequire(process.env.VFIOVNC_NODE_MODULES + '/');
const { chromium } = require('playwright-core');

const browser = await chromium.launch({
    executablePath: process.env.VFIOVNC_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--ignore-certificate-errors',
        // A name that resolves to loopback, as a DNS-rebinding attacker's name would.
        '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
});
let context = null;
let page = null;
const log = [];

async function freshPage() {
    if (context) {
        await context.close();
    }
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1024, height: 768 } });
    page = await context.newPage();
    log.length = 0;
    page.on('console', (m) => log.push(m.type() + ': ' + m.text()));
    page.on('pageerror', (e) => log.push('pageerror: ' + e.message));
}

// Loads any page (another site's too); answers "STATUS STATE", STATE being document.body.dataset.state,
// waited for when cmd.awaitState is set.
async function visit(cmd) {
    await freshPage();
    const response = await page.goto(cmd.url);
    const status = response ? response.status() : 0;
    if (cmd.awaitState) {
        await page.waitForFunction(() => document.body && document.body.dataset.state, null, { timeout: 15000 });
    }
    return status + ' ' + await page.evaluate(() => (document.body && document.body.dataset.state) || '');
}

async function open(cmd) {
    await freshPage();
    const response = await page.goto(cmd.url + '?autoconnect=0&' + (cmd.query || 'scale=0'));
    if (!response || response.status() !== 200) {
        throw new Error('page load answered ' + (response && response.status()));
    }
    // Restrict the encodings noVNC asks for (keeping pseudo-encodings), and count decoded rects per
    // encoding, so a test proves which encoding carried the pixels.
    await page.evaluate(async (only) => {
        const { default: RFB } = await import('/novnc/core/rfb.js');
        if (only) {
            const original = RFB.messages.clientEncodings;
            RFB.messages.clientEncodings = (sock, encs) => original(sock, encs.filter((e) => e < 0 || only.includes(e)));
        }
        window.decodedRects = {};
        document.getElementById('connect').click();
        const decoders = window.vncClient._decoders;
        for (const [enc, dec] of Object.entries(decoders)) {
            const orig = dec.decodeRect.bind(dec);
            dec.decodeRect = (...a) => {
                const done = orig(...a);
                if (done) {
                    window.decodedRects[enc] = (window.decodedRects[enc] || 0) + 1;
                }
                return done;
            };
        }
    }, cmd.encodings || null);
    if (cmd.password !== undefined) {
        await page.waitForSelector('#password-form:not([hidden])', { timeout: 10000 });
        if (cmd.username !== undefined) {
            await page.fill('#username', cmd.username);
        }
        await page.fill('#password', cmd.password);
        await page.click('#password-submit');
    }
    const want = cmd.expect || 'connected';
    await page.waitForFunction((w) => document.body.dataset.state && document.body.dataset.state.startsWith(w),
        want, { timeout: 15000 });
    return document_state();
}

// Loads a page that connects by itself (the served page, or the stock noVNC host page), answers
// its credential prompt once with cmd.username (when it asks for a user) and cmd.password, and
// waits for the end of the handshake. Answers "URL STATE": where the page ended up (after any
// redirect) and its body data-state, "connected" or the failure it shows its user.
async function connect(cmd) {
    await freshPage();
    const response = await page.goto(cmd.url);
    if (!response || response.status() !== 200) {
        throw new Error('page load answered ' + (response && response.status()));
    }
    const pending = ['', 'loading', 'connecting', 'authenticating'];
    const deadline = Date.now() + (cmd.timeoutMs || 30000);
    let answered = false;
    for (;;) {
        const state = await document_state() || '';
        if (state === 'password required' && !answered) {
            if (cmd.password === undefined) {
                return page.url() + ' asked for credentials, none given';
            }
            if (await page.isVisible('#username')) {
                await page.fill('#username', cmd.username || '');
            }
            await page.fill('#password', cmd.password);
            await page.click('#password-submit');
            answered = true;
        } else if (!pending.includes(state) && state !== 'password required') {
            return page.url() + ' ' + state;
        }
        if (Date.now() > deadline) {
            throw new Error('still "' + state + '" after ' + (cmd.timeoutMs || 30000) + ' ms');
        }
        await page.waitForTimeout(50);
    }
}

async function document_state() {
    return await page.evaluate(() => document.body.dataset.state);
}

async function pixels() {
    const r = await page.evaluate(() => {
        const canvas = document.querySelector('#screen canvas');
        if (!canvas) {
            return null;
        }
        const ctx = canvas.getContext('2d');
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let bin = '';
        for (let i = 0; i < data.length; i += 0x8000) {
            bin += String.fromCharCode.apply(null, data.subarray(i, i + 0x8000));
        }
        return { w: canvas.width, h: canvas.height, counts: window.decodedRects, rgba: btoa(bin) };
    });
    if (!r) {
        throw new Error('no canvas (state ' + await document_state() + ')');
    }
    return r.w + ' ' + r.h + ' ' + JSON.stringify(r.counts) + ' ' + r.rgba;
}

async function handle(cmd) {
    switch (cmd.op) {
        case 'open': return await open(cmd);
        case 'connect': return await connect(cmd);
        case 'visit': return await visit(cmd);
        case 'state': return await document_state();
        case 'url': return page.url();
        case 'frames': return JSON.stringify(page.frames().map((f) => f.url()));
        case 'pixels': return await pixels();
        case 'type':
            await page.focus('#screen canvas');
            await page.keyboard.type(cmd.text, { delay: 20 });
            return 'typed';
        case 'fill':
            await page.fill(cmd.selector, cmd.text);
            return 'filled';
        case 'click':
            await page.click(cmd.selector);
            return 'clicked';
        case 'awaitValue':
            // Until the element's value (a text area's text) is exactly cmd.text.
            await page.waitForFunction(([s, v]) => document.querySelector(s).value === v,
                [cmd.selector, cmd.text], { timeout: 15000 });
            return 'matched';
        case 'text': return JSON.stringify(await page.textContent(cmd.selector));
        case 'viewport':
            await page.setViewportSize({ width: cmd.width, height: cmd.height });
            return 'resized';
        case 'eval':
            // A page expression's value as JSON (sizes, element states).
            return JSON.stringify(await page.evaluate(cmd.js));
        case 'awaitTrue':
            // Until a page expression is true (15 s at most).
            // Polled from here: waitForFunction with a string evaluates it inside the page, which the
            // served page's Content-Security-Policy (no 'unsafe-eval') forbids.
            for (const end = Date.now() + (cmd.timeoutMs || 15000); !(await page.evaluate(cmd.js)); ) {
                if (Date.now() > end) {
                    throw new Error('still false after ' + (cmd.timeoutMs || 15000) + ' ms: ' + cmd.js);
                }
                await new Promise((r) => setTimeout(r, 50));
            }
            return 'true';
        case 'fetch': {
            // Raw status of a URL as the browser's network stack sees it (no page involved).
            const r = await context.request.get(cmd.url, { failOnStatusCode: false, maxRedirects: 0 });
            return String(r.status());
        }
        case 'log': return JSON.stringify(log);
        case 'close':
            if (context) {
                await context.close();
                context = null;
            }
            return 'closed';
        default: throw new Error('unknown op ' + cmd.op);
    }
}

const rl = readline.createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of rl) {
    if (!line.trim()) {
        continue;
    }
    let cmd;
    try {
        cmd = JSON.parse(line);
        if (cmd.op === 'quit') {
            break;
        }
        const result = await handle(cmd);
        process.stdout.write('ok ' + result + '\n');
    } catch (e) {
        process.stdout.write('err ' + String(e && e.message || e).replace(/\n/g, ' | ') + ' | log: '
            + JSON.stringify(log.slice(-10)) + '\n');
    }
}
await browser.close();
process.exit(0);
