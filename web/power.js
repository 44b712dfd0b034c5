// The page's power menu for the VM (shut down, reboot, reset), shown only while the server offers
// power actions to this viewer: noVNC sets capabilities.power and fires 'capabilities' once the
// server sent XVP_INIT. Each action asks first (a second click on "Yes, ..."), then calls noVNC's
// machineShutdown / machineReboot / machineReset. The server answers only a failure (XVP_FAIL,
// which noVNC just logs), so the page says what it asked for, not what happened.

const ACTIONS = [
    { id: 'shutdown', label: 'Shut down', question: 'Shut down the VM (ACPI power button)?', call: 'machineShutdown' },
    { id: 'reboot', label: 'Reboot', question: 'Reboot the VM (through its guest agent)?', call: 'machineReboot' },
    { id: 'reset', label: 'Reset', question: 'Reset the VM now? Unsaved work in it is lost.', call: 'machineReset' },
];

function element(tag, props, ...children) {
    const e = document.createElement(tag);
    Object.assign(e, props);
    e.append(...children);
    return e;
}

class PowerMenu {
    constructor() {
        this.rfb = null;
        this.pending = null;
        this.question = element('span', { id: 'power-question' });
        this.confirm = element('button', { id: 'power-confirm', type: 'button' });
        this.cancel = element('button', { id: 'power-cancel', type: 'button', textContent: 'Cancel' });
        this.asking = element('div', { className: 'power-ask', hidden: true }, this.question, this.confirm, this.cancel);
        this.said = element('span', { id: 'power-status', role: 'status' });
        const buttons = ACTIONS.map((a) => {
            const b = element('button', { id: 'power-' + a.id, type: 'button', textContent: a.label });
            b.addEventListener('click', () => this.ask(a));
            return b;
        });
        this.menu = element('details', { id: 'power-menu', hidden: true },
            element('summary', { textContent: 'Power' }),
            element('div', { className: 'power-actions' }, ...buttons, this.asking, this.said));
        this.confirm.addEventListener('click', () => this.perform());
        this.cancel.addEventListener('click', () => this.ask(null));
        this.onCapabilities = () => this.show();
        this.onDisconnect = () => this.attach(null);
        const bar = document.getElementById('bar');
        bar.insertBefore(this.menu, document.getElementById('status'));
    }

    // Follows the connection: `rfb` while connected, null when not.
    attach(rfb) {
        if (this.rfb) {
            this.rfb.removeEventListener('capabilities', this.onCapabilities);
            this.rfb.removeEventListener('disconnect', this.onDisconnect);
        }
        this.rfb = rfb;
        if (rfb) {
            rfb.addEventListener('capabilities', this.onCapabilities);
            rfb.addEventListener('disconnect', this.onDisconnect);
        }
        this.ask(null);
        this.said.textContent = '';
        this.show();
    }

    show() {
        const offered = !!(this.rfb && this.rfb.capabilities.power);
        this.menu.hidden = !offered;
        if (!offered) {
            this.menu.open = false;
        }
    }

    // Shows the question for action `a` (null: none).
    ask(a) {
        this.pending = a;
        this.asking.hidden = !a;
        if (a) {
            this.question.textContent = a.question;
            this.confirm.textContent = 'Yes, ' + a.label.toLowerCase();
            this.said.textContent = '';
        }
    }

    perform() {
        const a = this.pending;
        this.ask(null);
        if (a && this.rfb) {
            this.rfb[a.call]();
            this.said.textContent = 'asked the server to ' + a.label.toLowerCase();
        }
    }
}

let menu = null;

// Connects the power menu to `rfb` (a new connection); it follows that connection until it ends.
export function attachPower(rfb) {
    if (!menu) {
        menu = new PowerMenu();
    }
    menu.attach(rfb);
}
