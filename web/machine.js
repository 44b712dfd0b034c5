// What the page asks of the VM itself: Ctrl+Alt+Del (a browser never passes that combination on)
// and the power menu. The menu stays hidden until the server offers power control (XVP: noVNC then
// sets capabilities.power and fires 'capabilities'); its buttons call noVNC's own
// machineShutdown / machineReboot / machineReset.
export class MachineControls {
    constructor() {
        this.rfb = null;
        this.ctrlAltDel = document.getElementById('ctrl-alt-del');
        this.power = document.getElementById('power-menu');
        this.onCapabilities = () => this.showPower();
        this.ctrlAltDel.addEventListener('click', () => {
            if (this.rfb) {
                this.rfb.sendCtrlAltDel();
                this.rfb.focus();
            }
        });
        const actions = { 'power-shutdown': 'machineShutdown', 'power-reboot': 'machineReboot', 'power-reset': 'machineReset' };
        for (const [id, method] of Object.entries(actions)) {
            document.getElementById(id).addEventListener('click', () => {
                this.power.open = false;
                if (this.rfb) {
                    this.rfb[method]();
                }
            });
        }
    }

    // The connection the controls act on (null when there is none).
    attach(rfb) {
        if (this.rfb) {
            this.rfb.removeEventListener('capabilities', this.onCapabilities);
        }
        this.rfb = rfb;
        this.ctrlAltDel.disabled = !rfb;
        this.power.open = false;
        this.power.hidden = true;
        if (rfb) {
            rfb.addEventListener('capabilities', this.onCapabilities);
            this.showPower();
        }
    }

    showPower() {
        this.power.hidden = !(this.rfb && this.rfb.capabilities.power);
    }
}
