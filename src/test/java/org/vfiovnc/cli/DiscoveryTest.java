package org.vfiovnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vfiovnc.testing.BrowserDriver;
import org.vfiovnc.testing.HostProcess;
import org.vfiovnc.transport.RawClient;

/**
 * Displays found by host itself. mdev-displays: each mediated device in the devices directory that no display names becomes a
 * display named by its UUID, with the section's keys ({uuid} replaced: here each device has its own
 * password file); a reload after devices come and go starts and stops just those displays. The
 * devices directory is a stand-in for /sys/bus/mdev/devices: the displays' sources are not there,
 * so they show SOURCE UNAVAILABLE, but they are served, listed and guarded by their own passwords.
 * qemu-dbus-displays: each socket matching the pattern that no display names becomes a display
 * named by what its '*' matched.
 */
@Timeout(180)
class DiscoveryTest {
    private static final String NAMED = "0b5e6d7c-1111-4a2b-9c3d-4e5f6a7b8c9d";
    private static final String FOUND = "1c6f7e8d-2222-4b3c-8d4e-5f6a7b8c9d0e";
    private static final String LATER = "2d7a8f9e-3333-4c4d-9e5f-6a7b8c9d0e1f";

    @TempDir
    Path dir;

    private static List<String> names(int port) throws IOException {
        String r = RawClient.exchange(port, ("GET /displays HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer the-listing-secret-123\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, RawClient.status(r), r);
        List<String> names = new ArrayList<>();
        for (JsonNode d : new ObjectMapper().readTree(r.substring(r.indexOf("\r\n\r\n") + 4)).get("displays")) {
            names.add(d.get("name").asText());
        }
        return names;
    }

    @Test
    void eachDeviceNoDisplayNamesBecomesADisplay() throws Exception {
        Path devices = Files.createDirectories(dir.resolve("devices"));
        Files.createDirectory(devices.resolve(NAMED));
        Files.createDirectory(devices.resolve(FOUND.toUpperCase()));
        Files.createDirectory(devices.resolve("not-a-device"));
        for (String uuid : List.of(NAMED, FOUND, LATER)) {
            Files.writeString(dir.resolve(uuid + ".pw"), "pw-" + uuid.substring(0, 4) + "\n");
        }
        Files.writeString(dir.resolve("api"), "the-listing-secret-123\n");
        Path file = Files.writeString(dir.resolve("host.yaml"), "listen: 127.0.0.1:0\napi-token-file: " + dir.resolve("api")
                + "\nmdev-displays:\n  devices: " + devices + "\n  keys:\n    password-file: " + dir + "/{uuid}.pw\n"
                + "displays:\n  named: {source: 'vfio:" + NAMED + "', password-file: " + dir.resolve(NAMED + ".pw") + "}\n");
        try (HostProcess host = HostProcess.start(file)) {
            int shared = host.awaitPort("listening on ", 60);
            host.awaitLine("display named at /vm/named/", 30);
            host.awaitLine("display " + FOUND + " at /vm/" + FOUND + "/", 30);
            assertEquals(List.of(FOUND, "named"), names(shared), "the named display's device is not found again");

            try (BrowserDriver browser = BrowserDriver.start()) {
                String base = "http://127.0.0.1:" + shared + "/vm/" + FOUND + "/";
                assertTrue(browser.connect(base, null, "pw-" + NAMED.substring(0, 4)).contains("authentication failed"));
                String page = browser.connect(base, null, "pw-" + FOUND.substring(0, 4));
                assertTrue(page.endsWith(" connected"), "its own password file, by {uuid}: " + page);
            }

            Files.delete(devices.resolve(FOUND.toUpperCase()));
            Files.createDirectory(devices.resolve(LATER));
            host.signal("HUP");
            String reloaded = "reloaded " + file + ": 1 started or restarted [" + LATER + "], 1 stopped, 1 unchanged";
            for (int i = 0; i < 200 && !host.fullLog().contains(reloaded); i++) {
                Thread.sleep(50);
            }
            assertTrue(host.fullLog().contains(reloaded), host.log());
            assertEquals(List.of(LATER, "named"), names(shared));
            assertEquals(404, RawClient.status(RawClient.get(shared, "/vm/" + FOUND + "/")));
            assertFalse(host.fullLog().contains("pw-"), "no password in the log");
        }
    }

    @Test
    void eachQemuSocketNoDisplayNamesBecomesADisplay() throws Exception {
        Path vms = dir.resolve("vms");
        for (String vm : List.of("vm1", "vm2", "-bad", "empty")) {
            Files.createDirectories(vms.resolve(vm));
            if (!vm.equals("empty")) {
                Files.writeString(vms.resolve(vm).resolve("dbus.sock"), ""); // stands for the VM's bus socket
            }
        }
        Files.writeString(dir.resolve("api"), "the-listing-secret-123\n");
        Files.writeString(dir.resolve("vm1.pw"), "vm1-secret\n");
        Files.writeString(dir.resolve("empty.pw"), "empty-secret\n");
        Path file = Files.writeString(dir.resolve("host.yaml"), "listen: 127.0.0.1:0\napi-token-file: " + dir.resolve("api")
                + "\nqemu-dbus-displays:\n  sockets: " + vms + "/*/dbus.sock\n  keys:\n    password-file: " + dir + "/{name}.pw\n"
                + "    qmp: unix:" + vms + "/{name}/qmp.sock\n"
                + "displays:\n  second: {source: 'qemu-dbus:unix:path=" + vms.resolve("vm2/dbus.sock") + "'}\n");
        try (HostProcess host = HostProcess.start(file)) {
            int shared = host.awaitPort("listening on ", 90);
            assertEquals(List.of("second", "vm1"), names(shared), "vm2 is named; '-bad' is no name; 'empty' has no socket");
            assertTrue(host.fullLog().contains("QMP unix:" + vms.resolve("vm1/qmp.sock")), "{name} in a key: " + host.log());

            Files.writeString(vms.resolve("empty").resolve("dbus.sock"), "");
            host.signal("HUP");
            String reloaded = "reloaded " + file + ": 1 started or restarted [empty], 0 stopped, 2 unchanged";
            for (int i = 0; i < 400 && !host.fullLog().contains(reloaded); i++) {
                Thread.sleep(50);
            }
            assertTrue(host.fullLog().contains(reloaded), host.log());
            assertEquals(List.of("empty", "second", "vm1"), names(shared));
        }
    }
}
