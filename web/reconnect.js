// Connects again after a connection ended without the user asking: after 1 s, then twice as long
// after each try that fails, up to 30 s, counting down in the status line. A connection that came
// up starts the waits over. An authentication failure or the Disconnect button stop it (they
// need the user); Connect tries at once.
const FIRST_WAIT_MS = 1000;
const LONGEST_WAIT_MS = 30000;

export class Reconnector {
    constructor(connect, setStatus) {
        this.connect = connect;
        this.setStatus = setStatus;
        this.tries = 0;
        this.timer = null;
    }

    // A connection is up: the next loss waits the shortest time again.
    connected() {
        this.tries = 0;
    }

    // The connection ended for {@code reason}; try again after the current wait.
    lost(reason) {
        this.cancel();
        const wait = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** this.tries);
        this.tries++;
        const due = Date.now() + wait;
        const show = () => {
            const left = Math.max(0, Math.ceil((due - Date.now()) / 1000));
            this.setStatus(reason + '; reconnecting in ' + left + ' s');
        };
        show();
        const countdown = setInterval(show, 1000);
        this.timer = setTimeout(() => {
            clearInterval(countdown);
            this.timer = null;
            this.connect();
        }, wait);
        this.stopCountdown = () => clearInterval(countdown);
    }

    get pending() {
        return this.timer !== null;
    }

    // No more tries (the user disconnected, or credentials are needed).
    cancel() {
        if (this.timer !== null) {
            clearTimeout(this.timer);
            this.stopCountdown();
            this.timer = null;
        }
    }

    // Stops retrying and forgets past failures.
    reset() {
        this.cancel();
        this.tries = 0;
    }
}
