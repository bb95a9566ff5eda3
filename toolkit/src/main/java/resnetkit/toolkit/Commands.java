package resnetkit.toolkit;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kit's commands (experiments, batch grading, benchmarks) are picocli {@code @Command}s, whose main runs
 * {@code Commands.execute(command, args)} and exits with its code when that is not 0. {@code --help} prints the
 * usage (code 0); a usage error (an unknown option, a bad value, a missing required option) prints the error,
 * picocli's suggestions if any, and the usage (code 2); an exercise that is still a stub ({@link NotWrittenYet},
 * thrown or anywhere in the cause chain of what the command threw) prints one line naming the command and the
 * exercise to write, no stack trace (code {@value #NOT_WRITTEN}); any other exception of the command is printed
 * with its stack trace (code 1). Nothing here ends the JVM: the toolkit is on the students' classpath.
 */
public final class Commands {

    /** The exit code of a command stopped by an exercise stub (also picocli's code for a usage error). */
    public static final int NOT_WRITTEN = 2;

    /**
     * The system property naming a file into which {@link #execute} writes the command's exit code. The experiment
     * commands run through Maven's exec plugin, whose own JVM can only exit 0 or 1: the kit's {@code run} profile
     * accepts codes 0 and 2 from the command (so Maven prints no error of its own) and hands a recorded 2 on as
     * the Maven JVM's exit code (see {@code resnetkit.experiments.ExitCode}).
     */
    public static final String EXIT_CODE_FILE = "resnetkit.exitCodeFile";

    private Commands() {
    }

    /** The command line of {@code command} (an instance or a class), with the kit's handling of errors and stubs. */
    public static CommandLine of(Object command) {
        return new CommandLine(command).setParameterExceptionHandler(Commands::usageError)
                .setExecutionExceptionHandler(Commands::stopped);
    }

    /** Runs {@code command} with {@code args} as {@link #of} sets it up and returns the exit code, also recorded. */
    public static int execute(Object command, String... args) {
        return execute(of(command), args);
    }

    /** Runs a command line made by {@link #of} and returns its exit code, recorded where {@link #EXIT_CODE_FILE} says. */
    public static int execute(CommandLine command, String... args) {
        int code = command.execute(args);
        String file = System.getProperty(EXIT_CODE_FILE);
        if (file != null && !file.isBlank()) {
            try {
                Files.writeString(Path.of(file), code + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("could not record the exit code in " + file, e);
            }
        }
        return code;
    }

    /** picocli's own handler prints the usage only when it has no suggestion; this always prints it. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getColorScheme().errorText(e.getMessage()));
        UnmatchedArgumentException.printSuggestions(e, err);
        cl.usage(err, cl.getColorScheme());
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** An exercise stub: one line, the exercise to write; anything else: picocli's stack trace and code 1. */
    private static int stopped(Exception e, CommandLine cl, ParseResult parsed) throws Exception {
        NotWrittenYet stub = NotWrittenYet.in(e);
        if (stub == null) {
            throw e;
        }
        cl.getErr().println(cl.getCommandName() + " needs " + stub.getMessage());
        cl.getErr().flush();
        return NOT_WRITTEN;
    }
}
