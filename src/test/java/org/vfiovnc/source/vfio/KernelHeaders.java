package org.vfiovnc.source.vfio;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vfiovnc.testing.Tools;

/**
 * The uapi headers of the kernel the guest tests run (Debian's linux-source-6.12), which have the
 * iommufd/cdev parts that bookworm's system headers (6.1) lack. Taken from the tree build-kernel.sh
 * unpacked, else straight from the source tarball; {@code __user} stripped as headers_install does.
 */
final class KernelHeaders {
    static final Path TARBALL = Path.of("/usr/src/linux-source-6.12.tar.xz");
    static final Path TREE = Path.of(System.getenv().getOrDefault("VFIO_VNC_CACHE", "/var/cache/vfio-vnc"), "linux-source-6.12");

    private KernelHeaders() {}

    /** A directory to put first on the include path, holding linux/vfio.h and linux/iommufd.h. */
    static Path uapi612() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("uapi612");
        Path linux = Files.createDirectories(dir.resolve("linux"));
        for (String h : new String[] {"vfio.h", "iommufd.h"}) {
            Path inTree = TREE.resolve("include/uapi/linux").resolve(h);
            String text;
            if (Files.exists(inTree)) {
                text = Files.readString(inTree);
            } else {
                if (!Files.exists(TARBALL)) {
                    fail(TARBALL + " is missing; install Debian package linux-source-6.12 (.ci/run does)");
                }
                Path tmp = Files.createTempDirectory("ksrc");
                Tools.Result r = Tools.run(300, "tar", "-C", tmp.toString(), "-xJf", TARBALL.toString(),
                        "linux-source-6.12/include/uapi/linux/" + h);
                if (r.exitCode() != 0) {
                    fail("tar failed: " + r.output());
                }
                text = Files.readString(tmp.resolve("linux-source-6.12/include/uapi/linux").resolve(h));
            }
            Files.writeString(linux.resolve(h), text.replaceAll("\\b__user\\b", ""));
        }
        return dir;
    }
}
