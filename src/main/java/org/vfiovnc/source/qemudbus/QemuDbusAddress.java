package org.vfiovnc.source.qemudbus;

/**
 * The argument of {@code --source qemu-dbus:ADDRESS[,console=N]}: a D-Bus address (which itself may
 * hold commas, e.g. {@code unix:path=/run/vm1/bus,guid=...}) and the console number (default 0).
 */
public record QemuDbusAddress(String busAddress, int console) {
    private static final String CONSOLE = ",console=";

    public static QemuDbusAddress parse(String spec) {
        String addr = spec;
        int console = 0;
        int at = spec.lastIndexOf(CONSOLE);
        if (at >= 0) {
            String n = spec.substring(at + CONSOLE.length());
            try {
                console = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad console '" + n + "' in qemu-dbus:" + spec + "; expected a number");
            }
            if (console < 0 || console > 255) {
                throw new IllegalArgumentException("console " + console + " out of range 0..255");
            }
            addr = spec.substring(0, at);
        }
        if (addr.isEmpty() || !addr.contains(":")) {
            throw new IllegalArgumentException("bad qemu-dbus source 'qemu-dbus:" + spec
                    + "'; expected qemu-dbus:ADDRESS[,console=N] with a D-Bus address, e.g. qemu-dbus:unix:path=/run/vm1/dbus.sock");
        }
        return new QemuDbusAddress(addr, console);
    }

    String consolePath() {
        return "/org/qemu/Display1/Console_" + console;
    }
}
