// The page vfio-vnc serves to browsers: noVNC's RFB client (installed by npm, served under /novnc/)
// connected back to the server that served this page, over wss:// when the page came over https://.
// Query parameters: ?autoconnect=0 to wait for the button, ?scale=0 to show pixels 1:1.
import RFB from './novnc/core/rfb.js';
import { ClipboardPanel } from './clipboard.js';
import { attachPower } from './power.js';

const params = new URLSearchParams(location.search);
const screen = document.getElementById('screen');
const status = document.getElementById('status');
const connectButton = document.getElementById('connect');
const disconnectButton = document.getElementById('disconnect');
const scaleBox = document.getElementById('scale');
const passwordForm = document.getElementById('password-form');
const passwordInput = document.getElementById('password');
const usernameLabel = document.getElementById('username-label');
const usernameInput = document.getElementById('username');

let rfb = null;
const clipboard = new ClipboardPanel();
scaleBox.checked = params.get('scale') !== '0';

function setStatus(text) {
    status.textContent = text;
    document.body.dataset.state = text;
}

function connect() {
    if (rfb) {
        return;
    }
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/websockify';
    setStatus('connecting');
    rfb = new RFB(screen, url, { shared: true });
    rfb.scaleViewport = scaleBox.checked;
    rfb.focusOnClick = true;
    window.vncClient = rfb;
    attachPower(rfb);
    rfb.addEventListener('connect', () => {
        setStatus('connected');
        clipboard.attach(rfb);
        passwordForm.hidden = true;
        rfb.focus();
    });
    rfb.addEventListener('disconnect', (e) => {
        // Keep a security failure's message: it says more than "disconnected".
        if (!status.textContent.startsWith('authentication failed')) {
            setStatus(e.detail.clean ? 'disconnected' : 'connection lost');
        }
        rfb = null;
        clipboard.attach(null);
        connectButton.disabled = false;
        disconnectButton.disabled = true;
        passwordForm.hidden = true;
    });
    rfb.addEventListener('credentialsrequired', (e) => {
        const types = (e.detail && e.detail.types) || ['password'];
        usernameLabel.hidden = !types.includes('username');
        passwordForm.hidden = false;
        setStatus('password required');
        (types.includes('username') ? usernameInput : passwordInput).focus();
    });
    rfb.addEventListener('securityfailure', (e) => {
        setStatus('authentication failed: ' + (e.detail.reason || e.detail.status));
    });
    rfb.addEventListener('desktopname', (e) => {
        document.title = e.detail.name + ' - vfio-vnc';
    });
    connectButton.disabled = true;
    disconnectButton.disabled = false;
}

passwordForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!rfb) {
        return;
    }
    const creds = { password: passwordInput.value };
    if (!usernameLabel.hidden) {
        creds.username = usernameInput.value;
    }
    passwordInput.value = '';
    passwordForm.hidden = true;
    setStatus('authenticating');
    rfb.sendCredentials(creds);
});
connectButton.addEventListener('click', connect);
disconnectButton.addEventListener('click', () => rfb && rfb.disconnect());
scaleBox.addEventListener('change', () => {
    if (rfb) {
        rfb.scaleViewport = scaleBox.checked;
    }
});

if (params.get('autoconnect') !== '0') {
    connect();
}
