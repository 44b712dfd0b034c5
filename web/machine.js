// Ctrl+Alt+Del for the VM: a browser never passes that combination on, so the page sends it.
// (The power menu is web/power.js.)
export class MachineControls {
    constructor() {
        this.rfb = null;
        this.ctrlAltDel = document.getElementById('ctrl-alt-del');
        this.ctrlAltDel.addEventListener('click', () => {
            if (this.rfb) {
                this.rfb.sendCtrlAltDel();
                this.rfb.focus();
            }
        });
    }

    // The connection the button acts on (null when there is none).
    attach(rfb) {
        this.rfb = rfb;
        this.ctrlAltDel.disabled = !rfb;
    }
}
