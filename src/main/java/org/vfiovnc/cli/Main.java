package org.vfiovnc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar vfio-vnc.jar <command>}. */
@Command(name = "vfio-vnc", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "VNC server for VFIO mediated-device (vGPU) displays.",
        subcommands = {ServeCommand.class, HostCommand.class, ProbeCommand.class, RecordCommand.class, SnapshotCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests). */
    public static int run(String... args) {
        LogSetup.install();
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler(Main::badArguments);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("vfio-vnc: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        });
        return cl.execute(args);
    }

    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("vfio-vnc: " + e.getMessage());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return 2;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
