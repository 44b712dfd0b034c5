// How the VM's screen fits the page (the View menu) and fullscreen.
//   scale:  scaled to the window (the VM keeps its size);
//   remote: the VM is asked to take the window's size (SetDesktopSize: a virtio-gpu guest behind
//           qemu-dbus follows; others answer "prohibited"), scaled to fit while it does not;
//   none:   pixel for pixel (scrollbars when the screen is larger than the window).
// ?view=scale|remote|none picks one (?scale=0 means none); otherwise the last choice is kept in
// localStorage. In remote mode a note says when the VM has not taken the window's size.
const MODES = ['scale', 'remote', 'none'];
const STORE_KEY = 'vfio-vnc.view';
// A guest follows within seconds; the note clears itself if it follows later.
const FOLLOW_CHECK_MS = 6000;

export class ViewControls {
    constructor(screen, params) {
        this.screen = screen;
        this.select = document.getElementById('view');
        this.fullscreen = document.getElementById('fullscreen');
        this.note = document.getElementById('view-note');
        this.rfb = null;
        this.checkTimer = null;
        // noVNC sets the canvas's width and height when the VM's size changes: a note that no longer
        // holds goes at once, and a size that differs from the window is judged after the wait.
        this.canvasWatch = new MutationObserver(() => {
            if (this.followed()) {
                clearTimeout(this.checkTimer);
                this.setNote('');
            } else {
                this.scheduleCheck();
            }
        });
        this.select.value = initialMode(params);
        this.select.addEventListener('change', () => {
            remember(this.select.value);
            this.apply();
        });
        this.fullscreen.addEventListener('click', () => this.toggleFullscreen());
        document.addEventListener('fullscreenchange', () => {
            this.fullscreen.textContent = document.fullscreenElement ? 'Exit fullscreen' : 'Fullscreen';
            this.scheduleCheck();
        });
        window.addEventListener('resize', () => this.scheduleCheck());
    }

    get mode() {
        return this.select.value;
    }

    // The connection the controls act on (null when there is none).
    attach(rfb) {
        this.rfb = rfb;
        this.canvasWatch.disconnect();
        const canvas = this.screen.querySelector('canvas');
        if (rfb && canvas) {
            this.canvasWatch.observe(canvas, { attributes: true, attributeFilter: ['width', 'height'] });
        }
        this.apply();
    }

    apply() {
        this.setNote('');
        if (!this.rfb) {
            clearTimeout(this.checkTimer);
            return;
        }
        // noVNC asks for the container's size itself (on connect, on every window resize);
        // scaling stays on so a VM that keeps its size still fits.
        this.rfb.resizeSession = this.mode === 'remote';
        this.rfb.scaleViewport = this.mode !== 'none';
        this.scheduleCheck();
    }

    toggleFullscreen() {
        const done = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
        done.catch((e) => this.setNote('fullscreen refused by the browser: ' + e.message));
    }

    // After the VM had time to follow, says whether it did (remote mode only).
    scheduleCheck() {
        clearTimeout(this.checkTimer);
        if (!this.rfb || this.mode !== 'remote') {
            return;
        }
        this.checkTimer = setTimeout(() => this.checkFollowed(), FOLLOW_CHECK_MS);
    }

    checkFollowed() {
        const canvas = this.screen.querySelector('canvas');
        if (!this.rfb || this.mode !== 'remote' || !canvas) {
            return;
        }
        if (this.followed()) {
            this.setNote('');
        } else {
            const box = this.screenSize();
            this.setNote('the VM has not taken the window\'s size (it shows ' + canvas.width + 'x' + canvas.height
                + ', window ' + box.w + 'x' + box.h + '): scaled to fit');
        }
    }

    // Whether the canvas (the VM's size) has the size of the page's screen area.
    followed() {
        const canvas = this.screen.querySelector('canvas');
        const box = this.screenSize();
        return !!canvas && canvas.width === box.w && canvas.height === box.h;
    }

    screenSize() {
        const box = this.screen.getBoundingClientRect();
        return { w: Math.floor(box.width), h: Math.floor(box.height) };
    }

    setNote(text) {
        this.note.textContent = text;
        this.note.hidden = !text;
    }
}

function initialMode(params) {
    const asked = params.get('view');
    if (MODES.includes(asked)) {
        return asked;
    }
    if (params.get('scale') === '0') {
        return 'none';
    }
    try {
        const kept = localStorage.getItem(STORE_KEY);
        if (MODES.includes(kept)) {
            return kept;
        }
    } catch (e) {
        // storage blocked (private mode, file:): the default then
    }
    return 'scale';
}

function remember(mode) {
    try {
        localStorage.setItem(STORE_KEY, mode);
    } catch (e) {
        // not kept: fine
    }
}
