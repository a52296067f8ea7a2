package org.connectorhub.hub.accounts;

import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.connectorhub.core.domain.AccountNotFoundException;
import org.connectorhub.core.domain.Caller;
import org.connectorhub.core.domain.ConnectorHubException;
import org.connectorhub.core.domain.LinkedAccount;
import org.connectorhub.core.domain.ProviderUnavailableException;
import org.connectorhub.core.port.in.SuspendAccountUseCase;
import org.connectorhub.hub.crypto.CipherLifecycle;
import org.connectorhub.hub.ConnectorsLifecycle;
import org.connectorhub.hub.cli.ConfigOptions;
import org.connectorhub.hub.cli.ExitCodes;
import org.connectorhub.hub.storage.DatabaseLifecycle;
import org.connectorhub.hub.projects.ProjectBootstrap;
import org.connectorhub.hub.HubModules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code accounts suspend|resume ID}: an operator stops an account without unlinking it, or lets
 * it run again (resume re-verifies first). The caller recorded is {@code cli:<OS user>}. Exit 0 ok,
 * 1 no such account, 2 usage, 3 provider unavailable (the account stays suspended).
 */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Suspend or resume linked accounts.")
public final class AccountsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Who runs the command, as the audit trail and the status reasons name them. */
    public static Caller cliCaller() {
        return new Caller(Caller.Kind.CLI, System.getProperty("user.name", "unknown"));
    }

    abstract static class AccountCommand implements Callable<Integer> {
        private final Map<String, String> env;
        private final PrintStream console;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOptions options = new ConfigOptions();

        @Parameters(index = "0", paramLabel = "ID", description = "The account id (acc_...).")
        String accountId;

        @Option(names = "--project", description = "The account's project (default: ${DEFAULT-VALUE}).")
        String projectId = ProjectBootstrap.DEFAULT_PROJECT_ID;

        AccountCommand(Map<String, String> env, PrintStream console) {
            this.env = requireNonNull(env, "env is null");
            this.console = requireNonNull(console, "console is null");
        }

        abstract LinkedAccount apply(SuspendAccountUseCase accounts);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Injector injector = Guice.createInjector(HubModules.embedded(options.toConfig(env), console));
            DatabaseLifecycle database = injector.getInstance(DatabaseLifecycle.class);
            CipherLifecycle cipher = injector.getInstance(CipherLifecycle.class);
            ConnectorsLifecycle connectors = injector.getInstance(ConnectorsLifecycle.class);
            database.start();
            try {
                cipher.start();
                connectors.start();
                LinkedAccount account = apply(injector.getInstance(SuspendAccountUseCase.class));
                out.println("account " + account.id() + ": " + account.status().wireName()
                        + account.statusReasons().stream().findFirst().map(r -> " (" + r.description() + ")").orElse(""));
                return ExitCodes.OK;
            } catch (AccountNotFoundException e) {
                err.println("no account '" + accountId + "' in project '" + projectId + "'");
                return ExitCodes.FAILED;
            } catch (ProviderUnavailableException e) {
                err.println(e.getMessage());
                return ExitCodes.UNAVAILABLE;
            } catch (ConnectorHubException e) {
                err.println(e.getMessage());
                return ExitCodes.USAGE;
            } finally {
                connectors.stop();
                cipher.stop();
                database.stop();
            }
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Suspend an account: it runs no action until resumed.")
    public static final class Suspend extends AccountCommand {
        @Option(names = "--reason", description = "Why (shown to API callers refused an action).")
        String reason;

        public Suspend(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        LinkedAccount apply(SuspendAccountUseCase accounts) {
            return accounts.suspend(projectId, accountId, cliCaller(), Optional.ofNullable(reason));
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume a suspended account; its credentials are verified first.")
    public static final class Resume extends AccountCommand {
        public Resume(Map<String, String> env, PrintStream console) {
            super(env, console);
        }

        @Override
        LinkedAccount apply(SuspendAccountUseCase accounts) {
            return accounts.resume(projectId, accountId, cliCaller());
        }
    }
}
