// The page vfio-vnc serves to browsers: noVNC's RFB client (installed by npm, served under /novnc/)
// connected back to the server that served this page, over wss:// when the page came over https://
// (at /vm/NAME/ on a host's shared port the page connects to display NAME).
// Query parameters: ?autoconnect=0 to wait for the button, ?view=scale|remote|none (?scale=0: none),
// ?token=... for a host's token routing.
import RFB from './novnc/core/rfb.js';
import { ClipboardPanel } from './clipboard.js';
import { ViewControls } from './view.js';
import { MachineControls } from './machine.js';
import { Reconnector } from './reconnect.js';
import { attachPower } from './power.js';

const params = new URLSearchParams(location.search);
const screen = document.getElementById('screen');
const status = document.getElementById('status');
const connectButton = document.getElementById('connect');
const disconnectButton = document.getElementById('disconnect');
const passwordForm = document.getElementById('password-form');
const passwordInput = document.getElementById('password');
const usernameLabel = document.getElementById('username-label');
const usernameInput = document.getElementById('username');

let rfb = null;
const clipboard = new ClipboardPanel();
const view = new ViewControls(screen, params);
const machine = new MachineControls();
const reconnector = new Reconnector(connect, setStatus);
// Why the last connection ended, for the message and whether to connect again.
let userDisconnected = false;
let securityFailed = false;
let wasConnected = false;
// The credentials that opened the last connection, sent again once when a reconnect asks.
let savedCredentials = null;
let credentialsOffered = false;

function setStatus(text) {
    status.textContent = text;
    document.body.dataset.state = text;
}

function connect() {
    if (rfb) {
        return;
    }
    reconnector.cancel();
    userDisconnected = false;
    securityFailed = false;
    wasConnected = false;
    credentialsOffered = false;
    // Next to the page: /websockify on a server's own port, /vm/NAME/websockify for a display of a host.
    const url = new URL('websockify', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    // A host's token link (/?token=...): the WebSocket carries the token to the display it names.
    if (params.has('token')) {
        url.searchParams.set('token', params.get('token'));
    }
    setStatus('connecting');
    rfb = new RFB(screen, url.href, { shared: true });
    rfb.focusOnClick = true;
    window.vncClient = rfb;
    view.attach(rfb);
    machine.attach(rfb);
    attachPower(rfb);
    rfb.addEventListener('connect', () => {
        wasConnected = true;
        reconnector.connected();
        setStatus('connected');
        clipboard.attach(rfb);
        passwordForm.hidden = true;
        rfb.focus();
    });
    rfb.addEventListener('disconnect', (e) => {
        rfb = null;
        clipboard.attach(null);
        view.attach(null);
        machine.attach(null);
        connectButton.disabled = false;
        passwordForm.hidden = true;
        if (userDisconnected || securityFailed) {
            // Keep a security failure's message: it says more than "disconnected".
            reconnector.reset();
            disconnectButton.disabled = true;
            if (!securityFailed) {
                setStatus('disconnected');
            }
            return;
        }
        // Lost without the user asking: try again (Disconnect stops the tries, Connect hurries them).
        disconnectButton.disabled = false;
        reconnector.lost(!wasConnected ? 'cannot reach the server'
            : e.detail.clean ? 'the server closed the connection' : 'connection lost');
    });
    rfb.addEventListener('credentialsrequired', (e) => {
        const types = (e.detail && e.detail.types) || ['password'];
        if (savedCredentials && !credentialsOffered) {
            credentialsOffered = true;
            setStatus('authenticating');
            rfb.sendCredentials(savedCredentials);
            return;
        }
        usernameLabel.hidden = !types.includes('username');
        passwordForm.hidden = false;
        setStatus('password required');
        (types.includes('username') ? usernameInput : passwordInput).focus();
    });
    rfb.addEventListener('securityfailure', (e) => {
        securityFailed = true;
        savedCredentials = null;
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
    savedCredentials = creds;
    passwordInput.value = '';
    passwordForm.hidden = true;
    setStatus('authenticating');
    rfb.sendCredentials(creds);
});
connectButton.addEventListener('click', connect);
disconnectButton.addEventListener('click', () => {
    userDisconnected = true;
    if (rfb) {
        rfb.disconnect();
    } else {
        // Waiting to reconnect: stop.
        reconnector.reset();
        disconnectButton.disabled = true;
        setStatus('disconnected');
    }
});

if (params.get('autoconnect') !== '0') {
    connect();
}
