package org.vfiovnc.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest when packaged, else "dev". */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"vfio-vnc " + (v != null ? v : "dev")};
    }
}
