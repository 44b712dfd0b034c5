// The page's clipboard panel. Text the guest copies appears in the text area (noVNC's 'clipboard'
// event). "Send to clipboard" hands the text to the server as the viewer's clipboard, which goes to
// the guest's clipboard where the server allows it. "Paste as keys" types the text from the page
// itself as key events, like the user's own typing: US layout (Shift for capitals and symbols,
// Return for newlines, Tab), characters without a key skipped and counted, one event every
// 10 ms so the guest keeps up. The text never leaves the page except by these two buttons.

const KEY_INTERVAL_MS = 10;
const SHIFT_L = 0xffe1;
const RETURN = 0xff0d;
const TAB = 0xff09;
const SHIFTED = '~!@#$%^&*()_+{}|:"<>?';

// The keystrokes typing `text` takes: { keysym, shift } per character, and how many were skipped.
export function keystrokes(text) {
    const keys = [];
    let skipped = 0;
    for (const ch of text.replace(/\r\n?/g, '\n')) {
        const c = ch.codePointAt(0);
        if (ch === '\n') {
            keys.push({ keysym: RETURN, shift: false });
        } else if (ch === '\t') {
            keys.push({ keysym: TAB, shift: false });
        } else if (c >= 0x20 && c <= 0x7e) {
            keys.push({ keysym: c, shift: (ch >= 'A' && ch <= 'Z') || SHIFTED.includes(ch) });
        } else {
            skipped++;
        }
    }
    return { keys, skipped };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class ClipboardPanel {
    constructor() {
        this.text = document.getElementById('clipboard-text');
        this.status = document.getElementById('clipboard-status');
        this.sendButton = document.getElementById('clipboard-send');
        this.typeButton = document.getElementById('clipboard-type');
        this.rfb = null;
        this.typing = false;
        this.sendButton.addEventListener('click', () => this.send());
        this.typeButton.addEventListener('click', () => this.typeText());
        this.onClipboard = (e) => {
            this.text.value = e.detail.text;
            this.say('from the guest: ' + e.detail.text.length + ' characters');
        };
        this.attach(null);
    }

    // Follows the connection: `rfb` while connected, null when not.
    attach(rfb) {
        if (this.rfb) {
            this.rfb.removeEventListener('clipboard', this.onClipboard);
        }
        this.rfb = rfb;
        if (rfb) {
            rfb.addEventListener('clipboard', this.onClipboard);
        }
        this.sendButton.disabled = this.typeButton.disabled = !rfb;
    }

    say(message) {
        this.status.textContent = message;
    }

    send() {
        if (this.rfb) {
            this.rfb.clipboardPasteFrom(this.text.value);
            this.say('sent ' + this.text.value.length + ' characters');
        }
    }

    async typeText() {
        if (!this.rfb || this.typing) {
            return;
        }
        const rfb = this.rfb;
        const { keys, skipped } = keystrokes(this.text.value);
        this.typing = true;
        this.typeButton.disabled = true;
        this.say('typing ' + keys.length + ' characters');
        try {
            for (const k of keys) {
                if (this.rfb !== rfb) {
                    break; // disconnected meanwhile
                }
                const events = k.shift ? [[SHIFT_L, true], [k.keysym, true], [k.keysym, false], [SHIFT_L, false]]
                    : [[k.keysym, true], [k.keysym, false]];
                for (const [keysym, down] of events) {
                    rfb.sendKey(keysym, null, down);
                    await sleep(KEY_INTERVAL_MS);
                }
            }
            this.say('typed ' + keys.length + ' characters' + (skipped ? ', skipped ' + skipped + ' without a key' : ''));
        } finally {
            this.typing = false;
            this.typeButton.disabled = !this.rfb;
        }
    }
}
