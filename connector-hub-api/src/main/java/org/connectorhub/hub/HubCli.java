package org.connectorhub.hub;

import org.connectorhub.hub.accounts.AccountsCommand;
import org.connectorhub.hub.cli.ExitCodes;
import org.connectorhub.hub.cli.ServeCommand;
import org.connectorhub.hub.cli.VerifyCommand;
import org.connectorhub.hub.console.ConsoleCommand;

import org.connectorhub.hub.crypto.KeysCommand;
import org.connectorhub.hub.crypto.KeysMaintenanceCommands;
import org.connectorhub.hub.projects.ProjectOriginsCommand;
import org.connectorhub.hub.projects.ProjectsCommand;
import org.connectorhub.hub.projects.ApiKeysCommand;
import org.connectorhub.hub.cli.StoreCommand;
import org.connectorhub.hub.cli.TrainCommand;
import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.connectorhub.hub.storage.CurrentActor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hub} command line: {@code serve}, {@code verify}, {@code projects create},
 * {@code keys rotate}. Exit codes: 0 ok, 1 rejected or failed, 2 usage, 3 provider unavailable.
 */
@Command(name = "hub", mixinStandardHelpOptions = true, version = "Connector Hub 0.1.0",
        description = "Connector Hub: link, verify and use your users' SaaS accounts.")
public final class HubCli implements Runnable {
    public static final int OK = ExitCodes.OK;
    public static final int FAILED = ExitCodes.FAILED;
    public static final int USAGE = ExitCodes.USAGE;
    public static final int UNAVAILABLE = ExitCodes.UNAVAILABLE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A command line over the given environment, printing to {@code out} and {@code err}: every command. */
    public static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        requireNonNull(env, "env is null");
        return withCommands(subcommands(env, out), out, err);
    }

    /**
     * The command line {@code args} need: when they start with a command's name, the hub with that
     * command alone (picocli builds a model of every option of every command it is given, which took
     * a quarter of {@code serve}'s start-up with all of them), else every command (help, usage errors).
     */
    public static CommandLine forArgs(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        requireNonNull(env, "env is null");
        Map<String, Supplier<Object>> subcommands = subcommands(env, out);
        if (args.length == 0 || !subcommands.containsKey(args[0])) {
            return withCommands(subcommands, out, err);
        }
        return withCommands(Map.of(args[0], subcommands.get(args[0])), out, err);
    }

    private static CommandLine withCommands(Map<String, Supplier<Object>> commands, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new HubCli());
        commands.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        return configured(commandLine, out, err);
    }

    // built only when asked for: each is a command object or a CommandLine of a group
    private static Map<String, Supplier<Object>> subcommands(Map<String, String> env, PrintStream out) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("serve", () -> new ServeCommand(env, out));
        commands.put("verify", () -> new VerifyCommand(env));
        commands.put("projects", () -> new CommandLine(new ProjectsCommand())
                .addSubcommand("create", new ProjectsCommand.Create(env, out))
                .addSubcommand("origins", new ProjectOriginsCommand(env, out))
                .addSubcommand("keys", new CommandLine(new ApiKeysCommand())
                        .addSubcommand("list", new ApiKeysCommand.List(env, out))
                        .addSubcommand("create", new ApiKeysCommand.Create(env, out))
                        .addSubcommand("revoke", new ApiKeysCommand.Revoke(env, out))));
        commands.put("accounts", () -> new CommandLine(new AccountsCommand())
                .addSubcommand("suspend", new AccountsCommand.Suspend(env, out))
                .addSubcommand("resume", new AccountsCommand.Resume(env, out)));
        commands.put("console", () -> new CommandLine(new ConsoleCommand())
                .addSubcommand("link", new ConsoleCommand.Link(env, out)));
        commands.put("store", () -> new CommandLine(new StoreCommand())
                .addSubcommand("migrate", new StoreCommand.Migrate()));
        commands.put("keys", () -> new CommandLine(new KeysCommand())
                .addSubcommand("rotate", new KeysCommand.Rotate(env, out))
                .addSubcommand("reseal", new KeysMaintenanceCommands.Reseal(env, out))
                .addSubcommand("retire", new KeysMaintenanceCommands.Retire(env, out)));
        commands.put("train", () -> new TrainCommand(out));
        return commands;
    }

    private static CommandLine configured(CommandLine commandLine, PrintStream out, PrintStream err) {
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        // the audit trail names the OS user for whatever a command changes
        commandLine.setExecutionStrategy(parsed -> CurrentActor.as(CurrentActor.Actor.of(AccountsCommand.cliCaller()),
                () -> new CommandLine.RunLast().execute(parsed)));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // The message is ours (config, database, key file); no request data reaches here.
            cmd.getErr().println("error: " + e.getMessage());
            return FAILED;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
